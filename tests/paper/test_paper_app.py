"""The print keys in the app: p on a register and on a record, P (the binder) and N (the
notice) on the home, each asking where to save and writing the file there."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from paperutil import pdf_pages, village
from support import ROOT, today_pinned

sys.path.insert(0, str(ROOT / "tests" / "tui"))
from tuikit import SIZE, ready, type_text  # type: ignore[import-not-found]  # noqa: E402


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    home = tmp_path_factory.mktemp("paper-app") / "home"
    with today_pinned():
        ids = village(home, members=20)
    return home, ids


@pytest.fixture(autouse=True)
def _terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


async def answer(pilot: Any, app: Any, target: Path) -> None:
    assert type(app.screen).__name__ == "AskScreen"
    assert app.screen.query_one("Input").value.endswith(".pdf")  # a file name is offered
    await pilot.press("ctrl+x")
    await type_text(pilot, str(target))
    await pilot.press("enter")
    for _ in range(200):  # written in a thread: the screen stays live meanwhile
        await pilot.pause(0.1)
        if target.exists():
            break
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_print_keys_on_the_home_a_register_and_a_record(town, tmp_path: Path) -> None:
    from tui.app import TaizhangApp

    home, ids = town
    app = TaizhangApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("P")
        await answer(pilot, app, tmp_path / "binder.pdf")
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("N")
        await answer(pilot, app, tmp_path / "notice.docx")
        await pilot.press("8")  # 黨員花名冊
        assert type(app.screen).__name__ == "RegisterScreen"
        await pilot.press("p")
        await answer(pilot, app, tmp_path / "roll.pdf")
        assert type(app.screen).__name__ == "RegisterScreen"
    binder = pdf_pages(tmp_path / "binder.pdf")
    assert "黨建示範點台賬" in binder[0] and "目錄" in binder[1]
    assert (tmp_path / "notice.docx").stat().st_size > 0
    roll = pdf_pages(tmp_path / "roll.pdf")
    assert "黨員花名冊" in roll[0] and "姓名" in roll[0]


async def test_p_on_a_record_prints_its_form_and_a_bad_folder_is_said(town, tmp_path: Path) -> None:
    from tui.app import TaizhangApp
    from tui.screens.record import RecordScreen

    home, ids = town
    app = TaizhangApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await app.push_screen(RecordScreen(ids["member"]))
        await pilot.pause()
        await pilot.press("p")
        await answer(pilot, app, tmp_path / "form.pdf")
        await pilot.press("p")
        assert type(app.screen).__name__ == "AskScreen"
        await pilot.press("ctrl+x")
        await type_text(pilot, str(tmp_path / "nowhere" / "form.pdf"))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("nowhere" in m for m in said), said
    text = pdf_pages(tmp_path / "form.pdf")[0]
    assert "黨員基本情況登記表" in text and "龐秋菊" in text
