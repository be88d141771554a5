"""`atlas stale`: entries and sources whose last check is older than a limit, to re-read first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Atlas, Source


@dataclass(frozen=True)
class Stale:
    code: str
    last_verified: str
    months: int
    entry_stale: bool
    sources: tuple[Source, ...]


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def stale(atlas: Atlas, today: dt.date, months: int = 12) -> list[Stale]:
    """Entries last verified more than ``months`` before ``today``, or citing sources read that long ago.
    ``today`` is passed in, never read from the clock here, so results are reproducible."""
    out = []
    for e in atlas.entries:
        age = months_between(dt.date.fromisoformat(e.last_verified), today)
        old = tuple(s for s in e.sources if months_between(dt.date.fromisoformat(s.accessed), today) > months)
        if age > months or old:
            out.append(Stale(e.code, e.last_verified, age, age > months, old))
    return out
