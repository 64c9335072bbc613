"""What this copy holds, and what each peer last said it holds.

**The vector.** For each copy that ever made a change, the newest stamp of its changes in
this copy's journal. Bundles always carry everything the recipient has not acknowledged,
and are merged in clock order, so a copy holding a change of X stamped *s* holds every
change of X it should have that is stamped before *s*: the vector says in a few lines
what a copy has. A bundle's manifest carries its sender's vector (its acknowledgements);
the recipient sends back only what lies beyond it.

The vector is computed from the journal and cached in ``sync/vector.json`` with the
journal offset it covers, so each use reads only the new lines. The cache also keeps a
few *marks*, (offset, vector there), so an export can skip the part of the journal a
peer surely has.

**Peers.** ``sync/state.json`` keeps, per peer copy, the vector of the newest bundle
received from it (by the sender's clock, so an old bundle arriving late does not roll it
back — except in what it says of this copy's own changes, see :meth:`PeerState.note_acks`),
the hashes of the bundle files already merged (so ``exchange`` does not read a file twice)
and of the file last written for it. Both files are rolled back with the data by
``taizhang restore``: after a restore the vector is smaller, the next bundles say so, and
the peers send again what was lost.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from storage.files import make_private_dir, write_atomic

SYNC_DIR = "sync"
VECTOR_FILE = "vector.json"
STATE_FILE = "state.json"
MARKS = 48

_LINE = re.compile(rb'"hlc":"(\d{13}-\d{6}-([^"]+))"[^\n]*?"reg":"([^"]*)"')


def is_local(register: str) -> bool:
    """Registers kept by one copy for itself (its conflicts): never sent anywhere."""
    return register.startswith("_")


def _scan(data: bytes, vector: dict[str, str]) -> None:
    for match in _LINE.finditer(data):
        if match.group(3).startswith(b"_"):
            continue
        origin = match.group(2).decode()
        stamp = match.group(1).decode()
        if stamp > vector.get(origin, ""):
            vector[origin] = stamp


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def covers(vector: dict[str, str], acks: dict[str, str]) -> bool:
    """Whether ``acks`` holds at least everything ``vector`` names."""
    return all(stamp <= acks.get(origin, "") for origin, stamp in vector.items())


class Vector:
    """The cached vector of a home's journal."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.path = home / SYNC_DIR / VECTOR_FILE

    def load(self, journal_path: Path) -> tuple[dict[str, str], list[tuple[int, dict[str, str]]], int]:
        cached = _read_json(self.path)
        offset = cached.get("offset", 0)
        vector = cached.get("vector", {})
        marks = cached.get("marks", [])
        head = cached.get("head", "")
        try:
            size = journal_path.stat().st_size
        except FileNotFoundError:
            size = 0
        valid = (isinstance(offset, int) and isinstance(vector, dict) and isinstance(marks, list)
                 and 0 <= offset <= size and head == _head(journal_path, offset))
        if not valid:
            offset, vector, marks = 0, {}, []
        return dict(vector), [(int(o), dict(v)) for o, v in marks], offset

    def current(self, journal_path: Path, *, save: bool = True) -> dict[str, str]:
        """The vector of the journal as it is now (reading only what is new)."""
        return self._current(journal_path, save)[0]

    def _current(self, journal_path: Path, save: bool) -> tuple[dict[str, str], list[tuple[int, dict[str, str]]]]:
        vector, marks, offset = self.load(journal_path)
        data = read_committed(journal_path, offset)
        end = data.rfind(b"\n") + 1
        if end:
            if not marks or marks[-1][1] != vector:
                marks.append((offset, dict(vector)))
            _scan(data[:end], vector)
            offset += end
            if len(marks) > MARKS:  # thin the older half; the newest marks matter most
                half = len(marks) // 2
                marks = marks[:half:2] + marks[half:]
            if save:
                self.save(journal_path, offset, vector, marks)
        return vector, marks

    def start_for(self, journal_path: Path, acks: dict[str, str], *, save: bool = True) -> int:
        """A journal offset before which the peer with ``acks`` has everything (``save``:
        keep the cache up to date; an export that may yet be refused writes nothing)."""
        _, marks = self._current(journal_path, save)
        start = 0
        for offset, vector in marks:
            if covers(vector, acks):
                start = max(start, offset)
        return start

    def save(self, journal_path: Path, offset: int, vector: dict[str, str], marks: list[tuple[int, dict[str, str]]]) -> None:
        make_private_dir(self.path.parent, parents=True)
        data = {"offset": offset, "head": _head(journal_path, offset), "vector": vector,
                "marks": [[o, v] for o, v in marks]}
        try:
            write_atomic(self.path, json.dumps(data).encode(), sync=False)
        except Exception:  # a cache: if it cannot be written, it is recomputed next time
            pass


def read_committed(journal_path: Path, start: int) -> bytes:
    """The journal's bytes from ``start`` to the end of its last line that counts."""
    from storage.journal import Journal

    end = Journal(journal_path).committed_size()
    try:
        with open(journal_path, "rb") as f:
            f.seek(start)
            data = f.read(max(0, end - start))
    except FileNotFoundError:
        return b""
    return data[: data.rfind(b"\n") + 1]


def _head(journal_path: Path, offset: int) -> str:
    """A fingerprint of the journal up to ``offset`` (its last 64 bytes there), so a cache
    made for another journal (after a restore) is not trusted."""
    if offset <= 0:
        return ""
    try:
        with open(journal_path, "rb") as f:
            f.seek(max(0, offset - 64))
            return f.read(min(64, offset)).hex()
    except OSError:
        return ""


class PeerState:
    """``sync/state.json``: per peer, its last acknowledgements and the files merged."""

    def __init__(self, home: Path) -> None:
        self.path = home / SYNC_DIR / STATE_FILE
        data = _read_json(self.path)
        peers = data.get("peers", {})
        self.peers: dict[str, dict[str, Any]] = peers if isinstance(peers, dict) else {}

    def acks(self, copy: str) -> dict[str, str]:
        acks = self.peers.get(copy, {}).get("acks", {})
        return dict(acks) if isinstance(acks, dict) else {}

    def note_acks(self, copy: str, acks: dict[str, str], created: str, me: str = "") -> None:
        """Take a peer's acknowledgements from a bundle, unless a newer bundle gave them.

        Except what it says of this copy's own changes (``me``), which an older bundle
        may take back: the peer went back to a backup on a laptop whose clock is behind
        the stamps it made before (its bundles now look older than its last one), or an
        old bundle arrived late. Sending those changes again is safe either way (a merge
        drops what it holds); believing the peer still holds them could lose them."""
        entry = self.peers.setdefault(copy, {})
        if created > entry.get("acks_created", ""):
            entry["acks"] = dict(acks)
            entry["acks_created"] = created
        elif me and isinstance(entry.get("acks"), dict) and acks.get(me, "") != entry["acks"].get(me, ""):
            if acks.get(me):
                entry["acks"][me] = acks[me]
            else:
                entry["acks"].pop(me, None)

    def assume(self, copy: str, acks: dict[str, str]) -> None:
        """What a new copy holds once it has merged what it was given at enrolment."""
        self.peers[copy] = {"acks": dict(acks), "acks_created": ""}

    def merged(self, copy: str, digest: str) -> bool:
        return digest in self.peers.get(copy, {}).get("merged", [])

    def note_merged(self, copy: str, digest: str) -> None:
        entry = self.peers.setdefault(copy, {})
        done = [d for d in entry.get("merged", []) if d != digest] + [digest]
        entry["merged"] = done[-32:]

    def save(self) -> None:
        make_private_dir(self.path.parent, parents=True)
        write_atomic(self.path, json.dumps({"format": 1, "peers": self.peers}, indent=1).encode())
