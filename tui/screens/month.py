"""Meetings by month: what each branch held against how often the settings ask
(三會一課, 主題黨日, 組織生活會 …; 中心組學習 and 民主生活會 are the 總支's own)."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static

from storage import clock
from storage.i18n import Text
from storage.text import width
from tui import keymap
from tui.screens import texts
from tui.screens.base import BaseScreen, focus_now
from tui.widgets.table import Column, VirtualTable
from tui.widgets.wrap import wrap

T = Text
#: Short names for the columns, and whether the branch or the 總支 holds them.
KINDS: list[tuple[str, Text, str]] = [
    ("general", T("大會", "大会", "General"), "branch"),
    ("committee", T("支委會", "支委会", "Committee"), "branch"),
    ("group", T("小組會", "小组会", "Group"), "branch"),
    ("lecture", T("黨課", "党课", "Lecture"), "branch"),
    ("theme_day", T("主題黨日", "主题党日", "Theme day"), "branch"),
    ("organisational_life", T("組織生活", "组织生活", "Org. life"), "branch"),
    ("appraisal", T("民主評議", "民主评议", "Appraisal"), "branch"),
    ("study", T("中心組", "中心组", "Study"), "master"),
    ("democratic_life", T("民主生活", "民主生活", "Dem. life"), "master"),
]
PERIOD_SHORT = {
    "monthly": T("月", "月", "m"), "quarterly": T("季", "季", "q"),
    "half": T("半年", "半年", "h"), "yearly": T("年", "年", "y"),
}
MASTER = "-master-"


def period_kind(setting: str) -> str:
    text = (setting or "").strip().lower().replace("_", "-")
    if text.startswith("month"):
        return "monthly"
    if text.startswith("quarter"):
        return "quarterly"
    if "half" in text or "semi" in text or text.startswith("twice"):
        return "half"
    return "yearly"


def period_of(day: date, kind: str) -> tuple[date, date]:
    """The first and the last day of the period (month, quarter, half, year) holding ``day``."""
    if kind == "monthly":
        first_month, months = day.month, 1
    elif kind == "quarterly":
        first_month, months = (day.month - 1) // 3 * 3 + 1, 3
    elif kind == "half":
        first_month, months = (1 if day.month <= 6 else 7), 6
    else:
        first_month, months = 1, 12
    start = date(day.year, first_month, 1)
    end_month = first_month + months
    end = date(day.year + (end_month > 12), (end_month - 1) % 12 + 1, 1)
    from datetime import timedelta

    return start, end - timedelta(days=1)


def held(store: Any) -> dict[tuple[str, str], list[date]]:
    """(branch id or MASTER, kind) → the days such meetings were held."""
    out: dict[tuple[str, str], list[date]] = {}
    for meeting in store.table("meetings").values():
        if meeting.get("_d") or not meeting.get("held_on") or not meeting.get("kind"):
            continue
        try:
            day = date.fromisoformat(str(meeting["held_on"]))
        except ValueError:
            continue
        out.setdefault((meeting.get("branch") or MASTER, meeting["kind"]), []).append(day)
    return out


class MonthScreen(BaseScreen):
    SCOPE = "month"
    BINDINGS = keymap.bindings("month")

    def __init__(self) -> None:
        super().__init__()
        today = clock.today()
        self.month = date(today.year, today.month, 1)
        self.days: dict[tuple[str, str], list[date]] = {}

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield Static("", id="month-title", markup=False)
        yield VirtualTable([], self.cells, id="month-table")
        yield Static("", id="month-legend", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        self.days = held(self.store)
        table = self.query_one(VirtualTable)
        table.set_rows([MASTER] + [b["id"] for b in self.store.records("branches")])
        focus_now(table)

    def relabel(self) -> None:
        lang = self.lang
        self.set_title(texts.PALETTE_MONTH(lang))
        freq = self.store.settings.meetings
        columns = [Column("branch", texts.BRANCH(lang), 10)]
        often = []
        for kind, short, _ in KINDS:
            columns.append(Column(kind, short(lang), max(5, width(short(lang)))))
            period = texts.FREQUENCY[period_kind(getattr(freq, kind, "yearly"))](lang)
            often.append(f"{short(lang)} {period}")
        table = self.query_one(VirtualTable)
        table.set_columns(columns)
        legend = texts.MONTH_LEGEND_ASCII if self.tz.ascii else texts.MONTH_LEGEND
        sep = ", " if lang == "en" else "、"
        columns_wide = max(20, (self.app.size.width or 80) - 2)
        lines = wrap(texts.MONTH_OFTEN(lang, list=sep.join(often)), columns_wide) + wrap(legend(lang), columns_wide)
        self.query_one("#month-legend", Static).update("\n".join(lines))
        self.show_month()

    def show_month(self) -> None:
        self.query_one("#month-title", Static).update(
            texts.MONTH_TITLE(self.lang, year=self.month.year, month=self.month.month))
        self.query_one(VirtualTable).refresh_rows()

    def cell(self, who: str, kind: str, level: str) -> str:
        if (who == MASTER) != (level == "master"):
            return ""
        setting = getattr(self.store.settings.meetings, kind, "yearly")
        start, end = period_of(self.month, period_kind(setting))
        count = sum(1 for d in self.days.get((who, kind), ()) if start <= d <= end)
        ok, missed, pending = ("ok", "NO", "..") if self.tz.ascii else ("✓", "✗", "…")
        if count:
            return f"{count} {ok}"
        return f"0 {missed}" if end < clock.today() else f"0 {pending}"

    def cells(self, who: str) -> list[str]:
        name = texts.MASTER(self.lang) if who == MASTER else self.store.name_of("branches", who)
        return [name] + [self.cell(who, kind, level) for kind, _, level in KINDS]

    def action_month(self, delta: int) -> None:
        month = self.month.month - 1 + delta
        self.month = date(self.month.year + month // 12, month % 12 + 1, 1)
        self.show_month()

    def store_changed(self, touched: set[str]) -> None:
        if "meetings" in touched:
            self.days = held(self.store)
            self.show_month()

    def action_back(self) -> None:
        self.app.pop_screen()
