"""The `atlas` command as a user runs it: exit codes, stdout, stderr."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

from support import FIXTURES, REPO


def atlas(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "atlas.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def two_entries(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "valid" / "XX.yaml", tmp_path / "XX.yaml")
    text = (FIXTURES / "valid" / "XX.yaml").read_text(encoding="utf-8")
    text = text.replace("code: XX", "code: XY").replace("iso3166_1: XX", "iso3166_1: XY").replace("name_en: Exemplia", "name_en: Otherland")
    (tmp_path / "XY.yaml").write_text(text.replace("period: P6M", "period: P10W"), encoding="utf-8")
    return tmp_path


def test_validate_prints_one_line_when_all_is_well() -> None:
    result = atlas("validate")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 and "valid" in result.stdout
    assert result.stderr == ""


def test_validate_reports_every_problem_and_fails() -> None:
    result = atlas("--entries", ".", "validate", cwd=FIXTURES / "bad" / "several_problems")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:3] == (FIXTURES / "bad" / "several_problems" / "expected.txt").read_text().splitlines()
    assert lines[3] == "3 problem(s) found; nothing was written"


def test_show_prints_key_facts(tmp_path: Path) -> None:
    result = atlas("--entries", str(two_entries(tmp_path)), "show", "xx")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for text in ("XX Exemplia", "General retention in force", "6 months", "Court / judge", "unknown [unverified]", "Last verified"):
        assert text in out


def test_compare_markdown_is_a_pasteable_table(tmp_path: Path) -> None:
    result = atlas("--entries", str(two_entries(tmp_path)), "compare", "XX", "XY", "--topic", "retention", "--format", "md")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("|") and "XX Exemplia" in lines[0] and "XY Otherland" in lines[0]
    assert set(lines[1]) <= set("|:- ")
    traffic = next(line for line in lines if line.startswith("| Traffic data"))
    assert "6 months[1]" in traffic and "10 weeks[" in traffic
    # ready to paste: the sources and a citation line travel with the table
    assert "[1] Exemplian Data Retention Act (2020-01-01), § 2. https://example.org/act  " in lines
    assert lines[-1].startswith("Retention Atlas comparison, version ") and "data as of 2026-01-15" in lines[-1]


def test_compare_csv_has_one_column_per_jurisdiction(tmp_path: Path) -> None:
    result = atlas("--entries", str(two_entries(tmp_path)), "compare", "XX", "XY", "--topic", "access", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["", "XX Exemplia", "XY Otherland"]
    assert ["Prior authorisation", "Court / judge", "Court / judge"] in rows


def test_unknown_code_is_a_clear_error(tmp_path: Path) -> None:
    result = atlas("--entries", str(two_entries(tmp_path)), "show", "ZZ")
    assert result.returncode != 0
    assert "no entry for 'ZZ' (known: XX, XY)" in result.stderr


def test_available_answers_per_jurisdiction_and_category(tmp_path: Path) -> None:
    result = atlas("--entries", str(two_entries(tmp_path)), "available", "--data", "traffic,location", "--age", "P2M", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["Code", "Jurisdiction", "Traffic data", "Location data", "Prior authorisation", "Preservation"]
    assert rows[1][:4] == ["XX", "Exemplia", "Retained by law (6 months)", "Unknown [unverified]"]
    assert rows[2][2] == "Retained by law (10 weeks)"


def test_available_refuses_a_bad_age_and_category(tmp_path: Path) -> None:
    folder = str(two_entries(tmp_path))
    bad_age = atlas("--entries", folder, "available", "--age", "4 months")
    assert bad_age.returncode != 0 and "is not an age such as P4M" in bad_age.stderr
    bad_cat = atlas("--entries", folder, "available", "--age", "P4M", "--data", "content")
    assert bad_cat.returncode != 0 and "unknown data category content" in bad_cat.stderr


def test_validate_reports_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    folder = two_entries(tmp_path)
    (folder / "XY.yaml").write_text((folder / "XY.yaml").read_text(encoding="utf-8").replace("period: P10W", "period: P0W"))
    fresh, again = atlas("--no-cache", "--entries", str(folder), "validate"), atlas("--entries", str(folder), "validate")
    assert fresh.returncode == again.returncode == 1
    assert fresh.stderr == again.stderr and "period" in fresh.stderr
