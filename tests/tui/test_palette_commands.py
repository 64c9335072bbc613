"""ctrl+p reaches every command of the screen it is opened on, and the app's: for each screen,
every action the keymap binds there (and the app-wide ones: help, language, targets,
checklist, conflicts, sync, backup …) is found in the palette and run from it — typed as a
user would (the key's English word or its id), picked with Enter. The palette is read from
the keymap, so a key added to a screen is in the palette without a line here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.actions import parse
from tuikit import SIZE, ready, type_text  # type: ignore[import-not-found]

from tui import keymap
from tui.app import TaizhangApp
from tui.screens.palette import APP_WIDE, NOT_OFFERED, TaizhangCommands, obeys


async def settle(pilot: Any) -> None:
    await ready(pilot)
    await pilot.pause(0.1)


async def reach_import(app: TaizhangApp, pilot: Any, tmp: Path) -> None:
    from tui.screens.importer import plan_for

    roster = tmp / "roster.csv"
    roster.write_text("姓名,性別,聯繫電話\n周新人,女,13887400199\n", encoding="utf-8")
    await pilot.press("8")
    await settle(pilot)
    plan_for(app.screen, roster)


async def reach_attendance(app: TaizhangApp, pilot: Any, tmp: Path) -> None:
    from textual.widgets import Select

    await pilot.press("4")
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    for _ in range(40):
        if app.focused is not None and app.focused.id == "field-attendance":
            break
        if isinstance(app.focused, Select) or isinstance(getattr(app.focused, "parent", None), Select):
            select = app.focused if isinstance(app.focused, Select) else app.focused.parent
            if select.is_blank():
                await pilot.press("enter", "down", "enter")
        await pilot.press("tab")
    await pilot.press("enter")


#: How each screen is reached from the home, by keys (or, for a file to import, its path).
SCREENS: dict[str, Any] = {
    "home": (),
    "register": ("8",),
    "record": ("8", "enter"),
    "form": ("8", "a"),
    "month": ("m",),
    "targets": ("t",),
    "checklist": ("z",),
    "conflicts": ("s",),
    "help": ("f1",),
    "stats": ("v",),
    "import": reach_import,
    "attendance": reach_attendance,
}


def expected_commands(app: TaizhangApp, screen: Any) -> list[keymap.Key]:
    """Every key bound on the screen that it obeys now, and the app-wide ones."""
    scope = screen.SCOPE
    keys = [k for k in keymap.KEYS[scope]]
    keys += [k for s in APP_WIDE if s != scope for k in keymap.KEYS[s] if k.action.startswith("app.")]
    out, seen = [], set()
    for k in keys:
        if k.action in seen or k.action in NOT_OFFERED or k.id.startswith("home.jump."):
            continue
        where, name, params = parse(k.action)
        if obeys(app if where == "app" else screen, name, params):
            seen.add(k.action)
            out.append(k)
    return out


@pytest.mark.parametrize("scope", list(SCREENS))
async def test_every_command_of_the_screen_is_in_the_palette_and_runs(village: Path, tmp_path: Path, scope: str) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        how = SCREENS[scope]
        if callable(how):
            await how(app, pilot, tmp_path)
        else:
            for key in how:
                await pilot.press(key)
                await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert screen.SCOPE == scope, type(screen).__name__
        keys = expected_commands(app, screen)
        bound_here = [k for k in keys if k in keymap.KEYS[scope]]
        assert len(bound_here) >= min(2, len(keymap.KEYS[scope])), "the screen's own keys are offered"
        assert any(k.id == "app.help" for k in keys)

        ran: list[tuple[str, tuple[object, ...]]] = []
        for k in keys:
            where, name, params = parse(k.action)
            target: Any = app if where == "app" else screen

            def spy(*args: object, _name: str = name) -> None:
                ran.append((_name, args))

            setattr(target, f"action_{name}", spy)  # run, not done: each command leaves the screen as it is
        for k in keys:
            where, name, params = parse(k.action)
            before = len(ran)
            await pilot.press("ctrl+p")
            await pilot.pause()
            await type_text(pilot, k.id)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen, f"{k.id}: the palette closed onto the screen"
            assert ran[before:] == [(name, params)], f"{k.id} was not run from the palette ({ran[before:]})"
        assert len(ran) == len(keys)


async def test_the_palette_lists_a_screens_commands_in_its_language(village: Path) -> None:
    """Each command is shown by the words of its key in the language shown, with the key."""
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        for lang, export, importing in (("zh-Hant", "匯出(x)", "導入(i)"), ("zh-Hans", "导出(x)", "导入(i)"),
                                        ("en", "Export (x)", "Import (i)")):
            app.set_language(lang, save=False)
            labels = [c.label for c in TaizhangCommands(app.screen)._commands()]
            assert export in labels and importing in labels, labels
            assert any(label.startswith(("目標", "目标", "Goals")) for label in labels), "app-wide, from the home's keys"


@pytest.mark.parametrize(("query", "label"), [("daochu", "匯出(x)"), ("dc", "匯出(x)"), ("export", "匯出(x)"),
                                              ("匯出", "匯出(x)"), ("daoru", "導入(i)"), ("import", "導入(i)")])
async def test_a_command_is_found_by_pinyin_english_or_chinese(village: Path, query: str, label: str) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        provider = TaizhangCommands(app.screen)
        provider._match_style = None  # type: ignore[attr-defined]
        found = [hit.text async for hit in provider.search(query)]
        assert label in found[:3], found
