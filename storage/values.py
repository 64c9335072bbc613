"""What a change made on another copy may hold: only what a save of taizhang could have
written.

A local save validates the whole record through its register's model and writes the
JSON form of the result, compacted (:meth:`storage.store.Store.add`, ``edit``). A change
that arrives in a bundle — or a line of this copy's own journal about to be signed and
sent — is held to the same rules, value by value:

- a **creation** is a whole record: it validates as one (required fields, types, choices,
  sizes, the text policy, the cross-field rules) and holds exactly what that save wrote
  (``compact(validate(values)) == values``);
- an **update** sets fields one by one: each new value validates as that field of that
  register and is in the form a save writes. The record as a whole is not validated: two
  honest copies editing different fields at once (one the 身份證號, the other the 性別)
  may together break a cross-field rule (a birth date after the joining date). Such a
  record merges, and ``taizhang check`` lists it;
- an update's old values are shown (history), never applied: they need only be of a
  shape the field can hold (an older version may have written them in another form);
- a deletion carries no values.

A value that validates but is not in the form a save writes (a lower-case x in a
身份證號, an amount as a number) was not written by this version. Stores of format 1
kept 身份證號 as typed, and their upgrade wrote each normalised number as a later change
of the same record, so such a value is let pass when a later change among the same
ones sets that field again (it never reaches a register). Anything else refuses.

A master's snapshot (``export --full``, an enrolment) describes records field by field,
each group of fields under its own stamp: its creations hold only the fields not changed
since, and are checked value by value.

What it costs: each distinct value is validated once per field (a merge of 100,000
changes holds a few thousand distinct values); a creation is judged once per distinct
record, its references to other records set aside but for which are equal; and its
register's cross-field rules run once per distinct set of values they read (see
:class:`_Rules`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from storage import catalogue
from storage.i18n import Text
from storage.messages import Problem
from storage.registers.base import BLANKS, Register

T = Text

NOT_AS_SAVED = T(
    "不是 taizhang 保存的格式(保存時應為「{expected}」)。",
    "不是 taizhang 保存的格式(保存时应为「{expected}」)。",
    "not in the form taizhang saves it (that would be '{expected}').",
)
NOT_SAVED_EMPTY = T(
    "不是 taizhang 保存的格式(空值不會這樣保存)。",
    "不是 taizhang 保存的格式(空值不会这样保存)。",
    "not in the form taizhang saves it (an empty value is not saved so).",
)
NO_DEFAULT_CLEARED = T(
    "不能清空:這個欄目總有一個值(預設為「{expected}」)。",
    "不能清空:这个栏目总有一个值(默认为「{expected}」)。",
    "it cannot be emptied: this field always holds a value (by default '{expected}').",
)
OLD_IMPOSSIBLE = T(
    "原值的類型是這個欄目不可能有的。",
    "原值的类型是这个栏目不可能有的。",
    "its old value is of a type this field never holds.",
)
CREATED_WITH_OLD = T(
    "新增的記錄不該有原值。",
    "新增的记录不该有原值。",
    "a new record has no old value.",
)
DELETE_WITH_VALUES = T(
    "刪除記錄的變更不該帶有欄目的值。",
    "删除记录的变更不该带有栏目的值。",
    "a deletion carries no values.",
)
NOT_A_VALUE = T("不是一個值(嵌套太深)。", "不是一个值(嵌套太深)。", "not a value (nested too deep).")

_SHOWN = 60  # characters of an expected value shown in a message


def _shown(value: Any) -> str:
    from storage import fastjson
    from storage.text import visible

    text = value if isinstance(value, str) else fastjson.dumps(value).decode()
    text = visible(text, lines=False)
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON: True is not 1, 1 is not 1.0, "1" is not 1."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    return bool(a == b)


def _key(value: Any) -> Any:
    """A hashable key telling JSON values apart (type and all)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return (type(value), value)
    from storage import fastjson

    return (list, fastjson.dumps(value))


class _Field:
    """One field of one register, as a single value of it is checked."""

    def __init__(self, reg: Register, name: str) -> None:
        from pydantic import ConfigDict, TypeAdapter

        info = reg.model.model_fields[name]
        self.name = name
        self.adapter = TypeAdapter(info.rebuild_annotation(), config=ConfigDict(str_strip_whitespace=True))
        self.multiline = name in reg.model.multiline_fields()
        self.required = info.is_required()
        self.many = reg.fields[name].many if name in reg.fields else False
        default = None if self.required else info.get_default(call_default_factory=True)
        self.default = None if default is None else self.adapter.dump_python(default, mode="json")
        self.clears = not self.required and self.default in (None, "", [])  # None is what a save writes

    def check(self, value: Any) -> tuple[Problem | None, bool, Any]:
        """What is wrong with ``value`` as this field's new value, whether it only is not
        in the form a save writes (it validates), and the value as the model holds it."""
        from pydantic import ValidationError
        from pydantic_core import PydanticCustomError

        from storage.records import problems_of
        from storage.registers.base import texts_checked

        if value is None:
            if self.required:
                return Problem(self.name, "missing", {}), False, None
            if not self.clears:
                return Problem(self.name, "invalid", {"detail": _with(NO_DEFAULT_CLEARED, self.default)}), False, None
            return None, False, None
        if value == [] or value == "" or (isinstance(value, str) and value.strip() in BLANKS):
            return Problem(self.name, "invalid", {"detail": NOT_SAVED_EMPTY}), False, None
        try:
            typed = self.adapter.validate_python(texts_checked(value, multiline=self.multiline))
        except PydanticCustomError as error:  # the text policy
            params = {k: v for k, v in (error.context or {}).items() if k != "field"}
            return Problem(self.name, error.type, params), False, None
        except ValidationError as error:
            first = problems_of(error, _NO_REGISTER)[0]
            return Problem(self.name, first.code, first.params), False, None
        except RecursionError:
            return Problem(self.name, "invalid", {"detail": NOT_A_VALUE}), False, None
        saved = self.adapter.dump_python(typed, mode="json")
        if not _same(saved, value):
            return Problem(self.name, "invalid", {"detail": _with(NOT_AS_SAVED, saved)}), True, typed
        return None, False, typed

    def saved(self, typed: Any) -> Any:
        """The JSON form a save writes of a value as the model holds it."""
        return self.adapter.dump_python(typed, mode="json")

    def plausible_old(self, value: Any) -> bool:
        """Whether an old value has a shape this field can hold (in any version)."""
        if value is None:
            return True
        if self.many:
            return isinstance(value, list) and all(
                isinstance(v, (str, int, float, bool)) or (isinstance(v, dict) and all(
                    isinstance(x, (str, int, float, bool)) or x is None for x in v.values())) for v in value)
        return isinstance(value, (str, int, float, bool))


class _NoRegister:
    """What :func:`storage.records.problems_of` asks of a register, for one field's errors."""

    fields: dict[str, Any] = {}


_NO_REGISTER: Any = _NoRegister()


def _with(text: Text, expected: Any) -> Text:
    shown = _shown(expected)
    return Text(*(variant.replace("{expected}", shown) for variant in text.variants()))


_FIELDS: dict[tuple[str, str], _Field | None] = {}


def _field(reg: Register, name: str) -> _Field | None:
    key = (reg.slug, name)  # by slug: hashing a Register hashes its whole declaration
    if key not in _FIELDS:
        from storage.records import STORE_KEYS

        known = name not in STORE_KEYS and name in reg.model.model_fields
        _FIELDS[key] = _Field(reg, name) if known else None
    return _FIELDS[key]


@dataclass(frozen=True)
class Found:
    """A value no save could have written: which change (from 0), which field, what is wrong."""

    index: int
    change: Mapping[str, Any]
    problem: Problem


class Checker:
    """Checks changes made elsewhere, remembering each distinct value it has judged.

    Rules that refuse a date after today judge by :func:`storage.clock.today`, so a
    checker is used under one day (see :func:`storage.clock.judging_on`)."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], dict[Any, tuple[Problem | None, bool, Any]]] = {}
        self.records: dict[tuple[Any, ...], tuple[Problem | None, bool]] = {}
        self.references: dict[str, frozenset[str]] = {}
        self.rules: dict[str, _Rules] = {}

    def value(self, reg: Register, name: str, value: Any) -> tuple[Problem | None, bool]:
        """What is wrong with one new value of a field (and whether it only is not in the
        form a save writes): judged once per distinct value."""
        return self.typed(reg, name, value)[:2]

    def typed(self, reg: Register, name: str, value: Any) -> tuple[Problem | None, bool, Any]:
        seen = self.seen.get((reg.slug, name))
        if seen is None:
            if _field(reg, name) is None:
                return Problem(name, "unknown_field", {"fields": catalogue.fields_named(reg)}), False, None
            seen = self.seen[(reg.slug, name)] = {}
        key = value if value.__class__ is str else _key(value)
        found = seen.get(key)
        if found is None:
            found = seen[key] = _field(reg, name).check(value)  # type: ignore[union-attr]
        return found

    def change(self, reg: Register, change: Mapping[str, Any], *, whole: bool = True) -> tuple[Problem | None, bool]:
        """The first problem with one change's values, and whether it may be let pass if
        a later change sets the field again. ``whole``: a creation holds a whole record
        (not so in a snapshot, where it holds the fields not changed since)."""
        fields = change.get("fields") or {}
        op = change.get("op")
        if op == "delete":
            if fields:
                return Problem(next(iter(fields)), "invalid", {"detail": DELETE_WITH_VALUES}), False
            return None, False
        if op == "create" and whole:
            return self.creation(reg, fields)
        if op not in ("create", "update"):
            return Problem("", "invalid", {"detail": _shown(op)}), False
        soft: Problem | None = None
        for name, (old, new) in fields.items():
            if op == "create" and old is not None:
                return Problem(name, "invalid", {"detail": CREATED_WITH_OLD}), False
            problem, forgivable = self.value(reg, name, new)
            if problem is not None:
                if not forgivable:
                    return problem, False
                soft = soft or problem
            if old is not None and not _field(reg, name).plausible_old(old):  # type: ignore[union-attr]
                return Problem(name, "invalid", {"detail": OLD_IMPOSSIBLE}), False
        return soft, soft is not None

    def creation(self, reg: Register, fields: Mapping[str, Any]) -> tuple[Problem | None, bool]:
        """A created record, judged once per distinct record: its references to other
        records set aside, but for which of them are equal (what a rule may compare);
        that each is an id of a record is the sync's check."""
        refs = self.references.get(reg.slug)
        if refs is None:
            refs = self.references[reg.slug] = frozenset(n for n, s in reg.fields.items() if s.ref and not s.many)
        aliases: dict[str, int] = {}
        key: list[Any] = [reg.slug]
        append = key.append
        for name, pair in fields.items():  # the hot loop of a merge: 70,000 creations in the benchmark
            if pair[0] is not None:
                return Problem(name, "invalid", {"detail": CREATED_WITH_OLD}), False
            new = pair[1]
            if new.__class__ is str:
                append(aliases.setdefault(new, len(aliases)) if name in refs else new)
            else:
                append(_key(new))
            append(name)
        whole = tuple(key)
        found = self.records.get(whole)
        if found is None:
            found = self.records[whole] = self._created(reg, fields)
        return found

    def _created(self, reg: Register, fields: Mapping[str, Any]) -> tuple[Problem | None, bool]:
        soft: Problem | None = None
        typed: dict[str, Any] = {}
        for name, (_, new) in fields.items():
            if new is None:
                return Problem(name, "invalid", {"detail": NOT_SAVED_EMPTY}), False
            problem, forgivable, typed[name] = self.typed(reg, name, new)
            if problem is not None:
                if not forgivable:
                    return problem, False
                soft = soft or problem
        values = {k: v for k, (_, v) in fields.items()}
        lenient = {soft.field} if soft else set()
        rules = self.rules.get(reg.slug)
        if rules is None:  # one checker's: its rules judge by one day
            rules = self.rules[reg.slug] = _Rules(reg)
        problem = rules.check(values, typed, lenient)
        if problem is not None:
            return problem, False
        return soft, soft is not None

    def first(self, changes: Iterable[Mapping[str, Any]], registers: Mapping[str, Register], *,
              snapshot: bool = False) -> Found | None:
        """The first change whose values no save could have written, or None.
        ``snapshot``: the changes describe records as they are, field by field with their
        stamps (:func:`sync.outgoing.record_changes`), so a creation holds only the fields
        not changed since: each value is checked, not the whole record."""
        changes = list(changes)
        soft: list[Found] = []
        for n, change in enumerate(changes):
            reg = registers.get(change.get("reg", ""))
            if reg is None:
                return Found(n, change, Problem("", "invalid", {"detail": change.get("reg", "")}))
            problem, forgivable = self.change(reg, change, whole=not snapshot)
            if problem is None:
                continue
            if not forgivable:
                return Found(n, change, problem)
            soft.append(Found(n, change, problem))
        if soft:
            set_later: dict[tuple[str, str, str], str] = {}
            for change in changes:
                if change.get("op") != "delete":
                    for name in change.get("fields") or {}:
                        key = (change["reg"], change["rec"], name)
                        set_later[key] = max(set_later.get(key, ""), change["hlc"])
            for found in soft:
                key = (found.change["reg"], found.change["rec"], found.problem.field)
                if set_later.get(key, "") <= found.change["hlc"]:
                    return found
        return None


class _Traced:
    """A record as a rule reads it, noting each field the rule reads or sets."""

    __slots__ = ("_record", "_touched")

    def __init__(self, record: Any, touched: list[str]) -> None:
        object.__setattr__(self, "_record", record)
        object.__setattr__(self, "_touched", touched)

    def __getattr__(self, name: str) -> Any:
        self._touched.append(name)
        return getattr(self._record, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._touched.append(name)
        setattr(self._record, name, value)


class _Rules:
    """A register's cross-field rules (its model's after-validators), run on a created
    record whose fields each passed alone — as the model runs them after its fields — and
    remembered by the values of the fields they read or set: a rule that reads the same
    values takes the same path and says the same (the dates and the 身份證號 of a member
    matter to its rules, not the phone or the address). The whole record is validated by
    the model itself instead (:func:`_whole`) where a register has rules of another kind."""

    def __init__(self, reg: Register) -> None:
        self.reg = reg
        decorators = reg.model.__pydantic_decorators__
        known_before = {"_text_policy", "_blanks_are_empty"}  # the text policy and blanks: checked per field
        plain = (not decorators.field_validators and not decorators.validators and all(
            d.info.mode == "after" or name in known_before for name, d in decorators.model_validators.items()))
        self.rules = [d.func for d in decorators.model_validators.values() if d.info.mode == "after"] if plain else None
        fields = reg.model.model_fields
        self.required = [n for n, info in fields.items() if info.is_required()]
        self.defaults = {n: f.default for n in fields if (f := _field(reg, n)) and not f.required and not f.clears}
        self.seen: dict[Any, Problem | None] = {}
        self.shapes: list[tuple[str, ...]] = []

    def check(self, values: dict[str, Any], typed: dict[str, Any], lenient: set[str]) -> Problem | None:
        if self.rules is None:
            return _whole(self.reg, values, lenient)
        for name in self.required:
            if name not in values:
                return Problem(name, "missing", {})
        for name, default in self.defaults.items():  # a save writes a default it fills in
            if name not in values and name not in lenient:
                return Problem(name, "invalid", {"detail": _with(NOT_AS_SAVED, default)})
        frozen = frozenset(lenient)
        for shape in self.shapes:
            key = (shape, tuple(_key(values.get(n)) for n in shape), frozen)
            if key in self.seen:
                return self.seen[key]
        return self._run(values, typed, lenient, frozen)

    def _run(self, values: dict[str, Any], typed: dict[str, Any], lenient: set[str], frozen: frozenset[str]) -> Problem | None:
        import copy

        from pydantic_core import PydanticCustomError

        copies: dict[str, Any] = {k: copy.deepcopy(v) if isinstance(v, (list, dict)) else v for k, v in typed.items()}
        record = self.reg.model.model_construct(**copies)
        touched: list[str] = []
        problem: Problem | None = None
        try:
            for rule in self.rules or ():
                rule(_Traced(record, touched))
        except PydanticCustomError as error:
            params = dict(error.context or {})
            problem = Problem(str(params.pop("field", "")), error.type, params)
        except (ValueError, AssertionError) as error:  # what pydantic would report as the record's error
            problem = Problem("", "invalid", {"detail": str(error)})
        except Exception:  # a rule that reads the record otherwise: the model validates it itself
            return _whole(self.reg, values, lenient)
        fields = self.reg.model.model_fields
        shape = tuple(dict.fromkeys(n for n in touched if n in fields))
        if problem is None:
            for name in shape:  # what a rule set must be what the record holds (a filled-in gender …)
                spec = _field(self.reg, name)
                saved = spec.saved(getattr(record, name)) if spec is not None else None
                held = values.get(name)
                if name in lenient or (saved in (None, "", []) and held is None):
                    continue
                if held is None or not _same(saved, held):
                    problem = Problem(name, "invalid", {"detail": _with(NOT_AS_SAVED, saved)})
                    break
        if shape not in self.shapes:
            self.shapes.append(shape)
        self.seen[(shape, tuple(_key(values.get(n)) for n in shape), frozen)] = problem
        return problem


def _whole(reg: Register, values: dict[str, Any], lenient: set[str]) -> Problem | None:
    from storage.messages import ValidationFailed
    from storage.records import validate
    from storage.store import compact

    try:
        saved = compact(validate(reg, values))
    except ValidationFailed as failure:
        return failure.problems[0]
    except RecursionError:
        return Problem("", "invalid", {"detail": NOT_A_VALUE})
    for name in sorted(set(saved) | set(values)):
        if name in lenient:
            continue
        if name not in values:  # the save fills it in (a default, the gender a 身份證號 tells)
            return Problem(name, "invalid", {"detail": _with(NOT_AS_SAVED, saved[name])})
        if name not in saved or not _same(saved[name], values[name]):
            return Problem(name, "invalid", {"detail": _with(NOT_AS_SAVED, saved.get(name))})
    return None
