"""The home: the organisation and its branches, 一卡二表三簿十冊 with their counts, and
what needs action (待辦). A number or a letter opens a register; Tab (or →) goes to the
待辦, where ↑↓ PgUp PgDn move and ⏎ opens what the item is about."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from storage.text import fit, visible
from tui import keymap
from tui.keymap import JUMP_KEYS
from tui.screens import texts
from tui.screens.base import BaseScreen, focus_now
from tui.screens.outline import outline
from tui.widgets.plain import plain
from tui.widgets.wrap import hanging_lines, wrap


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
        return list(todo(store))  # all of them: the panel scrolls
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
            with Vertical(id="home-side"):
                yield Static("", id="organisation", markup=False)
                yield Static("", id="actions-title", classes="section-title", markup=False)
                yield OptionList(id="actions")
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
        # (Tab): the key that goes there, the same in every language
        self.query_one("#actions-title", Static).update(f"{texts.ACTIONS(self.lang)} (Tab)")
        if self.store is None or self.tz.loading:
            self.say_in_actions(texts.LOADING(self.lang))
            return
        if again:
            if self.tz.big:  # a big store: the rules take seconds, so they run aside
                if self.items is UNREAD:
                    self.say_in_actions(texts.LOADING(self.lang))
                self.run_worker(self.read_items, thread=True, exclusive=True, group="todo")
                return
            self.items = plan_items(self.store)
        items = self.items
        if items is None:
            self.say_in_actions(texts.ACTIONS_LATER(self.lang))
        elif not items:
            self.say_in_actions(texts.ACTIONS_NONE(self.lang))
        else:
            self.fill_actions([self.action_lines(item) for item in items])

    def action_lines(self, item: Any) -> str:
        """An item of the 待辦 as it is shown: its mark, then its words wrapped to the panel
        by the rules of Chinese typesetting (tui.widgets.wrap), later lines indented."""
        mark = "!" if getattr(item, "severity", "") == "alert" else "·"
        text = visible(action_text(item, self.lang), lines=False)
        return "\n".join(hanging_lines(f"{mark} {text}", self.side_width(), "  "))

    def say_in_actions(self, text: str) -> None:
        self.fill_actions(["\n".join(wrap(text, self.side_width()))], enabled=False)

    def fill_actions(self, lines: list[str], *, enabled: bool = True) -> None:
        panel = self.query_one("#actions", OptionList)
        highlighted = panel.highlighted
        panel.clear_options()
        panel.add_options([Option(plain(text, lines=True), id=str(n), disabled=not enabled)
                           for n, text in enumerate(lines)])
        if enabled and lines:
            panel.highlighted = min(highlighted or 0, len(lines) - 1)

    def on_resize(self, event: Any) -> None:
        if isinstance(self.items, list):  # the items wrapped again to the panel's new width
            self.call_after_refresh(lambda: self.show_actions(again=False))

    def read_items(self) -> None:
        items = plan_items(self.store)

        def arrived() -> None:
            self.items = items
            self.show_actions(again=False)

        self.app.call_from_thread(arrived)

    def side_width(self) -> int:
        """Columns an item's line may take: the panel's, less its scrollbar's column."""
        side = self.query_one("#actions", OptionList)
        return max(16, (side.size.width or (self.app.size.width - 52)) - 1)

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
        if event.option_list.id == "actions":
            self.open_item(int(event.option.id or 0))
            return
        self.jump(int(event.option.id or 0))

    def action_open(self) -> None:
        highlighted = self.query_one("#registers", OptionList).highlighted
        if highlighted is not None:
            self.jump(highlighted)

    def action_switch_side(self) -> None:
        if self.focused is self.query_one("#actions", OptionList):
            self.action_to_registers()
        else:
            self.action_to_actions()

    def action_to_actions(self) -> None:
        focus_now(self.query_one("#actions", OptionList))

    def action_to_registers(self) -> None:
        focus_now(self.query_one("#registers", OptionList))

    def open_item(self, n: int) -> None:
        """Open what an item of the 待辦 is about: its one record; its records, the
        register narrowed to them; the meetings to hold; the targets; the backup."""
        items = self.items if isinstance(self.items, list) else []
        if not 0 <= n < len(items) or self.store is None:
            return
        item = items[n]
        kind = getattr(item, "kind", "")
        if kind == "backup":
            self.tz.action_backup_folder()
            return
        if kind == "target":
            self.tz.action_show_targets()
            return
        if kind == "meeting_due":
            branches = [rid for e in getattr(item, "records", []) for rid in e.ids]
            self.tz.open_register("meetings", branch=branches[0] if len(branches) == 1 else None)
            return
        from tui.screens.targets import Titled, evidence_groups

        groups = evidence_groups(self.store, [(texts.ACTIONS, e) for e in getattr(item, "records", [])])
        if len(groups) == 1 and len(groups[0][2]) == 1:
            self.tz.open_record(groups[0][2][0])
        elif groups:
            _, slug, ids = groups[0]
            self.tz.open_register(slug, only=[rid for g in groups if g[1] == slug for rid in g[2]],
                                  title=Titled(lambda lang: action_text(item, lang)))

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

    def action_show_stats(self) -> None:
        from tui.screens.stats import StatsScreen

        if self.store is not None:
            self.app.push_screen(StatsScreen())

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
