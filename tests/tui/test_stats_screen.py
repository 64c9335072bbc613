"""The statistics screen: reached from the home (v) and the palette; each chart's figures a
key away as a table, the same as ``taizhang stats --json``; pictures at 80×24."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from tuikit import ready  # type: ignore[import-not-found]

from tui.app import TaizhangApp
from tui.cli import main


def shown(app: Any) -> str:
    """The body of the statistics screen as the terminal shows it, as plain text."""
    from rich.console import Console

    screen = app.screen
    console = Console(width=80, file=io.StringIO(), record=True, color_system=None)
    console.print(screen.query_one("#stats-chart").content)
    return console.export_text()


def stats_json(home: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["stats", "--json", "--home", str(home)]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


async def test_each_chart_as_a_table_shows_the_figures_of_stats_json(
        village: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = stats_json(village, capsys)
    whole = data["scopes"][0]
    app = TaizhangApp(village, "zh-Hant", theme="taizhang")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert type(app.screen).__name__ == "StatsScreen"
        chart = shown(app)
        assert "█" in chart or "▌" in chart  # bars, drawn
        await pilot.press("t")
        await pilot.pause()
        table = [line.split() for line in shown(app).splitlines() if line.strip()]
        rows = {row[0]: row[1:] for row in table}
        for band in whole["pyramid"]:
            assert rows[band["band"]] == [str(band["men"]), str(band["women"])]
        await pilot.press("t", "b", "t")
        await pilot.pause()
        rows = {row[0]: row[1:] for row in (line.split() for line in shown(app).splitlines() if line.strip())}
        for scope in data["scopes"][1:]:
            members = next(f for f in scope["figures"] if f["key"] == "members")
            assert rows[scope["name"]] == [str(members["count"]), str(members["previous"])]
        await pilot.press("d")
        await pilot.pause()
        text = shown(app)
        for month in whole["dues"]:
            assert month["month"] in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_the_palette_opens_it(village: Path) -> None:
    app = TaizhangApp(village, "zh-Hans", theme="taizhang")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "tongji":
            await pilot.press(ch)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "StatsScreen"


def test_the_app_start_and_find_load_no_statistics() -> None:
    import subprocess
    import sys

    code = ("import sys, tui.app, tui.cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('storage.stats', 'matplotlib', 'tui.screens.stats'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
def test_snapshot(snap_compare, village: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    async def open_stats(pilot) -> None:  # type: ignore[no-untyped-def]
        await ready(pilot)
        await pilot.press("v")
        await pilot.pause()

    assert snap_compare(TaizhangApp(village, lang, theme="taizhang"), run_before=open_stats, terminal_size=(80, 24))
