"""No input makes a traceback: numbers, months and years out of range, a --home that is a
file, an argument that is not UTF-8. Each is refused in the user's language with the exit
status of an error (1) or of bad usage (2), and the home is byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, cli_env

from tui.cli import main


def hashes(home: Path) -> dict[str, str]:
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}


@pytest.fixture
def village(home: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """A store with one member whose dues can be reckoned: her id, and the store's home."""
    assert main(["init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(home)]) == 0
    capsys.readouterr()
    assert main(["add", "members", "--set", "姓名=張桂英", "--set", "身份證號=11010519491231002X",
                 "--set", "branch=第一支部", "--set", "dues_class=salaried", "--set", "dues_base=3000",
                 "--home", str(home)]) == 0
    member = capsys.readouterr().out.strip()
    return {"member": member, "home": str(home)}


def refused(argv: list[str], home: Path, capsys: pytest.CaptureFixture[str], status: int = 1) -> str:
    """Run argv; it must be refused with ``status``, change nothing, and say why on stderr."""
    before = hashes(home)
    assert (_exit_status(argv, home) if status == 2 else main([*argv, "--home", str(home)])) == status
    assert hashes(home) == before
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def _exit_status(argv: list[str], home: Path) -> int:
    with pytest.raises(SystemExit) as leaving:  # argparse's own refusal of a value
        main([*argv, "--home", str(home)])
    return int(leaving.value.code or 0)


# -- money --------------------------------------------------------------------------------


@pytest.mark.parametrize("base", ["1e400", "1e999999999999999999", "2000000", "-1e30"])
def test_an_absurd_dues_base_is_refused(village: dict[str, str], capsys: pytest.CaptureFixture[str], base: str) -> None:
    home = Path(village["home"])
    err = refused(["edit", village["member"], "--set", f"dues_base={base}"], home, capsys)
    assert "黨費基數" in err and "1,000,000 元" in err and base in err


def test_an_absurd_base_is_refused_when_adding_too_in_each_language(
    village: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    home = Path(village["home"])
    argv = ["add", "members", "--set", "姓名=李國華", "--set", "branch=第一支部", "--set", "dues_base=1e400"]
    assert "党费基数" in refused([*argv, "--lang", "zh-Hans"], home, capsys)
    assert "Dues base" in refused([*argv, "--lang", "en"], home, capsys)


@pytest.mark.parametrize(
    ("amount", "words"),
    [("1e400", "金額(元):「1e400」超出合理範圍:金額最多 1,000,000 元"), ("1000000.01", "1,000,000 元"),
     ("1e-400", "金額「1e-400」是 0 元"), ("-0", "金額「-0」是 0 元"), ("0.00", "是 0 元"),
     ("NaN", "金額(元):「NaN」不是金額"), ("Infinity", "不是金額"), ("-5", "金額(元):金額不能為負")],
)
def test_a_payment_out_of_bounds_is_refused(
    village: dict[str, str], capsys: pytest.CaptureFixture[str], amount: str, words: str
) -> None:
    home = Path(village["home"])
    err = refused(["dues", "pay", village["member"], "--amount", amount], home, capsys)
    assert words in err


def test_a_payment_within_bounds_is_recorded_to_the_fen(village: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dues", "pay", village["member"], "--amount", "1000000", "--home", village["home"]]) == 0
    assert "1000000.00 元" in capsys.readouterr().out


# -- months and years ---------------------------------------------------------------------


@pytest.mark.parametrize("month", ["2026-13", "0000-01", "2101-01", "99999"])
def test_dues_of_a_month_that_is_not_one(village: dict[str, str], capsys: pytest.CaptureFixture[str], month: str) -> None:
    err = refused(["dues", "--month", month], Path(village["home"]), capsys)
    assert f"「{month}」" in err and ("月份應在 1 到 12 之間" in err or "不是年月" in err)


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_a_payment_for_a_month_that_is_not_one(
    village: dict[str, str], capsys: pytest.CaptureFixture[str], option: str
) -> None:
    argv = ["dues", "pay", village["member"], "--amount", "9"]
    argv += ["--from", "2026-13"] if option == "--from" else ["--from", "2026-01", "--to", "0000-01"]
    err = refused(argv, Path(village["home"]), capsys)
    assert "1 到 12" in err and "1900 到 2100" in err


def test_a_payment_dated_beyond_the_calendar(village: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(["dues", "pay", village["member"], "--on", "9999-12-31"], Path(village["home"]), capsys)
    assert "「9999-12-31」的年份應在 1800 到 2100 之間" in err


@pytest.mark.parametrize("command", [["targets"], ["checklist"], ["export", "all", "--to", "out.xlsx"]])
@pytest.mark.parametrize("year", ["99999", "-1", "26", "1e3", "1899", "2101"])
def test_a_year_is_four_digits_from_1900_to_2100(
    village: dict[str, str], capsys: pytest.CaptureFixture[str], command: list[str], year: str
) -> None:
    err = refused([*command, "--year", year], Path(village["home"]), capsys, status=2)
    assert f"參數 --year:「{year}」不是年份,請寫 1900 到 2100 之間的四位數字" in err


def test_a_year_typed_full_width_is_a_year(village: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["targets", "--year", "２０２６", "--json", "--home", village["home"]]) == 0
    assert '"year": 2026' in capsys.readouterr().out


def test_argparse_refusals_speak_the_language_asked_for(village: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    home = Path(village["home"])
    assert "write four digits from 1900 to 2100" in refused(["targets", "--lang", "en", "--year", "26"], home, capsys, 2)
    assert "请写 1900 到 2100 之间" in refused(["targets", "--year", "26", "--lang=zh-Hans"], home, capsys, 2)


@pytest.mark.parametrize(
    ("argv", "words"),
    [(["find", "張", "-n", "-3"], "「-3」不是人數或個數"), (["find", "張", "-n", "9" * 5000], "太大了:最多 10,000,000"),
     (["dues", "pay", "張桂英", "--months", "三"], "「三」不是人數或個數"), (["demo", "--no-tui", "--seed", "x"], "「x」")],
)
def test_whole_number_options_refused_in_words(
    village: dict[str, str], capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    assert words in refused(argv, Path(village["home"]), capsys, status=2)


# -- the home and the arguments themselves ------------------------------------------------


@pytest.mark.parametrize("where", ["", "inside"])
def test_a_home_that_is_a_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    afile = tmp_path / "passwd"
    afile.write_text("root:x:0:0:root:/root:/bin/bash\n")
    home = afile / where if where else afile
    for argv in (["list", "members"], ["init", "--org", "測試"], ["check"], []):
        assert main([*argv, "--home", str(home)]) == 1
        err = capsys.readouterr().err
        assert f"{afile} 是一個檔案,不是資料夾" in err and "--home" in err and "Traceback" not in err
    assert afile.read_text() == "root:x:0:0:root:/root:/bin/bash\n"


def test_a_home_whose_name_the_system_cannot_take_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name longer than the file system takes (found by the fuzz test: the look-up of the
    settings' language ended in ``OSError: File name too long``)."""
    home = tmp_path / ("9" * 3000)
    for argv in (["list", "members"], ["init", "--org", "測試"], ["find", "zgy"]):
        assert main([*argv, "--home", str(home)]) == 1
        err = capsys.readouterr().err
        assert "無法使用" in err and "Traceback" not in err, err[:300]
    assert list(tmp_path.iterdir()) == []


def test_a_home_that_is_a_file_is_named_by_a_real_process(tmp_path: Path) -> None:
    afile = tmp_path / "passwd"
    afile.write_text("x\n")
    result = subprocess.run([sys.executable, "-m", "tui.cli", "--home", str(afile)], capture_output=True,
                            text=True, env=cli_env(), cwd=ROOT, timeout=60)
    assert result.returncode == 1 and f"{afile} 是一個檔案" in result.stderr and "Traceback" not in result.stderr


def _run_bytes(*argv: bytes, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k.encode(): v.encode() for k, v in cli_env(**env).items()}
    return subprocess.run([sys.executable.encode(), b"-m", b"tui.cli", *argv], capture_output=True,
                          env=environ, cwd=ROOT, timeout=60)


@pytest.mark.parametrize("argv", [[b"find", b"\xff"], [b"find", b"ok", b"--register", b"a\xfe\x1b[2J"],
                                  [b"add", b"members", b"--set", b"name=\xe5\xbc"], [b"--home", b"/tmp/\xff"]])
def test_an_argument_that_is_not_utf8_is_refused_before_anything_runs(tmp_path: Path, argv: list[bytes]) -> None:
    home = tmp_path / "home"
    assert _run_bytes(b"init", b"--org", "測試".encode(), b"--home", str(home).encode()).returncode == 0
    before = hashes(home)
    result = _run_bytes(*argv, b"--home", str(home).encode())
    assert result.returncode == 2, result.stderr
    err = result.stderr.decode("utf-8")
    assert "不是有效的文字" in err and "UTF-8" in err and "\\x" in err and "Traceback" not in err
    assert b"\x1b" not in result.stderr and result.stdout == b""
    assert hashes(home) == before


def test_the_refusal_of_bytes_speaks_english_when_asked(tmp_path: Path) -> None:
    result = _run_bytes(b"find", b"\xff", b"--lang", b"en", b"--home", str(tmp_path).encode())
    assert result.returncode == 2
    assert "Argument 2, '\\xff', is not valid text" in result.stderr.decode()


def test_a_nul_passed_to_main_in_process_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["find", "a\x00b", "--home", str(tmp_path)]) == 2
    assert "「a\\x00b」" in capsys.readouterr().err


def test_the_system_refusing_a_folder_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux's /proc, where nobody (root included) makes a folder")
    home = Path("/proc/taizhang-test/home")
    assert main(["init", "--org", "測試", "--home", str(home)]) == 1
    err = capsys.readouterr().err
    assert "無法使用 /proc/taizhang-test" in err and "Traceback" not in err


@pytest.mark.parametrize(("out", "words"), [("", "沒有檔案名"), (".", "沒有檔案名"), ("{tmp}", "是一個資料夾"),
                                            ("{file}/branch.tzb", "是檔案,不是資料夾")])
def test_an_enrolment_file_that_cannot_be_written_is_refused_before_the_branch_is_added(
    village: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, words: str
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    where = out.format(tmp=tmp_path, file=afile)
    err = refused(["branch", "add", "新街支部", "--out", where], Path(village["home"]), capsys)
    assert words in err


def test_argparse_refusals_show_what_a_terminal_would_obey_as_escapes(
    village: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    home = Path(village["home"])
    err = refused(["targets", "--year", "\x1b[2J\x1b]0;pwned\x07"], home, capsys, status=2)
    assert "\x1b" not in err and "\x07" not in err and "「\\x1b[2J\\x1b]0;pwned\\x07」不是年份" in err
    err = refused(["find", "張", "-n", "9" * 5000], home, capsys, status=2)
    assert len(err) < 1000 and "9" * 40 + "…" in err


def test_an_absurd_amount_already_in_the_store_is_left_out_of_the_sums(
    village: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written by an older version or by hand, not through a model: the plan's figures leave
    it out instead of ending in decimal.InvalidOperation, and check names it."""
    home = Path(village["home"])
    journal = home / "journal.jsonl"
    text = journal.read_text(encoding="utf-8")
    assert '"dues_base":[null,"3000.00"]' in text
    journal.write_text(text.replace('"dues_base":[null,"3000.00"]', '"dues_base":[null,"1e400"]'), encoding="utf-8")
    for argv in (["dues", "--all"], ["targets"], ["todo"], ["export", "all", "--to", str(tmp_path / "all.xlsx")]):
        assert main([*argv, "--home", str(home)]) == 0, argv
    capsys.readouterr()
    assert main(["check", "--home", str(home)]) == 1
    assert "「1e400」不在 0 到 1,000,000 元之間" in capsys.readouterr().err
