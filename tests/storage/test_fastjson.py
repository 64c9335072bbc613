"""orjson, where installed, writes what the standard library writes: files stay alike."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from storage import fastjson

SCALARS = st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_the_same_bytes_as_the_standard_library(value: object) -> None:
    written = fastjson.dumps(value)
    assert written == json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    assert fastjson.loads(written) == value


def test_a_record_in_chinese_and_beyond_the_bmp() -> None:
    record = {"id": "a1", "name": "𠮷野·阿依古麗", "phone": "13912345678", "_v": {"name": "0001-000001-x"}, "n": 2}
    assert fastjson.dumps(record) == json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()


def test_a_number_orjson_refuses_takes_the_standard_road() -> None:
    assert fastjson.dumps({"big": 2**70}) == b'{"big":1180591620717411303424}'
