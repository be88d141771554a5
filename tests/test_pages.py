"""Generated pages: sources as footnotes, unknowns shown as such, entry text never becomes markup."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from atlas.load import load_atlas
from atlas.pages import all_pages, entry_page, home_page
from support import FIXTURES, TODAY

PAYLOAD = '<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) {: onclick="alert(4)"} | *x*'
EXTENSIONS = ["tables", "footnotes", "admonition", "attr_list", "toc"]


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = TagCollector()
    parser.feed(html)
    return parser.tags


@pytest.fixture
def fixture_atlas():
    return load_atlas(FIXTURES / "valid", today=TODAY)


def hostile_atlas(tmp_path: Path, valid_text: str):
    quoted = PAYLOAD.replace('"', '\\"')
    text = (
        valid_text.replace('"Exemplia requires six months of general retention; access needs a court order."', f'"{quoted}"')
        .replace('title: "Data Retention Act"', f'title: "{quoted}"')
        .replace('summary: "Upheld the Act."', f'summary: "{quoted}"')
        .replace('title: "Act adopted"', f'title: "{quoted}"')
        .replace('title: "Exemplian Data Retention Act"', f'title: "{quoted}"')
        .replace('period_as_written: "six months"', f'period_as_written: "{quoted}"')
        .replace("name_en: Exemplia", f'name_en: "{quoted}"')
    )
    (tmp_path / "XX.yaml").write_text(text, encoding="utf-8")
    return load_atlas(tmp_path, today=TODAY)


def test_entry_text_cannot_inject_markup(tmp_path: Path, valid_text: str) -> None:
    atlas = hostile_atlas(tmp_path, valid_text)
    for path, md in all_pages(atlas).items():
        html = to_html(md)
        for tag, attrs in tags(html):
            assert tag not in {"script", "img", "iframe"}, (path, tag)
            assert not any(k.startswith("on") for k in attrs), (path, tag, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript"), (path, attrs)
        if path == "jurisdictions/xx.md":
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown to the reader as text


def test_every_cited_value_gets_a_footnote_with_link_and_pinpoint(fixture_atlas) -> None:
    html = to_html(entry_page(fixture_atlas.entries[0]))
    assert '<a href="https://example.org/act">Exemplian Data Retention Act</a>' in html
    assert "§ 2. Read 2026-01-15." in html
    assert 'class="footnote-ref"' in html


def test_unknown_and_unverified_values_are_shown_not_blank(fixture_atlas) -> None:
    md = entry_page(fixture_atlas.entries[0])
    location_rows = [line for line in md.splitlines() if line.startswith("| Location")]
    assert len(location_rows) == 2  # key facts and the obligation's table
    for row in location_rows:
        assert "unknown" in row and "ra-unverified" in row


def test_secondary_values_are_flagged(fixture_atlas) -> None:
    md = entry_page(fixture_atlas.entries[0])
    authorities = next(line for line in md.splitlines() if line.startswith("| Authorities"))
    assert "ra-secondary" in authorities


def test_missing_topics_say_not_recorded(fixture_atlas) -> None:
    md = entry_page(fixture_atlas.entries[0])
    assert "| Preservation " in md and "Not recorded" in md.split("| Preservation ", 1)[1].split("\n", 1)[0]


def test_home_page_overview_has_one_row_per_jurisdiction(fixture_atlas) -> None:
    html = to_html(home_page(fixture_atlas))
    rows = [chunk for chunk in html.split("<tr>") if "</span>XX</td>" in chunk]
    assert len(rows) == 1
    for text in ("General retention in force", "6 months", "Court / judge", "2026-01-15", "9 primary text, 1 secondary, 1 unverified"):
        assert text in rows[0]


def test_period_of_ended_obligation_is_not_a_headline(tmp_path: Path, valid_text: str) -> None:
    text = valid_text.replace("      value: in_force\n", "      value: annulled\n")
    (tmp_path / "XX.yaml").write_text(text, encoding="utf-8")
    atlas = load_atlas(tmp_path, today=TODAY)
    html = to_html(home_page(atlas))
    row = next(chunk for chunk in html.split("<tr>") if "</span>XX</td>" in chunk)
    assert "6 months" not in row and "Not recorded" in row
    assert "Annulled" in entry_page(atlas.entries[0])
