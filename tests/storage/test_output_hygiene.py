"""Output hygiene, the second wall: a store that already holds what the text policy now
refuses — escape sequences, bidirectional overrides, line breaks in names, values of the
wrong type — written straight into its files (an older version, a hand edit, a forged
bundle merged before merges were checked), is safe to look at from the command line.
Nothing printed holds a raw control character, no command ends in a traceback, no cell
forges a row, and looking changes nothing in the home."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from hostile import tree_hashes as files_of  # type: ignore[import-not-found]
from poisoned import ADDRESS, FORGED_NOTE, MARKUP, NAME, build, leaks  # type: ignore[import-not-found]

from storage import catalogue
from storage.text import UNSAFE, visible
from tui.cli import main


@pytest.fixture
def poisoned(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    home = tmp_path / "home"
    return home, build(home)


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def raw_controls(text: str) -> list[str]:
    """Control characters in printed text (the line breaks between lines aside)."""
    return UNSAFE.findall(text.replace("\n", ""))


def test_every_command_that_looks_prints_escapes_never_raw_and_changes_nothing(poisoned, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    home, ids = poisoned
    capsys.readouterr()
    before = files_of(home)
    looks = [["registers"], ["check"], ["todo"], ["targets"], ["dues", "--all"], ["development"], ["checklist"],
             ["conflicts"], ["find", "張"], ["find", "孫"]]
    looks += [["list", reg.slug] for reg in catalogue.registers()]
    looks += [["show", rid] for rid in ids.values()] + [["history", rid] for rid in ids.values()]
    looks += [["list", "members", "--reveal"], ["list", "members", "--branch", ids["branch"]]]
    for argv in looks:
        code, out, err = run(capsys, *argv, "--home", str(home))
        assert code in (0, 1), (argv, err)
        assert raw_controls(out) == [] and raw_controls(err) == [], (argv, out, err)
        assert "Traceback" not in err
    assert files_of(home) == before


def test_list_shows_the_escape_sequence_visibly_and_one_row_per_record(poisoned, capsys) -> None:  # type: ignore[no-untyped-def]
    home, ids = poisoned
    capsys.readouterr()
    code, out, _ = run(capsys, "list", "members", "--home", str(home))
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith("─")
    rows = lines[2:]
    assert len(rows) == 5  # five members: the name holding a line break forges no sixth row
    assert all(row[:8] in {i[:8] for i in ids.values()} for row in rows)
    forged = next(row for row in rows if row.startswith(ids["forged"][:8]))
    assert "李四\\x0a" in forged
    assert any("張\\x1b]0;PWNED\\x07" in row for row in rows)  # the title-setting sequence, shown


def test_show_escapes_one_line_fields_and_indents_a_multi_line_field(poisoned, capsys) -> None:  # type: ignore[no-untyped-def]
    home, ids = poisoned
    capsys.readouterr()
    code, out, _ = run(capsys, "show", ids["poisoned"], "--home", str(home))
    assert code == 0 and raw_controls(out) == []
    assert visible(NAME) in out and visible(ADDRESS, lines=False) in out
    for markup in MARKUP:  # shown literally: the command line reads no markup
        assert markup in out
    code, out, _ = run(capsys, "show", ids["forged"], "--home", str(home))
    lines = out.splitlines()
    assert lines[0].count("\n") == 0 and "李四\\x0a00000000" in lines[0]
    # The note's second line would read as a 身份證號 line of its own: it stays indented
    # under the note's value, and the bell it ends with is shown.
    note = next(i for i, line in enumerate(lines) if line.lstrip().startswith("備註"))
    value_at = lines[note].index("第一行")
    assert lines[note + 1][:value_at].strip(" \u3000") == ""  # nothing but the indent left of the value
    assert lines[note + 1][value_at:].lstrip().startswith("身份證號") and "\\x07" in lines[note + 1]
    assert "甲\\x09乙\\x0d丙" in out  # a tab and a carriage return in a one-line field: escaped
    assert FORGED_NOTE.splitlines()[1] not in out.splitlines()


def test_values_of_the_wrong_type_are_shown_as_text(poisoned, capsys) -> None:  # type: ignore[no-untyped-def]
    home, ids = poisoned
    capsys.readouterr()
    code, out, err = run(capsys, "show", ids["wrong"], "--home", str(home))
    assert code == 0, err
    assert '{"x": 1}' in out and '{"y": 1}' in out and "[1, 2]" in out and "13800000000" in out
    code, out, err = run(capsys, "list", "members", "--json", "--home", str(home))
    assert code == 0 and {"x": 1} in [r.get("gender") for r in json.loads(out)]
    assert "\\u001b" in out and raw_controls(out) == []  # JSON escapes them as JSON does
    code, out, err = run(capsys, "show", ids["meeting"], "--home", str(home))
    assert code == 0 and "1/4" in out  # a roll holding rows that are not rows: counted, not a crash


def test_history_shows_a_hand_written_journal_line_escaped(poisoned, capsys) -> None:  # type: ignore[no-untyped-def]
    home, ids = poisoned
    capsys.readouterr()
    code, out, _ = run(capsys, "history", ids["journal"], "--home", str(home))
    assert code == 0 and raw_controls(out) == []
    assert "孫\\x1b]0;PWNED\\x07七" in out and '{"x": 1}' in out and "村\\x1b[2J" in out


def test_exports_carry_escaped_text_in_xlsx_and_csv(poisoned, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    home, ids = poisoned
    capsys.readouterr()
    before = files_of(home)
    for what, target in (("all", tmp_path / "all.xlsx"), ("members", tmp_path / "members.xlsx"),
                         ("members", tmp_path / "members.csv"), ("meetings", tmp_path / "meetings.csv"),
                         ("dues", tmp_path / "dues.xlsx")):
        code, out, err = run(capsys, "export", what, "--to", str(target), "--home", str(home))
        assert code == 0, (what, err)
    assert files_of(home) == before
    book = load_workbook(tmp_path / "all.xlsx")
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    text = "\n".join(cells)
    assert visible(NAME) in text and visible(ADDRESS) in text and '{"x": 1}' in text
    assert "第一行\\x1b[2J\n第二行" in text  # a multi-line note keeps its line break in its cell
    assert [c for c in cells if UNSAFE.search(c.replace("\n", "").replace("\t", ""))] == []
    assert "測試村黨總支" in text
    sheet = load_workbook(tmp_path / "members.xlsx").worksheets[0]
    assert any("[/]" == c.value for row in sheet.iter_rows() for c in row)  # text, as typed
    rows = list(csv.reader(io.StringIO((tmp_path / "members.csv").read_text(encoding="utf-8-sig"))))
    flat = "\n".join(cell for row in rows for cell in row)
    assert visible(NAME) in flat and leaks(flat.replace("\n", "")) == []
    meetings = "\n".join(cell for row in csv.reader(io.StringIO((tmp_path / "meetings.csv").read_text(
        encoding="utf-8-sig"))) for cell in row)
    assert visible(NAME) in meetings and '{"x": 1}' in meetings and leaks(meetings) == []  # the roll's rows


def test_argparse_echoes_what_was_typed_escaped(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "list")
    capsys.readouterr()
    for argv in (["list", "members", "--branch"], ["\x1b]0;PWNED\x07"], ["list", "--bogus\x1b[2J"],
                 ["dues", "--month", "\x1b[6n", "--nonsense\u202e"]):
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert raw_controls(out) == [] and raw_controls(err) == [], (argv, err)
    code, out, err = run(capsys, "\x1b]0;PWNED\x07")
    assert "\\x1b]0;PWNED\\x07" in err and "這一項,可選" in err  # argparse's invalid choice, in the user's language


def test_check_names_register_record_and_field_and_shows_the_character(poisoned, capsys) -> None:  # type: ignore[no-untyped-def]
    home, ids = poisoned
    capsys.readouterr()
    before = files_of(home)
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 1 and raw_controls(err) == []
    lines = err.splitlines()
    named = [line for line in lines if ids["poisoned"][:8] in line]
    assert named and all("黨員花名冊" in line for line in named)
    assert any("姓名" in line and "\\x1b" in line and "控制字符" in line for line in named)
    assert any(ids["wrong"][:8] in line and "性別" in line for line in lines)  # the wrong-typed value too
    assert any(ids["meeting"][:8] in line and "支部會議記錄" in line and "議題" in line for line in lines)
    assert not any("Text(" in line for line in lines)  # titles are worded, not printed as objects
    code, _, err = run(capsys, "check", "--lang", "en", "--home", str(home))
    assert "Party members" in err and "control character, \\x1b" in err and "Name" in err
    assert files_of(home) == before


def test_check_lists_a_journal_line_holding_what_no_record_holds_any_more(poisoned, capsys) -> None:  # type: ignore[no-untyped-def]
    from storage.store import Store

    home, ids = poisoned
    store = Store.open(home)
    store.edit(ids["journal"], {"name": "孫七", "address": "村", "gender": "male", "workplace": "農民"})
    store.close()
    capsys.readouterr()
    code, out, err = run(capsys, "check", "--home", str(home))
    assert code == 1
    journal = [line for line in err.splitlines() if "變更日誌" in line]
    assert journal and ids["journal"][:8] in journal[0] and "\\x1b" in journal[0] and "姓名" in journal[0]
    assert raw_controls(err) == []


# -- every register, every wrong type: no traceback, nothing raw ---------------------------------


WRONG = {"dict": {"x": 1}, "list": ["a", {"b": 1}], "number": -7, "bool": True, "escape": "壞\x1b]0;T\x07\x9b2J"}


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os

    from storage.demo import build as demo

    home = tmp_path_factory.mktemp("demo") / "home"
    os.environ["TAIZHANG_TODAY"] = "2026-11-26"
    store = demo(home, members=30)
    store.checkpoint()
    store.close()
    return home


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(WRONG))
def test_a_value_of_any_wrong_type_in_any_field_breaks_no_command(kind: str, demo_home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from storage.register_files import encode_table, read_table

    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    firsts: dict[str, str] = {}
    for reg in catalogue.registers():  # the first two live records of every register, every field poisoned
        path = home / "registers" / f"{reg.slug}.json"
        rows = read_table(path, reg.slug)
        live = [r for r in rows if not r.get("_d")][:2]
        for row in live:
            row.update({name: WRONG[kind] for name in reg.fields})
        if live:
            path.write_bytes(encode_table(reg.slug, rows))
            firsts[reg.slug] = live[0]["id"]
    capsys.readouterr()
    before = files_of(home)
    looks = [["list", slug] for slug in firsts] + [["show", rid] for rid in firsts.values()]
    looks += [["history", firsts["members"]], ["check"], ["todo"], ["targets"], ["dues", "--all"], ["development"],
              ["checklist"], ["find", "a"], ["export", "members", "--to", str(tmp_path / "m.csv")],
              ["export", "all", "--to", str(tmp_path / "all.xlsx")]]
    for argv in looks:
        code, out, err = run(capsys, *argv, "--home", str(home))
        assert code in (0, 1), (argv, err)
        assert raw_controls(out) == [] and raw_controls(err) == [], (argv, out, err)
    assert files_of(home) == before
