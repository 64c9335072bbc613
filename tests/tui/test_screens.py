"""Each screen's promises beyond the main walk: language, help, palette, read-only,
the terminal checks, the filter's matching, sort and branch, guards, the month view."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from tuikit import SIZE, ready, text_of, type_text  # type: ignore[import-not-found]

from storage import index
from storage.store import Store
from tui import keymap
from tui.app import TaizhangApp, encoding_problem, few_colours, launch_options, run_app

# -- language -------------------------------------------------------------------------


async def test_f2_switches_the_language_everywhere_and_remembers_it(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.lang == "zh-Hant"
        await pilot.press("8")
        assert "黨員花名冊" in text_of(app.screen.query_one("#title-bar"))
        await pilot.press("f2")
        assert app.lang == "zh-Hans"
        assert "党员花名册" in text_of(app.screen.query_one("#title-bar"))
        assert "性别" in app.screen.query_one("VirtualTable").columns[1].label
        footer = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "筛选" in footer and "篩選" not in footer
        await pilot.press("escape")
        assert "党员花名册" in str(app.screen.query_one("#registers").get_option_at_index(7).prompt)
        await pilot.press("f2")
        assert app.lang == "en" and "Roll of party members" in str(app.screen.query_one("#registers").get_option_at_index(7).prompt)
    assert 'language = "en"' in (village / "settings.toml").read_text(encoding="utf-8")
    again = TaizhangApp(village)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.lang == "en"


async def test_the_language_comes_from_lang_when_the_settings_say_nothing(village: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.lang == "zh-Hans" and "党员花名册" in str(app.screen.query_one("#registers").get_option_at_index(7).prompt)


# -- keys, help, palette ------------------------------------------------------------------


def test_every_binding_has_an_id_and_a_description_in_three_languages() -> None:
    from tui.screens import attendance, confirm, first_run, form, help, home, month, picker, record, register
    from tui.widgets.table import VirtualTable

    classes = [TaizhangApp, VirtualTable, home.HomeScreen, register.RegisterScreen, record.RecordScreen,
               form.RecordForm, attendance.AttendanceScreen, month.MonthScreen, picker.PickerScreen,
               confirm.ConfirmScreen, help.HelpScreen, first_run.FirstRunScreen]
    for cls in classes:
        for binding in cls.BINDINGS:
            assert binding.id and binding.description, (cls.__name__, binding)
    ids = [k.id for keys in keymap.KEYS.values() for k in keys]
    assert len(ids) == len(set(ids)), "binding ids are unique"
    for keys in keymap.KEYS.values():
        for k in keys:
            assert all(k.text.variants()), k.id


async def test_a_laptop_whose_date_went_back_is_told_so_on_opening(village: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not any("電腦的日期" in str(n.message) for n in app._notifications)
    monkeypatch.setenv("TAIZHANG_TODAY", "2000-01-01")  # a flat clock battery
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        said = [str(n.message) for n in app._notifications]
        assert any("電腦的日期是 2000-01-01" in m and "核對日期" in m for m in said), said


async def test_f1_lists_every_key(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "f1")
        help_screen = app.screen
        assert type(help_screen).__name__ == "HelpScreen"
        shown = {(where, key, what) for where, key, what in help_screen.rows}
        for scope, keys in keymap.KEYS.items():
            for k in keys:
                if not k.id.startswith("home.jump."):
                    assert (keymap.SCOPES[scope]("zh-Hant"), k.key_display or keymap.key_name(k.key), k.text("zh-Hant")) in shown, k.id
        await pilot.press("escape")
        assert type(app.screen).__name__ == "RegisterScreen"


async def test_the_palette_finds_a_person_by_initials_and_opens_a_register(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "zgy")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "RecordScreen"
        assert "張桂英" in text_of(app.screen.query_one("#title-bar"))
        await pilot.press("ctrl+p")
        await type_text(pilot, "meetings")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegisterScreen" and app.screen.reg.slug == "meetings"


# -- the register ------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["張", "张", "zhang", "zgy", "ZGY", "ｚｇｙ", "桂英", "guiying", "13"])
async def test_the_filter_matches_as_find_does(village: Path, query: str) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "slash")
        await type_text(pilot, query)
        await pilot.pause()
        shown = set(app.screen.query_one("VirtualTable").rows)
    found = {hit["id"] for hit in index.find(village, query, register="members", limit=0)}
    assert shown == found and (query == "13" or shown)


async def test_typing_narrows_and_escape_brings_every_row_back(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "slash")
        table = app.screen.query_one("VirtualTable")
        counts = []
        for ch in "zgy":
            await pilot.press(ch)
            counts.append(len(table.rows))
        assert counts[0] >= counts[1] >= counts[2] >= 1
        assert "條" in text_of(app.screen.query_one("#status"))
        await pilot.press("escape")
        assert len(table.rows) == 30 and app.focused is table
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_sort_by_a_column_and_keep_one_branch(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8")
        screen = app.screen
        table = screen.query_one("VirtualTable")
        await pilot.press("s")  # by name: in pinyin order, as a phone book (not by code point)
        names = [app.store.table("members")[rid]["name"] for rid in table.rows]
        said = ["".join(index.syllables(n, name=True)) for n in names]
        assert screen.sort_field == "name" and said == sorted(said) and names != sorted(names)
        await pilot.press("s", "s")  # gender, birth date
        assert screen.sort_field == "birth_date"
        born = [app.store.table("members")[rid]["birth_date"] for rid in table.rows]
        assert born == sorted(born)
        await pilot.press("S")
        born = [app.store.table("members")[rid]["birth_date"] for rid in table.rows]
        assert born == sorted(born, reverse=True)
        await pilot.press("b")
        await type_text(pilot, "xinjie")
        await pilot.press("enter")
        branch = app.store.resolve_reference("branches", "新街支部")
        assert table.rows and all(app.store.table("members")[rid]["branch"] == branch for rid in table.rows)
        assert len(table.rows) == 10 and "新街支部" in text_of(screen.query_one("#status"))


async def test_delete_asks_first_and_refuses_what_is_still_referred_to(village: Path) -> None:
    store = Store.open(village)
    lonely = store.add("members", {"name": "錢單身", "branch": "大寨支部"})["id"]
    store.close()
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "slash")
        await type_text(pilot, "qds")
        await pilot.press("enter", "d")
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        assert not app.store.table("members")[lonely].get("_d")
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.store.table("members")[lonely].get("_d")
        # 張桂英 is on meetings' rolls and in the dues book: the store refuses, the app says why.
        await pilot.press("escape", "slash")
        await type_text(pilot, "zgy")
        await pilot.press("enter", "d", "y")
        await pilot.pause()
        [zgy] = [r for r in app.store.records("members") if r["name"] == "張桂英"]
        assert not zgy.get("_d")
        assert any("不能刪除" in str(n.message) for n in app._notifications)


async def test_leaving_a_form_with_changes_asks_first(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "a")
        await type_text(pilot, "陳新人")
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        assert type(app.screen).__name__ == "RecordForm"
        await pilot.press("escape", "y")
        assert type(app.screen).__name__ == "RegisterScreen"
        assert not any(r["name"] == "陳新人" for r in app.store.records("members"))
        await pilot.press("a", "escape")  # nothing typed: no question
        assert type(app.screen).__name__ == "RegisterScreen"


async def test_a_member_record_shows_what_other_registers_say(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "enter")  # 張桂英, the first of the roll
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        about = text_of(screen.query_one("#record-about"))
        assert "黨費交至" in about and "2026-05" in about
        assert "今年參加會議" in about and "出席" in about
        history = text_of(screen.query_one("#record-history"))
        assert "修改歷史" in history and "新建" in history
        assert "5303**********" in text_of(screen.query_one("#record-fields"))
        await pilot.press("e")
        assert type(app.screen).__name__ == "RecordForm"
        await pilot.press("tab", "tab", "tab")  # to 民族
        await type_text(pilot, "彝族")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "RecordScreen"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "彝族" in text_of(app.screen.query_one("#record-history"))


async def test_the_month_view_counts_what_each_branch_held(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("m")
        screen = app.screen
        assert type(screen).__name__ == "MonthScreen"
        branch = app.store.resolve_reference("branches", "大寨支部")
        cells = dict(zip([c.key for c in screen.query_one("VirtualTable").columns], screen.cells(branch)))
        assert cells["committee"] == "1 ✓" and cells["general"] == "1 ✓"  # November; October's 大會 counts for Q4
        assert cells["group"] == "0 …"  # November is not over (the clock says the 26th)
        await pilot.press("left")
        cells = dict(zip([c.key for c in screen.query_one("VirtualTable").columns], screen.cells(branch)))
        assert cells["group"] == "0 ✗" and "10 月" in text_of(screen.query_one("#month-title"))


# -- opening ------------------------------------------------------------------------------


async def test_read_only_when_another_process_is_writing(village: Path) -> None:
    from storage.files import WriteLock

    lock = WriteLock(village)
    lock.acquire()  # another writer (a held lock on its own open file)
    try:
        app = TaizhangApp(village)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert app.readonly
            assert "唯讀" in text_of(app.screen.query_one("#title-bar"))
            assert "另一個程序正在寫入" in text_of(app.screen.query_one("#organisation"))
            await pilot.press("8")
            assert not app.screen.check_action("add", ())
            await pilot.press("a")
            assert type(app.screen).__name__ == "RegisterScreen"
    finally:
        lock.release()


async def test_first_run_can_open_the_demo(home: Path) -> None:
    app = TaizhangApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+d")
        await ready(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.store.settings.store.demo and app.store.count("members") > 0
    assert not home.exists(), "the demo lives in a folder of its own"


async def test_a_broken_settings_file_is_a_message_not_a_traceback(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "settings.toml").write_text("[store\nthis is not toml", encoding="utf-8")
    app = TaizhangApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert type(app.screen).__name__ == "ProblemScreen"
        assert "settings.toml" in text_of(app.screen.query_one("#problem-message"))
        await pilot.press("q")
    assert app.return_code == 1  # as the command line's: the store could not be opened


async def test_a_big_register_paints_its_first_rows_before_reading_the_rest(village: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui.app
    from tui.screens.register import RegisterScreen

    monkeypatch.setattr(tui.app, "BIG_FILE", 1000)  # every register file counts as big here
    monkeypatch.setattr(TaizhangApp, "start_loading", lambda self: None)
    seen: dict = {}
    finish = RegisterScreen.finish_loading

    def finishing(screen: RegisterScreen) -> None:  # what was on screen before the rest was read
        seen.update(preview=screen.preview, rows=len(screen.query_one("VirtualTable").rows),
                    loaded=screen.store.loaded("members"))
        finish(screen)

    monkeypatch.setattr(RegisterScreen, "finish_loading", finishing)
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not app.store.loaded("members")
        await pilot.press("8")
        for _ in range(100):
            if seen and not app.screen.preview:
                break
            await pilot.pause(0.02)
        assert seen == {"preview": True, "rows": 30, "loaded": False}, "painted from the head of the file"
        assert app.store.loaded("members") and len(app.screen.query_one("VirtualTable").rows) == 30


# -- the terminal ---------------------------------------------------------------------------


class _Stream(io.StringIO):
    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


@pytest.mark.parametrize(
    ("environ", "stream", "problem"),
    [
        ({"LANG": "zh_TW.UTF-8"}, "utf-8", None),
        ({"LANG": "zh_CN.utf8"}, "utf-8", None),
        ({"LANG": "zh_CN.GBK"}, "utf-8", "GBK"),
        ({"LANG": "zh_TW.Big5"}, "utf-8", "Big5"),
        ({"LANG": "zh_CN"}, "utf-8", "GB2312"),
        ({"LC_ALL": "en_US.ISO-8859-1", "LANG": "zh_TW.UTF-8"}, "utf-8", "ISO-8859-1"),
        # The C locale promises ASCII: told, not drawn in (issue 12; these were None before).
        ({"LANG": "C"}, "utf-8", "ANSI_X3.4-1968"),
        ({}, "utf-8", "ANSI_X3.4-1968"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "utf-8", "ANSI_X3.4-1968"),
        ({"LANG": "C.UTF-8"}, "utf-8", None),
        ({"LANG": "zh_TW.UTF-8"}, "ascii", "ascii"),
    ],
)
def test_the_terminal_encoding_is_checked(environ: dict, stream: str, problem: str | None) -> None:
    assert encoding_problem(environ, _Stream(stream)) == problem


def test_a_non_utf8_terminal_is_told_how_to_fix_it(home: Path, monkeypatch, capfd) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "zh_CN.GBK")
    assert run_app(home) == 1
    err = capfd.readouterr().err
    assert "export LANG=" in err and "UTF-8" in err and not home.exists()


def set_ui(home: Path, **values: object) -> None:
    import tomli_w
    import tomllib

    data = tomllib.loads((home / "settings.toml").read_text(encoding="utf-8"))
    data.setdefault("ui", {}).update(values)
    (home / "settings.toml").write_text(tomli_w.dumps(data), encoding="utf-8")


def test_sixteen_colours_mouse_and_ascii_borders(village: Path) -> None:
    assert few_colours({"TERM": "linux"}) and few_colours({"TERM": "vt100"})
    assert not few_colours({"TERM": "xterm-256color"}) and not few_colours({"TERM": "linux", "COLORTERM": "truecolor"})
    assert launch_options(village) == {"mouse": False}
    set_ui(village, mouse=True)
    assert launch_options(village) == {"mouse": True}


async def test_ascii_borders_and_the_sixteen_colour_theme(village: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TERM", "linux")
    set_ui(village, ascii_borders=True, theme="taizhang-truecolor")
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.theme == "taizhang" and app.current_theme.ansi, "TERM=linux keeps the terminal's colours"
        assert app.has_class("-ascii") and app.animation_level == "none"
        await pilot.press("8", "d")
        dialog = app.screen.query_one(".dialog")
        assert dialog.styles.border.top[0] == "ascii"
        assert dialog.styles.border.bottom[0] == "ascii"


def test_the_app_module_imports_no_storage_model_before_the_first_screen() -> None:
    """The home paints from settings.toml and the index: pydantic waits for the store."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    code = ("import sys\nfrom tui.app import TaizhangApp\nfrom tui.screens import home, outline\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root)
    assert out.returncode == 0, out.stderr
    assert "pydantic" not in out.stdout.split()


async def test_a_form_follows_the_language_and_keeps_what_was_typed(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "a")
        await type_text(pilot, "陳新人")
        await pilot.press("tab")
        from tuikit import choose  # type: ignore[import-not-found]

        await choose(pilot, "新街支部")
        await pilot.press("f2")
        form = app.screen
        assert text_of(form.query_one("#row-gender .field-label")).startswith("性别")
        assert form.values()["name"] == "陈新人" or form.values()["name"] == "陳新人"
        assert form.values()["branch"] == app.store.resolve_reference("branches", "新街支部")
        gender = form.query_one("#field-gender")
        assert [str(p) for p, _ in gender._options][1:] == ["男", "女"]


async def test_x_exports_the_register_to_the_folder_chosen(village: Path, tmp_path: Path) -> None:
    """(Issue 12: x asked for a file, offered in the home directory; now the folder is asked
    once — tests/tui/test_export_folder.py has the rest.)"""
    folder = tmp_path / "out"
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "x")
        assert type(app.screen).__name__ == "AskScreen"
        await pilot.press("ctrl+x")
        await type_text(pilot, str(folder))
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegisterScreen"
    [target] = folder.iterdir()
    assert target.suffix == ".xlsx" and target.stat().st_size > 0
