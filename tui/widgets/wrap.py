"""Wrapping for CJK text: Chinese has no spaces, so lines break between characters, by
the columns each takes (not at the last space, which may be far back or absent)."""

from __future__ import annotations

from storage.text import width

NO_LINE_START = set(",。、;:?!)」』》〉】,.;:?!)%")


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` terminal columns."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for ch in paragraph:
            w = width(ch)
            if used + w > columns and line:
                if ch in NO_LINE_START and used + w <= columns + 2:
                    line += ch  # let closing punctuation hang rather than open a line
                    lines.append(line)
                    line, used = "", 0
                    continue
                lines.append(line.rstrip())
                line, used = ("", 0) if ch == " " else (ch, w)
                continue
            line += ch
            used += w
        lines.append(line.rstrip())
    return lines


def hanging(text: str, columns: int, indent: str) -> str:
    """``text`` wrapped, its second and later lines indented (a list item)."""
    lines = wrap(text, columns - width(indent))
    return "\n".join([lines[0]] + [indent + line for line in lines[1:]])
