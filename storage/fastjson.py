"""JSON at the sizes a store reaches (a 50 MB register, a merge of 100,000 changes).

orjson, where installed, parses about twice as fast as the standard library here and
writes the very same bytes as ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))``
(compact, Chinese as UTF-8, keys in order), so files written either way are alike.
"""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - the standard library does the same, slower
    orjson = None  # type: ignore[assignment]


def loads(data: bytes | str) -> Any:
    if orjson is not None:
        return orjson.loads(data)
    return json.loads(data)


def dumps(value: Any) -> bytes:
    """Compact JSON, UTF-8, Chinese unescaped."""
    if orjson is not None:
        try:
            return orjson.dumps(value)
        except TypeError:  # a value orjson refuses (an int beyond 64 bits …): the slow road
            pass
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
