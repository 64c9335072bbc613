"""The plan's targets for a year (storage.plan.targets): the total, or one branch's, each
with its figure, its status as a mark that reads on sixteen colours and in ASCII, and the
records behind it, opened with Enter (the register's own screen, narrowed to them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.style import Style
from textual.app import ComposeResult
from textual.widgets import Static

from storage import clock
from storage.i18n import Text
from tui import keymap
from tui.screens import plan_texts as P
from tui.screens.base import BaseScreen, ListChoice, focus_now
from tui.widgets.table import Column, VirtualTable
from tui.widgets.wrap import wrap

#: A status as a mark: (unicode, ASCII). The words are beside it; the colour only helps.
TARGET_MARKS = {
    "met": ("✓", "ok"), "on_track": ("·", ".."), "behind": ("!", "!"), "missed": ("✗", "NO"),
    "no_data": ("?", "?"), "no_goal": ("-", "-"),
}
BAD = Style(color="red")
WEAK = Style(dim=True)
TARGET_STYLES = {"missed": BAD, "no_data": WEAK, "no_goal": WEAK}


def mark(marks: dict[str, tuple[str, str]], status: str, ascii_only: bool) -> str:
    pair = marks.get(status, ("?", "?"))
    return pair[1] if ascii_only else pair[0]


def status_width(words: dict[str, Text], lang: str) -> int:
    """The status column: as wide as its longest word in this language (8 in Chinese)."""
    from storage.text import width

    return max(width(w(lang)) for w in words.values())


# -- the records behind a figure ----------------------------------------------------------------


class Titled:
    """A screen title worded when shown (the register screen calls it with the language)."""

    def __init__(self, say: Callable[[str], str]) -> None:
        self.say = say

    def __call__(self, lang: str) -> str:
        return self.say(lang)


def evidence_groups(store: Any, found: list[tuple[Text, Any]]) -> list[tuple[Text, str, list[str]]]:
    """(what, register, ids) of each non-empty group of evidence, live records only."""
    out = []
    for what, item in found:
        table = store.table(item.register)
        ids = [rid for rid in item.ids if rid in table and not table[rid].get("_d")]
        if ids:
            out.append((what, item.register, ids))
    return out


def open_evidence(screen: Any, heading: Callable[[str], str], found: list[tuple[Text, Any]]) -> None:
    """Open the records behind a figure: the register's screen narrowed to them; a choice
    first when they are of several registers (or counted and short)."""
    tz = screen.tz
    groups = evidence_groups(tz.store, found)
    if not groups:
        screen.notify(P.NO_EVIDENCE(tz.lang))
        return

    def show(group: tuple[Text, str, list[str]]) -> None:
        what, slug, ids = group
        title = Titled(lambda lang: P.EVIDENCE_TITLE(lang, title=heading(lang), what=what(lang)))
        tz.open_register(slug, title=title, only=ids)

    if len(groups) == 1:
        show(groups[0])
        return

    def chosen(n: int | None) -> None:
        if n is not None:
            show(groups[n])

    screen.app.push_screen(EvidenceChooser(groups), chosen)


class EvidenceChooser(ListChoice):
    """Which records to open: 計入 or 未達, of this register or that."""

    SCOPE = "choose"
    BINDINGS = keymap.bindings("choose")

    def __init__(self, groups: list[tuple[Text, str, list[str]]]) -> None:
        super().__init__()
        self.groups = groups

    def relabel(self) -> None:
        from storage import catalogue

        lang, lines = self.lang, []
        for n, (what, slug, ids) in enumerate(self.groups):
            reg = catalogue.get(slug)
            title = reg.title(lang) if reg is not None else slug
            lines.append((str(n), P.EVIDENCE_GROUP(lang, what=what(lang), title=title, n=len(ids))))
        self.fill(P.WHICH_RECORDS(lang), lines)

    def chosen(self, key: str) -> int:
        return int(key or 0)


# -- the screen ------------------------------------------------------------------------------------


class TargetsScreen(BaseScreen):
    SCOPE = "targets"
    BINDINGS = keymap.bindings("targets")

    def __init__(self, *, year: int | None = None, branch: str | None = None) -> None:
        super().__init__()
        self.year = year or clock.today().year
        self.branch = branch
        self.report: Any = None
        self.stale = False

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield Static("", id="targets-head", classes="plan-head", markup=False)
        yield VirtualTable([], self.cells, id="targets-table")
        yield Static("", id="targets-detail", classes="plan-detail", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        focus_now(self.query_one(VirtualTable))
        self.call_after_refresh(self.compute)  # once the table has its height (the first rows fit)

    # -- the report ---------------------------------------------------------------------

    def compute(self) -> None:
        """The year's targets: at once on a small store, in a thread on a big one (they
        read every member's dues: seconds at 100,000 members)."""
        if self.tz.big and self.tz.loading:  # the big registers first, read by the app in turn
            self.set_timer(0.2, self.compute)
            return
        if self.tz.big:
            if self.report is not None:  # the last figures stay (and the cursor on its row) until then
                self.query_one("#targets-head", Static).update(P.COMPUTING(self.lang))
            self.run_worker(self._compute_aside, thread=True, exclusive=True, group="targets")
        else:
            self.arrived(self.read_report())

    def read_report(self) -> Any:
        from storage.plan.targets import targets

        return targets(self.store, self.year)

    def _compute_aside(self) -> None:
        report = self.read_report()
        self.app.call_from_thread(self.arrived, report)

    def arrived(self, report: Any) -> None:
        if report.year != self.year:
            return  # an older year's, overtaken by a key
        self.report = report
        self.show()

    def store_changed(self, touched: set[str]) -> None:
        if self.app.screen is self:
            self.compute()
        else:
            self.stale = True  # a save on a record opened from here: counted again on return

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            self.compute()

    def shown(self) -> list[Any]:
        if self.report is None:
            return []
        if self.branch:
            return self.report.branches.get(self.branch, [])
        return self.report.total

    def target(self, code: str) -> Any:
        for target in self.shown():
            if target.code == code:
                return target
        return None

    # -- drawing ---------------------------------------------------------------------------

    def relabel(self) -> None:
        lang = self.lang
        self.set_title(P.TARGETS_TITLE(lang))
        from storage.plan.targets import STATUS

        wide = status_width(STATUS, lang)
        self.query_one(VirtualTable).set_columns([
            Column("mark", "", 2),
            Column("title", P.TARGET(lang), 28),
            Column("figure", P.FIGURE(lang), 13),
            Column("status", P.STATUS(lang), wide),
            Column("notes", P.NOTES(lang), 29 - wide),
        ])
        self.show()

    def show(self) -> None:
        lang = self.lang
        head = self.query_one("#targets-head", Static)
        table = self.query_one(VirtualTable)
        where = self.store.name_of("branches", self.branch) if self.branch else P.ALL_TOTAL(lang)
        if self.report is None:
            head.update(f"{self.year} · {where} · {P.COMPUTING(lang)}")
            table.set_rows([])
            self.query_one("#targets-detail", Static).update("")
            return
        head.update(P.TARGETS_HEAD(lang, year=self.report.year, where=where, as_of=self.report.as_of.isoformat()))
        found = self.shown()
        table.marks = {t.code: TARGET_STYLES[t.status] for t in found if t.status in TARGET_STYLES}
        table.set_rows([t.code for t in found])
        table.refresh_rows()
        self.show_detail()

    def cells(self, code: str) -> list[str]:
        from storage.plan.targets import STATUS

        target = self.target(code)
        if target is None:
            return []
        lang = self.lang
        sep = "; " if lang == "en" else ";"
        return [mark(TARGET_MARKS, target.status, self.tz.ascii), target.title(lang), target.figure_text(lang),
                STATUS[target.status](lang), sep.join(n(lang) for n in target.notes)]

    def show_detail(self) -> None:
        from storage import catalogue
        from storage.plan.targets import STATUS

        lang = self.lang
        panel = self.query_one("#targets-detail", Static)
        target = self.target(self.query_one(VirtualTable).current or "")
        if target is None:
            panel.update("")
            return
        columns = max(20, (self.app.size.width or 80) - 4)
        status = STATUS[target.status](lang)
        said = (f"{target.title(lang)}: {target.figure_text(lang)} ({status})" if lang == "en" else
                f"{target.title(lang)}:{target.figure_text(lang)}({status})")
        lines = wrap(said, columns)
        for note in target.notes:
            lines += wrap("  " + note(lang), columns)
        groups = []
        for what, found in ((P.COUNTED, target.counted), (P.LACKING, target.lacking)):
            for item in found:
                if item.ids:
                    reg = catalogue.get(item.register)
                    title = reg.title(lang) if reg is not None else item.register
                    groups.append(P.EVIDENCE_GROUP(lang, what=what(lang), title=title, n=len(item.ids)))
        if groups:
            lines += wrap(("; " if lang == "en" else ";").join(groups) + " · " + P.ENTER_OPENS(lang), columns)
        panel.update("\n".join(lines[:4]))

    def on_virtual_table_moved(self, event: VirtualTable.Moved) -> None:
        self.show_detail()

    # -- keys ------------------------------------------------------------------------------------

    def action_open(self) -> None:
        target = self.target(self.query_one(VirtualTable).current or "")
        if target is None:
            return
        found = [(P.COUNTED, e) for e in target.counted] + [(P.LACKING, e) for e in target.lacking]
        open_evidence(self, target.title, found)

    def action_branch(self) -> None:
        from tui.screens.picker import PickerScreen

        def chosen(value: tuple[str, str] | None) -> None:
            if value is None:
                return
            self.branch = value[0] or None
            self.show()

        self.app.push_screen(PickerScreen("branches", allow_all=True), chosen)

    def action_year(self, delta: int) -> None:
        self.year += delta
        self.compute()

    def action_back(self) -> None:
        self.app.pop_screen()
