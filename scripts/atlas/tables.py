"""Topic tables as plain rows for the terminal, Markdown and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from tabulate import tabulate

from .markdown import PlainNotes
from .model import Entry
from .topics import MARK, Cell, Column


def plain(cell: Cell) -> str:
    return cell.text + MARK.get(cell.verification, "")


def rows_by_jurisdiction(
    entries: Sequence[Entry], columns: Sequence[Column], notes: PlainNotes | None = None
) -> tuple[list[str], list[list[str]]]:
    """Jurisdictions as columns, topic fields as rows: the shape that fits a terminal and a paper.
    With ``notes``, each cell gets numbered source marks for a list printed after the table."""
    headers = ["", *[f"{e.code} {e.name_en}" for e in entries]]
    rows = []
    for c in columns:
        row = [c.label]
        for e in entries:
            cell = c.cell(e)
            row.append(plain(cell) + (notes.cite(*cell.basis) if notes else ""))
        rows.append(row)
    return headers, rows


def render(headers: list[str], rows: list[list[str]], fmt: str) -> str:
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows([[_csv_safe(v) for v in row] for row in rows])
        return buf.getvalue()
    if fmt == "md":
        esc_rows = [[v.replace("|", "\\|") for v in row] for row in rows]
        return tabulate(esc_rows, headers=[h.replace("|", "\\|") for h in headers], tablefmt="pipe", disable_numparse=True) + "\n"
    return tabulate(rows, headers=headers, tablefmt="simple_grid", disable_numparse=True, maxcolwidths=40) + "\n"


def _csv_safe(value: str) -> str:
    """Spreadsheets must not read entry text as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
