"""Key pairs, pinned peers and revocation.

Each copy has two key pairs, made at enrolment: Ed25519 to sign the bundles it sends and
X25519 so that bundles sent to it can be encrypted to it. They live in ``home/keys/``:

- ``own.json``   this copy's private keys (mode 0600)
- ``peers.json`` the public keys of the copies it trusts, pinned at enrolment: on the
  master every enrolled branch copy, on a branch the master. A branch enrolled anew gets a
  new copy id and new keys; the old copy's entry stays, marked revoked, so that its
  bundles are refused by name rather than as strangers.

``keys/`` is not rolled back by ``taizhang restore``: going back to last week's data must
not bring back a key revoked since.

A fingerprint is 24 digits in six groups, to be read out over the phone and compared.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # cryptography is imported where a key is used: `taizhang find` never loads it
    from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from storage import clock
from storage.files import fsync_dir, make_private_dir, private_open, write_failure
from storage.messages import StoreError
from sync import messages as M

KEYS_DIR = "keys"
OWN_FILE = "own.json"
PEERS_FILE = "peers.json"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if length is not None and len(data) != length:
        raise ValueError("wrong length")
    return data


def fingerprint(sign_public: bytes, box_public: bytes) -> str:
    """24 digits, six groups of four: 80 bits, easy to read aloud and compare."""
    digest = hashlib.sha256(b"taizhang-key-v1" + sign_public + box_public).digest()
    number = int.from_bytes(digest[:10], "big") % 10**24
    digits = f"{number:024d}"
    return " ".join(digits[i:i + 4] for i in range(0, 24, 4))


@dataclass
class Identity:
    """This copy's key pairs."""

    copy: str
    sign_private: bytes
    box_private: bytes

    @staticmethod
    def generate(copy: str) -> Identity:
        from cryptography.hazmat.primitives import serialization as s
        from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

        raw = (s.Encoding.Raw, s.PrivateFormat.Raw, s.NoEncryption())
        return Identity(
            copy,
            ed25519.Ed25519PrivateKey.generate().private_bytes(*raw),
            x25519.X25519PrivateKey.generate().private_bytes(*raw),
        )

    def signer(self) -> ed25519.Ed25519PrivateKey:
        from cryptography.hazmat.primitives.asymmetric import ed25519

        return ed25519.Ed25519PrivateKey.from_private_bytes(self.sign_private)

    def box_key(self) -> x25519.X25519PrivateKey:
        from cryptography.hazmat.primitives.asymmetric import x25519

        return x25519.X25519PrivateKey.from_private_bytes(self.box_private)

    @property
    def sign_public(self) -> bytes:
        from cryptography.hazmat.primitives import serialization as s

        return self.signer().public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)

    @property
    def box_public(self) -> bytes:
        from cryptography.hazmat.primitives import serialization as s

        return self.box_key().public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public, self.box_public)

    def sign(self, data: bytes) -> bytes:
        return self.signer().sign(data)

    def to_json(self) -> dict[str, Any]:
        return {"format": 1, "copy": self.copy, "sign": b64(self.sign_private), "box": b64(self.box_private)}

    @staticmethod
    def from_json(data: Any) -> Identity:
        if not isinstance(data, dict) or not isinstance(data.get("copy"), str):
            raise ValueError("not an identity")
        return Identity(data["copy"], unb64(data["sign"], 32), unb64(data["box"], 32))


@dataclass
class Peer:
    """A copy whose public keys are pinned here."""

    copy: str
    role: str  # "master" or "branch"
    name: str  # the branch's name, or the organisation's for the master
    sign_public: bytes
    box_public: bytes
    branch: str | None = None  # the branch record's id, for a branch copy
    enrolled: str = ""
    revoked: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public, self.box_public)

    def verify(self, signature: bytes, data: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric import ed25519

        try:
            ed25519.Ed25519PublicKey.from_public_bytes(self.sign_public).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_json(self) -> dict[str, Any]:
        return {
            "copy": self.copy, "role": self.role, "name": self.name, "branch": self.branch,
            "sign": b64(self.sign_public), "box": b64(self.box_public),
            "enrolled": self.enrolled, "revoked": self.revoked,
        }

    @staticmethod
    def from_json(data: Any) -> Peer:
        if not isinstance(data, dict) or data.get("role") not in ("master", "branch"):
            raise ValueError("not a peer")
        for key in ("copy", "name"):
            if not isinstance(data.get(key), str):
                raise ValueError(f"peer without {key}")
        return Peer(
            copy=data["copy"], role=data["role"], name=data["name"],
            sign_public=unb64(data["sign"], 32), box_public=unb64(data["box"], 32),
            branch=data.get("branch") if isinstance(data.get("branch"), str) else None,
            enrolled=str(data.get("enrolled") or ""),
            revoked=data.get("revoked") if isinstance(data.get("revoked"), str) else None,
        )


@dataclass
class Keyring:
    """This copy's identity and its pinned peers, as kept in ``home/keys``."""

    home: Path
    identity: Identity | None
    peers: dict[str, Peer] = field(default_factory=dict)

    @staticmethod
    def load(home: Path) -> Keyring:
        folder = home / KEYS_DIR
        identity = None
        peers: dict[str, Peer] = {}
        try:
            identity = Identity.from_json(json.loads((folder / OWN_FILE).read_text(encoding="utf-8")))
        except FileNotFoundError:
            pass
        except (ValueError, KeyError, UnicodeDecodeError) as error:
            raise StoreError(M.KEYS_DAMAGED, path=str(folder / OWN_FILE), detail=str(error)) from None
        try:
            raw = json.loads((folder / PEERS_FILE).read_text(encoding="utf-8"))
            for item in raw.get("peers", []):
                peer = Peer.from_json(item)
                peers[peer.copy] = peer
        except FileNotFoundError:
            pass
        except (ValueError, KeyError, AttributeError, UnicodeDecodeError) as error:
            raise StoreError(M.KEYS_DAMAGED, path=str(folder / PEERS_FILE), detail=str(error)) from None
        return Keyring(home, identity, peers)

    def own(self, copy: str) -> Identity:
        """This copy's identity, made now if it has none yet (a master before its first
        enrolment). The caller holds the store's write lock."""
        if self.identity is None:
            self.identity = Identity.generate(copy)
            self.save_identity()
        return self.identity

    def save_identity(self) -> None:
        assert self.identity is not None
        write_secret(self.home / KEYS_DIR / OWN_FILE, json.dumps(self.identity.to_json(), indent=1).encode())

    def save_peers(self) -> None:
        data = {"format": 1, "peers": [p.to_json() for p in self.peers.values()]}
        write_secret(self.home / KEYS_DIR / PEERS_FILE, json.dumps(data, ensure_ascii=False, indent=1).encode())

    def master(self) -> Peer | None:
        live = [p for p in self.peers.values() if p.role == "master" and not p.revoked]
        return live[0] if live else None

    def branch_copies(self, branch: str | None = None) -> list[Peer]:
        return [p for p in self.peers.values()
                if p.role == "branch" and not p.revoked and (branch is None or p.branch == branch)]

    def pin(self, peer: Peer) -> list[Peer]:
        """Pin a peer's keys; any other live copy of the same branch is revoked (a branch
        is enrolled anew when its laptop dies or is stolen). Returns the revoked ones."""
        revoked = []
        if peer.role == "branch":
            for other in self.branch_copies(peer.branch):
                if other.copy != peer.copy:
                    other.revoked = clock.now().isoformat(timespec="seconds")
                    revoked.append(other)
        peer.enrolled = peer.enrolled or clock.now().isoformat(timespec="seconds")
        self.peers[peer.copy] = peer
        return revoked


def write_secret(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, whole or not at all."""
    make_private_dir(path.parent, parents=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = private_open(temp, os.O_WRONLY | os.O_TRUNC)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        try:
            temp.unlink()
        except OSError:
            pass
        raise write_failure(path, error) from error
    fsync_dir(path.parent)
