"""Every screen at 80×24 in one language: the app walked by keys on the test village in
繁體, 简体 and English — home, each register, a record, forms and a select's list, F1,
the palette (its list, and a search that finds nothing), targets, checklist, conflicts,
the month, the sync, backup, export and import screens, a refusal — and each screen's
text read for words of another language (tests/one_language.py), outside the village's
own data. Textual's own texts (the palette's placeholder and "no matches", a select's
Esc) are among them."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from one_language import foreign, own_data
from tuikit import SIZE, ready, type_text  # type: ignore[import-not-found]

from storage.i18n import EN, HANS, HANT, LANGUAGES
from tui.app import TaizhangApp
from tui.keymap import JUMP_KEYS


def screen_text(app: Any) -> str:
    """What the terminal is sent for the screen, as text (as test_hostile_store reads it)."""
    from rich.console import Console

    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


async def walk(app: Any, pilot: Any) -> dict[str, str]:
    """Each screen's text, by what was done to show it."""
    seen: dict[str, str] = {}

    async def look(what: str, wait: float = 0.0) -> None:
        await ready(pilot)
        if wait:
            await pilot.pause(wait)
        seen[what] = screen_text(app)

    await look("home")
    registers = len([k for k in JUMP_KEYS if k <= "l" or k.isdigit()])
    for key in JUMP_KEYS[:registers]:
        await pilot.press(key)
        await look(f"register {key}")
        await pilot.press("escape")
    await pilot.press("8")  # the members' roll
    await pilot.press("enter")
    await look("a member's record")
    await pilot.press("e")
    await look("a member's form")
    await pilot.press("escape")
    await pilot.press("escape")
    await pilot.press("a")
    await look("a new member's form")
    await pilot.press("ctrl+s")
    await look("a new member's form, refused")
    await pilot.press("tab", "enter")
    await look("a select's list open")
    await pilot.press("escape", "escape")
    await ready(pilot)
    if type(app.screen).__name__ != "RegisterScreen":  # asked whether to leave what was typed
        await pilot.press("y")
    await pilot.press("slash")
    await type_text(pilot, "zgy")
    await look("the roll filtered")
    await pilot.press("enter", "b")
    await look("the branch picker")
    await pilot.press("escape", "x")
    await look("export")
    await pilot.press("escape", "i")
    await look("import")
    await pilot.press("escape")
    app.go_home()
    await pilot.press("4", "a")
    await look("a meeting's form")
    await pilot.press("escape")
    app.go_home()
    for key, what in (("t", "targets"), ("z", "checklist"), ("s", "conflicts"), ("m", "month"), ("y", "sync"),
                      ("u", "backup")):
        await pilot.press(key)
        await look(what)
        await pilot.press("escape")
        app.go_home()
    await pilot.press("f1")
    await look("F1")
    for page in range(6):
        await pilot.press("pagedown")
        await look(f"F1, page {page + 2}")
    await pilot.press("escape")
    await pilot.press("ctrl+p")
    await look("the palette", 0.3)
    await type_text(pilot, "qqxz")
    await look("the palette, nothing found", 0.8)
    await pilot.press("escape")
    return seen


@pytest.mark.parametrize("lang", list(LANGUAGES))
async def test_every_screen_is_in_one_language(lang: str, village: Path) -> None:
    from tuikit import BRANCHES, GIVEN, POSTS, SURNAMES  # type: ignore[import-not-found]

    data = [*own_data(village), *BRANCHES, *POSTS, *SURNAMES, *GIVEN.values(), "qqxz", "zgy"]  # and what was typed
    app = TaizhangApp(village, lang)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        seen = await walk(app, pilot)
    assert len(seen) > 35
    assert len({seen[f"F1, page {n}"] for n in range(2, 8)}) > 3, "F1 pages down through every key"
    wrong = {what: bad for what, text in seen.items() if (bad := foreign(text, lang, data))}
    assert not wrong, "\n".join(f"{what}: {bad}" for what, found in wrong.items() for bad in found)
    # Textual's own texts, said in ours
    palette = {HANT: "搜尋登記冊", HANS: "搜索登记册", EN: "Search registers"}[lang]
    assert palette in seen["the palette"] and "Search for commands" not in seen["the palette"]
    assert {HANT: "沒有找到", HANS: "没有找到", EN: "Nothing found"}[lang] in seen["the palette, nothing found"]
    assert "No matches" not in seen["the palette, nothing found"]
    assert {HANT: "Esc 收起選項", HANS: "Esc 收起选项", EN: "Esc Close the list"}[lang] in seen["a select's list open"]
    assert "Dismiss" not in seen["a select's list open"]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_key_on_f1_is_named_once_in_one_language(lang: str) -> None:
    from tui.keymap import help_rows

    rows = help_rows(lang)
    assert foreign("\n".join("  ".join(row) for row in rows), lang, []) == []
    keys = [(where, key) for where, key, _ in rows]
    assert len(keys) == len(set(keys)), "each key of a screen once"
    shown = {key for _, key, _ in rows}
    assert {"⏎", "↓", "PgDn", "Tab", "Shift+Tab", "Esc", "^s", "F1"} <= shown
    assert not shown & {"enter", "down", "pagedown", "shift+tab", "tab", "escape"}
