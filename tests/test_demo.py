"""A second `taizhang demo` never overwrites work: it rebuilds only a demo nobody worked on,
and with --reset it first moves the whole folder aside and says where."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tui.cli import main


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def names(capsys: pytest.CaptureFixture[str], home: Path) -> set[str]:
    code, out, err = run(capsys, "list", "members", "--json", "--home", str(home))
    assert code == 0, err
    return {m["name"] for m in json.loads(out)}


@pytest.fixture
def worked_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A demo with 3 members, a meeting and a payment added to it."""
    home = tmp_path / "示範"
    assert run(capsys, "demo", "--no-tui", "--members", "30", "--home", str(home))[0] == 0
    for name in ("王新甲", "王新乙", "王新丙"):
        code, _, err = run(capsys, "add", "members", "--set", f"姓名={name}", "--set", "branch=大寨支部", "--home", str(home))
        assert code == 0, err
    code, _, err = run(capsys, "add", "meetings", "--set", "kind=committee", "--set", "held_on=2026-11-20",
                       "--set", "branch=大寨支部", "--set", "topic=研究年終工作", "--home", str(home))
    assert code == 0, err
    code, _, err = run(capsys, "dues", "pay", "王新甲", "--amount", "0.50", "--home", str(home))
    assert code == 0, err
    return home


def test_a_second_demo_refuses_a_demo_worked_on_and_changes_nothing(
        worked_on: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(worked_on)
    for argv in (["demo", "--no-tui"], ["demo", "--no-tui", "--members", "30"]):
        code, out, err = run(capsys, *argv, "--home", str(worked_on))
        assert code == 1 and str(worked_on) in err and "--reset" in err and "已有改動" in err
    assert tree(worked_on) == before
    assert list(worked_on.parent.iterdir()) == [worked_on]  # no backup made either: nothing was done
    assert {"王新甲", "王新乙", "王新丙"} <= names(capsys, worked_on)


def test_reset_moves_the_work_aside_whole_and_rebuilds(worked_on: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(worked_on)
    code, out, err = run(capsys, "demo", "--no-tui", "--members", "30", "--reset", "--home", str(worked_on))
    assert code == 0, err
    backups = [p for p in worked_on.parent.iterdir() if p != worked_on]
    assert len(backups) == 1 and str(backups[0]) in out and "備份" in out
    assert tree(backups[0]) == before  # every file as it was
    assert {"王新甲", "王新乙", "王新丙"} <= names(capsys, backups[0])
    assert not {"王新甲", "王新乙", "王新丙"} & names(capsys, worked_on)
    assert len(names(capsys, worked_on)) == 30
    assert run(capsys, "check", "--home", str(backups[0]))[0] == 0
    assert run(capsys, "check", "--home", str(worked_on))[0] == 0


def test_a_demo_nobody_worked_on_is_simply_built_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "示範"
    assert run(capsys, "demo", "--no-tui", "--members", "30", "--home", str(home))[0] == 0
    assert run(capsys, "list", "members", "--home", str(home))[0] == 0  # looking is not working on it
    code, out, err = run(capsys, "demo", "--no-tui", "--members", "40", "--home", str(home))
    assert code == 0, err
    assert len(names(capsys, home)) == 40 and list(tmp_path.iterdir()) == [home]


def test_keys_of_an_enrolled_branch_are_work_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "示範"
    assert run(capsys, "demo", "--no-tui", "--members", "30", "--home", str(home))[0] == 0
    code, _, err = run(capsys, "branch", "add", "大寨支部", "--out", str(tmp_path / "大寨.enrol"), "--home", str(home))
    assert code == 0, err
    before = tree(home)
    code, _, err = run(capsys, "demo", "--no-tui", "--members", "30", "--home", str(home))
    assert code == 1 and "keys/" in err and tree(home) == before


def test_a_real_store_is_refused_and_replaced_only_with_reset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "村"
    assert run(capsys, "init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(home))[0] == 0
    assert run(capsys, "add", "members", "--set", "姓名=張桂英", "--set", "branch=第一支部", "--home", str(home))[0] == 0
    before = tree(home)
    code, _, err = run(capsys, "demo", "--no-tui", "--home", str(home))
    assert code == 1 and "真實的台賬" in err and "--reset" in err and tree(home) == before
    code, out, err = run(capsys, "demo", "--no-tui", "--members", "30", "--reset", "--home", str(home))
    assert code == 0, err
    backup = next(p for p in tmp_path.iterdir() if p != home)
    assert str(backup) in out and tree(backup) == before and names(capsys, backup) == {"張桂英"}


def test_a_folder_of_other_files_is_never_touched_even_with_reset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "文件"
    home.mkdir()
    (home / "總結.docx").write_bytes(b"not a store")
    for extra in ([], ["--reset"]):
        code, _, err = run(capsys, "demo", "--no-tui", *extra, "--home", str(home))
        assert code == 1 and str(home) in err and "不是空資料夾" in err
    assert tree(home) == {"總結.docx": hashlib.sha256(b"not a store").hexdigest()}
    assert list(tmp_path.iterdir()) == [home]


def test_a_demo_built_before_it_noted_its_journal_counts_as_worked_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "示範"
    assert run(capsys, "demo", "--no-tui", "--members", "30", "--home", str(home))[0] == 0
    settings = home / "settings.toml"
    settings.write_text("\n".join(line for line in settings.read_text(encoding="utf-8").splitlines()
                                  if not line.startswith("demo_journal")) + "\n", encoding="utf-8")
    before = tree(home)
    code, _, err = run(capsys, "demo", "--no-tui", "--members", "30", "--home", str(home))
    assert code == 1 and "--reset" in err and tree(home) == before
