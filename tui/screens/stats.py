"""黨內統計 on the screen: the figures beside the year before, and charts drawn in the
terminal with Rich's own bars (rich.bar.Bar, already loaded with Textual: nothing to add
to the app's start) — the age pyramid (men left, women right), members per branch, dues
collected by month against the standard, and a strip of months × meeting types. Each
chart's figures are one key (t) away as a table. Colours are of the sixteen, and every
figure is also written as a number beside its bar, so nothing rests on colour alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.bar import Bar
from rich.table import Table
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from storage import clock
from storage.i18n import EN, Text
from tui import keymap
from tui.screens.base import BaseScreen, focus_now

T = Text
TITLE = T("黨內統計", "党内统计", "Party statistics")
HEAD = T("{name} · 截至 {on}(上年同期 {before})", "{name} · 截至 {on}(上年同期 {before})",
         "{name} · as of {on} (a year before: {before})")
COMPUTING = T("正在統計…", "正在统计…", "Counting…")
VIEWS: dict[str, Text] = {
    "figures": T("各項數字", "各项数字", "Figures"),
    "pyramid": T("年齡結構(男 | 女)", "年龄结构(男 | 女)", "Age pyramid (men | women)"),
    "branches": T("各支部黨員人數(上年)", "各支部党员人数(上年)", "Members per branch (year before)"),
    "dues": T("黨費按月:實收/應收(元)", "党费按月:实收/应收(元)", "Dues by month: collected / standard (yuan)"),
    "meetings": T("會議:● 已開 × 到期未開 · 無", "会议:● 已开 × 到期未开 · 无",
                  "Meetings: ● held  × due, not held  · none"),
}
TABLE_MARK = T("(表格)", "(表格)", "(table)")
COLUMNS: dict[str, tuple[Text, ...]] = {
    "figures": (T("項目", "项目", "Figure"), T("人數", "人数", "Count"), T("佔比%", "占比%", "Share %"),
                T("上年", "上年", "Before"), T("增減", "增减", "Change")),
    "pyramid": (T("年齡", "年龄", "Age"), T("男", "男", "Men"), T("女", "女", "Women")),
    "branches": (T("支部", "支部", "Branch"), T("黨員", "党员", "Members"), T("上年", "上年", "Before")),
    "dues": (T("月份", "月份", "Month"), T("實收", "实收", "Collected"), T("應收", "应收", "Standard"),
             T("應交人數", "应交人数", "Members")),
    "meetings": (T("類型", "类型", "Type"),),
}
UNKNOWN_LINE = T("{field}不詳 {n} 人:{names}", "{field}不详 {n} 人:{names}", "{field} unknown for {n}: {names}")

MEN, WOMEN, COLLECTED, SHORT, STANDARD = "blue", "magenta", "green", "red", "yellow"


def _n(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _change(value: Any) -> str:
    if not value:
        return "" if value is None else "0"
    return f"+{value}" if value > 0 else str(value)


def _grid(*widths: int | None) -> Table:
    grid = Table.grid(padding=(0, 1))
    for width in widths:
        grid.add_column(width=width, no_wrap=True)
    return grid


def figures_rows(data: dict[str, Any]) -> list[list[str]]:
    rows = []
    for f in data["figures"]:
        label = f["label"] if f["label"] == f["section_label"] else f"{f['section_label']}·{f['label']}"
        rows.append([label, _n(f["count"]), _n(f["share"]), _n(f["previous"]), _change(f["change"])])
    return rows


def table_rows(view: str, data: dict[str, Any], branches: list[tuple[str, int, int]]) -> list[list[str]]:
    """A chart's figures as rows (the table view, and what the Pilot test compares)."""
    if view == "figures":
        return figures_rows(data)
    if view == "pyramid":
        return [[b["band"], str(b["men"]), str(b["women"])] for b in data["pyramid"]]
    if view == "branches":
        return [[name, str(now), str(before)] for name, now, before in branches]
    if view == "dues":
        return [[m["month"], _n(m["collected"]), _n(m["standard"]), str(m["members"])] for m in data["dues"]]
    months = sorted({m["month"] for m in data["meetings"]})
    by_kind: dict[str, dict[str, str]] = {}
    labels: dict[str, str] = {}
    for m in data["meetings"]:
        labels[m["kind"]] = m["label"]
        by_kind.setdefault(m["kind"], {})[m["month"]] = "×" if m["missed"] else str(m["held"])
    return [[labels[k]] + [cells.get(mo, "") for mo in months] for k, cells in by_kind.items()]


def as_table(view: str, data: dict[str, Any], branches: list[tuple[str, int, int]], lang: str) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    headers = [c(lang) for c in COLUMNS[view]]
    if view == "meetings":
        headers += [mo[5:] for mo in sorted({m["month"] for m in data["meetings"]})]
    for n, header in enumerate(headers):
        table.add_column(header, justify="left" if n == 0 else "right", no_wrap=True)
    for row in table_rows(view, data, branches):
        table.add_row(*row)
    return table


def pyramid_chart(data: dict[str, Any], width: int) -> Table:
    side = max(8, (width - 22) // 2)
    top = max([max(b["men"], b["women"]) for b in data["pyramid"]] + [1])
    grid = _grid(10, side, 3, 3, side)
    for band in data["pyramid"]:
        men, women = band["men"], band["women"]
        grid.add_row(band["band"], Bar(top, top - men, top, width=side, color=MEN),
                     RichText(str(men), justify="right"), RichText(str(women)),
                     Bar(top, 0, women, width=side, color=WOMEN))
    return grid


def branches_chart(branches: list[tuple[str, int, int]], width: int) -> Table:
    top = max([max(now, before) for _, now, before in branches] + [1])
    bar = max(10, width - 32)
    grid = _grid(14, bar, 12)
    for name, now, before in branches:
        grid.add_row(name, Bar(top, 0, now, width=bar, color=MEN), f"{now} ({before})")
    return grid


def dues_chart(data: dict[str, Any], width: int) -> Table:
    months = data["dues"]
    top = max([max(float(m["collected"]), float(m["standard"])) for m in months] + [1.0])
    bar = max(10, width - 30)
    grid = _grid(3, bar, 20)
    for m in months:
        collected, standard = float(m["collected"]), float(m["standard"])
        colour = COLLECTED if collected >= standard else SHORT
        grid.add_row(m["month"][5:], Bar(top, 0, collected, width=bar, color=colour),
                     f"{_n(m['collected'])}/{_n(m['standard'])}")
    return grid


def meetings_chart(data: dict[str, Any]) -> Table:
    months = sorted({m["month"] for m in data["meetings"]})
    grid = Table.grid(padding=(0, 0))
    grid.add_column(width=14, no_wrap=True)
    for _ in months:
        grid.add_column(width=5, no_wrap=True, justify="center")
    grid.add_row("", *[mo[5:] for mo in months])
    cells: dict[str, dict[str, RichText]] = {}
    labels: dict[str, str] = {}
    for m in data["meetings"]:
        labels[m["kind"]] = m["label"]
        if m["missed"]:
            cell = RichText("×", style="bold red")
        elif m["held"]:
            cell = RichText("●" if m["held"] == 1 else f"●{m['held']}", style="green")
        else:
            cell = RichText("·", style="dim")
        cells.setdefault(m["kind"], {})[m["month"]] = cell
    for kind, row in cells.items():
        grid.add_row(labels[kind], *[row.get(mo, RichText("")) for mo in months])
    return grid


class StatsScreen(BaseScreen):
    SCOPE = "stats"
    BINDINGS = keymap.bindings("stats")

    def __init__(self, *, on: date | None = None) -> None:
        super().__init__()
        self.on = on
        self.view = "pyramid"
        self.tabular = False
        self.report: Any = None
        self.stale = False

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield Static("", id="stats-head", classes="plan-head", markup=False)
        with VerticalScroll(id="stats-body"):
            yield Static("", id="stats-chart")
        yield self.footer()

    def on_mount(self) -> None:
        super().on_mount()
        focus_now(self.query_one("#stats-body", VerticalScroll))
        self.call_after_refresh(self.compute)

    # -- the figures ------------------------------------------------------------------

    def compute(self) -> None:
        if self.tz.big:
            self.run_worker(self._compute_aside, thread=True, exclusive=True, group="stats")
        else:
            self.arrived(self.read_report())

    def read_report(self) -> Any:
        from storage.stats import statistics

        return statistics(self.store, self.on)

    def _compute_aside(self) -> None:
        report = self.read_report()
        self.app.call_from_thread(self.arrived, report)

    def arrived(self, report: Any) -> None:
        self.report = report
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

    # -- drawing ----------------------------------------------------------------------

    def relabel(self) -> None:
        self.set_title(TITLE(self.lang))
        self.show()

    def branches(self) -> list[tuple[str, int, int]]:
        return [(s.name, int(s.now.value("total", "members")), int(s.before.value("total", "members")))
                for s in self.report.scopes[1:]]

    def rendered(self) -> Any:
        """What the body shows: the chart of the view, or its figures as a table."""
        lang = self.lang
        data = self.report.scopes[0].to_json(lang)
        width = max(40, (self.app.size.width or 80) - 4)
        branches = self.branches()
        if self.tabular or self.view == "figures":
            body: Any = as_table(self.view, data, branches, lang)
        elif self.view == "pyramid":
            body = pyramid_chart(data, width)
        elif self.view == "branches":
            body = branches_chart(branches, width)
        elif self.view == "dues":
            body = dues_chart(data, width)
        else:
            body = meetings_chart(data)
        if self.view in ("figures", "pyramid"):
            sep = ", " if lang == EN else "、"
            notes = [UNKNOWN_LINE(lang, field=u["field"], n=u["count"], names=sep.join(u["names"][:8]))
                     for key, u in data["unknown"].items() if u["names"] and key in ("age", "occupation", "gender")]
            if notes:
                from rich.console import Group

                body = Group(body, RichText(""), *[RichText(n, style="dim") for n in notes])
        return body

    def show(self) -> None:
        if not self.is_mounted:
            return
        lang = self.lang
        head = self.query_one("#stats-head", Static)
        chart = self.query_one("#stats-chart", Static)
        if self.report is None:
            head.update(COMPUTING(lang))
            chart.update("")
            return
        report = self.report
        view = VIEWS[self.view](lang) + (TABLE_MARK(lang) if self.tabular and self.view != "figures" else "")
        head.update(HEAD(lang, name=report.scopes[0].name, on=report.on.isoformat(),
                         before=report.before.isoformat()) + "\n" + view)
        chart.update(self.rendered())

    # -- keys -------------------------------------------------------------------------

    def action_view(self, view: str) -> None:
        self.view = view
        self.show()
        self.query_one("#stats-body", VerticalScroll).scroll_home(animate=False)

    def action_table(self) -> None:
        self.tabular = not self.tabular
        self.show()

    def action_year(self, delta: int) -> None:
        """The year before (as of its 12-31), or the next one; today's figures are the latest."""
        today = clock.today()
        if self.on is None:
            if delta > 0:
                return
            self.on = date(today.year - 1, 12, 31)
        else:
            later = date(self.on.year + delta, 12, 31)
            self.on = None if later >= today else later
        self.report = None
        self.show()
        self.compute()

    def action_back(self) -> None:
        self.app.pop_screen()
