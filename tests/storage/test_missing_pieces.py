"""Missing pieces are said aloud: a register file the last checkpoint left that is gone,
short or unreadable is rebuilt from the journal when the journal goes back to its first
change (and said so), else every command refuses, saying how to restore, and `check`
names the file. A missing search index is rebuilt, not taken for a missing store."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tui.cli import main

MEMBERS = 123


@pytest.fixture(scope="module")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os

    os.environ["TAIZHANG_TODAY"] = "2026-11-26"  # the module fixture runs before the autouse one
    home = tmp_path_factory.mktemp("demo") / "home"
    assert main(["demo", "--no-tui", "--members", str(MEMBERS), "--home", str(home)]) == 0
    return home


@pytest.fixture
def demo(_demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    home = tmp_path / "示範"
    shutil.copytree(_demo, home)
    capsys.readouterr()
    return home


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def members(capsys: pytest.CaptureFixture[str], home: Path) -> list[dict]:
    code, out, err = run(capsys, "list", "members", "--json", "--home", str(home))
    assert code == 0, err
    return json.loads(out)


def cut_the_journal_front(home: Path, lines: int = 1) -> None:
    """A journal that no longer goes back to the first change (as a compacted one would)."""
    journal = home / "journal.jsonl"
    data = journal.read_bytes()
    cut = 0
    for _ in range(lines):
        cut = data.index(b"\n", cut) + 1
    journal.write_bytes(data[cut:])
    state = json.loads((home / "state.json").read_text())
    state["journal_offset"] -= cut
    (home / "state.json").write_text(json.dumps(state))


def test_a_deleted_register_file_is_rebuilt_from_a_whole_journal_and_said_so(
        demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = members(capsys, demo)
    code, out, _ = run(capsys, "check", "--home", str(demo))
    assert code == 0
    records = out.split("、")[1].split(",")[0]
    file = demo / "registers" / "members.json"
    file.unlink()
    before = tree(demo)
    code, out, err = run(capsys, "list", "members", "--json", "--home", str(demo))
    assert code == 0 and json.loads(out) == listed and len(listed) == MEMBERS
    assert str(file) in err and "已按變更日誌重建(123 條記錄)" in err
    code, out, err = run(capsys, "check", "--home", str(demo))
    assert code == 0 and str(file) in out and "重建" in out and out.split("、")[1].split(",")[0] == records
    assert tree(demo) == before  # readers never write: the file comes back at the next save
    code, _, err = run(capsys, "add", "members", "--set", "姓名=王新華", "--set", "branch=大寨支部", "--home", str(demo))
    assert code == 0 and str(file) in err
    assert file.exists() and len(members(capsys, demo)) == MEMBERS + 1
    code, out, err = run(capsys, "check", "--home", str(demo))
    assert code == 0 and "重建" not in out + err


@pytest.mark.parametrize("damage", ["deleted", "an older file", "unreadable"])
def test_a_register_file_the_journal_cannot_rebuild_stops_every_command(
        demo: Path, capsys: pytest.CaptureFixture[str], damage: str) -> None:
    file = demo / "registers" / "members.json"
    if damage == "deleted":
        file.unlink()
    elif damage == "an older file":  # 3 of the 123, as if an old copy were put back
        lines = file.read_text(encoding="utf-8").splitlines()
        file.write_text("\n".join([lines[0], *[line.rstrip(",") + "," for line in lines[1:3]], lines[3].rstrip(","), "}}"]) + "\n",
                        encoding="utf-8")
        assert len(json.loads(file.read_text(encoding="utf-8"))["members"]) == 3
    else:
        file.write_bytes(file.read_bytes()[:5000])
    cut_the_journal_front(demo)
    before = tree(demo)
    refusals = [
        ("list", "members"), ("registers",), ("add", "members", "--set", "姓名=王新華", "--set", "branch=大寨支部"),
        ("find", "zgy"), ("dues", "pay", "張桂英", "--amount", "0.5"), ("todo",),
    ]
    for argv in refusals:
        code, out, err = run(capsys, *argv, "--home", str(demo))
        assert code == 1 and str(file) in err and "taizhang restore" in err, (argv, out, err)
    code, out, err = run(capsys, "check", "--home", str(demo))
    assert code == 1 and str(file) in err and "taizhang restore" in err
    assert "指向不存在" not in err  # not thousands of references into the missing register
    if damage == "an older file":
        assert "只有 3 條記錄" in err and "123 條" in err
    assert tree(demo) == before  # every refusal leaves the home as it was


def test_an_older_file_is_rebuilt_when_the_journal_is_whole(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = members(capsys, demo)
    file = demo / "registers" / "members.json"
    lines = file.read_text(encoding="utf-8").splitlines()
    file.write_text("\n".join([lines[0], lines[1].rstrip(","), "}}"]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "list", "members", "--json", "--home", str(demo))
    assert code == 0 and json.loads(out) == listed and "只有 1 條記錄" in err


def test_a_register_never_checkpointed_may_be_absent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "村"
    assert run(capsys, "init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(home))[0] == 0
    assert run(capsys, "add", "members", "--set", "姓名=張桂英", "--set", "branch=第一支部", "--home", str(home))[0] == 0
    assert not (home / "registers" / "members.json").exists()  # all in the journal: nothing to say
    code, out, err = run(capsys, "list", "members", "--home", str(home))
    assert code == 0 and "張桂英" in out and not err
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 0 and "·" not in out


def test_check_knows_a_file_a_checkpoint_wrote_from_the_journal_even_without_the_list(
        demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A store checkpointed before state.json listed its files: the journal tells which
    registers had changes before the checkpoint, so had files."""
    state = json.loads((demo / "state.json").read_text())
    del state["registers"]
    (demo / "state.json").write_text(json.dumps(state))
    (demo / "registers" / "meetings.json").unlink()
    cut_the_journal_front(demo)
    code, out, err = run(capsys, "check", "--home", str(demo))
    assert code == 1 and str(demo / "registers" / "meetings.json") in err and "taizhang restore" in err


def test_a_missing_index_is_rebuilt_not_taken_for_a_missing_store(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, found, _ = run(capsys, "find", "zgy", "--json", "--home", str(demo))
    assert code == 0
    (demo / "index.tsv").unlink()
    code, out, err = run(capsys, "find", "zgy", "--json", "--home", str(demo))
    assert code == 0 and json.loads(out) == json.loads(found)
    assert "index.tsv" in err and "重建" in err and "taizhang init" not in err
    assert (demo / "index.tsv").exists()
    code, out, err = run(capsys, "find", "zgy", "--home", str(demo))
    assert code == 0 and not err
