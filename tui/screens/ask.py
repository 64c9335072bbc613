"""One line asked for: why a member was absent, where to write an export."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from tui import keymap
from tui.screens.base import BaseModal, focus_now


class AskScreen(BaseModal):
    """A question and a line to answer it; Enter gives the answer, Esc gives None."""

    SCOPE = "picker"
    BINDINGS = keymap.bindings("picker")

    def __init__(self, question: str, value: str = "", *, password: bool = False) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.password = password  # typed as dots (a backup's passphrase)

    def compose(self) -> ComposeResult:
        with Vertical(id="reason", classes="dialog"):
            yield Static(self.question, markup=False)
            yield Input(value=self.value or "", id="reason-input", password=self.password)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False
        focus_now(field)
        field.cursor_position = len(field.value)

    def action_pick(self) -> None:
        self.after_typing(lambda: self.dismiss(self.query_one(Input).value))

    def action_move(self, delta: int) -> None:
        pass

    def action_clear(self) -> None:
        self.query_one(Input).value = ""

    def action_back(self) -> None:
        self.dismiss(None)
