"""二表: 黨員基本情況登記表 (with 黨員花名冊, one member collection) and 致富典型登記表."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from storage import clock
from storage.fields import (
    Aliases,
    Choices,
    Count,
    Hint,
    Kind,
    Label,
    LongText,
    LooseDate,
    Money,
    Ref,
    YearMonth,
    id_birth_date,
    id_gender,
    money_between,
)
from storage.i18n import Text
from storage.plan.common import day
from storage.plan.dues import BASE_RANGE
from storage.registers.base import Asked, Place, Record, Register
from storage.registers.people import (
    CONFIRMED_ALIASES,
    GENDER,
    Address,
    Born,
    Education,
    Ethnicity,
    Gender,
    IdNumberField,
    Name,
    PhoneField,
)

#: A member's income base for dues: refused negative or beyond any sense (see BASE_RANGE).
IncomeBase = Annotated[Decimal, money_between(*BASE_RANGE), Kind("money")]

MEMBER_STATUS = Choices(
    "member_status",
    {
        "full": ("正式黨員", "正式党员", "full member"),
        "probationary": ("預備黨員", "预备党员", "probationary member"),
    },
    aliases={"正式": "full", "預備": "probationary", "预备": "probationary"},
)
MemberStatusCode = Annotated[str, MEMBER_STATUS.validator(), MEMBER_STATUS]

POLITICAL = Choices(
    "political_status",
    {
        "member": ("中共黨員", "中共党员", "party member"),
        "probationary": ("中共預備黨員", "中共预备党员", "probationary member"),
        "league": ("共青團員", "共青团员", "Youth League member"),
        "masses": ("群眾", "群众", "the masses"),
        "other": ("其他", "其他", "other"),
    },
)
PoliticalCode = Annotated[str, POLITICAL.validator(), POLITICAL]

LEFT_HOW = Choices(
    "left_how",
    {
        "died": ("去世", "去世", "died"),
        "expelled": ("開除黨籍", "开除党籍", "expelled"),
        "removed": ("除名", "除名", "removed from the rolls"),
        "withdrew": ("退黨", "退党", "withdrew"),
        "transferred": ("轉出", "转出", "transferred out"),
    },
)
LeftHowCode = Annotated[str, LEFT_HOW.validator(), LEFT_HOW]

DUES_CLASS = Choices(
    "dues_class",
    {
        "salaried": ("在職", "在职", "salaried"),
        "retired": ("離退休", "离退休", "retired"),
        "farmer": ("農民", "农民", "farmer"),
        "student": ("學生", "学生", "student"),
        "unemployed": ("下崗失業", "下岗失业", "unemployed"),
        "low_income": ("低保", "低保", "minimum living allowance"),
    },
)
DuesClassCode = Annotated[str, DUES_CLASS.validator(), DUES_CLASS]

POST_HINT = Hint(
    Text(
        "如 林業管護崗、科技示範崗、政策法律宣傳崗、村情民意收集反饋崗",
        "如 林业管护岗、科技示范岗、政策法律宣传岗、村情民意收集反馈岗",
        "e.g. forest care, technology demonstration, policy and law, public opinion",
    )
)


def _contradiction(field: str, label: Text, expected: object, got: object) -> PydanticCustomError:
    return PydanticCustomError(
        "id_number_contradiction",
        "id_number_contradiction",
        {"field": field, "field_label": label, "expected": expected, "got": got},
    )


def check_id_against(record: Any, birth_field: str = "birth_date", gender_field: str = "gender") -> None:
    """Fill birth date and gender from the 身份證號 when empty; refuse a contradiction."""
    number = getattr(record, "id_number", None)
    if not number:
        return
    born = id_birth_date(number)
    if getattr(record, birth_field) is None:
        setattr(record, birth_field, born)
    elif getattr(record, birth_field) != born:
        raise _contradiction(birth_field, Text("出生日期", "出生日期", "birth date"),
                             born.isoformat(), getattr(record, birth_field).isoformat())
    gender = id_gender(number)
    if getattr(record, gender_field) is None:
        setattr(record, gender_field, gender)
    elif getattr(record, gender_field) != gender:
        raise _contradiction(gender_field, Text("性別", "性别", "gender"),
                             GENDER.options[gender], GENDER.options[getattr(record, gender_field)])


def check_order(record: Any, earlier: str, later: str, earlier_label: Text) -> None:
    first, second = getattr(record, earlier), getattr(record, later)
    if first is not None and second is not None and second < first:
        raise PydanticCustomError(
            "date_order", "date_order",
            {"field": later, "other_label": earlier_label, "other": first.isoformat()},
        )


def check_past(record: Any, *fields: str) -> None:
    today = clock.today()
    for name in fields:
        value = getattr(record, name)
        if isinstance(value, date) and value > today:
            raise PydanticCustomError("date_future", "date_future", {"field": name, "value": value.isoformat()})


class Member(Record):
    name: Name
    gender: Gender = None
    ethnicity: Ethnicity = None
    native_place: Annotated[str | None, Label("籍貫", "籍贯", "Native place")] = None
    birth_date: Born = None
    id_number: IdNumberField = None
    education: Education = None
    joined_on: Annotated[LooseDate | None, Label("入黨日期", "入党日期", "Joined"), Aliases("入黨時間", "入黨年月")] = None
    confirmed_on: Annotated[LooseDate | None, Label("轉正日期", "转正日期", "Full member since"), CONFIRMED_ALIASES] = None
    # Asked: 正式 is no default a person may be spared (the model's default serves only
    # what the program writes and records saved before the form asked).
    status: Annotated[MemberStatusCode, Label("正式/預備", "正式/预备", "Status"), Asked(),
                      Aliases("黨員類別", "正式預備", "黨籍狀態", "人員類別", "正式或預備")] = "full"
    party_group: Annotated[str | None, Label("黨小組", "党小组", "Party group"), Aliases("所在黨小組")] = None
    workplace: Annotated[str | None, Label("工作單位及職務", "工作单位及职务", "Work and position"),
                         Aliases("工作單位", "單位", "職業")] = None
    office: Annotated[str | None, Label("村組職務", "村组职务", "Village office"), Aliases("職務", "現任職務", "擔任職務")] = None
    post: Annotated[str | None, Label("設崗定責崗位", "设岗定责岗位", "Assigned post"), POST_HINT,
                    Aliases("崗位", "設崗定責", "黨員崗位", "所設崗位")] = None
    phone: PhoneField = None
    address: Address = None
    mobile: Annotated[bool, Label("是否流動黨員", "是否流动党员", "Working away"), Aliases("流動黨員", "是否流動")] = False
    dues_class: Annotated[DuesClassCode | None, Label("黨費類別", "党费类别", "Dues class")] = None
    dues_base: Annotated[
        IncomeBase | None, Label("黨費基數(月收入,元)", "党费基数(月收入,元)", "Dues base (monthly income)"),
        Aliases("黨費基數", "月收入", "工資收入", "計繳基數"),
    ] = None
    dues_paid_to: Annotated[
        YearMonth | None, Label("黨費交至", "党费交至", "Dues paid up to"),
        Aliases("交至", "已交至", "黨費已交至", "黨費交至年月", "交納至", "paid up to", "paid to"),
    ] = None
    transferred_in_on: Annotated[LooseDate | None, Label("轉入日期", "转入日期", "Transferred in")] = None
    transferred_in_from: Annotated[str | None, Label("轉入自", "转入自", "Transferred from")] = None
    transferred_out_on: Annotated[LooseDate | None, Label("轉出日期", "转出日期", "Transferred out")] = None
    transferred_out_to: Annotated[str | None, Label("轉往", "转往", "Transferred to")] = None
    left_on: Annotated[LooseDate | None, Label("出黨/去世日期", "出党/去世日期", "Left on")] = None
    left_how: Annotated[LeftHowCode | None, Label("出黨/去世", "出党/去世", "How left")] = None

    @model_validator(mode="after")
    def _consistent(self) -> Member:
        check_id_against(self)
        check_past(self, "birth_date", "joined_on", "confirmed_on", "left_on")
        check_order(self, "birth_date", "joined_on", Text("出生日期", "出生日期", "birth date"))
        check_order(self, "joined_on", "confirmed_on", Text("入黨日期", "入党日期", "the joining date"))
        return self

    @property
    def active(self) -> bool:
        """Still on the rolls today (see :func:`active`)."""
        return on_rolls(self.__dict__, clock.today())


# -- members on the rolls: the one place "an active member" is decided --------------------------


def on_rolls(member: Mapping[str, Any], on: date) -> bool:
    """A member counts on a day: joined by then (or date unknown), not yet left or
    transferred out (a way of leaving without its date: gone already)."""
    joined = day(member.get("joined_on"))
    if joined is not None and joined > on:
        return False
    for key in ("left_on", "transferred_out_on"):
        gone = day(member.get(key))
        if gone is not None and gone <= on:
            return False
    if member.get("left_how") and not member.get("left_on"):
        return False
    return True


def active(member: Mapping[str, Any]) -> bool:
    """An active member: a live record, on the rolls today (a meeting's roster, the
    plan's counts and the dues all ask this)."""
    return not member.get("_d") and on_rolls(member, clock.today())


class RichPerson(Record):
    """A person who got rich and leads others: 致富典型 (the form) and 致富帶頭人 (the roll)
    share these fields."""

    name: Name
    gender: Gender = None
    birth_date: Born = None
    political: Annotated[PoliticalCode | None, Label("政治面貌", "政治面貌", "Political status")] = None
    education: Education = None
    industry: Annotated[str | None, Label("產業/項目", "产业/项目", "Industry or project")] = None
    scale: Annotated[str | None, Label("規模", "规模", "Scale"),
                     Hint(Text("如 核桃 200 畝、生豬 300 頭", "如 核桃 200 亩、生猪 300 头",
                               "e.g. 200 mu of walnuts, 300 pigs"))] = None
    net_income: Annotated[Money | None, Label("年純收入(元)", "年纯收入(元)", "Yearly net income (yuan)")] = None
    households_led: Annotated[Count | None, Label("帶動戶數", "带动户数", "Households led")] = None
    poor_helped: Annotated[Count | None, Label("幫扶貧困戶數", "帮扶贫困户数", "Poor households helped")] = None
    honours: Annotated[str | None, Label("榮譽", "荣誉", "Honours")] = None
    phone: PhoneField = None
    deeds: Annotated[LongText | None, Label("事跡", "事迹", "Story")] = None
    member: Annotated[str | None, Label("黨員記錄", "党员记录", "Member record"), Ref("members")] = None

    @model_validator(mode="after")
    def _consistent(self) -> RichPerson:
        check_past(self, "birth_date")
        return self


class RichModel(RichPerson):
    """A line of 致富典型登記表."""


RICH_COLUMNS = ("name", "gender", "industry", "scale", "net_income", "households_led", "branch")
RICH_SEARCH = ("industry", "phone", "honours")


REGISTERS = [
    Register(
        slug="members",
        title=Text("黨員花名冊", "党员花名册", "Party members"),
        model=Member,
        places=(
            Place("forms", 1, Text("黨員基本情況登記表", "党员基本情况登记表", "Member registration form")),
            Place("rolls", 2, Text("黨員花名冊", "党员花名册", "Roll of party members")),
        ),
        columns=("name", "gender", "birth_date", "id_number", "status", "branch", "post", "phone"),
        name_field="name",
        search=("phone", "id_number", "address", "post", "workplace"),
        unique=("id_number",),
    ),
    Register(
        slug="rich_models",
        title=Text("致富典型登記表", "致富典型登记表", "Models of getting rich"),
        model=RichModel,
        places=(Place("forms", 2, Text("致富典型登記表", "致富典型登记表", "Form of models of getting rich")),),
        columns=RICH_COLUMNS,
        name_field="name",
        search=RICH_SEARCH,
    ),
]
