"""``taizhang exchange DIR``: both directions through a folder both sides share (one
that Syncthing, a network drive or a cloud folder keeps in step).

Each copy writes one file per peer, ``taizhang-<from>-to-<to>.tzb``, replaced whole
(atomically) at each exchange — bundles are cumulative, so the newest is all a peer
needs and the folder does not grow. It merges the files addressed to it that it has not
merged before, then writes its own. A file is looked at only if it is a regular file
inside the folder (not a link leading elsewhere), and is then read as hostile input like
any bundle.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path

from storage.files import not_regular
from storage.store import JOURNAL_FILE, Store
from sync import bundle
from sync import messages as M
from sync.keys import Keyring
from sync.merge import Incoming, Plan, merge
from sync.messages import SyncError
from sync.outgoing import changes_for, export, peers_of
from sync.state import PeerState, Vector

PREFIX = "taizhang-"


def file_name(sender: str, recipient: str) -> str:
    return f"{PREFIX}{sender}-to-{recipient}{bundle.SUFFIX}"


@dataclass
class Exchange:
    merged: Plan | None = None
    backup: Path | None = None
    written: list[tuple[str, Path, int]] = field(default_factory=list)  # (peer copy, file, changes)
    skipped: list[tuple[Path, SyncError]] = field(default_factory=list)


def incoming_files(folder: Path, me: str) -> tuple[list[Path], list[tuple[Path, SyncError]]]:
    wanted, skipped = [], []
    root = folder.resolve()
    suffix = f"-to-{me}{bundle.SUFFIX}"
    for path in sorted(folder.iterdir()):
        if not path.name.startswith(PREFIX) or not path.name.endswith(suffix):
            continue
        if path.is_symlink() or root not in path.resolve().parents:
            skipped.append((path, SyncError(M.OUTSIDE_FOLDER, path=str(path))))
            continue
        mode = path.lstat().st_mode
        if not stat.S_ISREG(mode):  # a folder, or a named pipe that would never end its read
            error = not_regular(path, mode)
            skipped.append((path, SyncError(error.text, **error.params)))
            continue
        wanted.append(path)
    return wanted, skipped


def exchange(store: Store, keyring: Keyring, folder: Path) -> Exchange:
    folder = Path(folder)
    if not folder.is_dir():
        raise SyncError(M.NOT_A_FOLDER, path=str(folder))
    me = store.settings.store.copy_id
    peers = peers_of(store, keyring)
    if not peers:
        raise SyncError(M.NOT_ENROLLED if store.settings.store.role == "branch" else M.NO_PEERS)
    result = Exchange()
    files, result.skipped = incoming_files(folder, me)
    state = PeerState(store.home)
    fresh = []
    for path in files:
        try:
            digest = hashlib.sha256(bundle.read_file(path)).hexdigest()
        except SyncError as error:
            result.skipped.append((path, error))
            continue
        if not any(state.merged(copy, digest) for copy in state.peers):
            fresh.append(path)
    if fresh:
        result.merged, result.backup = merge(store, keyring, fresh)
    state = PeerState(store.home)
    vector = Vector(store.home).current(store.home / JOURNAL_FILE)
    for peer in peers:
        changes = changes_for(store, peer, state.acks(peer.copy), full=False)
        target = folder / file_name(me, peer.copy)
        entry = state.peers.setdefault(peer.copy, {})
        if not changes and entry.get("sent_vector") == vector and _digest(target) == entry.get("sent_file"):
            continue  # the peer's file, the one written here last, already says all there is to say
        try:
            export(store, keyring, peer, target, changes=changes)
        except SyncError as error:  # a journal line no save wrote: nothing is signed for that peer
            result.skipped.append((target, error))
            continue
        entry["sent_vector"] = vector
        entry["sent_file"] = _digest(target)
        result.written.append((peer.copy, target, len(changes)))
    state.save()
    return result


def _digest(path: Path) -> str | None:
    """The file's SHA-256, None if there is none. The folder's file must be the one this
    copy wrote last for its silence to mean anything: after a restore from a backup this
    copy's state is older than the file there, which tells the peer it holds more than
    it now does (so the peer would never send again what the restore took away)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def refused(result: Exchange) -> list[Incoming]:
    return result.merged.refused if result.merged else []
