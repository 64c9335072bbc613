"""Becoming a member, by the 2014 rules: each applicant's stage and dates, the next step
and when it is due, warnings when a step came too early or is overdue, and promoting a
預備黨員 to 正式 in one step.

申請人 (18 or older; a talk within a month) → 積極分子 → 發展對象 (after at least a year as
an activist; two introducers; public notice of 5 working days) → 預備黨員 (the 支部大會's
date is the 入黨日期; approval within 3 months) → 正式黨員 (after a year).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from storage import clock
from storage.fields import id_birth_date
from storage.i18n import HANT, Text
from storage.messages import StoreError
from storage.plan.common import Said, add_months, add_years, age_on, day, live, records_of, working_days_after

if TYPE_CHECKING:
    from storage.store import Store

T = Text

STEPS: dict[str, Text] = {
    "applied_on": T("申請入黨", "申请入党", "application"),
    "talked_on": T("談話", "谈话", "first talk"),
    "activist_on": T("確定為積極分子", "确定为积极分子", "made an activist"),
    "candidate_on": T("確定為發展對象", "确定为发展对象", "made a candidate"),
    "vetted_on": T("政審", "政审", "vetting"),
    "trained_on": T("集中培訓", "集中培训", "training"),
    "notice_on": T("公示", "公示", "public notice"),
    "admitted_on": T("支部大會接收", "支部大会接收", "admission"),
    "approved_on": T("上級黨委審批", "上级党委审批", "approval"),
    "oath_on": T("入黨宣誓", "入党宣誓", "oath"),
    "confirmed_on": T("轉正", "转正", "full membership"),
}

WARNINGS: dict[str, Text] = {
    "under_18": T("申請時未滿 18 周歲(出生於 {born})", "申请时未满 18 周岁(出生于 {born})",
                  "under 18 when applying (born {born})"),
    "candidate_too_early": T("確定為發展對象時當積極分子未滿一年(應不早於 {earliest})",
                             "确定为发展对象时当积极分子未满一年(应不早于 {earliest})",
                             "made a candidate less than a year after becoming an activist (not before {earliest})"),
    "notice_too_short": T("公示不足 5 個工作日(接收應不早於 {earliest})", "公示不足 5 个工作日(接收应不早于 {earliest})",
                          "public notice shorter than 5 working days (admission not before {earliest})"),
    "confirmed_too_early": T("預備期未滿一年即轉正(應不早於 {earliest})", "预备期未满一年即转正(应不早于 {earliest})",
                             "made a full member before the year of probation (not before {earliest})"),
    "talk_overdue": T("申請後一個月內應談話,已逾期(應於 {due} 前)", "申请后一个月内应谈话,已逾期(应于 {due} 前)",
                      "the first talk is overdue (due by {due})"),
    "approval_overdue": T("接收後三個月內應報上級黨委審批,已逾期(應於 {due} 前)",
                          "接收后三个月内应报上级党委审批,已逾期(应于 {due} 前)",
                          "the approval is overdue (due by {due}, three months after admission)"),
    "confirm_overdue": T("預備期已滿一年,應討論轉正(應於 {due};如延長預備期請註明)",
                         "预备期已满一年,应讨论转正(应于 {due};如延长预备期请注明)",
                         "the year of probation ended on {due}: decide on full membership (or note an extension)"),
    "introducers": T("發展對象應有兩名入黨介紹人", "发展对象应有两名入党介绍人", "a candidate needs two introducers"),
}
#: too early: the rules were not kept; overdue: something is to be done now.
KIND = {"under_18": "too_early", "candidate_too_early": "too_early", "notice_too_short": "too_early",
        "confirmed_too_early": "too_early", "talk_overdue": "overdue", "approval_overdue": "overdue",
        "confirm_overdue": "overdue", "introducers": "missing"}

NEXT: dict[str, Text] = {
    "talk": T("談話", "谈话", "first talk"),
    "activist": T("確定為積極分子", "确定为积极分子", "make an activist"),
    "candidate": T("確定為發展對象", "确定为发展对象", "make a candidate"),
    "admission": T("支部大會討論接收", "支部大会讨论接收", "admission by the general meeting"),
    "approval": T("報上級黨委審批", "报上级党委审批", "approval by the higher committee"),
    "confirmation": T("討論轉正", "讨论转正", "full membership"),
}

NOT_PROBATIONARY = T(
    "「{name}」不是預備黨員,不能轉正。",
    "「{name}」不是预备党员,不能转正。",
    "{name} is not a probationary member: there is nothing to confirm.",
)
TOO_EARLY = T(
    "「{name}」{joined} 入黨,預備期一年,最早 {earliest} 才能轉正。",
    "「{name}」{joined} 入党,预备期一年,最早 {earliest} 才能转正。",
    "{name} joined on {joined}: a year of probation means {earliest} at the earliest.",
)
NOT_ADMITTED = T(
    "「{name}」還沒有支部大會接收日期(入黨日期),不能轉正。",
    "「{name}」还没有支部大会接收日期(入党日期),不能转正。",
    "{name} has no admission date yet, so cannot become a full member.",
)


@dataclass
class Finding:
    code: str
    kind: str  # too_early, overdue, missing
    said: Said
    due: date | None = None

    def __call__(self, lang: str = HANT) -> str:
        return self.said(lang)


@dataclass
class Progress:
    applicant: str
    name: str
    branch: str | None
    stage: str
    dates: dict[str, date]
    next_step: str | None
    next_due: date | None  # the step is due by this day (None: no deadline)
    next_earliest: date | None  # the step may not come before this day
    findings: list[Finding] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return any(f.kind == "overdue" for f in self.findings)

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        from storage.registers.rolls import STAGE

        return {
            "applicant": self.applicant, "name": self.name, "branch": self.branch, "stage": self.stage,
            "stage_text": STAGE.label(self.stage, lang),
            "dates": {k: v.isoformat() for k, v in self.dates.items()},
            "next_step": self.next_step, "next_step_text": NEXT[self.next_step](lang) if self.next_step else None,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "next_earliest": self.next_earliest.isoformat() if self.next_earliest else None,
            "warnings": [{"code": f.code, "kind": f.kind, "text": f(lang), "due": f.due.isoformat() if f.due else None}
                         for f in self.findings],
        }


def _born(applicant: Mapping[str, Any]) -> date | None:
    born = day(applicant.get("birth_date"))
    if born is None and applicant.get("id_number"):
        try:
            born = id_birth_date(applicant["id_number"])
        except ValueError:
            return None
    return born


def _introducers(text: Any) -> int:
    return len([p for p in re.split(r"[,,、;;\s]+", str(text or "")) if p.strip()])


def progress_of(applicant: Mapping[str, Any], today: date | None = None) -> Progress:
    """Where one applicant stands, what comes next, and what is wrong."""
    today = today or clock.today()
    dates = {k: d for k in STEPS if (d := day(applicant.get(k))) is not None}
    stage = str(applicant.get("stage") or "applicant")
    findings: list[Finding] = []

    def warn(code: str, due: date | None = None, **params: Any) -> None:
        if due is not None:
            params.setdefault("due", due.isoformat())
        findings.append(Finding(code, KIND[code], Said(WARNINGS[code], params), due))

    born = _born(applicant)
    applied = dates.get("applied_on")
    if born is not None and age_on(born, applied or today) < 18:
        warn("under_18", born=born.isoformat())
    activist, candidate = dates.get("activist_on"), dates.get("candidate_on")
    if activist and candidate and candidate < add_years(activist, 1):
        warn("candidate_too_early", earliest=add_years(activist, 1).isoformat())
    notice, admitted = dates.get("notice_on"), dates.get("admitted_on")
    if notice and admitted and admitted < working_days_after(notice, 5):
        warn("notice_too_short", earliest=working_days_after(notice, 5).isoformat())
    confirmed = dates.get("confirmed_on")
    if admitted and confirmed and confirmed < add_years(admitted, 1):
        warn("confirmed_too_early", earliest=add_years(admitted, 1).isoformat())
    if stage in ("candidate", "probationary", "full") and _introducers(applicant.get("introducers")) < 2:
        warn("introducers")

    next_step, due, earliest = None, None, None
    if stage == "applicant":
        if "talked_on" not in dates:
            next_step = "talk"
            if applied:
                due = add_months(applied, 1)
                if due < today:
                    warn("talk_overdue", due=due)
        else:
            next_step = "activist"
    elif stage == "activist":
        next_step = "candidate"
        earliest = add_years(activist, 1) if activist else None
    elif stage == "candidate":
        next_step = "admission"
        if notice:
            earliest = working_days_after(notice, 5)
    elif stage == "probationary":
        if admitted and "approved_on" not in dates:
            next_step, due = "approval", add_months(admitted, 3)
            if due < today:
                warn("approval_overdue", due=due)
        elif admitted:
            next_step, due = "confirmation", add_years(admitted, 1)
            earliest = due
        if admitted and "confirmed_on" not in dates and add_years(admitted, 1) < today:
            warn("confirm_overdue", due=add_years(admitted, 1))
    return Progress(applicant["id"], str(applicant.get("name", "")), applicant.get("branch"), stage, dates,
                    next_step, due, earliest, findings)


def progress(store: Store, branch: str | None = None, *, include_done: bool = False) -> list[Progress]:
    """Every applicant on the way in (or all, with ``include_done``), oldest application first."""
    rows = records_of(store, "applicants", branch=branch)
    found = [progress_of(r) for r in rows if include_done or r.get("stage") not in ("full", "stopped")]
    return sorted(found, key=lambda p: (p.dates.get("applied_on") or date.max, p.name))


# -- 預備黨員 → 正式黨員 ------------------------------------------------------------------------------


def promote(store: Store, who: str, *, on: date | str | None = None) -> dict[str, Any]:
    """Make a probationary member a full member: the member record (status, 轉正日期) and
    the applicant record that brought them in (stage, 轉正日期) change together. ``who`` is
    a member or an applicant: an id, an id's prefix or a name. An applicant admitted but
    not yet on the member roll is added to it. Nothing is written unless every record
    involved validates. Returns the member record."""
    from storage.fields import parse_loose_date
    from storage.records import fields_of, validate

    when = parse_loose_date(on) if on else clock.today()
    member, applicant = _find(store, who)
    person = member or applicant or {}
    name = str(person.get("name", who))
    status = (member or {}).get("status") if member else None
    if member is not None and status != "probationary":
        raise StoreError(NOT_PROBATIONARY, name=name)
    if member is None and applicant is not None and applicant.get("stage") not in ("probationary", "candidate"):
        raise StoreError(NOT_PROBATIONARY, name=name)
    joined = day((member or {}).get("joined_on")) or day((applicant or {}).get("admitted_on"))
    if joined is None:
        raise StoreError(NOT_ADMITTED, name=name)
    earliest = add_years(joined, 1)
    if when < earliest:
        raise StoreError(TOO_EARLY, name=name, joined=joined.isoformat(), earliest=earliest.isoformat())

    members_reg, applicants_reg = store.register("members"), store.register("applicants")
    member_values = _member_from(applicant) if member is None and applicant is not None else {}
    member_values.update({"status": "full", "confirmed_on": when.isoformat()})
    # Validate first: a refusal must leave the store as it was.
    validate(members_reg, {**(fields_of(member) if member else {}), **member_values})
    if applicant is not None:
        validate(applicants_reg, {**fields_of(applicant), "stage": "full", "confirmed_on": when.isoformat()})
    with store.transaction():
        if member is None:
            if applicant is None:
                raise StoreError(NOT_PROBATIONARY, name=name)
            promoted = store.add("members", member_values)
        else:
            promoted = store.edit(member["id"], member_values)
        if applicant is not None:
            store.edit(applicant["id"], {"stage": "full", "confirmed_on": when.isoformat(), "member": promoted["id"]})
    return promoted


def _member_from(applicant: Mapping[str, Any]) -> dict[str, Any]:
    keep = ("name", "gender", "birth_date", "id_number", "ethnicity", "education", "phone", "branch")
    values = {k: applicant[k] for k in keep if applicant.get(k) is not None}
    values["joined_on"] = applicant.get("admitted_on")
    return values


def _find(store: Store, who: str) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]:
    """The member and the applicant record a name or id means (either may be missing)."""
    from storage.messages import ValidationFailed

    record: dict[str, Any] | None = None
    member: Mapping[str, Any] | None
    applicant: Mapping[str, Any] | None
    slug = ""
    try:
        reg, record = store.get(who)
        slug = reg.slug
    except StoreError:
        for candidate in ("members", "applicants"):
            try:
                rid = store.resolve_reference(candidate, who)
            except ValidationFailed:
                continue
            record, slug = store.table(candidate)[rid], candidate
            break
    if record is None or slug not in ("members", "applicants"):
        from storage.store import NOT_FOUND

        raise StoreError(NOT_FOUND, id=who)
    if slug == "members":
        member = record
        applicants = records_of(store, "applicants")
        applicant = next((a for a in applicants if a.get("member") == member["id"]), None)
        if applicant is None and member.get("id_number"):
            applicant = next((a for a in applicants if a.get("id_number") == member["id_number"]), None)
        return member, applicant
    applicant = record
    members = store.table("members")
    member = members.get(applicant.get("member") or "")
    if member is None and applicant.get("id_number"):
        member = next((m for m in live(members.values()) if m.get("id_number") == applicant["id_number"]), None)
    if member is not None and member.get("_d"):
        member = None
    return member, applicant
