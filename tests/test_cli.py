"""The command line as a secretary uses it: each command, its exit status, its language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from support import taizhang, taizhang_here


def init(home: Path) -> None:
    result = taizhang_here("init", "--org", "示範村黨總支", "--branch", "第一支部", "--branch", "第二支部", home=home)
    assert result.returncode == 0, result.stderr


def test_init_add_list_show_edit_history_delete(home: Path) -> None:
    init(home)
    added = taizhang_here("add", "黨員花名冊", "--set", "姓名=張桂英", "--set", "身份證號=11010519491231002x",
                     "--set", "branch=第一支部", "--set", "聯繫電話=138-1234-5678", home=home)
    assert added.returncode == 0, added.stderr
    rid = added.stdout.strip()
    assert len(rid) == 36 and "已登記" in added.stderr

    listed = json.loads(taizhang_here("list", "members", "--json", home=home).stdout)
    assert [(r["name"], r["phone"], r["gender"]) for r in listed] == [("張桂英", "13812345678", "female")]
    table = taizhang_here("list", "members", "--branch", "第一支部", home=home).stdout
    assert "張桂英" in table and "1101**********002X" in table and "11010519491231002X" not in table

    shown = taizhang_here("show", rid[:7], home=home)  # masked as list masks it (issue 12) …
    assert shown.returncode == 0 and "1101**********002X" in shown.stdout and "第一支部" in shown.stdout
    assert "11010519491231002X" not in shown.stdout
    revealed = taizhang_here("show", rid[:7], "--reveal", home=home)  # … unless asked
    assert revealed.returncode == 0 and "11010519491231002X" in revealed.stdout

    assert taizhang_here("edit", rid[:7], "--set", "phone=0874-5123456", home=home).returncode == 0
    history = taizhang_here("history", rid[:7], home=home).stdout
    assert "13812345678 → 0874-5123456" in history

    refused = taizhang_here("delete", rid[:7], home=home)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert taizhang_here("delete", rid[:7], "--yes", home=home).returncode == 0
    assert json.loads(taizhang_here("list", "members", "--json", home=home).stdout) == []


def test_a_bad_value_is_an_error_in_the_users_language(home: Path) -> None:
    init(home)
    bad = taizhang_here("add", "members", "--set", "name=張桂英", "--set", "id_number=110105194912310021",
                   "--set", "branch=第一支部", home=home)
    assert bad.returncode == 1 and "身份證號" in bad.stderr and "校驗位" in bad.stderr
    simplified = taizhang_here("add", "members", "--set", "name=张桂英", "--set", "phone=123", "--set", "branch=第一支部",
                          home=home, LANG="zh_CN.UTF-8")
    assert simplified.returncode == 1 and "联系电话" in simplified.stderr
    english = taizhang_here("add", "members", "--set", "name=x", "--set", "joined_on=2026-02-30", "--set", "branch=第一支部",
                       "--lang", "en", home=home)
    assert english.returncode == 1 and "Joined" in english.stderr and "calendar" in english.stderr


def test_bad_usage_exits_2_and_missing_store_exits_1(home: Path) -> None:
    assert taizhang("add", home=home).returncode == 2
    assert taizhang("frobnicate").returncode == 2
    missing = taizhang("list", "members", home=home)
    assert missing.returncode == 1 and "taizhang init" in missing.stderr
    init(home)
    unknown = taizhang("list", "nonsense", home=home)
    assert unknown.returncode == 1 and "members" in unknown.stderr


def test_registers_lists_all_sixteen_places_with_counts(home: Path) -> None:
    init(home)
    rows = json.loads(taizhang_here("registers", "--json", home=home).stdout)
    by_slug = {r["slug"]: r for r in rows}
    for slug in ("members", "meetings", "dues", "applicants", "remote_education", "mobile_members",
                 "reserve_cadres", "branches"):
        assert slug in by_slug
    assert by_slug["branches"]["count"] == 2
    assert sum(len(r["places"]) for r in rows) == 16
    assert by_slug["members"]["groups"] == ["forms", "rolls"]


def test_find_prints_and_emits_json(home: Path) -> None:
    init(home)
    taizhang_here("add", "members", "--set", "name=張桂英", "--set", "branch=第一支部", home=home)
    printed = taizhang_here("find", "zgy", home=home)
    assert printed.returncode == 0 and "張桂英" in printed.stdout and "第一支部" in printed.stdout
    hits = json.loads(taizhang_here("find", "张", "--json", home=home).stdout)
    assert hits[0]["name"] == "張桂英" and hits[0]["title"] == "黨員花名冊"
    none = taizhang_here("find", "nobody", home=home)
    assert none.returncode == 1 and "沒有找到" in none.stderr


def test_check_finds_a_record_broken_on_disk(home: Path) -> None:
    init(home)
    taizhang_here("add", "members", "--set", "name=張桂英", "--set", "branch=第一支部", home=home)
    ok = taizhang_here("check", home=home)
    assert ok.returncode == 0, ok.stderr
    from storage.store import Store

    Store.open(home).checkpoint()  # the register file is written at a checkpoint
    register_file = home / "registers" / "members.json"
    text = register_file.read_text(encoding="utf-8")
    register_file.write_text(text.replace('"name":"張桂英"', '"name":"張桂英","phone":"12345"'), encoding="utf-8")
    broken = taizhang_here("check", home=home)
    assert broken.returncode == 1 and "張桂英" in broken.stderr and "聯繫電話" in broken.stderr


def test_demo_is_the_same_every_time_and_never_touches_a_real_store(tmp_path: Path, home: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        result = taizhang_here("demo", "--no-tui", "--members", "60", home=folder)
        assert result.returncode == 0, result.stderr
    for register in ("members", "meetings", "dues", "applicants"):
        a = taizhang_here("list", register, "--json", home=first).stdout
        b = taizhang_here("list", register, "--json", home=second).stdout
        assert a == b and json.loads(a), register
    members = json.loads(taizhang_here("list", "members", "--json", home=first).stdout)
    assert any("·" in m["name"] for m in members)
    assert all(m["id_number"].startswith("530323") for m in members)
    assert taizhang_here("check", home=first).returncode == 0
    init(home)
    refused = taizhang_here("demo", "--no-tui", home=home)
    assert refused.returncode == 1 and "真實的台賬" in refused.stderr
    assert shutil.which("python") or True


def test_a_laptop_whose_date_went_back_is_told_so_and_what_it_saves_is_kept(home: Path) -> None:
    init(home)
    assert taizhang_here("add", "members", "--set", "姓名=張桂英", "--set", "branch=第一支部", home=home).returncode == 0
    on_time = taizhang_here("add", "members", "--set", "姓名=李國華", "--set", "branch=第一支部", home=home)
    assert on_time.returncode == 0 and "日期可能不對" not in on_time.stderr
    reset = taizhang_here("add", "members", "--set", "姓名=王芳", "--set", "branch=第一支部", home=home,
                     TAIZHANG_TODAY="2000-01-01")  # a flat clock battery
    assert reset.returncode == 0 and "日期可能不對" in reset.stderr and "2000-01-01" in reset.stderr
    english = taizhang_here("list", "members", "--lang", "en", home=home, TAIZHANG_TODAY="2000-01-01")
    assert "probably wrong" not in english.stderr  # only where it is about to save
    assert {r["name"] for r in json.loads(taizhang_here("list", "members", "--json", home=home).stdout)} == {"張桂英", "李國華", "王芳"}
