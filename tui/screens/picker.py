"""The type-ahead picker: type 張, zhang or zgy and pick 張桂英 from the register a
reference points into (or a branch, for the branch filter)."""

from __future__ import annotations

from itertools import islice
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from storage import catalogue
from storage.text import fit, visible
from tui import keymap
from tui.screens import texts
from tui.screens.base import BaseModal, focus_now
from tui.screens.rows import narrow
from tui.widgets.plain import plain


class PickerScreen(BaseModal):
    SCOPE = "picker"
    BINDINGS = keymap.bindings("picker")

    def __init__(self, slug: str, *, query: str = "", allow_all: bool = False, limit: int = 30) -> None:
        super().__init__()
        reg = catalogue.get(slug)
        assert reg is not None
        self.reg = reg
        self.start = query
        self.allow_all = allow_all
        self.limit = limit

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Static("", id="picker-title", markup=False)
            yield Input(value=self.start, id="picker-query")
            yield OptionList(id="picker-list")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        query = self.query_one("#picker-query", Input)
        query.cursor_blink = False
        focus_now(query)
        query.cursor_position = len(query.value)
        self.search(query.value)

    def relabel(self) -> None:
        self.query_one("#picker-title", Static).update(f"{texts.CHOOSE(self.lang)}:{self.reg.title(self.lang)}")
        self.query_one("#picker-query", Input).placeholder = texts.FILTER_HINT(self.lang)

    def candidates(self, text: str) -> list[str]:
        store = self.tz.store
        if not narrow(text):
            live = (rid for rid, r in store.table(self.reg.slug).items() if not r.get("_d"))
            return list(islice(live, self.limit))
        return self.tz.search_keys().find(self.reg.slug, text, self.limit)

    def describe(self, rid: str) -> str:
        from storage.present import show_value

        store = self.tz.store
        record = store.table(self.reg.slug).get(rid, {})
        name = visible(store.name_of(self.reg.slug, record), lines=False)  # escaped before it is cut to width
        parts = [fit(name, 12)]
        if self.reg.slug != "branches":
            branch = store.name_of("branches", record.get("branch")) if record.get("branch") else ""
            parts.append(fit(visible(branch, lines=False), 10))
            extra = [f for f in self.reg.columns if f not in (self.reg.name_field, "branch")][:2]
            parts += [show_value(store, self.reg, f, record, self.lang) for f in extra]
        return " ".join(parts).rstrip()

    def search(self, text: str) -> None:
        self.searched = text
        options = self.query_one("#picker-list", OptionList)
        found = [Option(plain(self.describe(rid)), id=rid) for rid in self.candidates(text)]
        if self.allow_all and not narrow(text):
            found.insert(0, Option(texts.ALL_BRANCHES(self.lang), id="-"))
        options.clear_options()
        options.add_options(found)
        if found:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    def typed(self, ch: str) -> None:
        """A letter typed before the picker had the focus."""
        try:
            query = self.query_one("#picker-query", Input)
        except NoMatches:
            self.start += ch
            return
        query.value += ch
        query.cursor_position = len(query.value)

    def on_key(self, event: Any) -> None:
        # Keys typed before the query field took the focus (the picker opens on the first
        # letter, and a terminal sends "zgy" at once) still belong to the query.
        query = self.query_one("#picker-query", Input)
        ch = event.character or ""
        if self.focused is not query and len(ch) == 1 and ch.isprintable() and ch.strip():
            event.stop()
            event.prevent_default()
            query.value += ch
            query.cursor_position = len(query.value)
            focus_now(query)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option.id)

    def action_move(self, delta: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def action_pick(self) -> None:
        self.after_typing(self.pick)

    def pick(self) -> None:
        query = self.query_one("#picker-query", Input).value
        if query != getattr(self, "searched", None):  # letters whose search has not run yet
            self.search(query)
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None and options.option_count:
            self.choose(options.get_option_at_index(options.highlighted).id)

    def choose(self, rid: str | None) -> None:
        if rid == "-":
            self.dismiss(("", ""))
        elif rid:
            self.dismiss((rid, self.tz.store.name_of(self.reg.slug, rid)))

    def action_clear(self) -> None:
        self.dismiss(("", ""))

    def action_back(self) -> None:
        self.dismiss(None)
