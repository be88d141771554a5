"""A compiled yes/no check against our schemas: the fast path for valid entries and datasets.

jsonschema reports every problem with its path but is the slowest step of loading a large atlas.
fastjsonschema compiles the same flattened schema to plain Python that stops at the first problem.
A file that passes here skips jsonschema; one that fails goes through jsonschema for the full report.
So the fast check must never accept what jsonschema rejects; a property test holds it to that.
The compiled code is cached by schema, library and Python version (compiling takes longer than
checking a few dozen entries).
"""

from __future__ import annotations

import hashlib
import json
import marshal
import sys
from functools import cache
from typing import Any

import fastjsonschema
from jsonschema import FormatChecker

from . import schema as sch
from .entry_cache import CACHE, store

CACHE_DIR = sch.SCHEMA_DIR.parent / CACHE
_FORMATS = FormatChecker()


def _is_date(value: Any) -> bool:
    """jsonschema's own ``date`` test, so both checks agree (fastjsonschema's accepts 2023-02-30)."""
    return _FORMATS.conforms(value, "date")


FORMATS = {"date": _is_date}


SCHEMAS = {"entry": sch.schema, "dataset": sch.dataset_schema}


def _definition(name: str) -> dict[str, Any]:
    # Draft 7 keywords suffice once flattened: refs are merged and unevaluatedProperties is gone.
    return {**sch.flattened(SCHEMAS[name]()), "$schema": "http://json-schema.org/draft-07/schema#"}


@cache
def _validate(name: str) -> Any:
    definition = _definition(name)
    key = hashlib.sha256(json.dumps([definition, fastjsonschema.VERSION, sys.version], sort_keys=True).encode("utf-8")).hexdigest()[:16]
    cached = CACHE_DIR / f"{name}-schema-{key}.marshal"
    try:
        code = marshal.loads(cached.read_bytes())
    except (OSError, ValueError, EOFError):
        source = fastjsonschema.compile_to_code(definition, formats=FORMATS)
        code = compile(source, f"<{name} schema>", "exec")
        store(cached, marshal.dumps(code))
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 - code generated from our own schema
    entry_point = next(v for k, v in namespace.items() if k.startswith("validate_") and callable(v))
    return entry_point


def valid(data: Any, name: str = "entry") -> bool:
    """True only if ``data`` satisfies the entry (or the ``dataset``) schema."""
    try:
        _validate(name)(data, custom_formats=FORMATS)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def prepare() -> None:
    """Compile (or load) before worker processes fork, so each inherits it."""
    _validate("entry")
