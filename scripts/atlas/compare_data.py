"""The JSON that the compare view (and the map and availability pages after it) read in the browser.

Compact on purpose (the page and its data must stay small): each jurisdiction lists its sources
once, and every cell points into that list with a pinpoint.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import schema as sch
from .jsonstream import object_with_list
from .model import Atlas, Entry
from .topics import TOPICS, Cell


def _cell(cell: Cell, source_index: dict[str, int]) -> dict[str, Any]:
    notes: list[list[Any]] = []
    for b in cell.basis:
        for c in b.sources:
            ref = [source_index[c.source.id], c.at or ""]
            if ref not in notes:
                notes.append(ref)
    out: dict[str, Any] = {"text": cell.text}
    if cell.basis:
        out["v"] = cell.verification
    if cell.sort is not None:
        out["sort"] = cell.sort
    if notes:
        out["notes"] = notes
    return out


def _jurisdiction(e: Entry) -> dict[str, Any]:
    index = {s.id: i for i, s in enumerate(e.sources)}
    cells = {f"{t.key}.{c.key}": _cell(c.cell(e), index) for t in TOPICS.values() for c in t.columns}
    return {
        "code": e.code,
        "name": e.name_en,
        "group": e.group,
        "last_verified": e.last_verified,
        "sources": [[s.title, s.url, s.date] for s in e.sources],
        "cells": cells,
    }


def _head(atlas: Atlas) -> dict[str, Any]:
    return {
        "as_of": atlas.as_of,
        "groups": sch.labels("jurisdiction.group"),
        "group_headings": {g: sch.heading("jurisdiction.group", g) for g, _ in atlas.groups()},
        "verification": sch.labels("verification"),
        "topics": [
            {"key": t.key, "title": t.title, "columns": [{"key": f"{t.key}.{c.key}", "label": c.label} for c in t.columns]}
            for t in TOPICS.values()
        ],
    }


def compare_data(atlas: Atlas) -> dict[str, Any]:
    return {**_head(atlas), "jurisdictions": [_jurisdiction(e) for e in atlas.jurisdictions]}


def compare_chunks(atlas: Atlas) -> Iterator[bytes]:
    """``compare.json``, one jurisdiction at a time (see ``jsonstream``)."""
    return object_with_list(_head(atlas), "jurisdictions", (_jurisdiction(e) for e in atlas.jurisdictions))


def compare_json(atlas: Atlas) -> bytes:
    return b"".join(compare_chunks(atlas))
