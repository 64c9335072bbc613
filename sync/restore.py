"""Going back to a backup: ``taizhang restore [NAME]``.

A backup (``home/backups/<time>-<reason>``) is a copy of the home made before a merge or
another risky step. Restoring one first backs up the present state (so a restore can
itself be undone), then puts the backup's files in place, under the write lock, in an
order that keeps every instant readable: the state file and the search index go first
(so an interrupted restore replays the whole journal and rebuilds the index), then the
register files, the journal, the rest, and the state file last.

Left as they are: ``keys/`` (a key revoked since must stay revoked), and the clock,
which goes on from its present stamp so no stamp of this copy is ever made twice. The
peers are told of the smaller holdings by the next bundle's acknowledgements, and send
again what the restore took away.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from storage.files import write_atomic
from storage.store import BACKUPS_DIR, JOURNAL_FILE, REGISTERS_DIR, STATE_FILE, Store
from sync import messages as M
from sync.keys import KEYS_DIR
from sync.merge import JOURNAL_LENGTH
from sync.messages import SyncError

KEEP = {BACKUPS_DIR, KEYS_DIR, ".lock"}
INDEX_FILE = "index.tsv"


def backups(home: Path) -> list[Path]:
    folder = home / BACKUPS_DIR
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / "settings.toml").exists()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def choose(home: Path, name: str | None) -> Path:
    found = backups(home)
    if not found:
        raise SyncError(M.NO_BACKUPS, home=str(home))
    if not name:
        return found[-1]
    matches = [p for p in found if p.name == name] or [p for p in found if p.name.startswith(name)]
    if len(matches) != 1:
        raise SyncError(M.NO_SUCH_BACKUP, name=name, names="、".join(p.name for p in found[-8:]))
    return matches[0]


def restore(store: Store, backup: Path) -> Path:
    """Put ``backup`` in place of the home's data; returns the backup of the state before."""
    from sync.merge import backup as whole_backup

    length = _journal_length(backup)  # a damaged backup is refused before anything is done
    before = whole_backup(store, "before-restore")
    home = store.home
    stamp = store.last_stamp()
    with store.transaction():
        stage = home / ".restoring"
        if stage.exists():
            shutil.rmtree(stage)
        shutil.copytree(backup, stage, ignore=shutil.ignore_patterns(KEYS_DIR, BACKUPS_DIR, ".lock", "*.tmp"))
        if length is not None:  # the copy, not the journal the backups share
            _cut(stage / JOURNAL_FILE, length)
            (stage / JOURNAL_LENGTH).unlink()
        for name in (STATE_FILE, INDEX_FILE):  # first: an interrupted restore replays everything
            (home / name).unlink(missing_ok=True)
        order = [REGISTERS_DIR, JOURNAL_FILE] + sorted(
            p.name for p in stage.iterdir() if p.name not in (REGISTERS_DIR, JOURNAL_FILE, STATE_FILE))
        present = {p.name for p in home.iterdir()}
        for name in order:
            _replace(stage / name, home / name)
        for name in present - set(order) - KEEP - {STATE_FILE, INDEX_FILE, ".restoring"}:
            _remove(home / name)  # what the backup did not have (a conflicts cache made since …)
        state_path = stage / STATE_FILE
        if state_path.exists():
            try:
                state = json.loads(state_path.read_text(encoding="utf-8"))
            except ValueError:
                state = {}
            if stamp and stamp > str(state.get("hlc", "")):
                state["hlc"] = stamp  # the clock goes on from where it was
            write_atomic(home / STATE_FILE, json.dumps(state).encode())
        shutil.rmtree(stage, ignore_errors=True)
    return before


def _journal_length(backup: Path) -> int | None:
    """Where the backup's journal ended when it was made: a backup shares the journal,
    which has grown since (older backups hold a journal of their own: None)."""
    noted = backup / JOURNAL_LENGTH
    if not noted.exists():
        return None
    try:
        length = int(noted.read_text(encoding="ascii"))
        size = (backup / JOURNAL_FILE).stat().st_size
    except (OSError, ValueError) as error:
        raise SyncError(M.BACKUP_DAMAGED, name=backup.name, detail=f"{JOURNAL_LENGTH}: {error}") from None
    if size < length:
        raise SyncError(M.BACKUP_DAMAGED, name=backup.name, detail=f"{JOURNAL_FILE} < {length} bytes")
    return length


def _cut(journal: Path, length: int) -> None:
    with open(journal, "rb+") as f:
        f.truncate(length)
        f.flush()
        os.fsync(f.fileno())


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _replace(source: Path, target: Path) -> None:
    if not source.exists():
        _remove(target)
        return
    if target.is_dir() and not target.is_symlink():
        aside = target.with_name(target.name + ".old")
        _remove(aside)
        target.rename(aside)
        source.rename(target)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        source.replace(target)
