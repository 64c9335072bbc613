"""In: a roster's headers mapped to fields, each row validated as a save would validate
it, and saved only when every row is right (or only the good ones, when asked)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage import catalogue
from storage.fields import halfwidth
from storage.i18n import HANT, Text
from storage.messages import Problem, StoreError, ValidationFailed
from storage.registers.base import BLANKS, Register
from storage.tables.reading import read_rows
from storage.tables.texts import (
    BAD_MAP,
    BIRTH_FROM_ID,
    FOOTERS,
    HEADER_SEARCH_ROWS,
    IGNORED_HEADERS,
    MAP_UNKNOWN_FIELD,
    MAP_UNKNOWN_HEADER,
    MISSING_COLUMNS,
    MONTH_ONLY,
    NO_BRANCH_GIVEN,
    NO_HEADER,
    NUMBER_LOST,
    REFUSED,
    fold_header,
    without_brackets,
)

if TYPE_CHECKING:
    from storage.store import Store

T = Text


# -- in: mapping headers to fields ------------------------------------------------------------------


@dataclass
class Column:
    index: int
    header: str
    field: str | None  # None: not imported
    how: str  # label, synonym, map, ignored, unknown, duplicate

    def to_json(self) -> dict[str, Any]:
        return {"column": self.index + 1, "header": self.header, "field": self.field, "how": self.how}


@dataclass
class Row:
    line: int  # the row's number in the sheet, from 1, as Excel shows it
    values: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    hints: dict[str, Text] = field(default_factory=dict)  # field → why its value may have failed


@dataclass
class RowFailure:
    line: int
    name: str
    problems: list[Problem]
    hints: list[Text] = field(default_factory=list)

    def messages(self, register: Register, lang: str = HANT) -> list[str]:
        out = [p.message(lang, register.label(p.field, lang) if p.field else "") for p in self.problems]
        return out + [h(lang) for h in self.hints]

    def to_json(self, register: Register, lang: str = HANT) -> dict[str, Any]:
        return {"row": self.line, "name": self.name, "problems": self.messages(register, lang)}


@dataclass
class ImportPlan:
    """How a file would be imported: where its header is, what each column becomes, the rows."""

    register: Register
    path: Path
    header_line: int
    columns: list[Column]
    rows: list[Row]
    skipped: list[int]  # footer lines read past

    @property
    def mapping(self) -> dict[str, str]:
        return {c.header: c.field for c in self.columns if c.field}

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        return {
            "register": self.register.slug, "file": str(self.path), "header_row": self.header_line,
            "columns": [{**c.to_json(), "label": self.register.label(c.field, lang) if c.field else None}
                        for c in self.columns],
            "rows": len(self.rows), "skipped_rows": self.skipped,
            "notes": [{"row": r.line, "text": n} for r in self.rows for n in r.notes],
        }


def _header_lookup(reg: Register) -> dict[str, str]:
    """Folded header text → field: labels in the three languages, with and without what
    they hold in brackets, names, and the words rosters use for them (their aliases)."""
    found: dict[str, str] = {}

    def put(text: str, name: str) -> None:
        for variant in (text, without_brackets(text)):
            key = fold_header(variant)
            if key:
                found.setdefault(key, name)

    for name, spec in reg.fields.items():
        put(name, name)
        for label in spec.label.variants():
            put(label, name)
    for name, spec in reg.fields.items():  # after every label: a label wins over another field's alias
        for word in spec.aliases:
            put(word, name)
    for _, text in reg.derived:  # counted columns of an export (應到, 實到): read past them
        for label in text.variants():
            put(label, _DERIVED)
    return found


_DERIVED = "\0derived"


def _match_header(text: str, lookup: Mapping[str, str]) -> tuple[str | None, str]:
    for variant in (text, without_brackets(text)):
        key = fold_header(variant)
        if key in lookup:
            name = lookup[key]
            return (None, "ignored") if name == _DERIVED else (name, "label")
    key = fold_header(without_brackets(text))
    if key in {fold_header(h) for h in IGNORED_HEADERS}:
        return None, "ignored"
    return None, "unknown"


def _parse_maps(reg: Register, maps: Iterable[str] | Mapping[str, str] | None) -> dict[str, str | None]:
    """--map HEADER=FIELD (FIELD a name or label; - or empty: leave the column out)."""
    if not maps:
        return {}
    pairs = maps.items() if isinstance(maps, Mapping) else [(*p.split("=", 1),) if "=" in p else (p,) for p in maps]
    out: dict[str, str | None] = {}
    for pair in pairs:
        if len(pair) != 2:
            raise StoreError(BAD_MAP, pair=pair[0])
        header, target = str(pair[0]).strip(), str(pair[1]).strip()
        if target in ("", "-", "—"):
            out[fold_header(header)] = None
            continue
        name = reg.field_named(target)
        if name is None:
            raise StoreError(MAP_UNKNOWN_FIELD, field=target, title=reg.title, fields=catalogue.fields_named(reg))
        out[fold_header(header)] = name
    return out


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _find_header(rows: list[list[Any]], lookup: Mapping[str, str], maps: Mapping[str, Any]) -> int | None:
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [_cell_text(c) for c in row]
        score = 0
        for text in texts:
            if not text:
                continue
            if fold_header(text) in maps or _match_header(text, lookup)[0] is not None:
                score += 1
        if score > best_score:
            best, best_score = i, score
    if best is None or (best_score < 2 and not maps):
        return None if best_score == 0 else best
    return best


def plan_import(
    store: Store,
    register: str,
    path: str | Path,
    *,
    maps: Iterable[str] | Mapping[str, str] | None = None,
    branch: str | None = None,
    sheet: str | None = None,
) -> ImportPlan:
    """Read a file and work out how it would be imported: header row, column → field,
    each row's values. Nothing is validated or saved yet."""
    reg = store.register(register)
    if branch is None and "branch" in reg.fields:  # one branch: every row is its own
        branches = store.records("branches")
        branch = branches[0]["id"] if len(branches) == 1 else None
    rows = read_rows(path, sheet, store.settings.limits)
    lookup = _header_lookup(reg)
    chosen = _parse_maps(reg, maps)
    header_at = _find_header(rows, lookup, chosen)
    if header_at is None:
        raise StoreError(NO_HEADER, path=str(path), rows=HEADER_SEARCH_ROWS)
    headers = [_cell_text(c) for c in rows[header_at]]
    folded_headers = {fold_header(h) for h in headers if h}
    for key in chosen:
        if key not in folded_headers:
            shown = next((h for h in (maps if not isinstance(maps, Mapping) else maps.keys()) or []
                          if fold_header(str(h).split("=", 1)[0]) == key), key)
            raise StoreError(MAP_UNKNOWN_HEADER, header=str(shown).split("=", 1)[0], row=header_at + 1,
                             headers="、".join(h for h in headers if h))
    columns: list[Column] = []
    used: set[str] = set()
    for index, header in enumerate(headers):
        if not header:
            continue
        key = fold_header(header)
        if key in chosen:
            name, how = chosen[key], "map" if chosen[key] else "ignored"
        else:
            name, how = _match_header(header, lookup)
        if name is not None and name in used:
            name, how = None, "duplicate"
        if name is not None:
            used.add(name)
        columns.append(Column(index, header, name, how))
    missing = [n for n, spec in reg.fields.items() if spec.required and n not in used]
    if missing:
        raise StoreError(MISSING_COLUMNS, fields="、".join(reg.label(n, HANT) for n in missing))
    plan_rows: list[Row] = []
    skipped: list[int] = []
    for number, raw in enumerate(rows[header_at + 1:], start=header_at + 2):
        texts = [_cell_text(c) for c in raw]
        if not any(texts):
            continue
        first = next(t for t in texts if t)
        if any(fold_header(first).startswith(fold_header(f)) for f in FOOTERS):
            skipped.append(number)
            continue
        plan_rows.append(_row(reg, number, raw, columns, branch))
    return ImportPlan(reg, Path(path), header_at + 1, columns, plan_rows, skipped)


_MONTH_ONLY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def _row(reg: Register, number: int, raw: Sequence[Any], columns: list[Column], branch: str | None) -> Row:
    values: dict[str, Any] = {}
    row = Row(number, values)
    for column in columns:
        if column.field is None or column.index >= len(raw):
            continue
        cell = raw[column.index]
        spec = reg.fields[column.field]
        kind = spec.field_kind
        if isinstance(cell, datetime):
            cell = cell.date()
        if kind.lost_in_cell(cell):
            row.hints[column.field] = NUMBER_LOST
        text = cell if isinstance(cell, date) else _cell_text(cell)
        if isinstance(text, str):
            text = text.replace("\u3000", " ").strip()
            if halfwidth(text).strip() in BLANKS:
                continue
        values[column.field] = kind.read_cell(spec, text)
    for name, spec in reg.fields.items():  # a month where a day is asked for (出生年月 1968.03)
        value = values.get(name)
        if spec.kind != "date" or not isinstance(value, str):
            continue
        match = _MONTH_ONLY.fullmatch(halfwidth(value).strip())
        if not match:
            continue
        year, month = int(match.group(1)), int(match.group(2))
        if name == "birth_date" and values.get("id_number"):
            number_text = halfwidth(str(values["id_number"])).strip()
            born = number_text[6:12] if len(number_text) == 18 else "19" + number_text[6:10] if len(number_text) == 15 else ""
            if born == f"{year:04d}{month:02d}":
                del values[name]
                row.notes.append(BIRTH_FROM_ID(HANT, value=value))
                continue
        if 1 <= month <= 12:
            values[name] = f"{year:04d}-{month:02d}-01"
            row.notes.append(MONTH_ONLY(HANT, label=spec.label.hant, value=value))
    if branch and "branch" in reg.fields and not values.get("branch"):
        values["branch"] = branch
    return row


# -- in: validating and saving ----------------------------------------------------------------------


@dataclass
class Imported:
    ids: list[str]
    failures: list[RowFailure]
    total: int


class ImportRefused(StoreError):
    """Some rows are wrong, so nothing was imported."""

    def __init__(self, failures: list[RowFailure], total: int) -> None:
        super().__init__(REFUSED, bad=len(failures), total=total, good=total - len(failures))
        self.failures = failures
        self.total = total


def _failures(plan: ImportPlan, failure: ValidationFailed, rows: list[Row]) -> list[RowFailure]:
    by_row: dict[int, list[Problem]] = {}
    for problem in failure.problems:
        number = int(problem.params.get("row", 0))
        params = {k: v for k, v in problem.params.items() if k != "row"}
        by_row.setdefault(number, []).append(Problem(problem.field, problem.code, params))
    out = []
    for number, problems in sorted(by_row.items()):
        row = rows[number - 1] if 0 < number <= len(rows) else Row(0, {})
        if all(p.code.startswith("reference_") for p in problems):
            problems += _field_problems(plan.register, row.values)  # the store stopped at the reference
        name = str(row.values.get(plan.register.name_field, ""))
        hints = [row.hints[p.field] for p in problems if p.field in row.hints]
        out.append(RowFailure(row.line, name, problems, list(dict.fromkeys(hints))))
    return out


def _field_problems(reg: Register, values: Mapping[str, Any]) -> list[Problem]:
    """What else is wrong with a row whose reference was not found, so the report lists
    every problem of the row at once."""
    from storage.records import validate

    refs = {n for n, spec in reg.fields.items() if spec.field_kind.refers}
    try:
        validate(reg, {k: v for k, v in values.items() if k not in refs})
    except ValidationFailed as failure:
        return [p for p in failure.problems if p.field not in refs]
    return []


def check_import(store: Store, plan: ImportPlan) -> list[RowFailure]:
    """Validate every row as a save would (references, uniqueness, each field), saving nothing;
    and, in a register kept by branch, a row that names no branch is refused: a member
    imported into no branch is counted by no branch's targets and shown in no branch's list."""
    try:
        store.add_many(plan.register.slug, [r.values for r in plan.rows], check_only=True)
        failures = []
    except ValidationFailed as failure:
        failures = _failures(plan, failure, plan.rows)
    reg = plan.register
    if reg.slug == "members" and store.records("branches"):
        by_line = {f.line: f for f in failures}
        for row in plan.rows:
            if row.values.get("branch"):
                continue
            problem = Problem("branch", "invalid", {"detail": NO_BRANCH_GIVEN})
            if row.line in by_line:
                by_line[row.line].problems.append(problem)
            else:
                by_line[row.line] = RowFailure(row.line, str(row.values.get(reg.name_field, "")), [problem])
        failures = sorted(by_line.values(), key=lambda f: f.line)
    return _unchosen(plan, failures)


def _unchosen(plan: ImportPlan, failures: list[RowFailure]) -> list[RowFailure]:
    """A row leaving blank a choice a person must make (正式/預備), in a column the roster
    has, is refused as the form refuses it: not saved as the model's default. (A roster
    without the column at all says nothing of any row: its rows take the default.)"""
    columns = set(plan.mapping.values())
    by_line = {f.line: f for f in failures}
    for row in plan.rows:
        problems = [p for p in plan.register.unchosen(row.values) if p.field in columns]
        if problems and row.line in by_line:
            by_line[row.line].problems.extend(problems)
        elif problems:
            by_line[row.line] = RowFailure(row.line, str(row.values.get(plan.register.name_field, "")), problems)
    return sorted(by_line.values(), key=lambda f: f.line)


def run_import(store: Store, plan: ImportPlan, *, only_good: bool = False) -> Imported:
    """Import every row, or none: if any row is wrong, :class:`ImportRefused` lists them
    all and nothing is saved. With ``only_good`` the good rows are imported and the bad
    ones reported."""
    failures = check_import(store, plan)
    if failures and not only_good:
        raise ImportRefused(failures, len(plan.rows))
    bad_lines = {f.line for f in failures}
    good = [r for r in plan.rows if r.line not in bad_lines]
    for _ in range(5):  # a row may have been good only beside a bad one (two rows, one 身份證號)
        try:
            store.add_many(plan.register.slug, [r.values for r in good], check_only=True)
            break
        except ValidationFailed as failure:
            more = _failures(plan, failure, good)
            failures += more
            lines = {f.line for f in more}
            good = [r for r in good if r.line not in lines]
    ids = store.add_many(plan.register.slug, [r.values for r in good]) if good else []
    return Imported(ids, sorted(failures, key=lambda f: f.line), len(plan.rows))
