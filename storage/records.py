"""Turning what people type into a valid record, or into problems named by field.

A stored record is the JSON form of its model (dates as 2026-11-26, money as "0.50")
plus the keys of the store, which all begin with an underscore except ``id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from storage import catalogue
from storage.messages import Problem, ValidationFailed
from storage.registers.base import Register

#: Keys the store keeps beside a record's fields.
STORE_KEYS = ("id", "_c", "_v", "_d")


def fields_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """A stored record without the store's own keys."""
    return {k: v for k, v in record.items() if k not in STORE_KEYS}


def problems_of(error: ValidationError, register: Register) -> list[Problem]:
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
        raise ValidationFailed(register.slug, problems_of(error, register)) from None
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
            unknown.append(Problem(key, "unknown_field", {"fields": catalogue.fields_named(register)}))
        else:
            out[name] = value
    if unknown:
        raise ValidationFailed(register.slug, unknown)
    return out


# -- what a stored value may be ---------------------------------------------------------------
#
# A store may hold what its registers would refuse: an older version's values, a hand edit of
# a register file or of the journal. The rules (targets, dues, what needs action) read
# records as :func:`sound` gives them, so such a value is no evidence rather than a crash;
# what the record holds is still shown as it is (storage.present) and reported by check.

_Shape = tuple[tuple[type, ...], Any]  # the types a stored value may have; for a list, how its items are checked


def _shapes_of(register: Register) -> dict[str, _Shape]:
    found = _SHAPES.get(register.slug)
    if found is None:
        found = _SHAPES[register.slug] = {
            name: spec.field_kind.stored_shape(spec) for name, spec in register.fields.items()
        }
    return found


_SHAPES: dict[str, dict[str, _Shape]] = {}


def sound(register: Register, records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The live ``records`` of ``register`` with every value that is not of its field's
    type left out (a dict where a choice belongs, a number where a date does; a meeting's
    roll keeps its well-formed rows). Records that need nothing left out — all of them, in
    a store only this program wrote — are returned as they are, not copied."""
    shapes = _shapes_of(register)
    out: list[Mapping[str, Any]] = []
    for record in records:
        if record.get("_d"):
            continue
        for name, value in record.items():
            shape = shapes.get(name)
            if shape is not None and (type(value) not in shape[0] or (shape[1] is not None and not shape[1](value))):
                out.append(_mended(record, shapes))
                break
        else:
            out.append(record)
    return out


def _mended(record: Mapping[str, Any], shapes: dict[str, _Shape]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for name, value in record.items():
        shape = shapes.get(name)
        if shape is None:
            kept[name] = value  # the store's own keys (id, stamps), or a field no register has now
        elif type(value) in shape[0]:
            if shape[1] is not None:
                value = [item for item in value if shape[1]([item])]
            if value != []:
                kept[name] = value
    return kept
