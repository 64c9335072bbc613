"""What needs action now: the home screen's action panel and ``taizhang todo``.

- meetings the frequency settings call for in the current month, quarter, half or year
  that have not been held (a warning when the period ends this month);
- members whose dues are 3 or more months behind (an alert at 6: grounds for being dropped);
- applicants whose next step is overdue or came too early;
- 整改 items past their deadline;
- targets that can no longer be met this year at the current pace;
- the whole store not backed up off the laptop for a while ([backup] remind_days).

Each action names the records behind it, so a screen can open them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from storage import clock
from storage.i18n import HANT, Text
from storage.plan.common import (
    FREQUENCIES,
    Evidence,
    Said,
    day,
    frequency,
    join,
    period_bounds,
    period_of,
    records_of,
)

if TYPE_CHECKING:
    from storage.plan.targets import Target, TargetReport
    from storage.store import Store

T = Text

SEVERITIES = ("alert", "warning", "info")

TEXTS = {
    "meeting_due": T("{period}應開{kind}:{names}尚未召開(截至 {due})", "{period}应开{kind}:{names}尚未召开(截至 {due})",
                     "{kind} due this {period}: not yet held by {names} (by {due})"),
    "study_due": T("{period}中心組學習尚未開展(截至 {due})", "{period}中心组学习尚未开展(截至 {due})",
                   "the central group has not studied this {period} (by {due})"),
    "dues_alert": T("{n} 名黨員欠交黨費 {months} 個月以上,已達除名條件:{names}",
                    "{n} 名党员欠交党费 {months} 个月以上,已达除名条件:{names}",
                    "{n} members are {months} or more months behind with dues, grounds for being dropped: {names}"),
    "dues_warning": T("{n} 名黨員欠交黨費 {months} 個月以上:{names}", "{n} 名党员欠交党费 {months} 个月以上:{names}",
                      "{n} members are {months} or more months behind with dues: {names}"),
    "applicant": T("{name}:{what}", "{name}:{what}", "{name}: {what}"),
    "next_step": T("{step}應於 {due} 前完成", "{step}应于 {due} 前完成", "{step} due by {due}"),
    "rectification": T("整改問題「{problem}」已過整改時限 {deadline}({owner})",
                       "整改问题「{problem}」已过整改时限 {deadline}({owner})",
                       "the item to rectify '{problem}' is past its deadline of {deadline} ({owner})"),
    "target": T("目標「{title}」{status}:{figure}", "目标「{title}」{status}:{figure}",
                "target '{title}' {status}: {figure}"),
    "backup_due": T("整份台賬已 {days} 天沒有備份到這台電腦以外(上次 {last}):按首頁的 u 存到 U 盤,"
                    "或用命令 taizhang backup --to",
                    "整份台账已 {days} 天没有备份到这台电脑以外(上次 {last}):按首页的 u 存到 U 盘,"
                    "或用命令 taizhang backup --to",
                    "the whole store has not been backed up off this laptop for {days} days (last {last}): "
                    "press u on the home to write it to a USB stick, or run taizhang backup --to FILE"),
    "backup_never": T("整份台賬從未備份到這台電腦以外(建立於 {last},已 {days} 天):按首頁的 u 存到 U 盤,"
                      "或用命令 taizhang backup --to",
                      "整份台账从未备份到这台电脑以外(建立于 {last},已 {days} 天):按首页的 u 存到 U 盘,"
                      "或用命令 taizhang backup --to",
                      "the whole store has never been backed up off this laptop (made {last}, {days} days ago): "
                      "press u on the home to write it to a USB stick, or run taizhang backup --to FILE"),
}
KINDS = {
    "meeting_due": T("會議", "会议", "meetings"),
    "dues": T("黨費", "党费", "dues"),
    "applicant": T("發展黨員", "发展党员", "new members"),
    "rectification": T("整改", "整改", "rectification"),
    "target": T("目標", "目标", "targets"),
    "backup": T("備份", "备份", "backup"),
}
MORE = T(" 等 {n} 人", " 等 {n} 人", " and {n} more")
MORE_BRANCHES = T(" 等 {n} 個支部", " 等 {n} 个支部", " and {n} more branches")
THIS_PERIOD = {
    "monthly": T("本月", "本月", "month"),
    "quarterly": T("本季度", "本季度", "quarter"),
    "half_yearly": T("本半年", "本半年", "half-year"),
    "yearly": T("今年", "今年", "year"),
}


@dataclass
class Action:
    """Something to do, most urgent first."""

    kind: str  # meeting_due, dues, applicant, rectification, target
    severity: str  # alert, warning, info
    said: Said
    due: date | None = None
    branch: str | None = None
    records: list[Evidence] = field(default_factory=list)

    def message(self, lang: str = HANT) -> str:
        return self.said(lang)

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        return {
            "kind": self.kind, "kind_text": KINDS[self.kind](lang), "severity": self.severity,
            "text": self.message(lang), "due": self.due.isoformat() if self.due else None, "branch": self.branch,
            "records": [e.to_json() for e in self.records if e.ids],
        }


class _Names:
    def __init__(self, names: list[str], more: Text = MORE, limit: int = 5) -> None:
        self.names, self.more, self.limit = names, more, limit

    def __call__(self, lang: str) -> str:
        text = join(self.names[: self.limit], lang)
        if len(self.names) > self.limit:
            text += self.more(lang, n=len(self.names) - self.limit)
        return text


def _meetings_due(store: Store, today: date) -> list[Action]:
    from storage.plan.targets import meeting_kinds
    from storage.registers.books import MEETING_TYPE

    branches = records_of(store, "branches")
    names = {b["id"]: str(b.get("name", "")) for b in branches}
    held: dict[tuple[str | None, str], list[date]] = defaultdict(list)
    for meeting in records_of(store, "meetings"):
        when = day(meeting.get("held_on"))
        if when is not None and when.year == today.year:
            held[(meeting.get("branch"), meeting.get("kind", ""))].append(when)
    actions: list[Action] = []
    kinds = meeting_kinds(store)
    units: list[str | None] = [b["id"] for b in branches] or [None]
    for kind, how in kinds:
        per_year = FREQUENCIES[how]
        number = period_of(today, per_year)
        start, end = period_bounds(today.year, number, per_year)
        if how == "yearly" and today.month < 10:
            continue  # yearly meetings are usually held in the fourth quarter
        missing = [u for u in units if not any(start <= d <= end for d in held.get((u, kind), []))]
        if not missing:
            continue
        ends_now = end.month == today.month
        actions.append(Action(
            "meeting_due", "warning" if ends_now else "info",
            Said(TEXTS["meeting_due"], {"period": THIS_PERIOD[how], "kind": MEETING_TYPE.options[kind],
                                        "names": _Names([names.get(u or "", store.organisation) for u in missing],
                                                        MORE_BRANCHES), "due": end.isoformat()}),
            due=end, records=[Evidence("branches", [u for u in missing if u])],
        ))
    # The 總支's own: the 中心組 studies every month.
    study_how = frequency(store.settings.meetings.study)
    if study_how is None:
        return actions
    per_year = FREQUENCIES[study_how]
    start, end = period_bounds(today.year, period_of(today, per_year), per_year)
    studied = [d for (_, kind), dates in held.items() if kind == "study" for d in dates if start <= d <= end]
    if not studied:
        actions.append(Action("meeting_due", "warning" if end.month == today.month else "info",
                              Said(TEXTS["study_due"], {"period": THIS_PERIOD[study_how], "due": end.isoformat()}), due=end))
    return actions


def _dues_behind(store: Store, today: date, report: TargetReport) -> list[Action]:
    from storage.plan.dues import member_dues

    section = store.settings.dues
    # This year's target report read every member's dues as of this month: use them.
    found = report.dues if report.year == today.year and not report.as_of < today else member_dues(store, today)
    actions = []
    for level, months in (("alert", section.alert_months), ("warning", section.warn_months)):
        behind = sorted((s for s in found if s.level == level), key=lambda s: -s.arrears)
        if behind:
            actions.append(Action(
                "dues", level,
                Said(TEXTS[f"dues_{level}"], {"n": len(behind), "months": months,
                                              "names": _Names([f"{s.name}({s.arrears})" for s in behind])}),
                records=[Evidence("members", [s.member for s in behind])],
            ))
    return actions


def _applicants(store: Store, today: date) -> list[Action]:
    from storage.plan.development import NEXT, progress

    actions = []
    for p in progress(store):
        for finding in p.findings:
            if finding.kind == "missing":
                continue
            actions.append(Action(
                "applicant", "warning" if finding.kind == "overdue" else "info",
                Said(TEXTS["applicant"], {"name": p.name, "what": finding.said}),
                due=finding.due, branch=p.branch, records=[Evidence("applicants", [p.applicant])],
            ))
        overdue = any(f.kind == "overdue" for f in p.findings)
        if not overdue and p.next_due is not None and p.next_due.year == today.year and p.next_due.month == today.month:
            actions.append(Action(
                "applicant", "info",
                Said(TEXTS["applicant"], {"name": p.name, "what": Said(TEXTS["next_step"], {
                    "step": NEXT[p.next_step] if p.next_step else "", "due": p.next_due.isoformat()})}),
                due=p.next_due, branch=p.branch, records=[Evidence("applicants", [p.applicant])],
            ))
    return actions


def _rectifications(store: Store, today: date) -> list[Action]:
    actions = []
    members = store.table("members")
    for item in records_of(store, "rectifications"):
        deadline = day(item.get("deadline"))
        if item.get("status") == "done" or deadline is None or deadline >= today:
            continue
        owner = item.get("owner_name") or members.get(item.get("owner_member") or "", {}).get("name", "")
        actions.append(Action(
            "rectification", "warning",
            Said(TEXTS["rectification"], {"problem": item.get("problem", ""), "deadline": deadline.isoformat(),
                                          "owner": owner}),
            due=deadline, branch=item.get("branch"), records=[Evidence("rectifications", [item["id"]])],
        ))
    return actions


def _targets(report: TargetReport) -> list[Action]:
    from storage.plan.targets import STATUS

    actions = []
    for target in report.total:
        if not target.at_risk:
            continue

        class _Figure:
            def __init__(self, t: Target) -> None:
                self.t = t

            def __call__(self, lang: str) -> str:
                notes = "; ".join(n(lang) for n in self.t.notes)
                return self.t.figure_text(lang) + (f"({notes})" if notes and lang != "en" else f" ({notes})" if notes else "")

        actions.append(Action(
            "target", "warning" if target.status == "missed" else "info",
            Said(TEXTS["target"], {"title": target.title, "status": STATUS[target.status], "figure": _Figure(target)}),
            records=[e for e in target.lacking if e.ids] or [e for e in target.counted if e.ids],
        ))
    return actions


def _backup_due(store: Store, today: date) -> list[Action]:
    """The whole store not taken off the laptop (taizhang backup --to) for longer than
    ``[backup] remind_days``: since the last such backup, else since the store was made."""
    from datetime import datetime

    from storage.backups import last_whole

    days = store.settings.backup.remind_days
    if not days:
        return []
    last = last_whole(store.home)
    if last is not None:
        since, kind = last.date(), "backup_due"
    else:
        try:
            since, kind = datetime.fromisoformat(store.settings.store.created).date(), "backup_never"
        except ValueError:
            return []
    waited = (today - since).days
    if waited <= days:
        return []
    return [Action("backup", "warning", Said(TEXTS[kind], {"days": waited, "last": since.isoformat()}))]


def todo(store: Store, report: TargetReport | None = None) -> list[Action]:
    """Everything that needs action today, most urgent first. Pass this year's target
    report if it is at hand, to save computing it again."""
    from storage.plan.targets import targets

    today = clock.today()
    report = report if report is not None and report.year == today.year else targets(store)
    found = (_dues_behind(store, today, report) + _rectifications(store, today) + _applicants(store, today)
             + _meetings_due(store, today) + _targets(report) + _backup_due(store, today))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(found, key=lambda a: (order[a.severity], a.due or date.max))
