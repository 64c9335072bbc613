"""Formula injection: text that Excel or WPS would run as a formula is written so they show
it as text — a leading ' in CSV (OWASP's advice), a text cell in XLSX — while a number,
such as a reversed payment of -0.50, stays a number. A CSV exported so imports back as
it was typed."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hostile import tree_hashes
from openpyxl import load_workbook

from storage.tables import neutralised
from tui.cli import main

#: As typed in a member's address and note by someone who means harm.
FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-1+1"]


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture
def hostile_home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    home = tmp_path / "home"
    ok(capsys, "init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(home))
    for n, text in enumerate(FORMULAS):
        ok(capsys, "add", "members", "--set", f"姓名=張{'甲乙丙丁'[n]}", "--set", "branch=第一支部",
           "--set", f"家庭住址={text}", "--set", f"備註={text}", "--home", str(home))
    member = ok(capsys, "add", "members", "--set", "姓名=李國華", "--set", "branch=第一支部", "--home", str(home)).strip()
    paid = ok(capsys, "add", "dues", "--set", f"member={member}", "--set", "amount=0.50", "--set", "period_from=2026-01",
              "--set", "period_to=2026-01", "--set", "paid_on=2026-01-05", "--home", str(home)).strip()
    ok(capsys, "add", "dues", "--set", f"member={member}", "--set", "amount=-0.50", "--set", "period_from=2026-01",
       "--set", "period_to=2026-01", "--set", "paid_on=2026-02-05", "--set", f"reverses={paid}", "--home", str(home))
    return home


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_formula_text_is_neutralised_in_csv_and_numbers_stay_numbers(
        hostile_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "花名冊.csv"
    ok(capsys, "export", "members", "--to", str(target), "--home", str(hostile_home))
    rows = {r["姓名"]: r for r in read_csv(target)}
    for n, text in enumerate(FORMULAS):
        row = rows[f"張{'甲乙丙丁'[n]}"]
        assert row["家庭住址"] == "'" + text  # Excel and WPS show it as text, run nothing
        assert row["備註"] == "'" + text
    assert rows["李國華"]["家庭住址"] == ""

    dues = tmp_path / "黨費.csv"
    ok(capsys, "export", "dues", "--to", str(dues), "--home", str(hostile_home))
    amounts = sorted(r["金額(元)"] for r in read_csv(dues))
    assert amounts == ["-0.50", "0.50"]  # a reversal is a negative number, not text


def test_a_csv_export_imports_back_as_it_was_typed(
        hostile_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "花名冊.csv"
    ok(capsys, "export", "members", "--to", str(target), "--home", str(hostile_home))
    other = tmp_path / "other"
    ok(capsys, "init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(other))
    ok(capsys, "import", "members", str(target), "--home", str(other))
    import json

    listed = json.loads(ok(capsys, "list", "members", "--json", "--home", str(other)))
    typed = {m["name"]: m.get("address") for m in listed}
    assert typed == {**{f"張{'甲乙丙丁'[n]}": text for n, text in enumerate(FORMULAS)}, "李國華": None}


def test_formula_text_stays_text_in_xlsx(hostile_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_hashes(hostile_home)
    target = tmp_path / "台賬.xlsx"
    ok(capsys, "export", "all", "--to", str(target), "--home", str(hostile_home))
    assert tree_hashes(hostile_home) == before
    ws = load_workbook(target)["黨員花名冊"]
    headers = [c.value for c in ws[2]]
    address, note = headers.index("家庭住址") + 1, headers.index("備註") + 1
    cells = {ws.cell(row, 1).value: (ws.cell(row, address), ws.cell(row, note)) for row in range(3, ws.max_row + 1)}
    for n, text in enumerate(FORMULAS):
        for cell in cells[f"張{'甲乙丙丁'[n]}"]:
            assert cell.value == text and cell.data_type == "s"
    with zipfile.ZipFile(target) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)  # no formula at all
    dues = load_workbook(target)["黨費收繳冊"]
    column = [c.value for c in dues[2]].index("金額(元)") + 1  # row 1 is the title, row 2 the header
    amounts = sorted(dues.cell(row, column).value for row in range(3, dues.max_row + 1))
    assert amounts == [-0.5, 0.5]  # numbers in the workbook too


@pytest.mark.parametrize("text", ["\t=1+1", "\r=1+1", "=1", "+1", "-x", "@x"])
def test_every_start_owasp_names_is_neutralised(text: str) -> None:
    assert neutralised(text) == "'" + text


@pytest.mark.parametrize("text", ["", "-", "張桂英", "0874-5123456", "a=b", "'=already"])
def test_other_text_is_left_as_it_is(text: str) -> None:
    assert neutralised(text) == text
