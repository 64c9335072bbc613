"""The app closes a home left readable by others as it opens it, and says so once."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tuikit import SIZE, ready  # type: ignore[import-not-found]

from tui.app import TaizhangApp


async def test_the_app_closes_a_readable_home_and_says_so_once(village: Path) -> None:
    os.chmod(village, 0o755)
    for path in village.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        said = [str(n.message) for n in app._notifications]
        assert sum("只有你能讀寫" in m for m in said) == 1, said
    assert stat.S_IMODE(village.stat().st_mode) == 0o700
    assert stat.S_IMODE((village / "journal.jsonl").stat().st_mode) == 0o600
    assert stat.S_IMODE((village / "registers" / "members.json").stat().st_mode) == 0o600
    again = TaizhangApp(village)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not any("只有你能讀寫" in str(n.message) for n in again._notifications)
