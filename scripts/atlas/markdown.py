"""Markdown building blocks: escaping entry text, source footnotes, tables and cells."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import quote

from .model import Citation, Source, Sourced, weakest
from .topics import Cell

# HTML's three specials become entities (entry text never lands in an attribute); Markdown's specials
# get a backslash, the backslash itself first so that no added one is escaped again. A chain of
# str.replace (each a C-speed scan) is about three times faster than str.translate on sentences.
_HTML = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_MARKDOWN = "\\`*_{}[]()+-.!|"


_memo: dict[str, str] | None = None


@contextlib.contextmanager
def one_page() -> Iterator[None]:
    """Escape each distinct text once while one page is written: on a country page the same dates,
    source titles and publishers recur (about 1,000 escapes, 400 distinct). Scoped to a page, so the
    memory stays small however large the atlas."""
    global _memo
    outer, _memo = _memo, {}
    try:
        yield
    finally:
        _memo = outer


def esc(text: object) -> str:
    """Entry text made inert: no HTML, no Markdown links or emphasis, no table breaks.
    Whitespace runs (newlines included) fold to one space; ``#`` only matters at the start."""
    key = text if type(text) is str else str(text)
    if _memo is None:
        return _escape(key)
    done = _memo.get(key)
    if done is None:
        done = _memo[key] = _escape(key)
    return done


def _escape(text: str) -> str:
    s = " ".join(text.split())
    for char, entity in _HTML:
        if char in s:
            s = s.replace(char, entity)
    for char in _MARKDOWN:
        if char in s:
            s = s.replace(char, "\\" + char)
    return "\\" + s if s.startswith("#") else s


def safe_url(url: str) -> str:
    """A schema-checked http(s) URL, encoded so it cannot break out of a Markdown link."""
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"refusing to link to {url!r}")
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E").replace('"', "%22")


def link(text: str, url: str | None) -> str:
    return f"[{esc(text)}]({safe_url(url)})" if url else esc(text)


FLAG_TEXT = {
    "secondary": ("ra-secondary", "secondary source", "Verified from a secondary source only"),
    "unverified": ("ra-unverified", "unverified", "Not confirmed in a source: treat with caution"),
}


def flag(verification: str) -> str:
    if verification not in FLAG_TEXT:
        return ""
    cls, text, title = FLAG_TEXT[verification]
    return f' <span class="ra-flag {cls}" title="{title}">{text}</span>'


class Notes:
    """Numbered source footnotes for one page; the same source and pinpoint share a number.

    Sources are told apart by address and title, not by id: ids are only unique within one entry,
    and overview pages cite many entries.
    """

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, str, str | None], int] = {}
        self._citations: list[Citation] = []

    def mark(self, n: int) -> str:
        return f"[^{n}]"

    def refs(self, sourced: Iterable[Sourced]) -> str:
        marks: list[str] = []
        for s in sourced:
            for c in s.sources:
                key = (c.source.url, c.source.title, c.at)
                if key not in self._numbers:
                    self._numbers[key] = len(self._numbers) + 1
                    self._citations.append(c)
                mark = self.mark(self._numbers[key])
                if mark not in marks:
                    marks.append(mark)
        return "".join(marks)

    def cite(self, *sourced: Sourced | None) -> str:
        """Footnote marks plus the weakest verification flag of the given values."""
        present = [s for s in sourced if s is not None]
        worst = weakest((s.verification for s in present), default="primary")
        return self.refs(present) + flag(worst)

    def definitions(self) -> str:
        return "\n".join(f"[^{n}]: {source_line(c.source, c.at)}" for n, c in enumerate(self._citations, start=1))


class PlainNotes(Notes):
    """The same numbering as plain "[n]" marks with a numbered list, for tables pasted into papers."""

    def mark(self, n: int) -> str:
        return f"[{n}]"

    def cite(self, *sourced: Sourced | None) -> str:
        return self.refs(s for s in sourced if s is not None)

    def definitions(self) -> str:
        lines = []
        for n, c in enumerate(self._citations, start=1):
            s = c.source
            meta = ", ".join(x for x in (s.publisher, s.date if s.date != "unknown" else "date unknown") if x)
            lines.append(f"[{n}] {s.title} ({meta}){', ' + c.at if c.at else ''}. {s.url}")
        return "\n".join(lines)


def source_line(source: Source, at: str | None = None) -> str:
    bits = [link(source.title, source.url)]
    meta = ", ".join(esc(x) for x in (source.publisher, source.date if source.date != "unknown" else "date unknown") if x)
    if meta:
        bits.append(f"({meta})")
    text = " ".join(bits)
    if at:
        text += f", {esc(at)}"
    return text + f". Read {esc(source.accessed)}."


def cell(c: Cell, notes: Notes, sortable: bool = False) -> str:
    text = esc(c.text) + notes.cite(*c.basis) if c.basis else esc(c.text)
    return sort_key(c.sort) + text if sortable else text


_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")  # what quote() never changes


def sort_key(value: float | str | None) -> str:
    """Invisible sort key for sort.js: periods sort by length, not by their words."""
    if value is None:
        return '<span class="ra-sort" data-sort=""></span>'
    text = f"{value:.2f}" if isinstance(value, float) else str(value)
    # Percent-encoded: a raw "|" or "{:" inside the attribute would split the table or add attributes.
    # (Numbers and plain words need no encoding; quote leaves them as they are, only slower.)
    return f'<span class="ra-sort" data-sort="{text if _UNRESERVED.fullmatch(text) else quote(text, safe="")}"></span>'


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown pipe table; cells must already be escaped Markdown (no raw "|" or newline).

    Written directly: tabulate pads every column for the eye, which costs half of page generation
    at a thousand jurisdictions and changes nothing in the HTML. The terminal tables still use it."""
    lines = ["| " + " | ".join(esc(h) for h in headers) + " |", "|" + "|".join(":--" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
