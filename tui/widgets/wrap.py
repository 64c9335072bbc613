"""Wrapping for Chinese and English alike, by the usual rules.

Chinese has no spaces, so a line may break between any two characters, by the columns
each takes (a CJK character two) — except where the rules of Chinese typesetting say no
(避頭尾, kinsoku): a line never starts with closing punctuation (、。,;:?!)」』】 …) and
never ends with opening punctuation (「『(【 …); the separator · stays with what follows it
(a line may start "· 2026-11-15", never end with ·), so no line is a lone ·. A date, a
number, a phone number or an English word (2026-11-15, 0.50, 13887400124, backup) is one
unit, never split; English breaks at its spaces.
Only a unit wider than a whole line is cut, where it must.
"""

from __future__ import annotations

import re

from storage.text import width

#: Never at the start of a line: it closes what came before it.
NO_LINE_START = frozenset(
    ",。、;:?!)」』》〉】〕〗〙〛〞’”々〻ー~…‥・﹐﹑﹒﹔﹕﹖﹗"  # full-width
    ",.;:?!)]}%"  # and their ASCII counterparts
)
#: Never at the end of a line: it opens what follows it (the separator · too).
NO_LINE_END = frozenset("(「『《〈【〔〖〘〚〝‘“([{·")

#: One unit that is never split: a date, a number, a phone, an English word, a code
#: (digits and letters, joined by - . : / , ' + _ between them; a leading - of an option).
_UNIT = re.compile(r"-{0,2}[0-9A-Za-z]+(?:[-./:,'’+_@#][0-9A-Za-z]+)*%?|\s+|.", re.DOTALL)


def _units(paragraph: str) -> list[str]:
    return _UNIT.findall(paragraph)


def _glued(units: list[str]) -> list[list[str]]:
    """The units in groups no line may break inside: spaces are groups of their own (a
    break may fall there); closing punctuation joins the group before it, opening
    punctuation and · the group after it."""
    groups: list[list[str]] = []
    open_next = False  # the last group ends with an opening mark: the next unit joins it
    for unit in units:
        if unit.isspace():
            if open_next and groups:  # "· 2026": the space stays inside, the mark keeps its word
                groups[-1].append(unit)
                continue
            groups.append([unit])
            continue
        joins = open_next or (unit in NO_LINE_START and groups and not groups[-1][0].isspace())
        if unit in NO_LINE_START and groups and groups[-1][0].isspace() and len(groups) > 1:
            # "word ,": the mark stays with the word before the space
            space = groups.pop()
            groups[-1] += space
            joins = True
        if joins and groups:
            groups[-1].append(unit)
        else:
            groups.append([unit])
        open_next = unit in NO_LINE_END
    return groups


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` terminal columns (a line break in the text
    starts a new line)."""
    columns = max(2, columns)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for n, group in enumerate(_glued(_units(paragraph))):
            piece = "".join(group)
            w = width(piece)
            if piece.isspace():
                if (line or n == 0) and used + w <= columns:  # (a paragraph's own indent stays)
                    line, used = line + piece, used + w
                elif line:  # a space at the end of a line is where it breaks
                    lines.append(line.rstrip())
                    line, used = "", 0
                continue
            if used + w <= columns:
                line, used = line + piece, used + w
                continue
            if line.strip():
                lines.append(line.rstrip())
            line, used = "", 0
            if w <= columns:
                line, used = piece.lstrip(), width(piece.lstrip())
                continue
            # Wider than a line: by its units, then (a unit wider still) by characters.
            for part in _cut(group, columns):
                p = part if line else part.lstrip()
                pw = width(p)
                if used + pw > columns and line.strip():
                    lines.append(line.rstrip())
                    line, used, p = "", 0, p.lstrip()
                    pw = width(p)
                line, used = line + p, used + pw
        lines.append(line.rstrip())
    return lines


def _cut(group: list[str], columns: int) -> list[str]:
    """A group's units, each no wider than ``columns`` (one that is, cut by characters)."""
    parts: list[str] = []
    for unit in group:
        if width(unit) <= columns:
            parts.append(unit)
            continue
        piece, used = "", 0
        for ch in unit:
            w = width(ch)
            if used + w > columns and piece:
                parts.append(piece)
                piece, used = "", 0
            piece, used = piece + ch, used + w
        parts.append(piece)
    return parts


def hanging(text: str, columns: int, indent: str) -> str:
    """``text`` wrapped, its second and later lines indented (a list item)."""
    return "\n".join(hanging_lines(text, columns, indent))


def hanging_lines(text: str, columns: int, indent: str) -> list[str]:
    lines = wrap(text, columns - width(indent))
    return [lines[0]] + [indent + line for line in lines[1:]]
