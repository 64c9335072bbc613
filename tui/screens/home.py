"""The home: the organisation and its branches, 一卡二表三簿十冊 with their counts, and
what needs action. A number or a letter opens a register."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from storage.text import fit, visible
from tui import keymap
from tui.keymap import JUMP_KEYS
from tui.screens import texts
from tui.screens.base import BaseScreen, focus_now
from tui.screens.outline import outline
from tui.widgets.wrap import hanging, wrap


def home_entries() -> list[tuple[str, Any, str]]:
    """(group, title, slug) for every line of the home: the plan's sixteen places (the
    member collection twice, as 登記表 and 花名冊), then the other registers."""
    return outline()[0]


def action_text(item: Any, lang: str) -> str:
    """The words of an item of the plan's action list (whatever it calls its wording)."""
    for name in ("message", "text"):
        say = getattr(item, name, None)
        if callable(say):
            return str(say(lang))
    return str(item)


def plan_items(store: Any) -> list[Any] | None:
    """What needs action, from the plan's rules (storage.plan.todo); None when they are
    not installed."""
    try:
        from storage.plan.todo import todo
    except ImportError:
        return None
    try:
        return list(todo(store))[:30]
    except Exception as error:  # the plan's rules must not take the home down
        return [_Broken(f"{type(error).__name__}: {error}")]


UNREAD = object()  # the action panel before the plan's rules have been read


class _Broken:
    severity = "alert"

    def __init__(self, text: str) -> None:
        self.text = text

    def message(self, lang: str) -> str:
        return self.text


class HomeScreen(BaseScreen):
    SCOPE = "home"
    BINDINGS = keymap.bindings("home")

    def __init__(self, *, organisation: str = "", branches: list[str] | None = None) -> None:
        super().__init__()
        # Painted before the store is open (see tui.screens.outline), then filled in.
        self.entries, self.groups, _ = outline()
        self.organisation = organisation
        self.branch_names = branches or []
        self.items: Any = UNREAD
        self.waiting_jump: int | None = None

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
        if self.store is not None:
            self.call_after_refresh(self.store_ready)
        else:  # painted first, then the store opens behind it
            self.call_after_refresh(self.tz.open_aside)

    def store_ready(self) -> None:
        """The store is open: counts, branches and actions from it, big registers read."""
        self.set_title()
        self.show_registers()
        self.show_organisation()
        self.tz.start_loading()
        self.call_after_refresh(self.show_actions)  # after layout: the panel's width is known
        if self.waiting_jump is not None:
            n, self.waiting_jump = self.waiting_jump, None
            self.jump(n)

    def relabel(self) -> None:
        self.set_title()
        self.show_registers()
        self.show_organisation()
        if self.items is not UNREAD:
            self.show_actions(again=False)

    # -- what it shows -------------------------------------------------------------

    def count_text(self, slug: str) -> str:
        if self.store is None or not self.tz.ready(slug):
            return "…"
        return str(self.store.count(slug))

    def show_registers(self) -> None:
        options = self.query_one("#registers", OptionList)
        highlighted = options.highlighted
        lines = []
        last_group = None
        for n, (group, title, slug) in enumerate(self.entries):
            head = self.groups[group](self.lang) if group != last_group else ""
            last_group = group
            key = JUMP_KEYS[n] if n < len(JUMP_KEYS) else " "
            name = fit(title(self.lang), 30)
            count = self.count_text(slug)
            lines.append(Option(f"{fit(head, 4)} {key} {name}{count:>6}", id=f"{n}"))
        options.clear_options()
        options.add_options(lines)
        options.highlighted = highlighted if highlighted is not None else 0

    def show_organisation(self) -> None:
        store = self.store
        if store is not None:
            self.organisation = store.organisation
            from storage.present import as_text

            self.branch_names = [as_text(b.get("name")) for b in store.records("branches")]
        names = [visible(name, lines=False) for name in self.branch_names]  # as stored, escapes shown
        lines = [visible(self.organisation, lines=False), ""]
        lines.append(f"{texts.BRANCHES(self.lang)}({len(names)})")
        shown = names[:8]
        lines += [f"  {name}" for name in shown] or [f"  {texts.NO_BRANCHES(self.lang)}"]
        if len(names) > len(shown):
            lines.append(f"  … +{len(names) - len(shown)}")
        if self.tz.readonly_note:
            lines += [""] + wrap(self.tz.readonly_note, self.side_width())
        self.query_one("#organisation", Static).update("\n".join(lines))

    def show_actions(self, *, again: bool = True) -> None:
        """The action panel; ``again`` reads the plan's rules afresh (else only rewords)."""
        self.query_one("#actions-title", Static).update(texts.ACTIONS(self.lang))
        panel = self.query_one("#actions", Static)
        if self.store is None or self.tz.loading:
            panel.update(texts.LOADING(self.lang))
            return
        if again:
            if self.tz.big:  # a big store: the rules take seconds, so they run aside
                if self.items is UNREAD:
                    panel.update(texts.LOADING(self.lang))
                self.run_worker(self.read_items, thread=True, exclusive=True, group="todo")
                return
            self.items = plan_items(self.store)
        items = self.items
        if items is None:
            panel.update(texts.ACTIONS_LATER(self.lang))
        elif not items:
            panel.update(texts.ACTIONS_NONE(self.lang))
        else:
            lines = []
            for item in items:
                mark = "!" if getattr(item, "severity", "") == "alert" else "·"
                lines.append(f"{mark} " + hanging(action_text(item, self.lang), self.side_width() - 2, "  "))
            panel.update("\n".join(lines))

    def read_items(self) -> None:
        items = plan_items(self.store)

        def arrived() -> None:
            self.items = items
            self.show_actions(again=False)

        self.app.call_from_thread(arrived)

    def side_width(self) -> int:
        side = self.query_one("#actions", Static)
        return max(16, side.size.width or (self.app.size.width - 52))

    def table_loaded(self, slug: str) -> None:
        self.show_registers()
        if not self.tz.loading:
            self.show_actions()

    def store_changed(self, touched: set[str]) -> None:
        # Saves happen on other screens; the home catches up when it is shown again (the
        # plan's rules take seconds at 100,000 members, not worth running on every save).
        if self.app.screen is self:
            self.catch_up()
        else:
            self.stale = True

    def on_screen_resume(self) -> None:
        if getattr(self, "stale", False):
            self.catch_up()

    def catch_up(self) -> None:
        self.stale = False
        if self.store is None:
            return
        self.show_registers()
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
        if not 0 <= n < len(self.entries):
            return
        if self.store is None:  # a key pressed while the store opens: served once it is
            self.waiting_jump = n
            return
        group, title, slug = self.entries[n]
        self.tz.open_register(slug, title=title)

    def action_month(self) -> None:
        if self.store is not None:
            self.tz.show_month()

    def action_print_binder(self) -> None:
        from tui.screens.paper import print_binder

        print_binder(self)

    def action_print_notice(self) -> None:
        from tui.screens.paper import print_notice

        print_notice(self)

    def action_find(self) -> None:
        self.app.action_command_palette()
