"""Every refusal: the bundle is refused as a whole, with a message naming the file and
what to do, and the home of the copy that refused it is byte-for-byte as it was."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from syncutil import Org, home_digest

from storage.i18n import EN, HANT
from sync import bundle
from sync.keys import Keyring
from sync.merge import merge
from sync.outgoing import bundle_stamp, sender_info


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Org:
    import os

    os.environ["TAIZHANG_TODAY"] = "2026-11-26"  # module scope: before the autouse fixture runs
    made = Org(tmp_path_factory.mktemp("refusals") / "org")
    first = made["b1"].add("members", {"name": "張桂英", "phone": "13812345678"})
    made["b2"].add("members", {"name": "李國華"})
    made.exchange_all()
    made.first_member = first["id"]  # type: ignore[attr-defined]
    return made


def refused(org: Org, short: str, path: Path) -> str:
    """Merge ``path`` into copy ``short``; assert it was refused and changed nothing."""
    store = org[short]
    before = home_digest(store.home)
    plan, saved = merge(store, Keyring.load(store.home), [path])
    assert saved is None and not plan.changes
    assert [i.path for i in plan.refused] == [path], "the bundle was not refused"
    assert home_digest(store.home) == before
    message = plan.refused[0].refused.message(HANT)
    assert str(path) in message and "台賬沒有改動" in message
    assert str(path) in plan.refused[0].refused.message(EN) and "nothing in the store was changed" in \
        plan.refused[0].refused.message(EN).lower()
    return message


def forge(org: Org, src: str, dst: str, changes: list[dict[str, Any]], name: str, *,
          plain: bytes | None = None, manifest_edit: Callable[[dict[str, Any]], None] | None = None) -> Path:
    """A bundle signed with ``src``'s real key, holding whatever the test wants."""
    store = org[src]
    keyring = Keyring.load(store.home)
    path = org.root / "forged" / name
    if plain is not None:
        original = bundle.encode_changes
        bundle.encode_changes = lambda _: plain  # type: ignore[assignment]
    try:
        bundle.write(path, identity=keyring.identity, sender=sender_info(store), recipient=org.peer(src, dst),
                     organisation=store.organisation, changes=changes, acks={}, created=bundle_stamp(store),
                     at="", full=False)
    finally:
        if plain is not None:
            bundle.encode_changes = original  # type: ignore[assignment]
    if manifest_edit is not None:
        members = unzip(path)
        manifest = json.loads(members["manifest.json"])
        manifest_edit(manifest)
        members["manifest.json"] = json.dumps(manifest, sort_keys=True, indent=1).encode()
        members["signature"] = __import__("sync.keys", fromlist=["b64"]).b64(
            keyring.identity.sign(members["manifest.json"])).encode()
        rezip(path, members)
    return path


def unzip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(path: Path, members: dict[str, bytes], compress: int = zipfile.ZIP_STORED) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compress) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(out.getvalue())
    return path


def change(org: Org, src: str, rec: str, reg: str = "members", op: str = "update", branch: str | None = None,
           fields: dict[str, list[Any]] | None = None, copy: str | None = None) -> dict[str, Any]:
    store = org[src]
    copy = copy or store.settings.store.copy_id
    stamp = store.clock.tick()
    if copy != store.settings.store.copy_id:
        stamp = stamp.rsplit("-", 1)[0] + "-" + copy
    return {"hlc": stamp, "at": "", "copy": copy, "op": op, "reg": reg, "rec": rec,
            "branch": branch, "fields": fields if fields is not None else {"phone": [None, "13900000000"]}}


# -- authority ---------------------------------------------------------------------------


def test_a_branch_may_not_change_another_branchs_record(org: Org) -> None:
    theirs = org["m"].records("members", branch="第二支部")[0]["id"]
    path = forge(org, "b1", "m", [change(org, "b1", theirs, branch=org.branch_id("b1"))], "other-branch.tzb")
    message = refused(org, "m", path)
    assert "第一支部" in message and "不屬於該支部" in message


def test_a_branch_may_not_claim_a_record_for_another_branch(org: Org) -> None:
    fields = {"name": [None, "王五"], "branch": [None, org.branch_id("b2")]}
    path = forge(org, "b1", "m", [change(org, "b1", "new-record", op="create", branch=org.branch_id("b2"), fields=fields)],
                 "claims-other.tzb")
    refused(org, "m", path)


def test_a_branch_may_not_change_what_the_master_keeps(org: Org) -> None:
    fields = {"name": [None, "假制度"]}
    path = forge(org, "b1", "m", [change(org, "b1", "reg-1", reg="regulations", op="create", fields=fields,
                                         branch=org.branch_id("b1"))], "master-owned.tzb")
    assert "總支管理" in refused(org, "m", path)


def test_a_branch_sends_only_its_own_changes(org: Org) -> None:
    mine = org["m"].records("members", branch="第一支部")[0]["id"]
    relayed = change(org, "b1", mine, branch=org.branch_id("b1"), copy=org["b2"].settings.store.copy_id)
    refused(org, "m", forge(org, "b1", "m", [relayed], "relayed.tzb"))


def test_a_dues_entry_is_never_edited_through_a_bundle(org: Org) -> None:
    mine = org.first_member  # type: ignore[attr-defined]
    entry = org["b1"].add("dues", {"member": mine, "period_from": "2026-10", "amount": "0.50", "paid_on": "2026-11-01"})
    edit = change(org, "b1", entry["id"], reg="dues", branch=org.branch_id("b1"), fields={"amount": ["0.50", "5.00"]})
    assert "黨費" in refused(org, "m", forge(org, "b1", "m", [edit], "dues-edit.tzb"))


def test_one_bad_change_refuses_the_good_ones_with_it(org: Org) -> None:
    mine = org.first_member  # type: ignore[attr-defined]
    good = change(org, "b1", mine, branch=org.branch_id("b1"), fields={"address": [None, "大寨村"]})
    bad = change(org, "b1", org["m"].records("members", branch="第二支部")[0]["id"], branch=org.branch_id("b1"))
    refused(org, "m", forge(org, "b1", "m", [good, bad], "mixed.tzb"))
    assert "address" not in org["m"].get(mine)[1]


# -- signature, hashes, sizes, truncation -------------------------------------------------


def a_bundle(org: Org, name: str) -> Path:
    org["b1"].edit(org.first_member, {"phone": "13700000000"})  # type: ignore[attr-defined]
    path = org.export("b1", "m", name=name)
    return path


def test_a_bundle_not_signed_by_its_sender_is_refused(org: Org) -> None:
    path = a_bundle(org, "resigned.tzb")
    members = unzip(path)
    manifest = json.loads(members["manifest.json"])
    manifest["counts"]["registers"]["members"] = 99  # any change to the manifest
    members["manifest.json"] = json.dumps(manifest, sort_keys=True, indent=1).encode()
    assert "簽名不對" in refused(org, "m", rezip(path, members))
    other = Keyring.load(org["b2"].home).identity  # signed, but by another branch's key
    members["signature"] = __import__("sync.keys", fromlist=["b64"]).b64(other.sign(members["manifest.json"])).encode()
    assert "簽名不對" in refused(org, "m", rezip(path, members))


def test_changes_that_do_not_match_the_manifest_are_refused(org: Org) -> None:
    path = a_bundle(org, "flipped.tzb")
    members = unzip(path)
    sealed = bytearray(members["changes.bin"])
    sealed[len(sealed) // 2] ^= 0x01
    members["changes.bin"] = bytes(sealed)
    assert "SHA-256" in refused(org, "m", rezip(path, members))
    members["changes.bin"] = members["changes.bin"][:-10]
    assert "bytes" in refused(org, "m", rezip(path, members))


def test_a_truncated_bundle_is_refused(org: Org) -> None:
    path = a_bundle(org, "cut.tzb")
    data = path.read_bytes()
    for keep in (len(data) // 2, len(data) - 22, 10, 0):
        path.write_bytes(data[:keep])
        refused(org, "m", path)


def test_a_bundle_made_for_another_copy_is_refused(org: Org) -> None:
    org["m"].edit(org.first_member, {"address": "大寨村一組"})  # type: ignore[attr-defined]
    for_b1 = org.export("m", "b1", name="for-b1.tzb")
    assert "另一個副本" in refused(org, "b2", for_b1)


def test_a_bundle_from_a_stranger_is_refused(org: Org, tmp_path: Path) -> None:
    stranger = Org(tmp_path / "stranger", branches=("第一支部",))
    store = stranger["b1"]
    store.add("members", {"name": "外人"})
    path = tmp_path / "stranger.tzb"  # addressed to our master, signed by a key it never pinned
    bundle.write(path, identity=Keyring.load(store.home).identity, sender=sender_info(store),
                 recipient=org.peer("b1", "m"), organisation=store.organisation,
                 changes=[change(stranger, "b1", "x1", op="create", fields={"name": [None, "外人"]})],
                 acks={}, created=bundle_stamp(store), at="", full=False)
    assert "未在本副本登記" in refused(org, "m", path)


def test_bundles_signed_with_a_revoked_key_are_refused(tmp_path: Path) -> None:
    org = Org(tmp_path / "org")
    old = org["b1"]
    old.add("members", {"name": "張桂英"})
    org.send("b1", "m")
    stale = org.export("b1", "m", name="stale.tzb")  # on the laptop that is about to be stolen
    org.enrol("b1")  # enrolled anew: the old copy's key is revoked
    org.stores["old"] = old
    assert "已吊銷" in refused(org, "m", stale)
    old.add("members", {"name": "冒名者"})
    org.stores["b1-old"] = old
    from sync.outgoing import export

    keyring = Keyring.load(old.home)
    fresh = org.root / "bundles" / "from-stolen.tzb"
    export(old, keyring, keyring.master(), fresh)
    assert "已吊銷" in refused(org, "m", fresh)
    assert "冒名者" not in {r["name"] for r in org["m"].records("members")}


# -- hostile files -------------------------------------------------------------------------


def test_archive_members_that_escape_or_do_not_belong_are_refused(org: Org) -> None:
    path = a_bundle(org, "escape.tzb")
    members = unzip(path)
    for evil in ("../../settings.toml", "/etc/passwd", "registers/members.json", "manifest.json/../x"):
        assert "不該有的內容" in refused(org, "m", rezip(path, {**members, evil: b"x"}))
    twice = io.BytesIO()
    with zipfile.ZipFile(twice, "w") as archive, pytest.warns(UserWarning):
        for name, data in [*members.items(), ("manifest.json", members["manifest.json"])]:
            archive.writestr(name, data)
    path.write_bytes(twice.getvalue())
    refused(org, "m", path)


def test_enormous_files_and_members_are_refused_before_they_are_read(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    path = a_bundle(org, "big.tzb")
    monkeypatch.setenv("TAIZHANG_BUNDLE_MAX_BYTES", str(path.stat().st_size - 1))
    assert "太大" in refused(org, "m", path)
    monkeypatch.setenv("TAIZHANG_BUNDLE_MAX_BYTES", str(1 << 20))
    members = unzip(path)
    members["manifest.json"] = members["manifest.json"] + b" " * (5 << 20)  # past the manifest's cap
    monkeypatch.setenv("TAIZHANG_BUNDLE_MAX_BYTES", str(16 << 20))
    assert "太大" in refused(org, "m", rezip(path, members))


def test_a_compressed_member_is_refused_so_nothing_inflates(org: Org) -> None:
    path = a_bundle(org, "bomb.tzb")
    members = unzip(path)
    members["signature"] = members["signature"] + b"\0" * (50 << 20)  # 50 MiB of zeros deflate to ~50 KiB
    rezip(path, members, compress=zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 1 << 20
    refused(org, "m", path)


def test_changes_that_would_inflate_beyond_what_the_manifest_says_are_refused(org: Org) -> None:
    mine = change(org, "b1", org.first_member, branch=org.branch_id("b1"))  # type: ignore[attr-defined]

    def lie(manifest: dict[str, Any]) -> None:
        manifest["parts"]["changes.bin"]["plain_size"] = 10

    refused(org, "m", forge(org, "b1", "m", [mine], "inflates.tzb", manifest_edit=lie))


@pytest.mark.parametrize("plain,count", [
    (b"{not json\n", 1),
    (b"[1, 2, 3]\n", 1),
    (b'{"hlc": "x", "copy": "y"}\n', 1),
    (b"[" * 100000 + b"\n", 1),
    (b"", 1),
])
def test_malformed_changes_are_refused(org: Org, plain: bytes, count: int) -> None:
    mine = [change(org, "b1", org.first_member, branch=org.branch_id("b1"))] * count  # type: ignore[attr-defined]
    path = forge(org, "b1", "m", mine, f"malformed-{len(plain)}-{plain[:3].hex()}.tzb", plain=plain)
    refused(org, "m", path)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04garbage", b"hello", "不是同步包".encode() * 1000])
def test_files_that_are_not_bundles_are_refused(org: Org, content: bytes) -> None:
    path = org.root / "forged" / f"junk-{len(content)}.tzb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    refused(org, "m", path)


def test_a_manifest_that_is_not_json_or_is_from_a_newer_version_is_refused(org: Org) -> None:
    path = a_bundle(org, "manifest.tzb")
    members = unzip(path)
    refused(org, "m", rezip(path, {**members, "manifest.json": b"\xff\xfe{{{"}))

    def newer(manifest: dict[str, Any]) -> None:
        manifest["version"] = 99

    mine = change(org, "b1", org.first_member, branch=org.branch_id("b1"))  # type: ignore[attr-defined]
    assert "較新版本" in refused(org, "m", forge(org, "b1", "m", [mine], "newer.tzb", manifest_edit=newer))


def test_the_command_line_refuses_with_status_1_and_leaves_the_home_alone(org: Org) -> None:
    from support import taizhang_here

    path = a_bundle(org, "cli.tzb")
    members = unzip(path)
    members["changes.bin"] = members["changes.bin"][:-1] + bytes([members["changes.bin"][-1] ^ 1])
    rezip(path, members)
    before = home_digest(org["m"].home)
    result = taizhang_here("merge", str(path), home=org["m"].home)
    assert result.returncode == 1 and str(path) in result.stderr and "台賬沒有改動" in result.stderr
    english = taizhang_here("merge", str(path), "--lang", "en", home=org["m"].home)
    assert "nothing in the store was changed" in english.stderr.lower()
    assert home_digest(org["m"].home) == before
