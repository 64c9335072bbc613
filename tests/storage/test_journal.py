"""A journal that defends itself: the commit note (journal.jsonl.append) is checked against
the bytes it names before it is obeyed; a note that does not describe the file is set aside
and nothing saved is cut; damage is named by its line in the whole file; a write that never
finished is dropped and said so, and `taizhang check` tells the one from the other."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from storage import journal as journal_mod
from storage.store import Store
from tui.cli import main

GIVEN = "桂英國華建軍秀蘭志強明德春梅玉珍"


def village(home: Path, members: int = 120) -> Store:
    """A master whose records all live in the journal (no checkpoint yet): one line for the
    branch, then one per member, written as one many-line append."""
    store = Store.create(home, organisation="測試村黨總支", branches=["第一支部"])
    names = [f"張{GIVEN[n % 16]}{GIVEN[n // 16 % 16]}{GIVEN[n // 256 % 16]}" for n in range(members)]
    store.add_many("members", [{"name": name, "branch": "第一支部"} for name in names])
    assert not (home / "state.json").exists()
    return store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def count(capsys: pytest.CaptureFixture[str], home: Path) -> int:
    code, out, err = run(capsys, "list", "members", "--json", "--home", str(home))
    assert code == 0, err
    return len(json.loads(out))


def line_offsets(path: Path) -> list[int]:
    """Where each line of a file starts."""
    data = path.read_bytes()
    return [0] + [m.end() for m in re.finditer(b"\n", data)][:-1]


def add_one(capsys: pytest.CaptureFixture[str], home: Path, name: str = "李國華") -> tuple[int, str, str]:
    return run(capsys, "add", "members", "--set", f"姓名={name}", "--set", "branch=第一支部", "--home", str(home))


def test_a_note_claiming_a_pending_write_at_offset_10_is_set_aside_and_cuts_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "村"
    village(home, 120)
    journal = home / "journal.jsonl"
    saved = journal.read_bytes()
    note = home / "journal.jsonl.append"
    note.write_text(json.dumps({"gen": 9, "pending": True, "start": 10, "length": len(saved),
                                "sha256": hashlib.sha256(b"forged").hexdigest()}))
    assert count(capsys, home) == 120  # readers do not stop at a note that cannot be
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 0 and "120" not in err and "journal.jsonl.append" in out and "不會去掉任何記錄" in out
    code, _, err = add_one(capsys, home)
    assert code == 0, err
    aside = list(home.glob("journal.jsonl.append.damaged-*"))
    assert len(aside) == 1 and aside[0].name in err and "沒有去掉任何已保存的記錄" in err
    assert journal.read_bytes().startswith(saved)  # every saved line kept
    assert count(capsys, home) == 121
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 0 and "122 條記錄" in out and aside[0].name in out  # 121 members and the branch


def _notes(journal: Path) -> dict[str, bytes]:
    """Notes that do not describe the journal, each in its own way."""
    data = journal.read_bytes()
    size = len(data)
    third = line_offsets(journal)[2]
    last = line_offsets(journal)[-1]
    zeros = "0" * 64

    def note(**fields: object) -> bytes:
        return json.dumps({"gen": 3, "pending": True, **fields}).encode()

    return {
        "not JSON": b'{"gen": 3, "pending": tr',
        "not an object": b"[1, 2, 3]",
        "pending not a truth value": b'{"gen": 3, "pending": "yes"}',
        "no start": note(length=10, sha256=zeros),
        "a negative start": note(start=-5, length=10, sha256=zeros),
        "a gen that is not a number": b'{"gen": "x", "pending": false, "end": 10}',
        "a hash that is not one": note(start=size, length=10, sha256="nonsense"),
        "a start beyond the end": note(start=size + 100, length=10, sha256=zeros),
        "more after it than it noted": note(start=last, length=1, sha256=zeros),
        # at a line's start, covering the rest, hash wrong: what a torn write looks like,
        # but the changes after it were indexed: saved long ago
        "lines already saved after it": note(start=third, length=size - third + 40, sha256=zeros),
        "other bytes before it": note(start=size, length=100, sha256=zeros, before=zeros),
    }


@pytest.mark.parametrize("kind", [
    "not JSON", "not an object", "pending not a truth value", "no start", "a negative start",
    "a gen that is not a number", "a hash that is not one", "a start beyond the end",
    "more after it than it noted", "lines already saved after it", "other bytes before it"])
def test_a_damaged_or_impossible_note_is_set_aside_never_obeyed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    home = tmp_path / "村"
    village(home, 40)
    journal = home / "journal.jsonl"
    saved = journal.read_bytes()
    (home / "journal.jsonl.append").write_bytes(_notes(journal)[kind])
    assert count(capsys, home) == 40
    code, _, err = add_one(capsys, home)
    assert code == 0, err
    assert "journal.jsonl.append.damaged-" in err
    assert journal.read_bytes().startswith(saved)
    assert not (home / "journal.jsonl.append").exists()
    assert count(capsys, home) == 41
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 0, err


def test_a_write_a_killed_writer_left_half_done_is_still_dropped_and_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "村"
    store = village(home, 40)
    journal = home / "journal.jsonl"
    saved = journal.read_bytes()

    def dies_half_way(path: Path, data: bytes, sync: bool = True) -> int:
        with open(path, "ab") as f:
            f.write(data[: len(data) // 2])
        raise KeyboardInterrupt  # as a kill mid-write: the note is never settled

    monkeypatch.setattr(journal_mod, "append_durably", dies_half_way)
    with pytest.raises(KeyboardInterrupt):
        store.add_many("members", [{"name": f"王{GIVEN[n]}", "branch": "第一支部"} for n in range(10)])
    monkeypatch.undo()
    assert json.loads((home / "journal.jsonl.append").read_text())["pending"] is True
    assert count(capsys, home) == 40  # the half is not read
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 0 and "沒有寫完的多行寫入" in out and "第 42 行" in out
    code, _, err = add_one(capsys, home)
    assert code == 0 and "第 42 行" in err and "從未報告為已保存" in err, err
    assert journal.read_bytes().startswith(saved) and journal.read_bytes().count(b"\n") == 42
    assert not list(home.glob("journal.jsonl.append.damaged-*"))
    assert count(capsys, home) == 41
    code, out, _ = run(capsys, "check", "--home", str(home))
    assert code == 0 and "沒有寫完" not in out


def test_damage_at_line_601_is_reported_as_line_601(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "村"
    village(home, 700)
    journal = home / "journal.jsonl"
    offset = line_offsets(journal)[600]
    data = bytearray(journal.read_bytes())
    data[offset + 1:offset + 4] = b"\x00\x00\x00"  # three bytes overwritten in place
    journal.write_bytes(bytes(data))
    before = journal.read_bytes()
    code, _, err = run(capsys, "list", "members", "--home", str(home))
    assert code == 1 and "第 601 行" in err and f"第 {offset} 字節" in err and "+1" not in err
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 1 and err.count("第 601 行") == 1 and "發現 1 個問題" in err
    code, _, err = run(capsys, "--lang", "en", "check", "--home", str(home))
    assert "line 601" in err
    assert journal.read_bytes() == before  # reading and checking change nothing


def test_damage_before_the_checkpoint_is_still_named_by_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "村"
    store = village(home, 700)
    store.checkpoint()  # the register files hold every line now: opening reads none of them
    journal = home / "journal.jsonl"
    offset = line_offsets(journal)[600]
    data = bytearray(journal.read_bytes())
    data[offset:offset + 3] = b"###"
    journal.write_bytes(bytes(data))
    assert count(capsys, home) == 700
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 1 and "第 601 行" in err
    rid = json.loads(journal.read_bytes().splitlines()[601])["rec"]  # a member created at line 602
    data[line_offsets(journal)[601]] = ord("#")
    journal.write_bytes(bytes(data))
    code, _, err = run(capsys, "history", rid, "--home", str(home))
    assert code == 1 and "第 602 行" in err


def test_a_torn_last_line_is_a_note_in_check_and_dropped_at_the_next_save(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "村"
    village(home, 40)
    journal = home / "journal.jsonl"
    saved = journal.read_bytes()
    with open(journal, "ab") as f:
        f.write(b'{"seq":42,"hlc":"1795651')  # a write cut off by a kill
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 0 and "最後一行(第 42 行,24 字節)沒有寫完" in out
    assert count(capsys, home) == 40
    code, _, err = add_one(capsys, home)
    assert code == 0 and "第 42 行" in err and "24 字節" in err
    assert journal.read_bytes().startswith(saved) and journal.read_bytes().count(b"\n") == 42
    code, out, _ = run(capsys, "check", "--home", str(home))
    assert code == 0 and "沒有寫完" not in out


def test_a_many_line_write_notes_the_bytes_before_it_while_pending(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = village(tmp_path / "村", 5)
    size = store.journal.size()
    with open(store.journal.path, "rb") as f:
        f.seek(size - journal_mod.BEFORE)
        before = f.read()
    seen: list[dict] = []
    real = journal_mod.append_durably

    def looking(path: Path, data: bytes, sync: bool = True) -> int:
        seen.append(json.loads(store.journal.note_path.read_text()))
        return real(path, data, sync=sync)

    monkeypatch.setattr(journal_mod, "append_durably", looking)
    store.add_many("members", [{"name": "王桂英", "branch": "第一支部"}, {"name": "王國華", "branch": "第一支部"}])
    data = store.journal.path.read_bytes()[size:]
    assert seen == [{"gen": 2, "pending": True, "start": size, "length": len(data),
                     "sha256": hashlib.sha256(data).hexdigest(), "before": hashlib.sha256(before).hexdigest()}]
    note = json.loads(store.journal.note_path.read_text())
    assert note == {"gen": 2, "pending": False, "end": store.journal.size()}
