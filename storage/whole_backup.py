"""The whole-store file, ``taizhang backup --to FILE``: the home's archive, keys included,
sealed under a passphrase (:mod:`storage.sealed`) to take off the laptop, and a new home
made from one. Callers reach it through :mod:`storage.backups`, the one module of
backups; this is its half that goes off the laptop.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from storage import archive, clock
from storage.files import (
    WriteLock,
    fsync_dir,
    open_regular,
    remove_path,
    write_atomic,
    write_failure,
    written_whole,
)
from storage.i18n import Text
from storage.messages import StoreError
from storage.store import BACKUPS_DIR

T = Text
WHOLE_SUFFIX = ".tzbak"
#: In backups/: when the last whole-store file was written, and where.
WHOLE_NOTE = "whole.json"
#: gzip's level for the file that goes on a stick (storage.backups' LOCAL_LEVEL says why).
WHOLE_LEVEL = 6

NO_STORE_HERE = T(
    "{home} 裡沒有台賬,沒有可備份或恢復的資料。",
    "{home} 里没有台账,没有可备份或恢复的数据。",
    "There is no store in {home}: nothing to back up or restore.",
)
NO_FILE = T(
    "找不到檔案 {path}。請檢查路徑(U 盤是否已插好)。",
    "找不到文件 {path}。请检查路径(U 盘是否已插好)。",
    "There is no file {path}. Check the path (and that the USB stick is plugged in).",
)
NOT_WHOLE_BACKUP = T(
    "{path} 不是 taizhang 的整份備份檔(taizhang backup --to 寫出的 .tzbak 檔)。沒有建立任何東西。",
    "{path} 不是 taizhang 的整份备份文件(taizhang backup --to 写出的 .tzbak 文件)。没有建立任何东西。",
    "{path} is not a taizhang whole-store backup (the .tzbak file taizhang backup --to writes). "
    "Nothing was created.",
)
NEWER_BACKUP = T(
    "{path} 由較新版本的 taizhang 寫成。請升級 taizhang 後再恢復;沒有建立任何東西。",
    "{path} 由较新版本的 taizhang 写成。请升级 taizhang 后再恢复;没有建立任何东西。",
    "{path} was written by a newer taizhang. Upgrade taizhang to restore it; nothing was created.",
)
WRONG_PASSPHRASE = T(
    "密碼不對,無法打開 {path}。沒有建立任何東西。請再試一次(留意輸入法和大小寫)。",
    "密码不对,无法打开 {path}。没有建立任何东西。请再试一次(留意输入法和大小写)。",
    "Wrong passphrase: {path} cannot be opened. Nothing was created. Try again (mind the input "
    "method and capitals).",
)
WHOLE_DAMAGED = T(
    "{path} 已損壞或不完整({detail}),沒有建立任何東西。請用另一份備份(或重新複製這個檔案)。",
    "{path} 已损坏或不完整({detail}),没有建立任何东西。请用另一份备份(或重新复制这个文件)。",
    "{path} is damaged or incomplete ({detail}); nothing was created. Use another backup (or copy "
    "the file again).",
)
TARGET_HOLDS_STORE = T(
    "{home} 裡已經有台賬,不會覆蓋。請用 --home 指定一個新的(或空的)資料夾。",
    "{home} 里已经有台账,不会覆盖。请用 --home 指定一个新的(或空的)文件夹。",
    "{home} already holds a store, which is never overwritten. Choose a new (or empty) folder "
    "with --home.",
)
TARGET_NOT_EMPTY = T(
    "{home} 不是空資料夾。請用 --home 指定一個新的(或空的)資料夾。",
    "{home} 不是空文件夹。请用 --home 指定一个新的(或空的)文件夹。",
    "{home} is not an empty folder. Choose a new (or empty) folder with --home.",
)


MIN_PASSPHRASE = 8
PASSPHRASES_DIFFER = T("兩次輸入的密碼不一樣,沒有備份。請重來。", "两次输入的密码不一样,没有备份。请重来。",
                       "The two passphrases differ; nothing was written. Start again.")
PASSPHRASE_SHORT = T(
    "密碼太短:至少要 {n} 個字(可以是一句好記的話)。沒有備份。",
    "密码太短:至少要 {n} 个字(可以是一句好记的话)。没有备份。",
    "The passphrase is too short: at least {n} characters (a sentence you remember will do). "
    "Nothing was written.",
)


def check_passphrase(first: str, again: str | None = None) -> None:
    """A new backup's passphrase: typed the same twice (when asked twice), and long enough
    that guessing it costs more than the backup is worth to a finder of the stick."""
    if again is not None and again != first:
        raise StoreError(PASSPHRASES_DIFFER)
    if len(first) < MIN_PASSPHRASE:
        raise StoreError(PASSPHRASE_SHORT, n=MIN_PASSPHRASE)


def whole_file_name(organisation: str, day: str) -> str:
    """taizhang-<organisation>-<date>.tzbak, with nothing a file system refuses."""
    safe = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in organisation).strip(" .") or "store"
    return f"taizhang-{safe}-{day}{WHOLE_SUFFIX}"


def write_whole(home: Path, target: Path, passphrase: str, lock: WriteLock | None = None) -> dict[str, Any]:
    """Write the whole home, keys included, sealed under ``passphrase``, to ``target``
    (whole or absent: a hidden partial file beside it, then renamed). Returns the
    manifest (its ``files`` and ``made``)."""
    from storage import settings as settings_mod
    from storage.sealed import SealedWriter

    raw = settings_mod.read_raw(home)
    if raw is None:
        raise StoreError(NO_STORE_HERE, home=str(home))
    section = raw.get("store", {}) if isinstance(raw.get("store"), dict) else {}
    about = {"kind": "whole", "made": clock.now().isoformat(timespec="seconds"),
             "organisation": section.get("organisation", ""), "role": section.get("role", "master"),
             "copy": section.get("copy_id", "")}
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    with (lock or WriteLock(home)).held_for():
        with written_whole(target, partial) as out:
            sealed = SealedWriter(out, passphrase)
            manifest = archive.write(home, sealed, keys=True, level=WHOLE_LEVEL, about=about)
            sealed.close()
        note_whole(home, about["made"], target)
    return manifest


def note_whole(home: Path, made: str, path: Path | None) -> None:
    """Remember when the last whole-store file was made (the 待辦 list reminds after a while)."""
    folder = home / BACKUPS_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    write_atomic(folder / WHOLE_NOTE, json.dumps({"made": made, "file": str(path) if path else ""},
                                                  ensure_ascii=False).encode())


def last_whole(home: Path) -> datetime | None:
    """When the last whole-store file of this copy was made, if ever."""
    try:
        note = json.loads((home / BACKUPS_DIR / WHOLE_NOTE).read_text(encoding="utf-8"))
        return datetime.fromisoformat(str(note["made"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def open_source(source: Path) -> BinaryIO:
    """The whole-store file, opened for reading; a missing one, or a folder, a pipe or a
    device given as one, refused at once (a pipe would wait for a writer forever)."""
    try:
        return open_regular(source)
    except FileNotFoundError:
        raise StoreError(NO_FILE, path=str(source)) from None
    except OSError as error:
        raise StoreError(NO_FILE, path=str(source)) from error


def check_source(source: Path) -> None:
    """Refuse a source that cannot be a whole-store file before anything is asked of the
    user (the passphrase) or done."""
    open_source(source).close()


def restore_whole(source: Path, passphrase: str, home: Path) -> dict[str, Any]:
    """Recreate a home from a whole-store file. Everything is decrypted and checked in a
    hidden folder beside ``home`` first; only a whole, unchanged copy is renamed into
    place. ``home`` must not exist, or be an empty folder. Returns the manifest."""
    from storage.sealed import SealedReader, SealError

    source, home = Path(source), Path(home).absolute()
    _check_new_home(home)
    check_source(source)
    near = home.parent
    while not near.exists():
        near = near.parent
    stage = near / f".taizhang-restoring-{os.getpid()}"
    remove_path(stage)
    try:
        with open_source(source) as raw:
            try:
                manifest = archive.unpack(SealedReader(raw, passphrase), stage)
            except SealError as error:
                if error.kind == "foreign":
                    raise StoreError(NOT_WHOLE_BACKUP, path=str(source)) from None
                if error.kind == "newer":
                    raise StoreError(NEWER_BACKUP, path=str(source)) from None
                if error.kind == "passphrase":
                    raise StoreError(WRONG_PASSPHRASE, path=str(source)) from None
                raise StoreError(WHOLE_DAMAGED, path=str(source), detail=error.detail) from None
            except archive.Damaged as damage:
                if str(damage).startswith("made by a newer"):
                    raise StoreError(NEWER_BACKUP, path=str(source)) from None
                raise StoreError(WHOLE_DAMAGED, path=str(source), detail=str(damage)) from None
        if manifest.get("kind") != "whole" or "settings.toml" not in manifest["files"]:
            raise StoreError(NOT_WHOLE_BACKUP, path=str(source))
        _check_new_home(home)  # still free after the reading
        try:
            home.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.rename(stage, home)  # onto nothing, or onto an empty folder
        except OSError as error:
            raise write_failure(home, error) from error
        fsync_dir(home.parent)
    finally:
        remove_path(stage)
    note_whole(home, str(manifest.get("made", "")), None)
    return manifest


def _check_new_home(home: Path) -> None:
    if not home.exists() and not home.is_symlink():
        return
    if (home / "settings.toml").exists():
        raise StoreError(TARGET_HOLDS_STORE, home=str(home))
    if not home.is_dir() or home.is_symlink() or any(home.iterdir()):
        raise StoreError(TARGET_NOT_EMPTY, home=str(home))
