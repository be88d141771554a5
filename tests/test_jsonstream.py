"""Streamed JSON is the same text as the whole document dumped at once."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from atlas.jsonstream import object_with_list

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
items = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8
)


@pytest.mark.parametrize("indent", [None, 1, 2])
@given(head=st.dictionaries(st.text(max_size=5).filter(lambda k: k != "list"), scalars, max_size=3), rows=st.lists(items, max_size=4))
def test_chunks_join_to_json_dumps(indent, head, rows) -> None:
    whole = {**head, "list": rows}
    expected = json.dumps(whole, ensure_ascii=False, indent=indent, **({} if indent else {"separators": (",", ":")}))
    assert b"".join(object_with_list(head, "list", iter(rows), indent)).decode("utf-8") == expected
