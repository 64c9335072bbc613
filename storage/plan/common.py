"""What the plan's rules share: dates and months read straight from stored records,
members on the rolls, the periods of a meeting frequency, and the evidence of a finding.

The rules read stored records (JSON: dates as 2026-11-26, money as "0.50") rather than
pydantic objects, so a target over 100,000 members costs a second, not a minute.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, DecimalException
from typing import TYPE_CHECKING, Any, TypeGuard

from storage import clock
from storage.i18n import HANT, Text
from storage.limits import MONEY_LIMIT

if TYPE_CHECKING:
    from storage.store import Store

Record = Mapping[str, Any]


def day(value: Any) -> date | None:
    """A stored date (2026-11-26) as a date; None when absent or unreadable."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def money(value: Any) -> Decimal | None:
    """An amount a record holds; None when empty, or when it is no sane amount (written by an
    older version or by hand: 1e400 would end the sums in decimal.InvalidOperation).
    ``taizhang check`` names such values; the plan's figures leave them out."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except (DecimalException, ValueError):
        return None
    if not amount.is_finite() or amount.copy_abs() > MONEY_LIMIT:
        return None
    return amount


# -- months as integers: year * 12 + month - 1 -------------------------------------------


def stored_month(value: Any) -> int | None:
    """A stored month (2026-11), or the month of a stored date, as :func:`month_index`
    gives it; None when absent or unreadable (a hand edit), as :func:`day` does."""
    if isinstance(value, date):
        return month_index(value)
    if not isinstance(value, str):
        return None
    try:
        year, month = (int(part) for part in value[:7].split("-"))
    except ValueError:
        return None
    return year * 12 + month - 1 if 1 <= year <= 9999 and 1 <= month <= 12 else None


def month_index(value: date | str) -> int:
    if isinstance(value, date):
        return value.year * 12 + value.month - 1
    year, month = str(value)[:7].split("-")
    return int(year) * 12 + int(month) - 1


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def month_end(index: int) -> date:
    return month_start(index + 1) - timedelta(days=1)


def add_months(on: date, months: int) -> date:
    """The same day ``months`` later (the last day of a shorter month)."""
    index = month_index(on) + months
    last = month_end(index).day
    return date(index // 12, index % 12 + 1, min(on.day, last))


def add_years(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year + years)
    except ValueError:  # 29 February
        return on.replace(year=on.year + years, day=28)


def age_on(born: date, on: date) -> int:
    """Full years of age on a day (a birthday counts on the day itself)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def working_days_after(start: date, count: int) -> date:
    """The day ``count`` working days (Monday to Friday) after ``start``."""
    current = start
    while count > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current


# -- the year a rule looks at ---------------------------------------------------------------


@dataclass(frozen=True)
class Year:
    """A year of the plan, and how much of it has passed."""

    year: int
    today: date

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)

    @property
    def as_of(self) -> date:
        """The last day the year's records can speak for: today, or the year's end."""
        return min(self.today, self.end)

    @property
    def over(self) -> bool:
        return self.today > self.end

    @property
    def future(self) -> bool:
        return self.today < self.start

    @property
    def elapsed(self) -> float:
        """The share of the year that has passed (0 before it, 1 after it)."""
        if self.future:
            return 0.0
        days = (self.end - self.start).days + 1
        return min(1.0, ((self.as_of - self.start).days + 1) / days)

    def holds(self, when: date | None) -> TypeGuard[date]:
        # a TypeGuard: a day the year holds is a date, so callers may pass day()'s None
        return when is not None and self.start <= when <= self.end


def plan_year(year: int | None = None) -> Year:
    today = clock.today()
    return Year(year or today.year, today)


# -- members on the rolls --------------------------------------------------------------------


def on_rolls(member: Record, on: date) -> bool:
    """A member counts on a day (the rule is the members' declaration's:
    :func:`storage.registers.forms.on_rolls`)."""
    from storage.registers.forms import on_rolls as counted  # the declaration imports the plan's ranges

    return counted(member, on)


def has_office(member: Record) -> bool:
    return bool(str(member.get("office") or "").strip())


def live(records: Iterable[Record]) -> list[Record]:
    return [r for r in records if not r.get("_d")]


def records_of(store: Store, slug: str, *, branch: str | None = None) -> list[Record]:
    """The live records of a register as the rules read them: a value not of its field's
    type (a hand edit, an older version) is left out, never a crash (Store.sound_records)."""
    return store.sound_records(slug, branch=branch)


# -- meeting frequencies ------------------------------------------------------------------------

FREQUENCIES: dict[str, int] = {"monthly": 12, "quarterly": 4, "half_yearly": 2, "yearly": 1}
_FREQUENCY_WORDS = {
    "monthly": "monthly", "month": "monthly", "每月": "monthly", "月": "monthly",
    "quarterly": "quarterly", "quarter": "quarterly", "每季度": "quarterly", "季度": "quarterly",
    "half_yearly": "half_yearly", "half-yearly": "half_yearly", "halfyearly": "half_yearly",
    "twice_yearly": "half_yearly", "twice a year": "half_yearly", "biannual": "half_yearly",
    "semiannual": "half_yearly", "每半年": "half_yearly", "半年": "half_yearly",
    "yearly": "yearly", "annual": "yearly", "annually": "yearly", "每年": "yearly", "年": "yearly",
}

FREQUENCY_TEXT: dict[str, Text] = {
    "monthly": Text("每月", "每月", "monthly"),
    "quarterly": Text("每季度", "每季度", "quarterly"),
    "half_yearly": Text("每半年", "每半年", "twice a year"),
    "yearly": Text("每年", "每年", "yearly"),
}

PERIOD_TEXT: dict[str, Text] = {
    "monthly": Text("{n}月", "{n}月", "month {n}"),
    "quarterly": Text("第{n}季度", "第{n}季度", "quarter {n}"),
    "yearly": Text("全年", "全年", "the year"),
}
HALVES = (Text("上半年", "上半年", "first half"), Text("下半年", "下半年", "second half"))


def frequency(value: Any) -> str | None:
    """A frequency setting as monthly, quarterly, half_yearly or yearly; None means the
    place does not hold that meeting (an empty setting, none, 不開)."""
    text = str(value or "").strip().lower()
    return _FREQUENCY_WORDS.get(text)


def period_of(on: date, per_year: int) -> int:
    """Which period of its year a day falls in (0-based)."""
    return (on.month - 1) * per_year // 12


def period_bounds(year: int, number: int, per_year: int) -> tuple[date, date]:
    months = 12 // per_year
    first = year * 12 + number * months
    return month_start(first), month_end(first + months - 1)


def period_name(kind: str, number: int, lang: str) -> str:
    if kind == "half_yearly":
        return HALVES[number](lang)
    return PERIOD_TEXT[kind](lang, n=number + 1)


# -- what a finding points at ----------------------------------------------------------------


@dataclass
class Evidence:
    """Records of one register that a figure, a judgement or an action rests on."""

    register: str
    ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"register": self.register, "count": len(self.ids), "ids": list(self.ids)}


def evidence(register: str, records: Iterable[Record | str]) -> Evidence:
    return Evidence(register, [r if isinstance(r, str) else r["id"] for r in records])


@dataclass
class Said:
    """A sentence in the three languages with its values, worded when shown."""

    text: Text
    params: dict[str, Any] = field(default_factory=dict)

    def __call__(self, lang: str = HANT) -> str:
        from storage.text import visible

        params = {k: (v(lang) if callable(v) else v) for k, v in self.params.items()}  # Text, Said, lists of names
        # A name in a sentence stays in it: a line break or an escape sequence a record
        # holds (a hand edit) is shown escaped, never starting a line of its own.
        return self.text(lang, **{k: visible(v, lines=False) if isinstance(v, str) else v for k, v in params.items()})


def join(items: Iterable[str], lang: str) -> str:
    return (", " if lang == "en" else "、").join(items)


def number(value: Any) -> Any:
    """A figure for JSON and for people: whole numbers without a decimal point."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
