"""A tile-grid map of Europe as SVG: one equal square per jurisdiction, no geodata.

Colours come from the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies),
every tile also carries its code as text, and every map is paired with a table on the page.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from . import periods
from . import schema as sch
from .model import Atlas, Entry
from .topics import main_access

# (column, row) of each tile: roughly where the country lies.
GRID: dict[str, tuple[int, int]] = {
    "IS": (1, 0),
    "NO": (4, 0),
    "SE": (5, 0),
    "FI": (6, 0),
    "IE": (1, 1),
    "UK": (2, 1),
    "DK": (4, 1),
    "EE": (6, 1),
    "NL": (2, 2),
    "DE": (3, 2),
    "PL": (4, 2),
    "LT": (5, 2),
    "LV": (6, 2),
    "BE": (2, 3),
    "LU": (3, 3),
    "CZ": (4, 3),
    "SK": (5, 3),
    "FR": (1, 4),
    "CH": (2, 4),
    "LI": (3, 4),
    "AT": (4, 4),
    "HU": (5, 4),
    "RO": (6, 4),
    "PT": (0, 5),
    "ES": (1, 5),
    "IT": (3, 5),
    "SI": (4, 5),
    "HR": (5, 5),
    "BG": (6, 5),
    "MT": (3, 6),
    "EL": (6, 6),
    "CY": (7, 6),
    "US": (0, 0),
}
NAMES = {
    "IS": "Iceland",
    "NO": "Norway",
    "SE": "Sweden",
    "FI": "Finland",
    "IE": "Ireland",
    "UK": "United Kingdom",
    "DK": "Denmark",
    "EE": "Estonia",
    "NL": "Netherlands",
    "DE": "Germany",
    "PL": "Poland",
    "LT": "Lithuania",
    "LV": "Latvia",
    "BE": "Belgium",
    "LU": "Luxembourg",
    "CZ": "Czechia",
    "SK": "Slovakia",
    "FR": "France",
    "CH": "Switzerland",
    "LI": "Liechtenstein",
    "AT": "Austria",
    "HU": "Hungary",
    "RO": "Romania",
    "PT": "Portugal",
    "ES": "Spain",
    "IT": "Italy",
    "SI": "Slovenia",
    "HR": "Croatia",
    "BG": "Bulgaria",
    "MT": "Malta",
    "EL": "Greece",
    "CY": "Cyprus",
    "US": "United States",
}

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
NO_DATA = "#FFFFFF"
UNKNOWN = "#BBBBBB"
TILE, GAP = 56, 6


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    classes: list[tuple[str, str]]  # (class key, label) in legend order; colours follow this order
    classify: Callable[[Entry], str]  # returns a class key, or "unknown"


def _status(e: Entry) -> str:
    return e.regime_status.value


def _traffic_band(e: Entry) -> str:
    from .topics import CATEGORY_GROUPS

    cats = set(CATEGORY_GROUPS["traffic"][1])
    rows = [(ob, c) for ob in e.current_obligations() for c in ob.data_categories if c.category in cats]
    applied = [c for ob, c in rows if ob.lifecycle.value == "in_force" and ob.modality == "general"]
    if not rows:
        return "none" if e.regime_status.value in ("no_obligation", "preservation_only", "ip_and_identity_only") else "unknown"
    if not applied:
        return "restricted"
    longest = max((periods.days(c.period) or -1) for c in applied)
    if longest < 0:
        return "unknown"
    return "upto3" if longest <= 92 else "upto6" if longest <= 184 else "upto12" if longest <= 366 else "over12"


def _authorisation(e: Entry) -> str:
    ar = main_access(e)
    return ar.prior_authorisation.value["body"] if ar else "unknown"


def measures() -> list[Measure]:
    status = [(k, v) for k, v in sch.labels("regimeStatusValue").items() if k != "unknown"]
    bodies = [(k, v) for k, v in sch.labels("authorisationBody").items() if k != "unknown"]
    return [
        Measure("status", "Regime status", status, _status),
        Measure(
            "traffic",
            "General retention of traffic data (longest period applied)",
            [
                ("none", "No retention of traffic data"),
                ("restricted", "Only targeted, national-security or not applied"),
                ("upto3", "Up to 3 months"),
                ("upto6", "Over 3, up to 6 months"),
                ("upto12", "Over 6, up to 12 months"),
                ("over12", "Over 12 months"),
            ],
            _traffic_band,
        ),
        Measure("authorisation", "Who authorises access to traffic data", bodies, _authorisation),
    ]


def colours(measure: Measure) -> dict[str, str]:
    out = {key: OKABE_ITO[i % len(OKABE_ITO)] for i, (key, _) in enumerate(measure.classes)}
    out["unknown"] = UNKNOWN
    return out


def _text_colour(fill: str) -> str:
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 140 else "#FFFFFF"


def svg(atlas: Atlas, measure: Measure, link_prefix: str) -> str:
    """The map for one measure; tiles of covered jurisdictions link to their pages."""
    palette = colours(measure)
    labels = dict(measure.classes) | {"unknown": "Unknown or not recorded"}
    cols = max(c for c, _ in GRID.values()) + 1
    rows = max(r for _, r in GRID.values()) + 1
    width, height = cols * (TILE + GAP), rows * (TILE + GAP)
    title_id = f"map-{measure.key}-title"
    out = [
        f'<svg class="ra-map" role="group" aria-labelledby="{title_id}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">Tile map of Europe: {html.escape(measure.title)}</title>',
    ]
    entries = {e.code: e for e in atlas.jurisdictions}
    for code, (c, r) in sorted(GRID.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        x, y = c * (TILE + GAP), r * (TILE + GAP)
        e = entries.get(code)
        if e is None:
            out.append(
                f'<g class="ra-tile ra-missing"><title>{html.escape(NAMES.get(code, code))}: not yet covered</title>'
                f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" fill="{NO_DATA}" stroke="#767676" stroke-dasharray="4 3"/>'
                f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 5}" text-anchor="middle" fill="#595959" font-size="15">{code}</text></g>'
            )
            continue
        cls = measure.classify(e)
        fill = palette.get(cls, UNKNOWN)
        tip = f"{e.name_en}: {labels.get(cls, cls)}"
        out.append(
            f'<a href="{link_prefix}{e.slug}/" class="ra-tile" data-code="{code}" data-class="{cls}">'
            f"<title>{html.escape(tip)}</title>"
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" fill="{fill}" stroke="#333333"/>'
            f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 6}" text-anchor="middle" fill="{_text_colour(fill)}" '
            f'font-size="17" font-weight="bold">{code}</text></a>'
        )
    out.append("</svg>")
    return "".join(out)


def legend(measure: Measure) -> str:
    palette = colours(measure)
    items = [*measure.classes, ("unknown", "Unknown or not recorded")]
    parts = ['<ul class="ra-legend">']
    for key, label in items:
        parts.append(f'<li><span class="ra-swatch" style="background:{palette[key]}"></span>{html.escape(label)}</li>')
    parts.append('<li><span class="ra-swatch ra-swatch-missing"></span>Not yet covered</li></ul>')
    return "".join(parts)
