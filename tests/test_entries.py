"""The published entries themselves: valid, sourced, and showing what a legal adviser looks for."""

from __future__ import annotations

import pytest

from atlas.load import load_atlas
from atlas.pages import all_pages, entry_page
from support import REPO


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(REPO / "entries", root=REPO)


def test_spine_jurisdictions_and_eu_level_are_present(atlas) -> None:
    codes = {e.code for e in atlas.entries}
    assert {"DE", "IE", "BE", "EU"} <= codes


def test_every_entry_rests_on_sources_for_its_headline(atlas) -> None:
    for e in atlas.entries:
        assert e.regime_status.sources, e.code
        assert e.summary.sources, e.code


def test_germany_shows_the_law_held_inapplicable_with_its_periods(atlas) -> None:
    de = atlas.get("DE")
    assert de.regime_status.value == "general_not_applied"
    periods = {c.category: c.period for ob in de.current_obligations() for c in ob.data_categories}
    assert periods.get("location") == "P4W"
    assert "P10W" in periods.values()
    assert any(cd.case_number and "6 C 7.22" in cd.case_number for cd in de.court_decisions)


def test_eu_page_lists_the_case_law_line_with_identifiers(atlas) -> None:
    page = entry_page(atlas.get("EU"))
    assert "ECLI:EU:C:2014:238" in page  # Digital Rights Ireland
    assert "C\\-293/12" in page


def test_every_entry_has_a_generated_page(atlas) -> None:
    pages = all_pages(atlas)
    for e in atlas.jurisdictions:
        assert f"jurisdictions/{e.slug}.md" in pages
    assert "eu.md" in pages
