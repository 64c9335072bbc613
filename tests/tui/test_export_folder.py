"""Exports from the app go to a folder the user chooses once (issue 12): the first asks for it,
offering a folder of its own (not the home directory itself); the choice is kept in
settings.toml ([ui] export_folder) and later exports — in this session or the next — go
there without a question; the palette's "export folder" changes it, and the palette's
"export the workbook" writes every register there as ``taizhang export all`` does."""

from __future__ import annotations

from pathlib import Path

import tomllib
from tuikit import SIZE, ready, type_text  # type: ignore[import-not-found]

from tui.app import TaizhangApp


def kept(home: Path) -> str | None:
    return tomllib.loads((home / "settings.toml").read_text(encoding="utf-8")).get("ui", {}).get("export_folder")


async def answer(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    assert type(pilot.app.screen).__name__ == "AskScreen"
    await pilot.press("ctrl+x")
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def palette(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await type_text(pilot, query)
    await pilot.pause(0.4)
    await pilot.press("enter")
    await pilot.pause()


async def test_the_folder_is_asked_once_and_kept(village: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    (tmp_path / "user").mkdir()
    folder = tmp_path / "exports" / "台賬"
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "x")
        offered = Path(app.screen.query_one("Input").value)
        assert offered != Path.home() and offered.name == "台賬匯出", "a folder of its own, not the home directory"
        await answer(pilot, str(folder))
        assert kept(village) == str(folder)
        await pilot.press("x")  # the second: no question
        await pilot.pause()
        assert type(app.screen).__name__ == "RegisterScreen"
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 2 and all(f.endswith(".xlsx") for f in files), files
    assert not list((tmp_path / "user").iterdir()), "nothing written to the home directory"

    app = TaizhangApp(village)  # the next session: still there, still no question
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "x")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegisterScreen"
    assert len(list(folder.iterdir())) == 3


async def test_the_palette_changes_the_folder_and_exports_the_workbook(village: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await palette(pilot, "workbook")  # no folder yet: asked for
        await answer(pilot, str(first))
        await pilot.pause(0.5)
        await palette(pilot, "export folder")
        assert str(first) in app.screen.query_one("Input").value
        await answer(pilot, str(second))
        assert kept(village) == str(second)
        await pilot.press("8", "x")
        await pilot.pause(0.5)
    [workbook] = first.iterdir()
    from openpyxl import load_workbook

    sheets = load_workbook(workbook, read_only=True).sheetnames
    assert len(sheets) > 10, sheets  # every register, the targets, the checklist
    [roll] = second.iterdir()
    assert roll.suffix == ".xlsx"


async def test_a_folder_that_cannot_be_made_is_said_and_not_kept(village: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    before = (village / "settings.toml").read_bytes()
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "x")
        await answer(pilot, str(blocker / "sub"))
        assert type(app.screen).__name__ == "RegisterScreen"
        assert any(str(blocker) in str(n.message) for n in app._notifications)
    assert (village / "settings.toml").read_bytes() == before
