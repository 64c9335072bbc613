"""The 五好 checklist (storage.plan.checklist): the items grouped as the plan groups them
(五好 (一)–(五), 四欄三室二牌一基地, 一卡二表三簿十冊) and the three phases, each with its
status and note. A hand item is ticked with t (a small form: status, note, evidence,
who); a judged item shows why, and Enter opens the records it was judged from."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

from storage import clock
from tui import keymap
from tui.screens import plan_texts as P
from tui.screens.base import BaseModal, BaseScreen, focus_now
from tui.screens.targets import BAD, WEAK, Titled, mark, open_evidence, status_width
from tui.widgets.fields import ChoiceField, FieldRow, TextField
from tui.widgets.table import Column, VirtualTable
from tui.widgets.wrap import wrap

CHECK_MARKS = {"done": ("✓", "[x]"), "partly": ("~", "[~]"), "not_done": ("✗", "[ ]"), "unknown": ("?", "[?]")}
#: Beside the mark of an item ticked by hand (the CLI's ✎).
HAND_MARK = ("✎", "*")
CHECK_STYLES = {"not_done": BAD, "unknown": WEAK}
SECTION_STYLE = Style(bold=True)
SECTION = "§"
PHASE = "phase:"


class ChecklistScreen(BaseScreen):
    SCOPE = "checklist"
    BINDINGS = keymap.bindings("checklist")

    def __init__(self, *, year: int | None = None) -> None:
        super().__init__()
        self.year = year or clock.today().year
        self.found: Any = None
        self.stale = False

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield Static("", id="checklist-head", classes="plan-head", markup=False)
        yield VirtualTable([], self.cells, id="checklist-table")
        yield Static("", id="checklist-detail", classes="plan-detail", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        focus_now(self.query_one(VirtualTable))
        self.call_after_refresh(self.compute)  # once the table has its height (the first rows fit)

    # -- the checklist ----------------------------------------------------------------------

    def compute(self) -> None:
        """Judged from the year's targets: at once on a small store, in a thread on a big one."""
        if self.tz.big and self.tz.loading:  # the big registers first, read by the app in turn
            self.set_timer(0.2, self.compute)
            return
        if self.tz.big:
            if self.found is not None:  # the last figures stay (and the cursor on its row) until then
                self.query_one("#checklist-head", Static).update(P.COMPUTING(self.lang))
            self.run_worker(self._compute_aside, thread=True, exclusive=True, group="checklist")
        else:
            self.arrived(self.read())

    def read(self) -> Any:
        from storage.plan.checklist import checklist
        from storage.plan.targets import targets

        return checklist(self.store, self.year, targets(self.store, self.year))

    def _compute_aside(self) -> None:
        found = self.read()
        self.app.call_from_thread(self.arrived, found)

    def arrived(self, found: Any) -> None:
        if found.year != self.year:
            return
        self.found = found
        self.show()

    def store_changed(self, touched: set[str]) -> None:
        if self.app.screen is self:
            self.compute()
        else:
            self.stale = True

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            self.compute()

    def rows(self) -> list[str]:
        """Section headings, the items under them, then the phases."""
        if self.found is None:
            return []
        out: list[str] = []
        section = None
        for item in self.found.items:
            if item.section != section:
                section = item.section
                out.append(SECTION + section)
            out.append(item.code)
        out.append(SECTION + "phases")
        out += [PHASE + p.code for p in self.found.phases]
        return out

    def item(self, key: str) -> Any:
        if self.found is None or key.startswith(SECTION):
            return None
        if key.startswith(PHASE):
            return next((p for p in self.found.phases if PHASE + p.code == key), None)
        try:
            return self.found.get(key)
        except KeyError:
            return None

    # -- drawing ----------------------------------------------------------------------------------

    def relabel(self) -> None:
        lang = self.lang
        self.set_title(P.CHECKLIST_TITLE(lang))
        from storage.plan.checklist import CHECK_STATUS

        wide = status_width(CHECK_STATUS, lang)
        self.query_one(VirtualTable).set_columns([
            Column("mark", "", 4),
            Column("item", P.ITEM(lang), 33),
            Column("status", P.STATUS(lang), wide),
            Column("note", P.NOTES(lang), 37 - wide),
        ])
        self.show()

    def show(self) -> None:
        lang = self.lang
        head = self.query_one("#checklist-head", Static)
        table = self.query_one(VirtualTable)
        if self.found is None:
            head.update(f"{self.year} · {P.COMPUTING(lang)}")
            table.set_rows([])
            self.query_one("#checklist-detail", Static).update("")
            return
        head.update(P.CHECKLIST_HEAD(lang, year=self.found.year, **self.found.counts()))
        rows = self.rows()
        marks = {}
        for key in rows:
            found = self.item(key)
            if key.startswith(SECTION):
                marks[key] = SECTION_STYLE
            elif found is not None and found.status in CHECK_STYLES:
                marks[key] = CHECK_STYLES[found.status]
        table.marks = marks
        table.set_rows(rows)
        table.refresh_rows()
        if (table.current or "").startswith(SECTION):
            table.move_to(table.cursor + 1)  # the first item, not its heading
        self.show_detail()

    def cells(self, key: str) -> list[str]:
        from storage.plan.checklist import CHECK_STATUS, PHASE_STATE
        from storage.plan.items import SECTIONS

        lang = self.lang
        if key.startswith(SECTION):
            name = key[len(SECTION):]
            return ["", P.PHASES(lang) if name == "phases" else SECTIONS[name](lang), "", ""]
        found = self.item(key)
        if found is None:
            return []
        sep = "; " if lang == "en" else ";"
        if key.startswith(PHASE):
            dates = P.PHASE_DATES(lang, start=found.start.isoformat(), end=found.end.isoformat(),
                                  state=PHASE_STATE[found.state](lang))
            return [mark(CHECK_MARKS, found.status, self.tz.ascii), found.title(lang),
                    CHECK_STATUS[found.status](lang), sep.join([dates] + [n(lang) for n in found.notes])]
        hand = "" if found.judged else HAND_MARK[1] if self.tz.ascii else " " + HAND_MARK[0]
        return [mark(CHECK_MARKS, found.status, self.tz.ascii) + hand, found.title(lang),
                CHECK_STATUS[found.status](lang), found.note(lang)]

    def show_detail(self) -> None:
        lang = self.lang
        panel = self.query_one("#checklist-detail", Static)
        key = self.query_one(VirtualTable).current or ""
        found = self.item(key)
        if found is None:
            panel.update("")
            return
        columns = max(20, (self.app.size.width or 80) - 4)
        if key.startswith(PHASE):
            how = P.JUDGED(lang)
        else:
            how = P.JUDGED(lang) if found.judged else P.BY_HAND(lang)
        code = "" if key.startswith(PHASE) else f"{found.code} "
        lines = wrap(f"{code}{found.title(lang)} · {how}", columns)
        from storage.plan.items import plan_words

        words = plan_words(found.plan, lang)
        if words and found.plan != found.title.hant:
            lines += wrap(words, columns)[:2]
        groups = [e for e in found.evidence if e.ids]
        if groups:
            count = sum(len(e.ids) for e in groups)
            lines += wrap(f"{P.EVIDENCE(lang)} {count} · {P.ENTER_OPENS(lang)}", columns)
        panel.update("\n".join(lines[:5]))

    def on_virtual_table_moved(self, event: VirtualTable.Moved) -> None:
        # Headings are read, not chosen: the cursor steps over them the way it was going.
        table = self.query_one(VirtualTable)
        rows, at = table.rows, table.cursor
        if at < len(rows) and rows[at].startswith(SECTION):
            step = 1 if at >= getattr(self, "last_cursor", 0) else -1
            for target in (at + step, at - step):
                if 0 <= target < len(rows) and not rows[target].startswith(SECTION):
                    self.last_cursor = target
                    table.move_to(target)
                    return
        self.last_cursor = at
        self.show_detail()

    # -- keys ---------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tick" and self.tz.readonly:
            return False
        return True

    def action_open(self) -> None:
        key = self.query_one(VirtualTable).current or ""
        found = self.item(key)
        if found is None:
            return
        open_evidence(self, Titled(found.title), [(P.EVIDENCE, e) for e in found.evidence])

    def action_tick(self) -> None:
        key = self.query_one(VirtualTable).current or ""
        found = self.item(key)
        if found is None or key.startswith(PHASE) or found.judged:
            if found is not None:
                self.notify(P.CANNOT_TICK(self.lang))
            return

        def saved(done: bool | None) -> None:
            if done:
                self.compute()
                focus_now(self.query_one(VirtualTable))

        self.app.push_screen(TickForm(found.code, found.title, found.tick), saved)

    def action_year(self, delta: int) -> None:
        self.year += delta
        self.compute()

    def action_back(self) -> None:
        self.app.pop_screen()


class TickForm(BaseModal):
    """A hand item's tick: its status, a note, where the evidence is, who checked. Saved
    through storage.plan.checklist.tick (one record of the checklist register per item)."""

    SCOPE = "form"
    BINDINGS = keymap.bindings("form")

    def __init__(self, code: str, title: Any, tick: Any) -> None:
        super().__init__()
        self.code = code
        self.item_title = title
        self.tick = dict(tick or {})

    def compose(self) -> ComposeResult:
        from storage import catalogue

        reg = catalogue.get("checklist")
        assert reg is not None
        self.reg = reg
        lang = self.lang
        options = self.status_options(lang)
        with Vertical(id="tick", classes="dialog"):
            yield Static("", id="tick-title", markup=False)
            yield Static("", id="tick-error", markup=False)
            yield FieldRow("status", reg.label("status", lang), True,
                           ChoiceField("status", self.tick.get("status") or "done", options, "", True))
            for name in ("note", "evidence", "checked_by"):
                yield FieldRow(name, reg.label(name, lang), False, TextField(name, self.tick.get(name)))
            yield Static("", id="tick-note", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        focus_now(self.query_one("#field-note"))

    def status_options(self, lang: str) -> list[tuple[str, str]]:
        """The statuses a tick may take, as the choice field lists them: (words, code)."""
        choices = self.reg.fields["status"].choices
        assert choices is not None  # the checklist register's status is a choice field
        return [(text(lang), code) for code, text in choices.options.items()]

    def relabel(self) -> None:
        lang = self.lang
        self.query_one("#tick-title", Static).update(P.TICK_TITLE(lang, code=self.code, title=self.item_title(lang)))
        self.query_one("#tick-note", Static).update(P.TICK_NOTE(lang))
        for row in self.query(FieldRow):
            row.set_label(self.reg.label(row.field_name, lang))
        status = self.query_one("#field-status", ChoiceField)
        if getattr(self, "labelled", lang) != lang:  # the statuses' words, the choice kept
            chosen = status.get_value()
            status.set_options(self.status_options(lang))
            if chosen is not None:
                status.value = chosen
        self.labelled = lang

    def value(self, name: str) -> str | None:
        text = self.query_one(f"#field-{name}", TextField).get_value()
        if text:
            return text
        return "" if self.tick.get(name) else None  # cleared: say so; never given: leave it

    def action_save(self) -> None:
        self.after_typing(self.save)

    def save(self) -> None:
        from storage.messages import StoreError, ValidationFailed
        from storage.plan.checklist import CHECK_STATUS, tick

        lang = self.lang
        status = self.query_one("#field-status", ChoiceField).get_value() or "done"
        try:
            tick(self.tz.store, self.code, status=status, note=self.value("note"), evidence=self.value("evidence"),
                 by=self.value("checked_by"))
        except ValidationFailed as failure:
            self.show_error(" ".join(failure.messages(lang)))
            return
        except StoreError as error:
            self.show_error(error.message(lang))
            return
        self.notify(P.TICKED(lang, title=self.item_title(lang), status=CHECK_STATUS[status](lang)), timeout=3)
        self.dismiss(True)

    def show_error(self, message: str) -> None:
        bar = self.query_one("#tick-error", Static)
        bar.update(message)
        bar.display = bool(message)

    def action_back(self) -> None:
        self.dismiss(False)
