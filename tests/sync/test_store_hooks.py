"""What the sync needs of the store: stamps that never repeat, and a branch's copy that
changes only that branch's records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import taizhang

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
