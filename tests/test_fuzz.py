"""Property-based tests: whatever an editor writes, the validator answers with file and line, never a
traceback; whatever it accepts renders and exports."""

from __future__ import annotations

import copy
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from atlas import fastcheck
from atlas import schema as sch
from atlas.compare_data import compare_json
from atlas.exports import all_exports
from atlas.feeds import feed_files
from atlas.load import check_file
from atlas.markdown import esc
from atlas.model import Atlas
from atlas.pages import all_pages
from atlas.serialize import entry_data
from atlas.yamlread import read_yaml
from support import REPO, VALID

TODAY = dt.date(2026, 6, 1)
BASE = yaml.safe_load(VALID.read_text(encoding="utf-8").replace("\ufeff", ""))
# FUZZ_EXAMPLES=1000 make test explores further; CI keeps it short.
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.text(max_size=12),
    st.sampled_from(["P6M", "P0D", "unknown", "2021-02-30", "javascript:alert(1)", "<script>x</script>", "NO", "src-act"]),
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, path + (i,))
    return out


@st.composite
def mutated_entries(draw) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
    return data


def _check(data: dict[str, Any]):
    text = "# yaml-language-server: $schema=x\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "XX.yaml"
        path.write_text(text, encoding="utf-8")
        return check_file(path, "XX.yaml", TODAY), text


@FUZZ
@given(mutated_entries())
def test_validator_answers_with_a_location_or_accepts(data: dict[str, Any]) -> None:
    (entry, problems), text = _check(data)
    lines = text.count("\n") + 1
    for p in problems:
        assert p.file == "XX.yaml" and 1 <= p.line <= lines and p.message
    if entry is not None:  # everything accepted renders and exports, and is published as a valid entry
        atlas = Atlas((entry,))
        assert all_pages(atlas) and all_exports(atlas) and compare_json(atlas) and feed_files(atlas)
        sch.validate_entry_data(entry_data(entry))


@FUZZ
@given(st.text(max_size=300))
def test_reader_never_raises_on_arbitrary_text(text: str) -> None:
    doc, problems = read_yaml(text, "XX.yaml")
    assert doc is not None or problems
    for p in problems:
        assert p.line >= 1


@FUZZ
@given(mutated_entries())
def test_flattened_schema_reports_the_same_errors_as_the_published_one(data: dict[str, Any]) -> None:
    published = Draft202012Validator(sch.schema(), registry=sch.registry(), format_checker=FormatChecker())
    flat = Draft202012Validator(sch.flattened(sch.schema()), format_checker=FormatChecker())

    def where(v: Draft202012Validator) -> list[list]:
        return sorted(list(e.absolute_path) for e in v.iter_errors(data))

    assert where(published) == where(flat)


@FUZZ
@given(mutated_entries())
def test_fast_check_never_accepts_what_the_full_validator_rejects(data: dict[str, Any]) -> None:
    if fastcheck.valid(data):
        assert not list(Draft202012Validator(sch.flattened(sch.schema()), format_checker=FormatChecker()).iter_errors(data))


def test_fast_check_passes_the_real_entries_and_refuses_impossible_dates() -> None:
    # If the real entries failed the fast check, loading would silently fall back to the slow path.
    for path in sorted((REPO / "entries").glob("[A-Z][A-Z].yaml")):
        doc, problems = read_yaml(path.read_text(encoding="utf-8"), path.name)
        assert doc is not None and not problems and fastcheck.valid(doc.data), path.name
    bad = copy.deepcopy(BASE)
    bad["last_verified"] = "2023-02-30"
    assert not fastcheck.valid(bad)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("ab &<>\\`*_{}[]()+-.!|#\n;")), max_size=40) | st.text(max_size=40))
def test_escaping_is_the_one_pass_substitution_it_replaced(text: str) -> None:
    # The reference escapes every character at once, so no escape is ever escaped again.
    table = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_{}[]()+-.!|"}})
    ref = " ".join(text.split()).translate(table)
    assert esc(text) == ("\\" + ref if ref.startswith("#") else ref)


@FUZZ
@given(st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20) | st.sampled_from(["P6M", "a|b", "{:x}", "é", "~._-"]))
def test_sort_keys_are_percent_encoded_exactly_as_before(value: float | str) -> None:
    from urllib.parse import quote

    from atlas.markdown import sort_key

    text = f"{value:.2f}" if isinstance(value, float) else value
    assert sort_key(value) == f'<span class="ra-sort" data-sort="{quote(text, safe="")}"></span>'
