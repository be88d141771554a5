"""The entry schema: the single source of truth for field names, enums and their labels."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
SCHEMA_PATH = SCHEMA_DIR / "entry.schema.json"
DATASET_SCHEMA_PATH = SCHEMA_DIR / "dataset.schema.json"
OPTION_SCHEMA_PATH = SCHEMA_DIR / "option.schema.json"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def option_schema() -> dict[str, Any]:
    return json.loads(OPTION_SCHEMA_PATH.read_text(encoding="utf-8"))


def definition(name: str) -> dict[str, Any]:
    return schema()["$defs"][name]


def resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    """A ``$ref`` inside ``root``: local ``#/$defs/x``, ``entry.schema.json#/$defs/x`` or the whole entry schema."""
    return _resolve(ref, root)[0]


def _resolve(ref: str, root: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(target, the document its own references are relative to)."""
    document = schema() if ref.startswith("entry.schema.json") else root
    if "#" not in ref:
        return document, document
    return document["$defs"][ref.rsplit("/", 1)[-1]], document


def registry() -> Any:
    """Both published schemas, so the option schema's references to the entry schema resolve."""
    from referencing import Registry, Resource

    return (
        Registry()
        .with_resources((s["$id"], Resource.from_contents(s)) for s in (schema(), option_schema()))
        .with_resource("entry.schema.json", Resource.from_contents(schema()))
    )


def enum_values(name: str) -> list[str]:
    """Allowed values of the enum defined as ``$defs/<name>``."""
    return list(definition(name)["enum"])


def enum_schema(name: str) -> dict[str, Any]:
    """The enum ``$defs/<name>``, or a field's enum written ``<def>.<field>`` (e.g. ``event.kind``)."""
    if "." in name:
        owner, field = name.split(".", 1)
        return definition(owner)["properties"][field]
    return definition(name)


def labels(name: str) -> dict[str, str]:
    """Every value of an enum with its human label, in schema order."""
    s = enum_schema(name)
    return {v: s.get("x-labels", {}).get(v, v) for v in s["enum"]}


@cache  # called for nearly every table cell; the schema never changes while running
def label(name: str, value: str) -> str:
    """Human label of ``value`` in an enum (see ``enum_schema``); falls back to the value itself."""
    return enum_schema(name).get("x-labels", {}).get(value, value)


def heading(name: str, value: str) -> str:
    """Plural section heading of an enum value where the schema gives one (``x-headings``), else its label."""
    return enum_schema(name).get("x-headings", {}).get(value) or label(name, value)


def jurisdiction_fields() -> tuple[str, ...]:
    """The fields of an entry's ``jurisdiction`` block, which the model keeps on the entry itself."""
    return tuple(definition("jurisdiction")["properties"])


@cache
def duration_fields() -> frozenset[str]:
    """Names of the fields that hold ISO 8601 durations, wherever they stand in an entry."""
    refs = {"#/$defs/duration", "#/$defs/durationOrUnknown"}
    names: set[str] = set()
    stack: list[Any] = [schema()]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for name, spec in node.get("properties", {}).items() if isinstance(node.get("properties"), dict) else ():
                if isinstance(spec, dict) and spec.get("$ref") in refs:
                    names.add(name)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(names)


def version() -> str:
    return schema()["x-version"]


@cache
def dataset_schema() -> dict[str, Any]:
    return json.loads(DATASET_SCHEMA_PATH.read_text(encoding="utf-8"))


def validate_entry_data(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``data`` is one entry as the dataset publishes it."""
    from . import fastcheck

    if not fastcheck.valid(data, "entry"):
        from jsonschema import Draft202012Validator, FormatChecker

        Draft202012Validator(flattened(schema()), format_checker=FormatChecker()).validate(data)


@cache
def _dataset_validator() -> Any:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(flattened(dataset_schema()), format_checker=FormatChecker())


def validate_dataset(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``data`` follows the published dataset schema.
    The compiled check answers first; jsonschema runs only to explain a failure."""
    from . import fastcheck

    if not fastcheck.valid(data, "dataset"):
        _dataset_validator().validate(data)


_FLAT: dict[int, dict[str, Any]] = {}


def flattened(root: dict[str, Any]) -> dict[str, Any]:
    """``root`` with every ``$ref`` merged in place, for validation only (three times faster).

    The published schema keeps its ``$defs``; here a ``$ref`` with siblings becomes one object: the
    target's properties and required fields merged with the node's, and ``unevaluatedProperties:
    false`` becomes ``additionalProperties: false``. That is exact for how our schemas use ``$ref``
    (bases that only contribute properties); a test checks both give the same errors.
    """
    if id(root) not in _FLAT:
        _FLAT[id(root)] = _flatten(root, root)
    return _FLAT[id(root)]


def reading_order(root: dict[str, Any]) -> dict[str, Any]:
    """Flattened like ``flattened``, but each object's properties in reading order: ``id``, its own
    fields, then those of its base (sources, verification, note). For ``atlas fmt``."""
    return _flatten(root, root, own_first=True)


def _flatten(node: Any, root: dict[str, Any], own_first: bool = False) -> Any:
    if isinstance(node, list):
        return [_flatten(v, root, own_first) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: _flatten(v, root, own_first) for k, v in node.items() if k != "$defs"}
    if "$ref" not in node:
        return node
    target, document = _resolve(node.pop("$ref"), root)
    target = _flatten(target, document, own_first)
    merged = {**target, **{k: v for k, v in node.items() if k not in ("properties", "required", "unevaluatedProperties")}}
    if "properties" in node or "properties" in target:
        base, own = target.get("properties", {}), node.get("properties", {})
        props = {**own, **{k: v for k, v in base.items() if k not in own}} if own_first else {**base, **own}
        if own_first and "id" in props:
            props = {"id": props["id"], **{k: v for k, v in props.items() if k != "id"}}
        merged["properties"] = props
    if "required" in node or "required" in target:
        merged["required"] = sorted(set(target.get("required", [])) | set(node.get("required", [])))
    if node.get("unevaluatedProperties") is False:
        merged["additionalProperties"] = False
    return merged
