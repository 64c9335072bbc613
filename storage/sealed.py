"""A stream sealed under a passphrase: scrypt for the key, ChaCha20-Poly1305 in chunks.

The whole-store backup (``taizhang backup --to FILE``) is written through
:class:`SealedWriter` and read back through :class:`SealedReader`. The file is::

    header   16 bytes magic, version, scrypt's cost (log2 N, r, p), 16 bytes of salt,
             and a 16-byte check (the tag of nothing under the key): 52 bytes in all
    chunks   1 MiB of plaintext each, sealed with its own nonce (its index) and, as
             associated data, the header, its index and whether it is the last

Nothing but the magic and the cost is in clear: no file names, no sizes but the file's
own. A wrong passphrase fails the check; a changed byte fails its chunk's tag; chunks
swapped fail their index; a file cut short — even at a chunk's end — fails, because
only the last chunk was sealed as last. Reading needs one chunk in memory at a time.

Why these: the ``cryptography`` package is already a dependency (the sync's keys and
bundles), and enrolment already seals keys with scrypt and ChaCha20-Poly1305 at the
same cost (:mod:`sync.enrol`); age (through pyrage) would be a new native dependency for
the same construction. The chunking follows age's STREAM and libsodium's secretstream.
"""

from __future__ import annotations

import os
import struct
import unicodedata
from typing import BinaryIO

MAGIC = b"taizhang-backup\n"
VERSION = 1
CHUNK = 1 << 20
TAG = 16
#: scrypt's cost, as a power of two: as enrolment's (2^17, ~0.4 s and 128 MiB here). A
#: test run may lower it (TAIZHANG_BACKUP_SCRYPT_LOG2); a reader refuses more than 2^20.
SCRYPT_LOG2 = 17
SCRYPT_LOG2_MIN = 10
SCRYPT_LOG2_MAX = 20
_FIXED = struct.Struct(">16sBBBB16s")  # magic, version, log2 N, r, p, salt
HEADER_SIZE = _FIXED.size + TAG
_CHECK_NONCE = b"\xff" * 12  # never a chunk's nonce (theirs begin with four zero bytes)


class SealError(Exception):
    """Why a sealed file cannot be opened: ``foreign`` (not one of ours), ``newer`` (a
    later format), ``passphrase`` (wrong), ``damaged`` (changed or cut short)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _key(passphrase: str, salt: bytes, log2: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=1 << log2, r=r, p=p).derive(secret)


def _cost() -> int:
    wanted = os.environ.get("TAIZHANG_BACKUP_SCRYPT_LOG2") or SCRYPT_LOG2
    return min(max(int(wanted), SCRYPT_LOG2_MIN), SCRYPT_LOG2_MAX)


def _nonce(index: int) -> bytes:
    return b"\0\0\0\0" + index.to_bytes(8, "big")


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + index.to_bytes(8, "big") + (b"\1" if last else b"\0")


class SealedWriter:
    """A file-like writer: what is written goes out sealed, a chunk at a time. ``close``
    seals the last chunk (which may be empty) and leaves ``out`` open."""

    def __init__(self, out: BinaryIO, passphrase: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

        log2, salt = _cost(), os.urandom(16)
        fixed = _FIXED.pack(MAGIC, VERSION, log2, 8, 1, salt)
        self._box = ChaCha20Poly1305(_key(passphrase, salt, log2, 8, 1))
        self._header = fixed
        self._out = out
        self._pending = bytearray()
        self._index = 0
        self.closed = False
        out.write(fixed + self._box.encrypt(_CHECK_NONCE, b"", fixed))

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        self._pending += data
        while len(self._pending) > CHUNK:  # more follows: not the last
            self._seal(bytes(self._pending[:CHUNK]), last=False)
            del self._pending[:CHUNK]
        return len(data)

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._pending), last=True)
            self._pending.clear()
            self.closed = True
            self._out.flush()

    def _seal(self, plain: bytes, *, last: bool) -> None:
        self._out.write(self._box.encrypt(_nonce(self._index), plain, _aad(self._header, self._index, last)))
        self._index += 1


class SealedReader:
    """A file-like reader of what :class:`SealedWriter` wrote. Opening checks the header
    and the passphrase; reading raises :class:`SealError` at the first chunk that was
    changed, moved or cut off, before returning any of its bytes."""

    def __init__(self, source: BinaryIO, passphrase: str) -> None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

        head = source.read(HEADER_SIZE)
        if len(head) < len(MAGIC) and MAGIC.startswith(head):
            raise SealError("damaged", "the file ends before its header")  # cut off as it was written
        if not head.startswith(MAGIC):
            raise SealError("foreign")
        if len(head) < HEADER_SIZE:
            raise SealError("damaged", "header cut short")
        _, version, log2, r, p, salt = _FIXED.unpack(head[:_FIXED.size])
        if version > VERSION:
            raise SealError("newer", str(version))
        if version < 1 or (r, p) != (8, 1) or not SCRYPT_LOG2_MIN <= log2 <= SCRYPT_LOG2_MAX:
            raise SealError("damaged", "header")
        self._header = head[:_FIXED.size]
        self._box = ChaCha20Poly1305(_key(passphrase, salt, log2, r, p))
        try:
            self._box.decrypt(_CHECK_NONCE, head[_FIXED.size:], self._header)
        except InvalidTag:
            raise SealError("passphrase") from None
        self._source = source
        self._index = 0
        self._buffer = b""
        self._ahead = source.read(CHUNK + TAG)  # one chunk read ahead: is it the last?
        self._done = False
        self.closed = False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            self._open_next()
        if size < 0:
            out, self._buffer = self._buffer, b""
        else:
            out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def _open_next(self) -> None:
        from cryptography.exceptions import InvalidTag

        sealed = self._ahead
        self._ahead = self._source.read(CHUNK + TAG) if len(sealed) == CHUNK + TAG else b""
        last = not self._ahead
        try:
            plain = self._box.decrypt(_nonce(self._index), sealed, _aad(self._header, self._index, last))
        except InvalidTag:
            raise SealError("damaged", f"chunk {self._index}" + (" (the file ends here)" if last else "")) from None
        self._index += 1
        self._buffer += plain
        self._done = last

    def close(self) -> None:
        self.closed = True
