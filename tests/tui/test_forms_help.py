"""Forms and rolls that help (issue 12.4), at 80×24, keys only: a choice a person must make
is asked, the new record is shown after saving, the cursor goes to the first field in
error; the roll toggles with space, takes one reason for several absences and warns of an
absent 主持人 or 記錄人; a payment takes its branch from the member and notes an amount
that is not the standard times the months."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select
from tuikit import SIZE, choose, ready, text_of, type_text  # type: ignore[import-not-found]

from storage import catalogue
from storage.store import Store
from tui.app import TaizhangApp


def hashes(home: Path) -> dict[str, str]:
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}


async def open_register(pilot: Any, slug: str) -> None:
    pilot.app.open_register(slug)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def tab_to(pilot: Any, field: str) -> None:
    for _ in range(40):
        if pilot.app.focused is not None and pilot.app.focused.id == f"field-{field}":
            return
        await pilot.press("tab")
    raise AssertionError(f"no field {field}")


def error_of(form: Any, field: str) -> str:
    row = form.rows[field]
    return text_of(row.query_one(".field-error")) if row.has_class("-invalid") else ""


# -- a required choice must be chosen ------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words", "option"), [
    ("zh-Hant", "未選,請從 正式黨員、預備黨員 中選一項", "預備黨員"),
    ("zh-Hans", "未选,请从 正式党员、预备党员 中选一项", "预备党员"),
    ("en", "choose one of full member, probationary member", "probationary member"),
])
async def test_a_members_status_left_at_choose_is_asked_for_not_saved_as_full(
        village: Path, lang: str, words: str, option: str) -> None:
    app = TaizhangApp(village, lang)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "a")
        form = app.screen
        assert isinstance(form.rows["status"].editor, Select)
        assert form.rows["status"].editor.value == Select.NULL, "it starts at 請選擇"
        assert form.rows["status"].label_markup().endswith("*"), "marked as one to fill in"
        await type_text(pilot, "王秀英")
        before = hashes(village)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "refused: the form stays open"
        assert words in error_of(form, "status"), "the error is by the field, in the user's language"
        assert app.focused.id == "field-status", "the cursor is on the field to choose"
        assert hashes(village) == before, "nothing saved"
        await choose(pilot, option)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegisterScreen"
    [saved] = [r for r in Store.open(village, readonly=True).records("members") if r["name"] == "王秀英"]
    assert saved["status"] == "probationary"


async def test_every_registers_form_starts_asked_choices_at_choose_and_others_at_their_default(
        village: Path) -> None:
    from tui.screens.form import RecordForm

    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        seen = 0
        for reg in catalogue.registers():
            form = RecordForm(reg.slug, None)
            await app.push_screen(form)
            await pilot.pause()
            defaults = reg.defaults()
            for name, row in form.rows.items():
                editor = row.editor
                if not isinstance(editor, Select):
                    continue
                if reg.fields[name].asked:
                    seen += 1
                    assert editor.value == Select.NULL, f"{reg.slug}.{name} must be chosen"
                elif name in defaults:
                    assert editor.value == defaults[name], f"{reg.slug}.{name} shows the default it saves"
            app.pop_screen()
            await pilot.pause()
        assert seen >= 6


async def test_a_remote_lessons_category_is_asked_too(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_register(pilot, "remote_education")
        await pilot.press("a")
        form = app.screen
        await tab_to(pilot, "held_on")
        await type_text(pilot, "2026-11-20")
        await tab_to(pilot, "programme")
        await type_text(pilot, "林下種植")
        before = hashes(village)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "未選" in error_of(form, "category")
        assert app.focused.id == "field-category"
        assert hashes(village) == before


# -- the cursor goes to the first field in error ------------------------------------------------


async def test_the_cursor_goes_to_the_first_field_in_error_as_the_form_reads(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "a")
        form = app.screen
        await type_text(pilot, "王秀英")
        await tab_to(pilot, "id_number")
        await type_text(pilot, "110105194912310021")  # a wrong check character
        await tab_to(pilot, "address")  # the cursor ends far below both errors
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "校驗位" in error_of(form, "id_number") and "未選" in error_of(form, "status")
        assert "2 處需要改正" in text_of(form.query_one("#form-error"))
        assert app.focused.id == "field-id_number", "the first in error as the form reads, not the last typed"
        # Mended, the next save goes to the one left.
        for _ in range(18):
            await pilot.press("backspace")
        await type_text(pilot, "11010519491231002X")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(form, "id_number") == "" and app.focused.id == "field-status"


# -- after saving, the new record is shown ----------------------------------------------------


async def add_member(pilot: Any, name: str, branch: str | None = None) -> None:
    await pilot.press("a")
    await type_text(pilot, name)
    if branch is not None:
        await pilot.press("tab")
        await choose(pilot, branch)
    await tab_to(pilot, "status")
    await choose(pilot, "正式黨員")
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.pause()


async def test_a_new_member_hidden_by_the_filter_is_shown_the_filter_cleared(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "slash")
        await type_text(pilot, "zgy")
        await pilot.press("enter")
        screen = app.screen
        table = screen.query_one("VirtualTable")
        assert [app.store.name_of("members", r) for r in table.rows] == ["張桂英"]
        await add_member(pilot, "錢秀英")
        assert app.screen is screen
        assert screen.query_one("#filter").value == "" and screen.needle == ""
        assert app.store.name_of("members", table.current) == "錢秀英", "the cursor is on her"
        assert app.focused is table
        assert len(table.rows) == 31


async def test_a_new_member_the_filter_finds_keeps_the_filter(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "slash")
        await type_text(pilot, "張")
        await pilot.press("enter")
        screen = app.screen
        table = screen.query_one("VirtualTable")
        before = len(table.rows)
        await add_member(pilot, "張新蘭")
        assert screen.query_one("#filter").value == "張", "she matches it: it stays"
        assert len(table.rows) == before + 1
        assert app.store.name_of("members", table.current) == "張新蘭"


async def test_a_new_member_of_another_branch_clears_the_branch_filter(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "b")
        await pilot.pause()
        await type_text(pilot, "大寨")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.branch is not None
        await pilot.press("a")
        await pilot.press("tab")  # the branch, the filter's by default: take another
        await choose(pilot, "新街支部")
        await pilot.press("shift+tab")
        await type_text(pilot, "趙新街")
        await tab_to(pilot, "status")
        await choose(pilot, "正式黨員")
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = screen.query_one("VirtualTable")
        assert screen.branch is None
        assert app.store.name_of("members", table.current) == "趙新街"


# -- the roll ------------------------------------------------------------------------------------


async def open_roll(pilot: Any, *, host: str = "", recorder: str = "") -> Any:
    await open_register(pilot, "meetings")
    await pilot.press("a")
    await choose(pilot, "支部委員會")
    await pilot.press("tab")
    await choose(pilot, "大寨支部")
    await pilot.press("tab")
    await type_text(pilot, "2026-11-20")
    await tab_to(pilot, "host")
    await type_text(pilot, host)
    await pilot.press("tab")
    await type_text(pilot, recorder)
    await tab_to(pilot, "attendance")
    await pilot.press("enter")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "AttendanceScreen"
    return pilot.app.screen


def statuses(roll: Any) -> list[tuple[str, str, str | None]]:
    return [(roll.store.name_of("members", rid), roll.marks[rid]["status"], roll.marks[rid].get("reason"))
            for rid in roll.roster]


async def test_space_toggles_present_and_absent_and_moves_down(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        roll = await open_roll(pilot)
        table = roll.query_one("VirtualTable")
        assert table.cursor == 0 and all(s == "present" for _, s, _ in statuses(roll))
        await pilot.press("space")
        assert table.cursor == 1, "space moves down"
        await pilot.press("space")
        assert [s for _, s, _ in statuses(roll)][:3] == ["absent", "absent", "present"]
        await pilot.press("up", "space")
        assert [s for _, s, _ in statuses(roll)][:3] == ["absent", "present", "present"], "and back"
        assert table.cursor == 2
        assert "應到 10 人,實到 9 人" in text_of(roll.query_one("#roll-count"))


async def test_several_absences_take_one_reason(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        roll = await open_roll(pilot)
        footer = " ".join(str(b.binding.description) for b in roll.active_bindings.values())
        assert "選取" in footer, "the footer shows the key that picks rows"
        await pilot.press("down", "m", "down", "m", "down", "m")  # the 3rd, 5th and 7th
        count = text_of(roll.query_one("#roll-count"))
        assert "已選 3 人" in count and "a 記為缺席" in count, "what the picked rows are for is said"
        shown = roll.cells(roll.roster[1])[0]
        assert shown.startswith("✓ "), "a picked row shows it"
        await pilot.press("a")
        assert "3 人" in text_of(app.screen.query_one("Static"))
        await type_text(pilot, "外出務工")
        await pilot.press("enter")
        await pilot.pause()
        marked = statuses(roll)
        assert [i for i, (_, s, _) in enumerate(marked) if s == "absent"] == [1, 3, 5]
        assert {r for _, s, r in marked if s == "absent"} == {"外出務工"}
        assert "已選" not in text_of(roll.query_one("#roll-count")), "the picks are spent"
        await pilot.press("ctrl+s")
        form = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    [meeting] = [m for m in Store.open(village, readonly=True).records("meetings") if m["held_on"] == "2026-11-20"]
    assert sum(1 for row in meeting["attendance"] if row.get("reason") == "外出務工") == 3


async def test_the_chair_or_minute_taker_marked_absent_is_warned_of(village: Path) -> None:
    store = Store.open(village, readonly=True)
    branch = store.resolve_reference("branches", "大寨支部")
    roster = [r for r in store.records("members") if r.get("branch") == branch]
    chair, writer = roster[0]["name"], roster[1]["name"]
    store.close()
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        roll = await open_roll(pilot, host=chair, recorder=writer)
        warning = roll.query_one("#roll-warning")
        assert not warning.display
        await pilot.press("space")  # the chair: absent
        assert warning.display and f"主持人{chair}" in text_of(warning)
        await pilot.press("space")  # and the one taking the minutes
        assert f"記錄人{writer}" in text_of(warning)
        await pilot.press("up", "up", "space", "space")  # both back
        assert not warning.display
        await pilot.press("up", "space", "ctrl+s")  # the minute-taker absent after all
        form = app.screen
        note = form.query_one("#row-attendance .field-note")
        assert note.display and f"記錄人{writer}在名單上記為缺席" in text_of(note), "the form says it too"
        await pilot.press("ctrl+s")  # a warning, not a refusal
        await pilot.pause()
        assert app.screen is not form


# -- a dues payment ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans", "en"])
async def test_a_payment_takes_the_branch_from_the_member_and_notes_an_odd_amount(village: Path, lang: str) -> None:
    app = TaizhangApp(village, lang)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_register(pilot, "dues")
        await pilot.press("a")
        form = app.screen
        assert form.rows["branch"].editor.value == Select.NULL
        await type_text(pilot, "zgy")  # the picker, on 張桂英
        await pilot.press("enter")
        await pilot.pause()
        member = app.store.table("members")[form.rows["member"].editor.value]
        assert member["name"] == "張桂英"
        assert form.rows["branch"].editor.value == member["branch"], "the branch comes from her record"
        assert form.rows["standard"].editor.value == "0.50"
        await tab_to(pilot, "period_from")
        await pilot.press("ctrl+u")
        await type_text(pilot, "2026-01")
        await pilot.press("tab")
        await type_text(pilot, "2026-12")
        await tab_to(pilot, "amount")
        await type_text(pilot, "5")
        note = form.query_one("#row-amount .field-note")
        words = {"zh-Hant": "5.00 元不是標準 0.50 元 × 12 個月 = 6.00 元",
                 "zh-Hans": "5.00 元不是标准 0.50 元 × 12 个月 = 6.00 元",
                 "en": "5.00 yuan is not the standard 0.50 yuan × 12 months = 6.00 yuan"}[lang]
        assert note.display and words in text_of(note), "said before saving"
        await pilot.press("backspace")
        await type_text(pilot, "6")
        assert not note.display, "the standard times the months: nothing to say"
        await pilot.press("backspace")
        await type_text(pilot, "5")
        await pilot.press("ctrl+s")  # a note, never a refusal
        await pilot.pause()
        assert app.screen is not form
    [entry] = [e for e in Store.open(village, readonly=True).records("dues")
               if e["member"] == member["id"] and e["period_from"] == "2026-01" and e.get("period_to") == "2026-12"]
    assert entry["amount"] == "5.00" and entry["branch"] == member["branch"]
