"""The plan's measurable targets for a year, per branch and in total: the figure, the goal,
whether it is met, and which records count.

Goals are the plan's numbers, kept in settings.toml ([targets]) so a place can change
them; the one the plan leaves blank (farmers trained, xx 人次) shows no goal until set.
How often each meeting is held is a setting too ([meetings]).

A status says more than met or not, so the home screen can warn in time:

- ``met``: the goal is reached.
- ``on_track``: not yet, but the year is young or the pace is enough.
- ``behind``: still possible, but at the current pace the year ends short.
- ``missed``: can no longer be met this year (the year is over, or a month or quarter
  went by without the meeting the plan asks for).
- ``no_data``: nothing recorded to judge by (no survey, no village statistics).
- ``no_goal``: the plan leaves the goal blank and no setting gives it.

Organisation-wide targets (the 中心組, the 兩委, the village's figures) are judged in
total only; branch targets (設崗定責, 聯幫帶 by members, 三會一課, dues) are judged for each
branch and in total.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from storage.i18n import HANT, Text
from storage.plan.common import (
    FREQUENCIES,
    FREQUENCY_TEXT,
    Evidence,
    Said,
    Year,
    age_on,
    day,
    evidence,
    frequency,
    has_office,
    join,
    money,
    number,
    on_rolls,
    period_bounds,
    period_name,
    records_of,
    period_of,
    plan_year,
)

if TYPE_CHECKING:
    from storage.store import Store

T = Text
Record = Mapping[str, Any]

STATUS: dict[str, Text] = {
    "met": T("已達成", "已达成", "met"),
    "on_track": T("進度正常", "进度正常", "on track"),
    "behind": T("進度落後", "进度落后", "behind"),
    "missed": T("未能達成", "未能达成", "missed"),
    "no_data": T("無資料", "无资料", "no data"),
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


def _percent(part: int, whole: int) -> Decimal | None:
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


def _projection(figure: float, year: Year) -> Said | None:
    if year.over or year.future or year.elapsed < 0.25 or year.elapsed >= 1:
        return None
    return Said(NOTES["projected"], {"n": int(figure / year.elapsed)})


def periods_held(dates: Iterable[date], per_year: int, year: Year, needed: int = 1) -> tuple[set[int], list[int]]:
    """Which periods of the year held enough meetings, and which are over without."""
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


# -- the records a year's targets read ------------------------------------------------------


class _Records:
    """Each register read once, live records only, grouped as the targets need them."""

    def __init__(self, store: "Store", year: Year) -> None:
        self.store = store
        self.year = year
        self.goals = store.settings.targets

    def _live(self, slug: str) -> list[Record]:
        return records_of(self.store, slug)

    @cached_property
    def branches(self) -> list[Record]:
        return self._live("branches")

    @cached_property
    def members(self) -> list[Record]:
        return self._live("members")

    @cached_property
    def on_rolls(self) -> list[Record]:
        return [m for m in self.members if on_rolls(m, self.year.as_of)]

    @cached_property
    def member_by_id(self) -> dict[str, Record]:
        return {m["id"]: m for m in self.members}

    @cached_property
    def cadres(self) -> list[Record]:
        return [m for m in self.on_rolls if has_office(m)]

    @cached_property
    def meetings(self) -> list[Record]:
        return [m for m in self._live("meetings") if self.year.holds(day(m.get("held_on")))]

    def meetings_of(self, kind: str) -> list[Record]:
        return [m for m in self.meetings if m.get("kind") == kind]

    @cached_property
    def applicants(self) -> list[Record]:
        return self._live("applicants")

    @cached_property
    def education(self) -> list[Record]:
        return [r for r in self._live("remote_education") if self.year.holds(day(r.get("held_on")))]

    @cached_property
    def trainings(self) -> list[Record]:
        """Technique training: distance-education sessions and branch activities of that kind."""
        rows = [r for r in self.education if r.get("category") == "technique"]
        rows += [r for r in self._live("branch_activities")
                 if r.get("kind") == "training" and self.year.holds(day(r.get("held_on")))]
        return rows

    @cached_property
    def links(self) -> list[Record]:
        return [r for r in self._live("links") if (day(r.get("since")) or self.year.start) <= self.year.as_of]

    def name(self, member_id: str) -> str:
        return str(self.member_by_id.get(member_id, {}).get("name", member_id[:8]))


def _fold(text: Any) -> str:
    from storage.index import simplify

    return simplify(str(text or ""))


# -- each target ----------------------------------------------------------------------------------


def central_study(r: _Records) -> Target:
    kind = frequency(r.store.settings.meetings.study)
    if kind is None:  # a place that keeps no 中心組 turned it off in the settings
        return Target("central_study", TITLES["central_study"], "months", None, None, "no_goal")
    per_year = FREQUENCIES[kind]
    sessions = r.meetings_of("study")
    counted = [s for s in sessions if s.get("topic") and s.get("speaker")]
    covered, missed = periods_held((day(s["held_on"]) for s in counted), per_year, r.year, r.goals.study_per_month)
    notes = []
    if missed:
        notes.append(Said(NOTES["months_missed"], {"periods": _periods_text(kind, missed)}))
    if len(sessions) > len(counted):
        notes.append(Said(NOTES["no_topic"], {"n": len(sessions) - len(counted)}))
    return Target("central_study", TITLES["central_study"], "months" if kind == "monthly" else "periods",
                  len(covered), per_year, periodic_status(covered, missed, per_year, r.year),
                  counted=[evidence("meetings", counted)], notes=notes)


class _PeriodsText:
    def __init__(self, kind: str, periods: list[int]) -> None:
        self.kind, self.periods = kind, periods

    def __call__(self, lang: str) -> str:
        return join((period_name(self.kind, p, lang) for p in self.periods), lang)


def _periods_text(kind: str, periods: list[int]) -> Any:
    return _PeriodsText(kind, periods)


def democratic_life(r: _Records) -> Target:
    held = r.meetings_of("democratic_life")
    if held:
        status = "met"
    elif r.year.over:
        status = "missed"
    elif r.year.future:
        status = "no_data"
    else:  # usually in the fourth quarter: behind once that has come without one
        status = "behind" if r.year.as_of.month >= 12 else "on_track"
    return Target("democratic_life", TITLES["democratic_life"], "times", len(held), 1, status,
                  counted=[evidence("meetings", held)])


def rectifications(r: _Records) -> Target:
    needed = r.goals.rectifications_per_leader
    held = r.meetings_of("democratic_life")
    held_ids = {m["id"] for m in held}
    leaders: list[str] = []
    for meeting in held:
        for line in meeting.get("attendance", []):
            if line.get("status") != "nonvoting" and line.get("member") not in leaders:
                leaders.append(line["member"])
    if not leaders:
        leaders = [m["id"] for m in r.cadres]
    items = [
        i for i in r._live("rectifications")
        if i.get("meeting") in held_ids or (not i.get("meeting") and r.year.holds(day(i.get("deadline"))))
    ]
    dated = [i for i in items if i.get("deadline") and i.get("owner_member")]
    per_leader = Counter(i["owner_member"] for i in dated)
    reached = [m for m in leaders if per_leader[m] >= needed]
    short = [m for m in leaders if per_leader[m] < needed]
    if not leaders or r.year.future:
        status = "no_data"
    elif not short:
        status = "met"
    elif r.year.over:
        status = "missed"
    else:
        status = "behind" if held else "on_track"
    notes = []
    if short and held:
        notes.append(Said(NOTES["leaders_short"], {"names": _names(r, short)}))
    if len(items) > len(dated):
        notes.append(Said(NOTES["no_deadline"], {"n": len(items) - len(dated)}))
    return Target("rectifications", TITLES["rectifications"], "people", len(reached), len(leaders), status,
                  counted=[evidence("rectifications", [i for i in dated if i["owner_member"] in set(reached)])],
                  lacking=[evidence("members", short)], notes=notes)


class _Names:
    def __init__(self, r: _Records, ids: list[str], limit: int = 8) -> None:
        self.names = [r.name(i) for i in ids]
        self.limit = limit

    def __call__(self, lang: str) -> str:
        shown = join(self.names[: self.limit], lang)
        more = len(self.names) - self.limit
        if more > 0:
            shown += T(" 等 {n} 人", " 等 {n} 人", " and {n} more")(lang, n=more)
        return shown


def _names(r: _Records, ids: list[str]) -> Any:
    return _Names(r, ids)


def posts(r: _Records, members: list[Record]) -> Target:
    pool = [m for m in members if not has_office(m)]
    posted = [m for m in pool if str(m.get("post") or "").strip()]
    figure = _percent(len(posted), len(pool))
    goal = Decimal(str(r.goals.posts_percent))
    status = "no_data" if not pool else standing(figure, goal, r.year)
    return Target("posts", TITLES["posts"], "percent", figure, goal, status, scope="branch",
                  counted=[evidence("members", posted)],
                  lacking=[evidence("members", [m for m in pool if not str(m.get("post") or "").strip()])])


def satisfaction(r: _Records, subject: str) -> Target:
    code = "satisfaction_posted" if subject == "posted_members" else "satisfaction_committees"
    surveys = [s for s in r._live("surveys") if s.get("subject") == subject and int(s.get("year") or 0) == r.year.year]
    respondents = sum(int(s.get("respondents") or 0) for s in surveys)
    satisfied = sum(int(s.get("satisfied") or 0) for s in surveys)
    figure = _percent(satisfied, respondents)
    goal = Decimal(str(r.goals.satisfaction_percent))
    status = standing(figure, goal, r.year)
    return Target(code, TITLES[code], "percent", figure, goal, status, counted=[evidence("surveys", surveys)])


def reserve_cadres(r: _Records) -> Target:
    cadres = [c for c in r._live("reserve_cadres") if (day(c.get("chosen_on")) or r.year.start) <= r.year.as_of]
    return Target("reserve_cadres", TITLES["reserve_cadres"], "people", len(cadres), r.goals.reserve_cadres,
                  standing(len(cadres), r.goals.reserve_cadres, r.year), counted=[evidence("reserve_cadres", cadres)])


def new_activists(r: _Records) -> Target:
    found = [a for a in r.applicants if r.year.holds(day(a.get("activist_on")))]
    goal = r.goals.new_activists
    target = Target("new_activists", TITLES["new_activists"], "people", len(found), goal,
                    paced(len(found), goal, r.year), counted=[evidence("applicants", found)])
    _note_pace(target, r.year)
    return target


def _note_pace(target: Target, year: Year) -> None:
    if target.status == "behind":
        note = _projection(float(target.figure or 0), year)
        if note:
            target.notes.append(note)


@dataclass
class _Newcomer:
    register: str
    id: str
    joined: date
    born: date | None
    gender: str | None


def newcomers(r: _Records) -> list[_Newcomer]:
    """Members admitted this year: on the member roll by 入黨日期, and applicants admitted
    this year who are not on the roll yet."""
    found: list[_Newcomer] = []
    numbers: set[str] = set()
    for m in r.members:
        joined = day(m.get("joined_on"))
        if r.year.holds(joined) and joined is not None:
            found.append(_Newcomer("members", m["id"], joined, day(m.get("birth_date")), m.get("gender")))
            if m.get("id_number"):
                numbers.add(m["id_number"])
    for a in r.applicants:
        admitted = day(a.get("admitted_on"))
        if admitted is None or not r.year.holds(admitted) or a.get("member") in r.member_by_id:
            continue
        if a.get("id_number") and a["id_number"] in numbers:
            continue
        found.append(_Newcomer("applicants", a["id"], admitted, day(a.get("birth_date")), a.get("gender")))
    return found


def _newcomer_evidence(people: list[_Newcomer]) -> list[Evidence]:
    out = [Evidence("members", [p.id for p in people if p.register == "members"])]
    extra = [p.id for p in people if p.register == "applicants"]
    if extra:
        out.append(Evidence("applicants", extra))
    return out


def new_members(r: _Records) -> list[Target]:
    people = newcomers(r)
    age = r.goals.young_age
    young = [p for p in people if p.born is not None and age_on(p.born, p.joined) < age]
    women = [p for p in people if p.gender == "female"]
    out = []
    for code, chosen, goal, title in (
        ("new_members", people, r.goals.new_members, TITLES["new_members"]),
        ("new_members_young", young, r.goals.new_members_young, Said(TITLES["new_members_young"], {"age": age})),
        ("new_members_women", women, r.goals.new_members_women, TITLES["new_members_women"]),
    ):
        target = Target(code, title, "people", len(chosen), goal, paced(len(chosen), goal, r.year),
                        counted=_newcomer_evidence(chosen))
        _note_pace(target, r.year)
        out.append(target)
    return out


def farmers_trained(r: _Records) -> Target:
    total = 0
    for row in r.trainings:
        total += int(row.get("members_count") or 0) + int(row.get("public_count") or 0)
        total += len(row.get("participants") or [])
    goal = r.goals.farmers_trained
    by_register = defaultdict(list)
    for row in r.trainings:
        by_register["branch_activities" if "theme" in row else "remote_education"].append(row["id"])
    target = Target("farmers_trained", TITLES["farmers_trained"], "attendances", total, goal,
                    paced(total, goal, r.year), counted=[Evidence(k, v) for k, v in by_register.items()])
    _note_pace(target, r.year)
    return target


def technique_kinds(r: _Records) -> Target:
    kinds: dict[str, str] = {}
    for row in r.trainings:
        shown = str(row.get("technique") or row.get("programme") or row.get("theme") or "").strip()
        if shown:
            kinds.setdefault(_fold(shown), shown)
    goal = r.goals.technique_kinds
    target = Target("technique_kinds", TITLES["technique_kinds"], "kinds", len(kinds), goal,
                    paced(len(kinds), goal, r.year),
                    counted=[Evidence(k, [row["id"] for row in r.trainings if ("theme" in row) == (k == "branch_activities")])
                             for k in ("remote_education", "branch_activities")],
                    notes=[Said(NOTES["kinds"], {"kinds": "、".join(kinds.values())})] if kinds else [])
    target.counted = [e for e in target.counted if e.ids]
    return target


def films(r: _Records) -> Target:
    shown = [row for row in r.education if row.get("category") == "film"]
    titles = {_fold(row.get("programme")) for row in shown}
    goal = r.goals.films
    target = Target("films", TITLES["films"], "films", len(titles), goal, paced(len(titles), goal, r.year),
                    counted=[evidence("remote_education", shown)])
    _note_pace(target, r.year)
    return target


def _stats_of(r: _Records, year: int) -> list[Record]:
    rows = [s for s in r._live("village_stats") if int(s.get("year") or 0) == year]
    whole = [s for s in rows if not s.get("branch")]
    return whole or rows  # the village's own row, else its branches' rows added up


def star_rate(r: _Records) -> Target:
    rows = _stats_of(r, r.year.year)
    households = sum(int(s.get("households") or 0) for s in rows if s.get("star_households") is not None)
    stars = sum(int(s.get("star_households") or 0) for s in rows)
    figure = _percent(stars, households)
    goal = Decimal(str(r.goals.star_rate_percent))
    return Target("star_rate", TITLES["star_rate"], "percent", figure, goal, standing(figure, goal, r.year),
                  counted=[evidence("village_stats", rows)])


def _income(rows: list[Record]) -> Decimal | None:
    values = [(money(s.get("income_per_head")), int(s.get("households") or 0)) for s in rows]
    values = [(v, n) for v, n in values if v is not None]
    if not values:
        return None
    weight = sum(n for _, n in values)
    if weight:
        return sum(v * n for v, n in values) / weight
    return sum(v for v, _ in values) / len(values)


def income_growth(r: _Records) -> Target:
    this_rows, last_rows = _stats_of(r, r.year.year), _stats_of(r, r.year.year - 1)
    this, last = _income(this_rows), _income(last_rows)
    figure = None
    notes = []
    if this is not None and last:
        figure = ((this / last - 1) * 100).quantize(Decimal("0.1"))
        notes.append(Said(NOTES["income"], {"last": number(last.quantize(Decimal("0.01"))),
                                            "this": number(this.quantize(Decimal("0.01")))}))
    goal = Decimal(str(r.goals.income_growth_percent))
    return Target("income_growth", TITLES["income_growth"], "percent", figure, goal, standing(figure, goal, r.year),
                  counted=[evidence("village_stats", this_rows + last_rows)], notes=notes)


def cadre_links(r: _Records) -> Target:
    needed = r.goals.cadre_links
    linked: dict[str, set[str]] = defaultdict(set)
    used: dict[str, list[str]] = defaultdict(list)
    for link in r.links:
        if link.get("kind") == "cadre_member" and link.get("household_member"):
            linked[link["linker"]].add(link["household_member"])
            used[link["linker"]].append(link["id"])
    cadres = [c["id"] for c in r.cadres]
    reached = [c for c in cadres if len(linked[c]) >= needed]
    status = "no_data" if not cadres else standing(len(reached), len(cadres), r.year)
    return Target("cadre_links", Said(TITLES["cadre_links"], {"n": needed}), "people", len(reached), len(cadres),
                  status, counted=[Evidence("links", [i for c in reached for i in used[c]])],
                  lacking=[evidence("members", [c for c in cadres if c not in reached])])


def member_links(r: _Records, members: list[Record], helped: dict[str, set[str]], used: dict[str, list[str]]) -> Target:
    needed = r.goals.member_links
    pool = [m["id"] for m in members if not m.get("mobile")]
    reached = [m for m in pool if len(helped.get(m, ())) >= needed]
    status = "no_data" if not pool else standing(len(reached), len(pool), r.year)
    return Target("member_links", Said(TITLES["member_links"], {"n": needed}), "people", len(reached), len(pool),
                  status, scope="branch", counted=[Evidence("links", [i for m in reached for i in used.get(m, ())])],
                  lacking=[Evidence("members", [m for m in pool if m not in set(reached)])])


def _member_help(r: _Records) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    helped: dict[str, set[str]] = defaultdict(set)
    used: dict[str, list[str]] = defaultdict(list)
    for link in r.links:
        if link.get("kind") == "member_farmer" and link.get("household_head"):
            helped[link["linker"]].add(_fold(link["household_head"]))
            used[link["linker"]].append(link["id"])
    return helped, used


def meeting_kinds(store: "Store") -> list[tuple[str, str]]:
    """(meeting type, frequency) of each meeting the settings ask branches to hold: the
    三會一課 and the rest, but the 中心組 and the 民主生活會, which are the 總支's own."""
    from storage.registers.books import MEETING_TYPE

    out = []
    for kind, value in store.settings.meetings.model_dump().items():
        if kind in ("study", "democratic_life") or kind not in MEETING_TYPE.options:
            continue
        chosen = frequency(value)
        if chosen:
            out.append((kind, chosen))
    return out


def meetings_held(r: _Records, kind: str, how_often: str, meetings: list[Record]) -> Target:
    from storage.registers.books import MEETING_TYPE

    per_year = FREQUENCIES[how_often]
    held = [m for m in meetings if m.get("kind") == kind]
    covered, missed = periods_held((day(m["held_on"]) for m in held), per_year, r.year)
    title = Said(TITLES["meetings"], {"kind": MEETING_TYPE.options[kind], "freq": FREQUENCY_TEXT[how_often]})
    notes = [Said(NOTES["months_missed"], {"periods": _periods_text(how_often, missed)})] if missed else []
    return Target(f"meetings.{kind}", title, "periods" if how_often != "monthly" else "months",
                  len(covered), per_year, periodic_status(covered, missed, per_year, r.year), scope="branch",
                  counted=[evidence("meetings", held)], notes=notes)


def dues(r: _Records, statuses: list[Any]) -> Target:
    statuses = [s for s in statuses if s.level != "unknown"]  # nothing known: neither on time nor behind
    on_time = [s.member for s in statuses if s.on_time]
    late = [s.member for s in statuses if not s.on_time]
    figure = _percent(len(on_time), len(statuses))
    status = "no_data" if not statuses else standing(figure, Decimal(100), r.year)
    notes = [Said(NOTES["arrears"], {"n": len(late)})] if late else []
    return Target("dues", TITLES["dues"], "percent", figure, Decimal(100), status, scope="branch",
                  counted=[Evidence("members", on_time)], lacking=[Evidence("members", late)], notes=notes)


def _add_up(code: str, parts: list[Target], r: _Records, branch_names: dict[str, str]) -> Target:
    """The total of a branch target: counts added, shares pooled, as bad as its worst branch."""
    first = parts[0]
    counted = _merge([e for p in parts for e in p.counted])
    lacking = _merge([e for p in parts for e in p.lacking])
    if first.unit == "percent":
        good = sum(len(e.ids) for e in counted if e.register == "members")
        bad = sum(len(e.ids) for e in lacking if e.register == "members")
        figure = _percent(good, good + bad)
        status = "no_data" if figure is None else standing(figure, first.goal, r.year)
    else:
        figure = sum(p.figure or 0 for p in parts)
        goal = sum(p.goal or 0 for p in parts)
        status = worst(p.status for p in parts)
        total = Target(code, first.title, first.unit, figure, goal, status, scope="branch",
                       counted=counted, lacking=lacking)
        _note_branches(total, parts, branch_names)
        return total
    total = Target(code, first.title, first.unit, figure, first.goal, status, scope="branch",
                   counted=counted, lacking=lacking)
    _note_branches(total, parts, branch_names)
    return total


def _note_branches(total: Target, parts: list[Target], branch_names: dict[str, str]) -> None:
    short = [branch_names.get(p.branch or "", "") for p in parts if p.status in ("missed", "behind")]
    if short and len(parts) > 1:
        total.notes.append(Said(NOTES["branches_missed"], {"names": _Joined(short)}))


class _Joined:
    def __init__(self, items: list[str], limit: int = 8) -> None:
        self.items, self.limit = items, limit

    def __call__(self, lang: str) -> str:
        text = join(self.items[: self.limit], lang)
        if len(self.items) > self.limit:
            text += T(" 等 {n} 個", " 等 {n} 个", " and {n} more")(lang, n=len(self.items) - self.limit)
        return text


def _merge(found: list[Evidence]) -> list[Evidence]:
    merged: dict[str, list[str]] = {}
    for item in found:
        merged.setdefault(item.register, []).extend(item.ids)
    return [Evidence(k, v) for k, v in merged.items()]


# -- all of them ------------------------------------------------------------------------------------


def targets(store: "Store", year: int | None = None) -> TargetReport:
    """Every target of the plan for ``year`` (default this year), in total and per branch."""
    from storage.plan.dues import member_dues
    from storage.plan.common import month_index as _mi

    y = plan_year(year)
    r = _Records(store, y)
    branch_names = {b["id"]: str(b.get("name", "")) for b in r.branches}

    # Branch targets: each branch's members and meetings, grouped once.
    members_by_branch: dict[str | None, list[Record]] = defaultdict(list)
    for m in r.on_rolls:
        members_by_branch[m.get("branch")].append(m)
    meetings_by_branch: dict[str | None, list[Record]] = defaultdict(list)
    for m in r.meetings:
        meetings_by_branch[m.get("branch")].append(m)
    month = _mi(y.today) if not y.over else _mi(date(y.year + 1, 1, 1))
    month_text = f"{month // 12:04d}-{month % 12 + 1:02d}"
    dues_by_branch: dict[str | None, list[Any]] = defaultdict(list)
    all_dues = [] if y.future else member_dues(store, month_text, members=r.members)
    for status in all_dues:
        dues_by_branch[status.branch].append(status)
    helped, used = _member_help(r)
    kinds = meeting_kinds(store)

    def branch_targets(members: list[Record], meetings: list[Record], dues_rows: list[Any]) -> list[Target]:
        out = [posts(r, members), member_links(r, members, helped, used)]
        out += [meetings_held(r, kind, how, meetings) for kind, how in kinds]
        out.append(dues(r, dues_rows))
        return out

    per_branch: dict[str, list[Target]] = {}
    units = [b["id"] for b in r.branches]
    for bid in units:
        found = branch_targets(members_by_branch.get(bid, []), meetings_by_branch.get(bid, []),
                               dues_by_branch.get(bid, []))
        for target in found:
            target.branch = bid
        per_branch[bid] = found

    if units:
        columns = list(zip(*per_branch.values()))
        branch_totals = [_add_up(col[0].code, list(col), r, branch_names) for col in columns]
        # Members of no branch (a 總支 with members of its own) count in the shares too.
        loose = members_by_branch.get(None, [])
        if loose:
            extra = branch_targets(loose, meetings_by_branch.get(None, []), dues_by_branch.get(None, []))
            branch_totals = [
                _add_up(t.code, [t, e], r, branch_names) if t.unit == "percent" or t.code == "member_links" else t
                for t, e in zip(branch_totals, extra)
            ]
    else:
        branch_totals = branch_targets(r.on_rolls, r.meetings, [s for v in dues_by_branch.values() for s in v])

    total = [
        central_study(r),
        democratic_life(r),
        rectifications(r),
        satisfaction(r, "posted_members"),
        satisfaction(r, "committees"),
        reserve_cadres(r),
        new_activists(r),
        *new_members(r),
        farmers_trained(r),
        technique_kinds(r),
        films(r),
        star_rate(r),
        income_growth(r),
        cadre_links(r),
    ]
    by_code = {t.code: t for t in branch_totals}
    ordered = [total[0], total[1], total[2], by_code.pop("posts"), *total[3:], by_code.pop("member_links"),
               *[by_code[k] for k in list(by_code) if k.startswith("meetings.")], by_code["dues"]]
    return TargetReport(y.year, y.as_of, ordered, per_branch, branch_names, all_dues)
