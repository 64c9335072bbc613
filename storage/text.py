"""Text in a terminal: CJK characters take two columns. No heavy imports (find uses it)."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """Columns a text takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, columns: int) -> str:
    """Cut or pad ``text`` to exactly ``columns`` terminal columns."""
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > columns:
            if out and columns > 1:
                while used > columns - 1:
                    used -= width(out.pop())
                out.append("…")
                used += 1
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (columns - used)


def table_text(headers: list[str], rows: list[list[str]], *, max_width: int = 24) -> str:
    """A plain text table aligned for CJK, for the command line."""
    widths = [min(max_width, max([width(h)] + [width(r[i]) for r in rows])) for i, h in enumerate(headers)]
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines += ["  ".join(fit(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)
