"""The rules behind forms and rolls that help (issue 12.4): which choices a person must make
(the declaration says, for every register), what a new record starts from, a meeting's
主持人 or 記錄人 marked absent, and what a payment's form takes from its member."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storage import catalogue
from storage.plan.dues import pay, payment_filled, payment_note
from storage.registers.books import absent_officers, absent_officers_note


def test_a_members_status_and_every_required_choice_must_be_chosen() -> None:
    asked = {reg.slug: sorted(n for n, s in reg.fields.items() if s.asked) for reg in catalogue.registers()}
    assert asked["members"] == ["status"], "正式/預備 has no default a person may be spared"
    assert asked["remote_education"] == ["category"]
    assert asked["meetings"] == ["kind"] and asked["surveys"] == ["subject"]
    # A choice with a default a person may be spared is not asked: a new applicant is at
    # the first stage, a new rectification open; yes/no and optional choices are not asked.
    assert "stage" not in asked["applicants"] and "status" not in asked["rectifications"]
    assert "gender" not in asked["members"] and "mobile" not in asked["members"]
    for reg in catalogue.registers():  # the class, not the instance: every register
        for name, spec in reg.fields.items():
            required_choice = spec.choices is not None and not spec.ref and spec.required
            assert not required_choice or spec.asked, f"{reg.slug}.{name} is required but not asked"
            assert not spec.asked or spec.choices is not None, f"{reg.slug}.{name}: only a choice is asked"


@pytest.mark.parametrize(("lang", "words"), [
    ("zh-Hant", "正式/預備:填寫有誤:未選,請從 正式黨員、預備黨員 中選一項。"),
    ("zh-Hans", "正式/预备:填写有误:未选,请从 正式党员、预备党员 中选一项。"),
    ("en", "Status is not valid: nothing chosen; choose one of full member, probationary member."),
])
def test_an_unmade_choice_is_named_in_the_users_language(lang: str, words: str) -> None:
    members = catalogue.get("members")
    assert members is not None
    [problem] = members.unchosen({"name": "王秀英", "status": None})
    assert problem.field == "status"
    assert problem.message(lang, members.label("status", lang)) == words
    assert members.unchosen({"name": "王秀英", "status": "probationary"}) == []
    assert [p.field for p in members.unchosen({"status": " "})] == ["status"], "a blank is no choice"


def test_a_new_record_starts_from_the_defaults_no_one_need_choose() -> None:
    defaults = {reg.slug: reg.defaults() for reg in catalogue.registers()}
    assert defaults["members"] == {"mobile": False}, "正式 is not among them"
    assert defaults["applicants"] == {"stage": "applicant"}
    assert defaults["rectifications"] == {"status": "open"}
    assert "category" not in defaults["remote_education"]


def name_of(rid: str) -> str:
    return {"m1": "張桂英", "m2": "李國華", "m3": "王秀英"}.get(rid, "")


ROLL = [{"member": "m1", "status": "absent", "reason": "生病"}, {"member": "m2", "status": "present"},
        {"member": "m3", "status": "nonvoting"}]


def test_a_chair_or_minute_taker_marked_absent_is_found() -> None:
    assert absent_officers({"host": "張桂英", "recorder": "李國華"}, ROLL, name_of) == [("host", "張桂英")]
    assert absent_officers({"host": "李國華", "recorder": "王秀英、張桂英"}, ROLL, name_of) == [("recorder", "張桂英")]
    assert absent_officers({"host": "李國華", "recorder": "王秀英"}, ROLL, name_of) == []
    assert absent_officers({"host": "張桂英"}, [{"member": 7, "status": "absent"}, "junk"], name_of) == []


@pytest.mark.parametrize(("lang", "words"), [
    ("zh-Hant", "注意:記錄人張桂英在名單上記為缺席。"),
    ("zh-Hans", "注意:记录人張桂英在名单上记为缺席。"),
    ("en", "Note: 張桂英, who took the minutes, is marked absent on the roll."),
])
def test_the_absent_officers_note(lang: str, words: str) -> None:
    assert absent_officers_note({"recorder": "張桂英"}, ROLL, name_of, lang) == words
    assert absent_officers_note({"recorder": "李國華"}, ROLL, name_of, lang) == ""


def test_a_payments_form_takes_the_branch_month_and_standard_from_the_member(store: Any) -> None:
    second = store.resolve_reference("branches", "第二支部")
    member = store.add("members", {"name": "張桂英", "branch": second, "status": "full", "dues_class": "農民"})
    pay(store, member["id"], months=1)  # her first month, as `taizhang dues pay` takes it
    filled = payment_filled(store, member["id"], {"member": member["id"]})
    assert filled == {"branch": second, "period_from": "2026-12", "paid_on": "2026-11-26", "standard": "0.50"}
    # What the form already holds is kept (the branch is the member's, whatever was there).
    kept = payment_filled(store, member["id"], {"period_from": "2026-10", "standard": "1.00", "paid_on": "2026-11-01"})
    assert kept == {"branch": second}
    assert payment_filled(store, "no-such-member", {}) == {}


@pytest.mark.parametrize(("values", "expected"), [
    ({"standard": "0.50", "amount": "5", "period_from": "2026年1月", "period_to": "2026-12"},
     "注意:5.00 元不是標準 0.50 元 × 12 個月 = 6.00 元。多交是自願的;若是打錯,請改正金額。"),
    ({"standard": "0.50", "amount": "6.00", "period_from": "2026-01", "period_to": "2026-12"}, ""),
    ({"standard": "0.50", "amount": "¥0.5", "period_from": "202611"}, ""),
    ({"standard": "0.50", "amount": "0.6", "period_from": "2026-11"},
     "注意:0.60 元不是標準 0.50 元 × 1 個月 = 0.50 元。多交是自願的;若是打錯,請改正金額。"),
    ({"standard": "", "amount": "5", "period_from": "2026-01"}, ""),  # no standard: nothing to compare
    ({"standard": "0.50", "amount": "五元", "period_from": "2026-01"}, ""),  # not yet readable: said on save
])
def test_a_payments_amount_off_the_standard_is_noted_before_saving(values: dict[str, str], expected: str) -> None:
    assert payment_note(values, "zh-Hant") == expected


def test_the_payment_note_in_each_language() -> None:
    values = {"standard": "0.50", "amount": "5", "period_from": "2026-01", "period_to": "2026-12"}
    assert payment_note(values, "zh-Hans").startswith("注意:5.00 元不是标准 0.50 元 × 12 个月")
    assert payment_note(values, "en").startswith("Note: 5.00 yuan is not the standard 0.50 yuan × 12 months")


# -- an import refuses a roster's row that leaves the choice blank ------------------------------


def test_an_imported_row_leaving_the_status_blank_is_refused_and_named(tmp_path: Path) -> None:
    from hostile import tree_hashes
    from support import taizhang_here

    home = tmp_path / "台賬"
    assert taizhang_here("init", "--org", "測試村黨總支", "--branch", "第一支部", home=home).returncode == 0
    path = tmp_path / "花名冊.csv"
    path.write_text("姓名,正式/預備\n張桂英,正式\n李國華,\n王秀英,預備\n", encoding="utf-8")
    before = tree_hashes(home)
    refused = taizhang_here("import", "members", str(path), home=home)
    assert refused.returncode == 1
    assert "李國華" in refused.stderr and "3" in refused.stderr, "the row is named"
    assert "正式/預備" in refused.stderr and "未選" in refused.stderr, "and the field, with what to do"
    assert "張桂英" not in refused.stderr and "王秀英" not in refused.stderr
    assert tree_hashes(home) == before, "nothing imported"
    english = taizhang_here("import", "members", str(path), "--lang", "en", home=home)
    assert "Status" in english.stderr and "nothing chosen" in english.stderr
    # Without the column the roster says nothing of it for any row: the rows are imported.
    path.write_text("姓名\n張桂英\n", encoding="utf-8")
    assert taizhang_here("import", "members", str(path), home=home).returncode == 0
