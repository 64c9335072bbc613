"""Authority: what a bundle's sender may change, checked before anything is planned."""

from __future__ import annotations

from storage.i18n import Text
from storage.journal import Change
from storage.records import STORE_KEYS
from storage.store import Store
from sync import messages as M
from sync.merge.incoming import Incoming, registers_by_slug, where
from sync.messages import SyncError

# -- authority -------------------------------------------------------------------------


class History:
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


def authorise(store: Store, incoming: Incoming, claimed: dict[str, str | None], history: History) -> None:
    """Refuse (raise) if one change of the bundle is not its sender's to make."""
    assert incoming.bundle is not None
    b = incoming.bundle
    sender = b.sender
    registers = registers_by_slug()
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
