"""The home's 待辦 on a new member's first day (issue 12): added today with nothing known of
her dues, she is not among those 已達除名條件; one whose roll says she paid up to March is."""

from __future__ import annotations

from pathlib import Path

from tuikit import SIZE, ready, text_of  # type: ignore[import-not-found]

from storage.store import Store
from tui.app import TaizhangApp


async def test_the_home_does_not_put_a_member_added_today_up_for_removal(village: Path) -> None:
    store = Store.open(village)
    store.add("members", {"name": "李秀蘭", "branch": "大寨支部", "joined_on": "1995-07-01", "dues_class": "農民"})
    store.add("members", {"name": "孫建明", "branch": "大寨支部", "joined_on": "1990-07-01", "dues_class": "農民",
                          "dues_paid_to": "2026-03"})
    store.close()
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        shown = text_of(app.screen.query_one("#actions")).replace("\n", "").replace(" ", "")
        assert "已達除名條件" in shown and "孫建明(7)" in shown  # known: April to October unpaid
        assert "李秀蘭" not in shown
