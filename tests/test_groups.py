"""Comparators outside the EU sit in their own sections and never count in EU figures."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from atlas.availability import available_json
from atlas.compare_data import compare_data
from atlas.gap import assess_all, load_options, summary
from atlas.load import load_atlas
from atlas.option_pages import option_page
from atlas.pages import home_page, jurisdictions_index, topic_page
from atlas.topics import TOPICS
from support import FIXTURES, REPO, TODAY


def comparator(folder: Path, code: str, group: str, name: str) -> None:
    text = (FIXTURES / "valid" / "XX.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("code: XX", f"code: {code}"),
        ("iso3166_1: XX", f"iso3166_1: {code}"),
        ("name_en: Exemplia", f"name_en: {name}"),
        ("group: eu_member", f"group: {group}"),
    ):
        assert old in text
        text = text.replace(old, new)
    (folder / f"{code}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def mixed(tmp_path: Path):
    """One EU Member State (XX), one EEA state (XY) and one third country (XZ), all with the same rules."""
    shutil.copy(FIXTURES / "valid" / "XX.yaml", tmp_path / "XX.yaml")
    comparator(tmp_path, "XY", "eea", "Fjordland")
    comparator(tmp_path, "XZ", "third_country", "Farland")
    (tmp_path / "options").mkdir()
    shutil.copy(FIXTURES / "options" / "strict.yaml", tmp_path / "options" / "strict.yaml")
    return tmp_path


def sections(md: str) -> list[str]:
    return [line for line in md.splitlines() if line.startswith("## ") or line.startswith("### ")]


def test_topic_tables_put_each_group_in_its_own_section_with_a_jump_line(mixed: Path) -> None:
    atlas = load_atlas(mixed, today=TODAY)
    md = topic_page(atlas, TOPICS["retention"])
    heads = [h for h in sections(md) if "{#group-" in h]
    assert heads == [
        "## EU Member States (1) {#group-eu-member}",
        "## EEA States outside the EU (1) {#group-eea}",
        "## Other comparators (1) {#group-third-country}",
    ]
    jump = next(line for line in md.splitlines() if line.startswith("Jump to:"))
    assert "(#group-eu-member)" in jump and "(#group-third-country)" in jump
    eu_part = md.split("{#group-eu-member}")[1].split("{#group-eea}")[0]
    assert "Exemplia" in eu_part and "Fjordland" not in eu_part and "Farland" not in eu_part
    for page in (home_page(atlas), jurisdictions_index(atlas)):
        assert "{#group-eea}" in page and "Jump to:" in page
    assert "1 EU Member States, 1 EEA States outside the EU, 1 other comparators" in home_page(atlas)


def test_option_summary_counts_member_states_only(mixed: Path) -> None:
    atlas = load_atlas(mixed, today=TODAY)
    (option,) = load_options(mixed / "options", atlas)
    grid = assess_all(atlas, option)
    assert len(grid) == 3  # every jurisdiction is assessed ...
    for _, counts in summary(atlas, option, grid):
        assert sum(counts.values()) == 1  # ... but only the Member State is counted
    page = option_page(atlas, option)
    assert "### Other comparators (1) {#group-third-country}" in page
    verdicts_eu = page.split("{#group-eu-member}")[1].split("{#group-eea}")[0]
    assert "Farland" not in verdicts_eu


def test_browser_data_carry_the_group_of_each_jurisdiction(mixed: Path) -> None:
    atlas = load_atlas(mixed, today=TODAY)
    compare = compare_data(atlas)
    assert {j["code"]: j["group"] for j in compare["jurisdictions"]} == {"XX": "eu_member", "XY": "eea", "XZ": "third_country"}
    assert list(compare["group_headings"]) == ["eu_member", "eea", "third_country"]
    assert [j["group"] for j in available_json(atlas)["jurisdictions"]] == ["eu_member", "eea", "third_country"]


def test_without_comparators_there_is_no_jump_line(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "valid" / "XX.yaml", tmp_path / "XX.yaml")
    assert "Jump to:" not in topic_page(load_atlas(tmp_path, today=TODAY), TOPICS["status"])


def test_cli_selects_a_whole_group(mixed: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "atlas.cli", "--entries", str(mixed), *args]
        return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)

    eu = run("compare", "EU27", "--format", "csv")
    assert eu.returncode == 0, eu.stderr
    assert "Exemplia" in eu.stdout and "Fjordland" not in eu.stdout
    both = run("compare", "eea", "third_country", "--format", "csv")
    assert "Fjordland" in both.stdout and "Farland" in both.stdout and "Exemplia" not in both.stdout
    avail = run("available", "--age", "P1M", "--j", "EU27", "--format", "csv")
    assert avail.returncode == 0 and "Fjordland" not in avail.stdout
