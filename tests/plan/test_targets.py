"""Every target of the plan on small hand-made data where the answer is known, with the
edges: a member who turned 30 mid-year, a month with two study sessions and one with
none, a payment reversed, a goal the plan leaves blank. The clock reads 2026-11-26."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from plan_helpers import add  # noqa: F401 (a fixture)

from storage.plan.targets import TargetReport, targets

NUMERALS = "一二三四五六七八九十"


def ids(target: Any, register: str) -> set[str]:
    return {i for e in target.counted if e.register == register for i in e.ids}


def lacking(target: Any, register: str) -> set[str]:
    return {i for e in target.lacking if e.register == register for i in e.ids}


def report(store, year: int | None = None) -> TargetReport:  # type: ignore[no-untyped-def]
    return targets(store, year)


# -- 中心組 study: a month counts once, however many sessions ------------------------------------


def test_central_study_counts_months_not_sessions(store, add) -> None:  # type: ignore[no-untyped-def]
    def study(on: str, **extra: Any) -> str:
        return add("meetings", kind="中心組學習", held_on=on, topic="學習黨章", speaker="總支書記", **extra)

    jan = [study("2026-01-08"), study("2026-01-22")]  # two in January
    march = study("2026-03-10")  # none in February
    no_speaker = add("meetings", kind="中心組學習", held_on="2026-04-10", topic="學習")
    study("2025-02-10")  # last year's does not count
    target = report(store).get("central_study")
    assert (target.figure, target.goal, target.status) == (2, 12, "missed")
    assert ids(target, "meetings") == {*jan, march}
    assert no_speaker not in ids(target, "meetings")
    notes = [n() for n in target.notes]
    assert any("2月" in n and "4月" in n for n in notes)  # February and April went by without one
    assert any("未記主題或發言人" in n for n in notes)


def test_central_study_met_when_every_month_has_one(store, add) -> None:  # type: ignore[no-untyped-def]
    for month in range(1, 13):
        add("meetings", kind="study", held_on=f"2025-{month:02d}-10", topic="專題", speaker="書記")
    assert report(store, 2025).get("central_study").status == "met"
    assert report(store, 2025).get("central_study").figure == 12
    # This year nothing yet: months gone by without study make it impossible.
    assert report(store).get("central_study").status == "missed"


def test_central_study_is_on_track_while_no_month_is_missed(store, add, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-02-14")
    add("meetings", kind="study", held_on="2026-01-10", topic="專題", speaker="書記")
    target = report(store).get("central_study")
    assert (target.figure, target.status) == (1, "on_track")  # February is not over yet


# -- 民主生活會 and two items to rectify for each leader ------------------------------------------


def test_democratic_life_and_items_per_leader(store, add) -> None:  # type: ignore[no-untyped-def]
    a = add("members", name="王書記", branch="第一支部", office="村黨總支書記")
    b = add("members", name="李主任", branch="第一支部", office="村委會主任")
    guest = add("members", name="列席者", branch="第一支部")
    meeting = add("meetings", kind="民主生活會", held_on="2026-11-20",
                  attendance=[{"member": a}, {"member": b}, {"member": guest, "status": "nonvoting"}])
    one = add("rectifications", meeting=meeting, owner_member=a, problem="聯繫群眾不夠", deadline="2026-12-31")
    two = add("rectifications", meeting=meeting, owner_member=a, problem="學習不深入", deadline="2026-12-31")
    add("rectifications", meeting=meeting, owner_member=b, problem="工作方法簡單", deadline="2026-12-31")
    add("rectifications", meeting=meeting, owner_member=b, problem="沒有時限")  # no deadline: does not count
    r = report(store)
    assert r.get("democratic_life").status == "met" and r.get("democratic_life").figure == 1
    target = r.get("rectifications")
    assert (target.figure, target.goal, target.status) == (1, 2, "behind")  # the guest is no leader
    assert lacking(target, "members") == {b} and ids(target, "rectifications") == {one, two}
    add("rectifications", meeting=meeting, owner_member=b, problem="調研不夠", deadline="2027-01-31")
    assert report(store).get("rectifications").status == "met"


def test_no_democratic_life_meeting_yet(store, add, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add("members", name="王書記", branch="第一支部", office="書記")
    r = report(store)
    assert r.get("democratic_life").status == "on_track"  # November: still time
    assert r.get("rectifications").goal == 1  # without a meeting, leaders are those with an office
    assert report(store, 2025).get("democratic_life").status == "missed"
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-12-05")
    assert report(store).get("democratic_life").status == "behind"


# -- 設崗定責 80%, per branch and in total ---------------------------------------------------------


def test_posts_share_of_members_without_office(store, add) -> None:  # type: ignore[no-untyped-def]
    first = [add("members", name="甲" + NUMERALS[i], branch="第一支部", post="林業管護崗" if i < 3 else None) for i in range(4)]
    add("members", name="書記", branch="第一支部", office="支部書記")  # has an office: not counted
    add("members", name="已故", branch="第一支部", left_on="2026-02-01", left_how="去世")  # not on the rolls
    second = [add("members", name="乙" + NUMERALS[i], branch="第二支部", post="科技示範崗") for i in range(4)]
    r = report(store)
    b1, b2 = (store.resolve_reference("branches", n) for n in ("第一支部", "第二支部"))
    assert (r.get("posts", b1).figure, r.get("posts", b1).status) == (Decimal("75.0"), "behind")
    assert lacking(r.get("posts", b1), "members") == {first[3]}
    assert r.get("posts", b2).status == "met" and ids(r.get("posts", b2), "members") == set(second)
    total = r.get("posts")
    assert (total.figure, total.goal, total.status) == (Decimal("87.5"), Decimal("80"), "met")
    assert report(store, 2025).get("posts", b1).status == "missed"


# -- satisfaction, reserve cadres, activists ----------------------------------------------------


def test_satisfaction_pools_the_years_surveys(store, add) -> None:  # type: ignore[no-untyped-def]
    add("surveys", year=2026, subject="有崗黨員", respondents=50, satisfied=47)
    add("surveys", year=2026, subject="有崗黨員", respondents=50, satisfied=43, branch="第一支部")
    add("surveys", year=2026, subject="兩委", respondents=100, satisfied=89)
    add("surveys", year=2025, subject="兩委", respondents=100, satisfied=95)
    r = report(store)
    assert (r.get("satisfaction_posted").figure, r.get("satisfaction_posted").status) == (Decimal("90.0"), "met")
    assert (r.get("satisfaction_committees").figure, r.get("satisfaction_committees").status) == (Decimal("89.0"), "behind")
    assert report(store, 2025).get("satisfaction_committees").status == "met"
    assert report(store, 2024).get("satisfaction_committees").status == "no_data"


def test_reserve_cadres_and_new_activists(store, add) -> None:  # type: ignore[no-untyped-def]
    for i in range(4):
        add("reserve_cadres", name="後備" + NUMERALS[i], chosen_on="2026-03-01")
    add("reserve_cadres", name="明年的", chosen_on="2027-01-05")  # not yet chosen
    r = report(store)
    assert (r.get("reserve_cadres").figure, r.get("reserve_cadres").status) == (4, "behind")
    add("reserve_cadres", name="後備甲")
    assert report(store).get("reserve_cadres").status == "met"

    made = [add("applicants", name="積極" + NUMERALS[i], stage="積極分子", applied_on="2025-06-01", activist_on=f"2026-{i + 1:02d}-05")
            for i in range(9)]
    add("applicants", name="去年的", stage="積極分子", applied_on="2024-06-01", activist_on="2025-03-01")
    target = report(store).get("new_activists")
    assert (target.figure, target.goal, target.status) == (9, 10, "behind")  # 9 by late November: short at this pace
    assert ids(target, "applicants") == set(made)


# -- new members: 3, of them 3 under 30 and 1 woman ------------------------------------------------


def test_new_members_under_30_by_age_when_admitted(store, add) -> None:  # type: ignore[no-untyped-def]
    # Born 1996-06-15: 29 when admitted in March, 30 when admitted in July.
    young = add("members", name="春入黨", branch="第一支部", birth_date="1996-06-15", joined_on="2026-03-01",
                status="預備", gender="女")
    turned = add("members", name="夏入黨", branch="第一支部", birth_date="1996-06-15", joined_on="2026-07-01",
                 status="預備", gender="男")
    old = add("members", name="老入黨", branch="第一支部", birth_date="1960-01-01", joined_on="2026-05-01",
              status="預備", gender="男")
    add("members", name="去年入黨", branch="第一支部", birth_date="2000-01-01", joined_on="2025-05-01")
    # Admitted, not on the roll yet: counts; admitted and on the roll: counts once.
    pending = add("applicants", name="剛接收", stage="預備黨員", birth_date="2001-02-03", gender="女",
                  applied_on="2024-01-01", admitted_on="2026-10-10")
    add("applicants", name="春入黨", stage="預備黨員", applied_on="2024-01-01", admitted_on="2026-03-01", member=young)
    r = report(store)
    assert r.get("new_members").figure == 4 and r.get("new_members").status == "met"
    assert ids(r.get("new_members"), "members") == {young, turned, old}
    assert ids(r.get("new_members"), "applicants") == {pending}
    target = r.get("new_members_young")
    assert (target.figure, target.goal, target.status) == (2, 3, "behind")
    assert ids(target, "members") == {young} and ids(target, "applicants") == {pending}
    women = r.get("new_members_women")
    assert women.figure == 2 and women.status == "met"
    assert "30" in target.title()


def test_the_age_that_counts_as_young_is_a_setting(store, add) -> None:  # type: ignore[no-untyped-def]
    add("members", name="夏入黨", branch="第一支部", birth_date="1996-06-15", joined_on="2026-07-01", status="預備")
    assert report(store).get("new_members_young").figure == 0
    store.settings.targets.young_age = 35
    assert report(store).get("new_members_young").figure == 1
    assert "35" in report(store).get("new_members_young").title()


# -- training, films --------------------------------------------------------------------------------


def test_training_kinds_attendances_and_a_blank_goal(store, add) -> None:  # type: ignore[no-untyped-def]
    member = add("members", name="參訓黨員", branch="第一支部")
    for i, technique in enumerate(("核桃嫁接", "烤煙栽培", "生豬養殖", "核桃嫁接")):
        add("remote_education", held_on=f"2026-0{i + 3}-10", programme=f"{technique}培訓", category="技術培訓",
            technique=technique, members_count=10, public_count=20)
    add("branch_activities", held_on="2026-06-01", theme="電商銷售", kind="技術培訓", participants=[member], public_count=9)
    add("remote_education", held_on="2026-05-01", programme="焦裕祿", category="電教片", members_count=30)
    r = report(store)
    kinds = r.get("technique_kinds")
    assert (kinds.figure, kinds.status) == (4, "behind")  # 核桃嫁接 twice is one kind
    assert "電商銷售" in kinds.notes[0]()
    trained = r.get("farmers_trained")
    assert (trained.figure, trained.goal, trained.status) == (4 * 30 + 10, None, "no_goal")
    store.settings.targets.farmers_trained = 120
    assert report(store).get("farmers_trained").status == "met"


def test_films_count_titles_once(store, add) -> None:  # type: ignore[no-untyped-def]
    for i in range(10):
        add("remote_education", held_on=f"2026-{i + 1:02d}-18", programme=f"電教片第{i}部", category="film")
    add("remote_education", held_on="2026-11-19", programme="電教片第1部", category="film")  # watched again
    add("remote_education", held_on="2026-11-19", programme="政策解讀", category="政策學習")
    target = report(store).get("films")
    # 10 titles by late November: about 11 by the year's end at this pace, short of 12.
    assert (target.figure, target.goal, target.status) == (10, 12, "behind")
    assert len(ids(target, "remote_education")) == 11
    add("remote_education", held_on="2026-11-20", programme="榜樣", category="film")
    assert report(store).get("films").status == "on_track"  # 11: 12 by the year's end at this pace
    add("remote_education", held_on="2026-11-21", programme="焦裕祿", category="film")
    assert report(store).get("films").status == "met"


# -- the village: stars and income -------------------------------------------------------------------


def test_star_rate_and_income_growth(store, add) -> None:  # type: ignore[no-untyped-def]
    add("village_stats", year=2025, households=400, star_households=300, income_per_head="8000")
    this = add("village_stats", year=2026, households=400, star_households=330, income_per_head="9200")
    add("village_stats", year=2026, households=100, star_households=10, branch="第一支部")  # the village row wins
    r = report(store)
    assert (r.get("star_rate").figure, r.get("star_rate").status) == (Decimal("82.5"), "met")
    assert ids(r.get("star_rate"), "village_stats") == {this}
    growth = r.get("income_growth")
    assert (growth.figure, growth.status) == (Decimal("15.0"), "met")
    assert "8000" in growth.notes[0]() and "9200" in growth.notes[0]()
    assert report(store, 2025).get("income_growth").status == "no_data"  # no 2024 to compare with


def test_branch_rows_add_up_without_a_village_row(store, add) -> None:  # type: ignore[no-untyped-def]
    add("village_stats", year=2026, households=100, star_households=70, branch="第一支部")
    add("village_stats", year=2026, households=100, star_households=80, branch="第二支部")
    assert report(store).get("star_rate").figure == Decimal("75.0")


# -- 聯幫帶 ---------------------------------------------------------------------------------------------


def test_links_cadres_six_members_ten(store, add) -> None:  # type: ignore[no-untyped-def]
    cadre = add("members", name="村幹部", branch="第一支部", office="村委會主任")
    other = add("members", name="另一幹部", branch="第二支部", office="文書")
    households = [add("members", name="黨員戶" + NUMERALS[i], branch="第一支部") for i in range(6)]
    for h in households:
        add("links", kind="村幹部聯繫黨員戶", linker=cadre, household_member=h)
    for i in range(10):
        add("links", kind="黨員幫帶農戶", linker=households[0], household_head="農戶" + NUMERALS[i])
    add("links", kind="黨員幫帶農戶", linker=households[0], household_head="農戶二")  # the same household twice
    for i in range(9):
        add("links", kind="黨員幫帶農戶", linker=households[1], household_head="農戶" + NUMERALS[i])
    r = report(store)
    links = r.get("cadre_links")
    assert (links.figure, links.goal, links.status) == (1, 2, "behind")
    assert lacking(links, "members") == {other}
    helping = r.get("member_links")
    assert (helping.figure, helping.goal) == (1, 8)
    b1 = store.resolve_reference("branches", "第一支部")
    assert r.get("member_links", b1).figure == 1 and r.get("member_links", b1).goal == 7


# -- 三會一課 by the frequency settings ---------------------------------------------------------------


def test_meetings_by_frequency_per_branch(store, add) -> None:  # type: ignore[no-untyped-def]
    b1, b2 = (store.resolve_reference("branches", n) for n in ("第一支部", "第二支部"))
    for quarter in (1, 4, 7, 10):
        add("meetings", kind="支部黨員大會", held_on=f"2026-{quarter:02d}-15", branch=b1)
    for quarter in (1, 4, 10):  # the third quarter missed
        add("meetings", kind="支部黨員大會", held_on=f"2026-{quarter:02d}-15", branch=b2)
    r = report(store)
    assert (r.get("meetings.general", b1).figure, r.get("meetings.general", b1).status) == (4, "met")
    assert (r.get("meetings.general", b2).figure, r.get("meetings.general", b2).status) == (3, "missed")
    total = r.get("meetings.general")
    assert (total.figure, total.goal, total.status) == (7, 8, "missed")
    assert "第二支部" in total.notes[0]()
    # Twice a year, as some places hold the party lecture.
    store.settings.meetings.lecture = "half_yearly"
    add("meetings", kind="黨課", held_on="2026-03-01", branch=b1)
    add("meetings", kind="黨課", held_on="2026-09-01", branch=b1)
    lecture = report(store).get("meetings.lecture", b1)
    assert (lecture.figure, lecture.goal, lecture.status) == (2, 2, "met")
    store.settings.meetings.appraisal = "none"  # a place that does not hold it: no target
    assert "meetings.appraisal" not in {t.code for t in report(store).total}


def test_a_store_without_branches_is_judged_as_one(home) -> None:  # type: ignore[no-untyped-def]
    from storage.store import Store

    store = Store.create(home, organisation="單支部村")
    for month in range(1, 12):
        store.add("meetings", {"kind": "committee", "held_on": f"2026-{month:02d}-03"})
    target = report(store).get("meetings.committee")
    assert (target.figure, target.goal, target.status) == (11, 12, "on_track")
    assert report(store).branches == {}


# -- dues on time and in full, with a reversed payment ---------------------------------------------


def test_dues_target_counts_a_reversed_payment_as_unpaid(store, add) -> None:  # type: ignore[no-untyped-def]
    b1 = store.resolve_reference("branches", "第一支部")
    paid = add("members", name="按時", branch="第一支部", dues_class="農民", joined_on="2000-01-01")
    late = add("members", name="沖銷", branch="第一支部", dues_class="農民", joined_on="2000-01-01")
    add("dues", member=paid, period_from="2026-01", period_to="2026-12", amount="6", paid_on="2026-01-05")
    wrong = add("dues", member=late, period_from="2026-01", period_to="2026-12", amount="6", paid_on="2026-01-05")
    assert report(store).get("dues", b1).status == "met"
    store.add("dues", {"member": late, "period_from": "2026-01", "period_to": "2026-12", "amount": "-6",
                       "reverses": wrong, "paid_on": "2026-02-01"})
    target = report(store).get("dues", b1)
    assert (target.figure, target.status) == (Decimal("50.0"), "behind")
    assert lacking(target, "members") == {late} and ids(target, "members") == {paid}
    assert report(store).get("dues").figure == Decimal("50.0")


# -- the report as a whole ---------------------------------------------------------------------------


def test_every_target_is_reported_with_its_status_in_three_languages(store) -> None:  # type: ignore[no-untyped-def]
    r = report(store)
    codes = [t.code for t in r.total]
    for code in ("central_study", "democratic_life", "rectifications", "posts", "satisfaction_posted",
                 "satisfaction_committees", "reserve_cadres", "new_activists", "new_members", "new_members_young",
                 "new_members_women", "farmers_trained", "technique_kinds", "films", "star_rate", "income_growth",
                 "cadre_links", "member_links", "meetings.general", "meetings.committee", "meetings.group",
                 "meetings.lecture", "dues"):
        assert code in codes, code
    for target in r.total:
        for lang in ("zh-Hant", "zh-Hans", "en"):
            data = target.to_json(lang)
            assert data["title"] and data["status_text"] and data["text"]
    assert len(r.branches) == 2
    assert all(t.scope == "branch" for targets_ in r.branches.values() for t in targets_)
    assert r.to_json("en")["year"] == 2026


def test_a_place_without_a_central_group_turns_the_study_target_off(store) -> None:  # type: ignore[no-untyped-def]
    store.settings.meetings.study = "none"
    assert report(store).get("central_study").status == "no_goal"
