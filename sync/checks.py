"""The values a bundle carries, checked at both ends: a copy refuses to sign what no save
could have written (its own journal edited by hand, a damaged disk), and a copy refuses
to merge it (a laptop that signs anyway: broken, or in a stranger's hands).

The rules are the registers' own (:mod:`storage.values`): types, choices, sizes, the text
policy, the form a save writes, and a creation validated as a whole record. Besides,
what a reference field holds must be a record id, and — on the master, which holds every
record there is — one of a record here (deleted ones too: the merge keeps such a
reference and names it, see :func:`sync.merge.dangling`) or made by the bundles merged
with it. A branch's copy holds only what it is shown, so there the master's references
need only be ids.

A bundle holding one such value is refused whole, named: the sender, the change, the
register, the record, the field, what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import timedelta
from typing import Any

from storage import catalogue, clock
from storage.i18n import EN, HANS, HANT, Text
from storage.messages import Problem
from storage.registers.base import Register
from storage.store import Store
from storage.store_references import reference_paths, values_at
from storage.text import visible
from sync import messages as M
from sync.bundle import RECORD
from sync.messages import SyncError

_NAME_SHOWN = 30


def registers() -> dict[str, Register]:
    return {reg.slug: reg for reg in catalogue.registers()}


def judging_day(changes: Iterable[Mapping[str, Any]]) -> Any:
    """The day the changes' dates are judged by: a day after the later of this laptop's
    today and the newest change's stamp (a laptop whose calendar ran ahead saved a
    meeting "held today" that is tomorrow here)."""
    newest = max((c.get("hlc", "") for c in changes), default="")
    day = clock.today()
    if newest[:13].isdigit():
        day = max(day, clock.local_time(int(newest[:13])).date())
    return day + timedelta(days=1)


def references(reg: Register, fields: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(field, register pointed into, value) for each id a change's new values hold."""
    for path, target in reference_paths(reg.model):
        pair = fields.get(path[0])
        if pair is None:
            continue
        new = pair[1]
        if new is None:
            continue
        if len(path) == 1 and not isinstance(new, list):
            yield path[0], target, new
        else:
            for value in values_at({path[0]: new}, path):
                yield path[0], target, value


def the_problem(problem: Problem) -> Text:
    """What is wrong, in the three languages (the field's label is named apart)."""
    return Text(*(problem.message(lang, label="") for lang in (HANT, HANS, EN)))


def the_field(reg: Register | None, name: str) -> Text:
    if reg is not None and name in reg.fields:
        return reg.fields[name].label
    shown = visible(name[:40], lines=False) or "—"
    return Text(shown, shown, shown)


def the_record(store: Store, reg: Register | None, change: Mapping[str, Any]) -> Text:
    """The record as a message names it: its id's first characters and, when known, its name."""
    rid = str(change.get("rec", ""))
    shown = visible(rid[:8], lines=False)
    if reg is None:
        return Text(shown, shown, shown)
    name = ""
    try:
        pair = (change.get("fields") or {}).get(reg.name_field)
        value = pair[1] if isinstance(pair, list) and len(pair) == 2 else None
        target = reg.references.get(reg.name_field)
        if isinstance(value, str) and value:
            name = store.name_of(target, value) if target else value
        if not name:
            name = store.name_of(reg.slug, rid)
    except Exception:  # a name is a courtesy: a value too odd to name is named by its id alone
        name = ""
    name = visible(name, lines=False)
    if len(name) > _NAME_SHOWN:
        name = name[:_NAME_SHOWN - 1] + "…"
    if not name:
        return Text(shown, shown, shown)
    return Text(f"{shown}「{name}」", f"{shown}「{name}」", f"{shown} '{name}'")


def reference_problem(name: str, target: str, value: Any, known: bool, *, here_only: bool) -> Problem | None:
    """What is wrong with one id a reference field holds, or None."""
    if not isinstance(value, str) or not RECORD.fullmatch(value):
        return Problem(name, "invalid", {"detail": _filled(M.NOT_AN_ID, value=_cut(value))})
    if not known:
        text = M.POINTS_NOWHERE_HERE if here_only else M.POINTS_NOWHERE
        return Problem(name, "invalid", {"detail": _filled(text, target=value[:8])})
    return None


def _cut(value: Any) -> str:
    text = visible(value if isinstance(value, str) else repr(value), lines=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _filled(text: Text, **params: Any) -> Text:
    return Text(*(text(lang, **params) for lang in (HANT, HANS, EN)))


# -- before signing ------------------------------------------------------------------------


def check_outgoing(store: Store, changes: list[dict[str, Any]], *, from_journal: bool) -> None:
    """Refuse (raise) to sign changes of which one holds a value no save could have
    written, naming its line of the journal (or, for a snapshot, its record)."""
    from storage.store import JOURNAL_FILE
    from storage.values import Checker, Found
    from sync.bundle import check_change

    regs = registers()
    try:  # the values; the shape of each line (stamps, ids) is looked at when they trip over it
        with clock.judging_on(judging_day(changes)):
            found = Checker().first(changes, regs, snapshot=not from_journal)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        found = None  # a hand edit left something that is not even a change: name it
        for n, change in enumerate(changes):
            shape = check_change(change)
            if shape is not None:
                found = Found(n, change if isinstance(change, dict) else {},
                              Problem("", "invalid", {"detail": visible(shape, lines=False)}))
                break
        if found is None:
            raise
    if found is None:
        found = _unknown_reference(store, changes, regs)
    if found is None:
        return
    offending, problem = found.change, found.problem
    reg = regs.get(offending.get("reg", ""))
    line = _journal_line(store, offending.get("hlc", "")) if from_journal else None
    journal = visible(str(store.home / JOURNAL_FILE), lines=False)
    where = _filled(M.WHERE_JOURNAL_LINE, path=journal, line=line) if line else M.WHERE_RECORD_NOW
    raise SyncError(M.OWN_INVALID, where=where, register=reg.title if reg else visible(str(offending.get("reg", ""))),
                    record=the_record(store, reg, offending), field=the_field(reg, problem.field),
                    problem=the_problem(problem))


def _unknown_reference(store: Store, changes: list[dict[str, Any]], regs: dict[str, Register]) -> Any:
    """The first change whose reference is not the id of a record this copy holds (each
    distinct id looked up once)."""
    from storage.values import Found

    paths = {slug: _paths(reg) for slug, reg in regs.items()}
    known: set[tuple[str, str]] = set()
    for n, change in enumerate(changes):
        if change["reg"] not in paths:
            continue
        for name, target, _, values in _new_references(change, paths[change["reg"]]):
            for value in values:
                if (target, value) in known:
                    continue
                held = isinstance(value, str) and value in store.table(target)
                problem = reference_problem(name, target, value, held, here_only=True)
                if problem is not None:
                    return Found(n, change, problem)
                known.add((target, value))
    return None


def _journal_line(store: Store, stamp: str) -> int | None:
    """The line of this copy's journal that holds the change stamped ``stamp`` (read only
    when a refusal names it)."""
    from storage.store import JOURNAL_FILE
    from sync.state import read_committed

    if not isinstance(stamp, str) or not stamp:
        return None
    data = read_committed(store.home / JOURNAL_FILE, 0)
    at = data.find(f'"hlc":"{stamp}"'.encode())
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


# -- before merging ------------------------------------------------------------------------


def check_incoming(store: Store, incoming: list[Any]) -> None:
    """Mark refused each bundle (of those not refused yet) that holds a value no save
    could have written, or a reference to nothing."""
    from storage.values import Checker

    items = [i for i in incoming if i.refused is None and i.bundle is not None]
    if not items:
        return
    regs = registers()
    checker = Checker()
    with clock.judging_on(judging_day(c for i in items for c in i.bundle.changes)):
        for item in items:
            snapshot = item.bundle.sender.role == "master" and item.bundle.manifest.get("full") is True
            found = checker.first(item.bundle.changes, regs, snapshot=snapshot)
            if found is not None:
                item.refused = refusal(store, item, found.index + 1, found.change, found.problem)
    _check_references(store, [i for i in items if i.refused is None], regs)


def refusal(store: Store, item: Any, n: int, change: Mapping[str, Any], problem: Problem) -> SyncError:
    reg = registers().get(change.get("reg", ""))
    return SyncError(M.INVALID_VALUE, path=visible(str(item.path), lines=False), sender=item.bundle.sender.name, n=n,
                     register=reg.title if reg else change.get("reg", ""), record=the_record(store, reg, change),
                     field=the_field(reg, problem.field), problem=the_problem(problem))


def _check_references(store: Store, items: list[Any], regs: dict[str, Register]) -> None:
    """References of the bundles' new values: ids, and on the master ids of records here
    or made by the bundles (refusing one bundle may leave another pointing at nothing:
    again until none is refused). Each distinct id is looked up once."""
    paths = {slug: _paths(reg) for slug, reg in regs.items()}
    while items:
        made = {(c["reg"], c["rec"]) for item in items for c in item.bundle.changes if c["op"] == "create"}
        judged: dict[tuple[str, Any, bool], bool] = {}
        refused = False
        for item in items:
            strict = item.bundle.sender.role != "master"  # only the master holds every record there is
            own = item.bundle.sender.branch  # enrolled from a record here; authority holds a branch to it
            for n, change in enumerate(item.bundle.changes, start=1):
                for name, target, new, values in _new_references(change, paths[change["reg"]]):
                    if strict and new == own and name == "branch":
                        continue
                    problem = None
                    for value in values:
                        key = (target, value, strict)
                        good = judged.get(key)
                        if good is None:
                            known = not strict or value in store.table(target) or (target, value) in made
                            problem = reference_problem(name, target, value, known, here_only=False)
                            good = judged[key] = problem is None
                        if not good:
                            problem = problem or reference_problem(name, target, value, False, here_only=False)
                            break
                    if problem is not None:
                        item.refused = refusal(store, item, n, change, problem)
                        refused = True
                        break
                if item.refused is not None:
                    break
        if not refused:
            return
        items = [i for i in items if i.refused is None]


def _new_references(change: Mapping[str, Any], paths: list[tuple[str, str, tuple[str, ...] | None]]
                    ) -> Iterator[tuple[str, str, Any, list[Any]]]:
    """What a change (not a delete) sets that refers to other records: each such field's
    name, the register it points into, its new value and the ids in it."""
    if change["op"] == "delete":
        return
    fields = change.get("fields") or {}
    for name, target, path in paths:
        pair = fields.get(name)
        if pair is None or pair[1] is None:
            continue
        new = pair[1]
        values = [new] if path is None and new.__class__ is str else values_at({name: new}, path or (name,))
        yield name, target, new, values


def _paths(reg: Register) -> list[tuple[str, str, tuple[str, ...] | None]]:
    """(first field, register pointed into, the path when it goes deeper than one field)."""
    return [(path[0], target, None if len(path) == 1 else path) for path, target in reference_paths(reg.model)]
