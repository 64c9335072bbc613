"""Every register of the catalogue: a good record, bad ones, labels, columns, the plan's
sixteen places, and the rules that cross fields (身份證號, attendance, dues, helpers …)."""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Any

import pytest
from opencc import OpenCC
from pydantic import BaseModel

from storage import catalogue
from storage.fields import Choices, Hint, Label
from storage.i18n import EN, HANS, HANT, Text
from storage.messages import FIELD_ERRORS, ValidationFailed
from storage.records import model_of, validate
from storage.registers.base import GROUPS, Register
from storage.registers.base import annotation_metadata as _metadata

TODAY = "2026-11-26"


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAIZHANG_TODAY", TODAY)
    monkeypatch.delenv("TAIZHANG_NOW", raising=False)


#: A good record of each register, typed as a secretary would type it.
SAMPLES: dict[str, dict[str, Any]] = {
    "mobile_members": {
        "member": "m-0001", "card_number": "LD-2026-003", "reason": "務工", "destination": "廣東省東莞市",
        "left_on": "2026年2月18日", "contact_away": "+86 139 8765 4321", "host_organisation": "東莞市長安鎮流動黨員黨支部",
        "dues_paid_to": "2026年10月", "reported_on": "2026-07-01",
    },
    "members": {
        "name": "張桂英", "id_number": "11010519491231002x", "ethnicity": "彝族", "education": "初中",
        "joined_on": "1975/7/1", "confirmed_on": "1976-07-01", "status": "正式", "party_group": "第一黨小組",
        "post": "林業管護崗", "phone": "138 1234 5678", "address": "**村三組", "dues_class": "農民",
    },
    "rich_models": {
        "name": "李德明", "gender": "男", "birth_date": "1972-03-15", "political": "群眾", "education": "高中",
        "industry": "核桃種植", "scale": "核桃 200 畝", "net_income": "¥85,000", "households_led": "23戶",
        "poor_helped": 5, "honours": "縣級致富帶頭人", "phone": "0874-5123456", "deeds": "帶領鄰里種植核桃。",
    },
    "meetings": {
        "kind": "支委會", "held_on": "2026-11-05", "place": "黨員活動室", "host": "王書記", "recorder": "李會計",
        "attendance": [
            {"member": "m-0001", "status": "出席"},
            {"member": "m-0002", "status": "absent", "reason": "外出務工"},
        ],
        "topic": "發展對象的確定", "decisions": "同意確定趙某為發展對象。",
        "votes_for": 5, "votes_against": 0, "votes_abstain": "0",
    },
    "member_activities": {
        "held_on": "2026年10月12日", "place": "三組", "kind": "志願服務", "theme": "清理河道垃圾",
        "organiser": "王書記", "participants": ["m-0001", "m-0002"], "content": "清理河道兩公里。", "outcome": "河道整潔。",
    },
    "remote_education": {
        "held_on": "2026-09-20", "hours": "2", "programme": "核桃病蟲害防治", "category": "技術培訓",
        "tutor": "鄉農技站", "members_count": "18人", "public_count": 30, "effect": "學會了嫁接。",
    },
    "regulations": {
        "name": "「三會一課」制度", "category": "組織生活", "issuer": "**村黨總支", "issued_on": "2026-01-10",
        "summary": "支部黨員大會每季度一次……", "body": "第一條 ……",
    },
    "reserve_cadres": {
        "name": "楊曉東", "gender": "男", "birth_date": "1995-06-01", "education": "大專", "phone": "15912345678",
        "current_job": "村文書", "source": "返鄉青年", "intended_post": "村委副主任", "chosen_on": "2026-03-01",
        "mentor": "王書記",
    },
    "applicants": {
        "name": "阿依古麗.買買提", "id_number": "440524188001010014", "stage": "積極分子",
        "applied_on": "2025-03-01", "talked_on": "2025-03-20", "activist_on": "2025-09-01", "contacts": "王某、李某",
    },
    "wealth_leaders": {
        "name": "趙永富", "gender": "男", "political": "中共黨員", "industry": "生豬養殖", "scale": "存欄 300 頭",
        "net_income": "120000元", "households_led": 12, "poor_helped": "3", "phone": "13612345678",
        "member": "m-0003",
    },
    "pairings": {
        "member": "m-0001", "partner": "李德明", "partner_phone": "13712345678", "since": "2026-04-01",
        "goal": "學習核桃嫁接,培養入黨", "result": "已提交入黨申請。",
    },
    "poverty_aid": {
        "helper_member": "m-0001", "household_head": "𠮷大山", "household_size": "4人", "address": "**村五組",
        "cause": "因病致貧", "measures": "介紹務工,協調醫療救助。", "since": "2026-02-01",
    },
    "dues": {
        "member": "m-0001", "period_from": "2026年7月", "period_to": "2026-12", "standard": "0.5",
        "amount": "3", "paid_on": "2026-07-05", "collector": "李會計",
    },
    "branch_activities": {
        "held_on": "2026-07-01", "place": "村活動廣場", "kind": "學習教育", "theme": "七一主題黨日",
        "organiser": "王書記", "participants": ["m-0001"], "public_count": "40", "outcome": "重溫入黨誓詞。",
    },
    "exemplary_deeds": {
        "who": "第一黨小組", "category": "好人好事示範", "held_on": "2026-08-15", "deeds": "連夜搶修水渠。",
        "honour": "鄉黨委通報表揚",
    },
    "branches": {
        "name": "第一黨支部", "secretary": "王建國", "phone": "0874-5123456", "founded_on": "1984-05-01",
        "farmer_dues": "0.5",
    },
    "links": {"kind": "黨員幫帶農戶", "linker": "m-0001", "household_head": "陳大富", "since": "2026-03-01"},
    "rectifications": {
        "meeting": "mt-0009", "owner_member": "m-0001", "problem": "聯繫群眾不夠經常", "measures": "每月走訪 6 戶。",
        "deadline": "2026-12-31", "status": "整改中",
    },
    "surveys": {
        "year": "2026年", "subject": "在職和有崗黨員", "respondents": "120人", "satisfied": 111, "held_on": "2026-11-20",
    },
    "village_stats": {"year": 2026, "households": "412戶", "star_households": 340, "income_per_head": "8,650"},
    "checklist": {"item": "兩委班子成員照片上牆", "status": "已完成", "checked_on": "2026-10-08", "checked_by": "王書記",
                  "evidence": "活動室東牆,照片存檔盒 3"},
}

REGISTERS = catalogue.registers()
BY_SLUG = {reg.slug: reg for reg in REGISTERS}
ids = [reg.slug for reg in REGISTERS]


def refusal(register: Register, values: dict[str, Any]) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        validate(register, values)
    return caught.value


def problem_on(failure: ValidationFailed, field: str) -> int:
    found = [i for i, p in enumerate(failure.problems) if p.field == field]
    assert found, f"no problem on {field}: {failure.problems}"
    return found[0]


# -- every register: a good record -----------------------------------------------------


def test_samples_cover_every_register() -> None:
    assert set(SAMPLES) == set(catalogue.slugs())


@pytest.mark.parametrize("register", REGISTERS, ids=ids)
def test_good_record_validates(register: Register) -> None:
    sample = SAMPLES[register.slug]
    record = validate(register, {**sample, "branch": "b-0001"})
    assert set(sample) <= set(record)
    assert record["branch"] == "b-0001"
    assert record[register.name_field] not in (None, "", [])
    # What is stored validates again to itself: the store re-reads its own JSON.
    assert validate(register, record) == record
    assert model_of(register, {**record, "id": "x", "_v": "1"}) is not None


@pytest.mark.parametrize("register", REGISTERS, ids=ids)
def test_every_record_may_carry_a_branch(register: Register) -> None:
    spec = register.fields["branch"]
    assert spec.ref == "branches" and not spec.required
    assert validate(register, SAMPLES[register.slug])["branch"] is None


# -- every register: bad records -------------------------------------------------------

#: A value each kind of field must refuse, and the refusal's code.
BAD_BY_KIND: dict[str, tuple[Any, str]] = {
    "date": ("someday", "date_format"),
    "month": ("November", "month_format"),
    "money": ("lots", "money_format"),
    "count": ("many", "count_format"),
    "phone": ("12345", "phone_format"),
    "id_number": ("123", "id_number_format"),
    "choice": ("no-such-choice", "choice"),
    "name": ("123", "name_format"),
    "year": ("26", "invalid"),
    "bool": ("maybe", "invalid"),
    "attendance": ([{"member": "m-0001", "status": "遲到早退"}], "choice"),
}
#: Kinds that take any text (references are checked by the store, against its records).
FREE_KINDS = {"text", "long_text", "ref"}

REQUIRED = [(reg, name) for reg in REGISTERS for name, spec in reg.fields.items() if spec.required]
TYPED = [(reg, name) for reg in REGISTERS for name, spec in reg.fields.items() if spec.kind in BAD_BY_KIND]


def test_every_kind_has_a_bad_value() -> None:
    kinds = {spec.kind for reg in REGISTERS for spec in reg.fields.values()}
    assert kinds - FREE_KINDS - set(BAD_BY_KIND) == set()


def test_every_register_can_refuse_something() -> None:
    refusable = {reg.slug for reg, _ in REQUIRED} | {reg.slug for reg, _ in TYPED}
    assert refusable == set(catalogue.slugs())


@pytest.mark.parametrize(("register", "field"), REQUIRED, ids=[f"{r.slug}.{f}" for r, f in REQUIRED])
def test_missing_required_field_is_named(register: Register, field: str) -> None:
    for blank in (None, "", "無"):
        values = {k: v for k, v in SAMPLES[register.slug].items() if k != field}
        if blank is not None:
            values[field] = blank
        failure = refusal(register, values)
        index = problem_on(failure, field)
        assert failure.problems[index].code == "missing"
        label = register.fields[field].label
        assert failure.messages(HANT)[index] == f"{label.hant}:必須填寫。"
        assert failure.messages(EN)[index] == f"{label.en} is required."


@pytest.mark.parametrize(("register", "field"), TYPED, ids=[f"{r.slug}.{f}" for r, f in TYPED])
def test_bad_typed_value_is_named(register: Register, field: str) -> None:
    spec = register.fields[field]
    value, code = BAD_BY_KIND[spec.kind]
    failure = refusal(register, {**SAMPLES[register.slug], field: value})
    index = problem_on(failure, field)
    assert failure.problems[index].code == code
    assert failure.messages(HANT)[index].startswith(spec.label.hant + ":")
    assert failure.messages(EN)[index].startswith(spec.label.en + " ")


@pytest.mark.parametrize("register", REGISTERS, ids=ids)
def test_unknown_field_refused(register: Register) -> None:
    failure = refusal(register, {**SAMPLES[register.slug], "shoe_size": "42"})
    assert failure.problems[problem_on(failure, "shoe_size")].code == "unknown_field"


# -- every register: labels, columns, references ---------------------------------------


def _cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or ord(ch) >= 0x20000 for ch in text)


@pytest.mark.parametrize("register", REGISTERS, ids=ids)
def test_labels_in_three_languages(register: Register) -> None:
    texts: dict[str, Text] = {name: spec.label for name, spec in register.fields.items()}
    texts.update(dict(register.derived))
    for name, text in texts.items():
        for value in text.variants():
            assert value and value == value.strip(), (name, text)
            assert value != name, f"{register.slug}.{name} has no label"
        assert _cjk(text.hant) and _cjk(text.hans), (name, text)
        assert not _cjk(text.en), (name, text)
    for text in (register.title, *(p.title for p in register.places)):
        assert all(text.variants()) and _cjk(text.hant) and _cjk(text.hans) and not _cjk(text.en)


@pytest.mark.parametrize("register", REGISTERS, ids=ids)
def test_columns_name_and_search_fields_exist(register: Register) -> None:
    derived = dict(register.derived)
    for column in register.columns:
        assert column in register.fields or column in derived, column
    for name in derived:
        assert isinstance(getattr(register.model, name, None), property), name
    # A list fits a terminal: seven columns (the member roll, the widest, shows eight).
    assert 1 <= len(register.columns) <= (8 if register.slug == "members" else 7)
    assert len(set(register.columns)) == len(register.columns)
    assert register.name_field in register.fields
    assert register.name_field in register.columns
    for name in register.search:
        assert name in register.fields, name
    assert register.owner in ("branch", "master")


@pytest.mark.parametrize("register", REGISTERS, ids=ids)
def test_derived_columns_computed_from_the_sample(register: Register) -> None:
    model = model_of(register, validate(register, SAMPLES[register.slug]))
    for name, _ in register.derived:
        assert getattr(model, name) is not None, name


@pytest.mark.parametrize("register", REGISTERS, ids=ids)
def test_references_point_to_registers(register: Register) -> None:
    for name, target in register.references.items():
        assert target in catalogue.slugs(), (name, target)


def test_slugs_are_english_snake_case() -> None:
    for slug in catalogue.slugs():
        assert slug.isascii() and slug == slug.lower() and slug.replace("_", "").isalpha(), slug


def test_titles_find_one_register_each() -> None:
    owners: dict[str, str] = {}
    for reg in REGISTERS:
        titles = {t.lower() for text in (reg.title, *(p.title for p in reg.places)) for t in text.variants()}
        for title in titles:
            assert owners.setdefault(title, reg.slug) == reg.slug, f"{title}: {owners[title]} and {reg.slug}"
            assert catalogue.get(title) is reg


# -- simplified labels are OpenCC's conversion of the traditional ones -------------------

#: Words where OpenCC's t2s is wrong and the label is right. None so far; an entry
#: must say why, e.g. {"乾坤": "OpenCC gives 干坤; 乾 stays in 乾坤"}.
OPENCC_EXCEPTIONS: dict[str, str] = {}


def _texts_of_model(model: type[BaseModel], where: str, seen: set[type]) -> list[tuple[str, Text]]:
    if model in seen:
        return []
    seen.add(model)
    found: list[tuple[str, Text]] = []
    for name, info in model.model_fields.items():
        meta, _ = _metadata(info.annotation)
        for item in [*info.metadata, *meta]:
            if isinstance(item, Label):
                found.append((f"{where}.{name}", item))
            elif isinstance(item, Hint):
                found.append((f"{where}.{name} hint", item.text))
        stack = [info.annotation]
        while stack:  # models inside lists (the attendance of a meeting)
            current = stack.pop()
            if isinstance(current, type) and issubclass(current, BaseModel):
                found += _texts_of_model(current, f"{where}.{name}", seen)
            stack.extend(typing.get_args(current))
    return found


def all_texts() -> list[tuple[str, Text]]:
    texts: list[tuple[str, Text]] = [(f"group {k}", t) for k, t in GROUPS.items()]
    seen: set[type] = set()
    for reg in REGISTERS:
        texts.append((f"{reg.slug} title", reg.title))
        texts += [(f"{reg.slug} place", p.title) for p in reg.places]
        texts += [(f"{reg.slug}.{n}", t) for n, t in reg.derived]
        texts += [(f"{reg.slug}.{n}", spec.label) for n, spec in reg.fields.items()]
        texts += _texts_of_model(reg.model, reg.slug, seen)
    for name, choices in Choices.registry.items():
        texts += [(f"choice {name}.{code}", t) for code, t in choices.options.items()]
    texts += [(f"message {code}", t) for code, t in FIELD_ERRORS.items()]
    return texts


def test_simplified_is_opencc_of_traditional() -> None:
    convert = OpenCC("t2s").convert
    wrong = []
    for where, text in all_texts():
        expected = convert(text.hant)
        for word, _why in OPENCC_EXCEPTIONS.items():
            expected = expected.replace(convert(word), word)
        if text.hans != expected:
            wrong.append(f"{where}: {text.hant} → {text.hans}, OpenCC: {expected}")
    assert not wrong, "\n".join(wrong)


def test_opencc_check_would_catch_a_wrong_label() -> None:
    convert = OpenCC("t2s").convert
    assert convert("黨員花名冊") == "党员花名册"
    assert convert("黨員花名冊") != "黨员花名册"


# -- the plan's sixteen places -----------------------------------------------------------

PLAN = [
    ("card", "流動黨員管理卡"),
    ("forms", "黨員基本情況登記表"),
    ("forms", "致富典型登記表"),
    ("books", "支部會議記錄"),
    ("books", "黨員活動記錄"),
    ("books", "遠程教育記錄"),
    ("rolls", "各種制度匯總冊"),
    ("rolls", "黨員花名冊"),
    ("rolls", "後備幹部花名冊"),
    ("rolls", "入黨積極分子花名冊"),
    ("rolls", "致富帶頭人花名冊"),
    ("rolls", "黨員與致富能人結對幫帶花名冊"),
    ("rolls", "黨員和致富能人幫扶貧困戶花名冊"),
    ("rolls", "黨費收繳冊"),
    ("rolls", "支部活動登記冊"),
    ("rolls", "典型事跡匯總冊"),
]


def test_plan_book_is_the_plans_sixteen_places_in_order() -> None:
    book = catalogue.plan_book()
    assert [(place.group, place.title.hant) for place, _ in book] == PLAN
    for group in ("card", "forms", "books", "rolls"):
        numbers = [place.number for place, _ in book if place.group == group]
        assert numbers == list(range(1, len(numbers) + 1)), group
    registers = [reg.slug for _, reg in book]
    assert len(set(registers)) == 15
    assert registers.count("members") == 2  # the form and the roll: one collection


def test_registers_outside_the_plan_book_are_other() -> None:
    others = {reg.slug for reg in REGISTERS if not reg.places}
    assert others == {"branches", "links", "rectifications", "surveys", "village_stats", "checklist"}
    assert all(BY_SLUG[s].group == "other" for s in others)
    assert catalogue.slugs()[-len(others):] == [r.slug for r in REGISTERS if not r.places]


# -- 身份證號 against 出生日期 and 性別 ----------------------------------------------------------


@pytest.mark.parametrize("slug", ["members", "applicants"])
def test_id_number_fills_birth_date_and_gender(slug: str) -> None:
    record = validate(BY_SLUG[slug], {"name": "張桂英", "id_number": "11010519491231002x"})
    assert (record["birth_date"], record["gender"]) == ("1949-12-31", "female")
    record = validate(BY_SLUG[slug], {"name": "李德明", "id_number": "440524188001010014", "gender": "男",
                                      "birth_date": "1880年1月1日"})
    assert (record["birth_date"], record["gender"]) == ("1880-01-01", "male")


@pytest.mark.parametrize("slug", ["members", "applicants"])
def test_id_number_contradicting_gender_refused(slug: str) -> None:
    register = BY_SLUG[slug]
    failure = refusal(register, {"name": "張桂英", "id_number": "11010519491231002X", "gender": "男"})
    index = problem_on(failure, "gender")
    assert failure.problems[index].code == "id_number_contradiction"
    hant, en = failure.messages(HANT)[index], failure.messages(EN)[index]
    assert hant.startswith("性別:") and "身份證號" in hant and "為 女" in hant and "男" in hant
    assert en.startswith("Gender ") and "ID number" in en and "female" in en and "male" in en


@pytest.mark.parametrize("slug", ["members", "applicants"])
def test_id_number_contradicting_birth_date_refused(slug: str) -> None:
    register = BY_SLUG[slug]
    failure = refusal(register, {"name": "張桂英", "id_number": "11010519491231002X", "birth_date": "1950-01-01"})
    index = problem_on(failure, "birth_date")
    assert failure.problems[index].code == "id_number_contradiction"
    hant, en = failure.messages(HANT)[index], failure.messages(EN)[index]
    assert hant.startswith("出生日期:") and "1949-12-31" in hant and "1950-01-01" in hant
    assert "1949-12-31" in en and "1950-01-01" in en


# -- meetings: 應到 and 實到 are counted from the attendance --------------------------------


def _meeting(*lines: tuple[str, str]) -> Any:
    register = BY_SLUG["meetings"]
    attendance = [{"member": m, "status": s, **({"reason": "外出"} if s == "缺席" else {})} for m, s in lines]
    record = validate(register, {"kind": "黨員大會", "held_on": "2026-11-05", "attendance": attendance})
    return model_of(register, record)


def test_meeting_counts_expected_and_present() -> None:
    meeting = _meeting(("m1", "出席"), ("m2", "present"), ("m3", "缺席"), ("m4", "出席"), ("m5", "nonvoting"))
    assert (meeting.expected, meeting.present) == (4, 3)
    assert meeting.quorate
    assert {"expected", "present"} <= set(BY_SLUG["meetings"].columns)


def test_meeting_quorum_needs_more_than_half() -> None:
    assert not _meeting(("m1", "出席"), ("m2", "缺席")).quorate
    assert not _meeting(("m1", "缺席"), ("m2", "缺席"), ("m3", "出席")).quorate
    assert _meeting(("m1", "出席"), ("m2", "出席"), ("m3", "缺席")).quorate
    empty = _meeting()
    assert (empty.expected, empty.present) == (0, 0)


def test_meeting_counts_are_not_typed() -> None:
    failure = refusal(BY_SLUG["meetings"], {"kind": "黨課", "held_on": "2026-11-05", "expected": 9})
    assert failure.problems[problem_on(failure, "expected")].code == "unknown_field"


def test_meeting_lists_a_member_once() -> None:
    register = BY_SLUG["meetings"]
    attendance = [{"member": "m1", "status": "出席"}, {"member": "m1", "status": "缺席"}]
    failure = refusal(register, {"kind": "黨課", "held_on": "2026-11-05", "attendance": attendance})
    assert failure.problems[problem_on(failure, "attendance")].code == "invalid"


# -- dues: a correction is a reversing entry --------------------------------------------


def test_dues_negative_amount_refused_unless_reversing() -> None:
    register = BY_SLUG["dues"]
    entry = {"member": "m-0001", "period_from": "2026-11", "amount": "-3", "paid_on": "2026-11-20"}
    failure = refusal(register, entry)
    index = problem_on(failure, "amount")
    assert failure.problems[index].code == "money_negative"
    assert failure.messages(HANT)[index].startswith("金額(元):") and "沖銷" in failure.messages(HANT)[index]
    assert "reversing entry" in failure.messages(EN)[index]
    record = validate(register, {**entry, "reverses": "d-0007"})
    assert record["amount"] == "-3.00" and record["reverses"] == "d-0007"
    assert register.entries


def test_dues_months_in_order() -> None:
    register = BY_SLUG["dues"]
    entry = {"member": "m-0001", "period_from": "2026-11", "amount": "3", "paid_on": "2026-11-20"}
    assert validate(register, entry)["period_to"] == "2026-11"
    failure = refusal(register, {**entry, "period_to": "2026-10"})
    assert failure.problems[problem_on(failure, "period_to")].code == "date_order"


# -- the rules of the newer registers ---------------------------------------------------


def test_rich_model_and_wealth_leader_share_their_fields() -> None:
    assert list(BY_SLUG["rich_models"].fields) == list(BY_SLUG["wealth_leaders"].fields)
    for slug in ("rich_models", "wealth_leaders"):
        failure = refusal(BY_SLUG[slug], {"name": "李德明", "birth_date": "2030-01-01"})
        assert failure.problems[problem_on(failure, "birth_date")].code == "date_future"


def test_activities_count_each_member_once() -> None:
    for slug in ("member_activities", "branch_activities"):
        register = BY_SLUG[slug]
        record = validate(register, {"held_on": "2026-10-01", "theme": "植樹",
                                     "participants": ["m1", "m2", "m1", "m3"]})
        assert record["participants"] == ["m1", "m2", "m3"]
        assert model_of(register, record).participant_count == 3
        assert register.fields["participants"].ref == "members" and register.fields["participants"].many
    assert "public_count" in BY_SLUG["branch_activities"].fields
    assert set(BY_SLUG["member_activities"].fields) < set(BY_SLUG["branch_activities"].fields)


def test_poverty_aid_needs_a_helper() -> None:
    register = BY_SLUG["poverty_aid"]
    failure = refusal(register, {"household_head": "陳大富"})
    index = problem_on(failure, "helper_member")
    assert failure.messages(HANT)[index].startswith("幫扶黨員:") and "幫扶能人" in failure.messages(HANT)[index]
    assert "at least one" in failure.messages(EN)[index]
    assert "帮扶能人" in failure.messages(HANS)[index]
    assert validate(register, {"household_head": "陳大富", "helper_name": "李德明"})["helper_name"] == "李德明"
    assert validate(register, {"household_head": "陳大富", "helper_member": "m1", "cause": "因學"})["cause"] == "schooling"


def test_link_names_the_household_its_kind_needs() -> None:
    register = BY_SLUG["links"]
    failure = refusal(register, {"kind": "cadre_member", "linker": "m1", "household_head": "陳大富"})
    index = problem_on(failure, "household_member")
    assert failure.problems[index].code == "missing"
    assert failure.messages(HANT)[index] == "聯繫的黨員戶:必須填寫。"
    failure = refusal(register, {"kind": "member_farmer", "linker": "m1"})
    assert failure.problems[problem_on(failure, "household_head")].code == "missing"
    failure = refusal(register, {"kind": "cadre_member", "linker": "m1", "household_member": "m1"})
    assert failure.problems[problem_on(failure, "household_member")].code == "invalid"
    assert validate(register, {"kind": "聯繫黨員戶", "linker": "m1", "household_member": "m2"})["kind"] == "cadre_member"


def test_rectification_owner_status_and_overdue() -> None:
    register = BY_SLUG["rectifications"]
    failure = refusal(register, {"problem": "學習不夠"})
    assert failure.problems[problem_on(failure, "owner_member")].code == "invalid"
    record = validate(register, {"problem": "學習不夠", "owner_name": "王建國", "deadline": "2026-10-31"})
    assert record["status"] == "open"
    assert model_of(register, record).overdue
    done = validate(register, {**record, "status": "整改中", "done_on": "2026-10-20"})
    assert done["status"] == "done" and not model_of(register, done).overdue
    failure = refusal(register, {**record, "done_on": "2027-01-01"})
    assert failure.problems[problem_on(failure, "done_on")].code == "date_future"
    assert register.fields["meeting"].ref == "meetings"


def test_survey_satisfaction() -> None:
    register = BY_SLUG["surveys"]
    model = model_of(register, validate(register, SAMPLES["surveys"]))
    assert model.year == 2026 and model.satisfaction == Decimal("92.5")
    failure = refusal(register, {**SAMPLES["surveys"], "satisfied": 121})
    index = problem_on(failure, "satisfied")
    assert "121" in failure.messages(HANT)[index] and "120" in failure.messages(EN)[index]
    zero = model_of(register, validate(register, {**SAMPLES["surveys"], "respondents": 0, "satisfied": 0}))
    assert zero.satisfaction is None
    assert validate(register, {**SAMPLES["surveys"], "subject": "两委"})["subject"] == "committees"


def test_village_stats_star_rate() -> None:
    register = BY_SLUG["village_stats"]
    model = model_of(register, validate(register, SAMPLES["village_stats"]))
    assert model.star_rate == Decimal("82.5") and model.income_per_head == Decimal("8650.00")
    failure = refusal(register, {"year": 2026, "households": 100, "star_households": 101})
    assert failure.problems[problem_on(failure, "star_households")].code == "invalid"
    assert model_of(register, validate(register, {"year": "２０２５"})).star_rate is None


@pytest.mark.parametrize("typed", ["2026", "2026年", "2026年度", "２０２６", 2026])
def test_year_forms(typed: Any) -> None:
    assert validate(BY_SLUG["village_stats"], {"year": typed})["year"] == 2026


def test_regulations_are_handed_down_by_the_general_branch() -> None:
    assert BY_SLUG["regulations"].owner == "master"
    assert BY_SLUG["branches"].owner == "master"
    assert BY_SLUG["checklist"].owner == "master"  # the 五好 checklist is the 總支's own
    assert all(reg.owner == "branch" for reg in REGISTERS if reg.slug not in ("regulations", "branches", "checklist"))
