"""Model → plain data in the entry schema's own shape (the inverse of ``model.build_entry``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from . import schema as sch
from .model import Citation, Entry, Instrument

_ALWAYS_KEPT = {"sources"}  # required even when empty (an unverified value may cite nothing)
_JURISDICTION_KEYS = ("code", "iso3166_1", "name_en", "name_native", "group")


def plain(obj: Any, key: str = "") -> Any:
    if isinstance(obj, Citation):
        return {"src": obj.source.id, **({"at": obj.at} if obj.at else {})}
    if isinstance(obj, Instrument) and key == "instrument":
        return obj.id
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if value is None or (value == () and f.name not in _ALWAYS_KEPT):
                continue
            out[f.name] = plain(value, f.name)
        return out
    if isinstance(obj, tuple | list):
        return [plain(v, key) for v in obj]
    if isinstance(obj, dict):
        return {k: plain(v, k) for k, v in obj.items()}
    return obj


def entry_data(entry: Entry) -> dict[str, Any]:
    """The entry as the schema describes it, fields in schema order."""
    flat = plain(entry)
    flat.pop("file", None)
    flat.pop("digest", None)
    flat["jurisdiction"] = {k: flat.pop(k) for k in _JURISDICTION_KEYS if k in flat}
    flat["schema_version"] = sch.version()
    order = list(sch.schema()["properties"])
    return {k: flat[k] for k in order if k in flat}
