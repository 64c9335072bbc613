"""Dues from the right month (issue 12): a member added today, imported today or transferred
in this month is in nobody's arrears and up for nobody's removal; what is known ("paid up
to", typed, a roster's column or ``import --dues-paid-to``) counts; a member of whom
nothing is known is "unknown". Through the command line, on the demo."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from support import today_pinned

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(scope="module")
def _built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storage import demo

    with today_pinned():
        home = tmp_path_factory.mktemp("dues") / "demo"
        demo.build(home, members=30).close()
    return home


@pytest.fixture
def demo_home(_built_demo: Path, tmp_path: Path) -> Path:
    """The demo (30 members, a year of dues, some behind), a copy of its own."""
    import shutil

    home = tmp_path / "demo"
    shutil.copytree(_built_demo, home)
    return home


def dues_of(capsys: pytest.CaptureFixture[str], home: Path, *more: str) -> dict[str, dict[str, Any]]:
    code, out, err = run(capsys, "dues", "--all", "--json", "--home", str(home), *more)
    assert code == 0, err
    return {d["name"]: d for d in json.loads(out)}


def up_for_removal(capsys: pytest.CaptureFixture[str], home: Path) -> tuple[set[str], str]:
    """The members the command line's todo puts up for removal, and its text."""
    code, out, err = run(capsys, "todo", "--json", "--home", str(home))
    assert code == 0, err
    items = json.loads(out)
    ids = {i for item in items if item["kind"] == "dues" and item["severity"] == "alert"
           for found in item["records"] for i in found["ids"]}
    code, text, err = run(capsys, "todo", "--home", str(home))
    assert code == 0, err
    return ids, text


def add_member(capsys: pytest.CaptureFixture[str], home: Path, name: str, *sets: str) -> str:
    code, out, err = run(capsys, "add", "members", "--set", f"姓名={name}", "--set", "branch=大寨支部",
                         "--set", "黨費類別=農民", *[f"--set={s}" for s in sets], "--home", str(home))
    assert code == 0, err
    return out.strip()


def test_a_member_added_today_is_not_in_arrears_nor_up_for_removal(demo_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    new = add_member(capsys, demo_home, "李秀蘭", "入黨日期=1995-07-01")
    found = dues_of(capsys, demo_home)
    her = found["李秀蘭"]
    assert (her["arrears"], her["unpaid"], her["paid_to"], her["level"]) == (0, [], None, "unknown")
    assert "不詳" in her["message"]
    assert any(d["level"] == "alert" for d in found.values())  # the demo's own six months behind stay so
    removal, text = up_for_removal(capsys, demo_home)
    assert removal and new not in removal and "李秀蘭" not in text
    # The summary does not count her as paid on time.
    code, out, _ = run(capsys, "dues", "--home", str(demo_home))
    assert code == 0 and "李秀蘭" in out and "交費情況不詳" in out
    assert "其中 1 人交費情況不詳" in out.splitlines()[1]


def test_one_added_long_ago_who_never_paid_is_in_arrears(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The months since the record was added are the book's to judge; so are joining and
    transfer months once the record was there."""
    home = tmp_path / "台賬"
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-03-02")
    assert run(capsys, "init", "--org", "測試村黨總支", "--branch", "大寨支部", "--home", str(home))[0] == 0
    add_member(capsys, home, "老黨員", "入黨日期=2001-07-01")
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-09-20")
    add_member(capsys, home, "新黨員", "入黨日期=2026-09-15", "正式/預備=預備")
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-10-05")
    add_member(capsys, home, "轉入者", "入黨日期=2003-07-01", "轉入日期=2026-10-02")
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-11-26")
    moved_today = add_member(capsys, home, "今天轉入", "入黨日期=2003-07-01", "轉入日期=2026-11-03")
    found = dues_of(capsys, home)
    assert (found["老黨員"]["start"], found["老黨員"]["arrears"], found["老黨員"]["level"]) == ("2026-03", 8, "alert")
    assert (found["新黨員"]["start"], found["新黨員"]["arrears"]) == ("2026-09", 2)
    assert (found["轉入者"]["start"], found["轉入者"]["arrears"]) == ("2026-10", 1)
    assert (found["今天轉入"]["start"], found["今天轉入"]["arrears"]) == ("2026-11", 0)
    removal, text = up_for_removal(capsys, home)
    assert "老黨員" in text and moved_today not in removal and "今天轉入" not in text


def test_paid_up_to_typed_on_the_roll_counts(demo_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    add_member(capsys, demo_home, "錢秀英", "入黨日期=1990-07-01", "黨費交至=2026-09")
    add_member(capsys, demo_home, "孫建明", "入黨日期=1990-07-01", "黨費交至=2026年4月")
    found = dues_of(capsys, demo_home)
    assert (found["錢秀英"]["paid_to"], found["錢秀英"]["arrears"], found["錢秀英"]["level"]) == ("2026-09", 1, "ok")
    assert (found["孫建明"]["arrears"], found["孫建明"]["level"]) == (6, "alert")  # known: 5 to 10 unpaid
    # The next payment starts after it.
    code, out, err = run(capsys, "dues", "pay", "錢秀英", "--months", "2", "--home", str(demo_home))
    assert code == 0, err
    assert "2026-10" in out and "2026-11" in out
    assert dues_of(capsys, demo_home)["錢秀英"]["paid_to"] == "2026-11"


ROSTER = (
    "姓名,性別,入黨時間,所在支部,黨費類別,{paid}\n"
    "周玉蘭,女,1998-07-01,大寨支部,農民,{a}\n"
    "吳國強,男,2005-07-01,新街支部,農民,{b}\n"
    "鄭海波,男,1979-10-01,大寨支部,農民,{c}\n"
)


def test_an_imported_roster_is_not_in_arrears(demo_home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    roster = tmp_path / "舊花名冊.csv"
    roster.write_text(ROSTER.format(paid="備註", a="", b="", c=""), encoding="utf-8")
    code, out, err = run(capsys, "import", "members", str(roster), "--home", str(demo_home))
    assert code == 0, err
    found = dues_of(capsys, demo_home)
    for name in ("周玉蘭", "吳國強", "鄭海波"):
        assert (found[name]["arrears"], found[name]["level"]) == (0, "unknown"), name
    _, text = up_for_removal(capsys, demo_home)
    assert not any(name in text for name in ("周玉蘭", "吳國強", "鄭海波"))


@pytest.mark.parametrize("header", ["交至", "已交至", "黨費交至", "paid up to"])
def test_a_rosters_paid_up_to_column_and_the_option(demo_home: Path, tmp_path: Path, capsys, header: str) -> None:  # type: ignore[no-untyped-def]
    roster = tmp_path / "花名冊.csv"
    roster.write_text(ROSTER.format(paid=header, a="2026-10", b="2026年3月", c=""), encoding="utf-8")
    code, out, err = run(capsys, "import", "members", str(roster), "--dues-paid-to", "2026-08",
                         "--home", str(demo_home))
    assert code == 0, err
    assert "黨費交至" in out  # the column is said to be the roll's 黨費交至
    found = dues_of(capsys, demo_home)
    assert (found["周玉蘭"]["paid_to"], found["周玉蘭"]["arrears"]) == ("2026-10", 0)
    assert (found["吳國強"]["arrears"], found["吳國強"]["level"]) == (7, "alert")  # the roster says so
    assert (found["鄭海波"]["paid_to"], found["鄭海波"]["arrears"]) == ("2026-08", 2)  # from --dues-paid-to


def test_dues_paid_to_for_every_row_of_a_roster(demo_home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    roster = tmp_path / "花名冊.csv"
    roster.write_text(ROSTER.format(paid="備註", a="", b="", c=""), encoding="utf-8")
    code, _, err = run(capsys, "import", "members", str(roster), "--dues-paid-to", "2026年10月",
                       "--home", str(demo_home))
    assert code == 0, err
    found = dues_of(capsys, demo_home)
    assert all((found[n]["paid_to"], found[n]["level"]) == ("2026-10", "ok")
               for n in ("周玉蘭", "吳國強", "鄭海波"))


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans", "en"])
def test_a_bad_dues_paid_to_is_refused_and_nothing_changes(demo_home: Path, tmp_path: Path, capsys, lang: str) -> None:  # type: ignore[no-untyped-def]
    roster = tmp_path / "花名冊.csv"
    roster.write_text(ROSTER.format(paid="備註", a="", b="", c=""), encoding="utf-8")
    before = tree(demo_home)
    code, _, err = run(capsys, "import", "members", str(roster), "--dues-paid-to", "2026-13",
                       "--home", str(demo_home), "--lang", lang)
    assert code == 1 and "2026-13" in err and "Traceback" not in err
    code, _, err = run(capsys, "import", "members", str(roster), "--dues-paid-to", "2027-06",
                       "--home", str(demo_home), "--lang", lang)
    assert code == 1 and "2027-05" in err  # six months ahead at most: to May
    branches = tmp_path / "支部.csv"
    branches.write_text("支部名稱\n河邊支部\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "branches", str(branches), "--dues-paid-to", "2026-08",
                       "--home", str(demo_home), "--lang", lang)
    assert code == 1 and "--dues-paid-to" in err
    assert {"zh-Hant": "黨員花名冊", "zh-Hans": "党员花名册", "en": "party members"}[lang] in err
    assert tree(demo_home) == before


@pytest.mark.parametrize("lang,text", [("zh-Hant", "交費情況不詳"), ("zh-Hans", "交费情况不详"), ("en", "not known")])
def test_unknown_is_said_in_each_language(demo_home: Path, capsys, lang: str, text: str) -> None:  # type: ignore[no-untyped-def]
    add_member(capsys, demo_home, "李秀蘭")
    code, out, err = run(capsys, "dues", "--home", str(demo_home), "--lang", lang)
    assert code == 0, err
    [line] = [line for line in out.splitlines() if "李秀蘭" in line]
    assert text in line


def test_the_dues_target_neither_counts_nor_blames_an_unknown_member(demo_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    def dues_target() -> dict[str, Any]:
        code, out, err = run(capsys, "targets", "--json", "--home", str(demo_home))
        assert code == 0, err
        return next(t for t in json.loads(out)["total"] if t["code"] == "dues")

    before = dues_target()
    add_member(capsys, demo_home, "李秀蘭", "入黨日期=1995-07-01")
    after = dues_target()
    assert (after["figure"], after["status"]) == (before["figure"], before["status"])
    add_member(capsys, demo_home, "孫建明", "入黨日期=1990-07-01", "黨費交至=2026-03")  # known: behind
    assert float(dues_target()["figure"]) < float(before["figure"])


def test_paid_up_to_counts_for_one_whose_joining_is_not_known(demo_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # No 入黨日期, no transfer: only the record's date would say when her dues began here,
    # and her "paid up to" says more — September and October are owed, not forgotten.
    add_member(capsys, demo_home, "馮桂香", "黨費交至=2026-08")
    found = dues_of(capsys, demo_home)
    assert (found["馮桂香"]["paid_to"], found["馮桂香"]["arrears"]) == ("2026-08", 2)
