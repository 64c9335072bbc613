"""Bounded work: an import looks at a file's size, sheets and rows before it reads it and
refuses past the limits of the home's ``[limits]`` (which may raise them), naming the file,
the limit and what to do; a file that is not a regular file is refused before it is
opened; ``demo --members`` has a ceiling. Every refusal exits 1 and leaves the home byte
for byte as it was."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from hostile import tree_hashes, zip_bomb
from openpyxl import Workbook

from storage import settings as settings_mod
from tui.cli import main

HEADER = "姓名,所在支部,家庭住址\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    home = tmp_path / "home"
    assert run(capsys, "init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(home))[0] == 0
    assert run(capsys, "add", "members", "--set", "姓名=張桂英", "--set", "branch=第一支部", "--home", str(home))[0] == 0
    return home


def refused(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> str:
    """Run an import that must be refused; the message, once the home is seen unchanged."""
    before = tree_hashes(home)
    code, out, err = run(capsys, *argv, "--home", str(home))
    assert code == 1, (out, err)
    assert "Traceback" not in err and err.strip()
    assert tree_hashes(home) == before
    return err


def set_limits(home: Path, **limits: int) -> None:
    config = settings_mod.load(home)
    assert config is not None
    for name, value in limits.items():
        setattr(config.limits, name, value)
    settings_mod.save(home, config)


def name(n: int) -> str:
    digits = "〇一二三四五六七八九"
    return "李" + "".join(digits[int(d)] for d in str(n))


def roster(path: Path, rows: int, address: str = "大寨村") -> Path:
    path.write_text(HEADER + "".join(f"{name(n)},第一支部,{address}\n" for n in range(rows)), encoding="utf-8-sig")
    return path


# -- workbooks: looked at before they are unpacked ----------------------------------------------


def test_a_zip_bomb_is_refused_from_its_table_of_contents(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = zip_bomb(tmp_path / "花名冊.xlsx", 300 << 20)  # 300 MiB unpacked, 300 KB on disk
    assert bomb.stat().st_size < 1 << 20

    def unpacked(*args: object, **kwargs: object) -> None:
        raise AssertionError("a part of the bomb was opened for unpacking")

    monkeypatch.setattr(zipfile.ZipFile, "open", unpacked)  # nothing may be inflated to refuse it
    err = refused(capsys, home, "import", "members", str(bomb))
    assert str(bomb) in err and "300.0 MiB" in err and "256.0 MiB" in err and "import_megabytes" in err


def test_a_part_packed_past_any_real_workbook_is_refused(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = zip_bomb(tmp_path / "花名冊.xlsx", 50 << 20)  # under the size limit, packed a thousand times
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: (_ for _ in ()).throw(AssertionError("unpacked")))
    err = refused(capsys, home, "import", "members", str(bomb), "--lang", "en")
    assert "xl/worksheets/sheet1.xml" in err and "zip bomb" in err and "packing_ratio" in err


def test_a_workbook_of_too_many_sheets(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = Workbook()
    wb.active.append(["姓名", "所在支部"])
    for n in range(64):
        wb.create_sheet(f"第{n}張")
    path = tmp_path / "many.xlsx"
    wb.save(path)
    err = refused(capsys, home, "import", "members", str(path), "--lang", "zh-Hans")
    assert "65 张工作表" in err and "64" in err and "import_sheets" in err


def with_dimension(path: Path, ref: str) -> Path:
    """The same workbook, its sheet claiming the range ``ref`` (as a hostile file may)."""
    out = path.with_name("claims-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                start = data.index(b"<dimension")
                data = data[:start] + f'<dimension ref="{ref}"/>'.encode() + data[data.index(b"/>", start) + 2:]
            dst.writestr(info, data)
    return out


def test_rows_a_sheet_claims_are_counted_before_it_is_read(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = Workbook()
    wb.active.append(["姓名", "所在支部"])
    wb.active.append(["李國華", "第一支部"])
    wb.save(tmp_path / "roster.xlsx")
    claims = with_dimension(tmp_path / "roster.xlsx", "A1:B1048576")
    err = refused(capsys, home, "import", "members", str(claims))
    assert "1,048,576 行" in err and "200,000" in err and "import_rows" in err
    # A sheet whose range runs to the last column of Excel is not read padded to it.
    wide = with_dimension(tmp_path / "roster.xlsx", "A1:XFD2")
    code, out, err = run(capsys, "import", "members", str(wide), "--dry-run", "--home", str(home))
    assert code == 0, err


def test_rows_past_the_limit_are_not_read_and_a_setting_raises_it(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_limits(home, import_rows=50)
    path = roster(tmp_path / "roster.csv", 60)
    err = refused(capsys, home, "import", "members", str(path))
    assert "有 50+ 行,超過導入的上限 50 行" in err and "settings.toml 中 [limits] 裡調高 import_rows" in err
    wb = Workbook()
    for n in range(60):
        wb.active.append([name(n), "第一支部"])
    wb.save(tmp_path / "roster.xlsx")
    assert "import_rows" in refused(capsys, home, "import", "members", str(tmp_path / "roster.xlsx"))
    set_limits(home, import_rows=100)
    code, out, err = run(capsys, "import", "members", str(path), "--dry-run", "--home", str(home))
    assert code == 0, err


def test_a_file_larger_than_the_limit(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_limits(home, import_megabytes=1)
    path = roster(tmp_path / "roster.csv", 40_000)  # about 1.3 MB
    assert path.stat().st_size > 1 << 20
    err = refused(capsys, home, "import", "members", str(path), "--lang", "en")
    assert "1.0 MiB" in err and "import_megabytes" in err and "Nothing in the store was changed" in err


def test_a_cell_longer_than_any_field_holds(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storage.fields import LONG_TEXT_MAX
    from storage.settings import LimitsSection

    assert LimitsSection().cell_characters == LONG_TEXT_MAX  # the import and the fields agree
    path = roster(tmp_path / "roster.csv", 3, address="村" * 60_000)
    err = refused(capsys, home, "import", "members", str(path))
    assert "第 2 行 C 列的內容有 60,000 個字,一格最多 50,000 個字" in err
    path = roster(tmp_path / "huge.csv", 1, address="村" * 200_000)  # past csv's own field limit too
    assert "cell_characters" in refused(capsys, home, "import", "members", str(path))


def test_a_row_wider_than_the_limit(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(HEADER + "李國華,第一支部" + "," * 1_200 + "\n", encoding="utf-8")
    err = refused(capsys, home, "import", "members", str(path))
    assert "第 2 行有 1,202 列,超過導入的上限 1,000 列" in err


def test_limits_in_settings_are_validated(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open(home / "settings.toml", encoding="utf-8") as f:
        text = f.read()
    (home / "settings.toml").write_text(text.replace("import_rows = 200000", "import_rows = -5"), encoding="utf-8")
    code, _, err = run(capsys, "import", "members", "x.csv", "--dry-run", "--home", str(home))
    assert code == 1 and "limits.import_rows" in err


# -- what is not a regular file ------------------------------------------------------------------


def test_an_import_refuses_what_is_not_a_regular_file_without_opening_it(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "名冊.xlsx"
    folder.mkdir()
    assert "資料夾" in refused(capsys, home, "import", "members", str(folder))
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    assert "設備" in refused(capsys, home, "import", "members", str(zero))
    # A named pipe would block its open for ever: this returns at once, or never.
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    linked = tmp_path / "linked.xlsx"
    linked.symlink_to(pipe)
    for path in (pipe, linked):
        err = refused(capsys, home, "import", "members", str(path), "--lang", "en")
        assert f"{path} is not a regular file (it is a named pipe)" in err


# -- demo --members ---------------------------------------------------------------------------------


@pytest.mark.parametrize("members", ["99999999999999999999", "-1", "0", "200001"])
def test_demo_members_past_the_ceiling(tmp_path: Path, capsys: pytest.CaptureFixture[str], members: str) -> None:
    folder = tmp_path / "demo"
    code, _, err = run(capsys, "demo", "--no-tui", "--members", members, "--home", str(folder))
    assert code == 1 and "1 到 200,000" in err and members in err
    assert not folder.exists()


def test_demo_members_not_a_number_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["demo", "--no-tui", "--members", "abc", "--home", str(tmp_path / "demo")])
    assert stop.value.code == 2 and "--members" in capsys.readouterr().err
