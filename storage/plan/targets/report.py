"""What a target is, its statuses, and how far along a figure is for the time of year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from storage.i18n import HANT, Text
from storage.plan.common import Evidence, Said, Year, number, period_bounds, period_of

T = Text
Record = Mapping[str, Any]

STATUS: dict[str, Text] = {
    "met": T("已達成", "已达成", "met"),
    "on_track": T("進度正常", "进度正常", "on track"),
    "behind": T("進度落後", "进度落后", "behind"),
    "missed": T("未能達成", "未能达成", "missed"),
    "no_data": T("無資料", "无数据", "no data"),
    "no_goal": T("未設目標", "未设目标", "no goal set"),
}
#: Worst first: the total of a branch target is as bad as its worst branch.
SEVERITY = ("missed", "behind", "no_data", "on_track", "no_goal", "met")

UNITS: dict[str, Text] = {
    "months": T("個月", "个月", " months"),
    "times": T("次", "次", " times"),
    "people": T("人", "人", " people"),
    "percent": T("%", "%", "%"),
    "kinds": T("類", "类", " kinds"),
    "films": T("部", "部", " films"),
    "attendances": T("人次", "人次", " attendances"),
    "periods": T("次", "次", " periods"),
}

TITLES: dict[str, Text] = {
    "central_study": T("中心組每月學習", "中心组每月学习", "Central group study every month"),
    "democratic_life": T("民主生活會每年一次", "民主生活会每年一次", "Democratic life meeting once a year"),
    "rectifications": T("班子成員每人查找整改問題", "班子成员每人查找整改问题", "Items to rectify found by each leader"),
    "posts": T("無職黨員設崗定責", "无职党员设岗定责", "Members without office given a post"),
    "satisfaction_posted": T("群眾對在職和有崗黨員滿意率", "群众对在职和有岗党员满意率",
                             "Public satisfied with members in office or post"),
    "satisfaction_committees": T("群眾對兩委班子滿意率", "群众对两委班子满意率", "Public satisfied with the two committees"),
    "reserve_cadres": T("兩委班子後備人才", "两委班子后备人才", "Reserve cadres"),
    "new_activists": T("發展入黨積極分子", "发展入党积极分子", "New activists"),
    "new_members": T("發展新黨員", "发展新党员", "New members"),
    "new_members_young": T("新黨員中{age}歲以下", "新党员中{age}岁以下", "New members under {age}"),
    "new_members_women": T("新黨員中女黨員", "新党员中女党员", "Women among new members"),
    "farmers_trained": T("培訓農民人次", "培训农民人次", "Farmers trained (attendances)"),
    "technique_kinds": T("適用技術培訓類別", "适用技术培训类别", "Kinds of practical technique taught"),
    "films": T("組織黨員收看電教片", "组织党员收看电教片", "Educational films watched by members"),
    "star_rate": T("農戶創星率", "农户创星率", "Households with stars"),
    "income_growth": T("農民人均純收入增長", "农民人均纯收入增长", "Growth of net income per head"),
    "cadre_links": T("村幹部每人聯繫{n}戶黨員", "村干部每人联系{n}户党员", "Each cadre links {n} member households"),
    "member_links": T("黨員每人幫帶{n}戶農戶", "党员每人帮带{n}户农户", "Each member helps {n} farm households"),
    "meetings": T("{kind}({freq})", "{kind}({freq})", "{kind} ({freq})"),
    "dues": T("黨費按時足額交納", "党费按时足额交纳", "Dues paid on time and in full"),
}

NOTES = {
    "months_missed": T("未舉行:{periods}", "未举行:{periods}", "not held: {periods}"),
    "no_topic": T("{n} 次未記主題或發言人,不計", "{n} 次未记主题或发言人,不计",
                  "{n} sessions without a topic or speaker do not count"),
    "no_deadline": T("{n} 條整改問題沒有整改時限,不計", "{n} 条整改问题没有整改时限,不计",
                     "{n} items without a deadline do not count"),
    "leaders_short": T("不足兩條:{names}", "不足两条:{names}", "fewer than two: {names}"),
    "kinds": T("已培訓:{kinds}", "已培训:{kinds}", "taught: {kinds}"),
    "income": T("{last} 元 → {this} 元", "{last} 元 → {this} 元", "{last} yuan → {this} yuan"),
    "projected": T("按目前進度全年約 {n}", "按目前进度全年约 {n}", "at this pace about {n} by the year's end"),
    "arrears": T("{n} 人欠交", "{n} 人欠交", "{n} members behind"),
    "branches_missed": T("未達成的支部:{names}", "未达成的支部:{names}", "branches short: {names}"),
}


@dataclass
class Target:
    """One target of the plan for one year, in total or for one branch."""

    code: str
    title: Text | Said
    unit: str
    figure: Any
    goal: Any
    status: str
    scope: str = "organisation"  # organisation: judged in total; branch: for each branch too
    branch: str | None = None
    counted: list[Evidence] = field(default_factory=list)
    lacking: list[Evidence] = field(default_factory=list)
    notes: list[Said] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return self.status == "met"

    @property
    def at_risk(self) -> bool:
        """Can no longer be met this year at the current pace."""
        return self.status in ("behind", "missed")

    def figure_text(self, lang: str = HANT) -> str:
        unit = UNITS.get(self.unit, T("", "", ""))(lang)
        figure = "—" if self.figure is None else str(number(self.figure))
        if self.unit == "percent":
            goal = "" if self.goal is None else f" / {number(self.goal)}%"
            return (figure + "%" if self.figure is not None else figure) + goal
        if self.goal is None:
            return figure + (unit if self.figure is not None else "")
        return f"{figure} / {number(self.goal)}{unit}"

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title(lang),
            "scope": self.scope,
            "branch": self.branch,
            "unit": self.unit,
            "figure": number(self.figure),
            "goal": number(self.goal),
            "met": self.met,
            "status": self.status,
            "status_text": STATUS[self.status](lang),
            "text": self.figure_text(lang),
            "notes": [n(lang) for n in self.notes],
            "counted": [e.to_json() for e in self.counted],
            "lacking": [e.to_json() for e in self.lacking],
        }


@dataclass
class TargetReport:
    year: int
    as_of: date
    total: list[Target]
    branches: dict[str, list[Target]]  # branch id → the branch targets of that branch
    branch_names: dict[str, str]
    dues: list[Any] = field(default_factory=list)  # each member's dues as the dues target read them

    def get(self, code: str, branch: str | None = None) -> Target:
        for target in self.total if branch is None else self.branches.get(branch, []):
            if target.code == code:
                return target
        raise KeyError(code)

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "total": [t.to_json(lang) for t in self.total],
            "branches": [
                {"branch": bid, "name": self.branch_names.get(bid, ""), "targets": [t.to_json(lang) for t in targets]}
                for bid, targets in self.branches.items()
            ],
        }


# -- how far along ----------------------------------------------------------------------------


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def paced(figure: float, goal: float | None, year: Year) -> str:
    """A count that grows through the year (films, activists): met, or on or off pace.
    The pace is judged only once a quarter of the year has passed."""
    if goal is None:
        return "no_goal"
    if year.future:
        return "no_data"
    if figure >= goal:
        return "met"
    if year.over:
        return "missed"
    if year.elapsed < 0.25:
        return "on_track"
    return "on_track" if figure / year.elapsed >= goal else "behind"


def standing(figure: Any, goal: Any, year: Year) -> str:
    """A state judged when looked at (a share, a stock): met, or not yet, or not at all."""
    if goal is None:
        return "no_goal"
    if figure is None:
        return "no_data"
    if figure >= goal:
        return "met"
    return "missed" if year.over else "behind"


def projection(figure: float, year: Year) -> Said | None:
    if year.over or year.future or year.elapsed < 0.25 or year.elapsed >= 1:
        return None
    return Said(NOTES["projected"], {"n": int(figure / year.elapsed)})


def periods_held(dates: Iterable[date | None], per_year: int, year: Year, needed: int = 1) -> tuple[set[int], list[int]]:
    """Which periods of the year held enough meetings, and which are over without. A date
    not read (None, as day() gives it) falls in no period."""
    count = Counter(period_of(d, per_year) for d in dates if year.holds(d))
    covered = {p for p, n in count.items() if n >= needed}
    missed = [p for p in range(per_year) if p not in covered and period_bounds(year.year, p, per_year)[1] < year.today]
    return covered, missed


def periodic_status(covered: set[int], missed: list[int], per_year: int, year: Year) -> str:
    if year.future:
        return "no_data"
    if len(covered) >= per_year:
        return "met"
    return "missed" if missed else "on_track"


def worst(statuses: Iterable[str]) -> str:
    found = list(statuses)
    for status in SEVERITY:
        if status in found:
            return status
    return "no_data"
