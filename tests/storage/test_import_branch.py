"""Every member in a branch (issue 12): an imported roster takes its rows' branch from a
column, from --branch, or — when the organisation has one branch — that one; otherwise the
rows that name none are refused and named, and nothing is imported. ``check`` names members
who belong to no branch."""

from __future__ import annotations

import json
from pathlib import Path

from hostile import tree_hashes
from support import taizhang_here


def store(tmp_path: Path, *branches: str) -> Path:
    home = tmp_path / "台賬"
    argv = ["init", "--org", "測試村黨總支"]
    for name in branches:
        argv += ["--branch", name]
    assert taizhang_here(*argv, home=home).returncode == 0, "init"
    return home


def roster(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "花名冊.csv"
    path.write_text(text, encoding="utf-8")
    return path


def members(home: Path) -> dict[str, str | None]:
    branches = {b["id"]: b["name"] for b in json.loads(taizhang_here("list", "branches", "--json", home=home).stdout)}
    listed = json.loads(taizhang_here("list", "members", "--json", home=home).stdout)
    return {m["name"]: branches.get(m.get("branch") or "") for m in listed}


def test_with_one_branch_every_row_is_that_branchs(tmp_path: Path) -> None:
    home = store(tmp_path, "第一支部")
    done = taizhang_here("import", "members", str(roster(tmp_path, "姓名,性別\n張桂英,女\n李國華,男\n")), home=home)
    assert done.returncode == 0, done.stderr
    assert members(home) == {"張桂英": "第一支部", "李國華": "第一支部"}


def test_with_two_branches_rows_naming_none_are_refused_and_named(tmp_path: Path) -> None:
    home = store(tmp_path, "第一支部", "第二支部")
    path = roster(tmp_path, "姓名,性別,所屬支部\n張桂英,女,第一支部\n李國華,男,\n")
    before = tree_hashes(home)
    for lang, words in (("zh-Hant", "沒有寫所屬支部"), ("zh-Hans", "没有写所属支部"), ("en", "no branch is given")):
        refused = taizhang_here("import", "members", str(path), "--lang", lang, home=home)
        assert refused.returncode == 1 and words in refused.stderr and "李國華" in refused.stderr
        assert "--branch" in refused.stderr
    assert tree_hashes(home) == before  # nothing imported, not even 張桂英

    given = taizhang_here("import", "members", str(path), "--branch", "第二支部", home=home)
    assert given.returncode == 0, given.stderr
    assert members(home) == {"張桂英": "第一支部", "李國華": "第二支部"}  # a row's own column wins


def test_check_names_a_member_in_no_branch(tmp_path: Path) -> None:
    home = store(tmp_path, "第一支部", "第二支部")
    assert taizhang_here("add", "members", "--set", "姓名=張桂英", home=home).returncode == 0
    assert taizhang_here("add", "members", "--set", "姓名=李國華", "--set", "branch=第一支部", home=home).returncode == 0
    checked = taizhang_here("check", home=home)
    said = checked.stdout + checked.stderr
    assert "張桂英" in said and "不屬於任何支部" in said and "李國華" not in said
