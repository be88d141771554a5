"""What changed: the /changes/ page and Atom feeds (all jurisdictions, and one per jurisdiction).

Built from the entries' dated events, newest first. Deterministic: a feed's `updated` is its newest
event, never the build time. Links are relative to the feed's own address (RFC 4287 allows it), so
the feeds work wherever the site is published.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import schema as sch
from .markdown import esc, table
from .model import Atlas, Entry, Event
from .pages import page_path, page_url

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(date: str) -> str:
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def changes(atlas: Atlas, only: Entry | None = None) -> list[tuple[Entry, Event]]:
    entries = [only] if only else list(atlas.entries)
    return sorted(((e, ev) for e in entries for ev in e.events), key=lambda p: (p[1].date, p[0].code, p[1].id), reverse=True)


RECENT = 200  # the all-jurisdiction feed and page: newest events only; each jurisdiction's feed is complete


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _xml(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#09;")


def _element(indent: str, name: str, text: str) -> str:
    return f"{indent}<{name}>{_xml(text)}</{name}>"


def _link(indent: str, href: str, rel: str) -> str:
    return f'{indent}<link rel="{rel}" href="{_attr(href)}" />'


def atom(atlas: Atlas, only: Entry | None = None, prefix: str = "", self_href: str = "changes.xml") -> bytes:
    """An Atom 1.0 feed; ``prefix`` leads from the feed's folder to the site root.
    Written as text (an element tree cost most of the feeds' time at thousands of jurisdictions);
    the test suite parses every feed as XML."""
    items = changes(atlas, only) if only else changes(atlas)[:RECENT]
    scope = only.name_en if only else "all jurisdictions"
    out = ["<?xml version='1.0' encoding='utf-8'?>", f'<feed xmlns="{ATOM}">']
    out.append(_element("  ", "id", f"urn:retention-atlas:changes:{only.code if only else 'all'}"))
    out.append(_element("  ", "title", f"Retention Atlas: changes, {scope}"))
    if not only:
        subtitle = f"The {RECENT} most recent dated events; each jurisdiction's own feed holds its full history."
        out.append(_element("  ", "subtitle", subtitle))
    out.append(_element("  ", "updated", _stamp(items[0][1].date if items else atlas.as_of or "2000-01-01")))
    out += ["  <author>", _element("    ", "name", "Retention Atlas"), "  </author>"]
    out += [_link("  ", self_href, "self"), _link("  ", f"{prefix}changes/", "alternate"), _element("  ", "rights", "Data under CC BY 4.0")]
    for e, ev in items:
        kind = sch.label("event.kind", ev.kind)
        sources = "; ".join(f"{c.source.title}{', ' + c.at if c.at else ''} <{c.source.url}>" for c in ev.sources)
        summary = f"{kind} ({ev.date}). Source: {sources or 'none recorded'}."
        if ev.verification != "primary":
            summary += f" Verification: {sch.label('verification', ev.verification)}."
        out += [
            "  <entry>",
            _element("    ", "id", f"urn:retention-atlas:event:{e.code}:{ev.id}"),
            _element("    ", "title", f"{e.name_en}: {ev.title}"),
            _element("    ", "updated", _stamp(ev.date)),
            _link("    ", f"{prefix}{page_url(e)}", "alternate"),
            f'    <category term="{_attr(ev.kind)}" label="{_attr(kind)}" />',
            _element("    ", "summary", summary),
            "  </entry>",
        ]
    out.append("</feed>\n")
    return "\n".join(out).encode("utf-8")


def changes_page(atlas: Atlas, limit: int = RECENT) -> str:
    items = changes(atlas)[:limit]
    rows = [
        [
            esc(ev.date),
            f"[{esc(e.name_en)}](../{page_path(e)})",
            esc(sch.label("event.kind", ev.kind)),
            esc(ev.title),
            ", ".join(f"[source]({c.source.url})" for c in ev.sources[:1]) or "—",
        ]
        for e, ev in items
    ]
    feeds = ", ".join(f"[{esc(e.code)}]({e.code.lower()}.xml)" for e in atlas.entries)
    return "\n".join(
        [
            "# What changed",
            "",
            f"The {len(items)} most recent dated events across the atlas, newest first. "
            "Subscribe: [all jurisdictions](../changes.xml) (Atom), or one jurisdiction: " + feeds + ".",
            "",
            table(["Date", "Jurisdiction", "Event", "What happened", "Source"], rows),
            "",
        ]
    )


def feed_files(atlas: Atlas) -> dict[str, bytes]:
    return dict(feeds(atlas))


def feeds(atlas: Atlas) -> Iterator[tuple[str, bytes]]:
    """The feeds and the changes page by path, one at a time (there is a feed per jurisdiction)."""
    yield "changes.xml", atom(atlas)
    for e in atlas.entries:
        yield f"changes/{e.code.lower()}.xml", atom(atlas, e, prefix="../", self_href=f"{e.code.lower()}.xml")
    yield "changes/index.md", changes_page(atlas).encode("utf-8")
