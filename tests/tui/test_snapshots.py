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
    def __init__(self, severity: str, hant: str, hans: str) -> None:
        self.severity = severity
        self.words = {"zh-Hant": hant, "zh-Hans": hans}

    def message(self, lang: str) -> str:
        return self.words[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_home(snap_compare, village: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(TaizhangApp(village, lang, theme="taizhang"), run_before=ready, terminal_size=(80, 24))


@pytest.mark.parametrize("lang", LANGS)
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
