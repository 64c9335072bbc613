"""How values are shown to people: choices as labels, references as names, 身份證號 masked.

The command line, the screens and the Excel export all show values through here, so a
register's columns look the same everywhere.

Whatever a record holds is shown, never an exception: a store may hold what the registers
now refuse (an older version's, a hand edit's, a forged bundle's) — a dict where a choice
belongs, a number where a date does, an escape sequence in a name. A value of the wrong
type is shown as its JSON, and every control character as an escape (\\x1b), so what is
shown is safe to print whatever the store holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from storage.i18n import EN, HANT
from storage.kinds import NO, YES, as_text, referenced_name
from storage.text import visible

if TYPE_CHECKING:
    from storage.registers.base import Register
    from storage.store import Store

__all__ = ["NO", "YES", "as_text", "formatter", "lang_sep", "referenced_name", "show_value"]


def show_value(
    store: Store | None,
    register: Register,
    field: str,
    record: Mapping[str, Any],
    lang: str = HANT,
    *,
    reveal: bool = False,
) -> str:
    """One field of one record, as a person reads it (control characters escaped; line
    breaks kept, for a multi-line field shown whole)."""
    return visible(_shown(store, register, field, record, lang, reveal))


def _shown(store: Store | None, register: Register, field: str, record: Mapping[str, Any],
           lang: str, reveal: bool) -> str:
    for name, _ in register.derived:
        if name == field:
            from storage.records import model_of

            try:
                return str(getattr(model_of(register, record), name))
            except Exception:
                return ""
    spec = register.fields.get(field)
    if spec is None:
        return ""
    value = record.get(field)
    kind = spec.field_kind
    if value is None or value == "" or value == []:
        return kind.empty(lang)
    return kind.show(store, spec, value, lang, reveal)


def lang_sep(lang: str) -> str:
    return ": " if lang == EN else ":"


def formatter(
    store: Store | None, register: Register, field: str, lang: str = HANT, *, reveal: bool = False
) -> Callable[[Mapping[str, Any]], str]:
    """A function showing one column of many records, as :func:`show_value` does, with the
    per-column work (labels of choices, names of references) done once."""
    spec = register.fields.get(field)
    column = None
    if spec is not None and not any(n == field for n, _ in register.derived):
        column = spec.field_kind.column(store, spec, lang, reveal)
    if column is None:
        return lambda record: show_value(store, register, field, record, lang, reveal=reveal)
    return lambda record: column(record.get(field))
