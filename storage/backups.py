"""Backups: copies of a home that stand alone, checked whole before they are used.

Two kinds, one archive:

- **Local backups**, ``home/backups/<time>-<reason>.tar.gz``: made before every merge,
  before a restore, before a format upgrade, and by ``taizhang backup``. The newest few
  are kept (``[backup] keep`` in settings.toml, 10 unless set).
- **The whole-store file**, ``taizhang backup --to FILE``: the same archive with the keys
  too, sealed under a passphrase (:mod:`storage.sealed`), to take off the laptop.

An archive is a gzip'd tar of the home's files as they are — settings, register files,
the journal, the search index, the state, the sync state (and, in the whole-store file,
the keys) — ending with ``MANIFEST.json``: every file's size and SHA-256. It is copied,
never linked, so damage to the home never reaches a backup; it is written under the
store's write lock to a hidden partial name, flushed to disk, then renamed, so a backup
is whole or absent; and a local one opens with any ``tar xzf`` if taizhang cannot. The
archive is :mod:`storage.archive`'s, the sealing :mod:`storage.sealed`'s; the whole-store
file is written and read in :mod:`storage.whole_backup`, and reached through this module,
the one every caller (the merge, ``restore``, ``backup``, a format upgrade) uses.

Restoring reads the whole archive into a hidden folder beside its destination, checking
every file against the manifest, before anything is touched; only then is the present
backed up and the files put in place. Restoring never opens the store, so it works when
the store is too damaged to open.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage import archive, clock
from storage.archive import KEYS_DIR
from storage.files import WriteLock, remove_path, write_atomic, write_failure, written_whole
from storage.i18n import Text
from storage.messages import StoreError
from storage.store import BACKUPS_DIR, JOURNAL_FILE, REGISTERS_DIR, STATE_FILE
from storage.whole_backup import (  # the whole-store file: its half of backups, found here
    NO_STORE_HERE,
    WHOLE_SUFFIX,
    check_passphrase,
    check_source,
    last_whole,
    note_whole,
    restore_whole,
    whole_file_name,
    write_whole,
)

__all__ = [
    "BACKUP_DAMAGED", "Backup", "NO_BACKUPS", "NO_STORE_HERE", "NO_SUCH_BACKUP", "WHOLE_SUFFIX", "backups",
    "check_passphrase", "check_source", "choose", "keep_of", "last_whole", "listing", "make", "name_of", "note_whole", "prune",
    "restore", "restore_whole", "size_text", "verify", "whole_file_name", "write_whole",
]

T = Text
SUFFIX = ".tar.gz"
INDEX_FILE = "index.tsv"
#: gzip's level: 1 for the backup before every merge (a third of level 6's time for a
#: fifth more bytes, see benchmarks/backup_bench.py); 6 for the file that goes on a stick.
LOCAL_LEVEL = 1
#: The journal as it was when a backup was made, in backups made before manifests: they
#: linked the live journal and noted its length (read, never written, now).
LEGACY_JOURNAL_LENGTH = "journal.length"

NO_BACKUPS = T(
    "{home} 裡沒有備份。備份在每次合併前自動做好,也可用 taizhang backup 製作。",
    "{home} 里没有备份。备份在每次合并前自动做好,也可用 taizhang backup 制作。",
    "There are no backups in {home}. One is made before every merge, or by taizhang backup.",
)
NO_SUCH_BACKUP = T(
    "沒有名為「{name}」的備份。可用:{names}。",
    "没有名为「{name}」的备份。可用:{names}。",
    "There is no backup '{name}'. Backups: {names}.",
)
BACKUP_DAMAGED = T(
    "備份 {name} 已損壞({detail}),沒有恢復,資料未變。請選另一個備份(taizhang restore --list)。",
    "备份 {name} 已损坏({detail}),没有恢复,数据未变。请选另一个备份(taizhang restore --list)。",
    "The backup {name} is damaged ({detail}); nothing was restored or changed. Choose another "
    "backup (taizhang restore --list).",
)
@dataclass
class Backup:
    """A local backup: its file (or, made before manifests, its folder)."""

    path: Path
    name: str
    size: int
    legacy: bool = False


# -- local backups -----------------------------------------------------------------------


def keep_of(home: Path) -> int:
    """How many local backups to keep: ``[backup] keep``, else the default."""
    from storage import settings as settings_mod

    try:
        found = settings_mod.load(home)
    except StoreError:
        found = None  # a restore must work whatever state the settings are in
    return found.backup.keep if found is not None else settings_mod.BackupSection().keep


def make(home: Path, reason: str, lock: WriteLock | None = None) -> Path:
    """A local backup of ``home``, whole or absent, under the write lock; then only the
    newest few are kept. Returns its path."""
    lock = lock or WriteLock(home)
    folder = home / BACKUPS_DIR
    with lock.held_for():
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as error:
            raise write_failure(folder, error) from error
        for stale in folder.glob(".partial-*"):  # a backup killed half-way (no other runs: we hold the lock)
            remove_path(stale)
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        target, n = folder / f"{stamp}-{reason}{SUFFIX}", 1
        while target.exists() or target.with_name(target.name[: -len(SUFFIX)]).exists():
            n += 1
            target = folder / f"{stamp}-{reason}-{n}{SUFFIX}"
        partial = folder / f".partial-{os.getpid()}{SUFFIX}"
        about = {"kind": "local", "reason": reason, "made": clock.now().isoformat(timespec="seconds")}
        with written_whole(target, partial) as out:
            archive.write(home, out, keys=False, level=LOCAL_LEVEL, about=about)
        prune(home, keep_of(home))
    return target


def listing(home: Path) -> list[Backup]:
    """The local backups, oldest first (a half-written one is never listed)."""
    folder = home / BACKUPS_DIR
    if not folder.is_dir():
        return []
    found: list[tuple[int, Backup]] = []
    for path in folder.iterdir():
        if path.name.startswith("."):
            continue
        try:
            if path.is_file() and path.name.endswith(SUFFIX):
                found.append((path.stat().st_mtime_ns, Backup(path, path.name[: -len(SUFFIX)], path.stat().st_size)))
            elif path.is_dir() and (path / "settings.toml").exists():
                size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and p.stat().st_nlink == 1)
                found.append((path.stat().st_mtime_ns, Backup(path, path.name, size, legacy=True)))
        except OSError:
            continue  # removed meanwhile
    return [b for _, b in sorted(found, key=lambda pair: (pair[0], _natural(pair[1].name)))]


def _natural(name: str) -> list[Any]:
    """A name's sort key with its numbers as numbers (…-merge-2 before …-merge-10)."""
    import re

    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def backups(home: Path) -> list[Path]:
    return [b.path for b in listing(home)]


def prune(home: Path, keep: int) -> None:
    """Keep the newest ``keep`` local backups (under the write lock)."""
    for old in listing(home)[:-keep] if keep > 0 else []:
        remove_path(old.path)


def choose(home: Path, name: str | None) -> Path:
    """A local backup by name (or a unique beginning of it); the newest if none is named."""
    found = listing(home)
    if not found:
        raise StoreError(NO_BACKUPS, home=str(home))
    if not name:
        return found[-1].path
    wanted = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    matches = [b for b in found if b.name == wanted] or [b for b in found if b.name.startswith(wanted)]
    if len(matches) != 1:
        raise StoreError(NO_SUCH_BACKUP, name=name, names=[b.name for b in found[-8:]])
    return matches[0].path


def size_text(size: int) -> str:
    """A size as people read it: 980 KB, 12.3 MB, 1.2 GB."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def name_of(path: Path) -> str:
    return path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.name


def verify(path: Path) -> dict[str, Any]:
    """Read a local backup whole and check it against its manifest; nothing is written
    but a scratch folder, removed at once. Raises if it is damaged."""
    scratch = path.parent / f".verify-{os.getpid()}"
    remove_path(scratch)
    try:
        return _stage_local(path, scratch)
    finally:
        remove_path(scratch)


def _stage_local(path: Path, stage: Path) -> dict[str, Any]:
    try:
        if path.is_dir():
            return _stage_legacy(path, stage)
        with open(path, "rb") as source:
            return archive.unpack(source, stage)
    except archive.Damaged as damage:
        raise StoreError(BACKUP_DAMAGED, name=name_of(path), detail=str(damage)) from None
    except FileNotFoundError:
        raise StoreError(BACKUP_DAMAGED, name=name_of(path), detail="removed meanwhile") from None


def _stage_legacy(folder: Path, stage: Path) -> dict[str, Any]:
    """A backup made before manifests: a folder whose journal was the live one, linked,
    with its length noted. All that can be checked is that the journal is that long."""
    length = None
    noted = folder / LEGACY_JOURNAL_LENGTH
    try:
        if noted.exists():
            length = int(noted.read_text(encoding="ascii"))
            if (folder / JOURNAL_FILE).stat().st_size < length:
                raise archive.Damaged(f"{JOURNAL_FILE} < {length} bytes")
        shutil.copytree(folder, stage, ignore=shutil.ignore_patterns(KEYS_DIR, BACKUPS_DIR, ".*", "*.tmp",
                                                                     LEGACY_JOURNAL_LENGTH))
        if length is not None:
            with open(stage / JOURNAL_FILE, "rb+") as journal:
                journal.truncate(length)
    except (OSError, ValueError) as error:
        raise archive.Damaged(f"{LEGACY_JOURNAL_LENGTH}: {error}") from None
    return {"format": archive.FORMAT, "version": 0, "kind": "local", "files": {}}


def restore(home: Path, backup: Path) -> Path:
    """Put a local backup in place of the home's data; returns the backup of the state
    before. The backup is read and checked whole first: a damaged one changes nothing."""
    if not (home / "settings.toml").exists():
        raise StoreError(NO_STORE_HERE, home=str(home))
    lock = WriteLock(home)
    with lock.held_for():
        stage = home / ".restoring"
        remove_path(stage)
        try:
            _stage_local(backup, stage)
            before = make(home, "before-restore", lock)  # the present, as it is, even if damaged
            _put_in_place(home, stage)
        finally:
            remove_path(stage)
    return before


def _put_in_place(home: Path, stage: Path) -> None:
    """Swap the staged files in, in an order that keeps every instant readable: the state
    file and the index go first (so an interrupted restore replays the whole journal and
    rebuilds the index), then the registers, the journal, the rest, the state file last.
    The clock goes on from the present's latest stamp, so no stamp is ever made twice."""
    stamp = _latest_stamp(home)
    for name in (STATE_FILE, INDEX_FILE):
        (home / name).unlink(missing_ok=True)
    order = [REGISTERS_DIR, JOURNAL_FILE] + sorted(
        p.name for p in stage.iterdir() if p.name not in (REGISTERS_DIR, JOURNAL_FILE, STATE_FILE))
    for name in order:
        _replace(stage / name, home / name)
    for path in home.iterdir():  # what the backup did not have (a conflicts cache made since …)
        if path.name not in order and path.name not in (BACKUPS_DIR, KEYS_DIR, STATE_FILE) and not path.name.startswith("."):
            remove_path(path)
    try:
        state = json.loads((stage / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    if not isinstance(state, dict):
        state = {}
    if stamp > str(state.get("hlc", "")):
        state["hlc"] = stamp
    write_atomic(home / STATE_FILE, json.dumps(state).encode())


def _latest_stamp(home: Path) -> str:
    """The newest stamp the home has made or seen (its state, its journal's last line)."""
    from storage.journal import Journal

    stamps = [""]
    try:
        stamps.append(str(json.loads((home / STATE_FILE).read_text(encoding="utf-8")).get("hlc", "")))
    except (OSError, ValueError, AttributeError):
        pass
    last = Journal(home / JOURNAL_FILE).last()
    if last:
        stamps.append(str(last.get("hlc", "")))
    return max(stamps)


def _replace(source: Path, target: Path) -> None:
    if not source.exists():
        remove_path(target)
        return
    if target.is_dir() and not target.is_symlink():
        aside = target.with_name(target.name + ".old")
        remove_path(aside)
        target.rename(aside)
        source.rename(target)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        source.replace(target)
