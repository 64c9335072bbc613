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


# -- characters a terminal obeys instead of showing ------------------------------------
#
# C0 controls (ESC starts every escape sequence; BEL ends a title-setting one), DEL, the C1
# controls (0x9B is a one-byte CSI on some terminals) and the bidirectional overrides and
# isolates (U+202E shows text backwards: "exe.txt" as "txt.exe"). Tab and line feed are the
# only ones a multi-line field may hold; everything else is refused where a value enters
# (storage.fields.check_text) and escaped wherever text leaves (visible).
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escaped(ch: str) -> str:
    """One unsafe character as a person can read it: \\x1b, \\u202e."""
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, lines: bool = True) -> str:
    """``text`` with every control character shown as an escape (\\x1b), never raw, so a
    value that got into a store somehow (an old version, a hand edit) is still safe to
    print. Line feeds and tabs stay as they are when ``lines`` (a multi-line field shown
    whole); in a table cell or a one-line message they are escaped too."""
    if text.isprintable():  # every unsafe character is unprintable (Cc, Cf): the usual case, fast
        return text
    pattern = _UNSAFE_BUT_LINES if lines else UNSAFE
    return pattern.sub(lambda m: escaped(m.group()), text)


def json_safe(encoded: str) -> str:
    """JSON text (as json.dumps writes it with ensure_ascii=False) with the characters it
    leaves raw — DEL, the C1 controls, the bidirectional overrides — written as \\u
    escapes too. They can only stand inside strings, so the JSON means the same."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


_RAW_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_unsafe(text: str, *, lines: bool = False) -> bool:
    return (_UNSAFE_BUT_LINES if lines else UNSAFE).search(text) is not None


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
    out: list[str] = []
    used = 0
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
    100,000 rows costs one pass, not two. A cell is one line whatever it holds: a line
    break or a control character in a value is shown escaped, so no cell can forge a row.
    """
    headers = _one_line_cells(headers)
    rows = [row if "".join(row).isprintable() else _one_line_cells(row) for row in rows]
    widths = [min(max_width, max([width(h)] + [width(r[i]) for r in rows[:sample]])) for i, h in enumerate(headers)]
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines += ["  ".join(fit(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def _one_line_cells(cells: list[str]) -> list[str]:
    return [visible(c, lines=False) for c in cells]
