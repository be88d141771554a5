"""ISO 8601 durations as the law's words and as comparable day counts."""

from __future__ import annotations

import re

_RX = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$")
_UNITS = (("year", 365.25), ("month", 30.44), ("week", 7), ("day", 1), ("hour", 1 / 24), ("minute", 1 / 1440))


def _parts(period: str) -> list[tuple[int, str, float]]:
    m = _RX.match(period or "")
    if not m:
        return []
    return [(int(n), unit, days) for n, (unit, days) in zip(m.groups(), _UNITS, strict=True) if n is not None]


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
