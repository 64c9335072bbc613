"""Under TERM=linux (the Linux console: no emoji, no ▔▁ blocks) or with ``[ui] glyphs =
"ascii"``, no screen draws a glyph such a terminal lacks: the palette's 🔎, Textual's tall
and hkey borders (▔▁▊▎), the footer's ⏎ and ␣. Chinese and the line-drawing box it has
(─│┌) stay. ``glyphs = "unicode"`` keeps the full set whatever TERM says."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from tuikit import SIZE, ready  # type: ignore[import-not-found]

from tui.app import TaizhangApp

#: What the Linux console cannot draw, or draws as a diamond: emoji and the pictographs,
#: the block elements other than the four it has, the key names' symbols.
LACKING = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2580-\u2587\u2589-\u258B\u258D-\u258F\u2590-\u259F"
                     r"\u2594\u2595\u23CE\u2423\u2B00-\u2BFF]")


def screen_text(app: Any) -> str:
    from rich.console import Console

    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def set_ui(home: Path, **values: object) -> None:
    import tomli_w
    import tomllib

    data = tomllib.loads((home / "settings.toml").read_text(encoding="utf-8"))
    data.setdefault("ui", {}).update(values)
    (home / "settings.toml").write_text(tomli_w.dumps(data), encoding="utf-8")


async def walk(app: TaizhangApp, pilot: Any) -> dict[str, str]:
    """What each of the screens a day's work meets draws."""
    seen: dict[str, str] = {}

    async def look(name: str) -> None:
        await pilot.pause()
        seen[name] = screen_text(app)

    await ready(pilot)
    await look("home")
    await pilot.press("ctrl+p")
    await look("palette")
    for ch in "zgy":
        await pilot.press(ch)
    await pilot.pause(0.3)
    await look("palette, searching")
    await pilot.press("escape")
    await pilot.press("1")
    await ready(pilot)
    await look("register")
    await pilot.press("a")
    await look("form")
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("d")
    await look("confirm")
    await pilot.press("escape")
    app.notify("通知")
    await look("notification")
    await pilot.press("escape")
    await pilot.press("m")
    await look("month")
    await pilot.press("escape", "t")
    await ready(pilot)
    await look("targets")
    await pilot.press("escape", "f1")
    await look("help")
    return seen


@pytest.mark.parametrize(("term", "setting"), [("linux", {}), ("xterm-256color", {"glyphs": "ascii"})])
async def test_no_glyph_the_linux_console_lacks(village: Path, monkeypatch: pytest.MonkeyPatch, term: str,
                                                setting: dict[str, str]) -> None:
    monkeypatch.setenv("TERM", term)
    if setting:
        set_ui(village, **setting)
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        seen = await walk(app, pilot)
        assert app.has_class("-ascii")
    for name, text in seen.items():
        assert not LACKING.findall(text), f"{name}: {sorted(set(LACKING.findall(text)))}\n{text}"
    assert "Enter" in seen["help"] and "⏎" not in seen["help"]
    assert "黨員" in seen["register"] or "黨" in seen["home"], "Chinese is drawn as ever"


async def test_unicode_glyphs_stay_where_the_terminal_draws_them(village: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same walk in xterm, and under TERM=linux with glyphs = "unicode": the palette's 🔎
    and the tall borders are there — so the test above can fail."""
    for term, setting in (("xterm-256color", {}), ("linux", {"glyphs": "unicode"})):
        monkeypatch.setenv("TERM", term)
        if setting:
            set_ui(village, **setting)
        app = TaizhangApp(village)
        async with app.run_test(size=SIZE) as pilot:
            seen = await walk(app, pilot)
            assert not app.has_class("-ascii")
        assert "🔎" in seen["palette"] and "⏎" in seen["help"] and "▔" in seen["palette"]


def test_the_glyphs_setting_is_validated(village: Path) -> None:
    from tui.cli import main

    set_ui(village, glyphs="wide")
    before = (village / "settings.toml").read_bytes()
    assert main(["registers", "--home", str(village)]) == 1
    assert (village / "settings.toml").read_bytes() == before


async def test_the_first_run_under_the_linux_console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No settings yet: TERM alone decides."""
    monkeypatch.setenv("TERM", "linux")
    app = TaizhangApp(tmp_path / "new")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert app.has_class("-ascii") and "建立" in shown
    assert not LACKING.findall(shown), shown
