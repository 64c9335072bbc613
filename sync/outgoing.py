"""What a peer is sent, and the bundle that carries it.

A branch's copy sends the master its own changes (only those: a branch speaks for no
one else) beyond what the master acknowledged. The master sends a branch's copy what
that branch should see — the registers the master keeps (regulations, the branches), the
branch's own records (whoever changed them), the records of other branches in the
registers that ``[sync] share`` names in settings.toml (``share = ["*"]`` for all), and
the change that moves a record out of its view — beyond what that copy acknowledged. A
record moved *into* a branch's view travels with its whole history, since its earlier
changes were not that branch's to see when they were made.

``--full`` ignores the acknowledgements: the master sends the present state of the
branch's view (one change per record and stamp, so the fields keep their stamps); a
branch sends all its own changes again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storage import catalogue, clock, fastjson
from storage.journal import Change
from storage.store import JOURNAL_FILE, Store
from sync import bundle
from sync.keys import Keyring, Peer
from sync.state import PeerState, Vector, is_local, read_committed

_HEAD = re.compile(rb'"hlc":"(\d{13}-\d{6}-([^"]+))"[^\n]*?"reg":"([^"]*)"')


def shared_registers(store: Store) -> set[str]:
    """The registers of which every branch receives every branch's records."""
    section = getattr(store.settings, "sync", None) or {}
    share = section.get("share", []) if isinstance(section, dict) else []
    if share == "*" or (isinstance(share, list) and "*" in share):
        return {reg.slug for reg in catalogue.registers()}
    return {s for s in share if isinstance(s, str)} if isinstance(share, list) else set()


class View:
    """Which records a branch's copy is sent."""

    def __init__(self, store: Store, branch: str | None) -> None:
        self.store = store
        self.branch = branch
        self.shared = shared_registers(store)
        self.master_owned = {reg.slug for reg in catalogue.registers() if reg.owner == "master"}

    def register_whole(self, slug: str) -> bool:
        return slug in self.master_owned or slug in self.shared

    def sees_record(self, slug: str, record: dict[str, Any] | None) -> bool:
        if self.register_whole(slug):
            return True
        return record is not None and record.get("branch") == self.branch

    def sees_change(self, change: Change) -> bool:
        slug = change["reg"]
        if is_local(slug):
            return False
        if self.register_whole(slug):
            return True
        if change.get("branch") == self.branch:
            return True
        moved = change.get("fields", {}).get("branch")
        if moved and self.branch in moved:
            return True  # moved into or out of this branch
        record = self.store.table(slug).get(change["rec"])
        return record is not None and record.get("branch") == self.branch


def journal_changes(store: Store, start: int, keep: Any) -> list[Change]:
    """Changes of the journal from byte ``start`` that ``keep(hlc, origin, reg)`` wants."""
    data = read_committed(store.home / JOURNAL_FILE, start)
    out: list[Change] = []
    loads = fastjson.loads
    pos = 0
    for match in _HEAD.finditer(data):
        if match.start() < pos:
            continue
        hlc, origin, reg = match.group(1).decode(), match.group(2).decode(), match.group(3).decode()
        line_start = data.rfind(b"\n", 0, match.start()) + 1
        line_end = data.index(b"\n", match.end())
        pos = line_end
        if keep(hlc, origin, reg):
            out.append(loads(data[line_start:line_end]))
    return out


def histories(store: Store, records: set[str]) -> list[Change]:
    """Every change of these records, from the whole journal."""
    if not records:
        return []
    needles = [f'"rec":"{rid}"'.encode() for rid in records]
    out: list[Change] = []
    for raw in read_committed(store.home / JOURNAL_FILE, 0).split(b"\n"):
        if raw and any(n in raw for n in needles):
            change = json.loads(raw)
            if change.get("rec") in records and not is_local(change.get("reg", "_")):
                out.append(change)
    return out


def snapshot(store: Store, view: View) -> list[Change]:
    """The present state of a branch's view as changes: per record, one change per
    stamp its fields carry, so that merging them gives the same record, stamps and all."""
    out: list[Change] = []
    for reg in catalogue.registers():
        for record in store.table(reg.slug).values():
            if view.sees_record(reg.slug, record):
                out += record_changes(reg.slug, record)
    return out


def record_changes(slug: str, record: dict[str, Any]) -> list[Change]:
    from storage.records import STORE_KEYS

    created = record.get("_c", "")
    stamps = record.get("_v", {})
    groups: dict[str, dict[str, list[Any]]] = {}
    if created:
        groups[created] = {}
    for name, value in record.items():
        if name in STORE_KEYS:
            continue
        groups.setdefault(stamps.get(name) or created, {})[name] = [None, value]
    for name, stamp in stamps.items():  # a field emptied later: its stamp, no value
        if name not in record:
            groups.setdefault(stamp, {})[name] = [None, None]
    out = []
    for stamp in sorted(s for s in groups if s):
        out.append({
            "hlc": stamp, "at": "", "copy": stamp.split("-", 2)[2],
            "op": "create" if stamp == created else "update", "reg": slug, "rec": record["id"],
            "branch": record.get("branch"), "fields": groups[stamp],
        })
    if record.get("_d"):
        stamp = record["_d"]
        out.append({"hlc": stamp, "at": "", "copy": stamp.split("-", 2)[2], "op": "delete", "reg": slug,
                    "rec": record["id"], "branch": record.get("branch"), "fields": {}})
    return out


def changes_for(store: Store, peer: Peer, acks: dict[str, str], *, full: bool, cache: bool = True) -> list[Change]:
    """The changes ``peer`` is to be sent, in clock order (``cache``: keep the cached
    vector of the journal up to date)."""
    me = store.settings.store.copy_id
    journal = store.home / JOURNAL_FILE
    if full:
        acks = {}
    start = Vector(store.home).start_for(journal, acks, save=cache) if acks else 0
    if store.settings.store.role == "branch":
        mine = acks.get(me, "")
        chosen = journal_changes(store, start, lambda hlc, origin, reg: origin == me and hlc > mine and not is_local(reg))
    else:
        view = View(store, peer.branch)
        if full:
            chosen = snapshot(store, view)
        else:
            candidates = journal_changes(
                store, start, lambda hlc, origin, reg: hlc > acks.get(origin, "") and not is_local(reg))
            chosen = [c for c in candidates if view.sees_change(c)]
            moved_in = {c["rec"] for c in chosen
                        if (c.get("fields", {}).get("branch") or [None, None])[1] == peer.branch
                        and (c.get("fields", {}).get("branch") or [None, None])[0] != peer.branch
                        and not view.register_whole(c["reg"])}
            if moved_in:
                seen = {c["hlc"] for c in chosen}
                chosen += [c for c in histories(store, moved_in) if c["hlc"] not in seen]
    unique: dict[str, Change] = {}
    for change in chosen:
        unique[change["hlc"]] = change
    return [unique[h] for h in sorted(unique)]


def sender_info(store: Store) -> dict[str, Any]:
    s = store.settings.store
    name = store.name_of("branches", s.branch) if s.role == "branch" and s.branch else store.organisation
    return {"role": s.role, "branch": s.branch if s.role == "branch" else None, "name": name}


def export(
    store: Store,
    keyring: Keyring,
    peer: Peer,
    path: Path,
    *,
    full: bool = False,
    changes: list[Change] | None = None,
) -> dict[str, Any]:
    """Write the bundle for ``peer`` to ``path``; returns its manifest."""
    from sync.checks import check_outgoing

    store.refresh()
    state = PeerState(store.home)
    if changes is None:
        changes = changes_for(store, peer, state.acks(peer.copy), full=full, cache=False)
    # A line no save could have written (a hand edit, a damaged disk) is not signed.
    check_outgoing(store, changes, from_journal=not (full and store.settings.store.role == "master"))
    vector = Vector(store.home).current(store.home / JOURNAL_FILE)
    identity = keyring.own(store.settings.store.copy_id)
    with store.transaction():  # the bundle's stamp: newer than every change here and every bundle sent
        created = bundle_stamp(store)
    return bundle.write(
        path,
        identity=identity,
        sender=sender_info(store),
        recipient=peer,
        organisation=store.organisation,
        changes=changes,
        acks=vector,
        created=created,
        at=clock.now().isoformat(timespec="seconds"),
        full=full,
    )


LAST_BUNDLE = "last-bundle"


def bundle_stamp(store: Store) -> str:
    """A stamp for a bundle, after every stamp this copy made, even across a restore
    (kept in keys/, which a restore leaves alone): a peer keeps the acknowledgements of
    the bundle with the newest stamp."""
    from sync.keys import KEYS_DIR

    path = store.home / KEYS_DIR / LAST_BUNDLE
    try:
        store.clock.observe(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    stamp = store.clock.tick()
    from storage.files import make_private_dir, write_atomic

    make_private_dir(path.parent, parents=True)

    write_atomic(path, stamp.encode())
    return stamp


def peers_of(store: Store, keyring: Keyring) -> list[Peer]:
    """Whom this copy exchanges with: the master (on a branch), the live branch copies
    (on the master)."""
    if store.settings.store.role == "branch":
        master = keyring.master()
        return [master] if master else []
    return keyring.branch_copies()


def names(store: Store, peers: Iterable[Peer]) -> str:
    return "、".join(peer_name(store, p) for p in peers) or "—"


def peer_name(store: Store, peer: Peer) -> str:
    if peer.role == "branch" and peer.branch:
        return store.name_of("branches", peer.branch) or peer.name
    return peer.name
