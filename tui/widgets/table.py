"""A virtual table: draws only the rows on screen, whatever the number of records.

The table holds a sequence of row keys (record ids) and asks a callback for the cells of
the few rows it shows. Moving the cursor redraws two lines; a new set of rows (a filter
step) redraws only the lines whose row changed. It keeps its own scroll position and
draws no scrollbar (the screen shows "row / rows"), so a narrowing filter never triggers
a layout of the whole screen: over SSH a keystroke costs a few hundred bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.events import Click, Resize
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from storage.text import fit
from storage.text import visible as escaped_text  # (visible, a property of every widget, is textual's)
from tui import keymap


@dataclass
class Column:
    key: str
    label: str
    width: int
    right: bool = False
    #: The lower, the sooner it gives way to the others when the table is too narrow.
    priority: int = 0
    #: The narrowest it may be drawn (its data's width: the header is cut, never a value);
    #: None: its width.
    least: int | None = None


def fitted(columns: Sequence[Column], room: int) -> list[tuple[int, int]]:
    """(column, width) in the order drawn, so that the columns most worth their room fit
    in ``room``: the lowest-priority columns (the rightmost of equals) give way first,
    whole, until the rest fit with their headers cut to their data; then headers are cut,
    again lowest priority first, only as far as needed. The first column is pinned and
    stays. Columns that gave way come after, past the right edge, where → scrolls."""
    least = [c.width if c.least is None else min(c.least, c.width) for c in columns]
    order = sorted(range(1, len(columns)), key=lambda i: (columns[i].priority, -i))
    keep = list(range(len(columns)))
    for i in order:
        if sum(least[k] + 1 for k in keep) <= room:
            break
        keep.remove(i)
    widths = [c.width for c in columns]
    over = sum(widths[k] + 1 for k in keep) - room
    for i in order:
        if over <= 0:
            break
        if i in keep:
            cut = min(over, widths[i] - least[i])
            widths[i] -= cut
            over -= cut
    gone = [i for i in range(len(columns)) if i not in keep]
    return [(i, widths[i]) for i in keep] + [(i, columns[i].width) for i in gone]


class VirtualTable(Widget, can_focus=True):
    """Rows of cells, one line each, with a fixed header and the first column pinned."""

    SCOPE = "table"
    BINDINGS = keymap.bindings("table")
    COMPONENT_CLASSES = {"vtable--header", "vtable--cursor", "vtable--pinned", "vtable--empty"}

    DEFAULT_CSS = """
    VirtualTable { height: 1fr; }
    """

    class Moved(Message):
        """The cursor moved to another row (the screen updates its "row / rows")."""

        def __init__(self, table: VirtualTable) -> None:
            super().__init__()
            self.table = table

    def __init__(
        self,
        columns: list[Column],
        cells: Callable[[str], list[str]],
        *,
        empty_text: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = columns
        self.drawn_layout: list[tuple[int, int]] = []  # (column, width) as drawn: fitted()
        self._laid_out_for = -1
        self.cells = cells
        self.rows: Sequence[str] = ()
        self.top = 0
        self.cursor = 0
        self.x = 0
        self.empty_text = empty_text
        self.marks: dict[str, Style] = {}  # per-row styles (attendance status colours)

    # -- what the screen calls ----------------------------------------------------------

    @property
    def body_height(self) -> int:
        return max(1, self.size.height - 1)

    @property
    def current(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def visible_rows(self) -> list[str | None]:
        """The row key on each body line (None past the end)."""
        out: list[str | None] = []
        for line in range(self.body_height):
            i = self.top + line
            out.append(self.rows[i] if i < len(self.rows) else None)
        return out

    def set_rows(self, rows: Sequence[str], *, keep: str | None = None) -> None:
        """Show ``rows``; the cursor stays on ``keep`` (or the current row) if it is there,
        else goes to the first row. Only lines that change are redrawn."""
        before = self.visible_rows()
        old_cursor_line = self.cursor - self.top
        wanted = keep if keep is not None else self.current
        self.rows = rows
        self.cursor = 0
        if wanted is not None and len(rows) < 5000:
            try:  # keep the cursor on its record when the list is short enough to look
                self.cursor = list(rows).index(wanted)
            except ValueError:
                self.cursor = 0
        self.top = max(0, min(self.top, self.cursor, max(0, len(rows) - self.body_height)))
        if not (self.top <= self.cursor < self.top + self.body_height):
            self.top = max(0, self.cursor - self.body_height // 2)
        after = self.visible_rows()
        new_cursor_line = self.cursor - self.top
        if not before and not after:
            return
        for line, (old, new) in enumerate(zip(before, after)):
            if old != new or line in (old_cursor_line, new_cursor_line) or (not rows and line == 0):
                self._refresh_body_line(line)
        self.post_message(self.Moved(self))

    def rows_grew(self, before: int) -> None:
        """More rows arrived at the end of the same sequence (a filter still scanning):
        draw the lines that were empty; the cursor and the scroll stay where they are."""
        for line in range(self.body_height):
            if before <= self.top + line < len(self.rows):
                self._refresh_body_line(line)
        if before == 0 and self.rows:
            self.cursor = 0
            self._refresh_body_line(0)
        self.post_message(self.Moved(self))

    def refresh_rows(self) -> None:
        """The cells of some rows changed (a save): redraw the body."""
        self.refresh()

    def set_columns(self, columns: list[Column]) -> None:
        self.columns = columns
        self._laid_out_for = -1
        self.x = 0
        self.refresh()

    def drawn(self) -> list[tuple[int, int]]:
        """The columns as drawn at the table's width, laid out again when it changes."""
        room = self.size.width
        if room != self._laid_out_for:
            self.drawn_layout = fitted(self.columns, room) if room else [(i, c.width) for i, c in enumerate(self.columns)]
            self._laid_out_for = room
        return self.drawn_layout

    def fitting(self) -> int:
        """How many of the drawn columns fit on screen (the rest gave way)."""
        used = 0
        for n, (_, w) in enumerate(self.drawn()):
            used += w + 1
            if used > self.size.width and n:
                return n
        return len(self.drawn())

    def shown_columns(self) -> list[str]:
        """The keys of the columns on screen before scrolling right."""
        return [self.columns[i].key for i, _ in self.drawn()[: self.fitting()]]

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(len(self.rows) - 1, index))
        old_line = self.cursor - self.top
        self.cursor = index
        old_top = self.top
        if index < self.top:
            self.top = index
        elif index >= self.top + self.body_height:
            self.top = index - self.body_height + 1
        if self.top != old_top:
            self.refresh()
        else:
            self._refresh_body_line(old_line)
            self._refresh_body_line(index - self.top)
        self.post_message(self.Moved(self))

    # -- keys -----------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.body_height - 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_scroll_x(self, direction: int) -> None:
        total = self._total_width()
        limit = max(0, total - self.size.width)
        new = max(0, min(limit, self.x + direction * 8))
        if new != self.x:
            self.x = new
            self.refresh()

    def on_click(self, event: Click) -> None:
        if event.y >= 1:
            self.move_to(self.top + event.y - 1)

    def on_resize(self, event: Resize) -> None:
        if self.cursor >= self.top + self.body_height:
            self.top = max(0, self.cursor - self.body_height + 1)

    # -- drawing --------------------------------------------------------------------

    def _refresh_body_line(self, line: int) -> None:
        if 0 <= line < self.body_height:
            self.refresh(Region(0, line + 1, self.size.width, 1))

    def _total_width(self) -> int:
        drawn, fits = self.drawn(), self.fitting()
        if fits == len(drawn):
            return sum(w + 1 for _, w in drawn)
        return self.size.width + sum(w + 1 for _, w in drawn[fits:])  # the rest begins past the edge

    def _line_text(self, texts: list[str]) -> tuple[str, str]:
        """The pinned first cell and the rest of a line, each cut to its columns. A cell is
        one line of visible text whatever the record holds: a line break or an escape
        sequence (a hand edit, an older version) is shown escaped (\\x1b), not obeyed."""
        texts = [t if t.isprintable() else escaped_text(t, lines=False) for t in texts]
        cells = []
        for i, w in self.drawn():
            text = texts[i] if i < len(texts) else ""
            cells.append(_right(text, w) if self.columns[i].right else fit(text, w))
        if not cells:
            return "", ""
        fits = self.fitting()
        rest = " ".join(cells[1:fits]) + " "
        if fits < len(cells):  # the columns that gave way start past the right edge, not cut at it
            from storage.text import width

            room = self.size.width - width(cells[0]) - 1
            rest = rest + " " * max(0, room - width(rest)) + " ".join(cells[fits:]) + " "
        return cells[0] + " ", rest

    def _strip(self, texts: list[str], style: Style, pinned_style: Style | None = None) -> Strip:
        width = self.size.width
        pinned, rest = self._line_text(texts)
        layout = self.drawn()
        pinned_width = layout[0][1] + 1 if layout else 0
        if pinned_style is None or pinned_style == style:
            segments = [Segment(pinned + rest, style)]  # one style, one escape sequence per line
        else:
            segments = [Segment(pinned, pinned_style), Segment(rest, style)]
        strip = Strip(segments)
        if self.x:
            head = strip.crop(0, pinned_width)
            tail = strip.crop(pinned_width + self.x, pinned_width + self.x + width)
            strip = Strip.join([head, tail])
        return strip.adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        # On the terminal's own colours (the ANSI theme) a plain row needs no style at all:
        # no escape sequence per line, which is most of what a keystroke costs over SSH.
        base = Style() if self._plain() else self.rich_style
        if y == 0:
            header = self.get_component_rich_style("vtable--header")
            return self._strip([c.label for c in self.columns], base + header)
        index = self.top + y - 1
        if index >= len(self.rows):
            if not self.rows and y == 1 and self.empty_text:
                empty = self.get_component_rich_style("vtable--empty")
                return Strip([Segment(fit(self.empty_text, self.size.width), base + empty)])
            return Strip.blank(self.size.width, base)
        key = self.rows[index]
        try:
            texts = self.cells(key)
        except Exception:  # a record that vanished between a refresh and a draw
            texts = [""] * len(self.columns)
        style = base + self.marks.get(key, Style())
        if index == self.cursor and self.has_focus:
            style = style + self.get_component_rich_style("vtable--cursor")
        elif index == self.cursor:
            style = style + Style(underline=True)
        return self._strip(texts, style)

    def _plain(self) -> bool:
        try:
            return bool(self.app.current_theme.ansi)
        except Exception:
            return False

    def on_focus(self) -> None:
        self._refresh_body_line(self.cursor - self.top)

    def on_blur(self) -> None:
        self._refresh_body_line(self.cursor - self.top)


def _right(text: str, columns: int) -> str:
    from storage.text import width

    cut = fit(text, columns).rstrip()
    return " " * (columns - width(cut)) + cut
