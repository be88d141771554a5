"""JSON documents made one list item at a time.

The published data files are objects whose last field is a long list (entries, jurisdictions). Built
whole, each lived in memory three times (objects, text, bytes); streamed, only one item does. The
output is byte-identical to ``json.dumps`` of the whole object, which a test holds it to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

COMPACT: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}


def compact(value: Any) -> bytes:
    """One value as compact JSON, the form ``object_with_list`` takes with ``encoded=True``."""
    return json.dumps(value, **COMPACT).encode("utf-8")


def object_with_list(
    head: dict[str, Any], key: str, items: Iterable[Any], indent: int | None = None, encoded: bool = False
) -> Iterator[bytes]:
    """The JSON text of ``{**head, key: [*items]}`` in chunks (``key`` comes last). With ``encoded``,
    the items are already compact JSON (see ``compact``), e.g. kept from an earlier build."""
    if indent is None:
        yield json.dumps({**head, key: []}, **COMPACT)[: -len("]}")].encode("utf-8")
        for i, item in enumerate(items):
            if i:
                yield b","
            yield item if encoded else compact(item)
        yield b"]}"
        return
    start = json.dumps({**head, key: []}, ensure_ascii=False, indent=indent)
    yield start[: -len("]\n}")].encode("utf-8")
    inner = "\n" + " " * (2 * indent)
    empty = True
    for item in items:
        yield (("" if empty else ",") + inner + json.dumps(item, ensure_ascii=False, indent=indent).replace("\n", inner)).encode("utf-8")
        empty = False
    yield b"]\n}" if empty else ("\n" + " " * indent + "]\n}").encode("utf-8")
