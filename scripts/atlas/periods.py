"""ISO 8601 durations as the law's words and as comparable day counts."""

from __future__ import annotations

import re
from functools import lru_cache

_RX = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$")
_UNITS = (("year", 365.25), ("month", 30.44), ("week", 7), ("day", 1), ("hour", 1 / 24), ("minute", 1 / 1440))


@lru_cache(maxsize=4096)  # a few distinct periods recur on every page and table
def _parts(period: str) -> tuple[tuple[int, str, float], ...]:
    m = _RX.match(period or "")
    if not m:
        return ()
    return tuple((int(n), unit, days) for n, (unit, days) in zip(m.groups(), _UNITS, strict=True) if n is not None)


def words(period: str | None) -> str:
    """``P10W`` → "10 weeks"; ``unknown`` → "unknown"."""
    if not period or period == "unknown":
        return "unknown"
    parts = _parts(period)
    if not parts:
        return period
    return " ".join(f"{n} {unit}{'' if n == 1 else 's'}" for n, unit, _ in parts)


def days(period: str | None) -> float | None:
    """Approximate length in days, for sorting and comparing (None when unknown)."""
    parts = _parts(period or "")
    return sum(n * d for n, _, d in parts) if parts else None


def months_days(period: str) -> tuple[int, int] | None:
    """(whole months, whole days) of a duration without hours; years count 12 months, weeks 7 days."""
    parts = _parts(period)
    if not parts:
        return None
    months = days_ = 0
    for n, unit, _ in parts:
        if unit == "year":
            months += 12 * n
        elif unit == "month":
            months += n
        elif unit == "week":
            days_ += 7 * n
        elif unit == "day":
            days_ += n
        else:
            return None
    return months, days_


def within(age: str, period: str) -> bool | None:
    """Is data of ``age`` still inside ``period``? Exact when both count in the same units
    (months or days), so P6M is inside P6M; otherwise compared on average day lengths.
    None when either is unknown."""
    a, p = months_days(age), months_days(period)
    if a and p and (a[1] == p[1] == 0 or a[0] == p[0] == 0):
        return a[0] <= p[0] and a[1] <= p[1]
    da, dp = days(age), days(period)
    if da is None or dp is None:
        return None
    return da <= dp
