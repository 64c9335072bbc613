"""In: reading a roster file (XLSX or CSV) into rows of cells, within the limits."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from storage.i18n import Text, os_reason
from storage.messages import StoreError
from storage.tables.cells import FORMULA_START
from storage.tables.texts import (
    BAD_SUFFIX,
    CELL_TOO_LONG,
    OLD_EXCEL,
    PACKED_TOO_TIGHT,
    TOO_LARGE,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    TOO_MANY_SHEETS,
    UNREADABLE,
    refusal,
    size_text,
)

if TYPE_CHECKING:
    from storage.settings import LimitsSection

T = Text


# -- in: reading a file ---------------------------------------------------------------------------


def read_rows(path: str | Path, sheet: str | None = None, limits: LimitsSection | None = None) -> list[list[Any]]:
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
    except OSError as error:  # the system's refusal, in the user's language
        raise StoreError(UNREADABLE, path=str(source), detail=os_reason(error)) from None
    except (ValueError, KeyError, IndexError) as error:
        raise StoreError(UNREADABLE, path=str(source), detail=str(error) or type(error).__name__) from None
    except Exception as error:  # a damaged workbook: zipfile, XML errors
        raise StoreError(UNREADABLE, path=str(source), detail=f"{type(error).__name__}: {error}") from None


def _limit(text: Text, source: Path, setting: str, **params: Any) -> StoreError:
    return refusal(text, path=str(source), setting=setting, **params)


class _Rows:
    """Rows as they are read, held to the row, column and cell limits as they come."""

    def __init__(self, source: Path, sheet: str, limits: LimitsSection) -> None:
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


def _read_csv(source: Path, f: Any, limits: LimitsSection) -> list[list[Any]]:
    import os

    size = os.fstat(f.fileno()).st_size
    if size > limits.import_bytes:
        raise _limit(TOO_LARGE, source, "import_megabytes", size=size_text(size), limit=size_text(limits.import_bytes))
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


def _read_xlsx(source: Path, f: Any, sheet: str | None, limits: LimitsSection) -> list[list[Any]]:
    import zipfile

    # First the zip's table of contents, which says how large each part unpacks (and
    # Python's zipfile never unpacks a part past what it says): nothing is inflated yet.
    with zipfile.ZipFile(f) as archive:
        parts = archive.infolist()
    unpacked = sum(p.file_size for p in parts)
    if unpacked > limits.import_bytes:
        raise _limit(TOO_LARGE, source, "import_megabytes", size=size_text(unpacked), limit=size_text(limits.import_bytes))
    for part in parts:
        if part.file_size > 1 << 20 and part.file_size > limits.packing_ratio * max(1, part.compress_size):
            raise _limit(PACKED_TOO_TIGHT, source, "packing_ratio", part=part.filename,
                         ratio=f"{part.file_size // max(1, part.compress_size):,}", packed=size_text(part.compress_size),
                         size=size_text(part.file_size), limit=limits.packing_ratio)
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
