"""Pages for exploring across jurisdictions: compare view, map, timeline, coverage.

Raw HTML blocks are built with ``html.escape`` (Markdown is not processed inside them); Markdown parts
use ``markdown.esc``. The compare view's data is ``/data/compare.json`` (see ``compare_data``).
"""

from __future__ import annotations

import datetime as dt
import html

from . import schema as sch
from . import tilemap
from .feeds import changes
from .markdown import esc, table
from .model import Atlas, Entry
from .pages import page_path, page_url
from .topics import NOT_RECORDED, TOPICS

STALE_AFTER_DAYS = 365


def compare_page(atlas: Atlas) -> str:
    return "\n".join(
        [
            "# Compare jurisdictions",
            "",
            "Pick jurisdictions and topics. The address bar keeps your selection: copy it to share exactly this view. "
            "Numbers in brackets are source footnotes; flags mark values confirmed only in a secondary source or not confirmed.",
            "",
            '<div id="ra-compare" data-src="../data/compare.json" data-pages="../jurisdictions/">',
            "<noscript><p>The compare view needs JavaScript. The same tables are on the "
            '<a href="../topics/">topic pages</a> and in the <a href="../data/">open data files</a>.</p></noscript>',
            "</div>",
            "",
        ]
    )


def map_page(atlas: Atlas) -> str:
    out = [
        "# Map",
        "",
        "Each square is one jurisdiction; select a square to open its page. Grey squares have no or unknown data; "
        "white dashed squares are not yet covered. The table after each map gives the same information as text.",
        "",
    ]
    for m in tilemap.measures():
        out += [f'=== "{esc(m.title.split(" (")[0])}"', ""]
        block = [
            f"## {esc(m.title)}",
            "",
            '<div class="ra-map-wrap" markdown="0">',
            tilemap.svg(atlas, m, "../jurisdictions/"),
            tilemap.legend(m),
            "</div>",
            "",
        ]
        labels = dict(m.classes) | {"unknown": "Unknown or not recorded"}
        rows = [
            [
                f"[{esc(e.name_en)}]({page_path(e)})",
                esc(sch.label("jurisdiction.group", e.group)),
                esc(labels.get(m.classify(e), m.classify(e))),
            ]
            for e in atlas.jurisdictions
        ]
        block += [table(["Jurisdiction", "Group", m.title], rows), ""]
        out += ["    " + line if line else "" for line in "\n".join(block).splitlines()]
    return "\n".join(out)


def timeline_page(atlas: Atlas) -> str:
    events = changes(atlas)
    kinds = sch.labels("event.kind")
    used_kinds = [k for k in kinds if any(ev.kind == k for _, ev in events)]
    options_j = "".join(f'<option value="{html.escape(e.code)}">{html.escape(e.name_en)}</option>' for e in atlas.entries)
    options_k = "".join(f'<option value="{k}">{html.escape(kinds[k])}</option>' for k in used_kinds)
    rows = []
    for e, ev in events:
        src = ev.sources[0].source if ev.sources else None
        link = f'<a href="{html.escape(src.url, quote=True)}">source</a>' if src else "no source"
        page = "../" + page_url(e)
        rows.append(
            f'<tr data-j="{html.escape(e.code)}" data-kind="{ev.kind}"><td>{html.escape(ev.date)}</td>'
            f'<td><a href="{page}">{html.escape(e.name_en)}</a></td><td>{html.escape(kinds[ev.kind])}</td>'
            f"<td>{html.escape(ev.title)}</td><td>{link}</td></tr>"
        )
    return "\n".join(
        [
            "# Timeline",
            "",
            f"{len(events)} dated events, EU and national, newest first: adoptions, annulments, CJEU rulings, suspensions, bills.",
            "",
            '<div class="ra-filters" id="ra-timeline-filters">',
            f'<label>Jurisdiction <select id="ra-filter-j"><option value="">All</option>{options_j}</select></label>',
            f'<label>Event <select id="ra-filter-kind"><option value="">All</option>{options_k}</select></label>',
            '<span id="ra-timeline-count" role="status"></span>',
            "</div>",
            "",
            '<table id="ra-timeline"><thead><tr><th scope="col">Date</th><th scope="col">Jurisdiction</th><th scope="col">Event</th>'
            '<th scope="col">What happened</th><th scope="col">Source</th></tr></thead><tbody>',
            *rows,
            "</tbody></table>",
            "",
        ]
    )


def _filled(e: Entry) -> tuple[int, int]:
    cells = [c.cell(e) for t in TOPICS.values() for c in t.columns]
    known = [c for c in cells if c.text not in (NOT_RECORDED, "unknown") and not c.text.startswith("Unknown")]
    return len(known), len(cells)


def coverage_page(atlas: Atlas) -> str:
    ref = dt.date.fromisoformat(atlas.as_of) if atlas.as_of else None
    rows = []
    for e in atlas.entries:
        filled, total = _filled(e)
        counts = e.verification_counts
        n = sum(counts.values()) or 1
        age = (ref - dt.date.fromisoformat(e.last_verified)).days if ref else 0
        stale = f"**older than {STALE_AFTER_DAYS // 30} months**" if age > STALE_AFTER_DAYS else "current"
        rows.append(
            [
                esc(e.code),
                esc(e.name_en),
                esc(sch.label("jurisdiction.group", e.group)),
                f"{100 * filled // total}% ({filled}/{total})",
                f"{100 * counts['primary'] // n}%",
                f"{100 * counts['unverified'] // n}%",
                esc(e.last_verified),
                stale,
            ]
        )
    return "\n".join(
        [
            "# Coverage and freshness",
            "",
            "How complete and how well verified each entry is. *Fields filled*: topic cells with a known value. "
            "*Primary*: share of values verified in the primary text. Freshness is measured against the newest "
            f"verification date in the atlas ({esc(atlas.as_of)}), so the page does not change with the day it is built.",
            "",
            table(["Code", "Jurisdiction", "Group", "Fields filled", "Primary", "Unverified", "Last verified", "Freshness"], rows),
            "",
        ]
    )


def explore_pages(atlas: Atlas) -> dict[str, str]:
    return {
        "compare.md": compare_page(atlas),
        "map.md": map_page(atlas),
        "timeline.md": timeline_page(atlas),
        "coverage.md": coverage_page(atlas),
        "available.md": available_page(atlas),
    }


def available_page(atlas: Atlas) -> str:
    from .availability import ANSWER_COLOURS, ANSWERS, CATEGORIES

    measure = tilemap.Measure(
        "available", "Would the data still be there?", [(k, v) for k, v in ANSWERS.items() if k != "unknown"], lambda e: "unknown"
    )
    legend = "".join(
        f'<li><span class="ra-swatch" style="background:{ANSWER_COLOURS[k]}"></span>{html.escape(v)}</li>' for k, v in ANSWERS.items()
    )
    boxes = "".join(
        f'<label><input type="checkbox" name="data" value="{k}"> {html.escape(label)}</label>' for k, (label, _) in CATEGORIES.items()
    )
    return "\n".join(
        [
            "# Would the data still be there?",
            "",
            "Choose the kinds of data and how old they are. For every jurisdiction the page says whether the law makes "
            "providers keep them at that age, only in some cases (a targeted or national-security regime), under an "
            "obligation that is not applied, or not at all; who must authorise access; and whether the data can be frozen first.",
            "",
            '!!! note "How to read the answers"',
            "",
            "    Retention *by law* is a legal obligation, not a promise that the data exist: business retention varies. "
            "Periods run from the moment each law counts from (the communication, the end of the session, the end of the "
            "contract), as recorded in the entry; the country pages give it. Month and day periods are compared on average "
            "lengths where the units differ. This is a mechanical reading of the entries, not legal advice.",
            "",
            '<div id="ra-available" data-src="../data/available.json" data-pages="../jurisdictions/">',
            f'<fieldset class="ra-avail-data"><legend>Data</legend>{boxes}</fieldset>',
            '<fieldset class="ra-avail-age"><legend>Age of the data</legend>'
            '<label for="ra-age-n">Age</label> <input type="range" id="ra-age-n" min="1" max="36" value="4"> '
            '<output id="ra-age-out" for="ra-age-n">4</output> '
            '<label for="ra-age-unit" class="ra-visually-hidden">Unit</label><select id="ra-age-unit">'
            '<option value="D">days</option><option value="W">weeks</option><option value="M" selected>months</option></select>'
            "</fieldset>",
            '<p id="ra-avail-status" role="status"></p>',
            "<p>Each square shows the most favourable answer among the chosen kinds of data; the table gives each one.</p>",
            f'<div class="ra-map-wrap">{tilemap.svg(atlas, measure, "../jurisdictions/")}<ul class="ra-legend">{legend}</ul></div>',
            '<div id="ra-avail-table" class="ra-table-wrap"></div>',
            "<noscript><p>This page needs JavaScript; the same answers are in the Scenario section of each country page "
            "and from the command line: <code>atlas available --age P4M</code>.</p></noscript>",
            "</div>",
            "",
        ]
    )
