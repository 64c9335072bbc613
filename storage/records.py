"""Turning what people type into a valid record, or into problems named by field.

A stored record is the JSON form of its model (dates as 2026-11-26, money as "0.50")
plus the keys of the store, which all begin with an underscore except ``id``.
"""

from __future__ import annotations

from typing import Any, Mapping

from pydantic import ValidationError

from storage.messages import Problem, ValidationFailed
from storage.registers.base import Register

#: Keys the store keeps beside a record's fields.
STORE_KEYS = ("id", "_c", "_v", "_d")


def fields_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """A stored record without the store's own keys."""
    return {k: v for k, v in record.items() if k not in STORE_KEYS}


def _problems(error: ValidationError, register: Register) -> list[Problem]:
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        ctx = dict(item.get("ctx") or {})
        loc = [str(part) for part in item.get("loc", ())]
        field = ctx.pop("field", None) or (loc[0] if loc else "")
        code = item["type"]
        if code in ("extra_forbidden",):
            code = "unknown_field"
            ctx["fields"] = "、".join(register.fields)
        elif code == "string_too_long":
            code = "too_long"
        elif code not in _KNOWN:
            ctx.setdefault("detail", item.get("msg", code))
            code = "invalid"
        if len(loc) > 1 and field == loc[0] and code == "invalid":
            ctx["detail"] = f"{'.'.join(loc[1:])}: {ctx.get('detail', '')}"
        problems.append(Problem(field, code, ctx))
    return problems


def _known() -> frozenset[str]:
    from storage.messages import FIELD_ERRORS

    return frozenset(FIELD_ERRORS)


_KNOWN = _known()


def validate(register: Register, values: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON form of a record of ``register``, or :class:`ValidationFailed`."""
    try:
        model = register.model.model_validate(dict(values))
    except ValidationError as error:
        raise ValidationFailed(register.slug, _problems(error, register)) from None
    return model.model_dump(mode="json")


def model_of(register: Register, record: Mapping[str, Any]) -> Any:
    """The pydantic object of a stored record (for rules that read typed values)."""
    return register.model.model_validate(fields_of(record))


def named_values(register: Register, values: Mapping[str, Any]) -> dict[str, Any]:
    """Values keyed by field name, where the keys may be names or labels (姓名=…)."""
    out: dict[str, Any] = {}
    unknown: list[Problem] = []
    for key, value in values.items():
        name = register.field_named(key)
        if name is None:
            unknown.append(Problem(key, "unknown_field", {"fields": "、".join(register.fields)}))
        else:
            out[name] = value
    if unknown:
        raise ValidationFailed(register.slug, unknown)
    return out
