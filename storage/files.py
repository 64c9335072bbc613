"""Files that are never torn: write beside, fsync, rename; and one writer at a time.

A process killed at any instant leaves either the old file or the new one, never half
of each, because the new content is complete and on disk before ``os.replace`` swaps
the names, and a rename within a folder is atomic on POSIX file systems.
"""

from __future__ import annotations

import errno
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from storage.i18n import Text
from storage.messages import StoreError

DISK_FULL = Text(
    "磁盤已滿,無法保存 {path}。已保存的資料沒有改動。請清理磁盤空間後再試。",
    "磁盘已满,无法保存 {path}。已保存的资料没有改动。请清理磁盘空间后再试。",
    "The disk is full: {path} could not be saved. Nothing saved before was changed. "
    "Free some space and try again.",
)
NOT_WRITABLE = Text(
    "無法寫入 {path}:{reason}。已保存的資料沒有改動。",
    "无法写入 {path}:{reason}。已保存的资料没有改动。",
    "Cannot write {path}: {reason}. Nothing saved before was changed.",
)
LOCKED = Text(
    "另一個 taizhang 程序正在寫入 {home},等了 {seconds} 秒仍未結束。請稍後再試,或關閉另一個程序。",
    "另一个 taizhang 程序正在写入 {home},等了 {seconds} 秒仍未结束。请稍后再试,或关闭另一个程序。",
    "Another taizhang process is writing to {home} and has not finished after {seconds} s. "
    "Try again in a moment, or close the other program.",
)


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
    return StoreError(NOT_WRITABLE, path=str(path), reason=error.strerror or str(error))


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


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new, whole."""
    check_target(path)  # Path("") is "." and has no name to write beside
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as out:
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
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
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
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
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
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
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
