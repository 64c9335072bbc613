"""A merge judges a created record by running its register's cross-field rules once per
distinct set of values they read (storage.values): whatever it remembers, its verdict
is the model's own on the whole record."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import catalogue
from storage.fields import id_check_character
from storage.values import Checker, _whole

MALE = "53032319680312001" + id_check_character("53032319680312001")
FEMALE = "53032319700101002" + id_check_character("53032319700101002")
DATES = ["1968-03-12", "1970-01-01", "1990-05-05", "2000-01-01", "2026-11-26", "2027-01-01"]
MEMBERS = ["m-1", "m-2"]


def maybe(values: list[Any]) -> Any:
    return st.one_of(st.none(), st.sampled_from(values))


RECORDS = {
    "members": st.fixed_dictionaries({"name": st.sampled_from(["張桂英", "李國華"]), "status": st.just("full"),
                                      "mobile": st.just(False)},
                                     optional={"id_number": st.sampled_from([MALE, FEMALE]),
                                               "gender": st.sampled_from(["male", "female"]),
                                               "birth_date": st.sampled_from(DATES),
                                               "joined_on": st.sampled_from(DATES),
                                               "confirmed_on": st.sampled_from(DATES),
                                               "left_on": st.sampled_from(DATES),
                                               "phone": st.sampled_from(["13812345678", "13912345678"])}),
    "dues": st.fixed_dictionaries({"member": st.sampled_from(MEMBERS), "period_from": st.sampled_from(["2026-09", "2026-10"]),
                                   "amount": st.sampled_from(["0.50", "-0.50", "1.00"]),
                                   "paid_on": st.sampled_from(DATES[:5])},
                                  optional={"period_to": st.sampled_from(["2026-09", "2026-10"]),
                                            "reverses": st.sampled_from(["d-1"])}),
    "links": st.fixed_dictionaries({"kind": st.sampled_from(["cadre_member", "member_household"]),
                                    "linker": st.sampled_from(MEMBERS)},
                                   optional={"household_member": st.sampled_from(MEMBERS),
                                             "household_head": st.sampled_from(["王五"])}),
    "member_activities": st.fixed_dictionaries({"held_on": st.sampled_from(DATES), "theme": st.just("學習")},
                                               optional={"participants": st.lists(st.sampled_from(MEMBERS), min_size=1,
                                                                                  max_size=3)}),
    "rectifications": st.fixed_dictionaries({"problem": st.just("問題"), "status": st.sampled_from(["open", "done"])},
                                            optional={"owner_name": st.just("王五"), "done_on": st.sampled_from(DATES)}),
    "surveys": st.fixed_dictionaries({"year": st.just(2026), "subject": st.just("committees"),
                                      "respondents": st.sampled_from([10, 20]), "satisfied": st.sampled_from([5, 15])}),
}

CHECKER = Checker()  # one for every example: what it remembers is what is tested


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(RECORDS)).flatmap(lambda slug: st.tuples(st.just(slug), RECORDS[slug])))
def test_what_a_merge_remembers_of_the_rules_agrees_with_the_model(case: tuple[str, dict[str, Any]]) -> None:
    slug, values = case
    reg = catalogue.get(slug)
    assert reg is not None
    fields = {k: [None, v] for k, v in values.items()}
    problem, _ = CHECKER.creation(reg, fields)
    expected = _whole(reg, values, set())
    assert (problem is None) == (expected is None), (values, problem, expected)
    if problem is not None and expected is not None and expected.code != "invalid":
        assert (problem.field, problem.code) == (expected.field, expected.code)
