"""The main path through the screens, as a secretary walks it, keys only."""

from __future__ import annotations

from pathlib import Path

from tuikit import SIZE, choose, ready, text_of, type_text  # type: ignore[import-not-found]

from storage.store import Store
from tui.app import TaizhangApp


def snapshot_of(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


async def test_create_add_fix_find_meet_quit_reopen(home: Path) -> None:
    app = TaizhangApp(home)
    async with app.run_test(size=SIZE) as pilot:
        # First run: no store yet, so the organisation is created here.
        assert type(app.screen).__name__ == "FirstRunScreen"
        await type_text(pilot, "測試村黨總支")
        await pilot.press("enter")
        await type_text(pilot, "第一支部,第二支部")
        await pilot.press("enter")
        await ready(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert [b["name"] for b in app.store.records("branches")] == ["第一支部", "第二支部"]

        # The member roll (8 on the home), then a new member with a wrong 身份證號.
        await pilot.press("8")
        assert type(app.screen).__name__ == "RegisterScreen" and app.screen.reg.slug == "members"
        await pilot.press("a")
        form = app.screen
        assert type(form).__name__ == "RecordForm"
        await type_text(pilot, "張桂英")
        await pilot.press("tab")
        await choose(pilot, "第一支部")
        for _ in range(5):  # gender, ethnicity, native place, birth date, then the ID number
            await pilot.press("tab")
        assert app.focused.id == "field-id_number"
        await type_text(pilot, "110105194912310021")
        for _ in range(4):  # education, joined, confirmed, then 正式/預備 (asked: no default)
            await pilot.press("tab")
        await choose(pilot, "正式黨員")
        before = snapshot_of(home)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "a refused record keeps the form open"
        error = form.query_one("#row-id_number .field-error")
        assert error.display and "校驗位" in text_of(error)
        assert "1 處需要改正" in text_of(form.query_one("#form-error"))
        assert app.focused.id == "field-id_number"
        assert snapshot_of(home) == before, "nothing was saved"

        # Fix it and save.
        for _ in range(18):
            await pilot.press("backspace")
        await type_text(pilot, "11010519491231002x")
        assert not error.display, "typing clears the field's error"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegisterScreen"
        [member] = app.store.records("members")
        assert member["name"] == "張桂英" and member["id_number"] == "11010519491231002X"
        assert member["gender"] == "female" and member["birth_date"] == "1949-12-31"

        # Another member, so the filter has something to leave out.
        await pilot.press("a")
        await type_text(pilot, "李國華")
        await pilot.press("tab")
        await choose(pilot, "第二支部")
        for _ in range(9):
            await pilot.press("tab")
        await choose(pilot, "正式黨員")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.store.records("members")) == 2

        # Find her by her initials.
        await pilot.press("slash")
        await type_text(pilot, "zgy")
        table = app.screen.query_one("VirtualTable")
        assert [app.store.name_of("members", rid) for rid in table.rows] == ["張桂英"]
        await pilot.press("enter")  # from the filter back to the table
        await pilot.press("enter")  # open her record
        assert type(app.screen).__name__ == "RecordScreen"
        shown = text_of(app.screen.query_one("#record-fields"))
        assert "1101**********002X" in shown and "第一支部" in shown
        await pilot.press("r")
        assert "11010519491231002X" in text_of(app.screen.query_one("#record-fields"))
        await pilot.press("escape", "escape", "escape")
        assert type(app.screen).__name__ == "HomeScreen"

        # A 支部黨員大會 of the first branch: take the roll, mark her absent with a reason.
        await pilot.press("4")
        assert app.screen.reg.slug == "meetings"
        await pilot.press("a")
        meeting_form = app.screen
        await choose(pilot, "支部黨員大會")
        await pilot.press("tab")
        await choose(pilot, "第一支部")
        await pilot.press("tab")
        await type_text(pilot, "2026年11月20日")
        while app.focused.id != "field-attendance":
            await pilot.press("tab")
        await pilot.press("enter")
        roll = app.screen
        assert type(roll).__name__ == "AttendanceScreen"
        assert "應到 1 人,實到 1 人" in text_of(roll.query_one("#roll-count"))
        await pilot.press("a")
        await type_text(pilot, "生病")
        await pilot.press("enter")
        assert "應到 1 人,實到 0 人" in text_of(roll.query_one("#roll-count"))
        assert roll.query_one("#roll-warning").display
        await pilot.press("ctrl+s")
        assert app.screen is meeting_form
        note = meeting_form.query_one("#row-attendance .field-note")
        assert note.display and "法定人數" in text_of(note), "a general meeting without a quorum is warned of"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [meeting] = app.store.records("meetings")
        assert meeting["kind"] == "general" and meeting["held_on"] == "2026-11-20"
        assert meeting["attendance"] == [{"member": member["id"], "status": "absent", "reason": "生病"}]

        await pilot.press("escape")
        await pilot.press("q")
    assert app.return_code == 0

    # Reopen: everything is still there.
    again = TaizhangApp(home)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert type(again.screen).__name__ == "HomeScreen"
        assert again.store.count("members") == 2 and again.store.count("meetings") == 1
        await pilot.press("4")
        cells = again.screen.cells(again.screen.query_one("VirtualTable").rows[0])
        assert cells[:2] == ["2026-11-20", "支部黨員大會"] and cells[-2:] == ["1", "0"]
    reopened = Store.open(home, readonly=True)
    assert reopened.count("members") == 2
