"""三簿: 支部會議記錄 (meetings of every type), 黨員活動記錄, 遠程教育記錄."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Annotated, Any

from pydantic import model_validator

from storage.fields import Choices, Count, Kind, Label, LongText, LooseDate, Ref
from storage.i18n import Text
from storage.registers.base import Asked, Checked, Place, Record, Register

MEETING_TYPE = Choices(
    "meeting_type",
    {
        "general": ("支部黨員大會", "支部党员大会", "general meeting of members"),
        "committee": ("支部委員會", "支部委员会", "branch committee"),
        "group": ("黨小組會", "党小组会", "party group meeting"),
        "lecture": ("黨課", "党课", "party lecture"),
        "theme_day": ("主題黨日", "主题党日", "theme party day"),
        "study": ("中心組學習", "中心组学习", "central group study"),
        "democratic_life": ("民主生活會", "民主生活会", "democratic life meeting"),
        "organisational_life": ("組織生活會", "组织生活会", "organisational life meeting"),
        "appraisal": ("民主評議黨員", "民主评议党员", "democratic appraisal of members"),
        "creation": ("創建工作會議", "创建工作会议", "demonstration-site work meeting"),
    },
    aliases={"黨員大會": "general", "党员大会": "general", "支委會": "committee", "支委会": "committee"},
)
MeetingTypeCode = Annotated[str, MEETING_TYPE.validator(), MEETING_TYPE]

ATTENDANCE = Choices(
    "attendance",
    {
        "present": ("出席", "出席", "present"),
        "absent": ("缺席", "缺席", "absent"),
        "nonvoting": ("列席(無表決權)", "列席(无表决权)", "attending without a vote"),
    },
)
AttendanceCode = Annotated[str, ATTENDANCE.validator(), ATTENDANCE]

EDUCATION_CATEGORY = Choices(
    "education_category",
    {
        "film": ("電教片", "电教片", "educational film"),
        "technique": ("技術培訓", "技术培训", "technical training"),
        "policy": ("政策學習", "政策学习", "policy study"),
        "party": ("黨性教育", "党性教育", "party education"),
        "law": ("法律法規", "法律法规", "law"),
        "other": ("其他", "其他", "other"),
    },
)
EducationCategoryCode = Annotated[str, EDUCATION_CATEGORY.validator(), EDUCATION_CATEGORY]

ACTIVITY_TYPE = Choices(
    "activity_type",
    {
        "study": ("學習教育", "学习教育", "study"),
        "volunteer": ("志願服務", "志愿服务", "volunteer service"),
        "visit": ("走訪慰問", "走访慰问", "visits to households"),
        "training": ("技術培訓", "技术培训", "technical training"),
        "demonstration": ("三示範", "三示范", "the three demonstrations"),
        "linking": ("聯幫帶", "联帮带", "linking and helping households"),
        "post_duty": ("設崗定責", "设岗定责", "duties of an assigned post"),
        "culture": ("文體活動", "文体活动", "culture and sports"),
        "other": ("其他", "其他", "other"),
    },
)
ActivityTypeCode = Annotated[str, ACTIVITY_TYPE.validator(), ACTIVITY_TYPE]



#: A roll names each person once.
LISTED_TWICE = Text("同一黨員在出席名單中出現兩次。", "同一党员在出席名单中出现两次。", "A member is listed twice on the roll.")

class Attendance(Checked):
    """One member of the roster at one meeting."""

    member: Annotated[str, Label("黨員", "党员", "Member"), Ref("members")]
    status: Annotated[AttendanceCode, Label("出席情況", "出席情况", "Attendance")] = "present"
    reason: Annotated[str | None, Label("缺席原因", "缺席原因", "Reason for absence")] = None


class Meeting(Record):
    kind: Annotated[MeetingTypeCode, Label("會議類型", "会议类型", "Type")]
    held_on: Annotated[LooseDate, Label("時間", "时间", "Date")]
    start_time: Annotated[str | None, Label("開始時刻", "开始时刻", "Time")] = None
    place: Annotated[str | None, Label("地點", "地点", "Place")] = None
    host: Annotated[str | None, Label("主持人", "主持人", "Chair")] = None
    recorder: Annotated[str | None, Label("記錄人", "记录人", "Minutes by")] = None
    attendance: Annotated[
        list[Attendance], Label("出席情況", "出席情况", "Attendance"), Kind("attendance")
    ] = []
    guests: Annotated[str | None, Label("列席人員", "列席人员", "Guests")] = None
    topic: Annotated[str | None, Label("議題", "议题", "Agenda")] = None
    speaker: Annotated[str | None, Label("發言人/主講人", "发言人/主讲人", "Speaker")] = None
    speeches: Annotated[LongText | None, Label("發言要點", "发言要点", "Main points")] = None
    decisions: Annotated[LongText | None, Label("決議", "决议", "Decisions")] = None
    votes_for: Annotated[Count | None, Label("贊成", "赞成", "For")] = None
    votes_against: Annotated[Count | None, Label("反對", "反对", "Against")] = None
    votes_abstain: Annotated[Count | None, Label("棄權", "弃权", "Abstain")] = None

    @model_validator(mode="after")
    def _one_line_per_member(self) -> Meeting:
        seen: set[str] = set()
        for line in self.attendance:
            if line.member in seen:
                from pydantic_core import PydanticCustomError

                raise PydanticCustomError(
                    "invalid", "invalid",
                    {"field": "attendance", "detail": LISTED_TWICE},
                )
            seen.add(line.member)
        return self

    @property
    def expected(self) -> int:
        """應到: the voting members on the roster (列席 does not count)."""
        return roll_counts(self.attendance)[0]

    @property
    def present(self) -> int:
        """實到: the voting members present."""
        return roll_counts(self.attendance)[1]

    @property
    def quorate(self) -> bool:
        """A 黨員大會 may vote only with more than half of its voting members present."""
        return quorate(*roll_counts(self.attendance)[:2])


# -- a meeting's roll: the one place 應到, 實到 and the quorum are counted ---------------------


def _status(row: Any) -> str | None:
    """A roll row's status: a stored or typed row without one is present; a value that is
    not a row at all (a hand edit) is no one."""
    if isinstance(row, Attendance):
        return row.status
    if isinstance(row, Mapping):
        status = row.get("status", "present")
        return status if isinstance(status, str) else None
    return None


def roll_counts(rows: Iterable[Any]) -> tuple[int, int, int]:
    """(應到, 實到, 列席) of a roll, as stored, typed or validated: the voting members on
    it, those of them present, and those attending without a vote."""
    expected = present = nonvoting = 0
    for row in rows:
        status = _status(row)
        if status is None:
            continue
        if status == "nonvoting":
            nonvoting += 1
        else:
            expected += 1
            present += status == "present"
    return expected, present, nonvoting


def quorate(expected: int, present: int) -> bool:
    """More than half of the voting members present."""
    return present * 2 > expected


def quorum_warning(kind: Any, rows: Iterable[Any]) -> bool:
    """Whether a meeting's roll is to be warned of: a 黨員大會 (general meeting) with voting
    members on its roll and half or fewer of them present."""
    if kind != "general":
        return False
    expected, present, _ = roll_counts(rows)
    return expected > 0 and not quorate(expected, present)


def voting_members(rows: Iterable[Any]) -> list[str]:
    """The members on a roll with a vote (present or not), in the roll's order."""
    return [row["member"] if isinstance(row, Mapping) else row.member for row in rows
            if _status(row) not in (None, "nonvoting")]


def roll_warned(meeting: Mapping[str, Any]) -> bool:
    """:func:`quorum_warning` for a meeting's values as a form holds them."""
    return quorum_warning(meeting.get("kind"), meeting.get("attendance") or [])


#: A meeting's 主持人 or 記錄人 marked absent on its own roll: said, never refused (the roll
#: or the name may be the slip, and a deputy may have stood in).
OFFICERS = {
    "host": Text("注意:主持人{name}在名單上記為缺席。", "注意:主持人{name}在名单上记为缺席。",
                 "Note: {name}, who chaired, is marked absent on the roll."),
    "recorder": Text("注意:記錄人{name}在名單上記為缺席。", "注意:记录人{name}在名单上记为缺席。",
                     "Note: {name}, who took the minutes, is marked absent on the roll."),
}


def absent_officers(meeting: Mapping[str, Any], rows: Iterable[Any],
                    name_of: Callable[[str], str]) -> list[tuple[str, str]]:
    """(field, name) for each of the meeting's 主持人 and 記錄人 whom its roll marks absent.
    Both are typed as names (one or several, split by 、 , or spaces); ``name_of`` gives a
    roll row's member's name."""
    absent = {name_of(row["member"] if isinstance(row, Mapping) else row.member) for row in rows
              if _status(row) == "absent" and (not isinstance(row, Mapping) or isinstance(row.get("member"), str))}
    absent.discard("")
    found: list[tuple[str, str]] = []
    for field in OFFICERS:
        typed = meeting.get(field)
        if not isinstance(typed, str):
            continue
        for name in re.split(r"[、,,;;/\s]+", typed.strip()):
            if name in absent:
                found.append((field, name))
    return found


def absent_officers_note(meeting: Mapping[str, Any], rows: Iterable[Any], name_of: Callable[[str], str],
                         lang: str) -> str:
    """:func:`absent_officers` as a note in ``lang`` (empty when nobody is)."""
    notes = [OFFICERS[field](lang, name=name) for field, name in absent_officers(meeting, rows, name_of)]
    return " ".join(notes)


def meeting_title(meeting: Mapping[str, Any], lang: str) -> str:
    """A meeting as its roll's title names it: its type."""
    kind = meeting.get("kind")
    return MEETING_TYPE.label(kind, lang) if kind else ""


def meeting_kind(meeting: Mapping[str, Any]) -> Any:
    """A meeting's type, which decides whether its roll is warned of (see quorum_warning)."""
    return meeting.get("kind")


def member_attendance(meetings: Iterable[Mapping[str, Any]], member: str, year: int) -> tuple[int, int]:
    """(present, expected) over a year's meetings whose roll names the member: the times
    the member was present, and the times the member was on a roll with a vote."""
    prefix = str(year)
    present = expected = 0
    for meeting in meetings:
        if not str(meeting.get("held_on", "")).startswith(prefix):
            continue
        for row in meeting.get("attendance", ()):
            if isinstance(row, Mapping) and row.get("member") == member:
                voting, here, _ = roll_counts([row])
                expected += voting
                present += here
                break
    return present, expected


class RemoteEducation(Record):
    held_on: Annotated[LooseDate, Label("日期", "日期", "Date")]
    hours: Annotated[Decimal | None, Label("時長(小時)", "时长(小时)", "Hours")] = None
    programme: Annotated[str, Label("節目名稱", "节目名称", "Programme")]
    source: Annotated[str | None, Label("來源", "来源", "Source")] = None
    category: Annotated[EducationCategoryCode, Label("類別", "类别", "Category"), Asked()] = "film"
    technique: Annotated[str | None, Label("培訓技術門類", "培训技术门类", "Technique taught")] = None
    tutor: Annotated[str | None, Label("輔導人", "辅导人", "Tutor")] = None
    administrator: Annotated[str | None, Label("管理員", "管理员", "Administrator")] = None
    members_count: Annotated[Count | None, Label("參學黨員數", "参学党员数", "Members attending")] = None
    public_count: Annotated[Count | None, Label("參學群眾數", "参学群众数", "Public attending")] = None
    effect: Annotated[LongText | None, Label("效果", "效果", "Effect")] = None


class Activity(Record):
    """What 黨員活動記錄 and 支部活動登記冊 share: an activity, who took part, what came of it."""

    held_on: Annotated[LooseDate, Label("日期", "日期", "Date")]
    place: Annotated[str | None, Label("地點", "地点", "Place")] = None
    kind: Annotated[ActivityTypeCode | None, Label("類型", "类型", "Type")] = None
    theme: Annotated[str, Label("主題", "主题", "Theme")]
    organiser: Annotated[str | None, Label("組織人", "组织人", "Organised by")] = None
    participants: Annotated[
        list[Annotated[str, Ref("members")]], Label("參加黨員", "参加党员", "Members taking part")
    ] = []
    content: Annotated[LongText | None, Label("內容", "内容", "Content")] = None
    outcome: Annotated[LongText | None, Label("成效", "成效", "Outcome")] = None

    @model_validator(mode="after")
    def _each_member_once(self) -> Activity:
        # A member picked twice from the roster took part once.
        self.participants = list(dict.fromkeys(self.participants))
        return self

    @property
    def participant_count(self) -> int:
        return len(self.participants)


class MemberActivity(Activity):
    """A line of 黨員活動記錄."""


class BranchActivity(Activity):
    """A line of 支部活動登記冊: an activity the branch holds, often with the public."""

    public_count: Annotated[Count | None, Label("參加群眾數", "参加群众数", "Public taking part")] = None


PARTICIPANTS = Text("參加人數", "参加人数", "Taking part")


REGISTERS = [
    Register(
        slug="meetings",
        title=Text("支部會議記錄", "支部会议记录", "Meeting minutes"),
        model=Meeting,
        places=(Place("books", 1, Text("支部會議記錄", "支部会议记录", "Book of branch meetings")),),
        columns=("held_on", "kind", "topic", "branch", "expected", "present"),
        name_field="topic",
        search=("place", "host", "speaker", "decisions"),
        derived=(("expected", Text("應到", "应到", "Expected")), ("present", Text("實到", "实到", "Present"))),
    ),
    Register(
        slug="member_activities",
        title=Text("黨員活動記錄", "党员活动记录", "Member activities"),
        model=MemberActivity,
        places=(Place("books", 2, Text("黨員活動記錄", "党员活动记录", "Book of member activities")),),
        columns=("held_on", "kind", "theme", "organiser", "participant_count", "branch"),
        name_field="theme",
        search=("place", "organiser", "content"),
        derived=(("participant_count", PARTICIPANTS),),
    ),
    Register(
        slug="remote_education",
        title=Text("遠程教育記錄", "远程教育记录", "Distance education"),
        model=RemoteEducation,
        places=(Place("books", 3, Text("遠程教育記錄", "远程教育记录", "Book of distance education")),),
        columns=("held_on", "programme", "category", "members_count", "public_count", "branch"),
        name_field="programme",
        search=("source", "tutor", "technique"),
    ),
]
