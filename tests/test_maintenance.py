"""Editors' tools: scaffold a new entry, and the round trip scaffold → validate → build."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from atlas.build import Layout, build_site
from atlas.errors import InvalidEntries
from atlas.load import load_atlas
from atlas.scaffold import ScaffoldError, new_entry

TODAY = dt.date(2026, 6, 1)


def test_new_entry_takes_its_identity_from_iso_3166(tmp_path: Path) -> None:
    path = new_entry("el", tmp_path, TODAY)
    text = path.read_text(encoding="utf-8")
    assert path.name == "EL.yaml"
    assert "  code: EL " in text and "  iso3166_1: GR " in text and "  name_en: Greece\n" in text
    assert "last_verified: 2026-06-01" in text


def test_new_subnational_entry(tmp_path: Path) -> None:
    assert "  name_en: Bayern\n" in new_entry("DE-BY", tmp_path, TODAY).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "code, message", [("ZX", "'ZX' is not an ISO 3166-1 alpha-2 country code"), ("DE-QQ", "'DE-QQ' is not an ISO 3166-2 subdivision code")]
)
def test_new_refuses_codes_that_are_not_countries(tmp_path: Path, code: str, message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        new_entry(code, tmp_path, TODAY)


def test_new_never_overwrites(tmp_path: Path) -> None:
    new_entry("EL", tmp_path, TODAY)
    with pytest.raises(ScaffoldError, match="already exists"):
        new_entry("EL", tmp_path, TODAY)


def test_scaffold_validate_build_round_trip(project: Path) -> None:
    (project / "entries" / "XX.yaml").unlink()
    path = new_entry("EL", project / "entries", TODAY)
    with pytest.raises(InvalidEntries) as exc:  # placeholders must be filled before anything is published
        load_atlas(project / "entries", today=TODAY)
    assert all("placeholder" in p.message for p in exc.value.problems)
    text = path.read_text(encoding="utf-8").replace('"…"', '"Filled in from the gazette."').replace("…", "Ελλάδα")
    path.write_text(text.replace("https://placeholder.invalid/", "https://law.example.net/"), encoding="utf-8")
    build_site(Layout(project))
    assert "Greece (EL)" in (project / "site" / "jurisdictions" / "el" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(project / "site")
