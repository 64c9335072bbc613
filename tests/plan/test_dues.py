"""黨費 by the 2008 rules: each bracket's boundary, the flat amounts, arrears, reversals,
advance payment, and a standard that follows the income base."""

from __future__ import annotations

from decimal import Decimal

import pytest
from plan_helpers import add, snapshot  # noqa: F401 (a fixture)

from storage.messages import StoreError
from storage.plan.dues import member_dues, monthly_standard, pay, rate_of, reverse, standard_of


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("2000", "10.00"),
        ("3000", "15.00"),  # ≤3000: 0.5%
        ("3000.01", "30.00"),  # just over: 1%
        ("5000", "50.00"),  # ≤5000: 1%
        ("5000.01", "75.00"),  # just over: 1.5%
        ("10000", "150.00"),  # ≤10000: 1.5%
        ("10000.01", "200.00"),  # just over: 2%
        ("20000", "400.00"),
    ],
)
def test_salaried_brackets(base: str, expected: str) -> None:
    assert monthly_standard("salaried", base) == Decimal(expected)


@pytest.mark.parametrize(
    ("base", "expected"),
    [("3000", "15.00"), ("5000", "25.00"), ("5000.01", "50.00"), ("8000", "80.00")],
)
def test_retired_brackets(base: str, expected: str) -> None:
    assert monthly_standard("retired", base) == Decimal(expected)


def test_rates_are_the_whole_base_times_one_rate() -> None:
    assert rate_of("salaried", "3000") == Decimal("0.005")
    assert rate_of("salaried", "3001") == Decimal("0.01")
    assert rate_of("retired", "5001") == Decimal("0.01")
    assert rate_of("farmer", "5001") is None


def test_flat_amounts_and_unknowns() -> None:
    assert monthly_standard("farmer", None) == Decimal("0.50")
    assert monthly_standard("farmer", None, farmer="0.8") == Decimal("0.80")
    for klass in ("student", "unemployed", "low_income"):
        assert monthly_standard(klass, "9000") == Decimal("0.20")
    assert monthly_standard("salaried", None) is None
    assert monthly_standard(None, "3000") is None


def test_farmer_standard_is_the_branch_setting_else_the_store_setting(store, add) -> None:  # type: ignore[no-untyped-def]
    own = add("branches", name="高山支部", farmer_dues="1")
    mine = add("members", name="張三", branch=own, dues_class="農民")
    other = add("members", name="李四", branch="第一支部", dues_class="農民")
    assert standard_of(store, store.table("members")[mine]) == Decimal("1.00")
    assert standard_of(store, store.table("members")[other]) == Decimal("0.50")
    store.settings.dues.farmer_monthly = "0.3"
    assert standard_of(store, store.table("members")[other]) == Decimal("0.30")


def test_standard_follows_the_income_base(store, add) -> None:  # type: ignore[no-untyped-def]
    mid = add("members", name="王五", branch="第一支部", dues_class="在職", dues_base="2800", joined_on="2000-07-01")
    assert [s.standard for s in member_dues(store) if s.member == mid] == [Decimal("14.00")]
    store.edit(mid, {"dues_base": "4500"})  # a rise: the standard is recomputed
    assert [s.standard for s in member_dues(store) if s.member == mid] == [Decimal("45.00")]
    entry = pay(store, mid, months=1, period_from="2026-11")
    assert entry["standard"] == "45.00" and entry["amount"] == "45.00" and entry["base_income"] == "4500.00"


def _member(add, name: str = "趙六", **extra):  # type: ignore[no-untyped-def]
    return add("members", name=name, branch="第一支部", dues_class="農民", joined_on="2010-07-01", **extra)


def test_paid_up_to_arrears_and_a_reversed_payment(store, add) -> None:  # type: ignore[no-untyped-def]
    mid = _member(add)
    add("dues", member=mid, period_from="2026-01", period_to="2026-06", amount="3", paid_on="2026-01-10")
    second = add("dues", member=mid, period_from="2026-07", period_to="2026-09", amount="1.5", paid_on="2026-07-10")
    [status] = member_dues(store)
    assert (status.paid_to, status.arrears, status.level) == ("2026-09", 1, "ok")  # October unpaid; November open
    assert status.unpaid == ["2026-10"]

    reverse(store, second, note="記錯了")  # the July–September payment was never made
    [status] = member_dues(store)
    assert (status.paid_to, status.arrears, status.level) == ("2026-06", 4, "warning")
    assert status.paid == Decimal("3.00")
    with pytest.raises(StoreError):
        reverse(store, second)  # a reversed entry cannot be reversed again
    assert len(store.records("dues")) == 3


def test_warning_at_three_months_alert_at_six(store, add) -> None:  # type: ignore[no-untyped-def]
    add("dues", member=_member(add, "甲"), period_from="2026-01", period_to="2026-08", amount="4", paid_on="2026-01-10")
    add("dues", member=_member(add, "乙"), period_from="2026-01", period_to="2026-07", amount="3.5", paid_on="2026-01-10")
    add("dues", member=_member(add, "丙"), period_from="2026-01", period_to="2026-04", amount="2", paid_on="2026-01-10")
    add("dues", member=_member(add, "丁"), period_from="2026-01", period_to="2026-05", amount="2.5", paid_on="2026-01-10")
    levels = {s.name: (s.arrears, s.level) for s in member_dues(store)}
    assert levels == {"甲": (2, "ok"), "乙": (3, "warning"), "丁": (5, "warning"), "丙": (6, "alert")}
    # As of an earlier month the same book says less.
    assert {s.name: s.arrears for s in member_dues(store, "2026-08")} == {"甲": 0, "乙": 0, "丙": 3, "丁": 2}


def test_dues_begin_with_the_book_joining_or_transfer(store, add) -> None:  # type: ignore[no-untyped-def]
    old = _member(add, "老黨員")
    add("members", name="新黨員", branch="第一支部", dues_class="農民", joined_on="2026-09-15", status="預備")
    _member(add, "轉入者", transferred_in_on="2026-10-02")
    add("dues", member=old, period_from="2026-03", amount="0.5", paid_on="2026-03-10")  # the book starts in March
    found = {s.name: s for s in member_dues(store)}
    assert found["老黨員"].start == "2026-03" and found["老黨員"].arrears == 7
    # Both were added today, with nothing known of their months before: not in arrears
    # (issue 12; tests/plan/test_dues_start.py has them added when they joined, judged later).
    assert (found["新黨員"].start, found["新黨員"].arrears, found["新黨員"].level) == ("2026-11", 0, "unknown")
    assert (found["轉入者"].start, found["轉入者"].arrears, found["轉入者"].level) == ("2026-11", 0, "unknown")
    store.settings.dues.tracked_from = "2026-06"
    assert {s.name: s.start for s in member_dues(store)}["老黨員"] == "2026-06"


def test_paid_below_the_standard_is_not_in_full(store, add) -> None:  # type: ignore[no-untyped-def]
    mid = add("members", name="錢七", branch="第一支部", dues_class="在職", dues_base="6000", joined_on="2000-01-01")
    add("dues", member=mid, period_from="2026-01", period_to="2026-10", amount="500", paid_on="2026-01-05")
    [status] = member_dues(store)
    assert status.arrears == 0 and status.short == Decimal("400.00") and not status.on_time  # 90 a month is due


def test_advance_up_to_six_months_and_no_further(store, add) -> None:  # type: ignore[no-untyped-def]
    mid = _member(add)
    add("dues", member=mid, period_from="2026-01", period_to="2026-10", amount="5", paid_on="2026-01-10")
    entry = pay(store, mid, months=7)  # November (due now) and six months ahead: to May 2027
    assert (entry["period_from"], entry["period_to"], entry["amount"]) == ("2026-11", "2027-05", "3.50")
    [status] = member_dues(store)
    assert status.paid_to == "2027-05" and status.advance == 6 and status.arrears == 0
    before = snapshot(store.home)
    with pytest.raises(StoreError) as refused:
        pay(store, mid, months=1)  # June 2027 is seven months ahead
    assert "6" in refused.value.message() and snapshot(store.home) == before


def test_a_member_working_away_pays_at_the_host(store, add) -> None:  # type: ignore[no-untyped-def]
    mid = _member(add, mobile=True)
    add("dues", member=_member(add, "本地"), period_from="2026-01", amount="0.5", paid_on="2026-01-05")
    add("mobile_members", member=mid, destination="昆明", dues_paid_to="2026-10")
    status = {s.name: s for s in member_dues(store)}["趙六"]
    assert status.paid_to == "2026-10" and status.arrears == 0


def test_members_who_left_are_not_asked(store, add) -> None:  # type: ignore[no-untyped-def]
    _member(add, "在冊")
    _member(add, "已故", left_on="2026-03-01", left_how="去世")
    _member(add, "轉出", transferred_out_on="2026-05-01")
    assert [s.name for s in member_dues(store)] == ["在冊"]


def test_pay_without_a_standard_needs_an_amount(store, add) -> None:  # type: ignore[no-untyped-def]
    mid = add("members", name="孫八", branch="第一支部", joined_on="2000-01-01")
    with pytest.raises(StoreError):
        pay(store, mid)
    assert pay(store, mid, amount="2")["amount"] == "2.00"
