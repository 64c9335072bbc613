"""What the sync needs of the store: stamps that never repeat, and a branch's copy that
changes only that branch's records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import taizhang

from storage.messages import ValidationFailed
from storage.store import Store


def test_stamps_of_one_copy_never_repeat_across_processes_with_a_pinned_clock(home: Path) -> None:
    assert taizhang("init", "--org", "測試", "--branch", "第一支部", home=home).returncode == 0
    for n in range(4):
        assert taizhang("add", "members", "--set", f"name=張{'一二三四'[n]}", "--set", "branch=第一支部",
                        home=home).returncode == 0
        Store.open(home).checkpoint()  # the next process starts from the state file, not the journal
    stamps = [json.loads(line)["hlc"] for line in (home / "journal.jsonl").read_text().splitlines()]
    assert len(stamps) == len(set(stamps)) == 5
    assert stamps == sorted(stamps)


def branch_copy(home: Path) -> tuple[Store, str, str]:
    master = Store.create(home / "m", organisation="測試", branches=["第一支部", "第二支部"])
    first, second = (master.resolve_reference("branches", n) for n in ("第一支部", "第二支部"))
    copy = Store.create(home / "b", organisation="測試", role="branch", copy_id="b1", branch=first)
    with copy.transaction():
        copy.apply_changes([c for c in master.journal.read()[0]])
    return copy, first, second


def test_a_branch_copy_changes_only_its_own_records(home: Path) -> None:
    copy, first, second = branch_copy(home)
    mine = copy.add("members", {"name": "張桂英"})
    assert mine["branch"] == first  # a new record on a branch's copy is that branch's
    copy.edit(mine["id"], {"phone": "13812345678"})
    with pytest.raises(ValidationFailed) as refused:
        copy.add("members", {"name": "李四", "branch": "第二支部"})
    assert "第二支部" in refused.value.messages()[0]
    with pytest.raises(ValidationFailed):
        copy.edit(mine["id"], {"branch": "第二支部"})  # nor give one away
    with pytest.raises(ValidationFailed) as master_only:
        copy.add("regulations", {"name": "三會一課制度"})
    assert "總支" in master_only.value.messages()[0]
    with pytest.raises(ValidationFailed):
        copy.edit(first, {"secretary": "王五"})
    assert [r["name"] for r in copy.records("members")] == ["張桂英"]


def _pending_append(home: Path, changes: list[dict], keep: int) -> None:
    """What a writer killed in the middle of a many-line append leaves: the note, and
    ``keep`` bytes of the lines."""
    import hashlib

    from storage.journal import encode

    journal = home / "journal.jsonl"
    data = encode(changes)
    start = journal.stat().st_size
    note = {"gen": 7, "pending": True, "start": start, "length": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (home / "journal.jsonl.append").write_text(json.dumps(note))
    with open(journal, "ab") as f:
        f.write(data[:keep])


def _changes(store: Store, n: int) -> list[dict]:
    first = store.resolve_reference("branches", "第一支部")
    return [{"hlc": f"1795651300000-{i:06d}-other", "at": "", "copy": "other", "op": "create", "reg": "members",
             "rec": f"m{i}", "branch": first, "fields": {"name": [None, f"張{i}"], "branch": [None, first]}}
            for i in range(n)]


@pytest.mark.parametrize("cut", ["none", "half", "all-but-newline"])
def test_a_many_line_append_cut_short_counts_for_nothing(store: Store, cut: str) -> None:
    changes = _changes(store, 50)
    from storage.journal import encode

    size = len(encode(changes))
    _pending_append(store.home, changes, {"none": 0, "half": size // 2, "all-but-newline": size - 1}[cut])
    assert Store.open(store.home).count("members") == 0  # readers stop before a pending append
    reopened = Store.open(store.home)
    with reopened.transaction():  # the next writer settles it: not whole, so cut off
        pass
    assert reopened.count("members") == 0
    assert (store.home / "journal.jsonl").stat().st_size == size_before(store)
    assert Store.open(store.home).count("members") == 0


def size_before(store: Store) -> int:
    return json.loads((store.home / "journal.jsonl.append").read_text())["end"]


def test_a_many_line_append_written_whole_counts_even_if_its_writer_died_before_saying_so(store: Store) -> None:
    from storage.journal import encode

    changes = _changes(store, 50)
    _pending_append(store.home, changes, len(encode(changes)))
    reopened = Store.open(store.home)
    assert reopened.count("members") == 0
    with reopened.transaction():
        pass
    assert reopened.count("members") == 50
    assert Store.open(store.home).count("members") == 50


def test_apply_changes_appends_through_the_note(store: Store) -> None:
    with store.transaction():
        store.apply_changes(_changes(store, 5))
    note = json.loads((store.home / "journal.jsonl.append").read_text())
    assert note["pending"] is False and note["end"] == (store.home / "journal.jsonl").stat().st_size
    assert Store.open(store.home).count("members") == 5
