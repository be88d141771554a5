"""Open data files from the model: one JSON dataset, one CSV per topic plus sources, one XLSX workbook.

Deterministic: the same entries give byte-identical files. Nothing reads the clock; the as-of date
is the newest ``last_verified`` of any entry.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from . import __version__
from . import schema as sch
from .jsonstream import compact, object_with_list
from .model import Atlas, Entry, Sourced
from .serialize import entry_data
from .topics import TOPICS, Cell, Topic
from .xlsx import Sheet, workbook_bytes

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
DATASET_FILE = "retention-atlas.json"
WORKBOOK_FILE = "retention-atlas.xlsx"


def citation(atlas: Atlas, what: str = "dataset") -> str:
    return f"Retention Atlas {what}, version {__version__}, data as of {atlas.as_of}."


def _header(atlas: Atlas) -> dict[str, Any]:
    return {
        "$schema": "dataset.schema.json",
        "name": "Retention Atlas",
        "version": __version__,
        "schema_version": sch.version(),
        "as_of": atlas.as_of,
        "licence": LICENCE,
        "citation": citation(atlas),
    }


def dataset(atlas: Atlas) -> dict[str, Any]:
    return {**_header(atlas), "entries": [entry_data(e) for e in atlas.entries]}


def dataset_json(atlas: Atlas) -> bytes:
    return b"".join(dataset_chunks(atlas))


def entry_json(e: Entry) -> bytes:
    """One entry as the dataset publishes it. Not checked against the schema again here: it is the
    checked file itself, minus empty values (tests hold every published entry and every fuzzed entry
    the loader accepts to that, and to the schema)."""
    return compact(entry_data(e))


def dataset_chunks(atlas: Atlas, encode: Callable[[Entry], bytes] = entry_json) -> Iterator[bytes]:
    """The dataset as compact JSON, one entry at a time (``encode`` may serve an entry's JSON from an
    earlier build). Compact because Python's JSON encoder is several times slower when it indents;
    browsers and ``jq`` show it indented anyway."""
    head = _header(atlas)
    sch.validate_dataset({**head, "entries": []})
    yield from object_with_list(head, "entries", (encode(e) for e in atlas.entries), encoded=True)
    yield b"\n"


# ---- flat tables ----------------------------------------------------------------------------


def _source_refs(basis: Iterable[Sourced]) -> str:
    refs = []
    for b in basis:
        for c in b.sources:
            ref = c.source.id + (f" ({c.at})" if c.at else "")
            if ref not in refs:
                refs.append(ref)
    return "; ".join(refs)


def topic_columns(topic: Topic) -> list[tuple[str, str]]:
    """(column name, meaning) for a topic's flat table, documented on the data page and README sheet."""
    cols = [
        ("code", "Jurisdiction code (EU protocol code)"),
        ("jurisdiction", "Jurisdiction name in English"),
        ("group", "Group: " + "; ".join(sch.labels("jurisdiction.group").values())),
    ]
    for c in topic.columns:
        cols += [
            (c.key, c.label),
            (f"{c.key}_verification", f"{c.label}: weakest verification of the values shown"),
            (f"{c.key}_sources", f"{c.label}: source ids (pinpoint) from the sources table"),
        ]
    return cols + [("last_verified", "Date the entry was last checked against its sources")]


def topic_rows(atlas: Atlas, topic: Topic) -> list[list[str]]:
    rows = []
    for e in atlas.jurisdictions:
        row = [e.code, e.name_en, sch.label("jurisdiction.group", e.group)]
        for c in topic.columns:
            cell: Cell = c.cell(e)
            row += [cell.text, cell.verification if cell.basis else "", _source_refs(cell.basis)]
        rows.append(row + [e.last_verified])
    return rows


SOURCE_COLUMNS = [
    ("code", "Jurisdiction code"),
    ("id", "Source id as cited"),
    ("title", "Title"),
    ("url", "Address read"),
    ("publisher", "Publisher"),
    ("date", "Date of the document"),
    ("accessed", "Date we read it"),
    ("language", "Language (ISO 639-1)"),
    ("kind", "Kind of source"),
]


def source_rows(atlas: Atlas) -> list[list[str]]:
    return [
        [e.code, s.id, s.title, s.url, s.publisher or "", s.date, s.accessed, s.language, s.kind] for e in atlas.entries for s in e.sources
    ]


def formula_safe(value: str) -> str:
    """Spreadsheets must not read entry text as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


CSV_ROWS_PER_CHUNK = 2000


def to_csv(headers: list[str], rows: list[list[str]]) -> bytes:
    return b"".join(csv_chunks(headers, rows))


def csv_chunks(headers: list[str], rows: list[list[str]]) -> Iterator[bytes]:
    """The CSV a few thousand rows at a time (the sources table alone is 300,000 rows at 5,000 jurisdictions)."""
    for start in range(0, max(len(rows), 1), CSV_ROWS_PER_CHUNK):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        if start == 0:
            writer.writerow(headers)
        writer.writerows([[formula_safe(v) for v in row] for row in rows[start : start + CSV_ROWS_PER_CHUNK]])
        yield buf.getvalue().encode("utf-8")


Tables = dict[str, list[list[str]]]  # per topic key and "sources": header row, then one row per record


def flat_tables(atlas: Atlas) -> Tables:
    """The flat tables that both the CSV files and the workbook's sheets publish, made once."""
    tables = {key: [[c for c, _ in topic_columns(t)], *topic_rows(atlas, t)] for key, t in TOPICS.items()}
    tables["sources"] = [[c for c, _ in SOURCE_COLUMNS], *source_rows(atlas)]
    return tables


# ---- workbook ------------------------------------------------------------------------------


def workbook(atlas: Atlas, tables: Tables) -> bytes:
    """The XLSX workbook: a README sheet, one sheet per topic, and the sources."""
    as_of = dt.datetime.fromisoformat(atlas.as_of) if atlas.as_of else dt.datetime(2000, 1, 1)
    lines = [
        ["Retention Atlas: data retention regimes in Europe"],
        [citation(atlas)],
        [f"Licence: {LICENCE}"],
        [f"Data as of {atlas.as_of}. Each sheet is one topic; a row is one jurisdiction."],
        [],
        ["Sheet", "Column", "Meaning"],
    ]
    for key, t in TOPICS.items():
        lines += [[key, col, meaning] for col, meaning in topic_columns(t)]
    lines += [["sources", col, meaning] for col, meaning in SOURCE_COLUMNS]
    sheets = [Sheet("README", lines, header_row=6), *[Sheet(key, rows, header_row=1) for key, rows in tables.items()]]
    return workbook_bytes(sheets, as_of, "Retention Atlas")


def readme_text(atlas: Atlas) -> str:
    """Licence and citation beside the CSV files, which cannot carry them inside without breaking readers."""
    lines = [
        "Retention Atlas open data",
        "",
        citation(atlas),
        f"Licence: {LICENCE}",
        "",
        f"{DATASET_FILE}: every entry in full (schema: dataset.schema.json, entry.schema.json).",
        f"{WORKBOOK_FILE}: one sheet per topic, a sources sheet and a README sheet.",
        "",
    ]
    for key, t in TOPICS.items():
        lines.append(f"{key}.csv: {t.title}, one row per jurisdiction. Columns:")
        lines += [f"  {c}: {m}" for c, m in topic_columns(t)]
    lines.append("sources.csv: every source of every entry. Columns:")
    lines += [f"  {c}: {m}" for c, m in SOURCE_COLUMNS]
    return "\n".join(lines) + "\n"


def all_exports(atlas: Atlas, with_dataset: bool = True) -> dict[str, bytes]:
    """Every data file by name, as published under /data/ (the build makes the dataset separately)."""
    files = {DATASET_FILE: dataset_json(atlas)} if with_dataset else {}
    files.update({name: data if isinstance(data, bytes) else b"".join(data) for name, data in export_files(atlas)})
    return files


def export_files(atlas: Atlas) -> Iterator[tuple[str, bytes | Iterator[bytes]]]:
    """The data files other than the dataset, one at a time and the CSV files in chunks, so that at
    thousands of jurisdictions they are never all in memory at once."""
    tables = flat_tables(atlas)
    yield WORKBOOK_FILE, workbook(atlas, tables)
    for key, rows in tables.items():
        yield f"{key}.csv", csv_chunks(rows[0], rows[1:])
    yield "README.txt", readme_text(atlas).encode("utf-8")
    yield "dataset.schema.json", sch.DATASET_SCHEMA_PATH.read_bytes()
    yield "entry.schema.json", sch.SCHEMA_PATH.read_bytes()
