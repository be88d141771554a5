"""What changed: the /changes/ page and Atom feeds (all jurisdictions, and one per jurisdiction).

Built from the entries' dated events, newest first. Deterministic: a feed's `updated` is its newest
event, never the build time. Links are relative to the feed's own address (RFC 4287 allows it), so
the feeds work wherever the site is published.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

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


def atom(atlas: Atlas, only: Entry | None = None, prefix: str = "", self_href: str = "changes.xml") -> bytes:
    """An Atom 1.0 feed; ``prefix`` leads from the feed's folder to the site root."""
    ET.register_namespace("", ATOM)
    items = changes(atlas, only) if only else changes(atlas)[:RECENT]
    feed = ET.Element(f"{{{ATOM}}}feed")
    scope = only.name_en if only else "all jurisdictions"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:retention-atlas:changes:{only.code if only else 'all'}"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"Retention Atlas: changes, {scope}"
    if not only:
        ET.SubElement(
            feed, f"{{{ATOM}}}subtitle"
        ).text = f"The {RECENT} most recent dated events; each jurisdiction's own feed holds its full history."
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(items[0][1].date if items else atlas.as_of or "2000-01-01")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Retention Atlas"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_href)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{prefix}changes/")
    ET.SubElement(feed, f"{{{ATOM}}}rights").text = "Data under CC BY 4.0"
    for e, ev in items:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = f"urn:retention-atlas:event:{e.code}:{ev.id}"
        ET.SubElement(item, f"{{{ATOM}}}title").text = f"{e.name_en}: {ev.title}"
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(ev.date)
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=f"{prefix}{page_url(e)}")
        ET.SubElement(item, f"{{{ATOM}}}category", term=ev.kind, label=sch.label("event.kind", ev.kind))
        sources = "; ".join(f"{c.source.title}{', ' + c.at if c.at else ''} <{c.source.url}>" for c in ev.sources)
        summary = f"{sch.label('event.kind', ev.kind)} ({ev.date}). Source: {sources or 'none recorded'}."
        if ev.verification != "primary":
            summary += f" Verification: {sch.label('verification', ev.verification)}."
        ET.SubElement(item, f"{{{ATOM}}}summary").text = summary
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


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
    files = {"changes.xml": atom(atlas)}
    files.update({f"changes/{e.code.lower()}.xml": atom(atlas, e, prefix="../", self_href=f"{e.code.lower()}.xml") for e in atlas.entries})
    files["changes/index.md"] = changes_page(atlas).encode("utf-8")
    return files
