"""Checks an entry against the JSON Schema and against the rules a schema cannot express.

Every problem is reported with the line it stands on; nothing stops at the first one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

from . import fastcheck
from . import schema as sch
from .errors import Problem
from .yamlread import Document, Path, dotted

_VALIDATORS: dict[int, Draft202012Validator] = {}


def _validator(root: dict[str, Any]) -> Draft202012Validator:
    """One validator per schema, on its flattened form (no reference lookups while validating)."""
    if id(root) not in _VALIDATORS:
        _VALIDATORS[id(root)] = Draft202012Validator(sch.flattened(root), format_checker=FormatChecker())
    return _VALIDATORS[id(root)]


def _resolved(subschema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` to the definition that carries enums and hints."""
    seen = 0
    while "$ref" in subschema and seen < 10 and "enum" not in subschema and "x-hint" not in subschema:
        subschema = sch.resolve(subschema["$ref"], root)
        seen += 1
    return subschema


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing (null)"
    return repr(value)


_TYPE_WORDS = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def _message(err: jsonschema.ValidationError, root: dict[str, Any]) -> tuple[Path, str]:
    """Plain-words message for one schema error, and the path it belongs to."""
    path: Path = tuple(err.absolute_path)
    v = err.validator
    if v in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted(_allowed_properties(err, root))
        extra = [k for k in err.instance if k not in allowed] if isinstance(err.instance, dict) else []
        key = extra[0] if extra else "?"
        hint = f" (allowed here: {', '.join(allowed)})" if allowed else ""
        return path + (key,), f"unknown field '{key}'{hint}"
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return path, f"missing required field '{missing}'"
    if v == "enum":
        return path, f"{_describe(err.instance)} is not allowed; use one of: {', '.join(map(str, err.validator_value))}"
    if v == "const":
        return path, f"{_describe(err.instance)} is not allowed; it must be {err.validator_value!r}"
    if v in ("pattern", "format"):
        hint = _resolved(err.schema, root).get("x-hint") or f"matching {err.validator_value}"
        if v == "format":
            hint = "a real date written YYYY-MM-DD"
        return path, f"{_describe(err.instance)} is not {hint}"
    if v == "type":
        wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        message = f"expected {' or '.join(_TYPE_WORDS.get(w, w) for w in wanted)}, got {_describe(err.instance)}"
        if "string" in wanted and isinstance(err.instance, int | float) and not isinstance(err.instance, bool):
            message += f'; put it in quotes: "{err.instance}"'
        return path, message
    if v == "anyOf":
        hints = [_resolved(s, root).get("x-hint") for s in err.validator_value]
        hints = [h for h in hints if h]
        if hints:
            return path, f"{_describe(err.instance)} is not {' or '.join(hints)}"
    if v == "minItems":
        return path, f"needs at least {err.validator_value} item(s)"
    if v == "minLength":
        return path, "must not be empty"
    if v == "maxLength":
        return path, f"is longer than {err.validator_value} characters"
    if v == "uniqueItems":
        return path, "lists the same item twice"
    return path, err.message


def _allowed_properties(err: jsonschema.ValidationError, root: dict[str, Any]) -> set[str]:
    """Field names the failing object may have, including those from ``$ref``'d bases."""
    names: set[str] = set()
    stack = [err.schema]
    while stack:
        s = stack.pop()
        names.update(s.get("properties", {}))
        if "$ref" in s:
            stack.append(sch.resolve(s["$ref"], root))
    return names


def _leaf_errors(errors: Iterator[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
    """Report the specific cause rather than an ``anyOf`` wrapper where one branch is clearly meant."""
    for err in errors:
        if err.validator == "anyOf" and err.context and isinstance(err.instance, str):
            yield err
        elif err.validator in ("anyOf", "oneOf") and err.context:
            best = jsonschema.exceptions.best_match(err.context)
            yield best
        else:
            yield err


def schema_problems(doc: Document, filename: str, root: dict[str, Any] | None = None) -> list[Problem]:
    """Every schema problem of ``doc``, against the entry schema unless ``root`` names another."""
    if root is None and fastcheck.valid(doc.data):
        return []
    root = root or sch.schema()
    problems = []
    for err in _leaf_errors(_validator(root).iter_errors(doc.data)):
        path, message = _message(err, root)
        problems.append(Problem(filename, doc.line_of(path), dotted(path), message))
    return problems


# ---- rules the schema cannot express -------------------------------------------------------


def _walk(data: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _walk(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _walk(v, path + (i,))


def _records(data: Any, path: Path, records: list[tuple[Path, dict[str, Any]]], texts: list[str]) -> None:
    """Every mapping with its path, and every text value, in one pass (a generator over every
    value was a third of the time spent checking a valid entry)."""
    if isinstance(data, dict):
        records.append((path, data))
        items: Iterable[tuple[Any, Any]] = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for k, v in items:
        if type(v) is str:
            texts.append(v)
        else:
            _records(v, path + (k,), records, texts)


_RECORD_LISTS = (
    "sources",
    "instruments",
    "retention_obligations",
    "access_regimes",
    "court_decisions",
    "events",
    "pending_legislation",
    "assessments",
)
_NOT_IN_FUTURE = {"last_verified", "accessed", "as_of"}
_PAST_RECORD_DATES = {"court_decisions", "events", "sources"}


_NEEDS_RULING = {"annulled", "declared_inapplicable", "declared_invalid"}


def _parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


# EU protocol codes that differ from ISO 3166-1, and ISO's user-assigned codes (for tests and examples).
EU_CODES = {"EL": "GR", "UK": "GB"}
USER_ASSIGNED = {"AA", "ZZ"} | {f"Q{c}" for c in "MNOPQRSTUVWXYZ"} | {f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")
PLACEHOLDERS = {"…", "..."}  # and any address on the reserved .invalid domain: what `atlas new` leaves to fill in


def _iso_problem(jurisdiction: dict[str, Any]) -> tuple[str, str] | None:
    """(field, message) when the codes are not a real ISO 3166-1 country in EU protocol spelling."""
    import pycountry

    code, iso, group = jurisdiction["code"], jurisdiction.get("iso3166_1"), jurisdiction["group"]
    if group == "eu_level":
        return None if code == "EU" and iso is None else ("code", "EU-level material uses the code EU and no iso3166_1")
    if iso is None:
        return "iso3166_1", "missing required field 'iso3166_1' (the ISO 3166-1 alpha-2 code, e.g. GR for Greece)"
    if iso not in USER_ASSIGNED and pycountry.countries.get(alpha_2=iso) is None:
        return "iso3166_1", f"'{iso}' is not an ISO 3166-1 alpha-2 country code"
    expected = {v: k for k, v in EU_CODES.items()}.get(iso, iso)
    country, _, subdivision = code.partition("-")
    if country != expected:
        return "code", f"the code for ISO {iso} is '{expected}' (EU protocol spelling), not '{country}'"
    if subdivision and iso not in USER_ASSIGNED and pycountry.subdivisions.get(code=f"{iso}-{subdivision}") is None:
        return "code", f"'{iso}-{subdivision}' is not an ISO 3166-2 subdivision code"
    return None


def _text_problems(path: Path, value: str, add: Callable[[Path, str], None]) -> None:
    if value.strip() in PLACEHOLDERS or ".invalid/" in value:
        add(path, "still holds a placeholder from the template; replace it or remove the field")
    bad = _INVISIBLE.search(value)
    if bad:
        char = bad.group()
        name = unicodedata.name(char, "control")
        add(path, f"contains an invisible or direction-changing character (U+{ord(char):04X} {name}); retype the text")


def rule_problems(doc: Document, filename: str, stem: str, today: dt.date) -> list[Problem]:
    """Cross-field rules; assumes the document passed the schema."""
    data = doc.data
    out: list[Problem] = []

    def add(path: Path, message: str) -> None:
        out.append(Problem(filename, doc.line_of(path), dotted(path), message))

    code = data["jurisdiction"]["code"]
    if stem != code:
        add(("jurisdiction", "code"), f"the code '{code}' does not match the file name '{stem}.yaml'")
    iso = _iso_problem(data["jurisdiction"])
    if iso:
        add(("jurisdiction", iso[0]), iso[1])

    ids: dict[str, Path] = {}
    for key in _RECORD_LISTS:
        for i, item in enumerate(data.get(key, [])):
            rid = item["id"]
            if rid in ids:
                add((key, i, "id"), f"the id '{rid}' is used twice (first at {dotted(ids[rid])})")
            else:
                ids[rid] = (key, i, "id")
    source_ids = {s["id"] for s in data["sources"]}
    kinds = {key: {item["id"] for item in data.get(key, [])} for key in _RECORD_LISTS}
    cited: set[str] = set()

    records: list[tuple[Path, dict[str, Any]]] = []
    texts: list[str] = []
    _records(data, (), records, texts)
    joined = "\n".join(texts)
    if _INVISIBLE.search(joined) or ".invalid/" in joined or any(t.strip() in PLACEHOLDERS for t in texts):
        for path, value in _walk(data):  # rare: find which values, and where
            if isinstance(value, str):
                _text_problems(path, value, add)
    durations = sch.duration_fields()
    for path, value in records:
        for key in durations.intersection(value):
            text = value[key]
            if type(text) is str and text != "unknown" and not any(ch in "123456789" for ch in text):
                add(path + (key,), f"'{text}' is a period of zero length; give the real period or unknown")
        # citations
        if "src" in value and len(path) >= 2 and path[-2] == "sources":
            cited.add(value["src"])
            if value["src"] not in source_ids:
                add(path + ("src",), f"cites the source '{value['src']}', which is not listed under sources")
        # verified values need a source
        if "verification" in value and value.get("verification") != "unverified" and not value.get("sources"):
            add(path + ("verification",), f"is '{value['verification']}' but no source is cited; cite one or mark it unverified")
        # periods of validity
        vf, vt = _parse_date(value.get("valid_from")), _parse_date(value.get("valid_to"))
        if vf and vt and vt < vf:
            add(path + ("valid_to",), f"valid_to {vt} is before valid_from {vf}")
        # dates that cannot lie ahead of us
        for key in _NOT_IN_FUTURE:
            d = _parse_date(value.get(key))
            if d and d > today:
                add(path + (key,), f"{d} is in the future (today is {today})")
        if len(path) == 2 and path[0] in _PAST_RECORD_DATES:
            d = _parse_date(value.get("date"))
            if d and d > today and not (path[0] == "events" and value.get("kind") == "entered_into_force"):
                add(path + ("date",), f"{d} is in the future (today is {today})")

    for i, ob in enumerate(data.get("retention_obligations", [])):
        if "instrument" in ob and ob["instrument"] not in kinds["instruments"]:
            add(
                ("retention_obligations", i, "instrument"),
                f"refers to the instrument '{ob['instrument']}', which is not listed under instruments",
            )
        if ob["lifecycle"]["value"] in _NEEDS_RULING:
            targets = {ob["id"], ob.get("instrument")}
            ruled = any(targets & set(cd.get("affects", [])) for cd in data.get("court_decisions", []))
            if not ruled:
                add(
                    ("retention_obligations", i, "lifecycle", "value"),
                    f"is '{ob['lifecycle']['value']}' but no court decision lists '{ob['id']}' or its instrument under affects",
                )
    for i, cd in enumerate(data.get("court_decisions", [])):
        for j, ref in enumerate(cd.get("affects", [])):
            if ref not in kinds["instruments"] | kinds["retention_obligations"]:
                add(("court_decisions", i, "affects", j), f"refers to '{ref}', which is not an instrument or obligation of this entry")
    for i, ev in enumerate(data.get("events", [])):
        for j, ref in enumerate(ev.get("refs", [])):
            if ref not in ids:
                add(("events", i, "refs", j), f"refers to '{ref}', which is not an id in this entry")
    for i, src in enumerate(data["sources"]):
        if src["id"] not in cited:
            add(("sources", i, "id"), f"the source '{src['id']}' is never cited; cite it or remove it")
    return out
