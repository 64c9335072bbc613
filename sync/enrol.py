"""Enrolment: the master makes a branch's copy a key pair and a file; the branch's
laptop makes its copy from that file.

``taizhang branch add NAME --out FILE`` (master only) adds the branch if it is new, makes
a new copy id and key pair for the branch's copy, pins its public keys, revokes any
earlier copy of the same branch (a laptop that died or was stolen), and writes the
enrolment file: a zip of

    enrolment.json  the organisation, the branch, the new copy's id, public keys and private
                    keys (sealed with the enrolment code), the master's copy id and public keys
    bundle.tzb      everything the branch's copy is to hold now (a full bundle, signed by
                    the master and encrypted to the new copy's key)
    signature       the master's Ed25519 signature of enrolment.json

``taizhang init --join FILE`` checks the file whole (signature, bundle) before it makes
anything, then makes the branch's copy and merges the bundle. Both sides print the two
fingerprints, to be compared over the phone: a file swapped on the way would show
another master fingerprint.

The new copy's private keys travel sealed: ``branch add`` prints a one-time enrolment
code of 12 digits, which the master's secretary tells the branch's secretary by phone or
in person (never with the file), and ``init --join FILE --code CODE`` needs it. The keys
are encrypted with ChaCha20-Poly1305 under a key derived from the code by scrypt (costly
on purpose: 2^17, ~0.4 s here), so a finder of the file on a lost stick can neither read
the branch's records in it nor sign bundles as that branch. (Generating the key on the
branch's laptop instead would need a file back to the master before the first exchange;
one file each way was judged the greater burden for a village secretary.)
"""

from __future__ import annotations

import io
import json
import os
import secrets
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storage import clock
from storage.files import check_target, write_atomic
from storage.home import resolve_home
from storage.journal import Change
from storage.store import Store
from sync import bundle
from sync import messages as M
from sync.bundle import open_archive, read_file
from sync.keys import Identity, Keyring, Peer, b64, unb64
from sync.messages import SyncError

FORMAT = "taizhang-enrolment"
VERSION = 2  # 2: the private keys sealed with the enrolment code (1: in clear, still read)
CODE_DIGITS = 12
#: scrypt's cost, as a power of two. A test run may lower it (TAIZHANG_ENROL_SCRYPT_LOG2);
#: the file says what it used, and a reader refuses more than 2^20 (a file that would
#: have it spend a gigabyte).
SCRYPT_LOG2 = 17
SCRYPT_LOG2_MAX = 20
ENROLMENT = "enrolment.json"
BUNDLE = "bundle.tzb"
SIGNATURE = "signature"


def new_code() -> str:
    """A one-time enrolment code: 12 random digits, read out in groups of four."""
    digits = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    return "-".join(digits[i:i + 4] for i in range(0, CODE_DIGITS, 4))


def _code_digits(code: str) -> str | None:
    """The digits of a code as typed (spaces, dashes, full-width digits), or None."""
    digits: list[str] = []
    for ch in code.strip():
        if "0" <= ch <= "9" or "０" <= ch <= "９":
            digits.append(str(int(ch)))
        elif ch not in " -－—\t":
            return None
    return "".join(digits) if len(digits) == CODE_DIGITS else None


def _code_key(digits: str, salt: bytes, log2: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=1 << log2, r=8, p=1).derive(digits.encode("ascii"))


def seal_keys(identity: Identity, code: str) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    digits = _code_digits(code)
    assert digits is not None, "a code made by new_code()"
    log2 = min(max(int(os.environ.get("TAIZHANG_ENROL_SCRYPT_LOG2") or SCRYPT_LOG2), 10), SCRYPT_LOG2_MAX)
    salt, nonce = os.urandom(16), os.urandom(12)
    plain = json.dumps(identity.to_json()).encode()
    sealed = ChaCha20Poly1305(_code_key(digits, salt, log2)).encrypt(nonce, plain, identity.copy.encode())
    return {"kdf": "scrypt", "log2n": log2, "r": 8, "p": 1, "salt": b64(salt), "nonce": b64(nonce),
            "sealed": b64(sealed)}


def unseal_keys(path: Path, sealed: Any, copy: str, code: str | None) -> Identity:
    """The private keys of an enrolment file, opened with its code; refused with a message
    naming the file if the code is missing or wrong."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    if code is None or not code.strip():
        raise SyncError(M.CODE_NEEDED, path=str(path))
    digits = _code_digits(code)
    if digits is None:
        raise SyncError(M.CODE_FORMAT, path=str(path), digits=CODE_DIGITS)
    try:
        if not isinstance(sealed, dict) or sealed.get("kdf") != "scrypt" or (sealed.get("r"), sealed.get("p")) != (8, 1):
            raise ValueError("kdf")
        log2 = sealed.get("log2n")
        if not isinstance(log2, int) or not 10 <= log2 <= SCRYPT_LOG2_MAX:
            raise ValueError("kdf cost")
        key = _code_key(digits, unb64(sealed["salt"], 16), log2)
        nonce, box = unb64(sealed["nonce"], 12), unb64(sealed["sealed"])
    except (ValueError, KeyError, TypeError) as error:
        raise SyncError(M.NOT_ENROLMENT, path=str(path), detail=f"sealed keys: {error}"[:80]) from None
    try:
        plain = ChaCha20Poly1305(key).decrypt(nonce, box, copy.encode())
    except InvalidTag:
        raise SyncError(M.CODE_WRONG, path=str(path)) from None
    try:
        return Identity.from_json(json.loads(plain))
    except (ValueError, KeyError, TypeError) as error:
        raise SyncError(M.NOT_ENROLMENT, path=str(path), detail=f"sealed keys: {error}"[:80]) from None


def master_peer(store: Store, identity: Identity) -> Peer:
    return Peer(copy=identity.copy, role="master", name=store.organisation,
                sign_public=identity.sign_public, box_public=identity.box_public)


def add_branch(store: Store, name: str, out: Path) -> tuple[Peer, list[Peer], Identity, str]:
    """Enrol a branch's new copy; returns its peer entry, the copies revoked, the master's
    identity and the enrolment code that opens the file."""
    from sync.outgoing import changes_for, export
    from sync.state import PeerState

    if store.settings.store.role != "master":
        raise SyncError(M.MASTER_ONLY, action=M.ACTION_ENROL,
                        branch=store.name_of("branches", store.settings.store.branch) or "")
    check_target(Path(out))  # before the branch is added: a refusal changes nothing
    keyring = Keyring.load(store.home)
    with store.transaction():
        branch_id = _branch_named(store, name)
        if branch_id is None:
            branch_id = store.add("branches", {"name": name})["id"]
        master = keyring.own(store.settings.store.copy_id)
        identity = Identity.generate(uuid.uuid4().hex[:12])
        code = new_code()
        peer = Peer(copy=identity.copy, role="branch", name=store.name_of("branches", branch_id),
                    sign_public=identity.sign_public, box_public=identity.box_public, branch=branch_id)
        revoked = keyring.pin(peer)
        changes = changes_for(store, peer, {}, full=True)
        scratch = io.BytesIO()
        temp = store.home / "sync" / f".enrol-{identity.copy}.tzb"
        export(store, keyring, peer, temp, full=True, changes=changes)
        packed = temp.read_bytes()
        temp.unlink()
        enrolment = {
            "format": FORMAT, "version": VERSION,
            "organisation": store.organisation,
            "branch": {"id": branch_id, "name": peer.name},
            "copy": identity.copy,
            "public": {"sign": b64(identity.sign_public), "box": b64(identity.box_public)},
            "sealed_keys": seal_keys(identity, code),
            "master": master_peer(store, master).to_json(),
            "issued": clock.now().isoformat(timespec="seconds"),
        }
        body = json.dumps(enrolment, ensure_ascii=False, indent=1, sort_keys=True).encode()
        with zipfile.ZipFile(scratch, "w", compression=zipfile.ZIP_STORED) as archive:
            for member, data in ((ENROLMENT, body), (BUNDLE, packed), (SIGNATURE, b64(master.sign(body)).encode())):
                info = zipfile.ZipInfo(member, date_time=(2020, 1, 1, 0, 0, 0))
                archive.writestr(info, data)
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, scratch.getvalue())
        keyring.save_peers()
        state = PeerState(store.home)
        state.assume(peer.copy, vector_of(changes))  # what the copy will hold once it has joined
        state.save()
    return peer, revoked, master, code


def _branch_named(store: Store, name: str) -> str | None:
    wanted = name.strip()
    for rid, record in store.table("branches").items():
        if not record.get("_d") and record.get("name") == wanted:
            return rid
    return None


def read_enrolment(
    path: Path, code: str | None = None, ask: Callable[[], str | None] | None = None
) -> tuple[dict[str, Any], Identity, Peer, bytes]:
    """Read and check an enrolment file, and open its keys with ``code`` (or, if none was
    given and the keys are sealed, with what ``ask`` returns); nothing is written."""
    path = Path(path)
    data = read_file(path)
    try:
        parts = open_archive(path, data, (ENROLMENT, BUNDLE, SIGNATURE),
                             {ENROLMENT: 1 << 20, BUNDLE: bundle.file_limit(), SIGNATURE: 256})
    except SyncError as error:
        raise SyncError(M.NOT_ENROLMENT, path=str(path), detail=error.message("en")) from None
    try:
        enrolment = json.loads(parts[ENROLMENT])
        if not isinstance(enrolment, dict) or enrolment.get("format") != FORMAT:
            raise ValueError("not an enrolment")
        if int(enrolment.get("version", 0)) > VERSION:
            raise ValueError(f"made by a newer taizhang (format {enrolment['version']})")
        sealed = "sealed_keys" in enrolment
        identity = None if sealed else Identity.from_json(enrolment["keys"])
        if sealed:
            public = enrolment["public"]
            unb64(public["sign"], 32), unb64(public["box"], 32)
        master = Peer.from_json(enrolment["master"])
        branch = enrolment["branch"]
        if not isinstance(branch, dict) or not isinstance(branch.get("id"), str) or not isinstance(enrolment.get("organisation"), str):
            raise ValueError("branch")
        if not isinstance(enrolment.get("copy"), str) or identity is not None and identity.copy != enrolment["copy"]:
            raise ValueError("copy")
        signature = unb64(parts[SIGNATURE].decode("ascii").strip(), 64)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise SyncError(M.NOT_ENROLMENT, path=str(path), detail=str(error)[:80]) from None
    if not master.verify(signature, parts[ENROLMENT]):
        raise SyncError(M.NOT_ENROLMENT, path=str(path), detail="signature")
    if identity is None:  # signed by the master: now worth the code's costly key
        if code is None and ask is not None:
            code = ask()
        identity = unseal_keys(path, enrolment["sealed_keys"], enrolment["copy"], code)
        if identity.copy != enrolment["copy"] or b64(identity.sign_public) != enrolment["public"]["sign"] \
                or b64(identity.box_public) != enrolment["public"]["box"]:
            raise SyncError(M.NOT_ENROLMENT, path=str(path), detail="sealed keys do not match")
    return enrolment, identity, master, parts[BUNDLE]


def join(
    home: Path, path: Path, code: str | None = None, ask: Callable[[], str | None] | None = None
) -> tuple[Store, Identity, Peer]:
    """Make a branch's copy from an enrolment file and its code (checked whole first)."""
    from storage import settings as settings_mod
    from sync.merge import Incoming, commit, plan

    path = Path(path)
    home = resolve_home(home)
    enrolment, identity, master, packed = read_enrolment(path, code, ask)
    keyring = Keyring(home, identity, {master.copy: master})
    first = bundle.read(path, keyring, identity.copy, packed)  # refused here, before anything is made
    if settings_mod.read_raw(home) is not None:
        from storage.messages import StoreError
        from storage.store import ALREADY

        raise StoreError(ALREADY, home=str(home))
    store = Store.create(home, organisation=enrolment["organisation"], role="branch",
                         copy_id=identity.copy, branch=enrolment["branch"]["id"])
    master.enrolled = clock.now().isoformat(timespec="seconds")
    keyring.save_identity()
    keyring.save_peers()
    incoming = [Incoming(path, first)]
    commit(store, plan(store, incoming), keyring, incoming)
    return store, identity, master


def vector_of(changes: list[Change]) -> dict[str, str]:
    vector: dict[str, str] = {}
    for change in changes:
        if change["hlc"] > vector.get(change["copy"], ""):
            vector[change["copy"]] = change["hlc"]
    return vector
