"""Property: whatever a copy's store lets a person save — typed any way the forms accept
(full-width digits, 2026年1月5日, a lower-case x, labels for choices, spaces around) —
its bundle merges on the other side, whichever way it travels. The checks of a merge
(storage.values, sync.checks) refuse only what no save writes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from syncutil import Org

from storage.fields import id_check_character
from storage.i18n import EN
from storage.messages import StoreError, ValidationFailed
from sync.keys import Keyring
from sync.merge import merge

GIVEN = "桂英國華建軍秀蘭志強明德春梅玉珍阿依古麗·買買提"


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Org:
    os.environ["TAIZHANG_TODAY"] = "2026-11-26"  # module scope: before the autouse fixture runs
    os.environ["TAIZHANG_ENROL_SCRYPT_LOG2"] = "10"
    return Org(tmp_path_factory.mktemp("honest") / "org", branches=("第一支部",))


def _id_number(body: str, lower: bool, old: bool) -> str:
    number = body + id_check_character(body)
    if old:
        return body[:6] + body[8:17]  # the 15 digits of an old card
    return number.lower() if lower else number


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)  # controls too: the store refuses them
dates = st.dates().map(lambda d: d).flatmap(lambda d: st.sampled_from([
    d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日", d.strftime("%Y%m%d")]))
id_numbers = st.builds(
    _id_number,
    st.builds(lambda area, born, seq: f"{area}{born.strftime('%Y%m%d')}{seq:03d}",
              st.sampled_from(["530323", "110101", "440305"]),
              st.dates(min_value=__import__("datetime").date(1930, 1, 1),
                       max_value=__import__("datetime").date(1999, 12, 31)),
              st.integers(0, 999)),
    st.booleans(), st.booleans())
phones = st.one_of(
    st.integers(3, 9).flatmap(lambda d: st.integers(0, 10**9 - 1).map(lambda n: f"1{d}{n:09d}")),
    st.just("138 1234 5678"), st.just("+86 13812345678"), st.just("０８７４－５１２３４５６"), texts)
member_values: dict[str, Any] = {
    "name": st.one_of(st.text(st.sampled_from(GIVEN), min_size=1, max_size=5), texts),
    "gender": st.sampled_from(["男", "女", "male", "female", "M"]),
    "id_number": st.one_of(id_numbers, texts),
    "birth_date": dates,
    "joined_on": dates,
    "education": st.sampled_from(["本科", "初中", "primary school", "phd", "高中"]),
    "status": st.sampled_from(["預備", "正式黨員", "full", "probationary"]),
    "phone": phones,
    "address": texts,
    "party_group": st.sampled_from(["第一黨小組", " 第二黨小組 ", "無", "-"]),
    "mobile": st.sampled_from([True, False, "是", "否"]),
    "dues_base": st.sampled_from(["2500", "¥3,000", "１２．５", "abc", 1800]),
    "note": st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
}

operations = st.lists(st.one_of(
    st.tuples(st.just("add"), st.fixed_dictionaries({"name": member_values["name"]},
                                                    optional={k: v for k, v in member_values.items() if k != "name"})),
    st.tuples(st.just("edit"), st.sampled_from(sorted(member_values)).flatmap(
        lambda f: st.tuples(st.just(f), member_values[f]))),
    st.tuples(st.just("pay"), st.tuples(st.sampled_from(["2026-09", "2026/10", "2026年11月"]),
                                        st.sampled_from(["0.5", "¥1", "2元", "-1"]))),
    st.tuples(st.just("meet"), st.tuples(dates, st.sampled_from(["general", "黨小組會", "lecture"]), texts)),
    st.tuples(st.just("delete"), st.just(None)),
), min_size=1, max_size=6)


def _try(step: Any) -> None:
    try:
        step()
    except (ValidationFailed, StoreError):
        pass  # the store refused it: nothing was saved, nothing travels


def merged_without_refusal(org: Org, src: str, dst: str) -> None:
    path = org.export(src, dst)
    store = org[dst]
    plan, _ = merge(store, Keyring.load(store.home), [path])
    assert not plan.refused, plan.refused[0].refused.message(EN)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ops=operations)
def test_whatever_a_copy_saves_merges_on_the_other(org: Org, ops: list[tuple[str, Any]]) -> None:
    branch, master = org["b1"], org["m"]
    for kind, arg in ops:
        members = branch.records("members")
        last = members[-1]["id"] if members else None
        if kind == "add":
            _try(lambda: branch.add("members", arg))
        elif kind == "edit" and last:
            _try(lambda: branch.edit(last, {arg[0]: arg[1]}))
        elif kind == "pay" and last:
            _try(lambda: branch.add("dues", {"member": last, "period_from": arg[0], "amount": arg[1],
                                             "paid_on": "2026-11-20"}))
        elif kind == "meet" and members:
            attendance = [m["id"] for m in members[:3]]
            _try(lambda: branch.add("meetings", {"held_on": arg[0], "kind": arg[1], "topic": arg[2],
                                                 "attendance": attendance}))
        elif kind == "delete" and last:
            _try(lambda: branch.delete(last))
        if kind == "edit" and last:  # the 總支 edits too, concurrently, the record's address
            _try(lambda: master.edit(last, {"address": "總支改的地址"}) if last in master.table("members") else None)
    merged_without_refusal(org, "b1", "m")
    merged_without_refusal(org, "m", "b1")


def test_a_master_snapshot_merges_on_a_new_branch_copy(tmp_path: Path) -> None:
    """A --full bundle from the master describes records field by field, by stamp: its
    creations may hold only the fields not edited since (not whole records)."""
    org = Org(tmp_path / "org", branches=("第一支部",))
    rid = org["b1"].add("members", {"name": "張桂英", "phone": "13812345678", "address": "大寨村"})["id"]
    org.send("b1", "m")
    org["m"].edit(rid, {"name": "張桂英改", "address": None})  # a required field edited, another emptied
    path = org.export("m", "b1", full=True)
    plan, _ = merge(org["b1"], Keyring.load(org["b1"].home), [path])
    assert not plan.refused, plan.refused[0].refused.message(EN)
    fresh = org.enrol("b1")  # a new laptop for the branch: enrolment carries a snapshot
    assert fresh.get(rid)[1]["name"] == "張桂英改" and "address" not in fresh.get(rid)[1]
