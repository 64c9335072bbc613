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

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from storage.plan.common import plan_year

if TYPE_CHECKING:
    from storage.store import Store

from storage.plan.targets.each import (
    add_up,
    cadre_links,
    central_study,
    democratic_life,
    dues,
    farmers_trained,
    films,
    income_growth,
    meeting_kinds,
    meetings_held,
    member_help,
    member_links,
    new_activists,
    new_members,
    posts,
    rectifications,
    reserve_cadres,
    satisfaction,
    star_rate,
    technique_kinds,
)
from storage.plan.targets.records import YearRecords
from storage.plan.targets.report import (
    NOTES,
    SEVERITY,
    STATUS,
    TITLES,
    UNITS,
    Target,
    TargetReport,
    paced,
    periodic_status,
    periods_held,
    standing,
    worst,
)

Record = Mapping[str, Any]

__all__ = [
    "NOTES", "SEVERITY", "STATUS", "TITLES", "UNITS", "Target", "TargetReport", "meeting_kinds",
    "paced", "periodic_status", "periods_held", "standing", "targets", "worst",
]


# -- all of them ------------------------------------------------------------------------------------


def targets(store: Store, year: int | None = None) -> TargetReport:
    """Every target of the plan for ``year`` (default this year), in total and per branch."""
    from storage.plan.common import month_index as _mi
    from storage.plan.dues import member_dues

    y = plan_year(year)
    r = YearRecords(store, y)
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
    helped, used = member_help(r)
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
        branch_totals = [add_up(col[0].code, list(col), r, branch_names) for col in columns]
        # Members of no branch (a 總支 with members of its own) count in the shares too.
        loose = members_by_branch.get(None, [])
        if loose:
            extra = branch_targets(loose, meetings_by_branch.get(None, []), dues_by_branch.get(None, []))
            branch_totals = [
                add_up(t.code, [t, e], r, branch_names) if t.unit == "percent" or t.code == "member_links" else t
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
