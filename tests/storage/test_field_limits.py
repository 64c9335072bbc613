"""How far a typed value may go (storage/limits.py), as every register's model sees it:
beyond the bounds a value is refused in words, never an arithmetic error."""

from __future__ import annotations

from typing import Any

import pytest

from storage import catalogue
from storage.i18n import EN, HANT
from storage.messages import ValidationFailed
from storage.records import validate


def refusal(slug: str, **values: Any) -> ValidationFailed:
    register = catalogue.get(slug)
    assert register is not None
    with pytest.raises(ValidationFailed) as caught:
        validate(register, values)
    return caught.value


def test_a_count_beyond_any_village_is_refused_in_words() -> None:
    failure = refusal("remote_education", held_on="2026-11-01", programme="核桃栽培", members_count="9" * 50)
    assert [p.code for p in failure.problems] == ["count_range"]
    assert "太大了:最多 10,000,000" in failure.messages(HANT)[0]


@pytest.mark.parametrize(("field", "typed"), [("joined_on", "2200-01-01"), ("joined_on", "1799-12-31")])
def test_a_date_beyond_the_years_a_register_speaks_of(field: str, typed: str) -> None:
    failure = refusal("members", name="張桂英", **{field: typed})
    assert [p.code for p in failure.problems] == ["date_range"]
    assert "1800 到 2100" in failure.messages(HANT)[0] and "between 1800 and 2100" in failure.messages(EN)[0]


@pytest.mark.parametrize("typed", ["2200-01-01", "1799-12-31", "0001-01-01"])
def test_a_birth_date_beyond_them_is_said_by_the_birth_bound(typed: str) -> None:
    failure = refusal("members", name="張桂英", birth_date=typed)
    assert [p.code for p in failure.problems] == ["birth_date_range"]


def test_a_month_past_2100_is_refused() -> None:
    failure = refusal("dues", member="m-1", period_from="2101-01", amount="1", paid_on="2026-11-20")
    assert "1900 到 2100" in failure.messages(HANT)[0]


@pytest.mark.parametrize("typed", ["100000001", "1e9", "-1e400"])
def test_money_beyond_a_hundred_million_is_refused_anywhere(typed: str) -> None:
    failure = refusal("rich_models", name="張桂英", net_income=typed)
    assert [p.code for p in failure.problems] == ["money_limit"]
    assert "100,000,000 元" in failure.messages(HANT)[0]


def test_a_large_income_within_bounds_is_kept() -> None:
    register = catalogue.get("rich_models")
    assert register is not None
    assert validate(register, {"name": "張桂英", "net_income": "12,000,000"})["net_income"] == "12000000.00"
