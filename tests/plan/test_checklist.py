"""The 五好 checklist: judged items follow the registers, hand items follow their ticks,
the sixteen places of the plan book are judged by being kept, and the phases have dates."""

from __future__ import annotations

from datetime import date

import pytest
from plan_helpers import add, snapshot  # noqa: F401 (a fixture)

from storage import catalogue
from storage.messages import StoreError
from storage.plan.checklist import checklist, phase_dates, tick, ticks
from storage.plan.items import HAND_ITEMS, ITEMS, SECTIONS


def test_every_item_of_the_plan_is_there() -> None:
    codes = [item.code for item in ITEMS]
    # 二、創建內容: (一) 5, (二) 5, (三) 5, (四) 6, (五) 5 items; then 四欄三室二牌一基地.
    for section, count in (("1", 5), ("2", 5), ("3", 5), ("4", 6), ("5", 5)):
        assert [c for c in codes if c.split(".")[0] == section] == [f"{section}.{n}" for n in range(1, count + 1)]
    facilities = [i.title.hant for i in ITEMS if i.section == "facilities"]
    assert facilities == ["黨員風采欄", "村務公開欄", "宣傳教育欄", "閱報欄", "黨員活動室", "圖書閱覽室", "電化教育室",
                          "村名標誌牌", "黨建示範標誌牌", "黨建示範基地"]
    seed = next((p for p in __import__("pathlib").Path("/work/shared/seed").glob("*.txt")), None)
    if seed is not None:  # every item's words are the plan's own
        text = seed.read_text(encoding="utf-8")
        for item in ITEMS:
            if item.section != "facilities":
                assert item.plan[:12] in text, item.code


def test_a_fresh_store_has_nothing_done(store) -> None:  # type: ignore[no-untyped-def]
    found = checklist(store)
    assert len(found.items) == len(ITEMS) + 16
    assert all(found.get(i.code).status == "unknown" for i in HAND_ITEMS)
    registers = [i for i in found.items if i.section == "registers"]
    assert [i.title.hant for i in registers] == [p.title.hant for p, _ in catalogue.plan_book()]
    assert all(i.status == "not_done" for i in registers)
    for lang in ("zh-Hant", "zh-Hans", "en"):
        data = found.to_json(lang)
        assert all(item["status_text"] and item["section_title"] for item in data["items"])


def test_a_register_kept_this_year_is_done(store, add) -> None:  # type: ignore[no-untyped-def]
    this = add("meetings", kind="支委會", held_on="2026-03-02")
    add("member_activities", held_on="2025-06-01", theme="去年的活動")
    add("regulations", name="學習制度")
    found = checklist(store)
    meetings = next(i for i in found.items if i.title.hant == "支部會議記錄")
    assert meetings.status == "done" and meetings.evidence[0].ids == [this]
    assert next(i for i in found.items if i.title.hant == "黨員活動記錄").status == "partly"  # only last year's
    assert next(i for i in found.items if i.title.hant == "各種制度匯總冊").status == "done"  # a roll: kept
    assert next(i for i in found.items if i.title.hant == "典型事跡匯總冊").status == "not_done"


def test_judged_items_follow_the_targets(store, add) -> None:  # type: ignore[no-untyped-def]
    for month in range(1, 12):
        add("meetings", kind="study", held_on=f"2026-{month:02d}-10", topic="專題", speaker="書記")
    assert checklist(store).get("1.2").status == "partly"  # on track: December is to come
    add("meetings", kind="study", held_on="2025-12-10", topic="專題", speaker="書記")
    assert checklist(store, 2025).get("1.2").status == "not_done"  # in 2025 only December
    for n in range(12):
        add("remote_education", held_on=f"2026-{n % 11 + 1:02d}-01", programme=f"第{n}部", category="film")
    item = checklist(store).get("5.2")
    assert item.status == "done" and "12" in item.note() and "電教設備" in item.note()  # the equipment: by hand
    assert item.evidence and item.evidence[0].register == "remote_education"


def test_the_rules_item_reads_the_roll_of_rules(store, add) -> None:  # type: ignore[no-untyped-def]
    add("regulations", name="「三會一課」制度")
    add("regulations", name="民主評議黨員制度")
    item = checklist(store).get("3.3")
    assert item.status == "partly" and "2/10" in item.note() and "結對扶貧制度" in item.note()
    for name in ("黨員目標管理制度", "學習制度", "民主選舉制度", "獎勵評比制度", "五好先進村規劃", "兩委班子議事規則",
                 "結對扶貧制度", "黨建工作雙向匯報制度"):  # 匯報 as often as 彙報
        add("regulations", name=name)
    assert checklist(store).get("3.3").status == "done"


def test_cadres_helping_households(store, add) -> None:  # type: ignore[no-untyped-def]
    cadre = add("members", name="村幹部", branch="第一支部", office="村委會主任")
    add("members", name="文書", branch="第一支部", office="文書")
    add("poverty_aid", helper_member=cadre, household_head="困難戶")
    assert checklist(store).get("5.1").status == "partly"


def test_ticking_by_hand_keeps_one_record_per_item(store) -> None:  # type: ignore[no-untyped-def]
    first = tick(store, "1.3", status="partly", evidence="照片未更新", by="王書記")
    assert checklist(store).get("1.3").status == "partly"
    again = tick(store, "兩委班子成員照片上牆", note="已更新照片")  # by title; done is the default
    assert again["id"] == first["id"] and len(store.records("checklist")) == 1
    item = checklist(store).get("1.3")
    assert item.status == "done" and "照片未更新" in item.note() and "已更新照片" in item.note()
    assert len(store.history(first["id"])) == 2  # the journal keeps how it went
    assert set(ticks(store)) == {"1.3"}


def test_a_judged_item_cannot_be_ticked_and_nothing_changes(store) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(store.home)
    with pytest.raises(StoreError) as refused:
        tick(store, "1.2")
    assert "登記冊" in refused.value.message()
    with pytest.raises(StoreError):
        tick(store, "9.9")
    assert snapshot(store.home) == before


def test_facilities_are_ticked(store) -> None:  # type: ignore[no-untyped-def]
    for code in ("col.style", "col.affairs", "room.activity"):
        tick(store, code)
    found = checklist(store)
    facilities = {i.code: i.status for i in found.items if i.section == "facilities"}
    assert facilities["col.style"] == "done" and facilities["room.reading"] == "unknown"
    assert found.counts()["done"] >= 3


def test_phases_default_to_the_plans_months_and_follow_the_settings(store, add) -> None:  # type: ignore[no-untyped-def]
    dates = [(p.code, a, b) for p, a, b in phase_dates(store)]
    assert dates == [
        ("mobilisation", date(2026, 1, 1), date(2026, 3, 31)),
        ("implementation", date(2026, 4, 1), date(2026, 10, 31)),
        ("review", date(2026, 11, 1), date(2027, 3, 31)),
    ]
    add("meetings", kind="創建工作會議", held_on="2026-02-20", topic="動員會")
    found = {p.code: p for p in checklist(store).phases}
    assert (found["mobilisation"].state, found["mobilisation"].status) == ("past", "done")
    assert (found["implementation"].state, found["implementation"].status) == ("past", "not_done")
    assert found["review"].state == "current"
    store.settings.phases.year = 2027
    store.settings.phases.review_to = date(2028, 4, 30)
    later = {p.code: p for p in checklist(store).phases}
    assert later["mobilisation"].state == "upcoming" and later["mobilisation"].status == "unknown"
    assert later["review"].end == date(2028, 4, 30)
    assert SECTIONS["facilities"]("en")
