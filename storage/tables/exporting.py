"""Out: one register, or all of them as one workbook (a sheet each, plus the targets and
the checklist), to XLSX or to CSV in UTF-8 with a BOM."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage import catalogue, clock
from storage.i18n import HANT, Text
from storage.messages import StoreError
from storage.registers.base import Register
from storage.tables.cells import Cells, cell_width, columns_of
from storage.tables.texts import ALL_NEEDS_XLSX, BAD_SUFFIX

if TYPE_CHECKING:
    from storage.store import Store

T = Text


# -- out ---------------------------------------------------------------------------------------------


@dataclass
class Exported:
    path: Path
    sheets: dict[str, int]  # sheet (or register) title → rows written

    def __str__(self) -> str:  # shown as the file it wrote
        return str(self.path)

    def __fspath__(self) -> str:
        return str(self.path)


def _records(store: Store, reg: Register, branch: str | None) -> list[dict[str, Any]]:
    rows = store.records(reg.slug, branch=branch)
    first = columns_of(reg)[0]
    return rows if reg.entries else sorted(rows, key=lambda r: str(r.get(reg.name_field) or r.get(first) or ""))


def export(
    store: Store,
    what: str,
    path: str | Path,
    *,
    lang: str = HANT,
    branch: str | None = None,
    year: int | None = None,
    reveal: bool = True,
) -> Exported:
    """Write one register (slug or title) or ``all`` to ``path`` (.xlsx or .csv). The 身份證號
    are written in full (the file is for upstream), or masked with ``reveal=False``."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise StoreError(BAD_SUFFIX, path=str(target))
    from storage.tables import stats_sheet

    if what.strip().lower() in stats_sheet.STATS_WORDS:
        return Exported(target, stats_sheet.export_named(store, target, lang=lang, branch=branch, year=year))
    everything = what.strip().lower() in ("all", "全部")
    if everything and suffix == ".csv":
        raise StoreError(ALL_NEEDS_XLSX)
    regs = catalogue.registers() if everything else [store.register(what)]
    if suffix == ".csv":
        return _export_csv(store, regs[0], target, lang, branch, reveal)
    return _export_xlsx(store, regs, target, lang, branch, reveal, year, everything)


def _export_csv(store: Store, reg: Register, target: Path, lang: str, branch: str | None, reveal: bool) -> Exported:
    from storage.files import write_atomic

    cells = Cells(store, reg, lang, typed=False, reveal=reveal)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(cells.headers())
    rows = _records(store, reg, branch)
    for record in rows:
        writer.writerow(cells.text_row(record))
    write_atomic(target, out.getvalue().encode("utf-8-sig"))  # the BOM: Excel then reads UTF-8
    return Exported(target, {reg.title(lang): len(rows)})


def _sheet_title(text: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", text)[:31] or "Sheet"
    base, n = title, 2
    while title in taken:
        title = f"{base[:28]}({n})"
        n += 1
    taken.add(title)
    return title


def _write_sheet(wb: Any, title: str, heading: str, headers: list[str], rows: list[list[Any]], taken: set[str],
                 *, where: str = "", lang: str = HANT, keep: int = 1) -> None:
    """A sheet: a title line, the header row (bold, frozen with the title), the rows;
    columns as wide as what they hold (CJK counts double), within reason; set up to print
    (see :func:`_page_setup`; ``keep`` leading columns name a row)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(_sheet_title(title, taken))
    widths = [cell_width(h) for h in headers]
    for row in rows[:2000]:  # enough to size the columns
        for i, value in enumerate(row):
            if i < len(widths):
                widths[i] = max(widths[i], cell_width(value))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6, min(60, w + 2))
    _page_setup(ws, [max(6, min(60, w + 2)) for w in widths], where, lang, keep)
    ws.freeze_panes = "A3"
    title_cell = WriteOnlyCell(ws, value=_xlsx_cell(heading))
    title_cell.font = Font(bold=True, size=13)
    ws.append([title_cell])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=_xlsx_cell(h))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header_cells.append(cell)
    ws.append(header_cells)
    date_style = "yyyy-mm-dd"
    for row in rows:
        out = []
        for value in row:
            value = _xlsx_cell(value)
            if isinstance(value, date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = date_style
                out.append(cell)
            elif isinstance(value, Decimal):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "0.00"
                out.append(cell)
            elif isinstance(value, str) and value[:1] in "=+-@" and value != "-":
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"  # text, never a formula
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)


# -- on paper --------------------------------------------------------------------------------------------

#: Characters of the default font that fit across A4 inside the default margins, upright and
#: on its side; a sheet is fitted to the width only when that shrinks it no more than this.
A4_PORTRAIT_CHARS, A4_LANDSCAPE_CHARS, SMALLEST_FIT = 95.0, 140.0, 0.6
PAGE_FOOTER = T("第 &P 頁 共 &N 頁", "第 &P 页 共 &N 页", "Page &P of &N")


def _naming_columns(reg: Register) -> int:
    """How many leading columns say whose a row is, repeated at the left of every page: up
    to the name (a member's card: 黨員), else up to the date (a meeting: 類型, 時間)."""
    columns = columns_of(reg)
    for field in (reg.name_field, "held_on", "paid_on"):
        if field in columns[:3]:
            return columns.index(field) + 1
    return 1


def _page_setup(ws: Any, widths: list[float], where: str, lang: str, keep: int) -> None:
    """Printing the sheet from Excel, WPS or LibreOffice gives whole rows on A4: landscape
    when it is wide, fitted to the page's width when that keeps the type readable, else the
    naming columns repeated on every page across; the title and header rows on every page;
    the organisation, the sheet and the page numbers in the header and footer."""
    from openpyxl.utils import get_column_letter

    total = sum(widths)
    wide = total > A4_PORTRAIT_CHARS
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    across = A4_LANDSCAPE_CHARS if wide else A4_PORTRAIT_CHARS
    if total <= across / SMALLEST_FIT:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    else:
        ws.print_title_cols = f"A:{get_column_letter(max(1, keep))}"
    ws.print_title_rows = "1:2"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddHeader.left.text = where.replace("&", "&&")
    ws.oddHeader.right.text = "&A"  # the sheet's name
    ws.oddFooter.center.text = PAGE_FOOTER(lang)


def _pages_for_the_rest(wb: Any, where: str, lang: str) -> None:
    """A sheet written elsewhere (one of figures and charts) prints as the others do: A4 on
    its side, the organisation, the sheet and the page numbers in the header and footer
    (set now: a write-only sheet writes these after its rows)."""
    for ws in wb.worksheets:
        if ws.oddFooter.center.text:
            continue
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.orientation = "landscape"
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.oddHeader.left.text = where.replace("&", "&&")
        ws.oddHeader.right.text = "&A"
        ws.oddFooter.center.text = PAGE_FOOTER(lang)


def _xlsx_cell(value: Any) -> Any:
    """What an XLSX cell may hold: a text with its control characters shown escaped (\\x1b),
    line breaks and tabs kept (a cell holds them); openpyxl refuses the others outright."""
    if isinstance(value, str):
        from storage.text import visible

        return visible(value)
    return value


def _export_xlsx(
    store: Store, regs: list[Register], target: Path, lang: str, branch: str | None, reveal: bool,
    year: int | None, everything: bool,
) -> Exported:
    from openpyxl import Workbook

    from storage.files import write_atomic

    wb = Workbook(write_only=True)
    taken: set[str] = set()
    sheets: dict[str, int] = {}
    today = clock.today().isoformat()
    where = store.organisation + (f" · {store.name_of('branches', store.resolve_reference('branches', branch))}"
                                  if branch else "")
    if everything:
        _contents_sheet(wb, store, regs, lang, branch, taken, where, today)
    for reg in regs:
        cells = Cells(store, reg, lang, typed=True, reveal=reveal)
        rows = [cells.row(r) for r in _records(store, reg, branch)]
        _write_sheet(wb, reg.title(lang), f"{reg.title(lang)}  {where}  {today}", cells.headers(), rows, taken,
                     where=where, lang=lang, keep=_naming_columns(reg))
        sheets[reg.title(lang)] = len(rows)
    if everything:
        from storage.plan.checklist import checklist
        from storage.plan.targets import targets

        report = targets(store, year)
        found = checklist(store, report.year, report)
        headers, rows = target_rows(report, lang)
        name = T("目標", "目标", "Targets")(lang)
        _write_sheet(wb, name, f"{name} {report.year}  {where}  {today}", headers, rows, taken, where=where, lang=lang)
        sheets[name] = len(rows)
        headers, rows = checklist_rows(found, lang)
        name = T("五好自查", "五好自查", "Checklist")(lang)
        _write_sheet(wb, name, f"{name} {found.year}  {where}  {today}", headers, rows, taken, where=where, lang=lang,
                     keep=3)
        sheets[name] = len(rows)
        from storage.tables.stats_sheet import add_to_workbook

        name, count = add_to_workbook(wb, store, lang, taken, branch=branch, year=year)
        sheets[name] = count
    _pages_for_the_rest(wb, where, lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(target, buffer.getvalue())
    return Exported(target, sheets)


def _contents_sheet(wb: Any, store: Store, regs: list[Register], lang: str, branch: str | None,
                    taken: set[str], where: str, today: str) -> None:
    from storage.registers.base import GROUPS

    headers = [T("類別", "类别", "Group")(lang), T("登記冊", "登记册", "Register")(lang),
               T("條數", "条数", "Records")(lang)]
    rows = [["、".join(GROUPS[p.group](lang) for p in reg.places) or GROUPS["other"](lang),
             " / ".join(p.title(lang) for p in reg.places) or reg.title(lang),
             len(store.records(reg.slug, branch=branch))] for reg in regs]
    name = T("目錄", "目录", "Contents")(lang)
    _write_sheet(wb, name, f"{where}  {today}", headers, rows, taken, where=where, lang=lang, keep=2)


def target_rows(report: Any, lang: str) -> tuple[list[str], list[list[Any]]]:
    from storage.plan.common import number
    from storage.plan.targets import STATUS

    headers = [T("目標", "目标", "Target")(lang), T("範圍", "范围", "Scope")(lang), T("完成", "完成", "Figure")(lang),
               T("目標值", "目标值", "Goal")(lang), T("狀態", "状态", "Status")(lang), T("說明", "说明", "Notes")(lang),
               T("計入記錄數", "计入记录数", "Records counted")(lang)]
    total = T("全部", "全部", "All")(lang)
    rows = []
    for scope, targets_ in [(None, report.total), *report.branches.items()]:
        for t in targets_:
            rows.append([t.title(lang), report.branch_names.get(scope, "") if scope else total, number(t.figure),
                         number(t.goal), STATUS[t.status](lang), "; ".join(n(lang) for n in t.notes),
                         sum(len(e.ids) for e in t.counted)])
    return headers, rows


def checklist_rows(found: Any, lang: str) -> tuple[list[str], list[list[Any]]]:
    from storage.plan.checklist import CHECK_STATUS, PHASE_STATE
    from storage.plan.items import SECTIONS

    headers = [T("類別", "类别", "Section")(lang), T("編號", "编号", "Item")(lang), T("項目", "项目", "Title")(lang),
               T("判斷", "判断", "Judged")(lang), T("狀態", "状态", "Status")(lang), T("說明", "说明", "Notes")(lang),
               T("佐證記錄數", "佐证记录数", "Evidence records")(lang)]
    auto, hand = T("登記冊", "登记册", "registers")(lang), T("人工", "人工", "by hand")(lang)
    rows: list[list[Any]] = [
        [SECTIONS[i.section](lang), i.code, i.title(lang), auto if i.judged else hand, CHECK_STATUS[i.status](lang),
         i.note(lang), sum(len(e.ids) for e in i.evidence)]
        for i in found.items
    ]
    phase = T("方法步驟", "方法步骤", "Phases")(lang)
    for p in found.phases:
        rows.append([phase, p.code, p.title(lang), f"{p.start.isoformat()} — {p.end.isoformat()}",
                     f"{CHECK_STATUS[p.status](lang)}({PHASE_STATE[p.state](lang)})",
                     "; ".join(n(lang) for n in p.notes), sum(len(e.ids) for e in p.evidence)])
    return headers, rows
