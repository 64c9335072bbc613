"""The rules written once beside the declarations (issue 11): a roll's counts and quorum,
an active member, a live dues entry and when two are one payment, the words rosters use
for a field, and each field kind's text forms."""

from __future__ import annotations

from datetime import date

from storage import catalogue
from storage.registers.books import Meeting, member_attendance, quorum_warning, roll_counts, voting_members
from storage.registers.forms import active, on_rolls
from storage.registers.rolls import dues_identity, live_entries, net_payments


def test_a_roll_counts_voting_members_and_warns_a_general_meeting_at_half() -> None:
    rows = [{"member": "a"}, {"member": "b", "status": "absent"}, {"member": "c", "status": "nonvoting"},
            "a hand edit", {"member": "d", "status": {"odd": 1}}]
    assert roll_counts(rows) == (2, 1, 1)
    assert quorum_warning("general", rows)  # 1 of 2 voting members: not more than half
    assert not quorum_warning("committee", rows)  # only a 黨員大會 votes on a quorum
    assert not quorum_warning("general", [{"member": "c", "status": "nonvoting"}])  # no one with a vote
    meeting = Meeting.model_validate({"kind": "general", "held_on": "2026-11-01", "attendance": rows[:3]})
    assert (meeting.expected, meeting.present, meeting.quorate) == (2, 1, False)
    assert voting_members(rows) == ["a", "b"] == voting_members(meeting.attendance)


def test_a_members_attendance_counts_the_year_and_the_rolls_that_name_them() -> None:
    meetings = [
        {"held_on": "2026-03-01", "attendance": [{"member": "m", "status": "present"}]},
        {"held_on": "2026-04-01", "attendance": [{"member": "m", "status": "absent"}]},
        {"held_on": "2026-05-01", "attendance": [{"member": "m", "status": "nonvoting"}]},
        {"held_on": "2025-05-01", "attendance": [{"member": "m"}]},
        {"held_on": "2026-06-01", "attendance": [{"member": "other"}]},
    ]
    assert member_attendance(meetings, "m", 2026) == (1, 2)


def test_an_active_member_is_on_the_rolls_today() -> None:
    assert active({"name": "張桂英"})
    assert not active({"name": "張桂英", "_d": "stamp"})
    assert not active({"name": "張桂英", "left_how": "died"})
    assert not active({"name": "張桂英", "transferred_out_on": "2026-01-05"})
    # Transferring out next month: still a member this month (on this month's roll, due dues).
    assert active({"name": "張桂英", "transferred_out_on": "2026-12-20"})
    assert not on_rolls({"joined_on": "2026-12-01"}, date(2026, 11, 26))


def test_a_reversed_entry_is_not_live_and_nets_to_nothing() -> None:
    paid = {"id": "p1", "member": "m", "period_from": "2026-01", "amount": "12.00"}
    other = {"id": "p2", "member": "m", "period_from": "2026-02", "period_to": "2026-02", "amount": "12.00"}
    back = {"id": "r1", "member": "m", "period_from": "2026-01", "amount": "-12.00", "reverses": "p1"}
    gone = {"id": "d1", "member": "m", "period_from": "2026-03", "amount": "5", "_d": "stamp"}
    assert [e["id"] for e in live_entries([paid, other, back, gone])] == ["p2"]
    from decimal import Decimal

    nets = {e["id"]: net for e, net in net_payments([paid, other, back], lambda v: Decimal(v) if v else None)}
    assert nets == {"p1": Decimal("0.00"), "p2": Decimal("12.00")}
    # One month's end is its start: the same payment however it was typed.
    assert dues_identity({**paid, "note": "typed here"}) == dues_identity({**paid, "period_to": "2026-01"})
    assert dues_identity(paid) != dues_identity(other)


def test_the_words_rosters_use_are_the_fields_own_aliases() -> None:
    members, aid, regulations = (catalogue.get(s) for s in ("members", "poverty_aid", "regulations"))
    assert members is not None and aid is not None and regulations is not None
    assert "手機號碼" in members.fields["phone"].aliases
    assert "戶主" in aid.fields["household_head"].aliases
    assert "所在支部" in members.fields["branch"].aliases
    # A regulation's 名稱 is no person's 姓名: the people's words are not its words.
    assert "名字" not in regulations.fields["name"].aliases


def test_a_roll_typed_on_the_command_line_and_read_from_a_spreadsheet() -> None:
    meetings = catalogue.get("meetings")
    assert meetings is not None
    spec = meetings.fields["attendance"]
    kind = spec.field_kind
    assert kind.typed(spec, "張桂英, 李國華:absent:生病、王芳:列席") == [
        {"member": "張桂英"}, {"member": "李國華", "status": "absent", "reason": "生病"},
        {"member": "王芳", "status": "列席"}]
    assert kind.read_cell(spec, "張桂英、李國華(缺席:生病)") == [
        {"member": "張桂英"}, {"member": "李國華", "status": "缺席", "reason": "生病"}]
    rows = [{"member": "張桂英"}, {"member": "李國華", "status": "absent", "reason": "生病"}]
    assert kind.export_text(None, rows, "zh-Hant") == "張桂英、李國華(缺席:生病)"
    assert kind.read_cell(spec, kind.export_text(None, rows, "zh-Hant")) == [
        {"member": "張桂英"}, {"member": "李國華", "status": "缺席", "reason": "生病"}]
