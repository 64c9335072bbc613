"""The organisation itself: its branches, and what the plan asks for beyond the registers."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from storage.fields import (
    Choices,
    Count,
    Kind,
    Label,
    LongText,
    LooseDate,
    Money,
    PersonName,
    Ref,
    Year,
    money_between,
)
from storage.i18n import Text
from storage.plan.dues import FARMER_RANGE
from storage.registers.base import Record, Register, refuse
from storage.registers.forms import check_past
from storage.registers.people import HOUSEHOLD_HEAD_ALIASES, PhoneField


def _percent(part: int | None, whole: int | None) -> Decimal | None:
    """part of whole, in per cent to one decimal (92.5), or None when nothing was counted."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


LINK_KIND = Choices(
    "link_kind",
    {
        "cadre_member": ("村幹部聯繫黨員戶", "村干部联系党员户", "a cadre links a member household"),
        "member_farmer": ("黨員幫帶農戶", "党员帮带农户", "a member helps a farm household"),
    },
    aliases={"聯繫黨員戶": "cadre_member", "联系党员户": "cadre_member",
             "幫帶農戶": "member_farmer", "帮带农户": "member_farmer"},
)
LinkKindCode = Annotated[str, LINK_KIND.validator(), LINK_KIND]

RECTIFICATION_STATUS = Choices(
    "rectification_status",
    {
        "open": ("未整改", "未整改", "open"),
        "in_progress": ("整改中", "整改中", "in progress"),
        "done": ("已整改", "已整改", "done"),
    },
    aliases={"已完成": "done", "完成": "done"},
)
RectificationStatusCode = Annotated[str, RECTIFICATION_STATUS.validator(), RECTIFICATION_STATUS]

SURVEY_SUBJECT = Choices(
    "survey_subject",
    {
        "posted_members": ("在職和有崗黨員", "在职和有岗党员", "members with an office or a post"),
        "committees": ("村兩委班子", "村两委班子", "the two village committees"),
    },
    aliases={"有崗黨員": "posted_members", "有岗党员": "posted_members",
             "兩委": "committees", "两委": "committees", "兩委班子": "committees", "两委班子": "committees"},
)
SurveySubjectCode = Annotated[str, SURVEY_SUBJECT.validator(), SURVEY_SUBJECT]


def _checklist_items() -> dict[str, tuple[str, str, str]]:
    from storage.plan.items import HAND_ITEMS

    return {item.code: item.title.variants() for item in HAND_ITEMS}


CHECKLIST_ITEM = Choices("checklist_item", _checklist_items())
ChecklistItemCode = Annotated[str, CHECKLIST_ITEM.validator(), CHECKLIST_ITEM]

CHECK_STATUS = Choices(
    "check_status",
    {
        "done": ("已完成", "已完成", "done"),
        "partly": ("部分完成", "部分完成", "partly done"),
        "not_done": ("未完成", "未完成", "not done"),
    },
    aliases={"完成": "done", "部分": "partly", "未": "not_done", "yes": "done", "no": "not_done"},
)
CheckStatusCode = Annotated[str, CHECK_STATUS.validator(), CHECK_STATUS]


#: A branch's monthly dues for its farmer members, within the 2008 rules' range.
FarmerDues = Annotated[Decimal, money_between(*FARMER_RANGE), Kind("money")]


class Branch(Record):
    name: Annotated[str, Label("支部名稱", "支部名称", "Name")]
    secretary: Annotated[str | None, Label("支部書記", "支部书记", "Secretary")] = None
    phone: PhoneField = None
    founded_on: Annotated[LooseDate | None, Label("成立日期", "成立日期", "Founded on")] = None
    farmer_dues: Annotated[
        FarmerDues | None, Label("農民黨員月黨費標準(元)", "农民党员月党费标准(元)", "Farmers' monthly dues (yuan)")
    ] = None


class Link(Record):
    """聯幫帶: each village cadre links 6 member households, each member helps 10 farm households."""

    kind: Annotated[LinkKindCode, Label("聯幫類型", "联帮类型", "Kind of link")]
    linker: Annotated[str, Label("聯繫幹部/幫帶黨員", "联系干部/帮带党员", "Cadre or member"), Ref("members")]
    household_member: Annotated[
        str | None, Label("聯繫的黨員戶", "联系的党员户", "Member household"), Ref("members")
    ] = None
    household_head: Annotated[PersonName | None, Label("幫帶農戶戶主", "帮带农户户主", "Farm household head"),
                              HOUSEHOLD_HEAD_ALIASES] = None
    since: Annotated[LooseDate | None, Label("結對日期", "结对日期", "Linked since")] = None

    @model_validator(mode="after")
    def _household_named(self) -> Link:
        if self.kind == "cadre_member":
            if not self.household_member:
                raise PydanticCustomError("missing", "missing", {"field": "household_member"})
            if self.household_member == self.linker:
                raise refuse("household_member", Text(
                    "村幹部聯繫的應是其他黨員戶,不是本人。",
                    "村干部联系的应是其他党员户,不是本人。",
                    "a cadre links other members' households, not their own.",
                ))
        elif not self.household_head:
            raise PydanticCustomError("missing", "missing", {"field": "household_head"})
        return self


class Rectification(Record):
    """An item to rectify, found at a 民主生活會: an owner, a deadline, a status."""

    meeting: Annotated[str | None, Label("查擺會議", "查摆会议", "Found at meeting"), Ref("meetings")] = None
    owner_member: Annotated[str | None, Label("責任黨員", "责任党员", "Owner (member)"), Ref("members")] = None
    owner_name: Annotated[str | None, Label("責任人", "责任人", "Owner")] = None
    problem: Annotated[str, Label("問題", "问题", "Problem")]
    measures: Annotated[LongText | None, Label("整改措施", "整改措施", "Measures")] = None
    deadline: Annotated[LooseDate | None, Label("整改時限", "整改时限", "Deadline")] = None
    status: Annotated[RectificationStatusCode, Label("整改狀態", "整改状态", "Status")] = "open"
    done_on: Annotated[LooseDate | None, Label("完成日期", "完成日期", "Done on")] = None

    @model_validator(mode="after")
    def _consistent(self) -> Rectification:
        if not self.owner_member and not self.owner_name:
            raise refuse("owner_member", Text(
                "請填寫責任黨員或責任人,至少一項。",
                "请填写责任党员或责任人,至少一项。",
                "give the owner, a member or a name (at least one).",
            ))
        check_past(self, "done_on")
        if self.done_on is not None:  # a date of completion means it is done
            self.status = "done"
        return self

    @property
    def overdue(self) -> bool:
        from storage import clock

        return self.status != "done" and self.deadline is not None and self.deadline < clock.today()


class Survey(Record):
    """A 民主測評: how many of the public were satisfied (the plan asks for 90%)."""

    year: Annotated[Year, Label("年度", "年度", "Year")]
    subject: Annotated[SurveySubjectCode, Label("測評對象", "测评对象", "Surveyed")]
    respondents: Annotated[Count, Label("參加測評人數", "参加测评人数", "Respondents")]
    satisfied: Annotated[Count, Label("滿意人數", "满意人数", "Satisfied")]
    held_on: Annotated[LooseDate | None, Label("測評日期", "测评日期", "Held on")] = None

    @model_validator(mode="after")
    def _consistent(self) -> Survey:
        if self.satisfied > self.respondents:
            raise refuse("satisfied", Text(
                f"滿意人數 {self.satisfied} 多於參加測評人數 {self.respondents}。",
                f"满意人数 {self.satisfied} 多于参加测评人数 {self.respondents}。",
                f"{self.satisfied} satisfied is more than the {self.respondents} respondents.",
            ))
        check_past(self, "held_on")
        return self

    @property
    def satisfaction(self) -> Decimal | None:
        """The share satisfied, in per cent."""
        return _percent(self.satisfied, self.respondents)


class VillageStats(Record):
    """村情統計 for a year: households with stars (創星率 ≥ 80%) and income per head (+15%)."""

    year: Annotated[Year, Label("年度", "年度", "Year")]
    households: Annotated[Count | None, Label("總戶數", "总户数", "Households")] = None
    star_households: Annotated[Count | None, Label("創星戶數", "创星户数", "Households with stars")] = None
    income_per_head: Annotated[
        Money | None, Label("農民人均純收入(元)", "农民人均纯收入(元)", "Net income per head (yuan)")
    ] = None

    @model_validator(mode="after")
    def _consistent(self) -> VillageStats:
        if self.households is not None and self.star_households is not None \
                and self.star_households > self.households:
            raise refuse("star_households", Text(
                f"創星戶數 {self.star_households} 多於總戶數 {self.households}。",
                f"创星户数 {self.star_households} 多于总户数 {self.households}。",
                f"{self.star_households} households with stars is more than the {self.households} households.",
            ))
        return self

    @property
    def star_rate(self) -> Decimal | None:
        """創星率, in per cent."""
        return _percent(self.star_households, self.households)


class ChecklistTick(Record):
    """A hand tick of an item of the 五好 checklist that the registers cannot judge
    (a board on the wall, a room). One record per item; the journal keeps its history."""

    item: Annotated[ChecklistItemCode, Label("檢查項目", "检查项目", "Item")]
    status: Annotated[CheckStatusCode, Label("完成情況", "完成情况", "Status")] = "done"
    checked_on: Annotated[LooseDate | None, Label("檢查日期", "检查日期", "Checked on")] = None
    checked_by: Annotated[str | None, Label("檢查人", "检查人", "Checked by")] = None
    evidence: Annotated[str | None, Label("佐證材料", "佐证材料", "Evidence")] = None

    @model_validator(mode="after")
    def _consistent(self) -> ChecklistTick:
        check_past(self, "checked_on")
        return self


REGISTERS = [
    Register(
        slug="branches",
        title=Text("支部", "支部", "Branches"),
        model=Branch,
        columns=("name", "secretary", "phone"),
        name_field="name",
        search=("secretary",),
        owner="master",
    ),
    Register(
        slug="links",
        title=Text("聯幫帶", "联帮带", "Links to households"),
        model=Link,
        columns=("kind", "linker", "household_member", "household_head", "since", "branch"),
        name_field="linker",
        search=("household_head", "household_member"),
    ),
    Register(
        slug="rectifications",
        title=Text("整改問題", "整改问题", "Items to rectify"),
        model=Rectification,
        columns=("problem", "owner_member", "owner_name", "deadline", "status", "done_on", "branch"),
        name_field="problem",
        search=("owner_name", "owner_member", "measures"),
    ),
    Register(
        slug="surveys",
        title=Text("民主測評", "民主测评", "Satisfaction surveys"),
        model=Survey,
        columns=("year", "subject", "respondents", "satisfied", "satisfaction", "held_on", "branch"),
        name_field="year",
        search=("subject",),
        derived=(("satisfaction", Text("滿意率(%)", "满意率(%)", "Satisfied (%)")),),
    ),
    Register(
        slug="village_stats",
        title=Text("村情統計", "村情统计", "Village statistics"),
        model=VillageStats,
        columns=("year", "households", "star_households", "star_rate", "income_per_head", "branch"),
        name_field="year",
        derived=(("star_rate", Text("創星率(%)", "创星率(%)", "With stars (%)")),),
    ),
    Register(
        slug="checklist",
        title=Text("五好創建自查", "五好创建自查", "Five-good checklist"),
        model=ChecklistTick,
        columns=("item", "status", "checked_on", "checked_by", "evidence"),
        name_field="item",
        search=("evidence", "checked_by"),
        unique=("item",),
        owner="master",
    ),
]
