"""Enrolment: the master makes a branch's copy a key pair and a file; the branch's
laptop makes its copy from that file.

``taizhang branch add NAME --out FILE`` (master only) adds the branch if it is new, makes
a new copy id and key pair for the branch's copy, pins its public keys, revokes any
earlier copy of the same branch (a laptop that died or was stolen), and writes the
enrolment file: a zip of

    enrolment.json  the organisation, the branch, the new copy's id and private keys,
                    the master's copy id and public keys
    bundle.tzb      everything the branch's copy is to hold now (a full bundle, signed by
                    the master and encrypted to the new copy's key)
    signature       the master's Ed25519 signature of enrolment.json

``taizhang init --join FILE`` checks the file whole (signature, bundle) before it makes
anything, then makes the branch's copy and merges the bundle. Both sides print the two
fingerprints, to be compared over the phone: a file swapped on the way would show
another master fingerprint.

The enrolment file holds the new copy's private key: it is to be carried like a key and
deleted once used. (Generating the key on the branch's laptop instead would need a file
back to the master before the first exchange; one file each way was judged the greater
burden for a village secretary. Re-enrolling revokes a leaked key.)
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

from storage import clock
from storage.home import resolve_home
from storage.files import write_atomic
from storage.journal import Change
from storage.store import Store
from sync import bundle, messages as M
from sync.bundle import open_archive, read_file
from sync.keys import Identity, Keyring, Peer, b64, unb64
from sync.messages import SyncError

FORMAT = "taizhang-enrolment"
VERSION = 1
ENROLMENT = "enrolment.json"
BUNDLE = "bundle.tzb"
SIGNATURE = "signature"


def master_peer(store: Store, identity: Identity) -> Peer:
    return Peer(copy=identity.copy, role="master", name=store.organisation,
                sign_public=identity.sign_public, box_public=identity.box_public)


def add_branch(store: Store, name: str, out: Path) -> tuple[Peer, list[Peer], Identity]:
    """Enrol a branch's new copy; returns its peer entry, the copies revoked, the master's identity."""
    from sync.outgoing import changes_for, export
    from sync.state import PeerState

    if store.settings.store.role != "master":
        raise SyncError(M.MASTER_ONLY, action=M.ACTION_ENROL,
                        branch=store.name_of("branches", store.settings.store.branch) or "")
    keyring = Keyring.load(store.home)
    with store.transaction():
        branch_id = _branch_named(store, name)
        if branch_id is None:
            branch_id = store.add("branches", {"name": name})["id"]
        master = keyring.own(store.settings.store.copy_id)
        identity = Identity.generate(uuid.uuid4().hex[:12])
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
            "keys": identity.to_json(),
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
    return peer, revoked, master


def _branch_named(store: Store, name: str) -> str | None:
    wanted = name.strip()
    for rid, record in store.table("branches").items():
        if not record.get("_d") and record.get("name") == wanted:
            return rid
    return None


def read_enrolment(path: Path) -> tuple[dict[str, Any], Identity, Peer, bytes]:
    """Read and check an enrolment file; nothing is written."""
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
        identity = Identity.from_json(enrolment["keys"])
        master = Peer.from_json(enrolment["master"])
        branch = enrolment["branch"]
        if not isinstance(branch, dict) or not isinstance(branch.get("id"), str) or not isinstance(enrolment.get("organisation"), str):
            raise ValueError("branch")
        if identity.copy != enrolment.get("copy"):
            raise ValueError("copy")
        signature = unb64(parts[SIGNATURE].decode("ascii").strip(), 64)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise SyncError(M.NOT_ENROLMENT, path=str(path), detail=str(error)[:80]) from None
    if not master.verify(signature, parts[ENROLMENT]):
        raise SyncError(M.NOT_ENROLMENT, path=str(path), detail="signature")
    return enrolment, identity, master, parts[BUNDLE]


def join(home: Path, path: Path) -> tuple[Store, Identity, Peer]:
    """Make a branch's copy from an enrolment file (checked whole first)."""
    from storage import settings as settings_mod
    from sync.merge import Incoming, commit, plan

    path = Path(path)
    home = resolve_home(home)
    enrolment, identity, master, packed = read_enrolment(path)
    keyring = Keyring(home, identity, {master.copy: master})
    first = bundle.read(path, keyring, identity.copy, packed)  # refused here, before anything is made
    if settings_mod.read_raw(home) is not None:
        from storage.store import ALREADY
        from storage.messages import StoreError

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
