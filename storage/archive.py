"""The archive a backup is: a gzip'd tar of a home's files, then ``MANIFEST.json`` with
every file's size and SHA-256 — written in one pass (the hashes taken as the files are
read), and read back into a folder with every file checked against the manifest.

Any ``tar xzf`` opens a local backup if taizhang cannot. The rules of backups (when, where,
how many, restoring) are :mod:`storage.backups`'.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from storage import clock
from storage.files import write_failure
from storage.store import BACKUPS_DIR

FORMAT = "taizhang-backup"
VERSION = 1
MANIFEST = "MANIFEST.json"
#: The private keys (sync.keys.KEYS_DIR): only in the whole-store file, and left as they
#: are by a restore in place (a key revoked since must stay revoked).
KEYS_DIR = "keys"
CHUNK = 1 << 20
MANIFEST_LIMIT = 64 << 20


class Damaged(Exception):
    """What is wrong with an archive (said in English: names, sizes, what failed)."""


def included(home: Path, *, keys: bool) -> list[tuple[str, Path]]:
    """The home's files a backup holds, as (relative name, path): everything but the
    backups, the keys (unless ``keys``), and hidden files (the lock, files being
    written, a restore's staging folder)."""
    out: list[tuple[str, Path]] = []
    for path in sorted(home.rglob("*")):
        relative = path.relative_to(home).as_posix()
        parts = relative.split("/")
        if parts[0] == BACKUPS_DIR or (parts[0] == KEYS_DIR and not keys) or any(p.startswith(".") for p in parts):
            continue
        if path.is_symlink() or not path.is_file() or path.name.endswith(".tmp"):
            continue
        out.append((relative, path))
    return out


class _Hashing:
    """A file read for an archive, hashed on the way, no more than ``size`` bytes."""

    def __init__(self, raw: BinaryIO, size: int) -> None:
        self.raw, self.left, self.digest = raw, size, hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(self.left if n < 0 else min(n, self.left))
        self.left -= len(data)
        self.digest.update(data)
        return data


class _GzipBlocks:
    """A gzip writer that compresses blocks of the stream side by side (zlib lets go of
    the interpreter while it works), each block a gzip member of its own, written in
    order. Any gzip reader, ``tar xzf`` too, reads the members one after another as one
    stream. This is pigz's idea without its shared dictionaries: a block of 4 MiB loses
    little by starting afresh, and a backup at 100,000 members takes half the time on
    two cores. ``tell`` lets tarfile write straight through (its stream mode copies
    every write in 10 KiB slices)."""

    BLOCK = 4 << 20

    def __init__(self, out: Any, level: int) -> None:
        from collections import deque
        from concurrent.futures import Future, ThreadPoolExecutor

        self.out, self.level = out, level
        self.workers = max(1, min(4, os.cpu_count() or 1))
        self.pool = ThreadPoolExecutor(max_workers=self.workers)
        self.queue: deque[Future[bytes]] = deque()
        self.pending: list[bytes] = []
        self.pending_size = 0
        self.position = 0

    def tell(self) -> int:
        return self.position

    def write(self, data: bytes) -> int:
        self.pending.append(bytes(data))
        self.pending_size += len(data)
        self.position += len(data)
        if self.pending_size >= self.BLOCK:
            self._submit(b"".join(self.pending))
            self.pending, self.pending_size = [], 0
        return len(data)

    def _submit(self, block: bytes) -> None:
        self.queue.append(self.pool.submit(gzip.compress, block, self.level, mtime=0))
        while len(self.queue) > 2 * self.workers:
            self.out.write(self.queue.popleft().result())

    def flush(self) -> None:
        pass

    def close(self) -> None:
        try:
            if self.pending or not self.position:
                self._submit(b"".join(self.pending))
                self.pending, self.pending_size = [], 0
            while self.queue:
                self.out.write(self.queue.popleft().result())
        finally:
            self.pool.shutdown(cancel_futures=True)


class _Gunzip:
    """Reads gzip members one after another, in large pieces (the gzip module reads 8 KiB
    at a time); zlib checks each member's CRC and length at its end. A stream that ends
    inside a member raises EOFError; anything after the last member but another member
    raises zlib.error."""

    def __init__(self, source: Any) -> None:
        from collections import deque

        self.source = source
        self.inflate = zlib.decompressobj(31)
        self.pieces: deque[bytes] = deque()
        self.available = 0
        self.ended = False
        self.limited = False  # the last call stopped at its output limit: more may be inside

    def read(self, size: int = -1) -> bytes:
        while not self.ended and (size < 0 or self.available < size):
            self._more()
        size = self.available if size < 0 else min(size, self.available)
        taken: list[bytes] = []
        wanted = size
        while wanted:
            piece = self.pieces.popleft()
            if len(piece) > wanted:
                self.pieces.appendleft(piece[wanted:])
                piece = piece[:wanted]
            taken.append(piece)
            wanted -= len(piece)
        self.available -= size
        return taken[0] if len(taken) == 1 else b"".join(taken)

    def _more(self) -> None:
        if self.inflate.eof:
            rest = self.inflate.unused_data or self.source.read(CHUNK)
            if not rest:
                self.ended = True
                return
            self.inflate = zlib.decompressobj(31)
            data = rest
        elif self.inflate.unconsumed_tail or self.limited:
            data = self.inflate.unconsumed_tail
        else:
            data = self.source.read(CHUNK)
            if not data:
                raise EOFError("the compressed stream ends early")
        out = self.inflate.decompress(data, CHUNK)
        self.limited = len(out) == CHUNK
        if out:
            self.pieces.append(out)
            self.available += len(out)


def write(home: Path, out: Any, *, keys: bool, level: int, about: dict[str, Any]) -> dict[str, Any]:
    """Write the home's files and then their manifest to ``out``; returns the manifest."""
    files: dict[str, dict[str, Any]] = {}
    packed = _GzipBlocks(out, level)
    try:
        _tar(home, packed, files, keys=keys, about=about)
    finally:
        packed.close()
    return {"format": FORMAT, "version": VERSION, **about, "files": files}


def _tar(home: Path, packed: _GzipBlocks, files: dict[str, dict[str, Any]], *, keys: bool, about: dict[str, Any]) -> None:
    with tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT, copybufsize=CHUNK) as tar:  # type: ignore[call-overload]
        for relative, path in included(home, keys=keys):
            try:
                raw = open(path, "rb")
            except FileNotFoundError:
                continue  # a cache a reader replaced meanwhile (sync/vector.json): not the store's data
            with raw:
                status = os.fstat(raw.fileno())
                info = tarfile.TarInfo(relative)
                info.size, info.mode, info.mtime = status.st_size, 0o600, int(status.st_mtime)
                source = _Hashing(raw, status.st_size)
                tar.addfile(info, source)
                files[relative] = {"size": status.st_size, "sha256": source.digest.hexdigest()}
        manifest = {"format": FORMAT, "version": VERSION, **about, "files": files}
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o600, int(clock.now().timestamp())
        tar.addfile(info, io.BytesIO(data))


def unpack(source: Any, stage: Path) -> dict[str, Any]:
    """Read an archive into ``stage`` (made here), checking every file against the
    manifest; raises :class:`Damaged` at the first thing amiss."""
    stage.mkdir(mode=0o700)
    seen: dict[str, tuple[int, str]] = {}
    manifest: dict[str, Any] | None = None
    try:
        packed = _Gunzip(source)
        with tarfile.open(fileobj=packed, mode="r|", bufsize=CHUNK, copybufsize=CHUNK) as tar:  # type: ignore[call-overload]
            for member in tar:
                if manifest is not None:
                    raise Damaged(f"{member.name[:60]} after the manifest")
                if not member.isfile():
                    raise Damaged(f"{member.name[:60]} is not a plain file")
                content = tar.extractfile(member)
                assert content is not None
                if member.name == MANIFEST:
                    if member.size > MANIFEST_LIMIT:
                        raise Damaged("manifest too large")
                    manifest = _manifest(content.read())
                    continue
                relative = _safe_name(member.name)
                if relative in seen:
                    raise Damaged(f"{relative} twice")
                seen[relative] = _extract(content, stage / relative)
        while packed.read(CHUNK):  # to the end of the stream, whose checksum is checked there
            pass
    except (EOFError, OSError, tarfile.TarError, zlib.error, ValueError, UnicodeError) as error:
        raise Damaged(str(error)[:120] or type(error).__name__) from None
    if manifest is None:
        raise Damaged("no manifest: the backup ends early")
    files = manifest["files"]
    for relative in sorted(set(files) | set(seen)):
        if relative not in seen:
            raise Damaged(f"{relative} missing")
        expected = files.get(relative)
        if expected is None:
            raise Damaged(f"{relative} not in the manifest")
        size, digest = seen[relative]
        if size != expected["size"] or digest != expected["sha256"]:
            raise Damaged(f"{relative} is not as it was when the backup was made")
    return manifest


def _manifest(data: bytes) -> dict[str, Any]:
    manifest = json.loads(data)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise Damaged("not a taizhang backup's manifest")
    if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
        raise Damaged(f"made by a newer taizhang (format {manifest.get('version')})")
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise Damaged("manifest: files")
    for name, entry in files.items():
        if not (isinstance(entry, dict) and isinstance(entry.get("size"), int) and isinstance(entry.get("sha256"), str)):
            raise Damaged(f"manifest: {str(name)[:60]}")
    return manifest


def _safe_name(name: str) -> str:
    """A member's name, if it is a plain relative path (no way out of the folder)."""
    parts = name.split("/")
    if (not name or len(name) > 400 or name.startswith("/") or "\\" in name or "\0" in name
            or any(p in ("", ".", "..") for p in parts)):
        raise Damaged(f"a file named {name[:60]!r}")
    return name


def _extract(content: Any, target: Path) -> tuple[int, str]:
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise write_failure(target, error) from error
    with os.fdopen(fd, "wb") as out:
        while True:
            data = content.read(CHUNK)  # a read error is the archive's: _unpack says "damaged"
            if not data:
                break
            digest.update(data)
            size += len(data)
            try:
                out.write(data)
            except OSError as error:
                raise write_failure(target, error) from error
        try:
            out.flush()
            os.fsync(out.fileno())
        except OSError as error:
            raise write_failure(target, error) from error
    return size, digest.hexdigest()
