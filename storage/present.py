"""How values are shown to people: choices as labels, references as names, 身份證號 masked.

The command line, the screens and the Excel export all show values through here, so a
register's columns look the same everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from storage.fields import mask_id_number
from storage.i18n import EN, HANT, Text
from storage.text import fit, table_text, width  # noqa: F401 (re-exported)

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
