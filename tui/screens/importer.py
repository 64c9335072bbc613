"""i on a register: import a roster from .xlsx or .csv through storage.tables, as
``taizhang import`` does. The file is named on one line; then the header mapping is shown
(each column → the field it becomes, or why it is left out) to be confirmed; then every
row is checked, saving nothing: the good count and each failing row with its reasons.
Then import all (only when every row is right), only the good rows, or cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static

from storage.text import visible
from tui import keymap
from tui.screens import plan_texts as P
from tui.screens.base import BaseScreen, ListChoice, focus_now
from tui.widgets.table import Column, VirtualTable
from tui.widgets.wrap import wrap

#: Columns for a failing row's reasons at 80 (row number and name take the rest).
PROBLEM_WIDTH = 62


def import_into(screen: Any) -> None:
    """Ask for the file, read how it would be imported, and show that for confirmation."""
    from tui.screens.ask import AskScreen

    tz = screen.tz
    lang = tz.lang
    folder = getattr(tz, "import_folder", None) or Path.home()
    start = str(folder).rstrip("/") + "/"

    def answered(text: str | None) -> None:
        if text and text.strip():
            plan_for(screen, Path(text.strip()).expanduser())

    screen.app.push_screen(AskScreen(P.IMPORT_FROM(lang, title=screen.place_title(lang)), start), answered)


def plan_for(screen: Any, path: Path) -> None:
    from storage.messages import StoreError
    from storage.tables import plan_import

    tz = screen.tz
    if not path.is_file():
        screen.notify(P.NO_FILE(tz.lang, path=str(path)), severity="error", timeout=8)
        return
    tz.import_folder = path.parent
    try:
        plan = plan_import(tz.store, screen.reg.slug, path, branch=screen.branch)
    except StoreError as error:
        screen.notify(error.message(tz.lang), severity="error", timeout=12)
        return
    except OSError as error:
        from storage.i18n import os_reason

        screen.notify(f"{path}: {os_reason(error)(tz.lang)}", severity="error", timeout=8)
        return
    screen.app.push_screen(ImportScreen(plan, title=screen.place_title, branch=screen.branch))


#: What a column mapped to nothing is called in ``plan_import``'s maps.
LEFT_OUT = "-"


class FieldChooser(ListChoice):
    """What one column of the file becomes: a field of the register, or nothing."""

    SCOPE = "mapfield"
    BINDINGS = keymap.bindings("mapfield")

    def __init__(self, reg: Any, n: int, header: str, current: str | None) -> None:
        super().__init__()
        self.reg, self.n, self.header, self.current = reg, n, header, current

    def relabel(self) -> None:
        lang, names = self.lang, list(self.reg.fields)
        lines = [(LEFT_OUT, P.NOT_IMPORTED(lang))] + [(name, self.reg.label(name, lang)) for name in names]
        start = names.index(self.current) + 1 if self.current in names else 0
        self.fill(P.MAP_COLUMN(lang, n=self.n, header=visible(self.header, lines=False)), lines, start)

    def chosen(self, key: str) -> str:
        return key or LEFT_OUT


class ImportScreen(BaseScreen):
    SCOPE = "import"
    BINDINGS = keymap.bindings("import")

    def __init__(self, plan: Any, *, title: Any = None, branch: str | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.branch = branch
        self.maps: dict[str, str] = {}  # header → field (or LEFT_OUT), as chosen here with m
        self.place_title = title or plan.register.title
        self.stage = "mapping"  # then "checking", "checked"
        self.failures: list[Any] = []
        self.lines: list[tuple[str, str, str]] = []  # (row, name, text) shown once checked

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield Static("", id="import-head", classes="plan-head", markup=False)
        yield VirtualTable([], self.cells, id="import-table")
        yield Static("", id="import-hint", classes="plan-detail", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        focus_now(self.query_one(VirtualTable))

    @property
    def good(self) -> int:
        return len(self.plan.rows) - len(self.failures)

    # -- drawing ----------------------------------------------------------------------------

    def relabel(self) -> None:
        self.set_title(P.IMPORT_TITLE(self.lang, title=self.place_title(self.lang)))
        if self.stage == "checked":
            self.checked(self.failures)  # the reasons again, in this language
        else:
            self.show()

    def show(self) -> None:
        lang, plan = self.lang, self.plan
        columns_wide = max(20, (self.app.size.width or 80) - 4)
        head = P.HEADER_AT(lang, file=visible(plan.path.name, lines=False), row=plan.header_line, rows=len(plan.rows))
        if plan.skipped:
            head += " " + P.SKIPPED(lang, rows="、".join(str(r) for r in plan.skipped))
        self.query_one("#import-head", Static).update("\n".join(wrap(head, columns_wide)[:2]))
        table = self.query_one(VirtualTable)
        if self.stage == "mapping":
            table.set_columns([Column("n", P.COLUMN(lang), 4, right=True), Column("header", P.HEADER(lang), 24),
                               Column("field", P.BECOMES(lang), 46)])
            table.set_rows([str(i) for i in range(len(plan.columns))])
            hint = P.CONFIRM_MAPPING(lang) if plan.rows else P.NO_ROWS(lang)
        else:
            table.set_columns([Column("row", P.ROW(lang), 4, right=True), Column("name", P.NAME(lang), 10),
                               Column("text", P.PROBLEM(lang), PROBLEM_WIDTH)])
            table.set_rows([str(i) for i in range(len(self.lines))])
            if self.stage == "checking":
                hint = P.CHECKING(lang)
            elif not self.failures:
                hint = P.ALL_GOOD(lang, n=len(plan.rows))
            elif self.good:
                hint = P.SOME_BAD(lang, good=self.good, bad=len(self.failures))
            else:
                hint = P.NONE_GOOD(lang, bad=len(self.failures))
        table.refresh_rows()
        self.query_one("#import-hint", Static).update("\n".join(wrap(hint, columns_wide)[:3]))
        self.refresh_bindings()

    def cells(self, key: str) -> list[str]:
        lang, reg = self.lang, self.plan.register
        i = int(key)
        if self.stage == "mapping":
            column = self.plan.columns[i]
            if column.field:
                shown = reg.label(column.field, lang)
            else:
                shown = {"unknown": P.UNKNOWN, "duplicate": P.DUPLICATE}.get(column.how, P.NOT_IMPORTED)(lang)
            return [str(column.index + 1), column.header, shown]
        if i >= len(self.lines):
            return []
        return list(self.lines[i])

    def checked(self, failures: list[Any]) -> None:
        """The rows that failed, one line per reason; then the notes on rows read."""
        lang, reg = self.lang, self.plan.register
        self.failures = failures
        lines: list[tuple[str, str, str]] = []
        wide = PROBLEM_WIDTH - 2  # wrap lets closing punctuation hang two columns past
        for failure in failures:
            texts = [part for message in failure.messages(reg, lang) for part in wrap(message, wide)]
            for n, text in enumerate(texts):  # every reason in full, over as many lines as it takes
                lines.append((str(failure.line) if n == 0 else "", failure.name if n == 0 else "", text))
        for row in self.plan.rows:
            for note in row.notes:
                for n, text in enumerate(wrap(note, wide)):
                    lines.append((str(row.line) if n == 0 else "", P.ROW_NOTE(lang) if n == 0 else "", text))
        self.lines = lines
        self.stage = "checked"
        self.show()

    # -- keys ----------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "map":
            return self.stage == "mapping" and bool(self.plan.columns)
        if action == "check":
            return self.stage == "mapping" and bool(self.plan.rows)
        if action == "import_all":
            return self.stage == "checked" and not self.failures and bool(self.plan.rows)
        if action == "import_good":
            return self.stage == "checked" and bool(self.failures) and self.good > 0
        return True

    def action_map(self) -> None:
        """Choose what the highlighted column becomes; the plan is read again with that."""
        if not self.check_action("map", ()):
            return
        table = self.query_one(VirtualTable)
        column = self.plan.columns[table.cursor]

        def chosen(field: str | None) -> None:
            if field is None or field == (column.field or LEFT_OUT):
                return
            maps = dict(self.maps)
            maps[column.header] = field
            if field != LEFT_OUT:  # a field has one column: the one that had it lets it go
                for other in self.plan.columns:
                    if other.field == field and other.header != column.header:
                        maps[other.header] = LEFT_OUT
            self.remap(maps, keep=str(table.cursor))

        self.app.push_screen(FieldChooser(self.plan.register, column.index + 1, column.header, column.field), chosen)

    def remap(self, maps: dict[str, str], keep: str) -> None:
        from storage.messages import StoreError
        from storage.tables import plan_import

        try:
            plan = plan_import(self.store, self.plan.register.slug, self.plan.path, maps=maps, branch=self.branch)
        except StoreError as error:
            self.notify(error.message(self.lang), severity="error", timeout=10)
            return
        self.plan, self.maps = plan, maps
        self.show()
        self.query_one(VirtualTable).set_rows([str(i) for i in range(len(plan.columns))], keep=keep)

    def action_check(self) -> None:
        if self.stage != "mapping" or not self.plan.rows:
            return
        self.stage = "checking"
        self.show()
        # Said first, then done: a long roster takes a moment (in this thread, as the
        # store's tables are read and written here, never two threads at once).
        self.call_after_refresh(lambda: self.checked(self.check()))

    def check(self) -> list[Any]:
        from storage.tables import check_import

        return check_import(self.store, self.plan)

    def action_import_all(self) -> None:
        if self.check_action("import_all", ()):
            self.run_import(only_good=False)

    def action_import_good(self) -> None:
        if self.check_action("import_good", ()):
            self.run_import(only_good=True)

    def run_import(self, *, only_good: bool) -> None:
        from storage.messages import StoreError
        from storage.tables import ImportRefused, run_import

        lang, reg = self.lang, self.plan.register
        try:
            result = run_import(self.store, self.plan, only_good=only_good)
        except ImportRefused as refused:  # a row went wrong since the check (another save)
            self.checked(refused.failures)
            self.notify(refused.message(lang), severity="error", timeout=10)
            return
        except StoreError as error:
            self.notify(error.message(lang), severity="error", timeout=10)
            return
        message = P.IMPORTED(lang, n=len(result.ids), title=reg.title(lang))
        if result.failures:
            message += " " + P.LEFT_OUT(lang, n=len(result.failures))
        self.notify(message, timeout=8)
        self.dismiss(result.ids)

    def action_back(self) -> None:
        self.dismiss(None)
