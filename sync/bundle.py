"""One bundle file: written by one copy for one other, read as hostile input.

A bundle is a zip archive (stored, not compressed, so nothing inflates behind our back)
of exactly three members::

    manifest.json   format and version, sender and recipient (copy ids, key fingerprints),
                    when (the sender's clock), what the sender holds (its acknowledgements:
                    the newest stamp it has of each copy), counts, and the size and SHA-256
                    of changes.bin; in clear, so a bundle can be checked and refused before
                    anything is decrypted
    changes.bin     the changes, one JSON line each, zlib-compressed, then encrypted to the
                    recipient: X25519 with a one-off key pair, HKDF-SHA256, ChaCha20-Poly1305
                    (the manifest names the one-off public key and the nonce)
    signature       Ed25519 over manifest.json, by the sender's key

Reading checks, in this order and before anything is written anywhere: the file's size,
that it is a zip of exactly those members (no other names, no paths, no compression, no
sizes beyond the caps), the manifest's shape and version, the recipient, the sender's
pinned and unrevoked key, the signature, the size and hash of changes.bin, decryption,
the size after decompression (capped before it is reached), and the shape of every
change. Authority (who may change what) is the merge's check, against the store.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # cryptography is imported where a bundle is sealed or opened
    from cryptography.hazmat.primitives.asymmetric import x25519

from storage import fastjson
from storage.files import write_atomic
from storage.i18n import Text, os_reason
from storage.messages import StoreError
from sync import messages as M
from sync.keys import Identity, Keyring, Peer, b64, unb64
from sync.messages import SyncError

FORMAT = "taizhang-bundle"
VERSION = 1
MANIFEST = "manifest.json"
CHANGES = "changes.bin"
SIGNATURE = "signature"
MEMBERS = (MANIFEST, CHANGES, SIGNATURE)
ALGORITHM = "X25519-HKDF-SHA256-ChaCha20Poly1305"
SUFFIX = ".tzb"

MANIFEST_MAX = 4 << 20  # acknowledgements of a few thousand copies at most
SIGNATURE_MAX = 256

STAMP = re.compile(r"^\d{13}-\d{6}-([A-Za-z0-9_.]{1,64})$")
OPS = frozenset(("create", "update", "delete"))
REGISTER = re.compile(r"[a-z][a-z0-9_]{0,40}")
RECORD = re.compile(r"[A-Za-z0-9_.:\-]{1,64}")


def file_limit() -> int:
    """The largest bundle file read: 256 MiB (TAIZHANG_BUNDLE_MAX_BYTES changes it)."""
    return int(os.environ.get("TAIZHANG_BUNDLE_MAX_BYTES", str(256 << 20)))


def plain_limit() -> int:
    """The most the changes may take once decompressed: 4 × the file cap."""
    return 4 * file_limit()


def changes_limit() -> int:
    """The most changes a bundle may hold: 1,000,000 (TAIZHANG_BUNDLE_MAX_CHANGES changes
    it). A full bundle of a 100,000-member store, every register shared, holds about
    300,000; each change read costs about a kilobyte of memory, so this bounds a merge as
    the import's row limit bounds an import. (What one value may hold is the registers'
    own limit, the text policy's: storage.fields.SHORT_TEXT_MAX, LONG_TEXT_MAX.)"""
    return int(os.environ.get("TAIZHANG_BUNDLE_MAX_CHANGES", "1000000"))


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


@dataclass
class Bundle:
    path: Path
    manifest: dict[str, Any]
    changes: list[dict[str, Any]]
    sender: Peer

    @property
    def acks(self) -> dict[str, str]:
        acks: dict[str, str] = self.manifest["acks"]  # checked so when the bundle was read
        return acks

    @property
    def created(self) -> str:
        created: str = self.manifest["created"]  # checked so when the bundle was read
        return created


# -- writing ---------------------------------------------------------------------------


def _encrypt(plain: bytes, recipient: Peer, aad: bytes) -> tuple[bytes, dict[str, str]]:
    from cryptography.hazmat.primitives.asymmetric import x25519
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    ephemeral = x25519.X25519PrivateKey.generate()
    epk = _raw_public(ephemeral)
    key = _derive(ephemeral.exchange(x25519.X25519PublicKey.from_public_bytes(recipient.box_public)),
                  epk, recipient.box_public)
    nonce = os.urandom(12)
    return ChaCha20Poly1305(key).encrypt(nonce, plain, aad), {"alg": ALGORITHM, "epk": b64(epk), "nonce": b64(nonce)}


def _raw_public(private: x25519.X25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization as s

    return private.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)


def _derive(shared: bytes, epk: bytes, recipient_public: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=epk + recipient_public,
                info=b"taizhang bundle v1").derive(shared)


def _aad(sender: str, recipient: str) -> bytes:
    return f"taizhang-bundle-v{VERSION}|{sender}|{recipient}".encode()


def encode_changes(changes: list[dict[str, Any]]) -> bytes:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    return "".join(dumps({k: v for k, v in c.items() if k != "seq"}) + "\n" for c in changes).encode()


def write(
    path: Path,
    *,
    identity: Identity,
    sender: dict[str, Any],
    recipient: Peer,
    organisation: str,
    changes: list[dict[str, Any]],
    acks: dict[str, str],
    created: str,
    at: str,
    full: bool,
) -> dict[str, Any]:
    """Write a signed, encrypted bundle to ``path`` (atomically); returns its manifest."""
    plain = encode_changes(changes)
    packed = zlib.compress(plain, 6)
    sealed, encryption = _encrypt(packed, recipient, _aad(identity.copy, recipient.copy))
    registers: dict[str, int] = {}
    for change in changes:
        registers[change["reg"]] = registers.get(change["reg"], 0) + 1
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "organisation": organisation,
        "sender": {**sender, "copy": identity.copy, "key": identity.fingerprint},
        "recipient": {"copy": recipient.copy, "name": recipient.name, "key": recipient.fingerprint},
        "created": created,
        "at": at,
        "full": full,
        "acks": acks,
        "counts": {"changes": len(changes), "registers": registers},
        "parts": {CHANGES: {"size": len(sealed), "sha256": hashlib.sha256(sealed).hexdigest(),
                            "plain_size": len(plain), "packed_size": len(packed)}},
        "encryption": encryption,
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    signature = identity.sign(manifest_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in ((MANIFEST, manifest_bytes), (CHANGES, sealed), (SIGNATURE, b64(signature).encode())):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, out.getvalue())
    return manifest


# -- reading ---------------------------------------------------------------------------


def _refuse(text: Text, path: Path, **params: Any) -> SyncError:
    return SyncError(text, path=str(path), **params)


def read_file(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file or is larger than the cap
    (checked before reading, and again while reading in case it grows)."""
    from storage.files import open_regular

    limit = file_limit()
    try:
        with open_regular(path) as f:  # looked at first: a named pipe would never end its open
            info = os.fstat(f.fileno())
            if info.st_size > limit:
                raise _refuse(M.TOO_BIG, path, size=_size(info.st_size), limit=_size(limit))
            data = f.read(limit + 1)
    except SyncError:
        raise
    except StoreError as error:  # not a regular file
        raise SyncError(error.text, **error.params) from None
    except FileNotFoundError:
        raise SyncError(M.NO_SUCH_FILE, path=str(path)) from None
    except IsADirectoryError as error:
        raise _refuse(M.NOT_A_BUNDLE, path, detail=os_reason(error)) from None
    except OSError as error:
        raise _refuse(M.NOT_A_BUNDLE, path, detail=os_reason(error)) from None
    if len(data) > limit:
        raise _refuse(M.TOO_BIG, path, size=f"> {_size(limit)}", limit=_size(limit))
    return data


def open_archive(path: Path, data: bytes, members: tuple[str, ...], caps: dict[str, int]) -> dict[str, bytes]:
    """The members of a zip archive, read as hostile input: exactly ``members``, stored,
    within ``caps``; any other name (a path that escapes, a link, a duplicate) refuses it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise _refuse(M.NOT_A_BUNDLE, path, detail=str(error) or type(error).__name__) from None
    names = [i.filename for i in infos]
    for name in names:
        if name not in members:
            shown = name if len(name) <= 80 else name[:77] + "…"
            raise _refuse(M.HOSTILE, path, detail=f"「{shown}」")
    if len(names) != len(set(names)):
        raise _refuse(M.HOSTILE, path, detail="duplicate names")
    missing = [m for m in members if m not in names]
    if missing:
        raise _refuse(M.NOT_A_BUNDLE, path, detail="missing " + ", ".join(missing))
    out: dict[str, bytes] = {}
    for info in infos:
        cap = caps[info.filename]
        if info.file_size > cap or info.compress_size > cap:
            raise _refuse(M.TOO_BIG, path, size=f"{info.filename} {_size(max(info.file_size, info.compress_size))}",
                          limit=_size(cap))
        if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
            raise _refuse(M.HOSTILE, path, detail=f"{info.filename}: compressed or encrypted member")
        try:
            with archive.open(info) as member:
                content = member.read(cap + 1)
        except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError) as error:
            raise _refuse(M.NOT_A_BUNDLE, path, detail=f"{info.filename}: {error}") from None
        if len(content) > cap:
            raise _refuse(M.TOO_BIG, path, size=f"{info.filename} > {_size(cap)}", limit=_size(cap))
        out[info.filename] = content
    return out


def _check_manifest(path: Path, manifest: Any) -> dict[str, Any]:
    def bad(detail: str) -> SyncError:
        return _refuse(M.MALFORMED, path, where=M.WHERE_MANIFEST, detail=detail)

    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise bad("not a taizhang bundle manifest")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise bad("version")
    if version > VERSION:
        raise _refuse(M.NEWER_FORMAT, path, found=version, known=VERSION)
    for key, kind in (("sender", dict), ("recipient", dict), ("acks", dict), ("counts", dict), ("parts", dict),
                      ("encryption", dict), ("created", str), ("organisation", str)):
        if not isinstance(manifest.get(key), kind):
            raise bad(key)
    for who in ("sender", "recipient"):
        if not isinstance(manifest[who].get("copy"), str):
            raise bad(f"{who}.copy")
    created = STAMP.match(manifest["created"])
    if not created or created.group(1) != manifest["sender"]["copy"]:
        raise bad("created")
    for origin, stamp in manifest["acks"].items():
        acked = STAMP.match(stamp) if isinstance(stamp, str) else None
        if not acked or acked.group(1) != origin:
            raise bad(f"acks.{origin[:20]}")
    count = manifest["counts"].get("changes")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise bad("counts.changes")
    part = manifest["parts"].get(CHANGES)
    if not isinstance(part, dict):
        raise bad("parts")
    for key in ("size", "plain_size", "packed_size"):
        if not isinstance(part.get(key), int) or isinstance(part.get(key), bool) or part[key] < 0:
            raise bad(f"parts.{key}")
    if not isinstance(part.get("sha256"), str) or not re.fullmatch(r"[0-9a-f]{64}", part["sha256"]):
        raise bad("parts.sha256")
    enc = manifest["encryption"]
    if enc.get("alg") != ALGORITHM:
        raise bad("encryption.alg")
    try:
        unb64(enc.get("epk"), 32)
        unb64(enc.get("nonce"), 12)
    except ValueError:
        raise bad("encryption") from None
    return manifest


def check_change(change: Any) -> str | None:
    """What is wrong with the shape of one change, or None."""
    if not isinstance(change, dict):
        return "not an object"
    hlc, copy = change.get("hlc"), change.get("copy")
    if not isinstance(hlc, str) or not isinstance(copy, str):
        return "hlc/copy"
    match = STAMP.match(hlc)
    if not match or match.group(1) != copy:
        return f"hlc {hlc[:40]!r}"
    if change.get("op") not in OPS:
        return "op"
    reg, rec = change.get("reg"), change.get("rec")
    if not isinstance(reg, str) or not REGISTER.fullmatch(reg):
        return "reg"
    if not isinstance(rec, str) or not RECORD.fullmatch(rec):
        return "rec"
    branch = change.get("branch")
    if branch is not None and not isinstance(branch, str):
        return "branch"
    if not isinstance(change.get("at", ""), str):
        return "at"
    fields = change.get("fields", {})
    if not isinstance(fields, dict):
        return "fields"
    for name, pair in fields.items():
        if not isinstance(pair, list) or len(pair) != 2:
            return f"fields.{name[:40]}"
    return None


def read(path: Path, keyring: Keyring, me: str, data: bytes | None = None) -> Bundle:
    """Read and verify a bundle made for copy ``me``; raises :class:`SyncError`."""
    path = Path(path)
    if data is None:
        data = read_file(path)
    limit = file_limit()
    parts = open_archive(path, data, MEMBERS, {MANIFEST: MANIFEST_MAX, SIGNATURE: SIGNATURE_MAX, CHANGES: limit})
    try:
        manifest = json.loads(parts[MANIFEST])
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise _refuse(M.MALFORMED, path, where=M.WHERE_MANIFEST, detail=str(error)[:80]) from None
    manifest = _check_manifest(path, manifest)

    recipient = manifest["recipient"]["copy"]
    if recipient != me:
        shown = manifest["recipient"].get("name")
        raise _refuse(M.NOT_FOR_ME, path, recipient=f"{shown} {recipient}" if isinstance(shown, str) else recipient, me=me)
    sender_copy = manifest["sender"]["copy"]
    sender = keyring.peers.get(sender_copy)
    if sender is None:
        raise _refuse(M.UNKNOWN_SENDER, path, sender=sender_copy[:64])
    if sender.revoked:
        raise _refuse(M.REVOKED, path, name=sender.name, when=sender.revoked)
    try:
        signature = unb64(parts[SIGNATURE].decode("ascii").strip(), 64)
    except (ValueError, UnicodeDecodeError):
        raise _refuse(M.BAD_SIGNATURE, path, name=sender.name) from None
    if not sender.verify(signature, parts[MANIFEST]):
        raise _refuse(M.BAD_SIGNATURE, path, name=sender.name)

    if manifest["counts"]["changes"] > changes_limit():
        raise _refuse(M.TOO_MANY_CHANGES, path, count=manifest["counts"]["changes"], limit=changes_limit())
    part = manifest["parts"][CHANGES]
    sealed = parts[CHANGES]
    if len(sealed) != part["size"]:
        raise _refuse(M.BAD_PART, path, detail=f"{CHANGES}: {len(sealed)} bytes, the manifest says {part['size']}")
    if hashlib.sha256(sealed).hexdigest() != part["sha256"]:
        raise _refuse(M.BAD_PART, path, detail=f"{CHANGES}: SHA-256")
    if part["plain_size"] > plain_limit():
        raise _refuse(M.TOO_BIG, path, size=_size(part["plain_size"]), limit=_size(plain_limit()))
    plain = _open_sealed(path, sealed, manifest, keyring, me, part)
    changes = _parse_changes(path, plain, manifest["counts"]["changes"])
    return Bundle(path, manifest, changes, sender)


def _open_sealed(path: Path, sealed: bytes, manifest: dict[str, Any], keyring: Keyring, me: str,
                 part: dict[str, Any]) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric import x25519
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    if keyring.identity is None:
        raise SyncError(M.NOT_ENROLLED)
    mine = keyring.identity.box_key()
    epk = unb64(manifest["encryption"]["epk"], 32)
    nonce = unb64(manifest["encryption"]["nonce"], 12)
    try:
        key = _derive(mine.exchange(x25519.X25519PublicKey.from_public_bytes(epk)), epk, _raw_public(mine))
        packed = ChaCha20Poly1305(key).decrypt(nonce, sealed, _aad(manifest["sender"]["copy"], me))
    except (InvalidTag, ValueError):
        raise _refuse(M.CANNOT_DECRYPT, path) from None
    if len(packed) != part["packed_size"]:
        raise _refuse(M.BAD_PART, path, detail=f"{CHANGES}: packed size")
    inflate = zlib.decompressobj()
    try:
        plain = inflate.decompress(packed, part["plain_size"] + 1)
    except zlib.error as error:
        raise _refuse(M.BAD_PART, path, detail=f"{CHANGES}: {error}") from None
    if len(plain) != part["plain_size"] or inflate.unconsumed_tail or not inflate.eof:
        raise _refuse(M.BAD_PART, path, detail=f"{CHANGES}: size after decompression")
    return plain


def _where(n: int) -> Text:
    return Text(*(t.format(n=n) for t in M.WHERE_CHANGE.variants()))


def _parse_changes(path: Path, plain: bytes, count: int) -> list[dict[str, Any]]:
    lines = plain.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) != count:
        raise _refuse(M.BAD_PART, path, detail=f"{len(lines)} changes, the manifest says {count}")
    try:  # all lines at once (one call into the C parser); line by line only to say where it failed
        changes = fastjson.loads(b"[" + b",".join(lines) + b"]") if lines else []
        if len(changes) != count:
            raise ValueError("a line holds more than one value")
    except (ValueError, UnicodeDecodeError, RecursionError):
        changes = []
        for n, line in enumerate(lines, start=1):
            try:
                changes.append(json.loads(line))
            except (ValueError, UnicodeDecodeError, RecursionError) as error:
                raise _refuse(M.MALFORMED, path, where=_where(n), detail=str(error)[:80]) from None
        if len(changes) != count:
            raise _refuse(M.MALFORMED, path, where=_where(count), detail="count") from None
    for n, change in enumerate(changes, start=1):
        problem = check_change(change)
        if problem:
            raise _refuse(M.MALFORMED, path, where=_where(n), detail=problem)
    return changes


def peek(path: Path) -> dict[str, Any] | None:
    """The manifest of a bundle, unverified (to see whom a file in a shared folder is for)."""
    try:
        data = read_file(path)
        parts = open_archive(path, data, MEMBERS, {MANIFEST: MANIFEST_MAX, SIGNATURE: SIGNATURE_MAX, CHANGES: file_limit()})
        manifest = json.loads(parts[MANIFEST])
        return manifest if isinstance(manifest, dict) else None
    except (SyncError, ValueError, UnicodeDecodeError):
        return None
