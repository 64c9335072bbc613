"""The plan's commands as a secretary runs them, through the command line's main(), on the demo
organisation: a first look shows some targets met and some not, the checklist partly
done, dues behind, and what needs action."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from plan_helpers import snapshot
from support import TODAY, taizhang_here


def run(*args: str, home: Path, **env: str):  # type: ignore[no-untyped-def]
    return taizhang_here(*args, home=home, TAIZHANG_TODAY=TODAY, **env)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo") / "home"
    built = run("demo", "--no-tui", "--members", "120", home=home)
    assert built.returncode == 0, built.stderr
    return home


def test_the_demo_meets_some_targets_and_misses_others(demo: Path) -> None:
    report = json.loads(run("targets", "--json", home=demo).stdout)
    status = {t["code"]: t["status"] for t in report["total"]}
    assert {"met"} < set(status.values()) and {"missed", "behind"} & set(status.values())
    assert status["central_study"] == "missed" and status["new_members"] == "met"
    assert len(report["branches"]) == 3
    text = run("targets", home=demo)
    assert text.returncode == 0 and "中心組每月學習" in text.stdout and "未舉行:8月" in text.stdout
    branch = run("targets", "--branch", "新街支部", "--lang", "en", home=demo).stdout
    assert "branch committee (monthly)" in branch and "Central group" not in branch


def test_the_demo_checklist_is_partly_done(demo: Path) -> None:
    data = json.loads(run("checklist", "--json", home=demo).stdout)
    counts = data["counts"]
    assert counts["done"] > 10 and counts["partly"] > 0 and counts["not_done"] > 0
    items = {i["code"]: i for i in data["items"]}
    assert all(items[f"rolls.{n}"]["status"] == "done" for n in range(1, 11))  # every register kept
    assert items["1.3"]["status"] == "done" and not items["1.3"]["judged"]
    assert [p["code"] for p in data["phases"]] == ["mobilisation", "implementation", "review"]
    assert "[x]" in run("checklist", home=demo).stdout


def test_tick_by_hand_and_a_judged_item_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run("init", "--org", "村", "--branch", "第一支部", home=home).returncode == 0
    ticked = run("checklist", "tick", "col.papers", "--status", "部分", "--evidence", "報刊架已買", home=home)
    assert ticked.returncode == 0 and "閱報欄" in ticked.stdout and "部分完成" in ticked.stdout
    items = {i["code"]: i for i in json.loads(run("checklist", "--json", home=home).stdout)["items"]}
    assert items["col.papers"]["status"] == "partly" and "報刊架已買" in items["col.papers"]["note"]
    before = snapshot(home)
    refused = run("checklist", "tick", "5.2", home=home)
    assert refused.returncode == 1 and "不能人工勾選" in refused.stderr
    assert snapshot(home) == before


def test_dues_report_pay_and_reverse(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run("init", "--org", "村", "--branch", "第一支部", home=home).returncode == 0
    added = run("add", "members", "--set", "name=張桂英", "--set", "branch=第一支部", "--set", "dues_class=在職",
                "--set", "dues_base=4500", "--set", "joined_on=2000-07-01", home=home)
    assert added.returncode == 0, added.stderr
    first = run("dues", "pay", "張桂英", "--from", "2026-01", "--to", "2026-06", home=home)
    assert first.returncode == 0 and "270.00" in first.stdout  # 45 a month: 1% of 4500
    entry = first.stdout.split()[0]
    behind = run("dues", home=home)
    assert "張桂英" in behind.stdout and "2026-06" in behind.stdout and "欠交 4 個月" in behind.stdout
    assert run("dues", "reverse", entry[:8], "--note", "記錯", home=home).returncode == 0
    [status] = json.loads(run("dues", "--json", home=home).stdout)
    assert status["paid_to"] is None and status["arrears"] == 10 and status["level"] == "alert"
    october = json.loads(run("dues", "--month", "2026-04", "--json", home=home).stdout)
    assert october[0]["arrears"] == 3
    too_far = run("dues", "pay", "張桂英", "--from", "2026-01", "--to", "2027-06", home=home)
    assert too_far.returncode == 1 and "6" in too_far.stderr


def test_development_and_promote(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run("init", "--org", "村", "--branch", "第一支部", home=home).returncode == 0
    run("add", "members", "--set", "name=預備甲", "--set", "branch=第一支部", "--set", "status=預備",
        "--set", "joined_on=2025-11-01", home=home)
    run("add", "applicants", "--set", "name=等談話", "--set", "applied_on=2026-09-01", home=home)
    found = json.loads(run("development", "--json", home=home).stdout)
    assert found[0]["name"] == "等談話" and found[0]["warnings"][0]["kind"] == "overdue"
    assert "談話" in run("development", home=home).stdout
    promoted = run("promote", "預備甲", home=home)
    assert promoted.returncode == 0 and "2026-11-26" in promoted.stdout
    [member] = json.loads(run("list", "members", "--json", home=home).stdout)
    assert member["status"] == "full" and member["confirmed_on"] == "2026-11-26"
    again = run("promote", "預備甲", home=home)
    assert again.returncode == 1 and "不是預備黨員" in again.stderr


def test_todo_lists_what_needs_action(demo: Path) -> None:
    actions = json.loads(run("todo", "--json", home=demo).stdout)
    kinds = {a["kind"] for a in actions}
    assert {"dues", "rectification", "applicant", "target"} <= kinds
    assert actions[0]["severity"] == "alert"
    text = run("todo", "--lang", "zh-Hans", home=demo).stdout
    assert text.startswith("!!") and "党费" in text


def test_export_all_and_import_a_roster(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "台賬.xlsx"
    done = run("export", "all", "--to", str(book), home=demo)
    assert done.returncode == 0 and book.exists() and "黨員花名冊:120 條" in done.stdout
    roster = tmp_path / "members.csv"
    assert run("export", "members", "--to", str(roster), "--mask", home=demo).returncode == 0
    assert roster.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "*" in next(csv.DictReader(roster.read_text(encoding="utf-8-sig").splitlines()))["身份證號"]

    home = tmp_path / "home"
    assert run("init", "--org", "村", "--branch", "大寨支部", home=home).returncode == 0
    messy = tmp_path / "roster.csv"
    messy.write_text("大寨村黨員花名冊,,,\n序號,姓名,性別,聯系電話,手機\n1,張三,男,１３８１２３４５６７８,\n"
                     "2,李四,女,123,\n填表人:王書記,,,\n", encoding="utf-8-sig")
    before = snapshot(home)
    refused = run("import", "members", str(messy), "--branch", "大寨支部", home=home)
    assert refused.returncode == 1 and "第 4 行「李四」" in refused.stderr and "--only-good" in refused.stderr
    assert "手機 → (重複的欄目,不導入)" in refused.stdout  # 聯系電話 came first
    assert snapshot(home) == before
    dry = run("import", "members", str(messy), "--dry-run", "--json", home=home)
    assert dry.returncode == 1 and json.loads(dry.stdout)["failures"][0]["row"] == 4
    assert snapshot(home) == before
    good = run("import", "members", str(messy), "--only-good", "--branch", "大寨支部", home=home)
    assert good.returncode == 0 and "已導入 1 條" in good.stdout
    [member] = json.loads(run("list", "members", "--json", home=home).stdout)
    assert member["name"] == "張三" and member["phone"] == "13812345678"
