"""Planning a merge: the changes of the accepted bundles played, once each and in clock
order, against copies of the records they touch; conflicts found on the way."""

from __future__ import annotations

from typing import Any

from storage import clock
from storage.gcpause import pausing
from storage.journal import Change
from storage.records import STORE_KEYS
from storage.registers.rolls import dues_identity, live_entry, reversed_entries
from storage.store import JOURNAL_FILE, Store, apply_change, field_stamp
from sync.merge.authority import History, authorise
from sync.merge.incoming import CONFLICTS, Incoming, Plan, registers_by_slug
from sync.messages import SyncError
from sync.state import Vector

# -- planning --------------------------------------------------------------------------


def _blank(value: Any) -> Any:
    return None if value is None or value == "" or value == [] else value


def copy_of(stamp: str) -> str:
    return stamp.split("-", 2)[2] if stamp.count("-") >= 2 else ""


def _clone(record: dict[str, Any] | None) -> dict[str, Any] | None:
    if record is None:
        return None
    out = dict(record)
    if "_v" in out:
        out["_v"] = dict(out["_v"])
    return out


def changes_something(record: dict[str, Any] | None, change: Change) -> bool:
    """Whether applying ``change`` would change ``record`` (a replay changes nothing)."""
    stamp = change["hlc"]
    if change["op"] == "delete":
        return record is None or record.get("_d", "") < stamp
    if record is None:
        return True
    for name in change.get("fields", {}):
        if name not in STORE_KEYS and stamp > field_stamp(record, name):
            return True
    return False


class _Planner:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.work: dict[tuple[str, str], dict[str, Any] | None] = {}
        self.winner_old: dict[tuple[str, str], tuple[str, Any]] = {}  # (rec, field) → (stamp, old)
        self.entries: dict[str, dict[tuple[Any, ...], list[str]]] = {}
        self.payers: dict[str, set[Any]] = {}  # entries register → the members incoming entries are for
        self.registers = registers_by_slug()
        self.known = {(c.get("kind"), c.get("rec"), c.get("field"), c.get("winner_stamp"), c.get("loser_stamp"),
                       c.get("other")) for c in store.table(CONFLICTS).values()}

    def record(self, slug: str, rid: str) -> dict[str, Any] | None:
        key = (slug, rid)
        if key not in self.work:
            self.work[key] = _clone(self.store.table(slug).get(rid))
        return self.work[key]

    def entries_of(self, slug: str) -> dict[tuple[Any, ...], list[str]]:
        """Live, unreversed entries by what makes them the same payment — of the members
        the incoming entries are for (a dues book holds hundreds of thousands)."""
        found = self.entries.get(slug)
        if found is None:
            table = self.store.table(slug)
            wanted = self.payers.get(slug)
            reversed_ids = reversed_entries(table.values())
            found = {}
            for rid, record in table.items():
                if wanted is not None and record.get("member") not in wanted:
                    continue
                if live_entry(record, reversed_ids):
                    found.setdefault(dues_identity(record), []).append(rid)
            self.entries[slug] = found
        return found

    def conflict(self, kind: str, change: Change, **details: Any) -> dict[str, Any] | None:
        note = {"kind": kind, "reg": change["reg"], "rec": change["rec"], **details}
        key = (kind, note["rec"], note.get("field"), note.get("winner_stamp"), note.get("loser_stamp"), note.get("other"))
        if key in self.known:
            return None
        self.known.add(key)
        return note

    def detect(self, record: dict[str, Any] | None, change: Change) -> list[dict[str, Any]]:
        found: list[dict[str, Any] | None] = []
        stamp, copy, op = change["hlc"], change["copy"], change["op"]
        reg = self.registers.get(change["reg"])
        if reg is not None and reg.entries and op == "create" and (record is None or not record.get("_c")):
            values = {k: v for k, (_, v) in change.get("fields", {}).items() if v is not None}
            if not values.get("reverses"):
                same = self.entries_of(reg.slug).setdefault(dues_identity(values), [])
                for other in same:
                    other_record = self.record(reg.slug, other)
                    if other_record is not None and copy_of(other_record.get("_c", "")) != copy:
                        found.append(self.conflict("duplicate", change, other=other, loser_stamp=stamp,
                                                   winner_stamp=other_record.get("_c", ""), loser_copy=copy))
                same.append(change["rec"])
            return [f for f in found if f]
        if record is None:
            return []
        if op == "delete":
            if record.get("_d"):
                return []
            later = sorted(name for name, s in record.get("_v", {}).items() if s > stamp and copy_of(s) != copy)
            if later:
                found.append(self.conflict("deleted", change, field=",".join(later), loser_stamp=max(
                    record["_v"][n] for n in later), winner_stamp=stamp, loser_copy=copy_of(max(
                    record["_v"][n] for n in later)), loser={n: record.get(n) for n in later}))
            return [f for f in found if f]
        if record.get("_d"):
            edited = {n: new for n, (_, new) in change.get("fields", {}).items()
                      if n not in STORE_KEYS and stamp > field_stamp(record, n) and _blank(new) != _blank(record.get(n))}
            if edited:
                found.append(self.conflict("deleted", change, field=",".join(sorted(edited)), loser=edited,
                                           loser_stamp=stamp, loser_copy=copy, winner_stamp=record["_d"]))
            return [f for f in found if f]
        if op == "create":
            return []
        for name, (old, new) in change.get("fields", {}).items():
            if name in STORE_KEYS:
                continue
            here_stamp = field_stamp(record, name)
            here = record.get(name)
            if copy_of(here_stamp) == copy or _blank(new) == _blank(here):
                continue
            if stamp > here_stamp:
                if _blank(old) != _blank(here):
                    found.append(self.conflict("field", change, field=name, winner=new, winner_stamp=stamp,
                                               loser=here, loser_stamp=here_stamp, loser_copy=copy_of(here_stamp)))
            elif stamp < here_stamp:
                seen = self.winner_old.get((change["rec"], name))
                if seen and seen[0] == here_stamp and _blank(seen[1]) == _blank(new):
                    continue  # the winner was made over this very value
                found.append(self.conflict("field", change, field=name, winner=here, winner_stamp=here_stamp,
                                           loser=new, loser_stamp=stamp, loser_copy=copy))
        return [f for f in found if f]

    def play(self, change: Change, record: dict[str, Any] | None, effective: bool) -> tuple[bool, list[dict[str, Any]], str]:
        """Play one change on ``record`` (as it is so far); returns (whether it changes
        anything, conflicts, what it did)."""
        slug, rid = change["reg"], change["rec"]
        conflicts = self.detect(record, change)
        did = ""
        if effective:
            if change["op"] == "delete":
                did = "deleted" if record is not None and not record.get("_d") else ""
            elif record is None or (not record.get("_c") and change["op"] == "create"):
                did = "created"
            elif not record.get("_d"):
                did = "updated"
            table = {rid: record} if record is not None else {}
            apply_change(table, change)
            self.work[(slug, rid)] = table[rid]
            for name, pair in change.get("fields", {}).items():
                if table[rid].get("_v", {}).get(name) == change["hlc"]:
                    self.winner_old[(rid, name)] = (change["hlc"], pair[0])
        return effective, conflicts, did


@pausing
def plan(store: Store, incoming: list[Incoming]) -> Plan:
    """What merging these (already read) bundles would do; writes nothing."""
    journal_end = store.journal_end
    vector = Vector(store.home).current(store.home / JOURNAL_FILE, save=False)
    claimed: dict[str, str | None] = {}
    history = History(store)
    for item in incoming:
        if item.refused is None and item.bundle is not None:
            try:
                authorise(store, item, claimed, history)
            except SyncError as error:
                item.refused = error
    from sync.checks import check_incoming

    check_incoming(store, incoming)  # every value as a save would have written it, or the bundle is refused
    source: dict[str, Incoming] = {}
    ordered: list[Change] = []
    wall = clock.wall_ms()
    for item in incoming:
        if item.refused is not None or item.bundle is None:
            continue
        newest = max((c["hlc"] for c in item.bundle.changes), default="")
        if newest and int(newest[:13]) - wall > clock.CLOCK_SLACK_MS:
            item.ahead = newest
        for change in item.bundle.changes:
            if change["hlc"] not in source:
                source[change["hlc"]] = item
                ordered.append(change)
    ordered.sort(key=lambda c: c["hlc"])
    planner = _Planner(store)
    registers = registers_by_slug()
    for change in ordered:
        reg = registers.get(change["reg"])
        if reg is not None and reg.entries and change["op"] == "create":
            member = (change.get("fields", {}).get("member") or [None, None])[1]
            planner.payers.setdefault(reg.slug, set()).add(member)
    kept: list[Change] = []
    conflicts: list[dict[str, Any]] = []
    for change in ordered:
        new_here = change["hlc"] > vector.get(change["copy"], "")
        record = planner.record(change["reg"], change["rec"])
        effective = changes_something(record, change)
        if not new_here and not effective:
            continue  # a replay
        effective, found, did = planner.play(change, record, effective)
        kept.append(change)
        item = source[change["hlc"]]
        item.new += 1
        counts = item.by_register.setdefault(change["reg"], [0, 0, 0])
        if did == "created" and change["rec"] not in item.created:
            item.created.add(change["rec"])
            counts[0] += 1
        elif did == "updated" and change["rec"] not in item.created and change["rec"] not in item.updated:
            item.updated.add(change["rec"])
            counts[1] += 1
        elif did == "deleted":
            item.deleted.add(change["rec"])
            counts[2] += 1
        for note in found:
            note["sender"] = item.bundle.sender.copy if item.bundle else ""
            item.conflicts.append(note)
            conflicts.append(note)
    return Plan(incoming, kept, conflicts, journal_end, planner.work, dangling(store, planner.work, kept))


def dangling(store: Store, after: dict[tuple[str, str], dict[str, Any] | None],
             changes: list[Change]) -> list[tuple[str, str, str, str, str]]:
    """Live records that, once ``changes`` are applied (``after``: the records they touch,
    as they will be), point at a deleted record: those the changes made or re-pointed,
    and those already here that point at a record the changes delete."""
    from storage.store_references import reference_paths, values_at

    registers = registers_by_slug()
    found: dict[tuple[str, str, str, str, str], None] = {}
    dead: dict[str, set[str]] = {}  # register → ids deleted once the changes are in (no record comes back)
    live: dict[str, tuple[list[tuple[tuple[str, ...], str]], frozenset[str]]] = {}

    def as_it_will_be(slug: str, rid: str) -> dict[str, Any] | None:
        key = (slug, rid)
        return after[key] if key in after else store.table(slug).get(rid)

    def deleted_in(slug: str) -> set[str]:
        ids = dead.get(slug)
        if ids is None:
            ids = dead[slug] = {rid for rid, r in store.table(slug).items() if r.get("_d")}
            ids.update(rid for (s, rid), r in after.items() if s == slug and r is not None and r.get("_d"))
        return ids

    def paths_that_can_dangle(slug: str) -> tuple[list[tuple[tuple[str, ...], str]], frozenset[str]]:
        """A register's reference paths to registers that hold a deleted record, and
        their first fields (a reference to the branches, none deleted, cannot dangle)."""
        if slug not in live:
            paths = [(p, t) for p, t in reference_paths(registers[slug].model) if deleted_in(t)]
            live[slug] = (paths, frozenset(p[0] for p, _ in paths))
        return live[slug]

    def look(slug: str, record: dict[str, Any], only: Any = None) -> None:
        for path, target in paths_that_can_dangle(slug)[0]:
            if only is not None and path[0] not in only:
                continue
            if len(path) == 1:  # the common case, without the walk (a merge has 100,000)
                held = record.get(path[0])
                values = [held] if isinstance(held, str) else values_at(record, path) if held else []
            else:
                values = values_at(record, path)
            gone = deleted_in(target)
            for value in values:
                if value in gone:
                    found[(slug, record["id"], path[0], target, value)] = None

    deleted: dict[str, set[str]] = {}
    for change in changes:
        slug, fields = change["reg"], change.get("fields", {})
        if slug not in registers:
            continue
        if change["op"] != "delete" and paths_that_can_dangle(slug)[1].isdisjoint(fields):
            continue  # sets no reference that could point at a deleted record (a phone, an address)
        record = after.get((slug, change["rec"]))
        if record is None:
            continue
        if change["op"] == "delete":
            if record.get("_d"):
                deleted.setdefault(slug, set()).add(record["id"])
        elif not record.get("_d"):
            look(slug, record, fields)  # only the references it sets
    if deleted:  # what already points at what this merge deletes: one pass per register
        for slug, reg in registers.items():
            paths = [(p, t) for p, t in reference_paths(reg.model) if t in deleted]
            if not paths:
                continue
            for rid in store.table(slug):
                record = as_it_will_be(slug, rid)
                if record is None or record.get("_d"):
                    continue
                if any(v in deleted[t] for p, t in paths for v in values_at(record, p)):
                    look(slug, record)
    return list(found)
