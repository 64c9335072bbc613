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

The package: :mod:`~storage.tables.texts` (what it says, the words rosters use),
:mod:`~storage.tables.cells` (what a cell shows), :mod:`~storage.tables.exporting` (out),
:mod:`~storage.tables.reading` (a file read into rows), :mod:`~storage.tables.importing`
(headers mapped to fields, rows validated and saved).
"""

from __future__ import annotations

from storage.tables.cells import FORMULA_START, columns_of, neutralised
from storage.tables.exporting import Exported, checklist_rows, export, target_rows
from storage.tables.importing import (
    Column,
    Imported,
    ImportPlan,
    ImportRefused,
    Row,
    RowFailure,
    check_import,
    plan_import,
    run_import,
)
from storage.tables.reading import read_rows
from storage.tables.texts import (
    ALL_NEEDS_XLSX,
    BAD_MAP,
    BAD_SUFFIX,
    BIRTH_FROM_ID,
    CELL_TOO_LONG,
    FOOTERS,
    ID_HEADER,
    IGNORED_HEADERS,
    MAP_UNKNOWN_FIELD,
    MAP_UNKNOWN_HEADER,
    MISSING_COLUMNS,
    MONTH_ONLY,
    NO_HEADER,
    NUMBER_LOST,
    OLD_EXCEL,
    PACKED_TOO_TIGHT,
    REFUSED,
    TOO_LARGE,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    TOO_MANY_SHEETS,
    UNREADABLE,
)

__all__ = [
    "ALL_NEEDS_XLSX", "BAD_MAP", "BAD_SUFFIX", "BIRTH_FROM_ID", "CELL_TOO_LONG", "FOOTERS", "FORMULA_START",
    "ID_HEADER", "IGNORED_HEADERS", "MAP_UNKNOWN_FIELD", "MAP_UNKNOWN_HEADER", "MISSING_COLUMNS", "MONTH_ONLY",
    "NO_HEADER", "NUMBER_LOST", "OLD_EXCEL", "PACKED_TOO_TIGHT", "REFUSED", "TOO_LARGE",
    "TOO_MANY_COLUMNS", "TOO_MANY_ROWS", "TOO_MANY_SHEETS", "UNREADABLE",
    "Column", "Exported", "ImportPlan", "ImportRefused", "Imported", "Row", "RowFailure", "check_import",
    "checklist_rows", "columns_of", "export", "neutralised", "plan_import", "read_rows", "run_import",
    "target_rows",
]
