"""Whole-site builds in throwaway projects: pages at their URLs, strictness, atomicity, inert entry text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from atlas.build import Layout, build_site
from atlas.errors import BuildFailed, InvalidEntries


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_site_has_the_pages_a_reader_expects(project: Path) -> None:
    layout = Layout(project)
    build_site(layout)
    site = layout.site
    for page in (
        "index.html",
        "jurisdictions/xx/index.html",
        "jurisdictions/index.html",
        "topics/retention/index.html",
        "topics/access/index.html",
        "definitions/index.html",
        "methodology/index.html",
    ):
        assert (site / page).is_file(), page
    schema = json.loads((site / "schema" / "entry.schema.json").read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    country = (site / "jurisdictions/xx/index.html").read_text()
    assert "Exemplia (XX)" in country and 'href="https://example.org/act"' in country
    assert not list(project.glob(".site-*")), "temporary build folders are cleaned up"
    from atlas import __version__

    footer = f"Retention Atlas {__version__} · entry schema {schema['x-version']} · data as of 2026-01-15"
    assert footer in (site / "index.html").read_text()
    guide = (site / "field-guide" / "index.html").read_text()
    assert all(f"<code>{field}</code>" in guide for field in schema["properties"])


def test_invalid_entry_leaves_previous_site_untouched(project: Path) -> None:
    layout = Layout(project)
    build_site(layout)
    before = tree_digest(layout.site)
    entry = project / "entries" / "XX.yaml"
    entry.write_text(entry.read_text().replace("period: P6M", "period: six months"))
    with pytest.raises(InvalidEntries):
        build_site(layout)
    assert tree_digest(layout.site) == before


def test_mkdocs_warning_fails_strict_build_and_keeps_site(project: Path) -> None:
    layout = Layout(project)
    build_site(layout)
    before = tree_digest(layout.site)
    (project / "docs" / "broken.md").write_text("# Broken\n\n[missing](nowhere.md)\n")
    with pytest.raises(BuildFailed):
        build_site(layout)
    assert tree_digest(layout.site) == before
    assert not list(project.glob(".site-*"))


def test_entry_html_is_inert_in_the_built_site(project: Path) -> None:
    entry = project / "entries" / "XX.yaml"
    entry.write_text(entry.read_text().replace('summary: "Upheld the Act."', 'summary: "<script>alert(1)</script>"'))
    layout = Layout(project)
    build_site(layout)
    page = (layout.site / "jurisdictions/xx/index.html").read_text()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_two_builds_of_the_same_entries_are_identical(project: Path) -> None:
    layout = Layout(project)
    build_site(layout)
    first = tree_digest(layout.site)
    import time

    time.sleep(1.1)  # gzip and sitemap stamps would differ across seconds if left to mkdocs
    build_site(layout)
    assert tree_digest(layout.site) == first


def test_entry_html_is_inert_in_the_search_index(project: Path) -> None:
    entry = project / "entries" / "XX.yaml"
    entry.write_text(entry.read_text().replace('summary: "Upheld the Act."', 'summary: "<img src=x onerror=alert(1)>"'))
    layout = Layout(project)
    build_site(layout)
    index = (layout.site / "search" / "search_index.json").read_text()
    assert "<img" not in index and "&lt;img src=x onerror=alert(1)&gt;" in index


def test_a_large_atlas_links_countries_from_the_index_not_from_every_sidebar(project: Path, monkeypatch) -> None:
    import atlas.build

    monkeypatch.setattr(atlas.build, "NAV_JURISDICTIONS", 0)  # as if there were thousands
    layout = Layout(project)
    build_site(layout)  # strict: a page left out of the sidebar unannounced would fail the build
    home = (layout.site / "index.html").read_text(encoding="utf-8")
    assert "jurisdictions/xx/" not in home.split('<div class="md-content"')[0]  # not in the sidebar
    index = (layout.site / "jurisdictions" / "index.html").read_text(encoding="utf-8")
    assert 'href="xx/"' in index and (layout.site / "jurisdictions" / "xx" / "index.html").is_file()
