"""Text in a terminal: CJK characters take two columns. No heavy imports (find uses it)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The wide (W) and full-width (F) ranges of East Asian Width that registers meet: CJK,
# kana, hangul, full-width forms, and the ideographs beyond the basic plane (𠮷).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


@lru_cache(maxsize=8192)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def width(text: str) -> int:
    """Columns a text takes in a terminal: wide (CJK) characters take two."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def fit(text: str, columns: int) -> str:
    """Cut or pad ``text`` to exactly ``columns`` terminal columns."""
    if text.isascii():
        if len(text) <= columns:
            return text + " " * (columns - len(text))
        return text[: columns - 1] + "…" if columns > 1 else text[:columns]
    used = width(text)
    if used <= columns:
        return text + " " * (columns - used)
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > columns:
            if out and columns > 1:
                while used > columns - 1:
                    used -= _char_width(out.pop())
                out.append("…")
                used += 1
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (columns - used)


def table_text(headers: list[str], rows: list[list[str]], *, max_width: int = 24, sample: int = 500) -> str:
    """A plain text table aligned for CJK, for the command line.

    Column widths come from the headers and the first ``sample`` rows, so a list of
    100,000 rows costs one pass, not two.
    """
    widths = [min(max_width, max([width(h)] + [width(r[i]) for r in rows[:sample]])) for i, h in enumerate(headers)]
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines += ["  ".join(fit(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)
