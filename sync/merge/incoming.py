"""What a merge reads and decides: the bundles, each verified or carrying its refusal,
and the plan made of them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage import catalogue
from storage.gcpause import pausing
from storage.i18n import Text
from storage.journal import Change
from storage.store import Store
from sync import bundle
from sync import messages as M
from sync.bundle import Bundle
from sync.keys import Keyring
from sync.messages import SyncError

CONFLICTS = "_conflicts"

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


def registers_by_slug() -> dict[str, Any]:
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
