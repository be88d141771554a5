"""Model → plain data in the entry schema's own shape (the inverse of ``model.build_entry``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from . import schema as sch
from .model import Citation, Entry, Instrument

_ALWAYS_KEPT = {"sources"}  # required even when empty (an unverified value may cite nothing)


_FIELDS: dict[type, tuple[str, ...]] = {}  # field names per model class (dataclasses.fields is slow)


def plain(obj: Any, key: str = "") -> Any:
    kind = type(obj)
    if obj is None or kind is str or kind is int or kind is float:  # leaves first: most values are text
        return obj
    if kind is tuple or kind is list:
        return [plain(v, key) for v in obj]
    if kind is Citation:
        return {"src": obj.source.id, "at": obj.at} if obj.at else {"src": obj.source.id}
    if kind is Instrument and key == "instrument":
        return obj.id
    if kind is dict:
        return {k: plain(v, k) for k, v in obj.items()}
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(obj):
            return obj
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(obj))
    values = obj.__dict__  # frozen dataclasses keep their fields here; faster than getattr per field
    out = {}
    for name in names:
        value = values[name]
        if value is None:
            continue
        if type(value) is str:
            out[name] = value
        elif type(value) is tuple and not value and name not in _ALWAYS_KEPT:
            continue
        else:
            out[name] = plain(value, name)
    return out


def entry_data(entry: Entry) -> dict[str, Any]:
    """The entry as the schema describes it, fields in schema order."""
    flat = plain(entry)
    flat.pop("file", None)
    flat.pop("digest", None)
    flat["jurisdiction"] = {k: flat.pop(k) for k in sch.jurisdiction_fields() if k in flat}
    flat["schema_version"] = sch.version()
    order = list(sch.schema()["properties"])
    return {k: flat[k] for k in order if k in flat}
