"""When the store cannot be opened: say why, in the user's language, and how to go on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from storage.i18n import Text
from tui.screens import texts
from tui.screens.base import BaseScreen


class ProblemScreen(BaseScreen):
    def __init__(self, title: Text, message: str) -> None:
        super().__init__()
        self.heading = title
        self.message = message

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        with Vertical(id="problem", classes="dialog"):
            yield Static("", id="problem-title", markup=False)
            yield Static(self.message, id="problem-message", markup=False)
            yield Static("", id="problem-hint", markup=False)
        yield self.footer()

    def relabel(self) -> None:
        self.set_title()
        self.query_one("#problem-title", Static).update(self.heading(self.lang))
        self.query_one("#problem-hint", Static).update(texts.QUIT_HINT(self.lang))
