"""The changes feeds: valid Atom 1.0, newest first, one per jurisdiction, stable across builds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from atlas.feeds import RECENT, atom, feed_files
from atlas.load import load_atlas
from support import FIXTURES, REPO, TODAY

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def check_atom(data: bytes) -> ET.Element:
    """The elements RFC 4287 requires of a feed and of each entry."""
    feed = ET.fromstring(data)
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{A}{tag}") is not None and feed.find(f"{A}{tag}").text, tag
    assert RFC3339.match(feed.find(f"{A}updated").text)
    has_feed_author = feed.find(f"{A}author/{A}name") is not None
    ids = set()
    for entry in feed.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert entry.find(f"{A}{tag}") is not None and entry.find(f"{A}{tag}").text, tag
        assert RFC3339.match(entry.find(f"{A}updated").text)
        assert has_feed_author or entry.find(f"{A}author") is not None
        assert entry.find(f"{A}link").get("href")
        ids.add(entry.find(f"{A}id").text)
    assert len(ids) == len(feed.findall(f"{A}entry")), "entry ids are unique"
    return feed


def test_fixture_feed_is_valid_atom() -> None:
    atlas = load_atlas(FIXTURES / "valid", today=TODAY)
    feed = check_atom(atom(atlas))
    (entry,) = feed.findall(f"{A}entry")
    assert entry.find(f"{A}title").text == "Exemplia: Act adopted"
    assert entry.find(f"{A}updated").text == "2020-01-01T00:00:00Z"
    assert "Exemplian Data Retention Act <https://example.org/act>" in entry.find(f"{A}summary").text


def test_published_feeds_are_valid_newest_first_and_reproducible() -> None:
    atlas = load_atlas(REPO / "entries", root=REPO)
    files = feed_files(atlas)
    assert files == feed_files(atlas)
    feed = check_atom(files["changes.xml"])
    dates = [e.find(f"{A}updated").text for e in feed.findall(f"{A}entry")]
    assert dates == sorted(dates, reverse=True)
    events = sum(len(e.events) for e in atlas.entries)
    assert len(dates) == min(events, RECENT)  # the newest only, so the feed stays small however large the atlas
    de = check_atom(files["changes/de.xml"])
    assert len(de.findall(f"{A}entry")) == len(atlas.get("DE").events)  # a jurisdiction's feed is complete
    assert {e.find(f"{A}id").text.split(":")[3] for e in de.findall(f"{A}entry")} == {"DE"}


def test_markup_in_entry_text_stays_text_in_the_feed() -> None:
    """Feeds are written as text, not by an XML library: every special character must be escaped."""
    import dataclasses

    from atlas.model import Atlas

    atlas = load_atlas(FIXTURES / "valid", today=TODAY)
    (entry,) = atlas.entries
    hostile = "A & B <script>alert(\"x\")</script> 'quoted'"
    event = dataclasses.replace(entry.events[0], title=hostile)
    atlas = Atlas((dataclasses.replace(entry, events=(event,)),))
    feed = check_atom(atom(atlas, atlas.entries[0], prefix="../", self_href='x"y.xml'))
    assert feed.find(f"{A}entry/{A}title").text == f"Exemplia: {hostile}"
    assert feed.find(f"{A}link").get("href") == 'x"y.xml'
