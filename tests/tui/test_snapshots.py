"""What the screens look like at 80×24, in both Chinese scripts.

Fixed clock (conftest), fixed data (tuikit's village: same members, same ids), no cursor
blink, no animation. Regenerate after a deliberate change with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tuikit import ready  # type: ignore[import-not-found]

from tui.app import TaizhangApp

LANGS = ["zh-Hant", "zh-Hans"]
ALL_LANGS = [*LANGS, "en"]


@pytest.fixture(autouse=True)
def _fixed_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    # The action panel's wording belongs to the plan's rules and changes with them; the
    # home's picture should not. A Pilot test checks the real list reaches the panel.
    from tui.screens import home

    monkeypatch.setattr(home, "plan_items", lambda store: [
        Item("alert", "3 名黨員欠交黨費 6 個月以上", "3 名党员欠交党费 6 个月以上"),
        Item("info", "本月應開支部委員會:新街支部尚未召開", "本月应开支部委员会:新街支部尚未召开"),
    ])


class Item:
    def __init__(self, severity: str, hant: str, hans: str, en: str = "") -> None:
        self.severity = severity
        self.words = {"zh-Hant": hant, "zh-Hans": hans, "en": en}

    def message(self, lang: str) -> str:
        return self.words[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_home(snap_compare, village: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(TaizhangApp(village, lang, theme="taizhang"), run_before=ready, terminal_size=(80, 24))


#: A 待辦 longer than the panel, worded as the plan's rules word it: enumerations, dates,
#: counts in brackets, a · between parts, English.
LONG_TODO = [
    Item("alert", "6 名黨員欠交黨費 6 個月以上,已達除名條件:王明(6)、陶峰興(6)、馮敏英(6)、周花芳(6)、夏輝濤(6) 等 1 人",
         "6 名党员欠交党费 6 个月以上,已达除名条件:王明(6)、陶峰兴(6)、冯敏英(6)、周花芳(6)、夏辉涛(6) 等 1 人",
         "6 members are 6 or more months behind with dues, grounds for being dropped: 王明 (6), 陶峰興 (6), "
         "馮敏英 (6), 周花芳 (6), 夏輝濤 (6) and 1 more"),
    Item("warning", "整改問題「聯繫群眾不夠經常」已過整改時限 2026-11-15(王萍花)",
         "整改问题「联系群众不够经常」已过整改时限 2026-11-15(王萍花)",
         "the item to rectify '聯繫群眾不夠經常' is past its deadline of 2026-11-15 (王萍花)"),
    Item("warning", "郝剛濤:預備期已滿一年,應討論轉正(應於 2026-10-12;如延長預備期請註明)",
         "郝刚涛:预备期已满一年,应讨论转正(应于 2026-10-12;如延长预备期请注明)",
         "郝剛濤: a year as a probationary member, to be discussed (by 2026-10-12; note it if extended)"),
    Item("info", "本月應開支部委員會:新街支部、龍潭支部尚未召開(截至 2026-11-30)",
         "本月应开支部委员会:新街支部、龙潭支部尚未召开(截至 2026-11-30)",
         "branch committee due this month: not yet held by 新街支部, 龍潭支部 (by 2026-11-30)"),
    Item("info", "目標「黨員發展」落後:2 / 3 · 差 1 人", "目标「党员发展」落后:2 / 3 · 差 1 人",
         "target 'New members' behind: 2 / 3 · 1 short"),
] * 2


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_home_with_a_long_todo(snap_compare, village: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from tui.screens import home

    monkeypatch.setattr(home, "plan_items", lambda store: LONG_TODO)
    assert snap_compare(TaizhangApp(village, lang, theme="taizhang"), run_before=ready, terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_register(snap_compare, village: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    async def open_roll(pilot) -> None:  # type: ignore[no-untyped-def]
        await ready(pilot)
        await pilot.press("8", "down", "down")

    assert snap_compare(TaizhangApp(village, lang, theme="taizhang"), run_before=open_roll, terminal_size=(80, 24))


@pytest.mark.parametrize("lang", LANGS)
def test_form_with_an_error(snap_compare, village: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    async def fill(pilot) -> None:  # type: ignore[no-untyped-def]
        await ready(pilot)
        await pilot.press("8", "a")
        for ch in "王秀英":
            await pilot.press(ch)
        for _ in range(6):
            await pilot.press("tab")
        await pilot.press(*"110105194912310021")
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(TaizhangApp(village, lang, theme="taizhang"), run_before=fill, terminal_size=(80, 24))
