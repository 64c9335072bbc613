"""Each target of the plan: its figure, its goal, its status and the records that count."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storage.i18n import Text
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
    period_name,
)
from storage.plan.targets.records import YearRecords, fold
from storage.plan.targets.report import (
    NOTES,
    TITLES,
    Target,
    paced,
    percent,
    periodic_status,
    periods_held,
    projection,
    standing,
    worst,
)
from storage.registers.books import voting_members

if TYPE_CHECKING:
    from storage.store import Store

T = Text
Record = Mapping[str, Any]


# -- each target ----------------------------------------------------------------------------------


def central_study(r: YearRecords) -> Target:
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


def democratic_life(r: YearRecords) -> Target:
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


def rectifications(r: YearRecords) -> Target:
    needed = r.goals.rectifications_per_leader
    held = r.meetings_of("democratic_life")
    held_ids = {m["id"] for m in held}
    leaders: list[str] = []
    for meeting in held:
        for member in voting_members(meeting.get("attendance", [])):
            if member not in leaders:
                leaders.append(member)
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
    def __init__(self, r: YearRecords, ids: list[str], limit: int = 8) -> None:
        self.names = [r.name(i) for i in ids]
        self.limit = limit

    def __call__(self, lang: str) -> str:
        shown = join(self.names[: self.limit], lang)
        more = len(self.names) - self.limit
        if more > 0:
            shown += T(" 等 {n} 人", " 等 {n} 人", " and {n} more")(lang, n=more)
        return shown


def _names(r: YearRecords, ids: list[str]) -> Any:
    return _Names(r, ids)


def posts(r: YearRecords, members: list[Record]) -> Target:
    pool = [m for m in members if not has_office(m)]
    posted = [m for m in pool if str(m.get("post") or "").strip()]
    figure = percent(len(posted), len(pool))
    goal = Decimal(str(r.goals.posts_percent))
    status = "no_data" if not pool else standing(figure, goal, r.year)
    return Target("posts", TITLES["posts"], "percent", figure, goal, status, scope="branch",
                  counted=[evidence("members", posted)],
                  lacking=[evidence("members", [m for m in pool if not str(m.get("post") or "").strip()])])


def satisfaction(r: YearRecords, subject: str) -> Target:
    code = "satisfaction_posted" if subject == "posted_members" else "satisfaction_committees"
    surveys = [s for s in r._live("surveys") if s.get("subject") == subject and int(s.get("year") or 0) == r.year.year]
    respondents = sum(int(s.get("respondents") or 0) for s in surveys)
    satisfied = sum(int(s.get("satisfied") or 0) for s in surveys)
    figure = percent(satisfied, respondents)
    goal = Decimal(str(r.goals.satisfaction_percent))
    status = standing(figure, goal, r.year)
    return Target(code, TITLES[code], "percent", figure, goal, status, counted=[evidence("surveys", surveys)])


def reserve_cadres(r: YearRecords) -> Target:
    cadres = [c for c in r._live("reserve_cadres") if (day(c.get("chosen_on")) or r.year.start) <= r.year.as_of]
    return Target("reserve_cadres", TITLES["reserve_cadres"], "people", len(cadres), r.goals.reserve_cadres,
                  standing(len(cadres), r.goals.reserve_cadres, r.year), counted=[evidence("reserve_cadres", cadres)])


def new_activists(r: YearRecords) -> Target:
    found = [a for a in r.applicants if r.year.holds(day(a.get("activist_on")))]
    goal = r.goals.new_activists
    target = Target("new_activists", TITLES["new_activists"], "people", len(found), goal,
                    paced(len(found), goal, r.year), counted=[evidence("applicants", found)])
    _note_pace(target, r.year)
    return target


def _note_pace(target: Target, year: Year) -> None:
    if target.status == "behind":
        note = projection(float(target.figure or 0), year)
        if note:
            target.notes.append(note)


@dataclass
class _Newcomer:
    register: str
    id: str
    joined: date
    born: date | None
    gender: str | None


def newcomers(r: YearRecords) -> list[_Newcomer]:
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


def new_members(r: YearRecords) -> list[Target]:
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


def farmers_trained(r: YearRecords) -> Target:
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


def technique_kinds(r: YearRecords) -> Target:
    kinds: dict[str, str] = {}
    for row in r.trainings:
        shown = str(row.get("technique") or row.get("programme") or row.get("theme") or "").strip()
        if shown:
            kinds.setdefault(fold(shown), shown)
    goal = r.goals.technique_kinds
    target = Target("technique_kinds", TITLES["technique_kinds"], "kinds", len(kinds), goal,
                    paced(len(kinds), goal, r.year),
                    counted=[Evidence(k, [row["id"] for row in r.trainings if ("theme" in row) == (k == "branch_activities")])
                             for k in ("remote_education", "branch_activities")],
                    notes=[Said(NOTES["kinds"], {"kinds": "、".join(kinds.values())})] if kinds else [])
    target.counted = [e for e in target.counted if e.ids]
    return target


def films(r: YearRecords) -> Target:
    shown = [row for row in r.education if row.get("category") == "film"]
    titles = {fold(row.get("programme")) for row in shown}
    goal = r.goals.films
    target = Target("films", TITLES["films"], "films", len(titles), goal, paced(len(titles), goal, r.year),
                    counted=[evidence("remote_education", shown)])
    _note_pace(target, r.year)
    return target


def _stats_of(r: YearRecords, year: int) -> list[Record]:
    rows = [s for s in r._live("village_stats") if int(s.get("year") or 0) == year]
    whole = [s for s in rows if not s.get("branch")]
    return whole or rows  # the village's own row, else its branches' rows added up


def star_rate(r: YearRecords) -> Target:
    rows = _stats_of(r, r.year.year)
    households = sum(int(s.get("households") or 0) for s in rows if s.get("star_households") is not None)
    stars = sum(int(s.get("star_households") or 0) for s in rows)
    figure = percent(stars, households)
    goal = Decimal(str(r.goals.star_rate_percent))
    return Target("star_rate", TITLES["star_rate"], "percent", figure, goal, standing(figure, goal, r.year),
                  counted=[evidence("village_stats", rows)])


def _income(rows: list[Record]) -> Decimal | None:
    read = [(money(s.get("income_per_head")), int(s.get("households") or 0)) for s in rows]
    values = [(v, n) for v, n in read if v is not None]
    if not values:
        return None
    weight = sum(n for _, n in values)
    if weight:
        return sum((v * n for v, n in values), Decimal(0)) / weight
    return sum((v for v, _ in values), Decimal(0)) / len(values)


def income_growth(r: YearRecords) -> Target:
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


def cadre_links(r: YearRecords) -> Target:
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


def member_links(r: YearRecords, members: list[Record], helped: dict[str, set[str]], used: dict[str, list[str]]) -> Target:
    needed = r.goals.member_links
    pool = [m["id"] for m in members if not m.get("mobile")]
    reached = [m for m in pool if len(helped.get(m, ())) >= needed]
    status = "no_data" if not pool else standing(len(reached), len(pool), r.year)
    return Target("member_links", Said(TITLES["member_links"], {"n": needed}), "people", len(reached), len(pool),
                  status, scope="branch", counted=[Evidence("links", [i for m in reached for i in used.get(m, ())])],
                  lacking=[Evidence("members", [m for m in pool if m not in set(reached)])])


def member_help(r: YearRecords) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    helped: dict[str, set[str]] = defaultdict(set)
    used: dict[str, list[str]] = defaultdict(list)
    for link in r.links:
        if link.get("kind") == "member_farmer" and link.get("household_head"):
            helped[link["linker"]].add(fold(link["household_head"]))
            used[link["linker"]].append(link["id"])
    return helped, used


def meeting_kinds(store: Store) -> list[tuple[str, str]]:
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


def meetings_held(r: YearRecords, kind: str, how_often: str, meetings: list[Record]) -> Target:
    from storage.registers.books import MEETING_TYPE

    per_year = FREQUENCIES[how_often]
    held = [m for m in meetings if m.get("kind") == kind]
    covered, missed = periods_held((day(m["held_on"]) for m in held), per_year, r.year)
    title = Said(TITLES["meetings"], {"kind": MEETING_TYPE.options[kind], "freq": FREQUENCY_TEXT[how_often]})
    notes = [Said(NOTES["months_missed"], {"periods": _periods_text(how_often, missed)})] if missed else []
    return Target(f"meetings.{kind}", title, "periods" if how_often != "monthly" else "months",
                  len(covered), per_year, periodic_status(covered, missed, per_year, r.year), scope="branch",
                  counted=[evidence("meetings", held)], notes=notes)


def dues(r: YearRecords, statuses: list[Any]) -> Target:
    statuses = [s for s in statuses if s.level != "unknown"]  # nothing known: neither on time nor behind
    on_time = [s.member for s in statuses if s.on_time]
    late = [s.member for s in statuses if not s.on_time]
    figure = percent(len(on_time), len(statuses))
    status = "no_data" if not statuses else standing(figure, Decimal(100), r.year)
    notes = [Said(NOTES["arrears"], {"n": len(late)})] if late else []
    return Target("dues", TITLES["dues"], "percent", figure, Decimal(100), status, scope="branch",
                  counted=[Evidence("members", on_time)], lacking=[Evidence("members", late)], notes=notes)


def add_up(code: str, parts: list[Target], r: YearRecords, branch_names: dict[str, str]) -> Target:
    """The total of a branch target: counts added, shares pooled, as bad as its worst branch."""
    first = parts[0]
    counted = _merge([e for p in parts for e in p.counted])
    lacking = _merge([e for p in parts for e in p.lacking])
    if first.unit == "percent":
        good = sum(len(e.ids) for e in counted if e.register == "members")
        bad = sum(len(e.ids) for e in lacking if e.register == "members")
        figure = percent(good, good + bad)
        status = "no_data" if figure is None else standing(figure, first.goal, r.year)
    else:
        added = sum(p.figure or 0 for p in parts)  # counts: a name of its own, not the percent's figure
        goal = sum(p.goal or 0 for p in parts)
        status = worst(p.status for p in parts)
        total = Target(code, first.title, first.unit, added, goal, status, scope="branch",
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
