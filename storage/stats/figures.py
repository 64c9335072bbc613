"""The figures of the annual 黨內統計公報, for the organisation and each branch, as of a day.

Read from stored records (dates as 2026-11-26), as the plan's rules read them, so 100,000
members cost a second. Every member is placed in each grouping or counted as unknown and
named: nobody is dropped silently.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from storage.i18n import HANT, Text
from storage.plan.common import add_years, age_on, money, month_end, month_index, month_text
from storage.plan.common import day as read_day
from storage.stats.settings import HAN_WORDS, StatsSettings

if TYPE_CHECKING:
    from storage.stats.report import Registers

T = Text
Record = Mapping[str, Any]

UNKNOWN = T("不詳", "不详", "unknown")

SECTIONS: dict[str, Text] = {
    "total": T("黨員總數", "党员总数", "Members"),
    "women": T("女黨員", "女党员", "Women"),
    "minority": T("少數民族黨員", "少数民族党员", "Ethnic minorities"),
    "education": T("學歷", "学历", "Education"),
    "age": T("年齡", "年龄", "Age"),
    "joined": T("入黨時間", "入党时间", "Joined"),
    "occupation": T("職業", "职业", "Occupation"),
    "developed": T("年內發展黨員", "年内发展党员", "Developed in the year"),
    "changes": T("年內變動", "年内变动", "Changes in the year"),
    "applicants": T("入黨申請人及積極分子", "入党申请人及积极分子", "On the way in"),
    "mobile": T("流動黨員", "流动党员", "Working away"),
    "organisations": T("黨組織", "党组织", "Organisations"),
}

FIXED_LABELS: dict[tuple[str, str], Text] = {
    ("total", "members"): T("黨員總數", "党员总数", "members"),
    ("total", "full"): T("正式黨員", "正式党员", "full members"),
    ("total", "probationary"): T("預備黨員", "预备党员", "probationary members"),
    ("total", "net_change"): T("比上年淨增", "比上年净增", "net change on the year before"),
    ("women", "women"): T("女黨員", "女党员", "women"),
    ("minority", "minority"): T("少數民族黨員", "少数民族党员", "ethnic minorities"),
    ("education", "college"): T("大專及以上學歷", "大专及以上学历", "college or above"),
    ("developed", "count"): T("發展黨員", "发展党员", "developed"),
    ("developed", "women"): T("其中女黨員", "其中女党员", "of them women"),
    ("developed", "minority"): T("其中少數民族", "其中少数民族", "of them minorities"),
    ("developed", "young"): T("其中{age}歲及以下", "其中{age}岁及以下", "of them {age} or younger"),
    ("developed", "college"): T("其中大專及以上", "其中大专及以上", "of them college or above"),
    ("changes", "developed"): T("發展", "发展", "developed"),
    ("changes", "confirmed"): T("預備黨員轉正", "预备党员转正", "made full members"),
    ("changes", "transferred_in"): T("轉入", "转入", "transferred in"),
    ("changes", "transferred_out"): T("轉出", "转出", "transferred out"),
    ("changes", "died"): T("去世", "去世", "died"),
    ("changes", "left"): T("出黨(開除、除名、退黨)", "出党(开除、除名、退党)", "left (expelled, removed, withdrew)"),
    ("mobile", "away"): T("流動黨員", "流动党员", "members working away"),
    ("organisations", "total"): T("黨組織總數", "党组织总数", "organisations"),
    ("organisations", "general_branch"): T("黨總支", "党总支", "general branches"),
    ("organisations", "branches"): T("黨支部", "党支部", "branches"),
}

STAGES = ("applicant", "activist", "candidate", "probationary", "full", "stopped")

#: What a member is counted unknown for, and the field to fill in.
UNKNOWN_OF: dict[str, Text] = {
    "gender": T("性別", "性别", "gender"),
    "ethnicity": T("民族", "民族", "ethnicity"),
    "education": T("文化程度", "文化程度", "education"),
    "age": T("出生日期", "出生日期", "birth date"),
    "joined": T("入黨日期", "入党日期", "joining date"),
    "occupation": T("職業(黨費類別或工作單位及職務)", "职业(党费类别或工作单位及职务)",
                    "occupation (dues class, or work and position)"),
    "dues": T("黨費標準(黨費類別、黨費基數)", "党费标准(党费类别、党费基数)", "dues standard (dues class and base)"),
}


def age_band_label(bands: tuple[int, ...], index: int) -> Text:
    if index == 0:
        return T(f"{bands[0]}歲及以下", f"{bands[0]}岁及以下", f"{bands[0]} or younger")
    if index == len(bands):
        return T(f"{bands[-1] + 1}歲及以上", f"{bands[-1] + 1}岁及以上", f"{bands[-1] + 1} or older")
    low, high = bands[index - 1] + 1, bands[index]
    return T(f"{low}至{high}歲", f"{low}至{high}岁", f"{low} to {high}")


def band_of(bands: tuple[int, ...], age: int) -> int:
    for index, top in enumerate(bands):
        if age <= top:
            return index
    return len(bands)


@lru_cache(maxsize=1 << 16)
def _stored_day(text: str) -> date | None:
    return read_day(text)


def day(value: Any) -> date | None:
    """A stored date, as storage.plan.common.day reads it; the same few thousand dates recur
    over 100,000 members, so each is parsed once."""
    if not value:
        return None
    return _stored_day(value) if isinstance(value, str) else read_day(value)


# -- a member on the rolls, decided once per member ------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """When a member was on the rolls: the rule of storage.registers.forms.on_rolls, its
    dates read once (a year's figures ask it for every month)."""

    joined: date | None
    gone: date | None
    gone_undated: bool

    def on(self, when: date) -> bool:
        if self.gone_undated or (self.joined is not None and self.joined > when):
            return False
        return self.gone is None or self.gone > when


def span_of(member: Record) -> Span:
    gone = [d for d in (day(member.get("left_on")), day(member.get("transferred_out_on"))) if d is not None]
    return Span(day(member.get("joined_on")), min(gone) if gone else None,
                bool(member.get("left_how")) and not member.get("left_on"))


# -- the figures of one set of members -----------------------------------------------------


@dataclass
class Figure:
    section: str
    key: str
    label: Text
    count: Decimal | int
    base: int | None = None  # the count a share is of
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def share(self) -> float | None:
        if self.base is None:
            return None
        return round(float(self.count) * 100 / self.base, 1) if self.base else 0.0

    def title(self, lang: str = HANT) -> str:
        return self.label(lang, **self.params)


@dataclass
class Counted:
    """The figures of one scope on one day, and whom each grouping could not place."""

    figures: dict[tuple[str, str], Figure] = field(default_factory=dict)
    unknown: dict[str, list[str]] = field(default_factory=dict)
    mobile: list[str] = field(default_factory=list)
    pyramid: list[tuple[Text, int, int]] = field(default_factory=list)  # (band, men, women)

    def put(self, section: str, key: str, count: Decimal | int, base: int | None = None,
            label: Text | None = None, **params: Any) -> None:
        chosen = label or FIXED_LABELS.get((section, key)) or UNKNOWN
        self.figures[(section, key)] = Figure(section, key, chosen, count, base, params)

    def value(self, section: str, key: str) -> Decimal | int:
        figure = self.figures.get((section, key))
        return figure.count if figure else 0


HAN = frozenset(w for word in HAN_WORDS for w in word.variants())


def is_minority(ethnicity: Any) -> bool | None:
    text = str(ethnicity or "").strip()
    if not text:
        return None
    return text not in HAN


#: Occupations already placed, by the settings that placed them (kept alive here, so their
#: id is not reused): the same few hundred values recur over a village's members.
_PLACED: dict[int, tuple[StatsSettings, dict[tuple[Any, Any, Any], str | None]]] = {}


def occupation_of(member: Record, settings: StatsSettings) -> str | None:
    key = (member.get("dues_class"), member.get("workplace"), member.get("office"))
    entry = _PLACED.get(id(settings))
    if entry is None:
        if len(_PLACED) > 8:
            _PLACED.clear()
        entry = _PLACED[id(settings)] = (settings, {})
    placed = entry[1]
    if key not in placed:
        placed[key] = _occupation(*key, settings)
    return placed[key]


def _occupation(dues_class: Any, workplace: Any, office: Any, settings: StatsSettings) -> str | None:
    """An occupation from a dues class, else from words of the work and office."""
    for occupation in settings.occupations:
        if dues_class and dues_class in occupation.dues_classes:
            return occupation.code
    work = f"{workplace or ''} {office or ''}".strip().lower()
    if not work:
        return None
    for occupation in settings.occupations:
        if any(w.lower() in work for word in occupation.words for w in word.variants()):
            return occupation.code
    return None


def status_on(member: Record, when: date) -> str:
    confirmed = day(member.get("confirmed_on"))
    if confirmed is not None:
        return "full" if confirmed <= when else "probationary"
    return "probationary" if member.get("status") == "probationary" else "full"


def _name(record: Record) -> str:
    return str(record.get("name") or record.get("id", "")[:8])


def count_members(counted: Counted, members: list[Record], spans: Mapping[str, Span], on: date,
                  settings: StatsSettings, branches: int | None, organisations_of_branch: bool = False) -> None:
    """The bulletin's figures of ``members`` (their records as they stood) on the day ``on``."""
    rolls = [m for m in members if spans[m["id"]].on(on)]
    total = len(rolls)
    unknown: dict[str, list[str]] = defaultdict(list)
    statuses = Counter(status_on(m, on) for m in rolls)
    counted.put("total", "members", total)
    counted.put("total", "net_change", 0)  # set beside the year before (storage.stats.report)
    counted.put("total", "full", statuses["full"], total)
    counted.put("total", "probationary", statuses["probationary"], total)

    women = sum(1 for m in rolls if m.get("gender") == "female")
    unknown["gender"] = [_name(m) for m in rolls if not m.get("gender")]
    counted.put("women", "women", women, total)
    counted.put("women", "unknown", len(unknown["gender"]), total)

    minority_of = [(m, is_minority(m.get("ethnicity"))) for m in rolls]
    unknown["ethnicity"] = [_name(m) for m, flag in minority_of if flag is None]
    counted.put("minority", "minority", sum(1 for _, flag in minority_of if flag), total)
    counted.put("minority", "unknown", len(unknown["ethnicity"]), total)

    college = set(settings.college)
    unknown["education"] = [_name(m) for m in rolls if not m.get("education")]
    counted.put("education", "college", sum(1 for m in rolls if m.get("education") in college), total)
    counted.put("education", "unknown", len(unknown["education"]), total)

    bands = settings.age_bands
    by_band: Counter[int] = Counter()
    by_sex: Counter[tuple[int, str]] = Counter()
    for m in rolls:
        born = day(m.get("birth_date"))
        if born is None or born > on:
            unknown["age"].append(_name(m))
        else:
            band = band_of(bands, age_on(born, on))
            by_band[band] += 1
            by_sex[(band, str(m.get("gender")))] += 1
    for index in range(len(bands) + 1):
        counted.put("age", f"band{index}", by_band[index], total, age_band_label(bands, index))
    counted.pyramid = [(age_band_label(bands, index), by_sex[(index, "male")], by_sex[(index, "female")])
                       for index in range(len(bands) + 1)]
    counted.put("age", "unknown", len(unknown["age"]), total)

    periods = settings.periods
    by_period: Counter[int] = Counter()
    for m in rolls:
        joined = day(m.get("joined_on"))
        if joined is None:
            unknown["joined"].append(_name(m))
            continue
        by_period[max(i for i, p in enumerate(periods) if p.start is None or p.start <= joined)] += 1
    for index, period in enumerate(periods):
        counted.put("joined", f"period{index}", by_period[index], total, period.name)
    counted.put("joined", "unknown", len(unknown["joined"]), total)

    by_occupation: Counter[str] = Counter()
    for m in rolls:
        code = occupation_of(m, settings)
        if code is None:
            unknown["occupation"].append(_name(m))
        else:
            by_occupation[code] += 1
    for occupation in settings.occupations:
        counted.put("occupation", occupation.code, by_occupation[occupation.code], total, occupation.name)
    counted.put("occupation", "unknown", len(unknown["occupation"]), total)

    # Developed this year: admitted (入黨日期) from 1 January to the day, wherever they are now.
    start = date(on.year, 1, 1)
    developed = [m for m in members if (j := day(m.get("joined_on"))) is not None and start <= j <= on]
    n = len(developed)
    counted.put("developed", "count", n)
    counted.put("developed", "women", sum(1 for m in developed if m.get("gender") == "female"), n)
    counted.put("developed", "minority", sum(1 for m in developed if is_minority(m.get("ethnicity"))), n)
    young = 0
    for m in developed:
        born = day(m.get("birth_date"))
        if born is not None and age_on(born, on) <= settings.young:
            young += 1
    counted.put("developed", "young", young, n, age=settings.young)
    counted.put("developed", "college", sum(1 for m in developed if m.get("education") in college), n)
    developed_as = Counter(occupation_of(m, settings) for m in developed)
    for occupation in settings.occupations:
        counted.put("developed", "occupation:" + occupation.code, developed_as[occupation.code], n, occupation.name)

    def within(value: Any) -> bool:
        when = day(value)
        return when is not None and start <= when <= on

    counted.put("changes", "developed", n)
    counted.put("changes", "confirmed", sum(1 for m in members if within(m.get("confirmed_on"))))
    counted.put("changes", "transferred_in", sum(1 for m in members if within(m.get("transferred_in_on"))))
    counted.put("changes", "transferred_out", sum(1 for m in members if within(m.get("transferred_out_on"))))
    counted.put("changes", "died", sum(1 for m in members if m.get("left_how") == "died" and within(m.get("left_on"))))
    counted.put("changes", "left", sum(1 for m in members if m.get("left_how") in ("expelled", "removed", "withdrew")
                                       and within(m.get("left_on"))))
    if branches is not None:  # the organisation (one 總支 and its 支部), or a branch (itself)
        general = 0 if branches == 1 and organisations_of_branch else 1
        counted.put("organisations", "general_branch", general)
        counted.put("organisations", "branches", branches)
        counted.put("organisations", "total", general + branches)
    counted.unknown = {k: sorted(v) for k, v in unknown.items()}


def count_applicants(counted: Counted, applicants: Iterable[Record]) -> None:
    from storage.registers.rolls import STAGE

    stages = Counter(a.get("stage") or "applicant" for a in applicants)
    for code in STAGES:
        counted.put("applicants", code, stages[code], label=STAGE.options[code])


def count_mobile(counted: Counted, cards: Iterable[Record], members: Mapping[str, Record],
                 spans: Mapping[str, Span], on: date) -> None:
    away: list[str] = []
    for card in cards:
        left, back = day(card.get("left_on")), day(card.get("returned_on"))
        member = members.get(card.get("member") or "")
        if member is None or not spans[member["id"]].on(on):
            continue
        if (left is None or left <= on) and (back is None or back > on):
            away.append(_name(member))
    counted.put("mobile", "away", len(away))
    counted.mobile = sorted(set(away))


# -- dues and meetings month by month ------------------------------------------------------


@dataclass
class DuesMonth:
    month: str
    collected: Decimal
    standard: Decimal
    members: int  # on the rolls at the month's end (or the day), with a standard


@dataclass
class MeetingMonth:
    month: str
    kind: str
    held: int
    missed: bool  # a period of the kind's frequency ended in this month with none held


def months_to(on: date) -> list[int]:
    return list(range(month_index(date(on.year, 1, 1)), month_index(on) + 1))


def collected_by_month(payments: list[Record], on: date) -> dict[str | None, dict[int, Decimal]]:
    """Dues collected in each month of the year to ``on``, by branch (None: the organisation)."""
    from storage.registers.rolls import net_payments

    out: dict[str | None, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for entry, net in net_payments(payments, money):
        paid = day(entry.get("paid_on"))
        if paid is not None and paid <= on and paid.year == on.year:
            out[None][month_index(paid)] += net
            out[entry.get("branch")][month_index(paid)] += net
    return out


def dues_by_month(collected: Mapping[int, Decimal], members: list[Record], spans: Mapping[str, Span],
                  standard_of: Any, on: date, unknown: list[str]) -> list[DuesMonth]:
    """Each month's dues collected against the standards of the members on the rolls then."""
    standards: list[tuple[Span, Decimal]] = []
    for m in members:
        if not spans[m["id"]].on(on):
            continue
        standard = standard_of(m)
        if standard is None:
            unknown.append(_name(m))
        else:
            standards.append((spans[m["id"]], standard))
    out = []
    for index in months_to(on):
        end = min(month_end(index), on)
        owed = [s for span, s in standards if span.on(end)]
        out.append(DuesMonth(month_text(index), collected.get(index, Decimal(0)), sum(owed, Decimal(0)), len(owed)))
    return out


def meetings_by_month(meetings: Iterable[Record], on: date, frequencies: Mapping[str, str | None]) -> list[MeetingMonth]:
    from storage.plan.common import FREQUENCIES

    months = months_to(on)
    held: Counter[tuple[int, str]] = Counter()
    for meeting in meetings:
        when = day(meeting.get("held_on"))
        if when is not None and when.year == on.year and when <= on and meeting.get("kind"):
            held[(month_index(when), str(meeting["kind"]))] += 1
    kinds = [k for k in frequencies] + sorted({k for _, k in held} - set(frequencies))
    out = []
    for kind in kinds:
        per_year = FREQUENCIES.get(frequencies.get(kind) or "", 0)
        span = 12 // per_year if per_year else 0
        for index in months:
            missed = False
            number = index % 12
            if span and (number + 1) % span == 0 and month_end(index) <= on:
                missed = sum(held[(i, kind)] for i in range(index - span + 1, index + 1)) == 0
            out.append(MeetingMonth(month_text(index), kind, held[(index, kind)], missed))
    return out


def year_before(on: date) -> date:
    return add_years(on, -1)


def scope_counts(regs: Registers, on: date, settings: StatsSettings, branch: str | None,
                 branches: int | None) -> Counted:
    """The figures of one scope (the organisation: ``branch`` None) on a day."""
    members = regs.of("members", branch)
    counted = Counted()
    count_members(counted, members, regs.spans, on, settings, branches, organisations_of_branch=branch is not None)
    count_applicants(counted, regs.of("applicants", branch))
    count_mobile(counted, regs.of("mobile_members", branch), {m["id"]: m for m in members}, regs.spans, on)
    return counted
