"""Line-aware, safe YAML reading.

Builds plain JSON-like data (dict/list/str/int/float/bool/None) and remembers, for every field
path, the line it stands on, so later checks can say ``entries/DE.yaml:42``. Stricter than
PyYAML's defaults on purpose:

- duplicate keys are errors (PyYAML silently keeps the last one);
- plain values are typed by the YAML 1.2 core schema, as editors do: ``NO`` (Norway), ``yes``
  and ``1:20`` stay strings (PyYAML's YAML 1.1 would make them false and 80);
- dates stay strings, so ``2023-02-30`` is reported by the validator instead of crashing;
- anchors and aliases are refused (no "billion laughs" expansion);
- only safe tags (no Python objects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem

try:  # the C parser is much faster where libyaml is present
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the build of PyYAML
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path = tuple[str | int, ...]
MAX_DEPTH = 40


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The C parser with the YAML 1.2 core schema's implicit types instead of YAML 1.1's."""


_T = "tag:yaml.org,2002:"
# YAML 1.2 core schema, in resolution order (an int is tried before a float)
_CORE_TYPES = (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)", "-+.0123456789"),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
)
_Loader.yaml_implicit_resolvers = {}
for _name, _pattern, _first in _CORE_TYPES:
    _Loader.add_implicit_resolver(_T + _name, re.compile(f"^(?:{_pattern})$"), list(_first))


def _int(value: str) -> int:
    if value[:2] in ("0o", "0x"):
        return int(value[2:], 8 if value[1] == "o" else 16)
    return int(value)


def _float(value: str) -> float:
    special = value.lstrip("+-").lower()
    if special in (".inf", ".nan"):
        return float(value.replace(".", ""))
    return float(value)


def _bool(value: str) -> bool:
    if value.lower() not in ("true", "false"):
        raise ValueError(value)
    return value.lower() == "true"


_SCALARS = {_T + "int": _int, _T + "float": _float, _T + "bool": _bool, _T + "null": lambda value: None}

_STR = _T + "str"
_SAFE_TAGS = {_T + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}


@dataclass
class Document:
    """A parsed entry: its data plus the line of every field path."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """Line of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


class _Builder:
    def __init__(self, filename: str, loader: _Loader):
        self.filename = filename
        self.loader = loader
        self.lines: dict[Path, int] = {}
        self.problems: list[Problem] = []

    def problem(self, line: int, path: Path, message: str) -> None:
        self.problems.append(Problem(self.filename, line, dotted(path), message))

    def build(self, node: yaml.Node, path: Path, depth: int = 0) -> Any:
        if node.tag == _STR and isinstance(node, yaml.ScalarNode):  # most values; skips the constructor's dispatch
            self.lines.setdefault(path, node.start_mark.line + 1)
            return node.value
        line = node.start_mark.line + 1
        self.lines.setdefault(path, line)
        if depth > MAX_DEPTH:
            self.problem(line, path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if node.tag not in _SAFE_TAGS:
            tag = node.tag.replace(_T, "!!")
            self.problem(line, path, f"the tag {tag} is not allowed (plain YAML values only)")
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(key_line, path, "a field name must be plain text")
                    continue
                key = str(key_node.value)
                if key == "<<":
                    self.problem(key_line, path, "merge keys (<<) are not allowed")
                    continue
                if key in out:
                    first = self.lines.get(path + (key,), key_line)
                    self.problem(key_line, path + (key,), f"duplicate field '{key}' (first given on line {first})")
                    continue
                self.lines[path + (key,)] = key_line
                out[key] = self.build(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        make = _SCALARS.get(node.tag)
        try:
            if make is None:
                raise ValueError(node.value)
            return make(node.value)
        except ValueError:
            tag = node.tag.replace(_T, "!!")
            self.problem(line, path, f"'{node.value}' is not a valid {tag} value")
            return None


def dotted(path: Path) -> str:
    """``('sources', 2, 'url')`` → ``sources[2].url``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\[\]{},]")


def _refuse_aliases(text: str, filename: str) -> list[Problem]:
    """Anchors/aliases are refused before composing, so an alias bomb is never expanded.
    The event scan is slow in Python, so it runs only when the text could hold one."""
    problems = []
    if not _MAYBE_ANCHOR.search(text):
        return problems
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problems.append(Problem(filename, event.start_mark.line + 1, "", "anchors and aliases (&name, *name) are not allowed"))
                break
    except yaml.YAMLError:
        pass  # the syntax error is reported by compose below
    return problems


def _syntax_problem(exc: yaml.YAMLError, text: str, filename: str) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    source_lines = text.splitlines()
    bad_line = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
    if "\t" in bad_line or "\\t" in problem:
        problem = "a tab character is not allowed; indent with spaces"
    elif any(k in problem for k in ("mapping values", "<block end>", "<document start>")):
        problem = f"bad indentation or structure ({problem})"
    return Problem(filename, line, "", f"not valid YAML: {problem}")


_DEEP_INDENT = " " * (4 * MAX_DEPTH + 1)
_BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text: str) -> int | None:
    """Line where brackets or indentation nest beyond any real entry, checked before a parser
    recurses into them (a file of 100,000 '[' must be refused fast, not crash the parser)."""
    deep = 0 if text.startswith(_DEEP_INDENT) else text.find("\n" + _DEEP_INDENT) + 1
    if deep > 0 or text.startswith(_DEEP_INDENT):
        return text.count("\n", 0, deep) + 1
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # cannot nest deeper: skip the scan
        return None
    depth = 0
    for bracket in _BRACKET.finditer(text):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return text.count("\n", 0, bracket.start()) + 1
    return None


def read_yaml(text: str, filename: str) -> tuple[Document | None, list[Problem]]:
    """Parse ``text``; return the document and the problems found while reading it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    deep = too_deep(text)
    if deep:
        return None, [Problem(filename, deep, "", f"nested more than {MAX_DEPTH} levels deep; an entry never needs that")]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [Problem(filename, 1, "", "the file is empty")]
    problems = _refuse_aliases(text, filename)
    if problems:
        return None, problems
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        return None, [_syntax_problem(exc, text, filename)]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(filename, 1, "", "the file is empty")]
    builder = _Builder(filename, loader)
    data = builder.build(node, ())
    if not isinstance(data, dict):
        builder.problem(1, (), "an entry must be a mapping of fields (field: value), not a single value or a list")
    return Document(data, builder.lines), builder.problems
