"""The field types, as a person types them into a register, and the words of a refusal.

Each value goes through :func:`storage.records.validate`, the path every form, import
and command takes; a refusal must name the field by its label and say what is expected,
in traditional Chinese and in English.
"""

from __future__ import annotations

from typing import Any

import pytest

from storage import catalogue
from storage.i18n import EN, HANS, HANT
from storage.messages import ValidationFailed
from storage.records import validate

TODAY = "2026-11-26"


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAIZHANG_TODAY", TODAY)
    monkeypatch.delenv("TAIZHANG_NOW", raising=False)


def accept(slug: str, **values: Any) -> dict[str, Any]:
    register = catalogue.get(slug)
    assert register is not None, slug
    return validate(register, values)


def refuse(slug: str, field: str, code: str, **values: Any) -> dict[str, str]:
    """Validate, expect a refusal on ``field`` with ``code``; its message in each language."""
    register = catalogue.get(slug)
    assert register is not None, slug
    with pytest.raises(ValidationFailed) as caught:
        validate(register, values)
    failure = caught.value
    found = [i for i, p in enumerate(failure.problems) if p.field == field]
    assert found, f"no problem on {field}: {failure.problems}"
    index = found[0]
    assert failure.problems[index].code == code, failure.problems
    return {lang: failure.messages(lang)[index] for lang in (HANT, HANS, EN)}


def member(**values: Any) -> dict[str, Any]:
    return {"name": "張桂英", **values}


def dues(**values: Any) -> dict[str, Any]:
    return {"member": "m-1", "period_from": "2026-11", "amount": "0.5", "paid_on": "2026-11-20", **values}


def starts_with_label(messages: dict[str, str], hant: str, en: str) -> None:
    assert messages[HANT].startswith(hant + ":"), messages[HANT]
    assert messages[EN].startswith(en + " "), messages[EN]


# -- 身份證號 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored", "born", "gender"),
    [
        ("11010519491231002X", "11010519491231002X", "1949-12-31", "female"),
        ("440524188001010014", "440524188001010014", "1880-01-01", "male"),
        ("11010519491231002x", "11010519491231002X", "1949-12-31", "female"),  # lower-case x
        ("１１０１０５ １９４９１２３１ ００２Ｘ", "11010519491231002X", "1949-12-31", "female"),
        ("110105491231002", "11010519491231002X", "1949-12-31", "female"),  # 15 digits upgraded
    ],
)
def test_id_number_accepted(typed: str, stored: str, born: str, gender: str) -> None:
    record = accept("members", **member(id_number=typed))
    assert record["id_number"] == stored
    assert record["birth_date"] == born
    assert record["gender"] == gender


def test_id_number_wrong_checksum() -> None:
    messages = refuse("members", "id_number", "id_number_checksum", **member(id_number="110105194912310021"))
    starts_with_label(messages, "身份證號", "ID number")
    assert "校驗位" in messages[HANT] and "X" in messages[HANT] and "1" in messages[HANT]
    assert "check character" in messages[EN] and "X" in messages[EN]
    assert "校验位" in messages[HANS]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("110105194902300021", "19490230"),  # 30 February
        ("110105194913010021", "19491301"),  # month 13
        ("110105491331002", "19491331"),  # in an old 15-digit number too
        ("110105187912310021", "1879-12-31"),  # before any living person
    ],
)
def test_id_number_impossible_birth_date(typed: str, shown: str) -> None:
    messages = refuse("members", "id_number", "id_number_birth", **member(id_number=typed))
    starts_with_label(messages, "身份證號", "ID number")
    assert shown in messages[HANT] and "出生日期" in messages[HANT]
    assert shown in messages[EN] and "birth date" in messages[EN]


def test_id_number_future_birth_date() -> None:
    # 2027-01-01 is after the pinned today, 2026-11-26.
    messages = refuse("members", "id_number", "id_number_birth", **member(id_number="110105202701010012"))
    assert "2027-01-01" in messages[HANT] and "過去" in messages[HANT]
    assert "2027-01-01" in messages[EN] and "past date" in messages[EN]


@pytest.mark.parametrize(
    ("typed", "length"),
    [
        ("11010519491231", 14),
        ("11010519491231002XX", 19),
        ("1101051949123100", 16),
        ("11010519491231A02X", 18),  # a letter where a digit must be
        ("11010549123100X", 15),  # a 15-digit number has no check character
    ],
)
def test_id_number_length_and_characters(typed: str, length: int) -> None:
    messages = refuse("members", "id_number", "id_number_format", **member(id_number=typed))
    starts_with_label(messages, "身份證號", "ID number")
    assert "18" in messages[HANT] and f"{length} 位" in messages[HANT]
    assert "18 characters" in messages[EN] and f"has {length}" in messages[EN]


# -- phones ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("0086-138-1234-5678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("１９９　１２３４　５６７８", "19912345678"),
        ("0874-5123456", "0874-5123456"),
        ("0874 5123456", "0874-5123456"),
        ("(0874)5123456", "0874-5123456"),
        ("（0874）51234567", "0874-51234567"),
        ("08745123456", "0874-5123456"),
        ("010-62345678", "010-62345678"),
        ("02162345678", "021-62345678"),
        ("０８７４－５１２３４５６", "0874-5123456"),
    ],
)
def test_phone_accepted(typed: str, stored: str) -> None:
    assert accept("members", **member(phone=typed))["phone"] == stored


@pytest.mark.parametrize(
    "typed",
    [
        "12812345678",  # no mobile begins 12
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "5123456",  # a landline without its area code
        "0874-123",  # too short after the area code
        "0874-123456789",  # too long
        "+1 415 555 0100",  # not a Chinese number
        "電話",
    ],
)
def test_phone_refused(typed: str) -> None:
    messages = refuse("members", "phone", "phone_format", **member(phone=typed))
    starts_with_label(messages, "聯繫電話", "Phone")
    assert typed in messages[HANT] and "手機" in messages[HANT] and "0874-5123456" in messages[HANT]
    assert typed in messages[EN] and "mobile" in messages[EN] and "0874-5123456" in messages[EN]


# -- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "1980-05-01",
        "1980-5-1",
        "1980/05/01",
        "1980/5/1",
        "1980.5.1",
        "19800501",
        "1980年5月1日",
        "1980年05月01號",
        "1980年5月1",
        "１９８０年５月１日",
        " 1980 - 05 - 01 ",
    ],
)
def test_date_forms(typed: str) -> None:
    assert accept("members", **member(birth_date=typed))["birth_date"] == "1980-05-01"


@pytest.mark.parametrize("typed", ["May 1, 1980", "1980-05", "80-5-1", "1980年5月", "一九八〇年五月一日", "198051"])
def test_date_not_a_date(typed: str) -> None:
    messages = refuse("members", "birth_date", "date_format", **member(birth_date=typed))
    starts_with_label(messages, "出生日期", "Born")
    for form in ("2026-11-26", "2026/11/26", "20261126"):
        assert form in messages[HANT] and form in messages[EN]
    # 2026年11月26日 is accepted too, and said so in Chinese; an English message stays English.
    assert "2026年11月26日" in messages[HANT] and "2026年" not in messages[EN]


@pytest.mark.parametrize("typed", ["1980-02-30", "1981-02-29", "1980-13-01", "19800431", "1980年0月1日"])
def test_date_not_on_the_calendar(typed: str) -> None:
    messages = refuse("members", "birth_date", "date_invalid", **member(birth_date=typed))
    starts_with_label(messages, "出生日期", "Born")
    assert "月和日" in messages[HANT]
    assert "month and the day" in messages[EN]


def test_leap_day_is_a_date() -> None:
    assert accept("members", **member(birth_date="1980-02-29"))["birth_date"] == "1980-02-29"


def test_birth_date_in_the_future() -> None:
    messages = refuse("members", "birth_date", "date_future", **member(birth_date="2026-11-27"))
    starts_with_label(messages, "出生日期", "Born")
    assert "2026-11-27" in messages[HANT] and "今天之後" in messages[HANT]
    assert "after today" in messages[EN]
    assert accept("members", **member(birth_date=TODAY))["birth_date"] == TODAY


def test_dates_in_order() -> None:
    messages = refuse("members", "confirmed_on", "date_order",
                      **member(joined_on="2020-07-01", confirmed_on="2020-06-30"))
    starts_with_label(messages, "轉正日期", "Full member since")
    assert "入黨日期" in messages[HANT] and "2020-07-01" in messages[HANT]
    assert "joining date" in messages[EN] and "2020-07-01" in messages[EN]


# -- months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-11", "2026-11"),
        ("2026/11", "2026-11"),
        ("2026.3", "2026-03"),
        ("202611", "2026-11"),
        ("2026年11月", "2026-11"),
        ("2026年3", "2026-03"),
        ("２０２６年３月", "2026-03"),
    ],
)
def test_month_forms(typed: str, stored: str) -> None:
    assert accept("dues", **dues(period_from=typed, period_to=None))["period_from"] == stored


@pytest.mark.parametrize("typed", ["2026-13", "2026-00", "2026年13月", "1899-05"])
def test_month_out_of_range(typed: str) -> None:
    messages = refuse("dues", "period_from", "month_invalid", **dues(period_from=typed))
    starts_with_label(messages, "交納月份(起)", "For months from")
    assert "1 到 12" in messages[HANT] and "1 and 12" in messages[EN]


@pytest.mark.parametrize("typed", ["November", "26-11", "2026-11-01", "十一月"])
def test_month_not_a_month(typed: str) -> None:
    messages = refuse("dues", "period_from", "month_format", **dues(period_from=typed))
    starts_with_label(messages, "交納月份(起)", "For months from")
    assert "2026年11月" in messages[HANT] and "2026-11" in messages[EN]


# -- money -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0.5", "0.50"),
        ("12", "12.00"),
        (12, "12.00"),
        (0.2, "0.20"),
        ("¥12", "12.00"),
        ("￥12.5", "12.50"),
        ("12元", "12.00"),
        ("１２．５", "12.50"),
        ("1,200", "1200.00"),
        (" 3.00 ", "3.00"),
    ],
)
def test_money_accepted(typed: Any, stored: str) -> None:
    assert accept("dues", **dues(amount=typed))["amount"] == stored


@pytest.mark.parametrize("typed", ["十二元", "abc", "1.2.3", "NaN", "Infinity", "12 塊"])
def test_money_refused(typed: str) -> None:
    messages = refuse("dues", "amount", "money_format", **dues(amount=typed))
    starts_with_label(messages, "金額(元)", "Amount")
    assert typed in messages[HANT] and "0.5" in messages[HANT] and "元" in messages[HANT]
    assert typed in messages[EN] and "yuan" in messages[EN]


# -- counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "stored"), [("12", 12), ("12人", 12), ("１２", 12), (0, 0), ("30戶", 30)])
def test_count_accepted(typed: Any, stored: int) -> None:
    record = accept("remote_education", held_on="2026-11-01", programme="核桃栽培", members_count=typed)
    assert record["members_count"] == stored


@pytest.mark.parametrize("typed", ["-1", -1, "很多", "1.5", True])
def test_count_refused(typed: Any) -> None:
    messages = refuse("remote_education", "members_count", "count_format",
                      held_on="2026-11-01", programme="核桃栽培", members_count=typed)
    starts_with_label(messages, "參學黨員數", "Members attending")
    assert "正整數" in messages[HANT] and "whole number" in messages[EN]


# -- names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("張桂英", "張桂英"),
        ("张桂英", "张桂英"),
        ("  張桂英 ", "張桂英"),
        ("𠮷田", "𠮷田"),  # a character beyond the basic plane, kept whole
        ("阿依古麗·買買提", "阿依古麗·買買提"),
        ("阿依古麗.買買提", "阿依古麗·買買提"),
        ("阿依古麗．買買提", "阿依古麗·買買提"),
        ("阿依古麗•買買提", "阿依古麗·買買提"),
        ("阿依古麗‧買買提", "阿依古麗·買買提"),
        ("阿依古麗・買買提", "阿依古麗·買買提"),
        ("阿依古麗･買買提", "阿依古麗·買買提"),
        ("阿依古麗∙買買提", "阿依古麗·買買提"),
        ("阿依古麗⋅買買提", "阿依古麗·買買提"),
        ("Zhang Guiying", "Zhang Guiying"),
    ],
)
def test_name_accepted(typed: str, stored: str) -> None:
    record = accept("members", name=typed)
    assert record["name"] == stored
    if "𠮷" in typed:
        assert len(record["name"]) == 2  # one code point, not a surrogate pair


@pytest.mark.parametrize("typed", ["張三3", "張三３", "007", "·", "李四二號1"])
def test_name_refused(typed: str) -> None:
    messages = refuse("members", "name", "name_format", name=typed)
    starts_with_label(messages, "姓名", "Name")
    assert typed in messages[HANT] and "不含數字" in messages[HANT] and "·" in messages[HANT]
    assert typed in messages[EN] and "no digits" in messages[EN]


@pytest.mark.parametrize("typed", [None, "", "   ", "無", "/", "—"])
def test_required_name_missing(typed: Any) -> None:
    values = {} if typed is None else {"name": typed}
    messages = refuse("members", "name", "missing", **values)
    assert messages[HANT] == "姓名:必須填寫。"
    assert messages[HANS] == "姓名:必须填写。"
    assert messages[EN] == "Name is required."


def test_blank_optional_values_are_empty() -> None:
    record = accept("members", **member(phone="無", birth_date="-", education="/"))
    assert record["phone"] is None and record["birth_date"] is None and record["education"] is None


# -- choices ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "code"),
    [
        ("gender", "male", "male"),
        ("gender", "Male", "male"),
        ("gender", "男", "male"),
        ("gender", "女", "female"),
        ("gender", "FEMALE", "female"),
        ("status", "full", "full"),
        ("status", "正式黨員", "full"),
        ("status", "正式党员", "full"),
        ("status", "full member", "full"),
        ("status", "正式", "full"),
        ("status", "預備", "probationary"),
        ("status", "预备", "probationary"),
        ("status", "預備黨員", "probationary"),
        ("status", "probationary member", "probationary"),
        ("education", "大專", "college"),
        ("education", "大专", "college"),
        ("education", "bachelor's degree", "bachelor"),
        ("education", "bachelor", "bachelor"),
        ("dues_class", " 農民 ", "farmer"),
    ],
)
def test_choice_by_code_or_any_label(field: str, typed: str, code: str) -> None:
    assert accept("members", **member(**{field: typed}))[field] == code


def test_choice_refused_lists_the_options() -> None:
    messages = refuse("members", "gender", "choice", **member(gender="boy"))
    starts_with_label(messages, "性別", "Gender")
    assert "boy" in messages[HANT] and "男" in messages[HANT] and "女" in messages[HANT]
    assert "boy" in messages[EN] and "male" in messages[EN] and "female" in messages[EN]
    assert "男" not in messages[EN]

    messages = refuse("members", "status", "choice", **member(status="候補"))
    starts_with_label(messages, "正式/預備", "Status")
    assert "正式黨員" in messages[HANT] and "預備黨員" in messages[HANT]
    assert "正式党员" in messages[HANS]
    assert "full member" in messages[EN] and "probationary member" in messages[EN]


def test_unknown_field_is_named() -> None:
    messages = refuse("members", "shoe_size", "unknown_field", **member(shoe_size="42"))
    assert "沒有這個欄目" in messages[HANT] and "name" in messages[HANT]
    assert "not a field" in messages[EN]
