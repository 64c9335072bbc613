"""A yes-or-no question (delete this? leave without saving?)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

from tui import keymap
from tui.screens.base import BaseModal


class ConfirmScreen(BaseModal):
    SCOPE = "confirm"
    BINDINGS = keymap.bindings("confirm")

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(self.question, id="question", markup=False)
            yield Static("", id="answers", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def relabel(self) -> None:
        from tui.screens import texts

        self.query_one("#answers", Static).update(f"y {texts.YES(self.lang)}   n {texts.NO(self.lang)}")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
