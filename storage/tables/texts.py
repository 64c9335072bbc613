"""What the tables say: refusals and warnings of an import or an export, and the words
rosters use for a field."""

from __future__ import annotations

import re
from typing import Any

from storage.fields import halfwidth
from storage.i18n import Text
from storage.messages import StoreError

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
NO_BRANCH_GIVEN = T(
    "沒有寫所屬支部。請在表裡加一欄「所屬支部」,或用 --branch 指定(在程序裡:先選好支部,再在它的登記冊裡導入)。",
    "没有写所属支部。请在表里加一栏“所属支部”,或用 --branch 指定(在程序里:先选好支部,再在它的登记册里导入)。",
    "no branch is given. Add a branch column, or give one with --branch (in the app: choose "
    "the branch first, then import from its register).",
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


def refusal(text: Text, **params: Any) -> StoreError:
    """A refusal whose parameters are put in now (the file's name may hold braces)."""
    from storage.i18n import LANGUAGES

    return StoreError(T(*(text(lang, **params) for lang in LANGUAGES)))


def size_text(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)  # pragma: no cover


#: Columns a roster carries that are not fields: read past, not reported as unknown.
IGNORED_HEADERS = ("序號", "序", "編號", "年齡", "id", "no", "#", "周歲")
#: A row whose first cell starts so is a roster's footer, not a person.
FOOTERS = ("合計", "總計", "小計", "填表", "製表", "制表", "審核", "負責人", "填報", "說明:")
HEADER_SEARCH_ROWS = 15


def fold_header(text: Any) -> str:
    """A header or value as compared: simplified, lower case, no spaces or punctuation."""
    from storage.search_keys import simplify

    return simplify(halfwidth(str(text or "")).replace("：", "").replace(":", "").replace("*", ""))


def without_brackets(text: str) -> str:
    return re.sub(r"[((\[【][^))\]】]*[))\]】]", "", text)
