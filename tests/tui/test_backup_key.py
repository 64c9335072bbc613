"""u on the home: the whole store, encrypted, to a folder (a USB stick) — the folder, then
the passphrase twice — and the 待辦 item about backing up goes once it is done."""

from __future__ import annotations

from pathlib import Path

import pytest
from tuikit import SIZE, ready, text_of, type_text  # type: ignore[import-not-found]

from storage import backups
from storage.store import Store
from tui.app import TaizhangApp

PASSPHRASE = "老槐樹下的第一支部"


async def test_u_backs_the_whole_store_up_to_a_folder_and_the_reminder_goes(
    village: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAIZHANG_TODAY", "2027-01-10")  # 45 days after the village was made, never backed up
    stick = tmp_path / "U盤"
    stick.mkdir()
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "從未備份" in text_of(app.screen.query_one("#actions"))
        footer = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "備份" in footer
        await pilot.press("u")
        await pilot.pause()
        field = app.screen.query_one("Input")
        field.value = str(stick)
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "短")
        await pilot.press("enter")  # too short: said, nothing written
        await pilot.pause()
        assert not list(stick.iterdir()) and type(app.screen).__name__ == "HomeScreen"
        await pilot.press("u")
        await pilot.pause()
        app.screen.query_one("Input").value = str(stick)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("Input").password  # typed as dots
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        written = list(stick.iterdir())
        assert [p.name for p in written] == ["taizhang-示範村黨總支-2027-01-10.tzbak"]
        assert "從未備份" not in text_of(app.screen.query_one("#actions"))
        assert "備份" not in text_of(app.screen.query_one("#actions"))
    new = tmp_path / "新筆記本"
    backups.restore_whole(written[0], PASSPHRASE, new)
    assert Store.open(new).count("members") == Store.open(village).count("members")
