"""From which month a member's dues are judged, and what is known of them.

A member's dues began in this organisation the month she joined, or was transferred in,
or — when neither is known — the month her record was added. The book cannot judge the
months before it began (:func:`storage.plan.dues.book_start`), nor the months before her
record was added unless something is known of them: a "paid up to" month (the member
roll's 黨費交至, typed, imported from a roster's column or given as
``import --dues-paid-to``; a 流動黨員活動證's), or a payment the book holds for them (one
reversed too: the book dealt with those months, and the reversal says they are unpaid).
So a member added today, imported today or transferred in this month owes nothing yet,
and one of whom nothing is known is "unknown", never put up for removal on her first day.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from storage import clock
from storage.i18n import Text
from storage.messages import StoreError
from storage.plan.common import month_text, stored_month

if TYPE_CHECKING:
    from storage.tables import ImportPlan

T = Text

#: The level of a member of whom nothing is known: no payment in the book, no "paid up
#: to", and no month yet due since her record was added.
UNKNOWN = "unknown"
UNKNOWN_TEXT = T(
    "交費情況不詳:沒有交費記錄,也沒有填「黨費交至」",
    "交费情况不详:没有交费记录,也没有填「党费交至」",
    "not known: no payment recorded and no 'paid up to' month",
)
UNKNOWN_COUNT = T(
    "其中 {n} 人交費情況不詳(新登記或新導入,還沒有交費記錄):交費後記入黨費,或在黨員花名冊填「黨費交至」。",
    "其中 {n} 人交费情况不详(新登记或新导入,还没有交费记录):交费后记入党费,或在党员花名册填「党费交至」。",
    "Not known for {n} of them (newly added or imported, no payment recorded yet): record the next "
    "payment, or fill in 'Dues paid up to' on the member roll.",
)
PAID_TO_FIELD = "dues_paid_to"
TOO_FAR = T(
    "--dues-paid-to {month} 超過了預交的限度({limit} 個月,到 {last}):請寫明實際交至的月份。沒有導入任何記錄。",
    "--dues-paid-to {month} 超过了预交的限度({limit} 个月,到 {last}):请写明实际交至的月份。没有导入任何记录。",
    "--dues-paid-to {month} is beyond what may be paid ahead ({limit} months, to {last}): give the month "
    "the dues are really paid up to. Nothing was imported.",
)
NOT_MEMBERS = T(
    "--dues-paid-to 只用於導入黨員花名冊,不能用於{title}。沒有導入任何記錄。",
    "--dues-paid-to 只用于导入党员花名册,不能用于{title}。没有导入任何记录。",
    "--dues-paid-to is for importing the roll of party members only, not {title}. Nothing was imported.",
)


def added_month(record: Mapping[str, Any]) -> int | None:
    """The month the record was added (its creation stamp), as month_index gives it."""
    stamp = record.get("_c")
    if not isinstance(stamp, str) or not stamp:
        return None
    try:
        return _month_of_quarter_hour(int(stamp.split("-", 1)[0]) // QUARTER_HOUR)
    except (ValueError, OverflowError, OSError):
        return None


#: Every time zone is a whole number of quarter hours from UTC: within one, the local date
#: is the same, so the month is worked out once a quarter hour (not once a member: 100,000
#: members added in one import cost one look-up, not a second).
QUARTER_HOUR = 15 * 60 * 1000


@lru_cache(maxsize=65536)
def _month_of_quarter_hour(quarter: int) -> int | None:
    return stored_month(clock.local_time(quarter * QUARTER_HOUR).date())


def dues_began(member: Mapping[str, Any]) -> int | None:
    """The month a member's dues began here: the later of joining and transfer in, else the
    month the record was added."""
    joined, moved = _month_of(member.get("joined_on")), _month_of(member.get("transferred_in_on"))
    if joined is None or moved is None:
        known = moved if joined is None else joined
        return added_month(member) if known is None else known
    return max(joined, moved)


def first_judged(
    member: Mapping[str, Any],
    start_of_book: int,
    *,
    paid_to: int | None,
    first_paid: int | None,
) -> int:
    """The first month whose dues the book can call paid or unpaid: from the month the dues
    began (never before the book), but not before the record was added unless a "paid up
    to" month or a payment says something of the months before."""
    began = dues_began(member)
    start = start_of_book if began is None or began < start_of_book else began
    if paid_to is not None:
        if not _began_known(member) and paid_to + 1 < start:
            # Only the record's date says when: a "paid up to" before it says more.
            return max(start_of_book, paid_to + 1)
        return start
    added = added_month(member)
    if added is None or added <= start:
        return start
    known_from = added if first_paid is None or added < first_paid else first_paid
    return known_from if known_from > start else start


def _began_known(member: Mapping[str, Any]) -> bool:
    return _month_of(member.get("joined_on")) is not None or _month_of(member.get("transferred_in_on")) is not None


def paid_up_to(member: Mapping[str, Any]) -> int | None:
    """The member roll's 黨費交至 month, if it holds one."""
    return _month_of(member.get(PAID_TO_FIELD))


def nothing_known(has_payments: bool, paid_to: int | None, arrears: int) -> bool:
    """No payment, no "paid up to", and no month due since the book could judge: unknown."""
    return not has_payments and paid_to is None and arrears == 0


def _month_of(value: Any) -> int | None:
    if not value:
        return None
    return _month_of_text(value[:7]) if isinstance(value, str) else stored_month(value)


@lru_cache(maxsize=4096)
def _month_of_text(text: str) -> int | None:  # a few thousand distinct months over 100,000 members
    return stored_month(text)


# -- an import's "paid up to" for every row -----------------------------------------------------


def fill_paid_up_to(plan: ImportPlan, month: str | None, *, advance_months: int = 6) -> None:
    """``import --dues-paid-to YYYY-MM``: the month each row that gives none was paid up to
    (a roster's own column, 交至 or paid up to, wins). Refused before anything is read
    into the store when the register is not the member roll, or the month is no month."""
    if not month:
        return
    if plan.register.slug != "members":
        raise StoreError(NOT_MEMBERS, title=plan.register.title)
    from storage.fields import parse_year_month

    value = parse_year_month(month)
    last = (stored_month(clock.today()) or 0) + advance_months
    if (stored_month(value) or 0) > last:
        raise StoreError(TOO_FAR, month=value, limit=advance_months, last=month_text(last))
    for row in plan.rows:
        if not row.values.get(PAID_TO_FIELD):
            row.values[PAID_TO_FIELD] = value
