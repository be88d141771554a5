"""'Would the data still be there?': what the law makes providers keep at a given age of the data.

Semantics (stated on the site too): retention "by law" is a legal obligation, not a promise that the
data exist (business retention varies); periods run from the moment the entry records
(``period_start``). Targeted and national-security regimes hold data only in some cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import periods
from . import schema as sch
from .model import AccessRegime, Atlas, CategoryPeriod, Entry, Obligation, Sourced, weakest
from .topics import CATEGORY_GROUPS, MARK, lower_first, preservation_cell

# Query categories → the schema's data categories.
CATEGORIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "traffic": CATEGORY_GROUPS["traffic"],
    "location": CATEGORY_GROUPS["location"],
    "ip_source": CATEGORY_GROUPS["ip"],
    "subscriber": CATEGORY_GROUPS["subscriber"],
}

ANSWERS = {
    "retained": "Retained by law",
    "some_cases": "Only in some cases (targeted or national-security regime)",
    "not_applied": "Obligation not applied",
    "not_retained": "Not retained by law",
    "unknown": "Unknown",
}
_RANK = ["retained", "some_cases", "not_applied", "unknown", "not_retained"]  # best answer first
_SOME_CASES = {"targeted_geographic", "targeted_personal", "targeted_other", "national_security_order"}
_NOT_APPLIED = {"suspended", "declared_inapplicable"}
_NO_RETENTION = {"no_obligation", "preservation_only"}


@dataclass(frozen=True)
class Answer:
    code: str
    category: str
    kind: str
    period: str | None = None
    obligation: Obligation | None = None
    row: CategoryPeriod | None = None
    authorisation: str = "Not recorded"
    preservation: str = "Not recorded"
    basis: tuple[Sourced, ...] = ()

    @property
    def label(self) -> str:
        return ANSWERS[self.kind]


def _candidate(ob: Obligation, row: CategoryPeriod, age: str) -> str:
    inside = periods.within(age, row.period) if row.period != "unknown" else None
    if ob.lifecycle.value in _NOT_APPLIED:
        return "not_applied" if inside is not False else "not_retained"
    if ob.lifecycle.value not in ("in_force",):
        return "unknown"
    if inside is None:
        return "unknown"
    if not inside:
        return "not_retained"
    return "some_cases" if ob.modality in _SOME_CASES else "retained"


def rows_for(e: Entry, category: str) -> list[tuple[Obligation, CategoryPeriod]]:
    """Retention rows that can hold data of this category (preservation orders are not retention)."""
    categories = CATEGORIES[category][1]
    return [
        (ob, row)
        for ob in e.current_obligations()
        if ob.modality != "expedited_preservation"
        for row in ob.data_categories
        if row.category in categories
    ]


def reason(a: Answer) -> str:
    """The answer in words: what it rests on."""
    if a.obligation is None or a.row is None:
        return "No retention obligation recorded for this data" + (
            "; the entry states there is none." if a.kind == "not_retained" else "; the entry does not say."
        )
    ob, row = a.obligation, a.row
    period = periods.words(row.period) if row.period != "unknown" else "an unknown period"
    start = f" {sch.label('periodStart', row.period_start)}" if row.period_start and row.period_start != "unknown" else ""
    text = f"{sch.label('modality', ob.modality)} obligation of {period}{start}"
    if ob.purposes:
        text += " for " + ", ".join(sch.label("purpose", p).lower() for p in ob.purposes.value)
    text += f"; {sch.label('lifecycle', ob.lifecycle.value).lower()}"
    if a.kind == "not_retained":
        text += "; the period ends before this age"
    return text + "."


def _without_rules(e: Entry) -> str:
    """The answer where no retention rule covers the data: none if the entry says there is none."""
    return "not_retained" if e.regime_status.value in _NO_RETENTION else "unknown"


def _access_for(e: Entry, categories: tuple[str, ...]) -> AccessRegime | None:
    return next((a for a in e.access_regimes if set(a.data_categories) & set(categories)), None)


def answer(e: Entry, category: str, age: str) -> Answer:
    """The answer for one jurisdiction, one query category and one age (ISO 8601 duration)."""
    return answers(e, category, [age])[0]


def answers(e: Entry, category: str, ages: list[str]) -> list[Answer]:
    """The answers for several ages: what does not depend on the age is worked out once."""
    categories = CATEGORIES[category][1]
    rules = rows_for(e, category)
    access = _access_for(e, categories)
    authorisation = sch.label("authorisationBody", access.prior_authorisation.value["body"]) if access else "Not recorded"
    pres = e.preservation
    preservation = preservation_cell(e, detail=False).text
    extra = tuple(x for x in (access.prior_authorisation if access else None, pres) if x is not None)
    common = {"code": e.code, "category": category, "authorisation": authorisation, "preservation": preservation}
    out = []
    for age in ages:
        candidates = [(_candidate(ob, row, age), ob, row) for ob, row in rules]
        if not candidates:
            out.append(Answer(kind=_without_rules(e), basis=(e.regime_status, *extra), **common))
            continue
        kind, ob, row = min(candidates, key=lambda c: _RANK.index(c[0]))
        out.append(Answer(kind=kind, period=row.period, obligation=ob, row=row, basis=(row, ob.lifecycle, *extra), **common))
    return out


SCENARIO_AGES = [("1 week", "P1W"), ("1 month", "P1M"), ("3 months", "P3M"), ("6 months", "P6M"), ("1 year", "P1Y")]


def parse_age(text: str) -> str:
    """Accept an ISO 8601 duration (P4M, P120D, P10W); raise ValueError with the accepted forms."""
    age = text.strip().upper()
    if periods.days(age) is None or "T" in age:
        raise ValueError(f"'{text}' is not an age such as P4M, P120D, P10W or P1Y")
    return age


def available_json(atlas: Atlas) -> dict[str, Any]:
    """What the /available/ page needs to answer in the browser, with the same rules as ``answer``."""
    out = []
    for e in atlas.jurisdictions:
        cats = {}
        for key in CATEGORIES:
            rules = []
            for ob, row in rows_for(e, key):
                md = periods.months_days(row.period) if row.period != "unknown" else None
                rules.append(
                    {
                        "some": ob.modality in _SOME_CASES,
                        "state": "in_force"
                        if ob.lifecycle.value == "in_force"
                        else "not_applied"
                        if ob.lifecycle.value in _NOT_APPLIED
                        else "other",
                        "period": row.period,
                        "words": periods.words(row.period),
                        "md": list(md) if md else None,
                        "days": periods.days(row.period),
                        "why": f"{sch.label('modality', ob.modality)}, {sch.label('lifecycle', ob.lifecycle.value).lower()}",
                    }
                )
            empty = _without_rules(e)
            access = _access_for(e, CATEGORIES[key][1])
            cats[key] = {
                "rules": rules,
                "empty": empty,
                "auth": sch.label("authorisationBody", access.prior_authorisation.value["body"]) if access else "Not recorded",
            }
        preservation = preservation_cell(e, detail=False).text
        out.append({"code": e.code, "name": e.name_en, "group": e.group, "page": f"{e.slug}/", "cats": cats, "preservation": preservation})
    return {
        "as_of": atlas.as_of,
        "answers": ANSWERS,
        "categories": {k: v[0] for k, v in CATEGORIES.items()},
        "groups": sch.labels("jurisdiction.group"),
        "jurisdictions": out,
    }


def table_rows(entries: list[Entry], categories: list[str], age: str) -> tuple[list[str], list[list[str]]]:
    """One row per jurisdiction: the answer per category with the period it rests on."""
    headers = ["Code", "Jurisdiction", *[CATEGORIES[c][0] for c in categories], "Prior authorisation", "Preservation"]
    rows = []
    for e in entries:
        found = [answer(e, c, age) for c in categories]
        rows.append([e.code, e.name_en, *[answer_text(a) for a in found], authorisation_text(found), found[0].preservation])
    return headers, rows


def answer_text(a: Answer) -> str:
    """An answer as a table cell: the answer, the period it rests on, and its weakest verification."""
    text = a.label
    if a.period and a.period != "unknown":
        text += f" ({periods.words(a.period)})"
    return text + MARK.get(weakest((b.verification for b in a.basis), default="none"), "")


def authorisation_text(found: list[Answer]) -> str:
    """Who authorises access, per category where they differ."""
    by_body: dict[str, list[str]] = {}
    for a in found:
        by_body.setdefault(a.authorisation, []).append(lower_first(CATEGORIES[a.category][0]))
    return next(iter(by_body)) if len(by_body) == 1 else "; ".join(f"{b} ({', '.join(c)})" for b, c in by_body.items())


# Map colours per answer (Okabe-Ito; grey for unknown), shared by the page and its legend.
ANSWER_COLOURS = {"retained": "#0072B2", "some_cases": "#56B4E9", "not_applied": "#E69F00", "not_retained": "#D55E00", "unknown": "#BBBBBB"}
