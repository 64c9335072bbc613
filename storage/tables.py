"""Excel and CSV, in and out. Everything derives from the register declarations: the
columns are a register's fields (labels as headers), values are shown as
:mod:`storage.present` shows them, and an import maps a roster's headers back to fields
by the same labels (in the three languages) and the words rosters commonly use.

Out: one register, or all of them as one workbook (a sheet each, plus the targets and
the checklist: the file an inspector is handed), to XLSX with headers, column widths and
frozen header rows, or to CSV in UTF-8 with a BOM, which Excel on a Chinese Windows
opens correctly.

In: a roster kept in Excel or CSV today. Title rows above the header are skipped, the
header row is found, its columns are mapped to fields (the rest given with ``--map``),
and every row is validated as a save would validate it. Nothing is imported until every
row is right, or the user chooses to import only the good ones.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, NoReturn, Sequence

from storage import catalogue, clock
from storage.fields import halfwidth
from storage.i18n import HANT, Text
from storage.messages import Problem, StoreError, ValidationFailed
from storage.registers.base import BLANKS, Register

if TYPE_CHECKING:
    from storage.settings import LimitsSection
    from storage.store import Store

T = Text

ID_HEADER = T("編號", "编号", "Id")
BAD_SUFFIX = T(
    "只能導出或導入 .xlsx 或 .csv 文件:{path}",
    "只能导出或导入 .xlsx 或 .csv 文件:{path}",
    "Only .xlsx and .csv files can be exported or imported: {path}",
)
ALL_NEEDS_XLSX = T(
    "全部登記冊只能導出為一個 .xlsx 工作簿(每冊一張工作表);CSV 每次只能導出一個登記冊。",
    "全部登记册只能导出为一个 .xlsx 工作簿(每册一张工作表);CSV 每次只能导出一个登记册。",
    "All registers go into one .xlsx workbook (a sheet each); a CSV holds one register.",
)
OLD_EXCEL = T(
    "{path} 是舊的 Excel 97-2003 格式(.xls)。請在 Excel 或 WPS 中「另存為」.xlsx 後再導入。",
    "{path} 是旧的 Excel 97-2003 格式(.xls)。请在 Excel 或 WPS 中「另存为」.xlsx 后再导入。",
    "{path} is in the old Excel 97-2003 format (.xls). Save it as .xlsx in Excel or WPS, then import that.",
)
UNREADABLE = T(
    "讀不了 {path}:{detail}",
    "读不了 {path}:{detail}",
    "Cannot read {path}: {detail}",
)
NO_HEADER = T(
    "在 {path} 的前 {rows} 行中找不到表頭(如 姓名、性別、身份證號碼)。請用 --map 表頭=欄目 指明。",
    "在 {path} 的前 {rows} 行中找不到表头(如 姓名、性别、身份证号码)。请用 --map 表头=栏目 指明。",
    "No header row (such as 姓名, 性別, 身份證號碼) in the first {rows} rows of {path}. Name the "
    "columns with --map HEADER=FIELD.",
)
BAD_MAP = T(
    "--map 應寫成 表頭=欄目(如 --map 手機號=phone);「{pair}」不對。",
    "--map 应写成 表头=栏目(如 --map 手机号=phone);「{pair}」不对。",
    "--map takes HEADER=FIELD (as in --map 手機號=phone), not '{pair}'.",
)
MAP_UNKNOWN_FIELD = T(
    "--map 的「{field}」不是{title}的欄目。可用:{fields}。",
    "--map 的「{field}」不是{title}的栏目。可用:{fields}。",
    "'{field}' in --map is not a field of {title}. Fields: {fields}.",
)
MAP_UNKNOWN_HEADER = T(
    "--map 的表頭「{header}」在表頭行(第 {row} 行)中沒有。表頭有:{headers}。",
    "--map 的表头「{header}」在表头行(第 {row} 行)中没有。表头有:{headers}。",
    "The header '{header}' in --map is not in the header row (row {row}). Headers: {headers}.",
)
MISSING_COLUMNS = T(
    "缺少必填欄目的列:{fields}。請用 --map 表頭=欄目 指明哪一列是它。",
    "缺少必填栏目的列:{fields}。请用 --map 表头=栏目 指明哪一列是它。",
    "No column for the required fields {fields}. Say which column holds each with --map HEADER=FIELD.",
)
REFUSED = T(
    "沒有導入:{bad} 行有問題(共 {total} 行)。改正後再導入,或加 --only-good 只導入正確的 {good} 行。",
    "没有导入:{bad} 行有问题(共 {total} 行)。改正后再导入,或加 --only-good 只导入正确的 {good} 行。",
    "Nothing imported: {bad} of {total} rows have problems. Correct them and import again, or "
    "add --only-good to import the {good} good rows only.",
)
NUMBER_LOST = T(
    "Excel 把身份證號存成了數字,後幾位已丟失;請把該列設為「文本」格式後重新輸入。",
    "Excel 把身份证号存成了数字,后几位已丢失;请把该列设为「文本」格式后重新输入。",
    "Excel kept this ID number as a number and lost its last digits: format the column as text "
    "and type it again.",
)
MONTH_ONLY = T(
    "{label}只有年月「{value}」,按該月 1 日記錄。",
    "{label}只有年月「{value}」,按该月 1 日记录。",
    "{label} gives only a month, '{value}': recorded as the first of that month.",
)
BIRTH_FROM_ID = T(
    "出生年月「{value}」與身份證號一致,出生日期取自身份證號。",
    "出生年月「{value}」与身份证号一致,出生日期取自身份证号。",
    "The birth month '{value}' agrees with the ID number; the exact date comes from it.",
)

_TAIL = (
    "請把要導入的內容另存為一個較小的文件再導入;確有需要,可在台賬的 settings.toml 中 [limits] 裡調高 {setting}。"
    "台賬沒有改動。",
    "请把要导入的内容另存为一个较小的文件再导入;确有需要,可在台账的 settings.toml 中 [limits] 里调高 {setting}。"
    "台账没有改动。",
    "Save what is to be imported as a smaller file and import that; if it really is needed, raise "
    "{setting} under [limits] in the store's settings.toml. Nothing in the store was changed.",
)


def _with_tail(hant: str, hans: str, en: str) -> Text:
    return T(hant + _TAIL[0], hans + _TAIL[1], en + " " + _TAIL[2])


TOO_LARGE = _with_tail(
    "{path} 解壓後共 {size},超過導入的上限 {limit}。",
    "{path} 解压后共 {size},超过导入的上限 {limit}。",
    "{path} holds {size} unpacked; an import may hold at most {limit}.",
)
PACKED_TOO_TIGHT = _with_tail(
    "{path} 中的 {part} 壓縮了 {ratio} 倍({packed} 解壓成 {size}),超過上限 {limit} 倍:一般的表格只壓縮 5 到 15 倍,"
    "這個文件可能是故意做成的「壓縮炸彈」,沒有讀取。",
    "{path} 中的 {part} 压缩了 {ratio} 倍({packed} 解压成 {size}),超过上限 {limit} 倍:一般的表格只压缩 5 到 15 倍,"
    "这个文件可能是故意做成的「压缩炸弹」,没有读取。",
    "In {path}, {part} is packed {ratio} times ({packed} unpacking to {size}); at most {limit} is allowed. "
    "Real spreadsheets pack 5 to 15 times: this may be a zip bomb, and it was not read.",
)
TOO_MANY_SHEETS = _with_tail(
    "{path} 有 {count} 張工作表,超過導入的上限 {limit} 張。",
    "{path} 有 {count} 张工作表,超过导入的上限 {limit} 张。",
    "{path} has {count} sheets; an import may read a workbook of at most {limit}.",
)
TOO_MANY_ROWS = _with_tail(
    "{path} 的「{sheet}」有 {count} 行,超過導入的上限 {limit} 行。若表格下方有大片空行,刪去它們後保存再導入。",
    "{path} 的「{sheet}」有 {count} 行,超过导入的上限 {limit} 行。若表格下方有大片空行,删去它们后保存再导入。",
    "{path}, sheet '{sheet}', has {count} rows; an import may read at most {limit}. If empty rows run on "
    "below the table, delete them and save.",
)
TOO_MANY_COLUMNS = _with_tail(
    "{path} 第 {row} 行有 {count} 列,超過導入的上限 {limit} 列。",
    "{path} 第 {row} 行有 {count} 列,超过导入的上限 {limit} 列。",
    "Row {row} of {path} has {count} columns; an import may read at most {limit}.",
)
CELL_TOO_LONG = _with_tail(
    "{path} 第 {row} 行 {column} 列的內容有 {count} 個字,一格最多 {limit} 個字。",
    "{path} 第 {row} 行 {column} 列的内容有 {count} 个字,一格最多 {limit} 个字。",
    "The cell in row {row}, column {column} of {path} holds {count} characters; a cell may hold at most {limit}.",
)


def _refusal(text: Text, **params: Any) -> StoreError:
    """A refusal whose parameters are put in now (the file's name may hold braces)."""
    from storage.i18n import LANGUAGES

    return StoreError(T(*(text(lang, **params) for lang in LANGUAGES)))


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)  # pragma: no cover


#: Words rosters use for a field, beyond its labels (traditional; simplified folds to them).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "黨員姓名", "人員姓名"),
    "gender": ("性別", "男女"),
    "birth_date": ("出生年月", "出生日期", "出生年月日", "生日", "出生時間"),
    "id_number": ("身份證號碼", "身份證號", "身份證", "公民身份號碼", "身份證件號碼", "證件號碼", "身份證號碼(18位)"),
    "phone": ("聯系電話", "聯繫電話", "電話", "手機", "手機號", "手機號碼", "電話號碼", "聯繫方式", "聯系方式", "聯繫電話(手機)"),
    "ethnicity": ("民族",),
    "native_place": ("籍貫",),
    "education": ("文化程度", "學歷", "文化", "最高學歷"),
    "joined_on": ("入黨時間", "入黨日期", "入黨年月"),
    "confirmed_on": ("轉正時間", "轉正日期", "轉正年月"),
    "status": ("黨員類別", "正式預備", "黨籍狀態", "人員類別", "正式或預備"),
    "party_group": ("黨小組", "所在黨小組"),
    "workplace": ("工作單位", "工作單位及職務", "單位", "職業"),
    "office": ("職務", "村組職務", "現任職務", "擔任職務"),
    "post": ("崗位", "設崗定責", "設崗定責崗位", "黨員崗位", "所設崗位"),
    "address": ("家庭住址", "住址", "地址", "家庭地址", "現住址", "居住地"),
    "branch": ("所在支部", "支部", "黨支部", "所屬支部", "所在黨支部", "支部名稱"),
    "note": ("備註", "說明"),
    "mobile": ("是否流動黨員", "流動黨員", "是否流動"),
    "dues_class": ("黨費類別",),
    "dues_base": ("黨費基數", "月收入", "工資收入", "計繳基數"),
    "dues_paid_to": ("黨費交至", "交至", "已交至", "黨費已交至", "黨費交至年月", "交納至", "paid up to", "paid to"),
    "household_head": ("戶主", "戶主姓名"),
    "household_size": ("家庭人口", "人口", "家庭人數"),
    "applied_on": ("申請時間", "申請日期", "遞交申請書時間", "申請入黨時間"),
    "activist_on": ("確定積極分子時間", "列為積極分子時間"),
    "candidate_on": ("確定發展對象時間",),
}
#: Columns a roster carries that are not fields: read past, not reported as unknown.
IGNORED_HEADERS = ("序號", "序", "編號", "年齡", "id", "no", "#", "周歲")
#: A row whose first cell starts so is a roster's footer, not a person.
FOOTERS = ("合計", "總計", "小計", "填表", "製表", "制表", "審核", "負責人", "填報", "說明:")
HEADER_SEARCH_ROWS = 15


def _fold(text: Any) -> str:
    """A header or value as compared: simplified, lower case, no spaces or punctuation."""
    from storage.index import simplify

    return simplify(halfwidth(str(text or "")).replace("：", "").replace(":", "").replace("*", ""))


def _without_brackets(text: str) -> str:
    return re.sub(r"[((\[【][^))\]】]*[))\]】]", "", text)


# -- what a cell shows ------------------------------------------------------------------------------


def columns_of(reg: Register) -> list[str]:
    """A register's columns in an export: every field, then the derived ones."""
    return [*reg.fields, *(name for name, _ in reg.derived)]


def _attendance_text(store: "Store | None", rows: Any, lang: str) -> str:
    """A meeting's roll as names (and why the absent were absent), whatever the stored
    rows hold: a row that is not a row (a hand edit) is shown as it is."""
    from storage.present import as_text, referenced_name
    from storage.registers.books import ATTENDANCE
    from storage.text import visible

    if not isinstance(rows, list):
        return visible(as_text(rows))
    parts = []
    for row in rows:
        if not isinstance(row, dict):
            parts.append(as_text(row))
            continue
        name = referenced_name(store, "members", row.get("member"))
        status = row.get("status", "present")
        if status == "present":
            parts.append(name)
        else:
            why = f":{as_text(row['reason'])}" if row.get("reason") else ""
            shown = ATTENDANCE.label(status, lang) if isinstance(status, str) else as_text(status)
            parts.append(f"{name}({shown}{why})")
    return visible("、".join(parts))


class _Cells:
    """How each column of a register is written: typed for XLSX (dates, numbers), text for CSV."""

    def __init__(self, store: "Store", reg: Register, lang: str, *, typed: bool, reveal: bool) -> None:
        from storage.present import formatter

        self.store, self.reg, self.lang, self.typed = store, reg, lang, typed
        self.columns = columns_of(reg)
        self.show = {c: formatter(store, reg, c, lang, reveal=reveal) for c in self.columns}
        kinds = {name: spec.kind for name, spec in reg.fields.items()}
        self.numeric = [kinds.get(c, "derived") in _NUMERIC_KINDS for c in self.columns]

    def value(self, record: Mapping[str, Any], column: str) -> Any:
        spec = self.reg.fields.get(column)
        raw = record.get(column)
        if spec is not None and spec.kind == "attendance":
            return _attendance_text(self.store, raw or [], self.lang)
        if self.typed and spec is not None and raw not in (None, ""):
            typed = _typed(spec.kind, raw)
            if typed is not None:
                return typed
        return self.show[column](record)

    def row(self, record: Mapping[str, Any]) -> list[Any]:
        return [self.value(record, c) for c in self.columns] + [record["id"]]

    def text_row(self, record: Mapping[str, Any]) -> list[str]:
        """A row for a CSV file: text that Excel or WPS would take for a formula is
        neutralised; a number of a numeric column is left a number."""
        return [value if numeric and _NUMBER.fullmatch(value) else neutralised(value)
                for numeric, value in zip(self.numeric, self.row(record))] + [record["id"]]

    def headers(self) -> list[str]:
        return [self.reg.label(c, self.lang) for c in self.columns] + [ID_HEADER(self.lang)]


_NUMERIC_KINDS = ("money", "count", "year", "derived")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
#: What makes Excel or WPS read a cell as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: Any) -> Any:
    """Text that would start a formula, with a leading ' so the spreadsheet shows it as
    text (OWASP's advice); a lone "-" cannot start one and stays as it is."""
    if isinstance(text, str) and text.startswith(FORMULA_START) and text != "-":
        return "'" + text
    return text


def _typed(kind: str, raw: Any) -> Any:
    """A stored date, amount or count as Excel's own type; None when it is not one (a
    value of the wrong type, left by a hand edit, is written as text instead)."""
    if isinstance(raw, bool):
        return None
    try:
        if kind == "date" and isinstance(raw, str):
            return date.fromisoformat(raw)
        if kind == "money" and isinstance(raw, (str, int, float)):
            amount = Decimal(str(raw))
            return amount if amount.is_finite() else None
    except (ValueError, ArithmeticError):
        return None
    if kind in ("count", "year") and isinstance(raw, int):
        return raw
    return None


def _width(value: Any) -> int:
    from storage.text import width

    if isinstance(value, date):
        return 10
    return width(str(value)) if value is not None else 0


# -- out ---------------------------------------------------------------------------------------------


@dataclass
class Exported:
    path: Path
    sheets: dict[str, int]  # sheet (or register) title → rows written

    def __str__(self) -> str:  # shown as the file it wrote
        return str(self.path)

    def __fspath__(self) -> str:
        return str(self.path)


def _records(store: "Store", reg: Register, branch: str | None) -> list[dict[str, Any]]:
    rows = store.records(reg.slug, branch=branch)
    first = columns_of(reg)[0]
    return rows if reg.entries else sorted(rows, key=lambda r: str(r.get(reg.name_field) or r.get(first) or ""))


def export(
    store: "Store",
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
    everything = what.strip().lower() in ("all", "全部")
    if everything and suffix == ".csv":
        raise StoreError(ALL_NEEDS_XLSX)
    regs = catalogue.registers() if everything else [store.register(what)]
    if suffix == ".csv":
        return _export_csv(store, regs[0], target, lang, branch, reveal)
    return _export_xlsx(store, regs, target, lang, branch, reveal, year, everything)


def _export_csv(store: "Store", reg: Register, target: Path, lang: str, branch: str | None, reveal: bool) -> Exported:
    from storage.files import write_atomic

    cells = _Cells(store, reg, lang, typed=False, reveal=reveal)
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


def _write_sheet(wb: Any, title: str, heading: str, headers: list[str], rows: list[list[Any]], taken: set[str]) -> None:
    """A sheet: a title line, the header row (bold, frozen with the title), the rows;
    columns as wide as what they hold (CJK counts double), within reason."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(_sheet_title(title, taken))
    widths = [_width(h) for h in headers]
    for row in rows[:2000]:  # enough to size the columns
        for i, value in enumerate(row):
            if i < len(widths):
                widths[i] = max(widths[i], _width(value))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6, min(60, w + 2))
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


def _xlsx_cell(value: Any) -> Any:
    """What an XLSX cell may hold: a text with its control characters shown escaped (\\x1b),
    line breaks and tabs kept (a cell holds them); openpyxl refuses the others outright."""
    if isinstance(value, str):
        from storage.text import visible

        return visible(value)
    return value


def _export_xlsx(
    store: "Store", regs: list[Register], target: Path, lang: str, branch: str | None, reveal: bool,
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
        cells = _Cells(store, reg, lang, typed=True, reveal=reveal)
        rows = [cells.row(r) for r in _records(store, reg, branch)]
        _write_sheet(wb, reg.title(lang), f"{reg.title(lang)}  {where}  {today}", cells.headers(), rows, taken)
        sheets[reg.title(lang)] = len(rows)
    if everything:
        from storage.plan.checklist import checklist
        from storage.plan.targets import targets

        report = targets(store, year)
        found = checklist(store, report.year, report)
        headers, rows = target_rows(report, lang)
        name = T("目標", "目标", "Targets")(lang)
        _write_sheet(wb, name, f"{name} {report.year}  {where}  {today}", headers, rows, taken)
        sheets[name] = len(rows)
        headers, rows = checklist_rows(found, lang)
        name = T("五好自查", "五好自查", "Checklist")(lang)
        _write_sheet(wb, name, f"{name} {found.year}  {where}  {today}", headers, rows, taken)
        sheets[name] = len(rows)
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(target, buffer.getvalue())
    return Exported(target, sheets)


def _contents_sheet(wb: Any, store: "Store", regs: list[Register], lang: str, branch: str | None,
                    taken: set[str], where: str, today: str) -> None:
    from storage.registers.base import GROUPS

    headers = [T("類別", "类别", "Group")(lang), T("登記冊", "登记册", "Register")(lang),
               T("條數", "条数", "Records")(lang)]
    rows = [["、".join(GROUPS[p.group](lang) for p in reg.places) or GROUPS["other"](lang),
             " / ".join(p.title(lang) for p in reg.places) or reg.title(lang),
             len(store.records(reg.slug, branch=branch))] for reg in regs]
    name = T("目錄", "目录", "Contents")(lang)
    _write_sheet(wb, name, f"{where}  {today}", headers, rows, taken)


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


# -- in: reading a file ---------------------------------------------------------------------------


def read_rows(path: str | Path, sheet: str | None = None, limits: "LimitsSection | None" = None) -> list[list[Any]]:
    """The cells of a file's first sheet (or the sheet named), row by row. CSV may be
    UTF-8 (with or without a BOM) or GB18030, as Excel on a Chinese Windows saves it.

    A file is hostile input: what is not a regular file is refused before it is opened,
    and its size, sheets, rows, columns and cells are held to ``limits`` (the home's
    ``[limits]``), the size and sheets before anything is unpacked."""
    from storage.files import open_regular
    from storage.settings import LimitsSection

    source = Path(path)
    suffix = source.suffix.lower()
    if suffix in (".xls", ".et"):
        raise StoreError(OLD_EXCEL, path=str(source))
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise StoreError(BAD_SUFFIX, path=str(source))
    limits = limits or LimitsSection()
    try:
        with open_regular(source) as f:
            if suffix == ".csv":
                return _read_csv(source, f, limits)
            return _read_xlsx(source, f, sheet, limits)
    except StoreError:
        raise
    except (OSError, ValueError, KeyError, IndexError) as error:
        raise StoreError(UNREADABLE, path=str(source), detail=str(error) or type(error).__name__) from None
    except Exception as error:  # a damaged workbook: zipfile, XML errors
        raise StoreError(UNREADABLE, path=str(source), detail=f"{type(error).__name__}: {error}") from None


def _limit(text: Text, source: Path, setting: str, **params: Any) -> StoreError:
    return _refusal(text, path=str(source), setting=setting, **params)


class _Rows:
    """Rows as they are read, held to the row, column and cell limits as they come."""

    def __init__(self, source: Path, sheet: str, limits: "LimitsSection") -> None:
        self.source, self.sheet, self.limits = source, sheet, limits
        self.rows: list[list[Any]] = []

    def add(self, cells: Sequence[Any]) -> None:
        limits, number = self.limits, len(self.rows) + 1
        if number > limits.import_rows:
            raise _limit(TOO_MANY_ROWS, self.source, "import_rows", sheet=self.sheet,
                         count=f"{limits.import_rows:,}+", limit=f"{limits.import_rows:,}")
        if len(cells) > limits.import_columns:
            raise _limit(TOO_MANY_COLUMNS, self.source, "import_columns", row=number, count=f"{len(cells):,}",
                         limit=f"{limits.import_columns:,}")
        row = list(cells)
        while row and row[-1] is None:
            row.pop()  # a row padded to the sheet's width: keep only what it holds
        for index, value in enumerate(row):
            if isinstance(value, str) and len(value) > limits.cell_characters:
                self.refuse_long(number, index, f"{len(value):,}")
        self.rows.append(row)

    def refuse_long(self, row: int, index: int | None, count: int | str) -> NoReturn:
        from openpyxl.utils import get_column_letter

        column = get_column_letter(index + 1) if index is not None else "?"
        raise _limit(CELL_TOO_LONG, self.source, "cell_characters", row=row, column=column, count=count,
                     limit=f"{self.limits.cell_characters:,}")


def _read_csv(source: Path, f: Any, limits: "LimitsSection") -> list[list[Any]]:
    import os

    size = os.fstat(f.fileno()).st_size
    if size > limits.import_bytes:
        raise _limit(TOO_LARGE, source, "import_megabytes", size=_size(size), limit=_size(limits.import_bytes))
    csv.field_size_limit(max(csv.field_size_limit(), limits.cell_characters + 1))
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 decodes any bytes
        f.seek(0)
        text = io.TextIOWrapper(f, encoding=encoding, newline="")
        try:
            head = text.read(4096)
            try:
                dialect: Any = csv.Sniffer().sniff(head, delimiters=",\t;")
            except csv.Error:
                dialect = csv.excel
            text.seek(0)
            rows = _Rows(source, source.name, limits)
            reader = csv.reader(text, dialect)
            try:
                for row in reader:
                    rows.add([_unneutralised(cell) for cell in row])
            except csv.Error as error:
                if "field larger" in str(error):
                    rows.refuse_long(reader.line_num, None, f"> {limits.cell_characters:,}")
                raise ValueError(str(error)) from None
            return rows.rows
        except UnicodeDecodeError:
            continue
        finally:
            text.detach()
    raise ValueError("unknown encoding")  # pragma: no cover


def _unneutralised(cell: str) -> str:
    """A cell as it was before an export neutralised it ('=… back to =…)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


_SHEET_PART = re.compile(r"xl/(worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.xml")


def _read_xlsx(source: Path, f: Any, sheet: str | None, limits: "LimitsSection") -> list[list[Any]]:
    import zipfile

    # First the zip's table of contents, which says how large each part unpacks (and
    # Python's zipfile never unpacks a part past what it says): nothing is inflated yet.
    with zipfile.ZipFile(f) as archive:
        parts = archive.infolist()
    unpacked = sum(p.file_size for p in parts)
    if unpacked > limits.import_bytes:
        raise _limit(TOO_LARGE, source, "import_megabytes", size=_size(unpacked), limit=_size(limits.import_bytes))
    for part in parts:
        if part.file_size > 1 << 20 and part.file_size > limits.packing_ratio * max(1, part.compress_size):
            raise _limit(PACKED_TOO_TIGHT, source, "packing_ratio", part=part.filename,
                         ratio=f"{part.file_size // max(1, part.compress_size):,}", packed=_size(part.compress_size),
                         size=_size(part.file_size), limit=limits.packing_ratio)
    sheets = sum(1 for p in parts if _SHEET_PART.fullmatch(p.filename))
    if sheets > limits.import_sheets:
        raise _limit(TOO_MANY_SHEETS, source, "import_sheets", count=f"{sheets:,}", limit=limits.import_sheets)
    from openpyxl import load_workbook  # only now: a refusal above costs no import of it

    f.seek(0)
    wb = load_workbook(f, read_only=True, data_only=True)
    try:
        if len(wb.sheetnames) > limits.import_sheets:
            raise _limit(TOO_MANY_SHEETS, source, "import_sheets", count=f"{len(wb.sheetnames):,}",
                         limit=limits.import_sheets)
        ws = wb[sheet] if sheet else wb.worksheets[0]
        declared = ws.max_row  # the sheet's <dimension ref="A1:V120">, read from its first lines
        if declared is not None and declared > limits.import_rows:
            raise _limit(TOO_MANY_ROWS, source, "import_rows", sheet=ws.title, count=f"{declared:,}",
                         limit=f"{limits.import_rows:,}")
        ws.reset_dimensions()  # each row as wide as its cells, not padded to what the sheet claims
        rows = _Rows(source, ws.title, limits)
        for row in ws.iter_rows(values_only=True):
            rows.add(row)
        return rows.rows
    finally:
        wb.close()


# -- in: mapping headers to fields ------------------------------------------------------------------


@dataclass
class Column:
    index: int
    header: str
    field: str | None  # None: not imported
    how: str  # label, synonym, map, ignored, unknown, duplicate

    def to_json(self) -> dict[str, Any]:
        return {"column": self.index + 1, "header": self.header, "field": self.field, "how": self.how}


@dataclass
class Row:
    line: int  # the row's number in the sheet, from 1, as Excel shows it
    values: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    hints: dict[str, Text] = field(default_factory=dict)  # field → why its value may have failed


@dataclass
class RowFailure:
    line: int
    name: str
    problems: list[Problem]
    hints: list[Text] = field(default_factory=list)

    def messages(self, register: Register, lang: str = HANT) -> list[str]:
        out = [p.message(lang, register.label(p.field, lang) if p.field else "") for p in self.problems]
        return out + [h(lang) for h in self.hints]

    def to_json(self, register: Register, lang: str = HANT) -> dict[str, Any]:
        return {"row": self.line, "name": self.name, "problems": self.messages(register, lang)}


@dataclass
class ImportPlan:
    """How a file would be imported: where its header is, what each column becomes, the rows."""

    register: Register
    path: Path
    header_line: int
    columns: list[Column]
    rows: list[Row]
    skipped: list[int]  # footer lines read past

    @property
    def mapping(self) -> dict[str, str]:
        return {c.header: c.field for c in self.columns if c.field}

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        return {
            "register": self.register.slug, "file": str(self.path), "header_row": self.header_line,
            "columns": [{**c.to_json(), "label": self.register.label(c.field, lang) if c.field else None}
                        for c in self.columns],
            "rows": len(self.rows), "skipped_rows": self.skipped,
            "notes": [{"row": r.line, "text": n} for r in self.rows for n in r.notes],
        }


def _header_lookup(reg: Register) -> dict[str, str]:
    """Folded header text → field: labels in the three languages, with and without what
    they hold in brackets, names, and the synonyms of the fields this register has."""
    found: dict[str, str] = {}

    def put(text: str, name: str) -> None:
        for variant in (text, _without_brackets(text)):
            key = _fold(variant)
            if key:
                found.setdefault(key, name)

    for name, spec in reg.fields.items():
        put(name, name)
        for label in spec.label.variants():
            put(label, name)
    for name, words in SYNONYMS.items():
        if name in reg.fields:
            for word in words:
                put(word, name)
    for _, text in reg.derived:  # counted columns of an export (應到, 實到): read past them
        for label in text.variants():
            put(label, _DERIVED)
    return found


_DERIVED = "\0derived"


def _match_header(text: str, lookup: Mapping[str, str]) -> tuple[str | None, str]:
    for variant in (text, _without_brackets(text)):
        key = _fold(variant)
        if key in lookup:
            name = lookup[key]
            return (None, "ignored") if name == _DERIVED else (name, "label")
    key = _fold(_without_brackets(text))
    if key in {_fold(h) for h in IGNORED_HEADERS}:
        return None, "ignored"
    return None, "unknown"


def _parse_maps(reg: Register, maps: Iterable[str] | Mapping[str, str] | None) -> dict[str, str | None]:
    """--map HEADER=FIELD (FIELD a name or label; - or empty: leave the column out)."""
    if not maps:
        return {}
    pairs = maps.items() if isinstance(maps, Mapping) else [(*p.split("=", 1),) if "=" in p else (p,) for p in maps]
    out: dict[str, str | None] = {}
    for pair in pairs:
        if len(pair) != 2:
            raise StoreError(BAD_MAP, pair=pair[0])
        header, target = str(pair[0]).strip(), str(pair[1]).strip()
        if target in ("", "-", "—"):
            out[_fold(header)] = None
            continue
        name = reg.field_named(target)
        if name is None:
            raise StoreError(MAP_UNKNOWN_FIELD, field=target, title=reg.title, fields="、".join(reg.fields))
        out[_fold(header)] = name
    return out


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _find_header(rows: list[list[Any]], lookup: Mapping[str, str], maps: Mapping[str, Any]) -> int | None:
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [_cell_text(c) for c in row]
        score = 0
        for text in texts:
            if not text:
                continue
            if _fold(text) in maps or _match_header(text, lookup)[0] is not None:
                score += 1
        if score > best_score:
            best, best_score = i, score
    if best is None or (best_score < 2 and not maps):
        return None if best_score == 0 else best
    return best


def plan_import(
    store: "Store",
    register: str,
    path: str | Path,
    *,
    maps: Iterable[str] | Mapping[str, str] | None = None,
    branch: str | None = None,
    sheet: str | None = None,
) -> ImportPlan:
    """Read a file and work out how it would be imported: header row, column → field,
    each row's values. Nothing is validated or saved yet."""
    reg = store.register(register)
    rows = read_rows(path, sheet, store.settings.limits)
    lookup = _header_lookup(reg)
    chosen = _parse_maps(reg, maps)
    header_at = _find_header(rows, lookup, chosen)
    if header_at is None:
        raise StoreError(NO_HEADER, path=str(path), rows=HEADER_SEARCH_ROWS)
    headers = [_cell_text(c) for c in rows[header_at]]
    folded_headers = {_fold(h) for h in headers if h}
    for key in chosen:
        if key not in folded_headers:
            shown = next((h for h in (maps if not isinstance(maps, Mapping) else maps.keys()) or []
                          if _fold(str(h).split("=", 1)[0]) == key), key)
            raise StoreError(MAP_UNKNOWN_HEADER, header=str(shown).split("=", 1)[0], row=header_at + 1,
                             headers="、".join(h for h in headers if h))
    columns: list[Column] = []
    used: set[str] = set()
    for index, header in enumerate(headers):
        if not header:
            continue
        key = _fold(header)
        if key in chosen:
            name, how = chosen[key], "map" if chosen[key] else "ignored"
        else:
            name, how = _match_header(header, lookup)
        if name is not None and name in used:
            name, how = None, "duplicate"
        if name is not None:
            used.add(name)
        columns.append(Column(index, header, name, how))
    missing = [n for n, spec in reg.fields.items() if spec.required and n not in used]
    if missing:
        raise StoreError(MISSING_COLUMNS, fields="、".join(reg.label(n, HANT) for n in missing))
    plan_rows: list[Row] = []
    skipped: list[int] = []
    for number, raw in enumerate(rows[header_at + 1:], start=header_at + 2):
        texts = [_cell_text(c) for c in raw]
        if not any(texts):
            continue
        first = next(t for t in texts if t)
        if any(_fold(first).startswith(_fold(f)) for f in FOOTERS):
            skipped.append(number)
            continue
        plan_rows.append(_row(reg, number, raw, columns, branch))
    return ImportPlan(reg, Path(path), header_at + 1, columns, plan_rows, skipped)


_MONTH_ONLY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_TRUE = {"是", "√", "✓", "✔", "y", "yes", "true", "1", "有"}
_FALSE = {"否", "×", "✗", "n", "no", "false", "0", "沒有", "没有"}


def _row(reg: Register, number: int, raw: Sequence[Any], columns: list[Column], branch: str | None) -> Row:
    values: dict[str, Any] = {}
    row = Row(number, values)
    for column in columns:
        if column.field is None or column.index >= len(raw):
            continue
        cell = raw[column.index]
        spec = reg.fields[column.field]
        if isinstance(cell, datetime):
            cell = cell.date()
        if isinstance(cell, float) and spec.kind == "id_number" and cell > 1e14:
            row.hints[column.field] = NUMBER_LOST  # 18 digits do not survive as a number
        text = cell if isinstance(cell, date) else _cell_text(cell)
        if isinstance(text, str):
            text = text.replace("\u3000", " ").strip()
            if halfwidth(text).strip() in BLANKS:
                continue
        if spec.kind == "bool" and isinstance(text, str):
            lowered = halfwidth(text).strip().lower()
            text = True if lowered in _TRUE else False if lowered in _FALSE else text
        if spec.kind == "attendance" and isinstance(text, str):
            text = _parse_attendance(text)
        elif spec.many and isinstance(text, str):
            text = [p.strip() for p in re.split(r"[,,、;;]", text) if p.strip()]
        values[column.field] = text
    for name, spec in reg.fields.items():  # a month where a day is asked for (出生年月 1968.03)
        value = values.get(name)
        if spec.kind != "date" or not isinstance(value, str):
            continue
        match = _MONTH_ONLY.fullmatch(halfwidth(value).strip())
        if not match:
            continue
        year, month = int(match.group(1)), int(match.group(2))
        if name == "birth_date" and values.get("id_number"):
            number_text = halfwidth(str(values["id_number"])).strip()
            born = number_text[6:12] if len(number_text) == 18 else "19" + number_text[6:10] if len(number_text) == 15 else ""
            if born == f"{year:04d}{month:02d}":
                del values[name]
                row.notes.append(BIRTH_FROM_ID(HANT, value=value))
                continue
        if 1 <= month <= 12:
            values[name] = f"{year:04d}-{month:02d}-01"
            row.notes.append(MONTH_ONLY(HANT, label=spec.label.hant, value=value))
    if branch and "branch" in reg.fields and not values.get("branch"):
        values["branch"] = branch
    return row


def _parse_attendance(text: str) -> list[dict[str, str]]:
    """張桂英、李國華(缺席:生病), as the export writes it."""
    out = []
    for part in re.split(r"[,,、;;]", text):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(.+?)[((]([^)):]+)(?:[::](.*))?[))]", part)
        if match:
            row = {"member": match.group(1).strip(), "status": match.group(2).strip()}
            if match.group(3):
                row["reason"] = match.group(3).strip()
            out.append(row)
        else:
            out.append({"member": part})
    return out


# -- in: validating and saving ----------------------------------------------------------------------


@dataclass
class Imported:
    ids: list[str]
    failures: list[RowFailure]
    total: int


class ImportRefused(StoreError):
    """Some rows are wrong, so nothing was imported."""

    def __init__(self, failures: list[RowFailure], total: int) -> None:
        super().__init__(REFUSED, bad=len(failures), total=total, good=total - len(failures))
        self.failures = failures
        self.total = total


def _failures(plan: ImportPlan, failure: ValidationFailed, rows: list[Row]) -> list[RowFailure]:
    by_row: dict[int, list[Problem]] = {}
    for problem in failure.problems:
        number = int(problem.params.get("row", 0))
        params = {k: v for k, v in problem.params.items() if k != "row"}
        by_row.setdefault(number, []).append(Problem(problem.field, problem.code, params))
    out = []
    for number, problems in sorted(by_row.items()):
        row = rows[number - 1] if 0 < number <= len(rows) else Row(0, {})
        if all(p.code.startswith("reference_") for p in problems):
            problems += _field_problems(plan.register, row.values)  # the store stopped at the reference
        name = str(row.values.get(plan.register.name_field, ""))
        hints = [row.hints[p.field] for p in problems if p.field in row.hints]
        out.append(RowFailure(row.line, name, problems, list(dict.fromkeys(hints))))
    return out


def _field_problems(reg: Register, values: Mapping[str, Any]) -> list[Problem]:
    """What else is wrong with a row whose reference was not found, so the report lists
    every problem of the row at once."""
    from storage.records import validate

    refs = set(reg.references) | {n for n, spec in reg.fields.items() if spec.kind == "attendance"}
    try:
        validate(reg, {k: v for k, v in values.items() if k not in refs})
    except ValidationFailed as failure:
        return [p for p in failure.problems if p.field not in refs]
    return []


def check_import(store: "Store", plan: ImportPlan) -> list[RowFailure]:
    """Validate every row as a save would (references, uniqueness, each field), saving nothing."""
    try:
        store.add_many(plan.register.slug, [r.values for r in plan.rows], check_only=True)
    except ValidationFailed as failure:
        return _failures(plan, failure, plan.rows)
    return []


def run_import(store: "Store", plan: ImportPlan, *, only_good: bool = False) -> Imported:
    """Import every row, or none: if any row is wrong, :class:`ImportRefused` lists them
    all and nothing is saved. With ``only_good`` the good rows are imported and the bad
    ones reported."""
    failures = check_import(store, plan)
    if failures and not only_good:
        raise ImportRefused(failures, len(plan.rows))
    bad_lines = {f.line for f in failures}
    good = [r for r in plan.rows if r.line not in bad_lines]
    for _ in range(5):  # a row may have been good only beside a bad one (two rows, one 身份證號)
        try:
            store.add_many(plan.register.slug, [r.values for r in good], check_only=True)
            break
        except ValidationFailed as failure:
            more = _failures(plan, failure, good)
            failures += more
            lines = {f.line for f in more}
            good = [r for r in good if r.line not in lines]
    ids = store.add_many(plan.register.slug, [r.values for r in good]) if good else []
    return Imported(ids, sorted(failures, key=lambda f: f.line), len(plan.rows))
