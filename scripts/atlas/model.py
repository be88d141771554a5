"""Typed, read-only model of validated entries. Everything after validation reads this, never YAML.

Field names mirror the schema's keys, so the schema stays the one place they are defined.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import schema as sch


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    date: str
    accessed: str
    language: str
    kind: str
    publisher: str | None = None
    eli: str | None = None
    ecli: str | None = None
    celex: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Citation:
    source: Source
    at: str | None = None


@dataclass(frozen=True)
class Sourced:
    """Anything that rests on sources and carries a verification status."""

    sources: tuple[Citation, ...] = ()
    verification: str = "unverified"
    note: str | None = None


@dataclass(frozen=True)
class Cited(Sourced):
    value: Any = None
    as_of: str | None = None


@dataclass(frozen=True)
class Instrument(Sourced):
    id: str = ""
    title: str = ""
    kind: str = "other"
    status: str = "in_force"
    title_en: str | None = None
    citation: str | None = None
    eli: str | None = None
    celex: str | None = None
    url: str | None = None
    adopted: str | None = None
    in_force_from: str | None = None
    applies_from: str | None = None
    transposition_deadline: str | None = None


@dataclass(frozen=True)
class CategoryPeriod(Sourced):
    category: str = "other"
    period: str = "unknown"
    period_min: str | None = None
    period_as_written: str | None = None
    period_start: str | None = None


@dataclass(frozen=True)
class Obligation:
    id: str
    modality: str
    lifecycle: Cited
    data_categories: tuple[CategoryPeriod, ...]
    instrument: Instrument | None = None
    provisions: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    purposes: Cited | None = None
    providers: Cited | None = None
    targeting: Cited | None = None
    order_approval: Cited | None = None
    storage_location: Cited | None = None
    excluded_data: Cited | None = None
    note: str | None = None


@dataclass(frozen=True)
class AccessRegime:
    id: str
    data_categories: tuple[str, ...]
    authorities: Cited
    threshold: Cited
    prior_authorisation: Cited
    title: str | None = None
    urgency: Cited | None = None
    notification: Cited | None = None
    note: str | None = None


@dataclass(frozen=True)
class CourtDecision(Sourced):
    id: str = ""
    court: str = ""
    court_level: str = "other"
    date: str = ""
    outcome: str = "other"
    summary: str = ""
    case_number: str | None = None
    name: str | None = None
    formation: str | None = None
    ecli: str | None = None
    celex: str | None = None
    affects: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class Event(Sourced):
    id: str = ""
    date: str = ""
    kind: str = "other"
    title: str = ""
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bill(Sourced):
    id: str = ""
    title: str = ""
    stage: str = "unknown"
    summary: str = ""
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Assessment(Sourced):
    id: str = ""
    by: str = ""
    date: str = ""
    verdict: str = ""


@cache
def _weakest_first() -> tuple[str, ...]:
    return tuple(reversed(sch.enum_values("verification")))


def weakest(statuses: Iterable[str], default: str) -> str:
    """The least verified of ``statuses`` (schema order runs from strongest to weakest)."""
    found = set(statuses)
    return next((s for s in _weakest_first() if s in found), default)


# Lifecycle values after which an obligation no longer binds anyone.
ENDED_LIFECYCLES = frozenset({"annulled", "declared_invalid", "repealed", "expired"})


@dataclass(frozen=True)
class Entry:
    code: str
    iso3166_1: str | None
    name_en: str
    name_native: str
    group: str
    last_verified: str
    summary: Cited
    regime_status: Cited
    sources: tuple[Source, ...]
    instruments: tuple[Instrument, ...] = ()
    retention_obligations: tuple[Obligation, ...] = ()
    access_regimes: tuple[AccessRegime, ...] = ()
    preservation: Cited | None = None
    court_decisions: tuple[CourtDecision, ...] = ()
    events: tuple[Event, ...] = ()
    pending_legislation: tuple[Bill, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    file: str = ""
    # Digest of the file and checking code it was read from (see entry_cache); "" when made in memory.
    digest: str = field(default="", compare=False)

    @property
    def slug(self) -> str:
        return self.code.lower()

    def verifications(self) -> list[str]:
        """Verification status of every substantive value in the entry."""
        out = [self.summary.verification, self.regime_status.verification]
        for ob in self.retention_obligations:
            out += [c.verification for c in (ob.lifecycle, ob.purposes, ob.providers) if c]
            out += [c.verification for c in ob.data_categories]
        for ar in self.access_regimes:
            out += [c.verification for c in (ar.authorities, ar.threshold, ar.prior_authorisation, ar.urgency, ar.notification) if c]
        if self.preservation:
            out.append(self.preservation.verification)
        for group in (self.instruments, self.court_decisions, self.events, self.pending_legislation, self.assessments):
            out += [r.verification for r in group]
        return out

    def current_obligations(self) -> tuple[Obligation, ...]:
        """Obligations that still stand (in force, suspended or not applied), not ended ones."""
        return tuple(ob for ob in self.retention_obligations if ob.lifecycle.value not in ENDED_LIFECYCLES)

    @property
    def verification_counts(self) -> dict[str, int]:
        counts = {status: 0 for status in sch.enum_values("verification")}
        for status in self.verifications():
            counts[status] += 1
        return counts

    @property
    def verification_summary(self) -> str:
        """The entry is only as verified as its least verified value."""
        return weakest(self.verifications(), default="unverified")


@dataclass(frozen=True)
class Atlas:
    """All entries, in EU protocol order within their group."""

    entries: tuple[Entry, ...] = field(default_factory=tuple)

    def get(self, code: str) -> Entry | None:
        return next((e for e in self.entries if e.code == code.upper()), None)

    @property
    def jurisdictions(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.group != "eu_level")

    def groups(self) -> list[tuple[str, tuple[Entry, ...]]]:
        """Jurisdictions per group (EU Member States, EEA, other), in schema order, empty groups left out.

        Comparators live in their own group so that EU aggregates never count them."""
        order = [g for g in sch.labels("jurisdiction.group") if g != "eu_level"]
        out = [(g, self.members(g)) for g in order]
        return [(g, members) for g, members in out if members]

    def members(self, group: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.jurisdictions if e.group == group)

    @property
    def as_of(self) -> str:
        return max((e.last_verified for e in self.entries), default="")


# EU protocol order (Interinstitutional Style Guide), then EEA and others.
PROTOCOL_ORDER = [
    "EU",
    "BE",
    "BG",
    "CZ",
    "DK",
    "DE",
    "EE",
    "IE",
    "EL",
    "ES",
    "FR",
    "HR",
    "IT",
    "CY",
    "LV",
    "LT",
    "LU",
    "HU",
    "MT",
    "NL",
    "AT",
    "PL",
    "PT",
    "RO",
    "SI",
    "SK",
    "FI",
    "SE",
    "IS",
    "LI",
    "NO",
    "CH",
    "UK",
    "US",
]


def sort_key(entry: Entry) -> tuple[int, int, str]:
    groups = list(sch.labels("jurisdiction.group"))
    rank = PROTOCOL_ORDER.index(entry.code) if entry.code in PROTOCOL_ORDER else len(PROTOCOL_ORDER)
    return groups.index(entry.group), rank, entry.code


# ---- building the model from validated data ------------------------------------------------


class _Builder:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.sources = {s["id"]: _make(Source, s) for s in data["sources"]}

    def citations(self, raw: list[dict[str, Any]] | None) -> tuple[Citation, ...]:
        return tuple(Citation(self.sources[c["src"]], c.get("at")) for c in raw or [])

    def sourced(self, cls: type, raw: dict[str, Any] | None, **extra: Any) -> Any:
        if raw is None:
            return None
        values = {**raw, **extra, "sources": self.citations(raw.get("sources"))}
        for key in ("affects", "refs"):
            if key in values:
                values[key] = tuple(values[key])
        return _make(cls, values)

    def obligation(self, raw: dict[str, Any], instruments: dict[str, Instrument]) -> Obligation:
        values = {k: self.sourced(Cited, v) if k in _CITED_OBLIGATION_FIELDS else v for k, v in raw.items()}
        values["instrument"] = instruments.get(raw.get("instrument", ""))
        values["data_categories"] = tuple(self.sourced(CategoryPeriod, c) for c in raw["data_categories"])
        return _make(Obligation, values)

    def access(self, raw: dict[str, Any]) -> AccessRegime:
        values = {k: self.sourced(Cited, v) if k in _CITED_ACCESS_FIELDS else v for k, v in raw.items()}
        values["data_categories"] = tuple(raw["data_categories"])
        return _make(AccessRegime, values)

    def entry(self, file: str) -> Entry:
        d = self.data
        instruments = tuple(self.sourced(Instrument, i) for i in d.get("instruments", []))
        by_id = {i.id: i for i in instruments}
        return Entry(
            **{k: d["jurisdiction"].get(k) for k in sch.jurisdiction_fields()},
            last_verified=d["last_verified"],
            summary=self.sourced(Cited, d["summary"]),
            regime_status=self.sourced(Cited, d["regime_status"]),
            sources=tuple(self.sources.values()),
            instruments=instruments,
            retention_obligations=tuple(self.obligation(o, by_id) for o in d.get("retention_obligations", [])),
            access_regimes=tuple(self.access(a) for a in d.get("access_regimes", [])),
            preservation=self.sourced(Cited, d.get("preservation")),
            court_decisions=tuple(sorted((self.sourced(CourtDecision, c) for c in d.get("court_decisions", [])), key=lambda c: c.date)),
            events=tuple(sorted((self.sourced(Event, e) for e in d.get("events", [])), key=lambda e: e.date)),
            pending_legislation=tuple(self.sourced(Bill, b) for b in d.get("pending_legislation", [])),
            assessments=tuple(self.sourced(Assessment, a) for a in d.get("assessments", [])),
            file=file,
        )


def _cited_fields(definition: str) -> frozenset[str]:
    """Fields of a schema object that are cited values (their schema builds on ``$defs/cited``)."""
    props = sch.definition(definition)["properties"]
    cited = {"#/$defs/cited", "#/$defs/citedText", "#/$defs/citedTriState"}
    return frozenset(k for k, v in props.items() if v.get("$ref") in cited)


_CITED_OBLIGATION_FIELDS = _cited_fields("obligation")
_CITED_ACCESS_FIELDS = _cited_fields("accessRegime")


def _make(cls: type, values: dict[str, Any]) -> Any:
    """Build a dataclass; a schema field the model does not know is a bug, not something to drop."""
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - names
    if unknown:
        raise TypeError(f"{cls.__name__} has no field for {sorted(unknown)}: update model.py with the schema")
    return cls(**values)


def build_entry(data: dict[str, Any], file: str) -> Entry:
    return _Builder(data).entry(file)
