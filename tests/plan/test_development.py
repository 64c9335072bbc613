"""Becoming a member: stages, the next step and its date, too early and overdue, and
promoting a probationary member in one step. The clock reads 2026-11-26."""

from __future__ import annotations

from datetime import date

import pytest
from plan_helpers import add, snapshot  # noqa: F401 (a fixture)

from storage.fields import id_check_character
from storage.messages import StoreError
from storage.plan.development import progress, progress_of, promote


def id_number(born: str, female: bool = False) -> str:
    body = f"530323{born.replace('-', '')}12{'2' if female else '1'}"
    return body + id_check_character(body)


def codes(p) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in p.findings}


def record(**values):  # type: ignore[no-untyped-def]
    return {"id": "a-1", "name": "張三", **values}


def test_an_applicant_under_18_by_the_id_number() -> None:
    young = record(id_number=id_number("2009-01-15"), applied_on="2026-11-20")  # 17 when applying
    assert "under_18" in codes(progress_of(young))
    of_age = record(id_number=id_number("2008-11-20"), applied_on="2026-11-20")  # 18 that very day
    assert "under_18" not in codes(progress_of(of_age))


def test_the_first_talk_within_a_month() -> None:
    waiting = progress_of(record(stage="applicant", applied_on="2026-11-01"))
    assert (waiting.next_step, waiting.next_due) == ("talk", date(2026, 12, 1)) and not waiting.findings
    late = progress_of(record(stage="applicant", applied_on="2026-10-20"))
    assert "talk_overdue" in codes(late) and late.overdue
    assert "2026-11-20" in late.findings[0]()
    talked = progress_of(record(stage="applicant", applied_on="2026-10-20", talked_on="2026-11-01"))
    assert talked.next_step == "activist" and not talked.findings


def test_a_candidate_after_a_year_as_activist() -> None:
    waiting = progress_of(record(stage="activist", applied_on="2025-01-01", activist_on="2026-03-01"))
    assert (waiting.next_step, waiting.next_earliest) == ("candidate", date(2027, 3, 1))
    early = progress_of(record(stage="candidate", applied_on="2025-01-01", activist_on="2025-03-01",
                               candidate_on="2026-02-28", introducers="王某、李某"))
    assert codes(early) == {"candidate_too_early"}
    on_time = progress_of(record(stage="candidate", applied_on="2025-01-01", activist_on="2025-03-01",
                                 candidate_on="2026-03-01", introducers="王某、李某"))
    assert not on_time.findings
    alone = progress_of(record(stage="candidate", applied_on="2025-01-01", activist_on="2025-03-01",
                               candidate_on="2026-03-01", introducers="王某"))
    assert codes(alone) == {"introducers"}


def test_public_notice_of_five_working_days() -> None:
    # Notice on Monday 2026-03-02: five working days end on Monday 2026-03-09.
    short = record(stage="probationary", notice_on="2026-03-02", admitted_on="2026-03-06", approved_on="2026-04-01",
                   introducers="甲、乙")
    assert "notice_too_short" in codes(progress_of(short))
    enough = dict(short, admitted_on="2026-03-09")
    assert "notice_too_short" not in codes(progress_of(enough))


def test_approval_within_three_months_and_full_membership_after_a_year() -> None:
    pending = progress_of(record(stage="probationary", admitted_on="2026-09-01", introducers="甲、乙"))
    assert (pending.next_step, pending.next_due) == ("approval", date(2026, 12, 1)) and not pending.findings
    overdue = progress_of(record(stage="probationary", admitted_on="2026-08-01", introducers="甲、乙"))
    assert codes(overdue) == {"approval_overdue"}
    approved = progress_of(record(stage="probationary", admitted_on="2025-12-10", approved_on="2026-02-01",
                                  introducers="甲、乙"))
    assert (approved.next_step, approved.next_due) == ("confirmation", date(2026, 12, 10)) and not approved.findings
    year_up = progress_of(record(stage="probationary", admitted_on="2025-11-01", approved_on="2026-01-05",
                                 introducers="甲、乙"))
    assert codes(year_up) == {"confirm_overdue"}
    early = progress_of(record(stage="full", admitted_on="2025-11-01", approved_on="2026-01-05",
                               confirmed_on="2026-10-31", introducers="甲、乙"))
    assert codes(early) == {"confirmed_too_early"}


def test_progress_lists_those_on_the_way(store, add) -> None:  # type: ignore[no-untyped-def]
    add("applicants", name="申請甲", applied_on="2026-10-01", branch="第一支部")
    add("applicants", name="已轉正", stage="已轉正", applied_on="2020-01-01")
    add("applicants", name="已終止", stage="已終止", applied_on="2021-01-01")
    found = progress(store)
    assert [p.name for p in found] == ["申請甲"]
    assert found[0].to_json("en")["warnings"][0]["kind"] == "overdue"
    assert len(progress(store, include_done=True)) == 3
    assert [p.name for p in progress(store, "第二支部")] == []


def test_promote_a_member_and_the_applicant_record_together(store, add) -> None:  # type: ignore[no-untyped-def]
    member = add("members", name="預備甲", branch="第一支部", status="預備", joined_on="2025-11-20")
    applicant = add("applicants", name="預備甲", stage="預備黨員", applied_on="2023-01-01",
                    admitted_on="2025-11-20", member=member)
    promoted = promote(store, "預備甲")
    assert (promoted["status"], promoted["confirmed_on"]) == ("full", "2026-11-26")
    again = store.table("applicants")[applicant]
    assert (again["stage"], again["confirmed_on"]) == ("full", "2026-11-26")
    before = snapshot(store.home)
    with pytest.raises(StoreError):
        promote(store, member)  # already full
    assert snapshot(store.home) == before


def test_promote_too_early_changes_nothing(store, add) -> None:  # type: ignore[no-untyped-def]
    member = add("members", name="預備乙", branch="第一支部", status="預備", joined_on="2026-02-01")
    before = snapshot(store.home)
    with pytest.raises(StoreError) as refused:
        promote(store, member[:8])
    assert "2027-02-01" in refused.value.message()
    assert snapshot(store.home) == before
    assert store.table("members")[member]["status"] == "probationary"


def test_promote_an_applicant_not_yet_on_the_roll_adds_them(store, add) -> None:  # type: ignore[no-untyped-def]
    number = id_number("1998-04-05", female=True)
    applicant = add("applicants", name="預備丙", id_number=number, stage="預備黨員", branch="第二支部",
                    applied_on="2023-03-01", admitted_on="2025-10-01")
    member = promote(store, applicant, on="2026-10-01")
    assert member["name"] == "預備丙" and member["status"] == "full" and member["joined_on"] == "2025-10-01"
    assert member["id_number"] == number and member["gender"] == "female"
    assert store.table("applicants")[applicant]["member"] == member["id"]
    assert len(store.records("members")) == 1
