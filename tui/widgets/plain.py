"""Text the app draws from a store, safe whatever the store holds.

A store may hold what its registers now refuse — an escape sequence in a name (an older
version's, a hand edit's), Rich markup in an address. Two walls keep it from the terminal:

- where a value becomes widget content, it is shown escaped (:func:`storage.text.visible`:
  ``\\x1b``) and, where a widget would read markup (an option list, a select, the palette, a
  notification), as plain text (:func:`plain`): ``[bold]`` shows as typed, ``[/]`` raises
  nothing;
- every line the app draws then passes :class:`ControlFilter`, which escapes any control
  character still in it, so a screen that forgot the first wall still sends the terminal
  nothing it would obey.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter

from storage.text import visible
from tui.themes import CONSOLE_LACKS


def plain(text: str, *, lines: bool = False) -> Content:
    """``text`` as content that is never read as markup, its control characters escaped
    (line breaks too, unless ``lines``: an option or a select's choice is one line)."""
    return Content(visible(text, lines=lines))


class ControlFilter(LineFilter):
    """The last wall: a drawn line holding a control character (C0, C1, DEL, a bidi
    override) gets it escaped, the line kept at its width (the escape takes columns the
    raw character did not: the line's end is cut, which is mostly padding)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(segment.text.isprintable() for segment in segments):
            return segments  # every line the app draws from a sound store: no work
        width = sum(segment.cell_length for segment in segments)
        shown = [
            segment if segment.control or segment.text.isprintable()
            else Segment(visible(segment.text, lines=False), segment.style, segment.control)
            for segment in segments
        ]
        return Segment.adjust_line_length(shown, width)


class AsciiKeysFilter(LineFilter):
    """Under a terminal that draws ASCII alone (TERM=linux, ``[ui] glyphs = "ascii"``), the
    key symbols that texts use (「按 ⏎ 選擇」) are drawn as words: the console has no ⏎ or ␣.
    The key names of the footer and F1 are already words there (App.get_key_display); this
    reaches every other text, whichever screen draws it, the line kept at its width."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(symbol in segment.text for segment in segments for symbol in CONSOLE_LACKS):
            return segments
        width = sum(segment.cell_length for segment in segments)
        shown = []
        for segment in segments:
            text = segment.text
            for symbol, word in CONSOLE_LACKS.items():
                text = text.replace(symbol, word)
            shown.append(segment if text == segment.text else Segment(text, segment.style, segment.control))
        return Segment.adjust_line_length(shown, width)
