"""Option-vs-regime gap analysis: test a drafting option against every national regime.

A mechanical comparison of the recorded data, not a legal opinion. Each rule below is published on
the option's page from ``RULES`` (the same text the code follows), so the method is never hidden.

Verdicts: ``meets``; ``exceeds`` (the national rule goes further than the option allows, e.g. keeps
data longer); ``falls_short`` (the national rule lacks what the option requires, e.g. a safeguard or
a minimum period); ``cannot_tell`` (the entry holds no or unknown data on the point).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import periods
from . import schema as sch
from .availability import rows_for
from .errors import InvalidEntries, Problem
from .load import display_path
from .model import Atlas, Entry, Sourced
from .topics import main_access
from .validate import schema_problems
from .yamlread import Document, dotted, read_yaml

VERDICTS = {"meets": "Meets", "exceeds": "Exceeds", "falls_short": "Falls short", "cannot_tell": "Cannot tell"}

RULES = {
    "max_retention": "Takes the longest period of the retention obligations in force for this data (targeted and "
    "national-security ones included; obligations not applied or ended are left out). Longer than the option's "
    "maximum: exceeds. No obligation in force: meets. A period recorded as unknown: cannot tell.",
    "min_retention": "Takes the longest period of the general obligations in force for this data. Shorter than the "
    "option's minimum, or none: falls short. Unknown period: cannot tell.",
    "permitted_modalities": "Lists the modalities of the retention obligations in force (preservation orders included). "
    "Any modality the option does not permit: exceeds.",
    "threshold": "Reads the offence threshold of the access regime for traffic and location data. Where the option "
    "allows access for serious crime only, a regime open to any offence falls short; a catalogue, a penalty threshold, "
    "'serious crime' or national security meets. No access regime recorded or an unknown threshold: cannot tell.",
    "prior_authorisation": "Reads who authorises access to traffic and location data beforehand. A body the option "
    "accepts: meets; any other (for instance a prosecutor or the police): falls short. Unknown: cannot tell.",
    "notification": "Reads whether the persons concerned are notified. Yes: meets. No: falls short. Unknown or not recorded: cannot tell.",
    "storage_in_eu": "Reads where the retained data must be stored. In the EU or in the national territory: meets. "
    "No requirement: falls short. Unknown or not recorded: cannot tell.",
}


@dataclass(frozen=True)
class Requirement:
    kind: str
    rests_on: tuple[dict[str, str], ...]
    category: str | None = None
    period: str | None = None
    modalities: tuple[str, ...] = ()
    level: str | None = None
    bodies: tuple[str, ...] = ()
    note: str | None = None

    @property
    def label(self) -> str:
        text = _option_labels("requirement.kind")[self.kind]
        if self.category:
            text += f": {_option_labels('queryCategory')[self.category].lower()}"
        return text

    @property
    def value_text(self) -> str:
        if self.period:
            return periods.words(self.period)
        if self.modalities:
            return ", ".join(sch.label("modality", m) for m in self.modalities)
        if self.level:
            return _option_labels("requirement.level")[self.level]
        if self.bodies:
            return ", ".join(sch.label("authorisationBody", b) for b in self.bodies)
        return "required"


@dataclass(frozen=True)
class Option:
    id: str
    title: str
    summary: str
    requirements: tuple[Requirement, ...]
    file: str = ""


@dataclass(frozen=True)
class Verdict:
    code: str
    requirement: Requirement
    verdict: str
    reason: str
    basis: tuple[Sourced, ...] = ()


def _option_labels(path: str) -> dict[str, str]:
    """Labels of an enum in the option schema: ``<def>`` or ``<def>.<field>``."""
    owner, _, field = path.partition(".")
    s = sch.option_schema()["$defs"][owner]
    s = s["properties"][field] if field else s
    return {v: s.get("x-labels", {}).get(v, v) for v in s["enum"]}


# ---- loading ---------------------------------------------------------------------------------

_NEEDS = {
    "max_retention": ("category", "period"),
    "min_retention": ("category", "period"),
    "permitted_modalities": ("modalities",),
    "threshold": ("level",),
    "prior_authorisation": ("bodies",),
}


def load_options(folder: Path, atlas: Atlas, root: Path | None = None) -> list[Option]:
    """Every option file in ``folder``, checked against the option schema and the atlas it cites."""
    problems: list[Problem] = []
    options: list[Option] = []
    ids = {e.code: _record_ids(e) for e in atlas.entries}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        display = display_path(path, root)
        doc, found = read_yaml(path.read_text(encoding="utf-8"), display)
        if doc is None or found:
            problems += found
            continue
        found = schema_problems(doc, display, sch.option_schema()) or _rule_problems(doc, display, path.stem, ids)
        if found:
            problems += found
            continue
        options.append(_build(doc.data, display))
    if problems:
        raise InvalidEntries(problems)
    return options


def _record_ids(e: Entry) -> set[str]:
    groups = (e.instruments, e.retention_obligations, e.access_regimes, e.court_decisions, e.events, e.pending_legislation)
    return {r.id for g in groups for r in g}


def _rule_problems(doc: Document, display: str, stem: str, ids: dict[str, set[str]]) -> list[Problem]:
    out = []

    def add(path: tuple, message: str) -> None:
        out.append(Problem(display, doc.line_of(path), dotted(path), message))

    if doc.data["id"] != stem:
        add(("id",), f"the id '{doc.data['id']}' does not match the file name '{stem}.yaml'")
    for i, req in enumerate(doc.data["requirements"]):
        for field in _NEEDS.get(req["kind"], ()):
            if field not in req:
                add(("requirements", i), f"a {req['kind']} requirement needs '{field}'")
        for j, basis in enumerate(req["rests_on"]):
            if basis["entry"] not in ids:
                add(("requirements", i, "rests_on", j, "entry"), f"there is no entry '{basis['entry']}'")
            elif basis["id"] not in ids[basis["entry"]]:
                add(("requirements", i, "rests_on", j, "id"), f"entry {basis['entry']} has no record '{basis['id']}'")
    return out


def _build(data: dict[str, Any], file: str) -> Option:
    reqs = tuple(
        Requirement(
            kind=r["kind"],
            rests_on=tuple(r["rests_on"]),
            category=r.get("category"),
            period=r.get("period"),
            modalities=tuple(r.get("modalities", ())),
            level=r.get("level"),
            bodies=tuple(r.get("bodies", ())),
            note=r.get("note"),
        )
        for r in data["requirements"]
    )
    return Option(data["id"], data["title"], data["summary"], reqs, file)


# ---- assessing -------------------------------------------------------------------------------


def _in_force_rows(e: Entry, category: str, general_only: bool = False):
    return [
        (ob, row)
        for ob, row in rows_for(e, category)
        if ob.lifecycle.value == "in_force"
        and (not general_only or ob.modality in ("general", "ip_source_general", "civil_identity_general"))
    ]


def _longest(rows) -> tuple[str | None, bool]:
    """(longest period, whether any period is unknown)."""
    known = [(periods.days(r.period), r.period) for _, r in rows if r.period != "unknown"]
    unknown = any(r.period == "unknown" for _, r in rows)
    return (max(known)[1] if known else None), unknown


def assess(e: Entry, req: Requirement) -> Verdict:
    k = req.kind
    if k in ("max_retention", "min_retention"):
        rows = _in_force_rows(e, req.category or "", general_only=k == "min_retention")
        longest, unknown = _longest(rows)
        basis = tuple(r for _, r in rows)
        if k == "max_retention":
            if not rows:
                return Verdict(e.code, req, "meets", "no retention obligation in force for this data", (e.regime_status,))
            if longest and not periods.within(longest, req.period or ""):
                return Verdict(e.code, req, "exceeds", f"keeps up to {periods.words(longest)}; the option allows {req.value_text}", basis)
            if unknown:
                return Verdict(e.code, req, "cannot_tell", "a period is recorded as unknown", basis)
            return Verdict(e.code, req, "meets", f"keeps up to {periods.words(longest)}", basis)
        if not rows:
            return Verdict(e.code, req, "falls_short", "no general obligation in force for this data", (e.regime_status,))
        if unknown and not longest:
            return Verdict(e.code, req, "cannot_tell", "the period is recorded as unknown", basis)
        if longest and not periods.within(req.period or "", longest):
            return Verdict(
                e.code, req, "falls_short", f"keeps {periods.words(longest)}; the option requires at least {req.value_text}", basis
            )
        return Verdict(e.code, req, "meets", f"keeps {periods.words(longest or '')}", basis)
    if k == "permitted_modalities":
        obs = [ob for ob in e.current_obligations() if ob.lifecycle.value == "in_force"]
        extra = sorted({ob.modality for ob in obs} - set(req.modalities))
        basis = tuple(ob.lifecycle for ob in obs)
        if extra:
            return Verdict(e.code, req, "exceeds", "in force: " + ", ".join(sch.label("modality", m) for m in extra), basis)
        what = ", ".join(sorted({sch.label("modality", ob.modality) for ob in obs})) or "no retention obligation in force"
        return Verdict(e.code, req, "meets", what, basis or (e.regime_status,))
    ar = main_access(e)
    if k == "threshold":
        if ar is None:
            return Verdict(e.code, req, "cannot_tell", "no access regime recorded")
        t = ar.threshold.value["type"]
        text = sch.label("thresholdType", t)
        if t in ("unknown", "other"):
            return Verdict(e.code, req, "cannot_tell", text, (ar.threshold,))
        if req.level == "serious_crime" and t == "any_offence":
            return Verdict(e.code, req, "falls_short", text, (ar.threshold,))
        return Verdict(e.code, req, "meets", text, (ar.threshold,))
    if k == "prior_authorisation":
        if ar is None:
            return Verdict(e.code, req, "cannot_tell", "no access regime recorded")
        body = ar.prior_authorisation.value["body"]
        text = sch.label("authorisationBody", body)
        if body == "unknown":
            return Verdict(e.code, req, "cannot_tell", text, (ar.prior_authorisation,))
        return Verdict(e.code, req, "meets" if body in req.bodies else "falls_short", text, (ar.prior_authorisation,))
    if k == "notification":
        n = ar.notification if ar else None
        if n is None or n.value["required"] == "unknown":
            return Verdict(e.code, req, "cannot_tell", "not recorded" if n is None else "unknown", (n,) if n else ())
        return Verdict(
            e.code,
            req,
            "meets" if n.value["required"] == "yes" else "falls_short",
            "notified" if n.value["required"] == "yes" else "not notified",
            (n,),
        )
    # storage_in_eu
    locations = [ob.storage_location for ob in e.current_obligations() if ob.storage_location is not None]
    if not locations or all(s.value == "unknown" for s in locations):
        return Verdict(e.code, req, "cannot_tell", "not recorded", tuple(locations))
    if any(s.value == "no_requirement" for s in locations):
        return Verdict(e.code, req, "falls_short", "no storage requirement", tuple(locations))
    return Verdict(e.code, req, "meets", ", ".join(sorted({sch.label("storageLocation", s.value) for s in locations})), tuple(locations))


def assess_all(atlas: Atlas, option: Option) -> list[list[Verdict]]:
    """Verdicts per jurisdiction (rows) and requirement (columns)."""
    return [[assess(e, r) for r in option.requirements] for e in atlas.jurisdictions]


def summary(atlas: Atlas, option: Option, grid: list[list[Verdict]]) -> list[tuple[Requirement, dict[str, int]]]:
    """Per requirement, how many EU Member States get each verdict."""
    members = {e.code for e in atlas.members("eu_member")}
    out = []
    for i, req in enumerate(option.requirements):
        counts = dict.fromkeys(VERDICTS, 0)
        for row in grid:
            if row[i].code in members:
                counts[row[i].verdict] += 1
        out.append((req, counts))
    return out
