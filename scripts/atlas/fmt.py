"""`atlas fmt`: one canonical layout for entries, comments kept.

Canonical means: keys in the schema's order (known fields first, in the order the schema lists them),
two-space indentation with list dashes indented under their key, dates as YYYY-MM-DD, periods upper-case
(p6m → P6M). Values are never changed otherwise; the formatted file must load to the same data, or fmt
refuses to write it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from . import schema as sch


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML()  # round-trip: keeps comments, flow style and quotes
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never re-wrap: line breaks are the editor's
    y.preserve_quotes = True
    return y


def _canon(node: Any, spec: Any) -> None:
    """Reorder ``node`` like ``spec`` (a flattened schema node: no references left)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(spec, dict):
        return
    if isinstance(node, CommentedMap):
        props = spec.get("properties", {})
        known = [k for k in props if k in node]
        for i, key in enumerate(known):  # each known key to its canonical position; unknown keys keep theirs after
            if list(node.keys()).index(key) != i:
                node.insert(i, key, node.pop(key))
        for key in list(node.keys()):
            value = node[key]
            if key in props:
                _canon(value, props[key])
            if key in sch.duration_fields() and isinstance(value, str) and value.lower() != "unknown" and value != value.upper():
                node[key] = value.upper()
    elif isinstance(node, CommentedSeq):
        for item in node:
            _canon(item, spec.get("items"))
    for branch in spec.get("anyOf", []):
        _canon(node, branch)


_ORDER = sch.reading_order(sch.schema())
_ONE_PAIR = re.compile(r"(?:(?<=\[)|(?<=, ))([a-z_0-9]+): ([^,\[\]{}\"']+?)(?=,|\])")


def formatted(text: str) -> str:
    """The canonical form of an entry's text."""
    y = _yaml()
    data = y.load(text)
    _canon(data, _ORDER)
    buf = io.StringIO()
    y.dump(data, buf)
    # ruamel writes a one-pair mapping inside a flow list as `[src: a]`; keep the braces editors wrote.
    return _ONE_PAIR.sub(r"{\1: \2}", buf.getvalue())


def _upper_periods(data: Any) -> Any:
    """The only change fmt may make to values: periods in upper case."""
    if isinstance(data, dict):
        return {
            k: v.upper() if k in sch.duration_fields() and isinstance(v, str) and v.lower() != "unknown" else _upper_periods(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_upper_periods(v) for v in data]
    return data


def fmt_files(paths: list[Path], check: bool) -> list[Path]:
    """Files not in canonical form; rewritten unless ``check``. Refuses a rewrite that changes the data."""
    from .yamlread import read_yaml

    changed = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        new = formatted(text)
        if new == text:
            continue
        before, _ = read_yaml(text, str(path))
        after, _ = read_yaml(new, str(path))
        if before is None or after is None or _upper_periods(before.data) != after.data:
            raise ValueError(f"{path}: formatting would change the data; fix the file by hand (atlas validate)")
        changed.append(path)
        if not check:
            path.write_text(new, encoding="utf-8")
    return changed
