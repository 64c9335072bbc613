"""Merging bundles: verify everything, then one journal append.

1. **Read and verify** each file (:func:`sync.bundle.read`): size, archive, manifest,
   recipient, sender's pinned key, signature, hashes, decryption, shape. Nothing is
   written; a file that fails is refused as a whole.
2. **Authority.** The master may change anything. A branch's bundle may hold only changes
   that branch's copy made, to registers branches keep, of records that are that
   branch's before and after — at the sender and here (a record the 總支 has since moved
   to another branch still takes the edits made while it was the sender's). Dues entries
   are only ever created. One change out of bounds refuses the whole bundle.
3. **Plan.** The changes of all accepted bundles, once each, in clock order, are played
   against copies of the records they touch: a change this copy already has (stamped at
   or before what it holds of that copy, and changing nothing) is dropped; the rest will
   be appended. On the way, conflicts are found:

   - ``field``: the same field changed on two copies, neither having seen the other's
     value. The later stamp (then copy id) wins everywhere; the losing value is kept
     here as a conflict.
   - ``deleted``: a record deleted on one copy while edited on another. It stays
     deleted (deletes are tombstones and never resurrect silently); the edit is kept
     as a conflict, and resolving it can bring the record back.
   - ``duplicate``: a dues entry from one copy equal to one typed on another (same
     member, months and amount). Both entries are kept — a payment is never dropped —
     and flagged, since it may be one real payment typed twice; resolving it either
     keeps both or records a reversing entry for one.

4. **Apply** (unless ``--dry-run``): a backup of the home, then, under the write lock,
   one append to the journal of the new changes and the conflicts found (the conflicts
   are records of a register of this copy's own, ``_conflicts``, never sent). That
   append is the commit point: a merge killed before it leaves the store as it was,
   after it as merged; replaying the journal finishes the rest.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from storage import catalogue, clock
from storage.gcpause import pausing
from storage.i18n import Text
from storage.journal import Change
from storage.records import STORE_KEYS
from storage.store import JOURNAL_FILE, Store, apply_change, field_stamp
from sync import bundle, messages as M
from sync.bundle import Bundle
from sync.keys import Keyring
from sync.messages import SyncError
from sync.state import PeerState, Vector

CONFLICTS = "_conflicts"

#: Fields of a dues entry that do not make it another payment.
DUES_INCIDENTAL = frozenset({"note", "collector", "paid_on", "base_income", "standard", "branch"})


@dataclass
class Incoming:
    """One bundle file and what merging it does."""

    path: Path
    bundle: Bundle | None = None
    digest: str = ""
    refused: SyncError | None = None
    new: int = 0
    created: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    by_register: dict[str, list[int]] = field(default_factory=dict)  # slug → [created, updated, deleted]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    #: The newest stamp of its changes, when it is more than a day ahead of this laptop's
    #: clock: the sender's clock is probably wrong (its changes win every conflict).
    ahead: str | None = None


@dataclass
class Plan:
    incoming: list[Incoming]
    changes: list[Change]
    conflicts: list[dict[str, Any]]
    journal_end: int
    #: What each record the changes touch becomes (worked out on copies while planning),
    #: valid while the journal still ends at ``journal_end``.
    settled: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)
    #: Live records the merge leaves pointing at a deleted one (a payment typed on a
    #: branch for a member the 總支 deleted meanwhile): (register, id, field, register, id).
    dangling: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    @property
    def accepted(self) -> list[Incoming]:
        return [i for i in self.incoming if i.refused is None]

    @property
    def refused(self) -> list[Incoming]:
        return [i for i in self.incoming if i.refused is not None]


def where(n: int) -> Text:
    return Text(*(t.format(n=n) for t in M.WHERE_CHANGE.variants()))


def _registers() -> dict[str, Any]:
    return {reg.slug: reg for reg in catalogue.registers()}


@pausing
def read_bundles(store: Store, keyring: Keyring, paths: Iterable[Path]) -> list[Incoming]:
    """Read and verify each file; a file that fails carries its refusal."""
    me = store.settings.store.copy_id
    out: list[Incoming] = []
    for path in paths:
        incoming = Incoming(Path(path))
        try:
            data = bundle.read_file(incoming.path)
            incoming.digest = hashlib.sha256(data).hexdigest()
            incoming.bundle = bundle.read(incoming.path, keyring, me, data)
        except SyncError as error:
            incoming.refused = error
        out.append(incoming)
    return out


# -- authority -------------------------------------------------------------------------


class _History:
    """Which branches a record ever belonged to here (read from the journal, rarely)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, set[str | None]] = {}

    def branches(self, rid: str) -> set[str | None]:
        if rid not in self.cache:
            from sync.outgoing import histories

            found: set[str | None] = set()
            for change in histories(self.store, {rid}):
                found.add(change.get("branch"))
                moved = change.get("fields", {}).get("branch")
                if moved:
                    found.update(moved)
            self.cache[rid] = found
        return self.cache[rid]


def authorise(store: Store, incoming: Incoming, claimed: dict[str, str | None], history: _History) -> None:
    """Refuse (raise) if one change of the bundle is not its sender's to make."""
    assert incoming.bundle is not None
    b = incoming.bundle
    sender = b.sender
    registers = _registers()
    path = str(incoming.path)
    sender_name = sender.name

    def refuse(n: int, change: Change, what: Text) -> SyncError:
        reg = registers.get(change["reg"])
        return SyncError(M.NOT_ALLOWED, path=path, sender=sender_name, n=n,
                         register=reg.title if reg else change["reg"], record=change["rec"][:8], what=what)

    for n, change in enumerate(b.changes, start=1):
        reg = registers.get(change["reg"])
        if reg is None:
            raise SyncError(M.MALFORMED, path=path, where=where(n), detail=f"unknown register {change['reg'][:40]}")
        fields = change.get("fields", {})
        for name in fields:
            if name not in reg.fields or name in STORE_KEYS:
                raise SyncError(M.MALFORMED, path=path, where=where(n), detail=f"unknown field {name[:40]}")
        if sender.role == "master":
            continue
        own = sender.branch
        if change["copy"] != sender.copy:
            raise refuse(n, change, M.WHAT_NOT_ITS_OWN)
        if reg.owner == "master":
            raise refuse(n, change, M.WHAT_MASTER_OWNED)
        if reg.entries and change["op"] != "create":
            raise refuse(n, change, M.WHAT_ENTRY_EDITED)
        after = change.get("branch")
        moved = fields.get("branch")
        before = moved[0] if moved is not None and change["op"] == "update" else after
        if moved is not None and moved[1] != after and change["op"] != "delete":
            raise refuse(n, change, M.WHAT_OTHER_BRANCH)
        if before != own or after != own:
            raise refuse(n, change, M.WHAT_OTHER_BRANCH)
        rid = change["rec"]
        if rid in claimed:
            here = claimed[rid]
        else:
            record = store.table(reg.slug).get(rid)
            here = own if record is None else record.get("branch")
        if here != own and own not in history.branches(rid):
            raise refuse(n, change, M.WHAT_OTHER_BRANCH)
        claimed[rid] = here


# -- planning --------------------------------------------------------------------------


def _blank(value: Any) -> Any:
    return None if value is None or value == "" or value == [] else value


def _copy_of(stamp: str) -> str:
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


#: What makes two dues entries the same payment: who, for which months, how much.
DUES_SAME = ("member", "period_from", "period_to", "amount")


def _entry_key(record: dict[str, Any]) -> tuple[Any, ...]:
    if "member" in record and "amount" in record:
        return tuple(str(record.get(k) or record.get("period_from")) if k == "period_to" else str(record.get(k))
                     for k in DUES_SAME)
    return tuple(sorted((k, str(v)) for k, v in record.items() if k not in STORE_KEYS and k not in DUES_INCIDENTAL))


class _Planner:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.work: dict[tuple[str, str], dict[str, Any] | None] = {}
        self.winner_old: dict[tuple[str, str], tuple[str, Any]] = {}  # (rec, field) → (stamp, old)
        self.entries: dict[str, dict[tuple[Any, ...], list[str]]] = {}
        self.payers: dict[str, set[Any]] = {}  # entries register → the members incoming entries are for
        self.registers = _registers()
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
            reversed_ = {r.get("reverses") for r in table.values() if r.get("reverses") and not r.get("_d")}
            found = {}
            for rid, record in table.items():
                if wanted is not None and record.get("member") not in wanted:
                    continue
                if not record.get("_d") and rid not in reversed_ and not record.get("reverses"):
                    found.setdefault(_entry_key(record), []).append(rid)
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
                same = self.entries_of(reg.slug).setdefault(_entry_key(values), [])
                for other in same:
                    other_record = self.record(reg.slug, other)
                    if other_record is not None and _copy_of(other_record.get("_c", "")) != copy:
                        found.append(self.conflict("duplicate", change, other=other, loser_stamp=stamp,
                                                   winner_stamp=other_record.get("_c", ""), loser_copy=copy))
                same.append(change["rec"])
            return [f for f in found if f]
        if record is None:
            return []
        if op == "delete":
            if record.get("_d"):
                return []
            later = sorted(name for name, s in record.get("_v", {}).items() if s > stamp and _copy_of(s) != copy)
            if later:
                found.append(self.conflict("deleted", change, field=",".join(later), loser_stamp=max(
                    record["_v"][n] for n in later), winner_stamp=stamp, loser_copy=_copy_of(max(
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
            if _copy_of(here_stamp) == copy or _blank(new) == _blank(here):
                continue
            if stamp > here_stamp:
                if _blank(old) != _blank(here):
                    found.append(self.conflict("field", change, field=name, winner=new, winner_stamp=stamp,
                                               loser=here, loser_stamp=here_stamp, loser_copy=_copy_of(here_stamp)))
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
    history = _History(store)
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
    registers = _registers()
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
    from storage.store_references import reference_paths as _reference_paths, values_at as _values_at

    registers = _registers()
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
            paths = [(p, t) for p, t in _reference_paths(registers[slug].model) if deleted_in(t)]
            live[slug] = (paths, frozenset(p[0] for p, _ in paths))
        return live[slug]

    def look(slug: str, record: dict[str, Any], only: Any = None) -> None:
        for path, target in paths_that_can_dangle(slug)[0]:
            if only is not None and path[0] not in only:
                continue
            if len(path) == 1:  # the common case, without the walk (a merge has 100,000)
                held = record.get(path[0])
                values = [held] if isinstance(held, str) else _values_at(record, path) if held else []
            else:
                values = _values_at(record, path)
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
            paths = [(p, t) for p, t in _reference_paths(reg.model) if t in deleted]
            if not paths:
                continue
            for rid in store.table(slug):
                record = as_it_will_be(slug, rid)
                if record is None or record.get("_d"):
                    continue
                if any(v in deleted[t] for p, t in paths for v in _values_at(record, p)):
                    look(slug, record)
    return list(found)


# -- applying --------------------------------------------------------------------------


def conflict_change(store: Store, note: dict[str, Any]) -> Change:
    stamp = store.clock.tick()
    fields = {k: [None, v] for k, v in note.items() if v is not None}
    fields["at"] = [None, clock.now().isoformat(timespec="seconds")]
    return {"hlc": stamp, "at": fields["at"][1], "copy": store.settings.store.copy_id, "op": "create",
            "reg": CONFLICTS, "rec": "~" + uuid.uuid4().hex, "branch": None, "fields": fields}


@pausing
def commit(store: Store, merge_plan: Plan, keyring: Keyring, incoming: list[Incoming]) -> Plan:
    """Apply a plan under the write lock, planning again if another process wrote since.
    The one journal append is the commit point. The register files are rewritten at the
    store's next checkpoint (when the program closes, or after the next save), not here:
    a merge waits for nothing but its journal append."""
    autocheckpoint, store.autocheckpoint = store.autocheckpoint, False
    try:
        return _commit(store, merge_plan, incoming)
    finally:
        store.autocheckpoint = autocheckpoint


def _commit(store: Store, merge_plan: Plan, incoming: list[Incoming]) -> Plan:
    with store.transaction():
        if store.journal_end != merge_plan.journal_end:
            for item in incoming:
                _reset(item)
            merge_plan = plan(store, incoming)
        if merge_plan.changes or merge_plan.conflicts:
            if merge_plan.changes:  # the notes' stamps come after every merged change's
                store.clock.observe(max(c["hlc"] for c in merge_plan.changes))
            notes = [conflict_change(store, note) for note in merge_plan.conflicts]
            store.apply_changes(merge_plan.changes + notes, settled=merge_plan.settled)
    note_peers(store, merge_plan)
    return merge_plan


def _reset(item: Incoming) -> None:
    if item.refused is not None and item.bundle is not None:
        item.refused = None  # authority is checked again against the store as it is now
    item.new = 0
    item.created, item.updated, item.deleted = set(), set(), set()
    item.by_register, item.conflicts = {}, []
    item.ahead = None


def note_peers(store: Store, merge_plan: Plan) -> None:
    """After the commit: each sender's acknowledgements and the files merged. Lost in a
    crash, they cost only a resend."""
    state = PeerState(store.home)
    for item in merge_plan.accepted:
        assert item.bundle is not None
        state.note_acks(item.bundle.sender.copy, item.bundle.acks, item.bundle.created, store.settings.store.copy_id)
        state.note_merged(item.bundle.sender.copy, item.digest)
    if merge_plan.accepted:
        state.save()


def backup_before_merge(store: Store) -> Path:
    """A backup of the home that shares nothing with it (storage.backups), made under the
    write lock; the newest few are kept."""
    from storage import backups

    return backups.make(store.home, "merge", store.lock)


def merge(
    store: Store,
    keyring: Keyring,
    paths: Iterable[Path],
    *,
    dry_run: bool = False,
    backup: bool = True,
) -> tuple[Plan, Path | None]:
    """Read, verify, plan and (unless a dry run) apply bundles. Refused files are listed
    in the plan and change nothing; the others are merged."""
    store.refresh()
    incoming = read_bundles(store, keyring, paths)
    merge_plan = plan(store, incoming)
    if dry_run:
        return merge_plan, None
    saved = None
    if merge_plan.changes or merge_plan.conflicts:
        if backup:
            saved = backup_before_merge(store)
        merge_plan = commit(store, merge_plan, keyring, incoming)
    else:
        note_peers(store, merge_plan)
    return merge_plan, saved
