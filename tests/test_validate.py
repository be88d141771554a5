"""Bad input gets a clear `file:line: field: message`; good input passes. Messages are UI: asserted verbatim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from atlas.errors import InvalidEntries
from atlas.load import load_atlas
from support import FIXTURES, TODAY

BAD = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def problems_of(folder: Path, today: dt.date = TODAY) -> list[str]:
    try:
        load_atlas(folder, today=today, root=folder)
    except InvalidEntries as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_bad_fixture_reports_expected_problems(case: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problems_of(case) == expected


def test_every_required_error_kind_has_a_fixture() -> None:
    required = {
        "not_yaml",
        "tab_indent",
        "bad_indent",
        "duplicate_key",
        "unknown_field",
        "missing_required",
        "wrong_enum",
        "bad_duration",
        "bad_date",
        "valid_to_before_from",
        "unknown_source",
        "unknown_case_ref",
        "filename_mismatch",
        "two_files_one_code",
        "javascript_url",
        "empty_file",
    }
    assert required <= {p.name for p in BAD}


def test_valid_fixture_loads_into_model() -> None:
    atlas = load_atlas(FIXTURES / "valid", today=TODAY)
    (entry,) = atlas.entries
    assert entry.code == "XX"
    assert entry.retention_obligations[0].data_categories[0].period == "P6M"
    assert entry.retention_obligations[0].instrument.id == "xx-act-2020"
    assert entry.verification_counts == {"primary": 9, "secondary": 1, "unverified": 1}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    (tmp_path / name).write_bytes(data)
    return tmp_path


def test_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path: Path, valid_text: str) -> None:
    data = ("\ufeff" + valid_text).replace("\n", "\r\n").encode("utf-8")
    assert problems_of(_write(tmp_path, "XX.yaml", data)) == []


def test_norway_code_stays_text(tmp_path: Path, valid_text: str) -> None:
    """YAML 1.1 would read NO as false; entries use YAML 1.2 booleans."""
    text = valid_text.replace("code: XX", "code: NO").replace("iso3166_1: XX", "iso3166_1: NO")
    atlas = load_atlas(_write(tmp_path, "NO.yaml", text.encode()), today=TODAY)
    assert atlas.entries[0].code == "NO"


def test_a_date_in_the_future_depends_on_the_injected_today(tmp_path: Path, valid_text: str) -> None:
    folder = _write(tmp_path, "XX.yaml", valid_text.encode())
    assert problems_of(folder, today=dt.date(2026, 1, 15)) == []
    assert problems_of(folder, today=dt.date(2026, 1, 14)) == [
        "XX.yaml:10: last_verified: 2026-01-15 is in the future (today is 2026-01-14)",
        "XX.yaml:17: regime_status.as_of: 2026-01-15 is in the future (today is 2026-01-14)",
        "XX.yaml:25: sources[0].accessed: 2026-01-15 is in the future (today is 2026-01-14)",
        "XX.yaml:32: sources[1].accessed: 2026-01-15 is in the future (today is 2026-01-14)",
    ]


def test_files_starting_with_underscore_are_not_entries(tmp_path: Path, valid_text: str) -> None:
    _write(tmp_path, "XX.yaml", valid_text.encode())
    _write(tmp_path, "_template.yaml", b"not: [valid")
    assert problems_of(tmp_path) == []


def test_template_is_valid_except_for_its_placeholders(tmp_path: Path) -> None:
    """The template editors copy is a well-formed entry; only its placeholders stop it being published."""
    from support import REPO

    text = (REPO / "entries" / "_template.yaml").read_text(encoding="utf-8")
    problems = problems_of(_write(tmp_path, "XX.yaml", text.encode()), today=dt.date(2026, 11, 29))
    assert problems and all(p.endswith("still holds a placeholder from the template; replace it or remove the field") for p in problems)
    filled = text.replace('"…"', '"Filled in."').replace("https://placeholder.invalid/", "https://law.example.net/")
    assert problems_of(_write(tmp_path, "XX.yaml", filled.encode()), today=dt.date(2026, 11, 29)) == []


def test_template_mentions_every_schema_field() -> None:
    """Editors learn the format from the template: a field added to the schema must appear there too."""
    import re

    from atlas import schema as sch
    from support import REPO

    template = (REPO / "entries" / "_template.yaml").read_text(encoding="utf-8")
    fields = set(sch.schema()["properties"])
    for definition in sch.schema()["$defs"].values():
        fields |= set(definition.get("properties", {}))
    missing = sorted(f for f in fields if not re.search(rf"\b{re.escape(f)}:", template))
    assert missing == []


def test_a_ten_megabyte_entry_is_refused_without_parsing(tmp_path: Path, valid_text: str) -> None:
    padding = "# " + "x" * 1000 + "\n"
    _write(tmp_path, "XX.yaml", (valid_text + padding * 10_000).encode())
    assert problems_of(tmp_path) == ["XX.yaml: the file is larger than 2 MB; split it or trim it"]


def test_right_to_left_scripts_are_accepted(tmp_path: Path, valid_text: str) -> None:
    """Arabic or Hebrew names are fine; only invisible direction overrides are refused."""
    text = valid_text.replace("name_native: Exemplien", "name_native: إكسمبليا")
    assert problems_of(_write(tmp_path, "XX.yaml", text.encode())) == []


def test_user_assigned_and_eu_protocol_codes(tmp_path: Path, valid_text: str) -> None:
    greece = valid_text.replace("code: XX", "code: EL").replace("iso3166_1: XX", "iso3166_1: GR")
    assert problems_of(_write(tmp_path, "EL.yaml", greece.encode())) == []


def test_subnational_entries_use_iso_3166_2_codes(tmp_path: Path, valid_text: str) -> None:
    bavaria = valid_text.replace("code: XX", "code: DE-BY").replace("iso3166_1: XX", "iso3166_1: DE")
    atlas = load_atlas(_write(tmp_path, "DE-BY.yaml", bavaria.encode()), today=TODAY)
    assert atlas.entries[0].slug == "de-by"
