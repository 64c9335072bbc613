"""First run: no store in the home folder yet. Create the organisation (its name and
branches), or open the demo organisation to look around first."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from tui import keymap
from tui.screens import texts
from tui.screens.base import BaseScreen, focus_now


def split_branches(text: str) -> list[str]:
    names = [n.strip() for n in re.split(r"[,,、;;\n]+", text)]
    return list(dict.fromkeys(n for n in names if n))


class FirstRunScreen(BaseScreen):
    SCOPE = "first_run"
    BINDINGS = keymap.bindings("first_run")

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        with Vertical(id="first-run", classes="dialog"):
            yield Static("", id="first-intro", markup=False)
            with Horizontal(classes="field-line"):
                yield Label("", id="org-label", classes="field-label", markup=False)
                yield Input(id="org", classes="field-editor")
            with Horizontal(classes="field-line"):
                yield Label("", id="branches-label", classes="field-label", markup=False)
                yield Input(id="branches", classes="field-editor")
            yield Static("", id="first-error", classes="field-error", markup=False)
            with Horizontal(id="first-buttons"):
                yield Button("", id="create", variant="primary")
                yield Button("", id="demo")
        yield self.footer()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self.query_one("#first-error").display = False
        focus_now(self.query_one("#org", Input))

    def relabel(self) -> None:
        lang = self.lang
        self.set_title(texts.FIRST_TITLE(lang))
        self.query_one("#first-intro", Static).update(texts.FIRST_INTRO(lang, home=str(self.tz.home)))
        self.query_one("#org-label", Label).update(texts.ORG_LABEL(lang) + "*")
        self.query_one("#branches-label", Label).update(texts.BRANCHES_LABEL(lang))
        self.query_one("#org", Input).placeholder = texts.ORG_HINT(lang)
        self.query_one("#branches", Input).placeholder = texts.BRANCHES_HINT(lang)
        self.query_one("#create", Button).label = texts.CREATE(lang)
        self.query_one("#demo", Button).label = texts.OPEN_DEMO(lang)

    def action_enter(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        elif focused is not None and focused.id == "org":
            focus_now(self.query_one("#branches", Input))
        else:
            self.after_typing(self.create)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.create()
        else:
            self.action_demo()

    def error(self, message: str) -> None:
        bar = self.query_one("#first-error", Static)
        bar.update(message)
        bar.display = bool(message)

    def action_create(self) -> None:
        self.after_typing(self.create)

    def create(self) -> None:
        from storage.messages import StoreError
        from storage.store import Store

        org = self.query_one("#org", Input).value.strip()
        if not org:
            self.error(texts.ORG_MISSING(self.lang))
            focus_now(self.query_one("#org", Input))
            return
        branches = split_branches(self.query_one("#branches", Input).value)
        try:
            store = Store.create(self.tz.home, organisation=org, branches=branches)
        except StoreError as error:
            self.error(error.message(self.lang))
            return
        store.close()
        self.tz.open_home()

    def action_demo(self) -> None:
        from storage import demo
        from storage import settings as settings_mod
        from storage.home import demo_home
        from storage.messages import StoreError

        home = demo_home()
        self.error(texts.BUILDING_DEMO(self.lang))
        try:
            raw = settings_mod.read_raw(home) if home.exists() else None
            if raw is None:
                demo.build(home).close()
        except StoreError as error:
            self.error(error.message(self.lang))
            return
        self.tz.open_home(home)
