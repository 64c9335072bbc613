"""The home: the organisation and its branches, 一卡二表三簿十冊 with their counts, and
what needs action. A number or a letter opens a register."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from storage.text import fit, width
from tui import keymap
from tui.screens import texts
from tui.screens.base import BaseScreen, focus_now
from tui.widgets.wrap import hanging, wrap

from tui.keymap import JUMP_KEYS


def home_entries() -> list[tuple[str, Any, Any]]:
    """(group, title, register) for every line of the home: the plan's sixteen places
    (the member collection twice, as 登記表 and 花名冊), then the other registers."""
    from storage import catalogue

    entries = [(place.group, place.title, reg) for place, reg in catalogue.plan_book()]
    placed = {reg.slug for _, _, reg in entries}
    entries += [("other", reg.title, reg) for reg in catalogue.registers() if reg.slug not in placed]
    return entries


def action_text(item: Any, lang: str) -> str:
    """The words of an item of the plan's action list (whatever it calls its wording)."""
    for name in ("message", "text"):
        say = getattr(item, name, None)
        if callable(say):
            return str(say(lang))
    return str(item)


def plan_actions(store: Any, lang: str) -> list[tuple[str, str]] | None:
    """(mark, words) for what needs action, from the plan's rules; None when they are
    not installed. ! marks an alert."""
    try:
        from storage.plan.todo import todo
    except ImportError:
        return None
    try:
        items = list(todo(store))
    except Exception as error:  # the plan's rules must not take the home down
        return [("!", f"{type(error).__name__}: {error}")]
    return [("!" if getattr(item, "severity", "") == "alert" else "·", action_text(item, lang)) for item in items[:30]]


class HomeScreen(BaseScreen):
    SCOPE = "home"
    BINDINGS = keymap.bindings("home")

    def __init__(self) -> None:
        super().__init__()
        self.entries = home_entries()

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        with Horizontal(id="home-body"):
            yield OptionList(id="registers")
            with VerticalScroll(id="home-side"):
                yield Static("", id="organisation", markup=False)
                yield Static("", id="actions-title", classes="section-title", markup=False)
                yield Static("", id="actions", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        focus_now(self.query_one("#registers", OptionList))
        self.call_after_refresh(self.tz.start_loading)
        self.call_after_refresh(self.show_actions)

    def relabel(self) -> None:
        self.set_title()
        self.show_registers()
        self.show_organisation()
        self.show_actions()

    # -- what it shows -------------------------------------------------------------

    def count_text(self, slug: str) -> str:
        if not self.tz.ready(slug):
            return "…"
        return str(self.store.count(slug))

    def show_registers(self) -> None:
        from storage.registers.base import GROUPS

        options = self.query_one("#registers", OptionList)
        highlighted = options.highlighted
        lines = []
        last_group = None
        for n, (group, title, reg) in enumerate(self.entries):
            head = GROUPS[group](self.lang) if group != last_group else ""
            last_group = group
            key = JUMP_KEYS[n] if n < len(JUMP_KEYS) else " "
            name = fit(title(self.lang), 30)
            count = self.count_text(reg.slug)
            lines.append(Option(f"{fit(head, 4)} {key} {name}{count:>6}", id=f"{n}"))
        options.clear_options()
        options.add_options(lines)
        options.highlighted = highlighted if highlighted is not None else 0

    def show_organisation(self) -> None:
        store = self.store
        branches = [b for b in store.records("branches")]
        names = [b.get("name", "") for b in branches]
        lines = [store.organisation, ""]
        lines.append(f"{texts.BRANCHES(self.lang)}({len(names)})")
        shown = names[:8]
        lines += [f"  {name}" for name in shown] or [f"  {texts.NO_BRANCHES(self.lang)}"]
        if len(names) > len(shown):
            lines.append(f"  … +{len(names) - len(shown)}")
        if self.tz.readonly_note:
            lines += [""] + wrap(self.tz.readonly_note, self.side_width())
        self.query_one("#organisation", Static).update("\n".join(lines))

    def show_actions(self) -> None:
        self.query_one("#actions-title", Static).update(texts.ACTIONS(self.lang))
        panel = self.query_one("#actions", Static)
        if self.tz.loading:
            panel.update(texts.LOADING(self.lang))
            return
        items = plan_actions(self.store, self.lang)
        if items is None:
            panel.update(texts.ACTIONS_LATER(self.lang))
        elif not items:
            panel.update(texts.ACTIONS_NONE(self.lang))
        else:
            panel.update("\n".join(f"{mark} " + hanging(text, self.side_width() - 2, "  ") for mark, text in items))

    def side_width(self) -> int:
        side = self.query_one("#actions", Static)
        return max(16, side.size.width or (self.app.size.width - 52))

    def table_loaded(self, slug: str) -> None:
        self.show_registers()
        if not self.tz.loading:
            self.show_actions()

    def store_changed(self, touched: set[str]) -> None:
        self.show_registers()
        if "branches" in touched:
            self.show_organisation()
        self.show_actions()

    # -- keys ------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.jump(int(event.option.id or 0))

    def action_open(self) -> None:
        highlighted = self.query_one("#registers", OptionList).highlighted
        if highlighted is not None:
            self.jump(highlighted)

    def action_jump(self, n: int) -> None:
        self.jump(n)

    def jump(self, n: int) -> None:
        if 0 <= n < len(self.entries):
            group, title, reg = self.entries[n]
            self.tz.open_register(reg.slug, title=title)

    def action_month(self) -> None:
        self.tz.show_month()

    def action_find(self) -> None:
        self.app.action_command_palette()
