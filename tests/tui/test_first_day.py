"""A new member's first day (issue 12): added today with nothing known of her dues, she is
not among those the home's 待辦 says 已達除名條件 (one whose roll says he paid up to March
is), and her record says no payment is recorded, not that she is months behind."""

from __future__ import annotations

from pathlib import Path

from tuikit import SIZE, ready, text_of  # type: ignore[import-not-found]

from storage.store import Store
from tui.app import TaizhangApp


async def test_the_home_does_not_put_a_member_added_today_up_for_removal(village: Path) -> None:
    store = Store.open(village)
    new = store.add("members", {"name": "李秀蘭", "branch": "大寨支部", "joined_on": "1995-07-01", "dues_class": "農民"})
    store.add("members", {"name": "孫建明", "branch": "大寨支部", "joined_on": "1990-07-01", "dues_class": "農民",
                          "dues_paid_to": "2026-03"})
    store.close()
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        shown = text_of(app.screen.query_one("#actions")).replace("\n", "").replace(" ", "")
        assert "已達除名條件" in shown and "孫建明(7)" in shown  # known: April to October unpaid
        assert "李秀蘭" not in shown
        app.open_record(new["id"])
        await app.workers.wait_for_complete()
        await pilot.pause()
        about = text_of(app.screen.query_one("#record-about"))
        assert "黨費交至" in about and "沒有交費記錄" in about and "欠交" not in about
