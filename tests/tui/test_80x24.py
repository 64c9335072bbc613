"""80×24 first: every key of a screen in its footer, the columns worth their room in a
register, in each of the three languages."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from tuikit import SIZE, ready, type_text  # type: ignore[import-not-found]

from storage.text import width
from tui.app import TaizhangApp
from tui.keymap import JUMP_KEYS

LANGS = ["zh-Hant", "zh-Hans", "en"]


def screen_lines(app: TaizhangApp) -> list[str]:
    """What the terminal shows, line by line."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def footer_keys(app: TaizhangApp) -> list[str]:
    """Each key the screen's footer is to show, as it shows it: "key description" (one
    per action, as textual's footer shows them)."""
    shown: dict[str, str] = {}
    for _, binding, _enabled, _tooltip in app.screen.active_bindings.values():
        if binding.show and binding.action not in shown:
            shown[binding.action] = f"{app.get_key_display(binding)} {binding.description}".strip()
    return list(shown.values())


async def footer_holds_every_key(pilot: Any, where: str) -> None:
    from textual.widgets import Footer

    app = pilot.app
    for _ in range(3):  # the footer is laid out again after the bindings settle
        await pilot.pause()
    footer = app.screen.query_one(Footer)
    region = footer.region
    assert region.height >= 1 and region.bottom <= SIZE[1], where
    lines = screen_lines(app)[region.y:region.bottom]
    wanted = footer_keys(app)
    assert wanted, where
    missing = [key for key in wanted if not any(key in line for line in lines)]
    assert not missing, f"{where} ({app.lang}): {missing} not in the footer {lines}"


async def back_home(pilot: Any) -> None:
    from tui.screens.home import HomeScreen

    for _ in range(8):
        if isinstance(pilot.app.screen, HomeScreen):
            return
        pilot.app.pop_screen()
        await pilot.pause()
    raise AssertionError(f"stuck on {pilot.app.screen}")


@pytest.mark.parametrize("lang", LANGS)
async def test_every_screen_shows_every_key_of_it_at_80x24(village: Path, tmp_path: Path, lang: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("姓名,所屬支部,聯繫電話,愛好\n李秀蘭,大寨支部,13887400124,唱歌\n", encoding="utf-8")
    app = TaizhangApp(village, lang, theme="taizhang")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)

        async def visit(where: str, *keys: str, then: Callable[[], Awaitable[None]] | None = None,
                        screen: str | None = None) -> None:
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            if screen is not None:
                assert type(app.screen).__name__ == screen, (where, app.screen)
            await footer_holds_every_key(pilot, where)
            if then is not None:
                await then()

        await visit("home", screen="HomeScreen")
        entries = app.screen.entries
        for n in range(len(entries)):
            await visit(f"register {entries[n][2]}", JUMP_KEYS[n], screen="RegisterScreen")
            await back_home(pilot)

        # A register's own dialogs, a record and its form, an import.
        await visit("branch picker", "8", "b", screen="PickerScreen")
        await pilot.press("escape")
        await visit("delete?", "d", screen="ConfirmScreen")
        await pilot.press("escape")
        await visit("export to", "x", screen="AskScreen")
        await pilot.press("escape")
        await visit("record", "enter", screen="RecordScreen")
        await visit("form", "e", screen="RecordForm")
        await back_home(pilot)
        await visit("import from", "8", "i", screen="AskScreen")
        await pilot.press("ctrl+x")
        await type_text(pilot, str(roster))
        await visit("import", "enter", screen="ImportScreen")
        await visit("map a column", "m", screen="FieldChooser")
        await back_home(pilot)

        # A meeting's roll.
        await visit("new meeting", "4", "a", screen="RecordForm")
        for _ in range(20):
            if app.focused is not None and app.focused.id == "field-attendance":
                break
            await pilot.press("tab")
        await visit("attendance", "enter", screen="AttendanceScreen")
        await back_home(pilot)

        # The home's own screens.
        await visit("month", "m", screen="MonthScreen")
        await back_home(pilot)
        await visit("targets", "t", screen="TargetsScreen")
        await back_home(pilot)
        await visit("checklist", "z", screen="ChecklistScreen")
        await visit("tick", "t")
        await back_home(pilot)
        await visit("conflicts", "s", screen="ConflictsScreen")
        await back_home(pilot)
        await visit("sync folder", "y", screen="AskScreen")
        await back_home(pilot)
        await visit("backup folder", "u", screen="AskScreen")
        await back_home(pilot)
        await visit("help", "f1", screen="HelpScreen")
        await back_home(pilot)


@pytest.mark.parametrize("lang", LANGS)
async def test_first_run_shows_every_key_at_80x24(home: Path, lang: str) -> None:
    app = TaizhangApp(home, lang, theme="taizhang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "FirstRunScreen"
        await footer_holds_every_key(pilot, "first run")


@pytest.mark.parametrize("lang", LANGS)
async def test_the_members_register_shows_name_branch_and_a_whole_phone_at_80_columns(
        village: Path, lang: str) -> None:
    from storage import catalogue

    app = TaizhangApp(village, lang, theme="taizhang")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8")
        await pilot.pause()
        table = app.screen.query_one("VirtualTable")
        member = app.store.table("members")[table.current]
        branch = app.store.name_of("branches", member["branch"])
        assert len(member["phone"]) == 11
        lines = screen_lines(app)
        reg = catalogue.get("members")
        header = next(line for line in lines if reg.label("name", lang) in line)
        for field in ("name", "branch", "phone"):
            assert reg.label(field, lang) in header, (field, header)
        [row] = [line for line in lines if line.startswith(member["name"])]
        assert branch in row and member["phone"] in row, row
        assert "id_number" not in table.shown_columns()  # the masked 身份證號 gave way first
        # → brings what gave way into sight: the 身份證號, masked.
        await pilot.press("right", "right", "right")
        [row] = [line for line in screen_lines(app) if line.startswith(member["name"])]
        assert member["id_number"][:4] + "**********" + member["id_number"][-4:] in row


def test_columns_give_way_lowest_priority_first_and_headers_before_columns() -> None:
    from tui.widgets.table import Column, fitted

    columns = [Column("name", "Name", 8), Column("id", "ID", 18, priority=-2), Column("post", "Post", 12, priority=-1),
               Column("long", "A long header", 13, least=5), Column("phone", "Phone", 12)]
    assert fitted(columns, 100) == [(0, 8), (1, 18), (2, 12), (3, 13), (4, 12)]
    # 68 wanted in 60: every column fits once the long header is cut to its data
    assert fitted(columns, 60) == [(0, 8), (1, 18), (2, 12), (3, 5), (4, 12)]
    # 50: then the lowest priority gives way, whole (moved past the edge), and no header is cut
    assert fitted(columns, 50) == [(0, 8), (2, 12), (3, 13), (4, 12), (1, 18)]
    # 45: a header is cut only as far as needed
    assert fitted(columns, 45) == [(0, 8), (2, 12), (3, 9), (4, 12), (1, 18)]
    # 30: the next gives way too; the pinned first column never does
    assert fitted(columns, 30) == [(0, 8), (3, 7), (4, 12), (1, 18), (2, 12)]
    assert fitted(columns, 5)[0] == (0, 8)


# -- the home's 待辦 -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from support import today_pinned  # type: ignore[import-not-found]

    from tui.cli import main

    home = tmp_path_factory.mktemp("demo") / "home"
    with today_pinned():
        assert main(["demo", "--no-tui", "--home", str(home)]) == 0
    return home


@pytest.fixture
def demo(_demo: Path, tmp_path: Path) -> Path:
    import shutil

    home = tmp_path / "demo"
    shutil.copytree(_demo, home)
    return home


async def test_the_home_todo_scrolls_to_every_item_and_opens_the_one_under_the_cursor(
        demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from tui.cli import main

    capsys.readouterr()
    assert main(["todo", "--json", "--home", str(demo)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) > 10

    app = TaizhangApp(demo, theme="taizhang")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        home = app.screen
        panel = home.query_one("#actions")
        assert panel.option_count == len(listed)
        assert panel.region.bottom <= SIZE[1] - 1  # above the footer
        lines = sum(len(home.action_lines(item).splitlines()) for item in home.items)
        assert lines > 2 * panel.region.height  # far more than the panel holds at 80×24

        await pilot.press("tab")
        assert app.focused is panel
        # Every item is reached, the last one scrolled into sight.
        await pilot.press("end")
        await pilot.pause()
        assert panel.highlighted == len(listed) - 1
        assert panel.scroll_y > 0
        last_words = home.action_lines(home.items[-1]).splitlines()[-1].strip()
        assert any(last_words in line for line in screen_lines(app)), last_words
        await pilot.press("home", "pagedown")
        assert panel.highlighted > 1
        await pilot.press("home", "down")
        assert panel.highlighted == 1

        def index_of(kind: str, count: int | None = None) -> int:
            for n, item in enumerate(listed):
                ids = [rid for e in item["records"] for rid in e["ids"]]
                if item["kind"] == kind and (count is None or (len(ids) == 1) == (count == 1)):
                    return n
            raise AssertionError(f"no {kind} in the demo's to-do list")

        async def open_item(n: int) -> None:
            await pilot.press("home")
            for _ in range(n):
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()

        # Members behind with their dues: the roll, narrowed to them.
        n = index_of("dues", count=2)
        await open_item(n)
        assert type(app.screen).__name__ == "RegisterScreen" and app.screen.reg.slug == "members"
        assert sorted(app.screen.query_one("VirtualTable").rows) == sorted(listed[n]["records"][0]["ids"])
        await pilot.press("escape")
        assert app.screen is home and app.focused is panel

        # A rectification past its deadline: its record.
        n = index_of("rectification", count=1)
        await open_item(n)
        assert type(app.screen).__name__ == "RecordScreen"
        assert app.screen.rid == listed[n]["records"][0]["ids"][0]
        await pilot.press("escape")

        # A meeting not yet held: the meetings, to record it.
        n = index_of("meeting_due")
        await open_item(n)
        assert type(app.screen).__name__ == "RegisterScreen" and app.screen.reg.slug == "meetings"
        await pilot.press("escape")

        # ← goes back to the registers, whose keys work as before.
        await pilot.press("left")
        assert app.focused is home.query_one("#registers")


@pytest.mark.parametrize("lang", LANGS)
async def test_the_todo_wraps_by_the_rules_at_80_columns(demo: Path, lang: str) -> None:
    from tui.widgets.wrap import NO_LINE_START

    app = TaizhangApp(demo, lang, theme="taizhang")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        home = app.screen
        room = home.side_width()
        for item in home.items:
            lines = home.action_lines(item).split("\n")
            for line in lines:
                assert len(line.rstrip()) and width(line) <= room, lines
                assert line.strip() not in ("·", "!"), lines
            for line in lines[1:]:
                assert line.startswith("  ") and line[2] not in NO_LINE_START, lines
            for date in re.findall(r"\d{4}-\d{2}-\d{2}", item.message(lang)):
                assert any(date in line for line in lines), (date, lines)


def test_what_gives_way_is_a_column_of_the_register() -> None:
    from storage import catalogue

    for reg in catalogue.registers():
        assert set(reg.give_way) <= set(reg.columns[1:]), reg.slug  # (the first is pinned)
        assert len(set(reg.give_way)) == len(reg.give_way), reg.slug


async def test_the_todo_is_wrapped_again_when_the_terminal_changes_width(demo: Path) -> None:
    app = TaizhangApp(demo, theme="taizhang")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        home = app.screen
        narrow = home.query_one("#actions").get_option_at_index(0).prompt
        await pilot.resize_terminal(120, 30)
        for _ in range(3):
            await pilot.pause()
        wide = home.query_one("#actions").get_option_at_index(0).prompt
        assert len(str(wide).splitlines()) < len(str(narrow).splitlines())
        assert max(width(line) for line in str(wide).splitlines()) > home.side_width() - 12 > 40
