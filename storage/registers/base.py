"""What every register shares: the record base class and the declaration of a register.

A register is declared once, as a pydantic model whose fields carry their labels
(:class:`~storage.fields.Label`), references (:class:`~storage.fields.Ref`), kinds and
choices as ``Annotated`` metadata, plus one :class:`Register` entry. Forms, tables,
search, export and import all read that one declaration.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from storage.fields import Aliases, Choices, Hint, Kind, Label, LongText, Ref, check_birth, check_text
from storage.i18n import Text
from storage.messages import Problem

if TYPE_CHECKING:
    from storage.kinds import FieldKind

GROUPS: dict[str, Text] = {
    "card": Text("一卡", "一卡", "The card"),
    "forms": Text("二表", "二表", "The two forms"),
    "books": Text("三簿", "三簿", "The three books"),
    "rolls": Text("十冊", "十册", "The ten rolls"),
    "other": Text("其他", "其他", "Other"),
}

#: Values that mean "nothing here" in a form or a spreadsheet cell.
BLANKS = frozenset({"", "無", "无", "/", "-", "—", "－", "N/A", "n/a"})


class Checked(BaseModel):
    """What every record and every row inside one (a meeting's attendance) shares: text
    passes the one text policy (:func:`storage.fields.check_text`) before anything else
    reads it — whatever the field, however the value arrived."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @classmethod
    def multiline_fields(cls) -> frozenset[str]:
        """The fields that may hold line breaks and tabs: those declared LongText."""
        found = _MULTILINE.get(cls)
        if found is None:
            found = _MULTILINE[cls] = frozenset(
                name for name, info in cls.model_fields.items()
                if any(isinstance(m, Kind) and m.name == "long_text"
                       for m in [*info.metadata, *annotation_metadata(info.annotation)[0]])
            )
        return found

    @model_validator(mode="before")
    @classmethod
    def _text_policy(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        multiline = cls.multiline_fields()
        out = dict(data)
        for name, value in data.items():
            try:
                out[name] = texts_checked(value, multiline=name in multiline)
            except PydanticCustomError as error:
                raise PydanticCustomError(error.type, error.message_template,
                                          {**(error.context or {}), "field": str(name)}) from None
        return out


_MULTILINE: dict[type, frozenset[str]] = {}


def texts_checked(value: Any, *, multiline: bool) -> Any:
    """A value with every text inside it checked (lists and rows are walked)."""
    if isinstance(value, str):
        return check_text(value, multiline=multiline)
    if isinstance(value, list):
        return [texts_checked(v, multiline=multiline) for v in value]
    if isinstance(value, dict):
        return {texts_checked(k, multiline=False): texts_checked(v, multiline=multiline) for k, v in value.items()}
    return value


class Record(Checked):
    """A record of any register. Every record may carry the branch it belongs to."""

    branch: Annotated[str | None, Label("所屬支部", "所属支部", "Branch"), Ref("branches"),
                      Aliases("所在支部", "支部", "黨支部", "所在黨支部", "支部名稱")] = None
    note: Annotated[LongText | None, Label("備註", "备注", "Note"), Aliases("說明")] = None

    @model_validator(mode="before")
    @classmethod
    def _blanks_are_empty(cls, data: Any) -> Any:
        # A blank cell, a lone dash or 無 means "not given", not a value to validate: the
        # key is dropped, so a required field is reported missing (not stored as "None")
        # and a field with a default takes it.
        if isinstance(data, dict):
            return {
                k: v for k, v in data.items()
                if v is not None and not (isinstance(v, str) and v.strip() in BLANKS)
            }
        return data


    @model_validator(mode="after")
    def _born_from_1900(self) -> Record:
        # One bound wherever a birth date is kept (members, applicants, models, cadres …).
        if "birth_date" in type(self).model_fields:
            check_birth(self)
        return self


@dataclass(frozen=True)
class Asked:
    """A choice no default answers: a person entering the record must make it (a member's
    正式/預備 — saving 正式 for a choice left at 請選擇 records what nobody said). The
    model keeps its default for what the program itself writes and for records saved before
    the choice was asked (see :meth:`Register.unchosen`)."""


#: What a choice left unmade is told (after its label: "正式/預備:…").
NOT_CHOSEN = Text(
    "未選,請從 {options} 中選一項。",
    "未选,请从 {options} 中选一项。",
    "nothing chosen; choose one of {options}.",
)


def refuse(field: str, detail: Text) -> PydanticCustomError:
    """A cross-field rule's refusal, named by the field to mend (for model validators)."""
    return PydanticCustomError("invalid", "invalid", {"field": field, "detail": detail})


@dataclass(frozen=True)
class Place:
    """Where a register stands in 一卡二表三簿十冊, under which title."""

    group: str
    number: int
    title: Text


@dataclass(frozen=True)
class FieldSpec:
    """One field of a register, as forms, tables and imports see it."""

    name: str
    label: Text
    required: bool
    kind: str
    choices: Choices | None
    ref: str | None
    many: bool
    hint: Text | None
    annotation: Any
    #: Words rosters use for it beyond its labels (an import's headers).
    aliases: tuple[str, ...] = ()
    #: A choice a person must make (required, or declared :class:`Asked`): a form starts it
    #: at 請選擇 and refuses to save it unmade; any other choice starts at its default.
    asked: bool = False

    @cached_property  # asked for every value shown: found once (a frozen dataclass's __dict__ takes it)
    def field_kind(self) -> FieldKind:
        """What this field does: parse, show, export, import, sort, hint (storage.kinds)."""
        from storage.kinds import kind_for

        return kind_for(self)


def annotation_metadata(annotation: Any) -> tuple[list[Any], bool]:
    """All Annotated metadata inside an annotation (through Optional and list)."""
    found: list[Any] = []
    many = False
    stack = [annotation]
    while stack:
        current = stack.pop()
        origin = typing.get_origin(current)
        if origin is Annotated:
            args = typing.get_args(current)
            stack.append(args[0])
            found.extend(args[1:])
        elif origin in (Union, types.UnionType):
            stack.extend(a for a in typing.get_args(current) if a is not type(None))
        elif origin in (list, tuple, set, frozenset):
            many = True
            stack.extend(typing.get_args(current)[:1])
    return found, many


@dataclass(frozen=True)
class Register:
    """The one declaration of a register."""

    slug: str
    title: Text
    model: type[Record]
    columns: tuple[str, ...]
    name_field: str
    places: tuple[Place, ...] = ()
    search: tuple[str, ...] = ()
    entries: bool = False  # payments: never edited, corrected by a reversing entry
    unique: tuple[str, ...] = ()  # fields no two live records may share (身份證號)
    owner: str = "branch"  # who may change it: "branch" (its branch's copy) or "master"
    description: Text | None = None
    # Read-only properties of the model shown as columns (應到/實到 are counted, not typed).
    derived: tuple[tuple[str, Text], ...] = field(default=())

    @property
    def group(self) -> str:
        return self.places[0].group if self.places else "other"

    @cached_property
    def fields(self) -> dict[str, FieldSpec]:
        specs: dict[str, FieldSpec] = {}
        own = [n for n in self.model.model_fields if n not in Record.model_fields]
        for name in [*own, "branch", "note"]:
            info = self.model.model_fields[name]
            meta, many = annotation_metadata(info.annotation)
            meta = list(info.metadata) + meta
            label = next((m for m in meta if isinstance(m, Label)), None)
            kind = next((m.name for m in meta if isinstance(m, Kind)), None)
            choices = next((m for m in meta if isinstance(m, Choices)), None)
            ref = next((m.register for m in meta if isinstance(m, Ref)), None)
            hint = next((m.text for m in meta if isinstance(m, Hint)), None)
            aliases = tuple(word for m in meta if isinstance(m, Aliases) for word in m.words)
            if kind is None:
                kind = "choice" if choices else "ref" if ref else _kind_of(info.annotation)
            chosen = choices is not None and not ref
            specs[name] = FieldSpec(
                name=name,
                label=label or Text(name, name, name),
                required=info.is_required(),
                kind=kind,
                choices=choices,
                ref=ref,
                many=many,
                hint=hint,
                annotation=info.annotation,
                aliases=aliases,
                asked=chosen and (info.is_required() or any(isinstance(m, Asked) for m in meta)),
            )
        return specs

    def defaults(self) -> dict[str, Any]:
        """What a new record starts from where a person need not choose: each field's
        declared default (a member is not 流動, a rectification is open), never an asked one."""
        out: dict[str, Any] = {}
        for name, spec in self.fields.items():
            info = self.model.model_fields[name]
            if spec.asked or info.is_required():
                continue
            value = info.get_default(call_default_factory=True)
            if value is not None and value != [] and value != "":
                out[name] = value
        return out

    def unchosen(self, values: Mapping[str, Any]) -> list[Problem]:
        """The choices a person must make that ``values`` (a form's, a new row's) leave
        unmade, each a problem naming its field — whatever the model would default to."""
        problems: list[Problem] = []
        for name, spec in self.fields.items():
            value = values.get(name)
            if not spec.asked or not (value is None or (isinstance(value, str) and value.strip() in BLANKS)):
                continue
            assert spec.choices is not None  # asked is for choices only
            options = spec.choices
            detail = Text(*(NOT_CHOSEN(lang, options=("、" if lang != "en" else ", ").join(options.labels(lang)))
                            for lang in ("zh-Hant", "zh-Hans", "en")))
            problems.append(Problem(name, "invalid", {"detail": detail}))
        return problems

    @cached_property
    def references(self) -> dict[str, str]:
        """Fields that hold ids of other records, and the register they point into."""
        return {n: f.ref for n, f in self.fields.items() if f.ref}

    @property
    def search_fields(self) -> tuple[str, ...]:
        return (self.name_field, *[f for f in self.search if f != self.name_field])

    def label(self, field_name: str, lang: str) -> str:
        spec = self.fields.get(field_name)
        if spec is not None:
            return spec.label(lang)
        for name, text in self.derived:
            if name == field_name:
                return text(lang)
        return field_name

    def field_named(self, text: str) -> str | None:
        """A field from its name or any of its labels (姓名, 身份證號, id_number …)."""
        if text in self.fields:
            return text
        return self._names_and_labels.get(text.strip().lower())

    @cached_property
    def _names_and_labels(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for name, spec in self.fields.items():
            found[name] = name
            for label in spec.label.variants():
                found.setdefault(label.lower(), name)
        return found


def _kind_of(annotation: Any) -> str:
    text = repr(annotation)
    if "bool" in text:
        return "bool"
    if "date" in text:
        return "date"
    if "int" in text:
        return "count"
    if "list" in text:
        return "list"
    return "text"
