"""黨費 by the 2008 rules: each member's monthly standard, who has paid up to which month,
who is behind, and paying or reversing through the dues book.

The standard follows the member's class and income base (黨員花名冊: 黨費類別, 黨費基數),
so it is recomputed whenever the base is edited; a payment keeps the standard it was
paid at. Payments are entries, never edited: a correction is a reversing entry with a
negative amount naming the entry it reverses.

"Paid up to" is the last month of the unbroken run of paid months from the first month
the book can judge (storage.plan.dues_start: joining, transfer in or the record added,
never before the book began); "in arrears" counts every unpaid month before the month in
question, since a month's dues may be paid until that month ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from storage import clock
from storage.i18n import Text
from storage.messages import StoreError
from storage.plan.common import money, month_end, month_index, month_text, on_rolls, records_of, stored_month
from storage.plan.dues_start import UNKNOWN, UNKNOWN_TEXT, first_judged, nothing_known, paid_up_to

if TYPE_CHECKING:
    from storage.store import Store

T = Text
CENT = Decimal("0.01")

#: The 2008 rules: (upper bound of the monthly base, inclusive; rate). None: no bound.
SALARIED: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(3000), Decimal("0.005")),
    (Decimal(5000), Decimal("0.01")),
    (Decimal(10000), Decimal("0.015")),
    (None, Decimal("0.02")),
)
RETIRED: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(5000), Decimal("0.005")),
    (None, Decimal("0.01")),
)
FLAT_CLASSES = ("student", "unemployed", "low_income")

#: A farmer's monthly dues, as the 2008 rules bound it (第六條: 0.2 元至 1 元): a branch's
#: own figure and the setting alike.
FARMER_RANGE = (Decimal("0.20"), Decimal("1.00"))
#: The income base (a month's pay or pension) the brackets are read against: not negative,
#: and at most this. The last bracket opens at 10,000 a month; a base a hundred times that
#: is a slip of the keyboard (zeros too many, a year's income typed for a month).
BASE_RANGE = (Decimal(0), Decimal(1_000_000))

LEVELS = {
    "ok": T("正常", "正常", "up to date"),
    "warning": T("欠交 {n} 個月,請催交", "欠交 {n} 个月,请催交", "{n} months behind: remind them"),
    "alert": T("欠交 {n} 個月,已達除名條件", "欠交 {n} 个月,已达除名条件", "{n} months behind: grounds for being dropped"),
    UNKNOWN: UNKNOWN_TEXT,
}

NO_STANDARD = T(
    "「{name}」的黨費標準算不出:請在黨員花名冊填寫黨費類別和黨費基數,或用 --amount 寫明金額。",
    "「{name}」的党费标准算不出:请在党员花名册填写党费类别和党费基数,或用 --amount 写明金额。",
    "The dues standard of {name} cannot be worked out: fill in the dues class and base on the "
    "member roll, or give the amount with --amount.",
)
TOO_FAR_AHEAD = T(
    "預交不能超過 {limit} 個月:交納月份到 {to},已超過 {last}。",
    "预交不能超过 {limit} 个月:交纳月份到 {to},已超过 {last}。",
    "Dues may be paid at most {limit} months ahead: this payment reaches {to}, beyond {last}.",
)
NOT_REVERSIBLE = T(
    "「{id}」不是可沖銷的黨費記錄(它本身是沖銷,或已被沖銷)。",
    "「{id}」不是可冲销的党费记录(它本身是冲销,或已被冲销)。",
    "'{id}' is not a dues entry that can be reversed (it is a reversal, or already reversed).",
)
NOT_STANDARD_TIMES_MONTHS = T(
    "注意:{amount} 元不是標準 {standard} 元 × {months} 個月 = {expected} 元。多交是自願的;若是打錯,請沖銷後重記。",
    "注意:{amount} 元不是标准 {standard} 元 × {months} 个月 = {expected} 元。多交是自愿的;若是打错,请冲销后重记。",
    "Note: {amount} yuan is not the standard {standard} yuan × {months} months = {expected} yuan. Paying "
    "more is voluntary; if it is a typing slip, reverse the entry and record it again.",
)
#: The same, said in a payment's form before it is saved (nothing to reverse yet).
NOT_STANDARD_BEFORE_SAVING = T(
    "注意:{amount} 元不是標準 {standard} 元 × {months} 個月 = {expected} 元。多交是自願的;若是打錯,請改正金額。",
    "注意:{amount} 元不是标准 {standard} 元 × {months} 个月 = {expected} 元。多交是自愿的;若是打错,请改正金额。",
    "Note: {amount} yuan is not the standard {standard} yuan × {months} months = {expected} yuan. Paying "
    "more is voluntary; if it is a typing slip, correct the amount.",
)
NOTHING_PAID = T(
    "金額「{amount}」是 0 元:沒有收到錢,就不必記這一筆。",
    "金额「{amount}」是 0 元:没有收到钱,就不必记这一笔。",
    "The amount '{amount}' comes to 0 yuan: nothing was paid, so there is nothing to record.",
)
BAD_MONTHS = T("月數應在 1 到 {limit} 之間。", "月数应在 1 到 {limit} 之间。", "Months must be between 1 and {limit}.")


def _rate(brackets: tuple[tuple[Decimal | None, Decimal], ...], base: Decimal) -> Decimal:
    for bound, rate in brackets:
        if bound is None or base <= bound:
            return rate
    return brackets[-1][1]


def monthly_standard(
    dues_class: str | None,
    base: Decimal | str | None,
    *,
    farmer: Decimal | str = "0.50",
    flat: Decimal | str = "0.20",
) -> Decimal | None:
    """The monthly dues of one member, to the fen; None when it cannot be worked out
    (no class, or a salaried or retired member without a base)."""
    if dues_class == "farmer":
        return Decimal(str(farmer)).quantize(CENT, rounding=ROUND_HALF_UP)
    if dues_class in FLAT_CLASSES:
        return Decimal(str(flat)).quantize(CENT, rounding=ROUND_HALF_UP)
    amount = money(base)
    if amount is None or dues_class not in ("salaried", "retired"):
        return None
    rate = _rate(SALARIED if dues_class == "salaried" else RETIRED, amount)
    return (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def rate_of(dues_class: str | None, base: Decimal | str | None) -> Decimal | None:
    """The share of the base, for the salaried and the retired (0.015 for 1.5%)."""
    amount = money(base)
    if amount is None or dues_class not in ("salaried", "retired"):
        return None
    return _rate(SALARIED if dues_class == "salaried" else RETIRED, amount)


class Standards:
    """Each member's standard, with the branch settings read once."""

    def __init__(self, store: Store) -> None:
        section = store.settings.dues
        self.farmer_default = money(section.farmer_monthly) or Decimal("0.50")
        self.flat = money(section.student_monthly) or Decimal("0.20")
        self.farmer_by_branch = {
            b["id"]: money(b.get("farmer_dues")) for b in records_of(store, "branches")
        }

    def __call__(self, member: Mapping[str, Any]) -> Decimal | None:
        farmer = self.farmer_by_branch.get(member.get("branch")) or self.farmer_default
        return monthly_standard(member.get("dues_class"), member.get("dues_base"), farmer=farmer, flat=self.flat)


def standard_of(store: Store, member: Mapping[str, Any]) -> Decimal | None:
    return Standards(store)(member)


# -- who has paid what ------------------------------------------------------------------------


@dataclass
class MemberDues:
    member: str
    name: str
    branch: str | None
    dues_class: str | None
    base: Decimal | None
    standard: Decimal | None
    start: str  # YYYY-MM the member's dues began
    paid_to: str | None  # YYYY-MM, None if the first month is unpaid
    arrears: int  # unpaid months before the month in question
    unpaid: list[str]  # those months
    advance: int  # months paid beyond the month in question
    paid: Decimal  # net amount of the member's live entries
    short: Decimal  # paid months paid below their standard, in total
    level: str  # ok, warning, alert; unknown (dues_start.nothing_known)
    entries: list[str] = field(default_factory=list)
    too_far_ahead: list[str] = field(default_factory=list)  # entries reaching too far ahead

    @property
    def on_time(self) -> bool:
        return self.arrears == 0 and self.short <= 0 and self.level != UNKNOWN

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "member": self.member, "name": self.name, "branch": self.branch, "dues_class": self.dues_class,
            "base": None if self.base is None else str(self.base),
            "standard": None if self.standard is None else str(self.standard),
            "start": self.start, "paid_to": self.paid_to, "arrears": self.arrears, "unpaid": self.unpaid,
            "advance": self.advance, "paid": str(self.paid), "short": str(self.short), "level": self.level,
            "message": LEVELS[self.level](lang, n=self.arrears), "entries": self.entries,
            "too_far_ahead": self.too_far_ahead,
        }


def book_start(store: Store) -> int:
    """The first month the dues book covers: the setting, else its first entry, else the
    month the store was made."""
    setting = store.settings.dues.tracked_from
    if setting:
        return month_index(setting)
    firsts = [_month(text) for text in {r.get("period_from") for r in records_of(store, "dues")}]
    if any(first is not None for first in firsts):
        return min(first for first in firsts if first is not None)
    created = store.settings.store.created
    return month_index(created[:7]) if created else month_index(clock.today())


class _Entry:
    """A payment as the arrears need it: months as numbers, the amount net of reversals."""

    __slots__ = ("id", "first", "last", "net", "standard", "paid_in")

    def __init__(self, entry: Mapping[str, Any], net: Decimal, first: int) -> None:
        self.id = entry["id"]
        self.first = first
        last = _month(entry.get("period_to"))
        self.last = first if last is None else last
        self.net = net
        self.standard = _money(entry.get("standard"))
        paid_on = entry.get("paid_on")
        self.paid_in = _month(paid_on[:7]) if paid_on else None


# The records are sound (records_of): a month, a date or an amount is a text (or a number),
# but perhaps not one that reads as such (a hand edit): that reads as none.


@lru_cache(maxsize=4096)
def _month(text: str | None) -> int | None:
    return stored_month(text)


@lru_cache(maxsize=4096)
def _money(text: str | int | float | None) -> Decimal | None:
    amount = money(text)
    return amount if amount is None or amount.is_finite() else None


def _entries_by_member(store: Store, only: set[str] | None = None) -> dict[str, list[_Entry]]:
    entries = records_of(store, "dues")
    if only is not None:  # a record screen asks for one member: read only theirs
        entries = [e for e in entries if e.get("member") in only]
    from storage.registers.rolls import net_payments

    by_member: dict[str, list[_Entry]] = {}
    for entry, net in net_payments(entries, _money):
        first = _month(entry.get("period_from"))
        if first is None:  # no months to count (a hand edit)
            continue
        by_member.setdefault(entry.get("member", ""), []).append(_Entry(entry, net, first))
    return by_member


def member_dues(
    store: Store,
    month: str | date | None = None,
    *,
    branch: str | None = None,
    members: list[Mapping[str, Any]] | None = None,
) -> list[MemberDues]:
    """Every member on the rolls in ``month`` (default this month): standard, paid up to,
    arrears, and the warning level. ``branch`` narrows to one branch (name or id);
    ``members``, if given, are as :func:`records_of` gives them (storage.records.sound)."""
    current = month_index(month or clock.today())
    first_day, last_day = date(current // 12, current % 12 + 1, 1), month_end(current)
    if members is None:
        members = records_of(store, "members", branch=branch)
    standards = Standards(store)
    start_of_book = book_start(store)
    entries = _entries_by_member(store, {m["id"] for m in members} if len(members) < 100 else None)
    section = store.settings.dues
    alert, warn, advance = section.alert_months, section.warn_months, section.advance_months
    cards: dict[str, int] = {}
    for card in records_of(store, "mobile_members"):
        paid_to = _month(card.get("dues_paid_to"))
        if paid_to is not None and card.get("member"):
            cards[card["member"]] = max(cards.get(card["member"], -1), paid_to)
    zero = Decimal(0)
    out: list[MemberDues] = []
    for member in members:
        # On the rolls at some time in the month: joined by its end, not gone by its start.
        if not (on_rolls(member, first_day) or on_rolls(member, last_day)):
            continue
        own = entries.get(member["id"], ())
        known_to = max((m for m in (cards.get(member["id"]), paid_up_to(member)) if m is not None), default=None)
        start = first_judged(member, start_of_book, paid_to=known_to,
                             first_paid=min((e.first for e in own), default=None))  # a reversed one too
        standard = standards(member)
        paid_months: set[int] = set()
        short = paid = zero
        ids: list[str] = []
        ahead: list[str] = []
        for entry in own:
            ids.append(entry.id)
            paid += entry.net
            if entry.net <= 0:
                continue  # reversed in full
            paid_months.update(range(entry.first, entry.last + 1))
            due = entry.standard or standard
            if due is not None:
                owed = due * (entry.last - entry.first + 1) - entry.net
                if owed > 0:
                    short += owed
            if entry.paid_in is not None and entry.last > entry.paid_in + advance:
                ahead.append(entry.id)
        if known_to is not None:  # paid up to (the roll's 黨費交至, or at the host while away)
            paid_months.update(range(start, known_to + 1))
        run = start
        while run in paid_months:
            run += 1
        unpaid = [m for m in range(start, current) if m not in paid_months]
        arrears = len(unpaid)
        level = "alert" if arrears >= alert else "warning" if arrears >= warn else "ok"
        if nothing_known(bool(own), known_to, arrears):
            level = UNKNOWN
        out.append(MemberDues(
            member=member["id"], name=str(member.get("name", "")), branch=member.get("branch"),
            dues_class=member.get("dues_class"), base=_money(member.get("dues_base")), standard=standard,
            start=month_text(start), paid_to=month_text(run - 1) if run > start or known_to == start - 1 else None,
            arrears=arrears, unpaid=[month_text(m) for m in unpaid],
            advance=max(0, run - 1 - current), paid=paid.quantize(CENT), short=short.quantize(CENT),
            level=level, entries=ids, too_far_ahead=ahead,
        ))
    return out


# -- paying and reversing ----------------------------------------------------------------------


def pay(
    store: Store,
    member: str,
    *,
    months: int = 1,
    period_from: str | None = None,
    period_to: str | None = None,
    amount: str | Decimal | None = None,
    paid_on: date | str | None = None,
    collector: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """Record a payment: by default the months after the member's paid-up month, at the
    member's standard. Refuses a payment reaching further ahead than the rules allow."""
    from storage.fields import parse_loose_date, parse_year_month

    member_id = store.resolve_reference("members", member)
    record = store.table("members")[member_id]
    section = store.settings.dues
    when = parse_loose_date(paid_on) if paid_on else clock.today()
    if period_from:
        first = month_index(parse_year_month(period_from))
        last = month_index(parse_year_month(period_to)) if period_to else first + months - 1
    else:
        if not 1 <= months <= section.advance_months + 12:
            raise StoreError(BAD_MONTHS, limit=section.advance_months + 12)
        first = next_month_due(store, record, when)
        last = first + months - 1
    limit = month_index(when) + section.advance_months
    if last > limit:
        raise StoreError(TOO_FAR_AHEAD, limit=section.advance_months, to=month_text(last), last=month_text(limit))
    standard = standard_of(store, record)
    if amount is None:
        if standard is None:
            raise StoreError(NO_STANDARD, name=record.get("name", ""))
        amount = standard * (last - first + 1)
    elif _comes_to_nothing(amount):
        raise StoreError(NOTHING_PAID, amount=amount)
    values = {
        "member": member_id, "period_from": month_text(first), "period_to": month_text(last),
        "base_income": record.get("dues_base"), "standard": None if standard is None else str(standard),
        "amount": str(amount), "paid_on": when.isoformat(), "collector": collector, "note": note,
    }
    return store.add("dues", {k: v for k, v in values.items() if v is not None})


def next_month_due(store: Store, member: Mapping[str, Any], when: date) -> int:
    """The first month a payment made on ``when`` is for (as a month index): the member's
    first unpaid month, else the one after the paid-up month, else where dues began."""
    from storage.records import sound

    status = member_dues(store, when, members=sound(store.register("members"), [member]))
    if status and status[0].unpaid:
        return month_index(status[0].unpaid[0])
    if status and status[0].paid_to:
        return month_index(status[0].paid_to) + 1
    return month_index(status[0].start) if status else month_index(when)


def payment_filled(store: Store, member_id: str, values: Mapping[str, Any]) -> dict[str, str]:
    """What a payment form takes from the member just chosen: the member's branch, and —
    where the form holds nothing yet — the first month due, today as the day paid, the
    income base and the monthly standard (as :func:`pay` records them)."""
    member = store.table("members").get(member_id)
    if not isinstance(member, Mapping) or member.get("_d"):
        return {}
    filled: dict[str, str] = {}
    if isinstance(member.get("branch"), str):
        filled["branch"] = member["branch"]
    if not values.get("period_from"):
        filled["period_from"] = month_text(next_month_due(store, member, clock.today()))
    if not values.get("paid_on"):  # a payment is mostly taken the day it is written down
        filled["paid_on"] = clock.today().isoformat()
    base = money(member.get("dues_base"))
    if not values.get("base_income") and base is not None:
        filled["base_income"] = f"{base:.2f}"
    standard = standard_of(store, member)
    if not values.get("standard") and standard is not None:
        filled["standard"] = f"{standard:.2f}"
    return filled


def payment_note(values: Mapping[str, Any], lang: str) -> str:
    """:data:`NOT_STANDARD_BEFORE_SAVING` for a payment as a form holds it (months and amounts
    as typed: 2026年1月, ¥5), before it is saved; empty when it is its standard times its
    months, or not yet readable."""
    from storage.fields import parse_money, parse_year_month

    try:
        entry = {
            "standard": parse_money(values["standard"]), "amount": parse_money(values["amount"]),
            "period_from": parse_year_month(values["period_from"]),
            "period_to": parse_year_month(values["period_to"]) if values.get("period_to") else None,
        }
    except (KeyError, ValueError, TypeError):  # a parser's refusal is a ValueError: said on save
        return ""
    figures = off_standard(entry)
    return NOT_STANDARD_BEFORE_SAVING(lang, **figures) if figures else ""


def off_standard(entry: Mapping[str, Any]) -> dict[str, str] | None:
    """What to say of a payment whose amount is not its standard times its months (5.00 for
    twelve months at 0.50): the figures for NOT_STANDARD_TIMES_MONTHS, else None. Only said,
    never refused — a member may pay more of their own will."""
    try:
        standard = Decimal(str(entry["standard"]))
        amount = Decimal(str(entry["amount"]))
        months = month_index(str(entry.get("period_to") or entry["period_from"])) - month_index(str(entry["period_from"])) + 1
    except (KeyError, ArithmeticError, ValueError, TypeError):
        return None  # no standard known (or a hand edit): nothing to compare with
    expected = (standard * months).quantize(CENT, rounding=ROUND_HALF_UP)
    if months < 1 or amount.quantize(CENT, rounding=ROUND_HALF_UP) == expected:
        return None
    return {"amount": f"{amount:.2f}", "standard": f"{standard:.2f}", "months": str(months), "expected": f"{expected:.2f}"}


def _comes_to_nothing(amount: str | Decimal) -> bool:
    """0, -0, 1e-400: what the book would keep as 0.00. (The register itself takes 0.00, as
    entries already written and merged may hold it; recording a payment does not.)"""
    value = money(amount)
    return value is not None and value.is_finite() and value.copy_abs() <= Decimal("0.005")


def reverse(store: Store, entry_id: str, *, note: str | None = None, on: date | None = None) -> dict[str, Any]:
    """Cancel a payment with a reversing entry of the opposite amount."""
    reg, entry = store.get(entry_id)
    if reg.slug != "dues" or entry.get("reverses") or entry.get("_d"):
        raise StoreError(NOT_REVERSIBLE, id=entry_id)
    already = sum((money(r.get("amount")) or Decimal(0)) for r in records_of(store, "dues")
                  if r.get("reverses") == entry["id"])
    remaining = (money(entry.get("amount")) or Decimal(0)) + already
    if remaining <= 0:
        raise StoreError(NOT_REVERSIBLE, id=entry_id)
    values = {
        "member": entry["member"], "period_from": entry["period_from"], "period_to": entry.get("period_to"),
        "amount": str(-remaining), "reverses": entry["id"], "paid_on": (on or clock.today()).isoformat(),
        "note": note or T("沖銷", "冲销", "reversal")("zh-Hant"), "branch": entry.get("branch"),
    }
    return store.add("dues", {k: v for k, v in values.items() if v is not None})
