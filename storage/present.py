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

import json
from typing import TYPE_CHECKING, Any, Callable, Mapping

from storage.fields import mask_id_number
from storage.i18n import EN, HANT, Text
from storage.text import visible

if TYPE_CHECKING:
    from storage.registers.base import Register
    from storage.store import Store

YES = Text("是", "是", "yes")
NO = Text("否", "否", "no")


def as_text(value: Any) -> str:
    """Any stored value as plain text: a text as it is, nothing as "", anything else (a
    number, a dict or list where a text belongs) as its JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, default=str)


def show_value(
    store: "Store | None",
    register: "Register",
    field: str,
    record: Mapping[str, Any],
    lang: str = HANT,
    *,
    reveal: bool = False,
) -> str:
    """One field of one record, as a person reads it (control characters escaped; line
    breaks kept, for a multi-line field shown whole)."""
    return visible(_shown(store, register, field, record, lang, reveal))


def _shown(store: "Store | None", register: "Register", field: str, record: Mapping[str, Any],
           lang: str, reveal: bool) -> str:
    for name, _ in register.derived:
        if name == field:
            from storage.records import model_of

            try:
                return str(getattr(model_of(register, record), name))
            except Exception:
                return ""
    spec = register.fields.get(field)
    value = record.get(field)
    if spec is None or value is None or value == "" or value == []:
        return "" if spec is None or spec.kind != "bool" else NO(lang)
    if spec.kind == "attendance":
        if not isinstance(value, list):
            return as_text(value)
        present = sum(1 for row in value if isinstance(row, dict) and row.get("status", "present") == "present")
        return f"{present}/{len(value)}"
    if spec.ref:
        values = value if isinstance(value, list) else [value]
        return "、".join(referenced_name(store, spec.ref, v) for v in values)
    if spec.choices is not None:
        return spec.choices.label(value, lang) if isinstance(value, str) else as_text(value)
    if spec.kind == "id_number" and not reveal:
        return mask_id_number(as_text(value))
    if isinstance(value, bool):
        return (YES if value else NO)(lang)
    if isinstance(value, list):
        return "、".join(as_text(v) for v in value)
    return as_text(value)


def referenced_name(store: "Store | None", target: str, value: Any) -> str:
    """What a reference shows: the name of the record it points to, else the start of its
    id (a record not here), else the value itself (not an id at all)."""
    if not isinstance(value, str):
        return as_text(value)
    if store is None:
        return value
    return store.name_of(target, value) or value[:8]


def lang_sep(lang: str) -> str:
    return ": " if lang == EN else ":"


def formatter(
    store: "Store | None", register: "Register", field: str, lang: str = HANT, *, reveal: bool = False
) -> "Callable[[Mapping[str, Any]], str]":
    """A function showing one column of many records, as :func:`show_value` does, with the
    per-column work (labels of choices, names of references) done once."""
    spec = register.fields.get(field)
    if spec is None or spec.kind in ("attendance", "bool") or any(n == field for n, _ in register.derived):
        return lambda record: show_value(store, register, field, record, lang, reveal=reveal)
    if spec.ref and store is not None and not spec.many:
        names: dict[str, str] = {}
        target = spec.ref

        def referenced(record: Mapping[str, Any]) -> str:
            value = record.get(field)
            if not value:
                return ""
            if not isinstance(value, str):
                return visible(as_text(value))
            name = names.get(value)
            if name is None:
                name = names[value] = visible(referenced_name(store, target, value))
            return name

        return referenced
    if spec.choices is not None:
        labels = {code: text(lang) for code, text in spec.choices.options.items()}

        def chosen(record: Mapping[str, Any]) -> str:
            value = record.get(field)
            if value is None:
                return ""
            if isinstance(value, str):
                return labels.get(value) or visible(value)  # a code no longer offered: itself
            return visible(as_text(value))

        return chosen
    if spec.kind == "id_number" and not reveal:
        return lambda record: visible(mask_id_number(as_text(record.get(field))))
    if spec.many:
        return lambda record: show_value(store, register, field, record, lang, reveal=reveal)
    return lambda record: visible(as_text(record.get(field)))
