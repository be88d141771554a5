"""Paths and dates shared by the tests (imported as `support`; pytest puts tests/ on the path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid" / "XX.yaml"
TODAY = dt.date(2026, 6, 1)  # injected "today": no test depends on the day it runs


def write_variant(folder: Path, *replacements: tuple[str, str]) -> Path:
    """The fixture entry with text replacements (each must apply), written to ``folder/XX.yaml``."""
    text = VALID.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "XX.yaml"
    path.write_text(text, encoding="utf-8")
    return path
