"""The fast reading (yaml-rs) may only accept what the strict reader reads the same way.

If it ever accepted a file differently, an entry would be published with values nobody wrote, or a
problem would go unreported; so these tests compare the two readers on real, generated and hostile
input, and check the schema premise the gate relies on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas import schema as sch
from atlas import yamlfast
from atlas.yamlfast import quick_read
from atlas.yamlread import read_yaml
from support import REPO, VALID
from test_validate import BAD, problems_of

EXAMPLES = int(os.environ.get("FAST_EXAMPLES", "200"))  # FAST_EXAMPLES=5000 to look harder
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def strict(text: str) -> Any:
    doc, problems = read_yaml(text, "x.yaml")
    return doc.data if doc is not None and not problems else problems


def test_real_entries_read_alike_and_mostly_fast() -> None:
    files = sorted((REPO / "entries").glob("[A-Z][A-Z].yaml"))
    fast = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = quick_read(text)
        if data is not None:
            fast += 1
            assert data == strict(text), path.name
    assert fast >= len(files) // 2  # otherwise the fast path has silently stopped helping
    assert quick_read(VALID.read_text(encoding="utf-8")) is not None


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_every_bad_fixture_gets_the_same_report_without_the_fast_reading(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_fast = problems_of(case)
    monkeypatch.setattr(yamlfast, "yaml_rs", None)
    assert problems_of(case) == with_fast


# Plain scalars where YAML 1.1 and 1.2 (and lenient parsers) disagree, and their neighbours.
TRICKY = [
    *["yes", "no", "Yes", "NO", "on", "off", "y", "n", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False"],
    *[
        "0",
        "-1",
        "+1",
        "007",
        "010",
        "0o17",
        "0x1F",
        "0b101",
        "1_000",
        "1e3",
        "1.5e3",
        "1.",
        "-.5",
        ".5",
        ".inf",
        "-.Inf",
        ".NaN",
        "1:20",
        "12:30:45",
        "2023-02-30",
        "2023-01-01",
    ],
    "2023-01-01T10:00:00Z",
    "=",
    "1,000",
    "0.",
    "-0",
]


@SETTINGS
@given(st.one_of(st.sampled_from(TRICKY), st.text(alphabet="0123456789.:_-+eExXoObBtTrRuUfFaAlLsSnN~ ", min_size=1, max_size=8)))
def test_a_plain_value_typed_as_text_or_null_reads_the_same_in_both(scalar: str) -> None:
    text = f"k: {scalar}\n"
    try:
        import yaml_rs

        fast = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - refused by the fast reader: the strict one decides
        return
    if isinstance(fast, dict) and (fast.get("k") is None or isinstance(fast.get("k"), str)):
        assert strict(text) == fast  # anything else is refused by the schema, which allows only text and null


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
documents = st.recursive(
    st.one_of(st.none(), texts, st.sampled_from(TRICKY)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)


@SETTINGS
@given(
    st.dictionaries(keys, documents, min_size=1, max_size=5),
    st.sampled_from([None, '"', "'", "|", ">"]),
    st.booleans(),
    st.integers(20, 120),
)
def test_generated_documents_read_alike_whenever_the_fast_reading_accepts(
    data: dict[str, Any], style: str | None, flow: bool, width: int
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style=style, default_flow_style=flow, width=width)
    fast = quick_read(text)
    if fast is not None:
        assert fast == strict(text)


@pytest.mark.parametrize(
    "text",
    [
        "- " * 100_000 + "x\n",  # nested block sequences on one line crash yaml-rs 0.1.6
        "? " * 100_000 + "x\n",
        "k: &a [1]\nj: *a\n",
        "k: !!python/object:os.system x\n",
        "k: !custom x\n",
        "<<: {a: 1}\n",
        "%YAML 1.1\n---\nk: yes\n",
        "k: 1\n---\nj: 2\n",
        "k: x\u2028y\n",
        "k: x\x85y\n",
        "k: @x\n",
        "[" * 100_000,
        "{a: " * 100_000,
        "[{" * 100_000,
        "- - " * 100_000 + "x\n",
        "k:\n" + "  - - x\n" * 10,
    ],
)
def test_what_the_fast_reading_must_not_be_trusted_with_goes_to_the_strict_one(text: str) -> None:
    assert quick_read(text) is None


def test_the_schema_premise_of_the_gate() -> None:
    """The fast reading leaves key and value types to the schema: that is safe only while the entry
    schema closes every object and allows only text and null as values."""
    kinds: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" or "properties" in node:
                assert node.get("additionalProperties") is False and "patternProperties" not in node, node.get("description")
            if isinstance(node.get("type"), str):
                kinds.add(node["type"])
            for key, value in node.items():
                if key != "properties":
                    walk(value)
                else:
                    for spec in value.values():
                        walk(spec)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(sch.flattened(sch.schema()))
    assert kinds <= {"object", "array", "string", "null"}


def test_strict_reader_types_plain_values_as_yaml_1_2() -> None:
    text = "a: yes\nb: 1:20\nc: True\nd: 010\ne: ~\nf: 0o17\ng: '1:20'\n"
    assert strict(text) == {"a": "yes", "b": "1:20", "c": True, "d": 10, "e": None, "f": 15, "g": "1:20"}


@pytest.mark.parametrize("step", ["k:\n", "- k:\n", "-\n"])
def test_the_deepest_block_nesting_an_entry_file_can_hold_does_not_crash_the_fast_reading(step: str) -> None:
    from atlas.load import MAX_BYTES

    text, depth = "", 0
    while len(text) + 2 * depth + len(step) < MAX_BYTES:
        text += " " * (2 * depth) + step
        depth += 1
    assert depth > 1000
    quick_read(text)  # answers (None or data) instead of exhausting the stack
