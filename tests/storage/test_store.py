"""The store: records saved through the journal, field-level changes, references,
uniqueness, history, refusals that leave nothing behind, checkpoints and replay."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from storage.messages import StoreError, ValidationFailed
from storage.store import Store, apply_change


def snapshot(home: Path) -> dict[str, str]:
    """Every file of a home and a hash of its bytes."""
    return {
        str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.rglob("*")) if p.is_file() and p.name != ".lock"
    }


def test_a_member_added_by_labels_and_branch_name_is_saved(store: Store) -> None:
    record = store.add("黨員花名冊", {"姓名": "張桂英", "身份證號": "11010519491231002x", "branch": "第一支部"})
    assert record["id_number"] == "11010519491231002X"
    assert record["birth_date"] == "1949-12-31" and record["gender"] == "female"
    assert store.name_of("branches", record["branch"]) == "第一支部"
    again = Store.open(store.home)
    assert again.get(record["id"][:8])[1]["name"] == "張桂英"


def test_ids_are_random_uuids_not_tinydb_positions(store: Store) -> None:
    a = store.add("members", {"name": "甲", "branch": "第一支部"})
    b = store.add("members", {"name": "乙", "branch": "第一支部"})
    assert len(a["id"]) == 36 and a["id"] != b["id"]
    data = json.loads((store.home / "journal.jsonl").read_text().splitlines()[-1])
    assert data["rec"] == b["id"]


def test_a_wrong_id_number_is_refused_and_nothing_is_written(store: Store) -> None:
    before = snapshot(store.home)
    with pytest.raises(ValidationFailed) as refused:
        store.add("members", {"name": "張桂英", "id_number": "110105194912310021", "branch": "第一支部"})
    assert "身份證號" in refused.value.messages("zh-Hant")[0]
    assert "X" in refused.value.messages("zh-Hant")[0]
    assert snapshot(store.home) == before


def test_a_reference_must_exist(store: Store) -> None:
    with pytest.raises(ValidationFailed) as refused:
        store.add("members", {"name": "張桂英", "branch": "第九支部"})
    message = refused.value.messages("zh-Hant")[0]
    assert "所屬支部" in message and "第九支部" in message


def test_a_reference_by_initials_finds_the_one_member(store: Store) -> None:
    member = store.add("members", {"name": "張桂英", "branch": "第一支部"})
    payment = store.add("dues", {"member": "zgy", "period_from": "2026-01", "amount": "0.5", "paid_on": "2026-01-05"})
    assert payment["member"] == member["id"]
    assert payment["branch"] == member["branch"]  # a payment belongs to the member's branch


def test_an_ambiguous_name_lists_the_candidates(store: Store) -> None:
    store.add("members", {"name": "王芳", "branch": "第一支部"})
    store.add("members", {"name": "王芳", "branch": "第二支部"})
    with pytest.raises(ValidationFailed) as refused:
        store.add("dues", {"member": "王芳", "period_from": "2026-01", "amount": "0.5", "paid_on": "2026-01-05"})
    message = refused.value.messages("zh-Hant")[0]
    assert "第一支部" in message and "第二支部" in message


def test_the_same_id_number_cannot_be_entered_twice(store: Store) -> None:
    store.add("members", {"name": "張桂英", "id_number": "11010519491231002X", "branch": "第一支部"})
    with pytest.raises(ValidationFailed) as refused:
        store.add("members", {"name": "张桂英", "id_number": "11010519491231002x", "branch": "第二支部"})
    assert "重複" in refused.value.messages("zh-Hant")[0]


def test_an_edit_records_old_and_new_values_in_the_history(store: Store) -> None:
    member = store.add("members", {"name": "張桂英", "phone": "13812345678", "branch": "第一支部"})
    store.edit(member["id"], {"聯繫電話": "0874-5123456"})
    changes = store.history(member["id"][:10])
    assert [c["op"] for c in changes] == ["create", "update"]
    assert changes[1]["fields"] == {"phone": ["13812345678", "0874-5123456"]}
    assert changes[1]["copy"] == store.settings.store.copy_id
    assert changes[1]["at"].startswith("2026-11-26")


def test_a_dues_entry_is_never_edited_or_deleted(store: Store) -> None:
    store.add("members", {"name": "張桂英", "branch": "第一支部"})
    entry = store.add("dues", {"member": "張桂英", "period_from": "2026-01", "amount": "0.5", "paid_on": "2026-01-05"})
    with pytest.raises(StoreError) as refused:
        store.edit(entry["id"], {"amount": "5"})
    assert "沖銷" in refused.value.message("zh-Hant")
    with pytest.raises(StoreError):
        store.delete(entry["id"])


def test_a_member_with_dues_cannot_be_deleted_but_one_without_can(store: Store) -> None:
    kept = store.add("members", {"name": "張桂英", "branch": "第一支部"})
    store.add("dues", {"member": kept["id"], "period_from": "2026-01", "amount": "0.5", "paid_on": "2026-01-05"})
    with pytest.raises(StoreError) as refused:
        store.delete(kept["id"])
    assert "引用" in refused.value.message("zh-Hant")
    gone = store.add("members", {"name": "李四", "branch": "第一支部"})
    store.delete(gone["id"])
    assert [r["name"] for r in Store.open(store.home).records("members")] == ["張桂英"]


def test_an_id_prefix_must_be_unique(store: Store) -> None:
    with pytest.raises(StoreError) as refused:
        store.get("")
    assert "找不到" in refused.value.message("zh-Hant")
    member = store.add("members", {"name": "張桂英", "branch": "第一支部"})
    assert store.get(member["id"][:6])[1]["id"] == member["id"]


def test_changes_survive_without_a_checkpoint_by_replaying_the_journal(store: Store) -> None:
    member = store.add("members", {"name": "張桂英", "branch": "第一支部"})
    store.edit(member["id"], {"phone": "13812345678"})
    assert not (store.home / "registers" / "members.json").exists()  # no checkpoint yet
    reopened = Store.open(store.home)
    assert reopened.get(member["id"])[1]["phone"] == "13812345678"
    reopened.close()  # a short tail is left to replay: closing rewrites nothing
    assert not (store.home / "registers" / "members.json").exists()
    reopened.checkpoint()
    rows = json.loads((store.home / "registers" / "members.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in rows["members"].values()] == ["張桂英"]
    assert "張桂英" in (store.home / "registers" / "members.json").read_text(encoding="utf-8")


def test_register_files_open_in_tinydb(store: Store) -> None:
    from tinydb import Query, TinyDB

    from storage.register_files import RegisterFileStorage

    store.add("members", {"name": "張桂英", "branch": "第一支部"})
    store.checkpoint()
    db = TinyDB(store.home / "registers" / "members.json", storage=RegisterFileStorage)
    assert db.table("members").search(Query().name == "張桂英")[0]["branch"]


def test_applying_a_change_twice_or_out_of_order_changes_nothing() -> None:
    table: dict = {}
    create = {"op": "create", "rec": "r1", "hlc": "0000000000001-000000-a", "fields": {"name": [None, "甲"]}}
    newer = {"op": "update", "rec": "r1", "hlc": "0000000000003-000000-a", "fields": {"name": ["甲", "丙"]}}
    older = {"op": "update", "rec": "r1", "hlc": "0000000000002-000000-b", "fields": {"name": ["甲", "乙"]}}
    for change in (create, newer, older, create, newer):
        apply_change(table, change)
    assert table["r1"]["name"] == "丙"


def test_a_store_from_a_newer_version_is_refused_and_left_alone(store: Store) -> None:
    text = (store.home / "settings.toml").read_text(encoding="utf-8")
    (store.home / "settings.toml").write_text(text.replace("schema_version = 2", "schema_version = 9"), encoding="utf-8")
    before = snapshot(store.home)
    with pytest.raises(StoreError) as refused:
        Store.open(store.home)
    assert "較新版本" in refused.value.message("zh-Hant")
    assert "newer" in refused.value.message("en")
    assert snapshot(store.home) == before


def archived(backup: Path, name: str) -> str:
    """A file as a backup (a .tar.gz, storage.backups) holds it."""
    import tarfile

    with tarfile.open(backup) as archive:
        member = archive.extractfile(name)
        assert member is not None
        return member.read().decode("utf-8")


def test_an_older_store_is_migrated_after_a_backup(home: Path) -> None:
    """A format-1 store (no index, 身份證號 as typed) is backed up, then upgraded."""
    home.mkdir()
    (home / "settings.toml").write_text(
        '[store]\nschema_version = 1\ncopy_id = "old0copy"\norganisation = "舊村黨總支"\n', encoding="utf-8"
    )
    lines = [
        {"seq": 1, "hlc": "1700000000000-000000-old0copy", "at": "2023-11-14T00:00:00+00:00", "copy": "old0copy",
         "op": "create", "reg": "branches", "rec": "b-1", "branch": None, "fields": {"name": [None, "第一支部"]}},
        {"seq": 2, "hlc": "1700000000001-000000-old0copy", "at": "2023-11-14T00:00:00+00:00", "copy": "old0copy",
         "op": "create", "reg": "members", "rec": "m-1", "branch": "b-1",
         "fields": {"name": [None, "張桂英"], "branch": [None, "b-1"], "id_number": [None, "11010519491231002x"]}},
    ]
    (home / "journal.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    store = Store.open(home)
    assert store.get("m-1")[1]["id_number"] == "11010519491231002X"
    assert store.settings.store.schema_version == 2
    backups = list((home / "backups").iterdir())
    assert len(backups) == 1 and "schema_version = 1" in archived(backups[0], "settings.toml")
    assert [c["op"] for c in store.history("m-1")] == ["create", "update"]
    from storage import index

    assert index.find(home, "zgy")[0]["name"] == "張桂英"


def test_a_full_disk_leaves_the_saved_data_whole(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    store.add("members", {"name": "張桂英", "branch": "第一支部"})
    before = snapshot(store.home)
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if len(data) > 40:  # let a few bytes through, then the disk is full
            real_write(fd, bytes(data[:40]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StoreError) as refused:
        store.add("members", {"name": "李四", "branch": "第一支部"})
    monkeypatch.setattr(os, "write", real_write)
    assert "磁盤已滿" in refused.value.message("zh-Hant")
    after = snapshot(store.home)
    assert after["journal.jsonl"] == before["journal.jsonl"]
    assert [r["name"] for r in Store.open(store.home).records("members")] == ["張桂英"]


def test_the_index_keeps_up_with_payments_and_catches_up_after_a_crash(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from storage import index

    member = store.add("members", {"name": "張桂英", "branch": "第一支部"})
    store.add("dues", {"member": member["id"], "period_from": "2026-01", "amount": "0.5", "paid_on": "2026-01-05"})
    assert index.last_seq(store.home) == store._seq  # a payment adds no line, but moves the index on

    # A writer dies after its journal line and before its index line.
    monkeypatch.setattr(index, "append", lambda home, lines: None)
    store.add("members", {"name": "單田芳", "branch": "第二支部"})
    monkeypatch.undo()
    assert index.find(store.home, "shan") == []
    other = Store.open(store.home)
    other.add("members", {"name": "李四", "branch": "第二支部"})  # the next writer indexes what was missed
    assert [h["name"] for h in index.find(store.home, "shan")] == ["單田芳"]


def test_a_renamed_member_is_found_by_the_new_name_on_her_card_too(store: Store) -> None:
    from storage import index

    member = store.add("members", {"name": "張桂英", "branch": "第一支部"})
    store.add("mobile_members", {"member": member["id"], "destination": "昆明"})
    store.edit(member["id"], {"name": "張桂蘭"})
    hits = index.find(store.home, "zhangguilan")
    assert sorted(h["register"] for h in hits) == ["members", "mobile_members"]
    assert index.find(store.home, "zhangguiying") == []
    store.checkpoint()
    index.compact(store.home)
    assert sorted(h["register"] for h in index.find(store.home, "zgl")) == ["members", "mobile_members"]
