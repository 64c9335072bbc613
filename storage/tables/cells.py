"""What a cell shows: a register's columns written for a spreadsheet, typed for XLSX and
neutralised where a spreadsheet would take text for a formula."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from storage.i18n import Text
from storage.registers.base import Register
from storage.tables.texts import ID_HEADER

if TYPE_CHECKING:
    from storage.store import Store

T = Text


# -- what a cell shows ------------------------------------------------------------------------------


def columns_of(reg: Register) -> list[str]:
    """A register's columns in an export: every field, then the derived ones."""
    return [*reg.fields, *(name for name, _ in reg.derived)]


class Cells:
    """How each column of a register is written: typed for XLSX (dates, numbers), text for CSV."""

    def __init__(self, store: Store, reg: Register, lang: str, *, typed: bool, reveal: bool) -> None:
        from storage.present import formatter

        self.store, self.reg, self.lang, self.typed = store, reg, lang, typed
        self.columns = columns_of(reg)
        self.show = {c: formatter(store, reg, c, lang, reveal=reveal) for c in self.columns}
        self.kinds = {name: spec.field_kind for name, spec in reg.fields.items()}
        # A counted column (應到, 實到) is a number too.
        self.numeric = [self.kinds[c].numeric if c in self.kinds else True for c in self.columns]

    def value(self, record: Mapping[str, Any], column: str) -> Any:
        kind = self.kinds.get(column)
        raw = record.get(column)
        if kind is not None:
            text = kind.export_text(self.store, raw, self.lang)
            if text is not None:
                return text
            if self.typed and raw not in (None, ""):
                typed = kind.cell(raw)
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


_NUMBER = re.compile(r"-?\d+(\.\d+)?")
#: What makes Excel or WPS read a cell as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: Any) -> Any:
    """Text that would start a formula, with a leading ' so the spreadsheet shows it as
    text (OWASP's advice); a lone "-" cannot start one and stays as it is."""
    if isinstance(text, str) and text.startswith(FORMULA_START) and text != "-":
        return "'" + text
    return text


def cell_width(value: Any) -> int:
    from storage.text import width

    if isinstance(value, date):
        return 10
    return width(str(value)) if value is not None else 0
