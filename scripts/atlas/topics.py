"""Topics and their columns, defined once; pages, the CLI and exports all read them.

A column turns an entry into a ``Cell``: display text plus the sourced values it rests on, so each
output (Markdown with footnotes, terminal, CSV) can show sources and verification its own way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import periods
from . import schema as sch
from .model import AccessRegime, CategoryPeriod, Entry, Sourced, weakest


@dataclass(frozen=True)
class Cell:
    text: str
    basis: tuple[Sourced, ...] = ()
    sort: float | str | None = None

    @property
    def verification(self) -> str:
        return weakest((b.verification for b in self.basis), default="none")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    cell: Callable[[Entry], Cell]


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    description: str
    columns: tuple[Column, ...]


NOT_RECORDED = "Not recorded"
# How plain-text outputs (terminal, CSV, Markdown to paste) flag a value's verification.
MARK = {"secondary": " [secondary]", "unverified": " [unverified]"}

# Category groups a reader compares; each maps to the schema's data categories.
CATEGORY_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "traffic": ("Traffic data", ("telephony_traffic", "internet_traffic", "email_traffic", "traffic_and_location")),
    "location": ("Location data", ("location", "traffic_and_location")),
    "ip": ("Source IP addresses", ("ip_source_assignment",)),
    "subscriber": ("Subscriber identity", ("subscriber_identity",)),
}


def status_cell(e: Entry) -> Cell:
    rs = e.regime_status
    return Cell(sch.label("regimeStatusValue", rs.value), (rs,), sort=rs.value)


def lower_first(label: str) -> str:
    """Labels read as sentence fragments inside a cell ("Source IP addresses" → "source IP addresses");
    acronyms stay ("EU Member States")."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _period_text(row: CategoryPeriod) -> str:
    text = periods.words(row.period)
    return f"{periods.words(row.period_min)} to {text}" if row.period_min else text


def _period_cell(e: Entry, categories: tuple[str, ...]) -> Cell:
    """Periods of the obligations that still stand, one part per obligation, qualified where it differs."""
    obligations = [(ob, rows) for ob in e.current_obligations() if (rows := [c for c in ob.data_categories if c.category in categories])]
    parts: list[str] = []
    basis: list[Sourced] = []
    longest: float | None = None
    for ob, rows in obligations:
        texts = list(dict.fromkeys(_period_text(r) for r in rows))
        if len(texts) == 1:
            body = texts[0]
        else:
            body = ", ".join(f"{_period_text(r)} {lower_first(sch.label('dataCategory', r.category))}" for r in rows)
        qualifiers = []
        if ob.modality != "general":
            qualifiers.append(lower_first(sch.label("modality", ob.modality)))
        if len(obligations) > 1 and ob.purposes:
            qualifiers.append("for " + ", ".join(lower_first(sch.label("purpose", p)) for p in ob.purposes.value))
        if ob.lifecycle.value != "in_force":
            qualifiers.append(lower_first(sch.label("lifecycle", ob.lifecycle.value)))
            basis.append(ob.lifecycle)
        parts.append(body + (f" ({'; '.join(qualifiers)})" if qualifiers else ""))
        basis.extend(rows)
        for r in rows:
            d = periods.days(r.period)
            if d is not None:  # sorts by the period shown, whatever its status
                longest = max(longest or 0, d)
    if not parts:
        none = e.regime_status.value == "no_obligation"
        return Cell("No obligation" if none else NOT_RECORDED, (e.regime_status,) if none else (), sort=0 if none else None)
    return Cell("; ".join(dict.fromkeys(parts)), tuple(basis), sort=longest)


def period_column(group: str) -> Column:
    label, categories = CATEGORY_GROUPS[group]
    return Column(group, label, lambda e: _period_cell(e, categories))


def main_access(e: Entry) -> AccessRegime | None:
    """The access regime for traffic/location data, which is what readers compare first."""
    wanted = set(CATEGORY_GROUPS["traffic"][1]) | {"location"}
    return next((a for a in e.access_regimes if wanted & set(a.data_categories)), e.access_regimes[0] if e.access_regimes else None)


def regime_scope(ar: AccessRegime) -> str:
    """Short name of what an access regime covers: its title, else the category groups it touches."""
    if ar.title:
        return ar.title
    groups = [label for label, cats in CATEGORY_GROUPS.values() if set(cats) & set(ar.data_categories)]
    return lower_first(" / ".join(groups)) if groups else "other data"


def _access_cell(e: Entry, render: Callable[[AccessRegime], tuple[str, Sourced | None]]) -> Cell:
    regimes = e.access_regimes
    if not regimes:
        return Cell(NOT_RECORDED)
    parts, basis = [], []
    for ar in regimes:
        text, sourced = render(ar)
        if sourced is None:
            continue
        parts.append(f"{regime_scope(ar)}: {text}" if len(regimes) > 1 else text)
        basis.append(sourced)
    return Cell("; ".join(parts) or NOT_RECORDED, tuple(basis), sort=parts[0] if parts else "")


def _authorities(ar: AccessRegime) -> tuple[str, Sourced | None]:
    names = [a.get("name") or sch.label("authorityType", a["type"]) for a in ar.authorities.value]
    return ", ".join(names), ar.authorities


def _threshold(ar: AccessRegime) -> tuple[str, Sourced | None]:
    v = ar.threshold.value
    text = sch.label("thresholdType", v["type"])
    if v.get("min_penalty"):
        text += f" ({periods.words(v['min_penalty'])})"
    return text, ar.threshold


def _authorisation(ar: AccessRegime) -> tuple[str, Sourced | None]:
    return sch.label("authorisationBody", ar.prior_authorisation.value["body"]), ar.prior_authorisation


def _urgency(ar: AccessRegime) -> tuple[str, Sourced | None]:
    if ar.urgency is None:
        return NOT_RECORDED, None
    v = ar.urgency.value
    return sch.label("triState", v["exists"]) + (f": {v['text']}" if v.get("text") else ""), ar.urgency


def _notification(ar: AccessRegime) -> tuple[str, Sourced | None]:
    if ar.notification is None:
        return NOT_RECORDED, None
    return sch.label("triState", ar.notification.value["required"]), ar.notification


def headline_authorisation(e: Entry) -> Cell:
    ar = main_access(e)
    if ar is None:
        return Cell(NOT_RECORDED)
    text, sourced = _authorisation(ar)
    return Cell(text, (sourced,) if sourced else (), sort=text)


def preservation_cell(e: Entry, detail: bool = True) -> Cell:
    p = e.preservation
    if p is None:
        return Cell(NOT_RECORDED)
    v = p.value
    text = sch.label("triState", v["exists"])
    if v.get("max_duration", "unknown") != "unknown":
        text += f", up to {periods.words(v['max_duration'])}"
    if detail and v.get("issuing_authority"):
        text += f"; ordered by {v['issuing_authority']}"
    return Cell(text, (p,), sort=text)


def pending_cell(e: Entry) -> Cell:
    if not e.pending_legislation:
        return Cell("None recorded", sort="")
    parts = [f"{b.title} ({_stage(b.stage)}{', ' + b.date if b.date else ''})" for b in e.pending_legislation]
    return Cell("; ".join(parts), tuple(e.pending_legislation), sort=len(parts))


def _stage(stage: str) -> str:
    return sch.label("bill.stage", stage)


def latest_ruling_cell(e: Entry) -> Cell:
    national = [cd for cd in e.court_decisions if cd.court_level != "cjeu"] or list(e.court_decisions)
    if not national:
        return Cell("None recorded", sort="")
    cd = national[-1]
    text = (
        f"{cd.date}: {cd.court}" + (f" {cd.case_number}" if cd.case_number else "") + f" ({sch.label('courtDecision.outcome', cd.outcome)})"
    )
    return Cell(text, (cd,), sort=cd.date)


def rulings_count_cell(e: Entry) -> Cell:
    n = len(e.court_decisions)
    cjeu = sum(1 for cd in e.court_decisions if cd.court_level == "cjeu")
    return Cell(f"{n}" + (f" ({cjeu} CJEU)" if cjeu else ""), sort=n)


def as_of_cell(e: Entry) -> Cell:
    return Cell(e.last_verified, sort=e.last_verified)


TOPICS: dict[str, Topic] = {
    t.key: t
    for t in (
        Topic(
            "status",
            "Regime status",
            "Whether a retention obligation exists today and whether it is applied.",
            (
                Column("status", "Regime status", status_cell),
                Column("as_of", "Status as of", lambda e: Cell(e.regime_status.as_of or "", sort=e.regime_status.as_of)),
                Column("pending", "Pending legislation", pending_cell),
            ),
        ),
        Topic(
            "retention",
            "Retention periods",
            "Retention periods by data category, with the modality where it is not general retention "
            "and the status where it is not in force.",
            tuple(period_column(g) for g in CATEGORY_GROUPS),
        ),
        Topic(
            "access",
            "Access to retained data",
            "Who may obtain retained data, for which offences, and who authorises it beforehand.",
            (
                Column("authorities", "Authorities", lambda e: _access_cell(e, _authorities)),
                Column("threshold", "Offence threshold", lambda e: _access_cell(e, _threshold)),
                Column("authorisation", "Prior authorisation", lambda e: _access_cell(e, _authorisation)),
                Column("urgency", "Urgency exception", lambda e: _access_cell(e, _urgency)),
                Column("notification", "Notification", lambda e: _access_cell(e, _notification)),
            ),
        ),
        Topic(
            "preservation",
            "Preservation (quick freeze)",
            "Whether authorities can order data already held to be preserved, by whom, and for how long.",
            (Column("preservation", "Preservation", preservation_cell),),
        ),
    )
}

# The overview table on the home page.
TOPICS["courts"] = Topic(
    "courts",
    "Court decisions",
    "The most recent national ruling on the regime (or CJEU ruling where no national one is recorded), and how many are recorded.",
    (Column("latest_ruling", "Latest ruling", latest_ruling_cell), Column("rulings", "Rulings recorded", rulings_count_cell)),
)

OVERVIEW: tuple[Column, ...] = (
    Column("status", "Regime status", status_cell),
    period_column("traffic"),
    Column(
        "ip_subscriber",
        "IP / subscriber data",
        lambda e: _merge(_period_cell(e, CATEGORY_GROUPS["ip"][1]), _period_cell(e, CATEGORY_GROUPS["subscriber"][1])),
    ),
    Column("authorisation", "Who authorises access", headline_authorisation),
    Column("as_of", "As of", as_of_cell),
)


def _merge(ip: Cell, sub: Cell) -> Cell:
    if ip.text == sub.text:
        return ip
    return Cell(f"IP: {ip.text}; subscriber: {sub.text}", ip.basis + sub.basis, sort=ip.sort)
