"""Files that are never torn: write beside, fsync, rename; one writer at a time; and
private to the user who writes them.

A process killed at any instant leaves either the old file or the new one, never half
of each, because the new content is complete and on disk before ``os.replace`` swaps
the names, and a rename within a folder is atomic on POSIX file systems.

The registers hold 身份證號 and phone numbers, so every file the program writes is
created 0600 and every folder 0700, whatever the umask: the mode is given when the file
is created, never set after its content is in it (no moment when it is 0644).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from storage.i18n import Text, os_reason
from storage.messages import StoreError

DISK_FULL = Text(
    "磁盤已滿,無法保存 {path}。已保存的資料沒有改動。請清理磁盤空間後再試。",
    "磁盘已满,无法保存 {path}。已保存的数据没有改动。请清理磁盘空间后再试。",
    "The disk is full: {path} could not be saved. Nothing saved before was changed. "
    "Free some space and try again.",
)
NOT_WRITABLE = Text(
    "無法寫入 {path}:{reason}。已保存的資料沒有改動。",
    "无法写入 {path}:{reason}。已保存的数据没有改动。",
    "Cannot write {path}: {reason}. Nothing saved before was changed.",
)
LOCKED = Text(
    "另一個 taizhang 程序正在寫入 {home},等了 {seconds} 秒仍未結束。請稍後再試,或關閉另一個程序。",
    "另一个 taizhang 程序正在写入 {home},等了 {seconds} 秒仍未结束。请稍后再试,或关闭另一个程序。",
    "Another taizhang process is writing to {home} and has not finished after {seconds} s. "
    "Try again in a moment, or close the other program.",
)


NOT_REGULAR = Text(
    "{path} 不是一般的檔案(它是{kind}),不能讀取。請給出檔案本身的路徑。台賬沒有改動。",
    "{path} 不是一个普通文件(它是{kind}),不能读取。请给出文件本身的路径。台账没有改动。",
    "{path} is not a regular file (it is {kind}) and was not read. Give the path of the file "
    "itself. Nothing in the store was changed.",
)
KINDS = {
    "folder": Text("資料夾", "文件夹", "a folder"),
    "pipe": Text("命名管道", "命名管道", "a named pipe"),
    "device": Text("設備", "设备", "a device"),
    "socket": Text("套接字", "套接字", "a socket"),
    "other": Text("特殊文件", "特殊文件", "a special file"),
}

#: Who may read what the program writes: its user alone.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


NO_FILE_NAME = Text(
    "「{path}」沒有檔案名,不能寫入:請給出一個檔案的路徑,如 ~/第一支部.tzb。",
    "「{path}」没有文件名,不能写入:请给出一个文件的路径,如 ~/第一支部.tzb。",
    "'{path}' has no file name to write: give the path of a file, such as ~/branch.tzb.",
)
IS_A_FOLDER = Text(
    "{path} 是一個資料夾,不能當作檔案寫入:請給出一個檔案的路徑,如 {path}/第一支部.tzb。",
    "{path} 是一个文件夹,不能当作文件写入:请给出一个文件的路径,如 {path}/第一支部.tzb。",
    "{path} is a folder and cannot be written as a file: give the path of a file, such as "
    "{path}/branch.tzb.",
)
INSIDE_A_FILE = Text(
    "無法寫入 {path}:{place} 是檔案,不是資料夾。請換一個位置。",
    "无法写入 {path}:{place} 是文件,不是文件夹。请换一个位置。",
    "Cannot write {path}: {place} is a file, not a folder. Choose another place.",
)


def check_target(path: Path) -> None:
    """Refuse at once a file to be written that cannot be (no name, a folder, inside a
    file), before any work is done for it: a refusal leaves the store as it was."""
    if not path.name:
        raise StoreError(NO_FILE_NAME, path=str(path))
    if path.is_dir():
        raise StoreError(IS_A_FOLDER, path=str(path))
    for place in path.parents:
        if place.is_dir():
            return
        if place.exists():
            raise StoreError(INSIDE_A_FILE, path=str(path), place=str(place))


def write_failure(path: Path, error: OSError) -> StoreError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(DISK_FULL, path=str(path))
    return StoreError(NOT_WRITABLE, path=str(path), reason=os_reason(error))


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- private files and folders ---------------------------------------------------------------


def private_open(path: Path, flags: int) -> int:
    """``os.open`` of a file only its owner may read or write: created 0600 whatever the
    umask; one found looser (written by an older version) is made 0600 before it is used.
    On a file system that keeps no modes (FAT32) the mode is simply what it is."""
    fd = os.open(path, flags | os.O_CREAT, PRIVATE_FILE)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != PRIVATE_FILE:
            os.fchmod(fd, PRIVATE_FILE)
    except OSError:
        pass  # a file system without modes: nothing to tighten there
    return fd


def _fresh_private(path: Path) -> int:
    """A new file for writing, 0600, that did not exist before (O_EXCL: never a file or a
    link someone left under that name)."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    return private_open(path, os.O_WRONLY | os.O_EXCL)


def make_private_dir(path: Path, *, parents: bool = False) -> None:
    """A folder only its owner may enter (0700), made if missing (with the folders above
    it that are missing too, if ``parents``), tightened if looser."""
    if parents and not path.parent.exists():
        make_private_dir(path.parent, parents=True)
    path.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
    try:
        if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FOLDER:
            os.chmod(path, PRIVATE_FOLDER)
    except OSError:
        pass


def new_private_file(path: Path) -> BinaryIO:
    """A file opened for writing, 0600, emptied if it was there (a backup's partial file)."""
    try:
        return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")
    except OSError as error:
        raise write_failure(path, error) from error


@contextmanager
def written_whole(target: Path, partial: Path) -> Iterator[BinaryIO]:
    """A private file written as ``partial`` beside ``target`` and put in its place only
    once whole and on disk (a backup): a failure or a kill leaves no ``target`` that is
    half of one, and the partial file is removed on any error."""
    try:
        with new_private_file(partial) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except OSError as error:
        remove_path(partial)
        raise write_failure(target, error) from error
    except BaseException:
        remove_path(partial)
        raise
    fsync_dir(target.parent)


def remove_path(path: Path) -> None:
    """Remove a file, a link or a whole folder, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


TIGHTENED = Text(
    "已把 {home} 改為只有你能讀寫(資料夾 0700、文件 0600):之前這台電腦的其他用戶也能讀到其中的身份證號和電話。",
    "已把 {home} 改为只有你能读写(文件夹 0700、文件 0600):之前这台电脑的其他用户也能读到其中的身份证号和电话。",
    "Made {home} readable by you alone (folders 0700, files 0600): other users of this computer could "
    "read its ID numbers and phones before.",
)
MODES_NOT_KEPT = Text(
    "{home} 所在的磁盤不能保存文件權限(如 FAT32、exFAT 格式的 U 盤),{path} 無法設為只有你能讀寫:"
    "這台電腦的其他用戶可能讀得到這份台賬。請把台賬放在本機磁盤上。此提示只顯示一次。",
    "{home} 所在的磁盘不能保存文件权限(如 FAT32、exFAT 格式的 U 盘),{path} 无法设为只有你能读写:"
    "这台电脑的其他用户可能读得到这份台账。请把台账放在本机磁盘上。此提示只显示一次。",
    "The disk {home} is on cannot keep file permissions (a FAT32 or exFAT USB stick, say), so {path} "
    "cannot be made readable by you alone: other users of this computer may read this store. Keep the "
    "store on this computer's own disk. This note is shown once.",
)
#: In a home whose disk keeps no modes: the disk (its device number), so it is said once.
MODES_MARKER = ".modes-not-kept"


def _private_mode(mode: int) -> int | None:
    return PRIVATE_FOLDER if stat.S_ISDIR(mode) else PRIVATE_FILE if stat.S_ISREG(mode) else None


def tighten_home(home: Path, open_folders: tuple[str, ...]) -> Text | None:
    """Make a home private if it is not (a store an older version wrote, a copy made with
    ``cp``): the home 0700, what lies in it 0700 or 0600, and what lies in ``open_folders``
    too. Other folders (backups) are closed as a whole, not walked: this runs at every
    opening for writing, and costs a few dozen stats. Returns what to tell the user, once:
    that it was tightened, or that its disk keeps no modes (a FAT32 stick), which is then
    remembered in the home so the note is not repeated."""
    try:
        device = os.stat(home).st_dev
    except OSError:
        return None
    marker = home / MODES_MARKER
    try:
        if marker.read_text(encoding="ascii").strip() == str(device):
            return None  # said before: this disk keeps no modes
    except (OSError, ValueError):
        pass
    loose: list[tuple[str, int]] = []  # what is not private, and the mode it should have

    def look(path: str, info: os.stat_result) -> None:
        wanted = _private_mode(info.st_mode)
        if wanted is not None and stat.S_IMODE(info.st_mode) != wanted:
            loose.append((path, wanted))

    look(str(home), os.stat(home))
    try:
        entries = list(os.scandir(home))
        for folder in open_folders:
            if (home / folder).is_dir() and not (home / folder).is_symlink():
                entries += os.scandir(home / folder)
        for entry in entries:
            if not entry.is_symlink():
                look(entry.path, entry.stat(follow_symlinks=False))
    except OSError:
        pass
    if not loose:
        return None
    for path, wanted in loose:
        try:
            os.chmod(path, wanted)
            kept = stat.S_IMODE(os.stat(path).st_mode) == wanted
        except OSError as error:
            if error.errno == errno.EROFS:
                return None  # a read-only disk: the first write will say so, in its own words
            kept = False
        if not kept:
            try:
                write_atomic(marker, str(device).encode(), sync=False)
            except StoreError:
                pass
            return _filled(MODES_NOT_KEPT, home=str(home), path=path)
    return _filled(TIGHTENED, home=str(home))


def _filled(text: Text, **params: str) -> Text:
    return Text(*(t.format(**params) for t in text.variants()))


# -- reading only regular files ---------------------------------------------------------------


def not_regular(path: Path, mode: int) -> StoreError:
    kind = KINDS["folder" if stat.S_ISDIR(mode) else "pipe" if stat.S_ISFIFO(mode)
                 else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "socket" if stat.S_ISSOCK(mode)
                 else "other"]
    text = Text(*(t.format(kind=k, path=path) for t, k in zip(NOT_REGULAR.variants(), kind.variants())))
    return StoreError(text)


def open_regular(path: Path) -> BinaryIO:
    """Open a file given by a user for reading, refusing at once what is not a regular
    file: a folder, a device (/dev/zero never ends) or a named pipe (opened for reading it
    would wait for a writer forever), or a link to one. It is looked at before it is
    opened, and opened without waiting in case it was swapped meanwhile.
    FileNotFoundError and other OSErrors are the caller's to word."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise not_regular(path, info.st_mode)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise not_regular(path, info.st_mode)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new, whole.
    The new file is 0600 from the moment it exists."""
    check_target(path)  # Path("") is "." and has no name to write beside
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with os.fdopen(_fresh_private(temp), "wb") as out:
            out.write(data)
            out.flush()
            if sync:
                os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as error:
        try:
            temp.unlink()
        except OSError:
            pass
        raise write_failure(path, error) from error
    if sync:
        fsync_dir(path.parent)


def append_durably(path: Path, data: bytes, *, sync: bool = True) -> int:
    """Append ``data`` and fsync; return the file's new size.

    If the append fails half-way (disk full), the file is cut back to its old size so
    that no half line is left for the next reader.
    """
    fd = private_open(path, os.O_WRONLY | os.O_APPEND)
    try:
        start = os.fstat(fd).st_size
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if sync:
                os.fsync(fd)
        except OSError as error:
            try:
                os.ftruncate(fd, start)
            except OSError:
                pass
            raise write_failure(path, error) from error
        return start + len(data)
    finally:
        os.close(fd)


try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: one writer is the user's care there
    fcntl = None  # type: ignore[assignment]


class WriteLock:
    """An exclusive advisory lock on ``home/.lock``, held for one transaction.

    The kernel drops it when the process dies, so a killed writer never leaves the
    store locked.
    """

    def __init__(self, home: Path) -> None:
        self.home = home
        self.path = home / ".lock"
        self._fd: int | None = None
        self.depth = 0

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, timeout: float = 10.0) -> None:
        if self._fd is not None:
            self.depth += 1
            return
        try:
            fd = private_open(self.path, os.O_RDWR)
        except OSError as error:
            raise write_failure(self.path, error) from error
        deadline = time.monotonic() + timeout
        while True:
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreError(LOCKED, home=str(self.home), seconds=f"{timeout:g}") from None
                time.sleep(0.01)
        self._fd = fd
        self.depth = 1

    def release(self) -> None:
        if self._fd is None:
            return
        self.depth -= 1
        if self.depth > 0:
            return
        try:
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    def is_held_elsewhere(self) -> bool:
        """Whether another process holds the lock right now (for opening read-only)."""
        if self._fd is not None or fcntl is None:
            return False
        try:
            fd = private_open(self.path, os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return False
        finally:
            os.close(fd)

    @contextmanager
    def held_for(self, timeout: float = 10.0) -> Iterator[None]:
        self.acquire(timeout)
        try:
            yield
        finally:
            self.release()
