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

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storage import clock
from storage.gcpause import pausing
from storage.journal import Change
from storage.store import Store
from sync.keys import Keyring
from sync.merge.authority import History, authorise
from sync.merge.incoming import CONFLICTS, Incoming, Plan, read_bundles, registers_by_slug, where
from sync.merge.planning import changes_something, copy_of, dangling, plan
from sync.state import PeerState

__all__ = [
    "CONFLICTS", "History", "Incoming", "Plan", "authorise", "backup_before_merge", "changes_something",
    "commit", "conflict_change", "copy_of", "dangling", "merge", "note_peers", "plan", "read_bundles",
    "registers_by_slug", "where",
]


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
