"""What needs action: meetings due, dues behind, applicants due or overdue, 整改 past its
deadline, targets out of reach at the current pace. The clock reads 2026-11-26."""

from __future__ import annotations

from plan_helpers import add  # noqa: F401 (a fixture)

from storage.plan.todo import todo


def kinds(actions) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.kind for a in actions]


def test_meetings_due_this_month_by_the_frequency_settings(store, add, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    b1 = store.resolve_reference("branches", "第一支部")
    add("meetings", kind="支委會", held_on="2026-11-03", branch=b1)
    actions = [a for a in todo(store) if a.kind == "meeting_due"]
    texts = [a.message() for a in actions]
    committee = next(t for t in texts if "支部委員會" in t)
    assert "第二支部" in committee and "第一支部" not in committee  # the first has met this month
    assert any("中心組學習" in t for t in texts)
    assert next(a for a in actions if "支部委員會" in a.message()).severity == "warning"  # the month ends now
    general = next(a for a in actions if "支部黨員大會" in a.message())
    assert general.severity == "info" and general.due.isoformat() == "2026-12-31"  # the quarter ends in December
    assert any("組織生活會" in t for t in texts)  # yearly, and it is the fourth quarter
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-05-10")
    spring = [a.message() for a in todo(store) if a.kind == "meeting_due"]
    assert not any("組織生活會" in t for t in spring)  # not yet: usually held in the fourth quarter
    quarter = next(a for a in todo(store) if a.kind == "meeting_due" and "支部黨員大會" in a.message())
    assert quarter.severity == "info" and quarter.due.isoformat() == "2026-06-30"
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-06-10")
    quarter = next(a for a in todo(store) if a.kind == "meeting_due" and "支部黨員大會" in a.message())
    assert quarter.severity == "warning"  # the quarter ends this month


def test_dues_three_months_behind_warn_six_alert(store, add) -> None:  # type: ignore[no-untyped-def]
    def member(name: str, paid_to: str) -> str:
        mid = add("members", name=name, branch="第一支部", dues_class="農民", joined_on="2000-01-01")
        add("dues", member=mid, period_from="2026-01", period_to=paid_to, amount="1", paid_on="2026-01-05")
        return mid

    member("按時", "2026-10")
    late = member("欠三月", "2026-07")
    dropped = member("欠半年", "2026-04")
    actions = {a.severity: a for a in todo(store) if a.kind == "dues"}
    assert set(actions) == {"alert", "warning"}
    assert "欠半年(6)" in actions["alert"].message() and actions["alert"].records[0].ids == [dropped]
    assert "欠三月(3)" in actions["warning"].message() and actions["warning"].records[0].ids == [late]
    assert todo(store)[0].severity == "alert"  # most urgent first
    assert "grounds for being dropped" in actions["alert"].message("en")


def test_applicants_overdue_and_rectifications_past_deadline(store, add) -> None:  # type: ignore[no-untyped-def]
    waiting = add("applicants", name="等談話", applied_on="2026-09-01")
    add("applicants", name="剛申請", applied_on="2026-11-20")  # the talk is due in December: nothing yet
    owner = add("members", name="王書記", branch="第一支部", office="書記")
    past = add("rectifications", owner_member=owner, problem="學習不深入", deadline="2026-10-31")
    add("rectifications", owner_member=owner, problem="已完成的", deadline="2026-10-31", done_on="2026-10-20")
    add("rectifications", owner_member=owner, problem="未到期", deadline="2026-12-31")
    actions = todo(store)
    applicants = [a for a in actions if a.kind == "applicant"]
    assert [a.records[0].ids for a in applicants] == [[waiting]]
    assert "等談話" in applicants[0].message() and applicants[0].severity == "warning"
    rectifications = [a for a in actions if a.kind == "rectification"]
    assert [a.records[0].ids for a in rectifications] == [[past]]
    assert "王書記" in rectifications[0].message()


def test_an_applicant_whose_step_falls_due_this_month(store, add) -> None:  # type: ignore[no-untyped-def]
    due = add("applicants", name="轉正將到", stage="預備黨員", applied_on="2023-01-01", admitted_on="2025-11-28",
              approved_on="2026-01-20", introducers="甲、乙")
    found = [a for a in todo(store) if a.kind == "applicant"]
    assert [a.records[0].ids for a in found] == [[due]] and "2026-11-28" in found[0].message()


def test_targets_out_of_reach_at_this_pace(store, add) -> None:  # type: ignore[no-untyped-def]
    for month in range(1, 12):
        if month != 8:
            add("meetings", kind="study", held_on=f"2026-{month:02d}-10", topic="專題", speaker="書記")
    found = [a for a in todo(store) if a.kind == "target"]
    study = next(a for a in found if "中心組" in a.message())
    assert study.severity == "warning" and "8月" in study.message()
    assert any("電教片" in a.message() for a in found)  # none watched by November
    data = study.to_json("zh-Hans")
    assert data["kind_text"] == "目标" and "中心组" in data["text"]


def test_nothing_to_do_is_an_empty_list_in_a_quiet_store(home) -> None:  # type: ignore[no-untyped-def]
    from storage.store import Store

    store = Store.create(home, organisation="村", branches=[])
    store.settings.meetings.study = "none"
    for name in ("general", "committee", "group", "lecture", "theme_day", "organisational_life", "appraisal"):
        setattr(store.settings.meetings, name, "none")
    assert [a for a in todo(store) if a.kind != "target"] == []
