"""Paths and dates shared by the tests (imported as `support`; pytest puts tests/ on the path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid" / "XX.yaml"
TODAY = dt.date(2026, 6, 1)  # injected "today": no test depends on the day it runs
