"""Private by default: the home is 0700 and every file the program writes in it, and
every file it exports, is 0600, whatever the umask; a home left readable by others (an
older version, a copy made by hand) is closed when it is next opened to change, with one
line saying so; a disk that keeps no modes (a FAT32 stick) is said once, and works."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hostile import tree_hashes

from storage.files import MODES_MARKER
from tui.cli import main

ORG, BRANCH = "測試村黨總支", "第一支部"


def modes(root: Path) -> dict[str, str]:
    """Every folder and file under ``root`` (itself too) with its mode, as ls shows it."""
    found = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in sorted(root.rglob("*")):
        if not path.is_symlink():
            found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def loose(root: Path) -> dict[str, str]:
    """What under ``root`` is not private: folders not 0700, files not 0600."""
    out = {}
    for name, mode in modes(root).items():
        path = root / name
        wanted = "0o700" if path.is_dir() else "0o600"
        if mode != wanted:
            out[name] = mode
    return out


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out, err


@pytest.fixture
def umask():  # type: ignore[no-untyped-def]
    """Set the process's umask for a test, and put it back after."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


@pytest.mark.parametrize("mask", [0o022, 0o000])
def test_a_store_made_and_used_under_a_loose_umask_is_private_throughout(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], umask, mask: int) -> None:  # type: ignore[no-untyped-def]
    umask(mask)
    master, branch, out = tmp_path / "總支", tmp_path / "支部", tmp_path / "out"
    out.mkdir()
    ok(capsys, "init", "--org", ORG, "--branch", BRANCH, "--home", str(master))
    ok(capsys, "add", "members", "--set", "姓名=張桂英", "--set", f"branch={BRANCH}", "--set", "聯繫電話=13887400123",
       "--home", str(master))
    enrolled, _ = ok(capsys, "branch", "add", BRANCH, "--out", str(out / "一.enrol"), "--home", str(master))
    code = enrolled.split("登記碼:")[1].split("\n")[0]
    ok(capsys, "init", "--join", str(out / "一.enrol"), "--code", code, "--home", str(branch))
    ok(capsys, "add", "members", "--set", "姓名=李國華", "--home", str(branch))
    ok(capsys, "export", "--to", str(out / "給總支.tzb"), "--home", str(branch))
    ok(capsys, "merge", str(out / "給總支.tzb"), "--home", str(master))  # a backup is made first
    ok(capsys, "export", "--for", BRANCH, "--to", str(out / "給支部.tzb"), "--home", str(master))
    ok(capsys, "export", "members", "--to", str(out / "花名冊.csv"), "--home", str(master))
    ok(capsys, "export", "all", "--to", str(out / "台賬.xlsx"), "--home", str(master))
    from storage.store import Store

    Store.open(master).checkpoint()  # the register files and state.json, written afresh

    assert (master / "backups").is_dir() and (master / "keys").is_dir() and (master / "sync").is_dir()
    assert (master / "registers" / "members.json").is_file() and (master / "state.json").is_file()
    assert loose(master) == {}
    assert loose(branch) == {}
    exported = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in out.iterdir()}
    assert exported == dict.fromkeys(["一.enrol", "給總支.tzb", "給支部.tzb", "花名冊.csv", "台賬.xlsx"], "0o600")


def open_by_hand(home: Path) -> None:
    """What an older version (or ``cp -r`` under umask 022) left: 0755 folders, 0644 files."""
    os.chmod(home, 0o755)
    for path in home.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def test_a_home_left_readable_is_closed_on_the_next_change_and_said_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    ok(capsys, "init", "--org", ORG, "--branch", BRANCH, "--home", str(home))
    ok(capsys, "add", "members", "--set", "姓名=張桂英", "--set", f"branch={BRANCH}", "--home", str(home))
    from storage.backups import make
    from storage.store import Store

    make(home, "test")
    open_by_hand(home)
    assert loose(home)["journal.jsonl"] == "0o644"

    # Looking does not change anything, modes included.
    ok(capsys, "list", "members", "--home", str(home))
    assert loose(home)["registers"] == "0o755"

    _, err = ok(capsys, "add", "members", "--set", "姓名=李國華", "--set", f"branch={BRANCH}", "--home", str(home))
    assert err.count("只有你能讀寫") == 1 and str(home) in err
    left = loose(home)
    # Everything but what lies inside backups/ is private; backups/ itself is closed, which
    # keeps what is in it from other users without walking every backup at each opening.
    assert left and all(name.startswith("backups/") for name in left), left
    assert modes(home)["backups"] == "0o700"

    _, err = ok(capsys, "add", "members", "--set", "姓名=王小明", "--set", f"branch={BRANCH}", "--home", str(home))
    assert "只有你能讀寫" not in err  # said once

    # Closing a home changes modes only, never a byte.
    open_by_hand(home)
    before = tree_hashes(home)
    assert Store.open(home).privacy_note is not None
    assert tree_hashes(home) == before


def test_the_note_speaks_the_users_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    ok(capsys, "init", "--org", ORG, "--branch", BRANCH, "--home", str(home))
    open_by_hand(home)
    _, err = ok(capsys, "add", "members", "--set", "姓名=張桂英", "--home", str(home), "--lang", "en")
    assert [line for line in err.splitlines() if "readable by you alone" in line] == [
        f"Made {home} readable by you alone (folders 0700, files 0600): other users of this computer could "
        "read its ID numbers and phones before."]
    assert loose(home) == {}


def test_a_disk_that_keeps_no_modes_is_said_once_and_the_store_works(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    ok(capsys, "init", "--org", ORG, "--branch", BRANCH, "--home", str(home))
    open_by_hand(home)
    # A FAT32 stick: chmod "succeeds" and nothing changes (or it fails; both are seen alike).
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: None)

    _, err = ok(capsys, "add", "members", "--set", "姓名=張桂英", "--set", f"branch={BRANCH}", "--home", str(home))
    assert "不能保存文件權限" in err and err.count("FAT32") == 1
    assert (home / MODES_MARKER).is_file()
    _, err = ok(capsys, "add", "members", "--set", "姓名=李國華", "--set", f"branch={BRANCH}", "--home", str(home))
    assert "FAT32" not in err  # said once
    out, _ = ok(capsys, "list", "members", "--home", str(home))
    assert "張桂英" in out and "李國華" in out


def test_a_disk_that_refuses_chmod_is_said_once_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    ok(capsys, "init", "--org", ORG, "--branch", BRANCH, "--home", str(home))
    open_by_hand(home)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", refuse)
    _, err = ok(capsys, "add", "members", "--set", "姓名=張桂英", "--home", str(home), "--lang", "zh-Hans")
    assert "不能保存文件权限" in err
    _, err = ok(capsys, "add", "members", "--set", "姓名=李國華", "--home", str(home))
    assert "FAT32" not in err
