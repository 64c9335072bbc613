"""F1: every key of every screen, in the UI language."""

from __future__ import annotations

from textual.app import ComposeResult

from tui import keymap
from tui.screens import texts
from tui.screens.base import BaseScreen, focus_now
from tui.themes import ascii_key
from tui.widgets.table import Column, VirtualTable


class HelpScreen(BaseScreen):
    SCOPE = "help"
    BINDINGS = keymap.bindings("help")

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield VirtualTable([], self.cells, id="help-table")
        yield self.footer()

    def on_mount(self) -> None:
        focus_now(self.query_one(VirtualTable))

    def cells(self, key: str) -> list[str]:
        where, shown, what = self.rows[int(key)]
        return [where, ascii_key(shown) if self.tz.ascii else shown, what]  # ⏎ → Enter on the Linux console

    def relabel(self) -> None:
        lang = self.lang
        self.set_title(texts.HELP_TITLE(lang))
        self.rows = keymap.help_rows(lang)
        table = self.query_one(VirtualTable)
        table.set_columns([
            Column("where", texts.HELP_WHERE(lang), 14),
            Column("key", texts.HELP_KEY(lang), 22),
            Column("what", texts.HELP_WHAT(lang), 40),
        ])
        table.set_rows([str(i) for i in range(len(self.rows))])

    def action_back(self) -> None:
        self.app.pop_screen()

