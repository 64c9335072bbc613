"""The statistics sheet of a workbook: the 黨內統計 figures beside the year before, and
native Excel charts over them (openpyxl's, which Excel and WPS draw themselves): members
per branch, the age pyramid (men to the left, women to the right), dues by month.

``export all`` adds it after the registers; ``export stats`` (and ``stats --to FILE.xlsx``)
writes it alone.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.i18n import HANT, Text

if TYPE_CHECKING:
    from storage.stats import Report
    from storage.store import Store

T = Text
SHEET = T("黨內統計", "党内统计", "Statistics")
HEAD = T("{name} 黨內統計 截至 {on}(上年同期 {before})", "{name} 党内统计 截至 {on}(上年同期 {before})",
         "{name}: party statistics as of {on} (a year before: {before})")
FIGURE_HEADERS = (T("項目", "项目", "Figure"), T("人數", "人数", "Count"), T("佔比%", "占比%", "Share %"),
                  T("上年", "上年", "Year before"), T("增減", "增减", "Change"))
PYRAMID_HEADERS = (T("年齡", "年龄", "Age"), T("男", "男", "Men"), T("女", "女", "Women"),
                   T("男(圖左側)", "男(图左侧)", "Men (left of the chart)"))
BRANCH_HEADERS = (T("支部", "支部", "Branch"), T("黨員", "党员", "Members"), T("上年", "上年", "Year before"))
DUES_HEADERS = (T("月份", "月份", "Month"), T("實收(元)", "实收(元)", "Collected (yuan)"),
                T("應收(元)", "应收(元)", "Standard (yuan)"))
MEETING_TYPE_HEADER = T("會議類型(× 到期未開)", "会议类型(× 到期未开)", "Meetings (× due, not held)")
UNKNOWN_HEADERS = (T("不詳", "不详", "Unknown"), T("人數", "人数", "Count"), T("姓名", "姓名", "Names"))
CHART_BRANCHES = T("各支部黨員人數", "各支部党员人数", "Members per branch")
CHART_PYRAMID = T("年齡結構(男/女)", "年龄结构(男/女)", "Age pyramid (men / women)")
NEEDS_XLSX = T("統計表只能導出為 .xlsx 工作簿(帶圖表):{path}", "统计表只能导出为 .xlsx 工作簿(带图表):{path}",
               "The statistics go into an .xlsx workbook (with its charts): {path}")
CHART_DUES = T("黨費按月收繳", "党费按月收缴", "Dues collected by month")


def scope_of(report: Report, branch: str | None) -> Any:
    return report.scopes[0] if branch is None else report.scope(branch)


def write_stats_sheet(wb: Any, store: Store, lang: str, taken: set[str], *, on: date | None = None,
                      branch: str | None = None) -> tuple[str, int]:
    """Add the statistics sheet to a write-only workbook; its title and its rows of figures."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from storage.stats import statistics
    from storage.tables.exporting import _sheet_title, _xlsx_cell

    report = statistics(store, on, branch=branch)
    scope = scope_of(report, branch)
    data = scope.to_json(lang)
    ws = wb.create_sheet(_sheet_title(SHEET(lang), taken))
    for column, width in zip("ABCDEF", (34, 10, 10, 10, 10, 10)):
        ws.column_dimensions[column].width = width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    row = 0

    def put(values: list[Any], *, header: bool = False, title: bool = False) -> int:
        nonlocal row
        cells = []
        for value in values:
            cell = WriteOnlyCell(ws, value=_xlsx_cell(value))
            if header:
                cell.font, cell.fill = bold, fill
            if title:
                cell.font = Font(bold=True, size=13)
            cells.append(cell)
        ws.append(cells)
        row += 1
        return row

    def headers(texts: tuple[Text, ...] | list[Text]) -> int:
        return put([t(lang) for t in texts], header=True)

    put([HEAD(lang, name=scope.name, on=report.on.isoformat(), before=report.before.isoformat())], title=True)
    put([])
    headers(FIGURE_HEADERS)
    figures = 0
    for figure in data["figures"]:
        label = figure["label"] if figure["label"] == figure["section_label"] else \
            f"{figure['section_label']} · {figure['label']}"
        put([label, figure["count"], figure["share"], figure["previous"], figure["change"]])
        figures += 1
    put([])
    headers(UNKNOWN_HEADERS)
    for found in data["unknown"].values():
        put([found["field"], found["count"], "、".join(found["names"]) if lang != "en" else ", ".join(found["names"])])

    put([])
    pyramid_top = headers(PYRAMID_HEADERS)
    for band in data["pyramid"]:
        put([band["band"], band["men"], band["women"], -band["men"]])
    pyramid_end = row

    put([])
    branches_top = headers(BRANCH_HEADERS)
    shown = report.scopes[1:] if branch is None else report.scopes
    for each in shown:
        now, before = each.now.value("total", "members"), each.before.value("total", "members")
        put([each.name, int(now), int(before)])
    branches_end = row

    put([])
    dues_top = headers(DUES_HEADERS)
    for month in data["dues"]:
        put([month["month"], month["collected"], month["standard"]])
    dues_end = row

    put([])
    months = sorted({m["month"] for m in data["meetings"]})
    put([MEETING_TYPE_HEADER(lang)] + [m[5:] for m in months], header=True)
    cells: dict[str, dict[str, Any]] = {}
    labels: dict[str, str] = {}
    for m in data["meetings"]:
        labels[m["kind"]] = m["label"]
        cells.setdefault(m["kind"], {})[m["month"]] = "×" if m["missed"] else m["held"]
    for kind, by_month in cells.items():
        put([labels[kind]] + [by_month.get(m, "") for m in months])

    anchor = get_column_letter(8)
    if branches_end > branches_top:
        chart = BarChart()
        chart.type, chart.title, chart.style = "col", CHART_BRANCHES(lang), 10
        chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=branches_top, max_row=branches_end),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=branches_top + 1, max_row=branches_end))
        chart.height, chart.width = 7, 16
        ws.add_chart(chart, f"{anchor}3")
    pyramid = BarChart()
    pyramid.type, pyramid.title, pyramid.grouping, pyramid.overlap, pyramid.gapWidth = \
        "bar", CHART_PYRAMID(lang), "clustered", 100, 10
    pyramid.add_data(Reference(ws, min_col=4, min_row=pyramid_top, max_row=pyramid_end), titles_from_data=True)
    pyramid.add_data(Reference(ws, min_col=3, min_row=pyramid_top, max_row=pyramid_end), titles_from_data=True)
    pyramid.set_categories(Reference(ws, min_col=1, min_row=pyramid_top + 1, max_row=pyramid_end))
    pyramid.y_axis.number_format = "0;0"  # men drawn left of the axis, counted as they are
    pyramid.x_axis.tickLblPos = "low"
    pyramid.height, pyramid.width = 8, 16
    ws.add_chart(pyramid, f"{anchor}18")
    dues = BarChart()
    dues.type, dues.title = "col", CHART_DUES(lang)
    dues.add_data(Reference(ws, min_col=2, max_col=3, min_row=dues_top, max_row=dues_end), titles_from_data=True)
    dues.set_categories(Reference(ws, min_col=1, min_row=dues_top + 1, max_row=dues_end))
    dues.height, dues.width = 7, 16
    ws.add_chart(dues, f"{anchor}35")
    return ws.title, figures


def export_stats(store: Store, target: str | Path, *, lang: str = HANT, on: date | None = None,
                 branch: str | None = None) -> dict[str, int]:
    """A workbook of the statistics sheet alone (``export stats --to FILE.xlsx``)."""
    from openpyxl import Workbook

    from storage.files import write_atomic
    from storage.messages import StoreError
    path = Path(target)
    if path.suffix.lower() != ".xlsx":
        raise StoreError(NEEDS_XLSX, path=str(path))
    wb = Workbook(write_only=True)
    title, figures = write_stats_sheet(wb, store, lang, set(), on=on, branch=branch)
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(path, buffer.getvalue())
    return {title: figures}


def year_end(year: int | None) -> date | None:
    """The day a year's statistics are as of: its 12-31 (None: today)."""
    return date(year, 12, 31) if year else None


#: What ``export`` takes for the statistics sheet alone.
STATS_WORDS = ("stats", *(w.lower() for w in SHEET.variants() + T("統計", "统计", "statistics").variants()))


def export_named(store: Store, target: str | Path, *, lang: str, branch: str | None, year: int | None) -> dict[str, int]:
    """``export stats``: a branch by name or id, a year's 12-31 or today."""
    chosen = store.resolve_reference("branches", branch) if branch else None
    return export_stats(store, target, lang=lang, on=year_end(year), branch=chosen)


def add_to_workbook(wb: Any, store: Store, lang: str, taken: set[str], *, branch: str | None,
                    year: int | None) -> tuple[str, int]:
    """``export all``: the statistics sheet after the registers (of one branch with --branch)."""
    chosen = store.resolve_reference("branches", branch) if branch else None
    return write_stats_sheet(wb, store, lang, taken, on=year_end(year), branch=chosen)
