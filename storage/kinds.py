"""What each kind of field does, in one object per kind: read what people type (the
command line's ``--set``), show a stored value, write an export cell, read an import
cell, sort, and hint beside an empty input.

A register's field gets its kind from its declaration (:attr:`FieldSpec.field_kind`):
a meeting's roll is ``attendance``, a field pointing into another register a reference,
a closed list a choice, else the kind its type carries (id_number, date, money …).
The form, the tables, the command line, :mod:`storage.present` and the record screen
ask the kind; none of them branches on a field's kind name.

Whatever a record holds is shown, never an exception (see :mod:`storage.present`): a
value of the wrong type is shown as its JSON.

A new kind of field: its type in :mod:`storage.fields` (a parser, and ``Kind("name")``
in its ``Annotated``), a subclass of :class:`FieldKind` here overriding what differs,
and an entry in ``_KINDS``. The domain rules over records (a roll's counts and quorum,
an active member, a live dues entry) live beside the declarations in
:mod:`storage.registers`, not here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storage.fields import halfwidth, mask_id_number
from storage.i18n import Text
from storage.text import visible
from storage.text import width as text_width

if TYPE_CHECKING:
    from storage.registers.base import FieldSpec
    from storage.store import Store

T = Text

YES = T("是", "是", "yes")
NO = T("否", "否", "no")

#: Where a list typed on one line (the command line, a spreadsheet cell) is cut.
LIST_SEPARATORS = re.compile(r"[,,、;;]")


def as_text(value: Any) -> str:
    """Any stored value as plain text: a text as it is, nothing as "", anything else (a
    number, a dict or list where a text belongs) as its JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, default=str)


def referenced_name(store: Store | None, target: str, value: Any) -> str:
    """What a reference shows: the name of the record it points to, else the start of its
    id (a record not here), else the value itself (not an id at all)."""
    if not isinstance(value, str):
        return as_text(value)
    if store is None:
        return value
    return store.name_of(target, value) or value[:8]


def _split(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]


def _all_text(items: list[Any]) -> bool:
    return all(type(item) is str for item in items)


def _rows_sound(rows: list[Any]) -> bool:
    return all(type(row) is dict and type(row.get("member")) is str
               and all(type(v) is str or v is None for v in row.values()) for row in rows)


class FieldKind:
    """A plain text field; the other kinds change what differs."""

    name = "text"
    #: Shown beside an empty input (a field's own Hint comes first).
    hint: Text | None = None
    #: An export keeps a number of this kind a number (a CSV writes it unquoted).
    numeric = False
    #: What a form edits it with: "text", "long_text", "choice", "pick" or "roll".
    editor = "text"
    #: A record screen shows it on one line (a multi-line text keeps its lines).
    one_line = True
    #: It holds ids of other records (a reference; a roll's members).
    refers = False
    #: Columns a list shows it in, so widths never depend on the data (or its size).
    width = 12
    #: A list aligns it right (an amount, a count).
    right = False
    #: A new value of it is typed on one line (not chosen, picked or ticked off a roll).
    typed_on_a_line = True
    #: The types its stored value may have (in the JSON a register file holds).
    stored: tuple[type, ...] = (str,)
    #: Its value is rows, each naming a member by id (a meeting's roll).
    member_rows = False

    def stored_shape(self, spec: FieldSpec) -> tuple[tuple[type, ...], Callable[[list[Any]], bool] | None]:
        """What a stored value of it must look like to be read (storage.records.sound):
        its types, and for a list how its items are checked."""
        if spec.many or spec.kind == "list":
            return (list,), _all_text
        return self.stored, None

    def column_width(self, spec: FieldSpec, lang: str) -> int:
        """The columns a list gives it (before its label is fitted)."""
        return self.width

    # -- what people type -------------------------------------------------------------

    def typed(self, spec: FieldSpec, text: str) -> Any:
        """A value typed on one line (``--set``), as the register's model reads it: a list
        field's items cut at commas (or given as JSON)."""
        if spec.many:
            stripped = text.strip()
            return json.loads(stripped) if stripped.startswith("[") else _split(stripped)
        return text

    def given(self, spec: FieldSpec, text: str) -> Any:
        """A value a person gives to settle a conflict: JSON for a list, else the text."""
        if spec.many and text.strip().startswith("["):
            return json.loads(text)
        return text

    # -- showing --------------------------------------------------------------------------

    def show(self, store: Store | None, spec: FieldSpec, value: Any, lang: str, reveal: bool) -> str:
        """A stored value (not empty) as a person reads it, control characters not yet escaped."""
        if isinstance(value, bool):
            return (YES if value else NO)(lang)
        if isinstance(value, list):
            return "、".join(as_text(v) for v in value)
        return as_text(value)

    def empty(self, lang: str) -> str:
        """What an empty value shows."""
        return ""

    def column(self, store: Store | None, spec: FieldSpec, lang: str,
               reveal: bool) -> Callable[[Any], str] | None:
        """A function showing this field's stored value in many rows, with the per-column
        work done once; None when :meth:`show` is as fast."""
        if spec.many:
            return None
        return lambda value: visible(as_text(value))

    def history(self, value: Any, reveal: bool) -> Any:
        """A value as a record's history shows it (before it is shortened)."""
        return value

    def reveals(self) -> bool:
        """Whether the record screen's reveal key shows more of it."""
        return False

    # -- spreadsheets ------------------------------------------------------------------------

    def cell(self, raw: Any) -> Any:
        """A stored value as the spreadsheet's own type (a date, a number); None when it
        is not one, and the cell is written as the value is shown."""
        return None

    def export_text(self, store: Store | None, raw: Any, lang: str) -> str | None:
        """The cell's text when it is not the value as shown (a meeting's roll); else None."""
        return None

    def lost_in_cell(self, cell: Any) -> bool:
        """Whether a spreadsheet cell (as read) has lost what was typed in it."""
        return False

    def read_cell(self, spec: FieldSpec, text: Any) -> Any:
        """A spreadsheet cell (text with the spaces trimmed, a date, a number) as the
        model reads it: a list field's cell cut at commas."""
        if spec.many and isinstance(text, str):
            return _split(text)
        return text

    # -- sorting ------------------------------------------------------------------------------

    def sort_key(self, spec: FieldSpec) -> Callable[[Mapping[str, Any]], tuple[int, Any]]:
        """A record's sort key by this field: the empty ones last."""
        field = spec.name
        return lambda record: (0, str(record[field])) if record.get(field) not in (None, "") else (1, "")


class NameKind(FieldKind):
    """A person's name."""

    name = "name"
    width = 8


class LongTextKind(FieldKind):
    name = "long_text"
    width = 14
    editor = "long_text"
    one_line = False


class BoolKind(FieldKind):
    name = "bool"
    stored = (bool,)
    editor = "choice"
    width = 4
    typed_on_a_line = False
    TRUE = frozenset({"是", "√", "✓", "✔", "y", "yes", "true", "1", "有"})
    FALSE = frozenset({"否", "×", "✗", "n", "no", "false", "0", "沒有", "没有"})

    def empty(self, lang: str) -> str:
        return NO(lang)

    def column(self, store: Store | None, spec: FieldSpec, lang: str,
               reveal: bool) -> Callable[[Any], str] | None:
        return None

    def read_cell(self, spec: FieldSpec, text: Any) -> Any:
        if isinstance(text, str):
            lowered = halfwidth(text).strip().lower()
            return True if lowered in self.TRUE else False if lowered in self.FALSE else text
        return text


class DateKind(FieldKind):
    name = "date"
    width = 10
    hint = T("2026-11-26、20261126 或 2026年11月26日", "2026-11-26、20261126 或 2026年11月26日",
             "2026-11-26, 2026/11/26 or 20261126")

    def cell(self, raw: Any) -> Any:
        if isinstance(raw, str):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                return None
        return None


class MonthKind(FieldKind):
    name = "month"
    width = 7
    hint = T("2026-11 或 2026年11月", "2026-11 或 2026年11月", "2026-11 (year-month)")


class PhoneKind(FieldKind):
    name = "phone"
    hint = T("13812345678 或 0874-5123456", "13812345678 或 0874-5123456", "13812345678 or 0874-5123456")


class IdNumberKind(FieldKind):
    name = "id_number"
    width = 18
    hint = T("18 位,末位可為 X", "18 位,末位可为 X", "18 characters, the last may be X")

    def show(self, store: Store | None, spec: FieldSpec, value: Any, lang: str, reveal: bool) -> str:
        return super().show(store, spec, value, lang, reveal) if reveal else mask_id_number(as_text(value))

    def column(self, store: Store | None, spec: FieldSpec, lang: str,
               reveal: bool) -> Callable[[Any], str] | None:
        if reveal:
            return super().column(store, spec, lang, reveal)
        return lambda value: visible(mask_id_number(as_text(value)))

    def history(self, value: Any, reveal: bool) -> Any:
        return value if reveal or not value else mask_id_number(as_text(value))

    def reveals(self) -> bool:
        return True

    def lost_in_cell(self, cell: Any) -> bool:
        return isinstance(cell, float) and cell > 1e14  # 18 digits do not survive as a number


class CountKind(FieldKind):
    name = "count"
    stored = (int,)
    numeric = True
    width = 5
    right = True

    def cell(self, raw: Any) -> Any:
        return raw if isinstance(raw, int) and not isinstance(raw, bool) else None

    def sort_key(self, spec: FieldSpec) -> Callable[[Mapping[str, Any]], tuple[int, Any]]:
        field = spec.name
        return lambda record: (0, int(record[field])) if record.get(field) is not None else (1, 0)


class YearKind(CountKind):
    name = "year"
    width = 12
    right = False

    def sort_key(self, spec: FieldSpec) -> Callable[[Mapping[str, Any]], tuple[int, Any]]:
        return FieldKind.sort_key(self, spec)  # a year sorts as its text, as it always has


class MoneyKind(FieldKind):
    name = "money"
    stored = (str, int, float)  # "0.50" as saved; a number from an older version is read too
    numeric = True
    width = 8
    right = True
    hint = T("元,如 0.50", "元,如 0.50", "yuan, e.g. 0.50")

    def cell(self, raw: Any) -> Any:
        if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
            try:
                amount = Decimal(str(raw))
            except ArithmeticError:
                return None
            return amount if amount.is_finite() else None
        return None

    def sort_key(self, spec: FieldSpec) -> Callable[[Mapping[str, Any]], tuple[int, Any]]:
        field = spec.name
        return lambda record: (0, float(record[field])) if record.get(field) is not None else (1, 0.0)


class ChoiceKind(FieldKind):
    """A closed list: a code kept, its label shown (a code no longer offered: itself)."""

    name = "choice"
    editor = "choice"
    typed_on_a_line = False

    def column_width(self, spec: FieldSpec, lang: str) -> int:
        assert spec.choices is not None
        return min(12, max(text_width(text) for text in spec.choices.labels(lang)))

    def show(self, store: Store | None, spec: FieldSpec, value: Any, lang: str, reveal: bool) -> str:
        assert spec.choices is not None
        return spec.choices.label(value, lang) if isinstance(value, str) else as_text(value)

    def column(self, store: Store | None, spec: FieldSpec, lang: str,
               reveal: bool) -> Callable[[Any], str] | None:
        assert spec.choices is not None
        labels = {code: text(lang) for code, text in spec.choices.options.items()}

        def chosen(value: Any) -> str:
            if value is None:
                return ""
            if isinstance(value, str):
                return labels.get(value) or visible(value)
            return visible(as_text(value))

        return chosen

    def sort_key(self, spec: FieldSpec) -> Callable[[Mapping[str, Any]], tuple[int, Any]]:
        """In the order the list offers its options."""
        assert spec.choices is not None
        field = spec.name
        # keyed by object: a stored value is looked up whatever it is (a hand edit may be a number)
        order: dict[object, int] = {code: i for i, code in enumerate(spec.choices.options)}
        return lambda record: (0, order.get(record.get(field), 99)) if record.get(field) else (1, 0)


class ReferenceKind(FieldKind):
    """The id of a record of another register (or a list of them), shown by its name."""

    name = "ref"
    editor = "pick"
    refers = True
    typed_on_a_line = False

    def column_width(self, spec: FieldSpec, lang: str) -> int:
        return 8 if spec.ref == "members" else 10  # a member is a name

    def show(self, store: Store | None, spec: FieldSpec, value: Any, lang: str, reveal: bool) -> str:
        assert spec.ref is not None
        values = value if isinstance(value, list) else [value]
        return "、".join(referenced_name(store, spec.ref, v) for v in values)

    def column(self, store: Store | None, spec: FieldSpec, lang: str,
               reveal: bool) -> Callable[[Any], str] | None:
        if store is None or spec.many:
            return None
        assert spec.ref is not None
        names: dict[str, str] = {}
        target = spec.ref

        def referenced(value: Any) -> str:
            if not value:
                return ""
            if not isinstance(value, str):
                return visible(as_text(value))
            name = names.get(value)
            if name is None:
                name = names[value] = visible(referenced_name(store, target, value))
            return name

        return referenced


class AttendanceKind(FieldKind):
    """A meeting's roll: rows of a member, a status and, when absent, why.

    Two text forms, each kept where people already use it: the command line's
    ``張桂英:absent:生病`` (a status as its code or label), and the spreadsheet's
    ``張桂英(缺席:生病)``, which the export writes and the import reads back."""

    member_rows = True

    def stored_shape(self, spec: FieldSpec) -> tuple[tuple[type, ...], Callable[[list[Any]], bool] | None]:
        return (list,), _rows_sound

    name = "attendance"
    editor = "roll"
    refers = True
    width = 7
    typed_on_a_line = False

    def typed(self, spec: FieldSpec, text: str) -> Any:
        stripped = text.strip()
        if stripped.startswith("["):
            return json.loads(stripped)
        return [self.typed_row(item) for item in _split(stripped)]

    @staticmethod
    def typed_row(item: str) -> dict[str, str]:
        """張桂英, 張桂英:absent:生病 or 張桂英:列席."""
        parts = item.split(":")
        row = {"member": parts[0]}
        if len(parts) > 1 and parts[1]:
            row["status"] = parts[1]
        if len(parts) > 2 and parts[2]:
            row["reason"] = parts[2]
        return row

    def show(self, store: Store | None, spec: FieldSpec, value: Any, lang: str, reveal: bool) -> str:
        """實到/rows on the roll."""
        if not isinstance(value, list):
            return as_text(value)
        from storage.registers.books import roll_counts

        return f"{roll_counts(value)[1]}/{len(value)}"

    def column(self, store: Store | None, spec: FieldSpec, lang: str,
               reveal: bool) -> Callable[[Any], str] | None:
        return None

    def history(self, value: Any, reveal: bool) -> Any:
        return f"{len(value) if isinstance(value, list) else 0}"

    def export_text(self, store: Store | None, raw: Any, lang: str) -> str | None:
        """A meeting's roll as names (and why the absent were absent), whatever the stored
        rows hold: a row that is not a row (a hand edit) is shown as it is."""
        from storage.registers.books import ATTENDANCE

        rows = raw or []
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

    def read_cell(self, spec: FieldSpec, text: Any) -> Any:
        """張桂英、李國華(缺席:生病), as the export writes it."""
        if not isinstance(text, str):
            return text
        out = []
        for part in LIST_SEPARATORS.split(text):
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


_KINDS: dict[str, FieldKind] = {k.name: k for k in (
    FieldKind(), NameKind(), LongTextKind(), BoolKind(), DateKind(), MonthKind(), PhoneKind(), IdNumberKind(),
    CountKind(), YearKind(), MoneyKind(), ChoiceKind(), ReferenceKind(), AttendanceKind(),
)}
TEXT = _KINDS["text"]


def kind_for(spec: FieldSpec) -> FieldKind:
    """The kind of a declared field: a roll, a reference, a choice, or its type's kind."""
    if spec.kind == "attendance":
        return _KINDS["attendance"]
    if spec.ref:
        return _KINDS["ref"]
    if spec.choices is not None:
        return _KINDS["choice"]
    return _KINDS.get(spec.kind, TEXT)
