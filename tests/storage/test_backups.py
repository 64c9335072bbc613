"""Backups that stand alone, through the command line: a local backup shares no file with
the home and survives damage to it; a damaged backup is refused and changes nothing; only
the newest few are kept, and their sizes are said; the whole store goes to one encrypted
file and comes back on another laptop, every register the same, and a wrong passphrase,
a file cut in half or a foreign file creates nothing."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, TODAY, cli_env

from storage import catalogue
from tui.cli import main

PASSPHRASE = "大寨村的老槐樹 1968"


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``taizhang demo --no-tui`` once for the module; each test works on its own copy."""
    home = tmp_path_factory.mktemp("demo") / "demo"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TAIZHANG_TODAY", TODAY)
        patch.setenv("LANG", "zh_TW.UTF-8")
        assert main(["demo", "--no-tui", "--home", str(home)]) == 0
    yield home


@pytest.fixture
def demo(demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TAIZHANG_BACKUP_SCRYPT_LOG2", "10")
    home = tmp_path / "村"
    shutil.copytree(demo_home, home)
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, f"{argv}: {err}"
    return out


def registers(capsys: pytest.CaptureFixture[str], home: Path) -> dict[str, Any]:
    """The counts, and ``list --json`` of every register."""
    out: dict[str, Any] = {"counts": {r["slug"]: r["count"] for r in json.loads(ok(capsys, "registers", "--json", "--home", str(home)))}}
    for reg in catalogue.registers():
        out[reg.slug] = json.loads(ok(capsys, "list", reg.slug, "--json", "--home", str(home)))
    return out


def digest(home: Path) -> dict[str, str]:
    """Every file under a folder and its SHA-256."""
    return {p.relative_to(home).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}


def checked(capsys: pytest.CaptureFixture[str], home: Path) -> str:
    code, out, err = run(capsys, "check", "--home", str(home), "--lang", "en")
    assert code == 0, err
    return out


def secret_file(tmp_path: Path, text: str = PASSPHRASE) -> str:
    path = tmp_path / f"passphrase-{hashlib.sha256(text.encode()).hexdigest()[:8]}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def damage(path: Path, at: float, length: int = 3) -> None:
    """Overwrite a few bytes in place, as a bad sector or a stray write would."""
    data = bytearray(path.read_bytes())
    start = int(len(data) * at)
    data[start:start + length] = bytes(0 if b else 0xFF for b in data[start:start + length])  # never JSON
    with open(path, "r+b") as f:  # in place: the same inode, as the finding did
        f.write(bytes(data))


def set_keep(home: Path, keep: str) -> None:
    settings = home / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    assert "\n[backup]\nkeep = 10\n" in text  # written with every new store
    settings.write_text(text.replace("\n[backup]\nkeep = 10\n", f"\n[backup]\nkeep = {keep}\n"), encoding="utf-8")


# -- backups that stand alone ------------------------------------------------------------


def test_damage_to_the_live_journal_never_reaches_a_backup_and_restore_brings_the_store_back(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(demo)
    ok(capsys, "backup", "--home", home)
    at_backup = registers(capsys, demo)
    ok(capsys, "add", "members", "--set", "姓名=王小明", "--set", "branch=大寨支部", "--home", home)
    journal = demo / "journal.jsonl"
    inodes = {p.stat().st_ino for p in demo.rglob("*") if p.is_file() and "backups" not in p.parts}
    assert all(p.stat().st_nlink == 1 for p in demo.rglob("*") if p.is_file())  # no file has a second name
    assert not inodes & {p.stat().st_ino for p in (demo / "backups").iterdir()}
    damage(journal, 0.5)  # three bytes in the middle of the live journal, in place
    code, _, err = run(capsys, "check", "--home", home, "--lang", "en")
    assert code == 1 and "journal.jsonl" in err
    code, out, err = run(capsys, "restore", "--yes", "--home", home, "--lang", "en")
    assert code == 0, err
    assert "Restored the backup" in out
    assert registers(capsys, demo) == at_backup  # counts and every register as at the backup
    assert "no problems" in checked(capsys, demo)
    names = ok(capsys, "restore", "--list", "--home", home).split("\n")
    assert len([n for n in names if "-manual" in n or "-before-restore" in n]) == 2
    # the damaged present was kept too, as it was, in the backup made before the restore
    code, _, err = run(capsys, "restore", "--yes", "--home", home, "--lang", "en")  # back to it: damaged again
    assert code == 0 and run(capsys, "check", "--home", home)[0] == 1


def test_a_backup_changed_or_cut_short_is_refused_and_the_home_is_left_byte_for_byte(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(demo)
    ok(capsys, "backup", "--home", home)
    (saved,) = (demo / "backups").glob("*.tar.gz")
    pristine = saved.read_bytes()
    ok(capsys, "add", "members", "--set", "姓名=王小明", "--set", "branch=大寨支部", "--home", home)
    for spoil in (lambda: damage(saved, 0.4), lambda: damage(saved, 0.97, 1),
                  lambda: saved.write_bytes(pristine[: len(pristine) // 2]),
                  lambda: saved.write_bytes(pristine[:-9])):
        saved.write_bytes(pristine)
        spoil()
        before = digest(demo)
        code, _, err = run(capsys, "restore", "--yes", "--home", home, "--lang", "en")
        assert code == 1 and "is damaged" in err and "nothing was restored" in err, err
        assert digest(demo) == before
    saved.write_bytes(pristine)
    assert run(capsys, "restore", "--yes", "--home", home)[0] == 0  # whole again: taken


def test_only_the_newest_few_are_kept_and_their_sizes_are_said(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(demo)
    set_keep(demo, "3")
    made = [json.loads(ok(capsys, "backup", "--json", "--home", home))["name"] for _ in range(5)]
    listed = json.loads(ok(capsys, "restore", "--list", "--json", "--home", home))
    assert [b["name"] for b in listed["backups"]] == made[-3:]
    assert listed["total"] == sum(p.stat().st_size for p in (demo / "backups").glob("*.tar.gz")) > 0
    text = ok(capsys, "restore", "--list", "--home", home, "--lang", "en").splitlines()
    assert [line.split()[0] for line in text[:3]] == made[-3:] and "KB" in text[0]
    assert text[3].startswith("3 backups,") and "the newest 3 are kept" in text[3]
    # a backup is smaller than the home it copies (compressed)
    home_size = sum(p.stat().st_size for p in demo.rglob("*") if p.is_file() and "backups" not in p.parts)
    assert listed["backups"][0]["size"] < home_size / 2


def test_a_local_backup_opens_with_tar_when_taizhang_cannot(demo: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    tar = shutil.which("tar")
    if tar is None:
        pytest.skip("no tar here")
    saved = Path(json.loads(ok(capsys, "backup", "--json", "--home", str(demo)))["backup"])
    out = tmp_path / "by-hand"
    out.mkdir()
    subprocess.run([tar, "xzf", str(saved), "-C", str(out)], check=True)
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in digest(out).items() if k != "MANIFEST.json"} == \
        {name: entry["sha256"] for name, entry in manifest["files"].items()} == \
        {k: v for k, v in digest(demo).items() if not k.startswith(("backups/", ".lock"))}


def test_a_keep_setting_that_makes_no_sense_is_named(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_keep(demo, "0")
    code, _, err = run(capsys, "list", "members", "--home", str(demo), "--lang", "en")
    assert code == 1 and "backup.keep" in err


def test_a_backup_made_before_manifests_can_still_be_restored(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Backups made by an older taizhang: a folder whose journal was the live one, linked,
    with its length noted."""
    home = str(demo)
    at_backup = registers(capsys, demo)
    folder = demo / "backups" / "20261120-000000-merge"
    folder.parent.mkdir()
    shutil.copytree(demo, folder, ignore=shutil.ignore_patterns("backups", ".lock"))
    (folder / "journal.length").write_text(str((demo / "journal.jsonl").stat().st_size), encoding="ascii")
    ok(capsys, "add", "members", "--set", "姓名=王小明", "--set", "branch=大寨支部", "--home", home)
    shutil.copy(demo / "journal.jsonl", folder / "journal.jsonl")  # "shared": it grew with the home
    assert "old format" in ok(capsys, "restore", "--list", "--home", home, "--lang", "en")
    ok(capsys, "restore", "20261120", "--yes", "--home", home)
    assert registers(capsys, demo) == at_backup


# -- the whole store, off the laptop -----------------------------------------------------


def test_the_whole_store_goes_to_one_file_and_comes_back_in_a_new_folder(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "U盤"
    stick.mkdir()
    target = stick / "taizhang-示範村黨總支-2026-11-26.tzbak"
    out = ok(capsys, "backup", "--to", str(target), "--passphrase-file", secret_file(tmp_path), "--home", str(demo),
             "--lang", "en")
    assert str(target) in out and "encrypted" in out
    assert [p.name for p in stick.iterdir()] == [target.name]  # no partial file left beside it
    data = target.read_bytes()
    members = json.loads(ok(capsys, "list", "members", "--json", "--home", str(demo)))
    for clear in [m["name"] for m in members[:40]] + ["示範村", "journal.jsonl", "members", "settings.toml", "MANIFEST"]:
        assert clear.encode() not in data, clear  # no person, no file name in clear
    assert data.startswith(b"taizhang-backup\n")
    new = tmp_path / "新電腦" / "台賬"
    out = ok(capsys, "restore", "--from", str(target), "--passphrase-file", secret_file(tmp_path), "--home", str(new),
             "--lang", "en")
    assert "Restored the master copy of 示範村黨總支" in out
    assert registers(capsys, new) == registers(capsys, demo)
    assert "no problems" in checked(capsys, new)
    original = {k: v for k, v in digest(demo).items() if not k.startswith(("backups/", ".lock"))}
    assert {k: v for k, v in digest(new).items() if not k.startswith(("backups/", ".lock"))} == original
    assert os.stat(new).st_mode & 0o777 == 0o700
    assert [p.name for p in new.parent.iterdir()] == ["台賬"]  # no staging folder left
    empty = tmp_path / "空資料夾"  # a folder made for it beforehand, empty: taken too
    empty.mkdir()
    ok(capsys, "restore", "--from", str(target), "--passphrase-file", secret_file(tmp_path), "--home", str(empty))
    assert registers(capsys, empty) == registers(capsys, demo)


def test_a_wrong_passphrase_a_file_cut_in_half_or_changed_or_foreign_creates_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "backup.tzbak"
    ok(capsys, "backup", "--to", str(target), "--passphrase-file", secret_file(tmp_path), "--home", str(demo))
    whole = target.read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    foreign = tmp_path / "photo.jpg"
    foreign.write_bytes(os.urandom(5000))
    cases = [
        ("wrong passphrase", whole, secret_file(tmp_path, "大寨村的老槐樹 1969"), "Wrong passphrase"),
        ("cut in half", whole[: len(whole) // 2], secret_file(tmp_path), "damaged or incomplete"),
        ("last bytes lost", whole[:-1], secret_file(tmp_path), "damaged or incomplete"),
        ("a byte changed", whole[:3000] + bytes([whole[3000] ^ 1]) + whole[3001:], secret_file(tmp_path),
         "damaged or incomplete"),
    ]
    for what, data, secret, said in cases:
        target.write_bytes(data)
        for new in (tmp_path / "new", empty):
            before = sorted(tmp_path.rglob("*"))
            code, out, err = run(capsys, "restore", "--from", str(target), "--passphrase-file", secret,
                                 "--home", str(new), "--lang", "en")
            assert code == 1 and said in err and "othing was created" in err, (what, err)
            assert sorted(tmp_path.rglob("*")) == before, what  # nothing made, nothing left behind
            assert not (tmp_path / "new").exists() and list(empty.iterdir()) == []
    code, _, err = run(capsys, "restore", "--from", str(foreign), "--passphrase-file", secret_file(tmp_path),
                       "--home", str(tmp_path / "new"), "--lang", "en")
    assert code == 1 and "is not a taizhang whole-store backup" in err and not (tmp_path / "new").exists()


def test_restoring_into_a_folder_that_holds_a_store_or_other_files_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "backup.tzbak"
    ok(capsys, "backup", "--to", str(target), "--passphrase-file", secret_file(tmp_path), "--home", str(demo))
    before = digest(demo)
    code, _, err = run(capsys, "restore", "--from", str(target), "--passphrase-file", secret_file(tmp_path),
                       "--home", str(demo), "--lang", "en")
    assert code == 1 and "already holds a store" in err and digest(demo) == before
    other = tmp_path / "papers"
    other.mkdir()
    (other / "notes.txt").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "restore", "--from", str(target), "--passphrase-file", secret_file(tmp_path),
                       "--home", str(other), "--lang", "en")
    assert code == 1 and "not an empty folder" in err and [p.name for p in other.iterdir()] == ["notes.txt"]


def test_the_passphrase_is_asked_twice_at_a_terminal_and_never_waited_for_without_one(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    target = tmp_path / "backup.tzbak"
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(["大寨村的老槐樹", "大寨村的老槐树"])  # typed in the other script the second time
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    code, _, err = run(capsys, "backup", "--to", str(target), "--home", str(demo), "--lang", "en")
    assert code == 1 and "differ" in err and not target.exists()
    answers = iter(["短短的", "短短的"])
    code, _, err = run(capsys, "backup", "--to", str(target), "--home", str(demo), "--lang", "en")
    assert code == 1 and "too short" in err and not target.exists()
    asked: list[str] = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": asked.append(prompt) or PASSPHRASE)
    ok(capsys, "backup", "--to", str(target), "--home", str(demo), "--lang", "en")
    assert len(asked) == 2 and target.exists()
    ok(capsys, "restore", "--from", str(target), "--home", str(tmp_path / "new"))
    assert len(asked) == 3  # asked once to restore
    # a real process with no terminal and no file: a clear error at once, never a wait
    for argv in (["backup", "--to", str(tmp_path / "again.tzbak")],
                 ["restore", "--from", str(target), "--home", str(tmp_path / "newer")]):
        done = subprocess.run([sys.executable, "-m", "tui.cli", *argv, "--home", str(demo), "--lang", "en"]
                              if argv[0] == "backup" else [sys.executable, "-m", "tui.cli", *argv, "--lang", "en"],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, cwd=ROOT,
                              env=cli_env())
        assert done.returncode == 1 and "--passphrase-file" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "again.tzbak").exists() and not (tmp_path / "newer").exists()


def test_a_branch_copy_comes_back_with_its_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAIZHANG_BACKUP_SCRYPT_LOG2", "10")
    master, branch = tmp_path / "m", tmp_path / "b"
    ok(capsys, "init", "--org", "示範村黨總支", "--branch", "大寨支部", "--home", str(master))
    said = ok(capsys, "branch", "add", "大寨支部", "--out", str(tmp_path / "b.enrol"), "--home", str(master))
    code = said.split("登記碼:")[1].split("\n")[0]
    ok(capsys, "init", "--join", str(tmp_path / "b.enrol"), "--code", code, "--home", str(branch))
    ok(capsys, "add", "members", "--set", "姓名=張桂英", "--set", "branch=大寨支部", "--home", str(branch))
    target = tmp_path / "b.tzbak"
    ok(capsys, "backup", "--to", str(target), "--passphrase-file", secret_file(tmp_path), "--home", str(branch))
    new = tmp_path / "新筆記本"
    out = ok(capsys, "restore", "--from", str(target), "--passphrase-file", secret_file(tmp_path),
             "--home", str(new), "--lang", "en")
    assert "branch copy" in out
    assert digest(new / "keys") == digest(branch / "keys") and digest(new / "keys")
    bundle = tmp_path / "to-master.tzb"
    ok(capsys, "export", "--to", str(bundle), "--home", str(new))  # signs as the branch, as before
    ok(capsys, "merge", str(bundle), "--home", str(master))
    assert [m["name"] for m in json.loads(ok(capsys, "list", "members", "--json", "--home", str(master)))] == ["張桂英"]


def test_the_todo_list_says_when_the_whole_store_has_not_left_the_laptop_for_a_while(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = str(demo)

    def reminders() -> list[str]:
        return [a["text"] for a in json.loads(ok(capsys, "todo", "--json", "--home", home, "--lang", "en"))
                if a["kind"] == "backup"]

    assert reminders() == []  # made today
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-12-26")
    assert reminders() == []  # 30 days: not yet
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-12-27")
    (said,) = reminders()
    assert "never been backed up off this laptop (made 2026-11-26, 31 days ago)" in said and "press u" in said
    ok(capsys, "backup", "--to", str(tmp_path / "stick.tzbak"), "--passphrase-file", secret_file(tmp_path), "--home", home)
    assert reminders() == []
    ok(capsys, "backup", "--home", home)  # a backup on the laptop itself is no backup off it
    monkeypatch.setenv("TAIZHANG_TODAY", "2027-02-01")
    (said,) = reminders()
    assert "for 36 days (last 2026-12-27)" in said
    settings = demo / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("remind_days = 30", "remind_days = 0"), encoding="utf-8")
    assert reminders() == []  # 0: never reminded
    # a copy restored from that file on a new laptop remembers when it was made
    new = tmp_path / "新筆記本"
    ok(capsys, "restore", "--from", str(tmp_path / "stick.tzbak"), "--passphrase-file", secret_file(tmp_path),
       "--home", str(new))
    monkeypatch.setenv("TAIZHANG_TODAY", "2027-01-20")
    assert [a["text"] for a in json.loads(ok(capsys, "todo", "--json", "--home", str(new), "--lang", "en"))
            if a["kind"] == "backup"] == []


def test_the_keys_folder_a_restore_leaves_alone_is_the_one_sync_keeps_its_keys_in() -> None:
    from storage.archive import KEYS_DIR
    from sync.keys import KEYS_DIR as SYNC_KEYS_DIR

    assert KEYS_DIR == SYNC_KEYS_DIR
