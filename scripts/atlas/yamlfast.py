"""A fast first reading of entry files that look ordinary; the strict reader decides the rest.

Parsing is most of the cost of checking a large atlas, and PyYAML builds a Python object per
node and token. yaml-rs (Rust, YAML 1.2) reads a typical entry about ten times faster but knows
no lines and is less strict. So it is used only to *accept*: a file passes here when its text shows
none of what the strict reader refuses or reads differently, and the result is a mapping of text
fields holding text, lists, mappings or null (the compiled schema check decides that). Everything
else, and every file with any problem later on, goes through ``yamlread`` for the full
``file:line: field: message`` report.

Why the gate is safe: the strict reader types plain values by the YAML 1.2 core schema, as yaml-rs
does; the entry schema allows only text and null (no numbers or booleans), so a value typed
differently by the two is refused here and re-read strictly. Property tests hold both readers to the
same data on every real entry, on generated documents and on the scalars where YAML versions differ.
"""

from __future__ import annotations

import re
from typing import Any

try:
    import yaml_rs
except ImportError:  # pragma: no cover - optional speed-up; the strict reader alone is complete
    yaml_rs = None


# What sends a file to the strict reader without trying: anchors and aliases (alias bombs), tags
# (yaml-rs drops unknown ones), reserved indicators, merge keys, directives and document markers,
# explicit keys and block collections nested on one line (deep ones crash yaml-rs), and characters
# YAML 1.1 treats as line breaks or refuses while YAML 1.2 does not (NEL, LS, PS, controls, DEL).
# Both scans start each pattern with a fixed character or class, so they skip ahead at C speed.
_AT_LINE_START = re.compile(r"\n(?:[ \t]*(?:[?:-][ \t]+[?:-]|\?)(?=[ \t\r\n]|$)|%|---|\.\.\.)")
_INDICATOR = re.compile(r"[&*!@`<]")  # syntax where it starts a value (or <<): checked one by one below
_NOT_A_NAME = ("", " ", "\t", "\r", "\n", "[", "]", "{", "}", ",")
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def unusual(text: str) -> bool:
    """True if ``text`` may hold YAML the fast reading must not be trusted with (or only looks so)."""
    printable = text.replace("\n", " ").replace("\r", " ").replace("\t", " ").isprintable()  # C speed; rarely false
    if (not printable and _NOT_PRINTABLE.search(text)) or _AT_LINE_START.search("\n" + text):
        return True
    for found in _INDICATOR.finditer(text):
        char, at = found.group(), found.start()
        after = text[at + 1 : at + 2]
        if char == "<":
            if after == "<":
                return True
        elif (at == 0 or text[at - 1] in " \t\n[{,:-") and (char not in "&*" or after not in _NOT_A_NAME):
            return True  # an anchor or alias needs a name right after & or *
    return False


def quick_read(text: str) -> dict[str, Any] | None:
    """The data of ``text`` if it is an ordinary entry that both readers read alike, else None.
    Only for entries: callers must pass the result through the entry schema before trusting it."""
    if yaml_rs is None:
        return None
    text = text.removeprefix("\ufeff")
    # No depth check needed: yaml-rs refuses deep flow nesting itself, and block nesting deep enough to
    # exhaust its stack needs either indentation beyond any file under MAX_BYTES or several block
    # indicators on one line, which ``unusual`` sends away (both tested).
    if unusual(text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any failure means: let the strict reader explain
        return None
    # A mapping: the compiled schema check that follows refuses any other key or value type, since
    # the entry schema closes every object and admits only text and null as values (tested).
    return data if isinstance(data, dict) else None
