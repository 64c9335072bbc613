"""How values are shown to people: choices as labels, references as names, 身份證號 masked.

The command line, the screens and the Excel export all show values through here, so a
register's columns look the same everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping

from storage.fields import mask_id_number
from storage.i18n import EN, HANT, Text

if TYPE_CHECKING:
    from storage.registers.base import Register
    from storage.store import Store

YES = Text("是", "是", "yes")
NO = Text("否", "否", "no")


def show_value(
    store: "Store | None",
    register: "Register",
    field: str,
    record: Mapping[str, Any],
    lang: str = HANT,
    *,
    reveal: bool = False,
) -> str:
    """One field of one record, as a person reads it."""
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
        present = sum(1 for row in value if row.get("status", "present") == "present")
        return f"{present}/{len(value)}"
    if spec.ref:
        if store is None:
            return str(value)
        values = value if isinstance(value, list) else [value]
        return "、".join(store.name_of(spec.ref, v) or str(v)[:8] for v in values)
    if spec.choices is not None:
        return spec.choices.label(value, lang)
    if spec.kind == "id_number" and not reveal:
        return mask_id_number(value)
    if spec.kind == "bool" or isinstance(value, bool):
        return (YES if value else NO)(lang)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


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
            name = names.get(value)
            if name is None:
                name = names[value] = store.name_of(target, value) or str(value)[:8]
            return name

        return referenced
    if spec.choices is not None:
        labels = {code: text(lang) for code, text in spec.choices.options.items()}
        return lambda record: labels.get(record.get(field), "") if record.get(field) is not None else ""
    if spec.kind == "id_number" and not reveal:
        return lambda record: mask_id_number(record.get(field))
    if spec.many:
        return lambda record: show_value(store, register, field, record, lang, reveal=reveal)
    return lambda record: "" if record.get(field) is None else str(record.get(field))
