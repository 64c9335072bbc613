"""十冊: the rolls (the member roll is the member collection of :mod:`.forms`)."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from decimal import Decimal
from typing import Annotated, Any

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from storage.fields import (
    Aliases,
    Choices,
    Count,
    DuesMoney,
    Label,
    LongText,
    LooseDate,
    PersonName,
    Phone,
    Ref,
    YearMonth,
)
from storage.i18n import Text
from storage.records import STORE_KEYS
from storage.registers.base import Place, Record, Register, refuse
from storage.registers.books import PARTICIPANTS, BranchActivity
from storage.registers.forms import (
    RICH_COLUMNS,
    RICH_SEARCH,
    IncomeBase,
    RichPerson,
    check_id_against,
    check_order,
    check_past,
)
from storage.registers.people import (
    CONFIRMED_ALIASES,
    HOUSEHOLD_HEAD_ALIASES,
    Address,
    Born,
    Education,
    Ethnicity,
    Gender,
    IdNumberField,
    Name,
    PhoneField,
)

STAGE = Choices(
    "applicant_stage",
    {
        "applicant": ("入黨申請人", "入党申请人", "applicant"),
        "activist": ("入黨積極分子", "入党积极分子", "activist"),
        "candidate": ("發展對象", "发展对象", "candidate"),
        "probationary": ("預備黨員", "预备党员", "probationary member"),
        "full": ("已轉正", "已转正", "full member"),
        "stopped": ("已終止", "已终止", "stopped"),
    },
    aliases={"申請人": "applicant", "申请人": "applicant", "積極分子": "activist", "积极分子": "activist"},
)
StageCode = Annotated[str, STAGE.validator(), STAGE]

CADRE_SOURCE = Choices(
    "cadre_source",
    {
        "capable": ("致富能手", "致富能手", "capable of getting rich"),
        "young_farmer": ("青年農民", "青年农民", "young farmer"),
        "returnee": ("返鄉青年", "返乡青年", "young returnee"),
        "veteran": ("退伍軍人", "退伍军人", "veteran"),
        "other": ("其他", "其他", "other"),
    },
)
CadreSourceCode = Annotated[str, CADRE_SOURCE.validator(), CADRE_SOURCE]

REGULATION_CATEGORY = Choices(
    "regulation_category",
    {
        "organisation": ("組織建設", "组织建设", "party organisation"),
        "members": ("黨員管理", "党员管理", "management of members"),
        "study": ("學習教育", "学习教育", "study and education"),
        "party_life": ("組織生活", "组织生活", "organisational life"),
        "decisions": ("議事決策", "议事决策", "deliberation and decisions"),
        "openness": ("村務公開", "村务公开", "openness of village affairs"),
        "integrity": ("黨風廉政", "党风廉政", "clean conduct"),
        "assessment": ("考核獎懲", "考核奖惩", "assessment and rewards"),
        "other": ("其他", "其他", "other"),
    },
)
RegulationCategoryCode = Annotated[str, REGULATION_CATEGORY.validator(), REGULATION_CATEGORY]

_CAUSES = {
    "illness": ("因病", "因病", "illness"),
    "disability": ("因殘", "因残", "disability"),
    "schooling": ("因學", "因学", "schooling costs"),
    "disaster": ("因災", "因灾", "disaster"),
    "land": ("缺土地", "缺土地", "lack of land"),
    "water": ("缺水", "缺水", "lack of water"),
    "skills": ("缺技術", "缺技术", "lack of skills"),
    "labour": ("缺勞力", "缺劳力", "lack of labour"),
    "capital": ("缺資金", "缺资金", "lack of capital"),
    "transport": ("交通條件落後", "交通条件落后", "poor transport"),
    "drive": ("自身發展動力不足", "自身发展动力不足", "lack of drive"),
    "other": ("其他", "其他", "other"),
}

POVERTY_CAUSE = Choices(
    "poverty_cause",
    _CAUSES,
    # The poverty files write 因病致貧, 因學致貧 …
    aliases={
        **{hant + "致貧": code for code, (hant, _, _) in _CAUSES.items() if hant.startswith("因")},
        **{hans + "致贫": code for code, (_, hans, _) in _CAUSES.items() if hans.startswith("因")},
    },
)
PovertyCauseCode = Annotated[str, POVERTY_CAUSE.validator(), POVERTY_CAUSE]

DEED_CATEGORY = Choices(
    "deed_category",
    {
        "good_deeds": ("好人好事", "好人好事", "good deeds"),
        "getting_rich": ("率先致富", "率先致富", "leading the way to prosperity"),
        "civility": ("文明和諧", "文明和谐", "civility and harmony"),
        "service": ("服務群眾", "服务群众", "serving the public"),
        "bravery": ("見義勇為", "见义勇为", "bravery"),
        "other": ("其他", "其他", "other"),
    },
    aliases={"好人好事示範": "good_deeds", "好人好事示范": "good_deeds",
             "率先致富示範": "getting_rich", "率先致富示范": "getting_rich",
             "文明和諧示範": "civility", "文明和谐示范": "civility"},
)
DeedCategoryCode = Annotated[str, DEED_CATEGORY.validator(), DEED_CATEGORY]


class Applicant(Record):
    name: Name
    gender: Gender = None
    birth_date: Born = None
    id_number: IdNumberField = None
    ethnicity: Ethnicity = None
    education: Education = None
    phone: PhoneField = None
    stage: Annotated[StageCode, Label("階段", "阶段", "Stage")] = "applicant"
    applied_on: Annotated[LooseDate | None, Label("申請入黨日期", "申请入党日期", "Applied on"),
                          Aliases("申請時間", "申請日期", "遞交申請書時間", "申請入黨時間")] = None
    talked_on: Annotated[LooseDate | None, Label("談話日期", "谈话日期", "First talk on")] = None
    activist_on: Annotated[LooseDate | None, Label("確定積極分子日期", "确定积极分子日期", "Activist since"),
                           Aliases("確定積極分子時間", "列為積極分子時間")] = None
    candidate_on: Annotated[LooseDate | None, Label("確定發展對象日期", "确定发展对象日期", "Candidate since"),
                            Aliases("確定發展對象時間")] = None
    contacts: Annotated[str | None, Label("培養聯繫人", "培养联系人", "Mentors")] = None
    introducers: Annotated[str | None, Label("入黨介紹人", "入党介绍人", "Introducers")] = None
    vetted_on: Annotated[LooseDate | None, Label("政審日期", "政审日期", "Vetted on")] = None
    trained_on: Annotated[LooseDate | None, Label("集中培訓日期", "集中培训日期", "Trained on")] = None
    notice_on: Annotated[LooseDate | None, Label("公示日期", "公示日期", "Public notice on")] = None
    admitted_on: Annotated[
        LooseDate | None, Label("支部大會接收日期(入黨日期)", "支部大会接收日期(入党日期)", "Admitted on")
    ] = None
    approved_on: Annotated[LooseDate | None, Label("上級黨委審批日期", "上级党委审批日期", "Approved on")] = None
    oath_on: Annotated[LooseDate | None, Label("入黨宣誓日期", "入党宣誓日期", "Oath on")] = None
    confirmed_on: Annotated[LooseDate | None, Label("轉正日期", "转正日期", "Full member since"), CONFIRMED_ALIASES] = None
    member: Annotated[str | None, Label("黨員記錄", "党员记录", "Member record"), Ref("members")] = None

    @model_validator(mode="after")
    def _consistent(self) -> Applicant:
        check_id_against(self)
        steps = [
            ("applied_on", Text("申請入黨日期", "申请入党日期", "the application")),
            ("activist_on", Text("確定積極分子日期", "确定积极分子日期", "becoming an activist")),
            ("candidate_on", Text("確定發展對象日期", "确定发展对象日期", "becoming a candidate")),
            ("admitted_on", Text("支部大會接收日期", "支部大会接收日期", "admission")),
            ("confirmed_on", Text("轉正日期", "转正日期", "confirmation")),
        ]
        for (earlier, label), (later, _) in zip(steps, steps[1:]):
            check_order(self, earlier, later, label)
        return self


class DuesPayment(Record):
    """An entry of the dues book. Never edited: a correction is a reversing entry."""

    member: Annotated[str, Label("黨員", "党员", "Member"), Ref("members")]
    period_from: Annotated[YearMonth, Label("交納月份(起)", "交纳月份(起)", "For months from")]
    period_to: Annotated[YearMonth | None, Label("交納月份(止)", "交纳月份(止)", "For months to")] = None
    base_income: Annotated[IncomeBase | None, Label("計繳基數(元)", "计缴基数(元)", "Income base")] = None
    standard: Annotated[DuesMoney | None, Label("月交納標準(元)", "月交纳标准(元)", "Monthly standard")] = None
    amount: Annotated[DuesMoney, Label("金額(元)", "金额(元)", "Amount")]
    paid_on: Annotated[LooseDate, Label("交納日期", "交纳日期", "Paid on")]
    collector: Annotated[str | None, Label("收繳人", "收缴人", "Collected by")] = None
    reverses: Annotated[str | None, Label("沖銷的記錄", "冲销的记录", "Reverses entry"), Ref("dues")] = None

    @model_validator(mode="after")
    def _consistent(self) -> DuesPayment:
        if self.period_to is None:
            self.period_to = self.period_from
        if self.period_to < self.period_from:
            raise PydanticCustomError(
                "date_order", "date_order",
                {"field": "period_to", "other_label": Text("交納月份(起)", "交纳月份(起)", "the first month"),
                 "other": self.period_from},
            )
        if self.amount < 0 and not self.reverses:
            raise PydanticCustomError("money_negative", "money_negative", {"field": "amount"})
        return self


# -- the dues book's rules: one place for what a live entry is and when two are one payment ----

#: What makes two dues entries the same payment: who, for which months, how much.
DUES_SAME = ("member", "period_from", "period_to", "amount")
#: Fields of a dues entry that do not make it another payment.
DUES_INCIDENTAL = frozenset({"note", "collector", "paid_on", "base_income", "standard", "branch"})


def dues_identity(entry: Mapping[str, Any]) -> tuple[Any, ...]:
    """What two entries share when they are the same payment (the merge's duplicates): the
    member, the months (a single month's end is its start) and the amount. An entry
    without a member or an amount (a hand edit) is told apart by all it holds."""
    if "member" in entry and "amount" in entry:
        return tuple(str(entry.get(k) or entry.get("period_from")) if k == "period_to" else str(entry.get(k))
                     for k in DUES_SAME)
    return tuple(sorted((k, str(v)) for k, v in entry.items() if k not in STORE_KEYS and k not in DUES_INCIDENTAL))


def reversed_entries(entries: Iterable[Mapping[str, Any]]) -> set[Any]:
    """The ids of the entries a live reversing entry names."""
    return {e.get("reverses") for e in entries if e.get("reverses") and not e.get("_d")}


def live_entry(entry: Mapping[str, Any], reversed_ids: Container[Any]) -> bool:
    """A live, unreversed payment: not deleted, not itself a reversal, not reversed
    (``reversed_ids`` as :func:`reversed_entries` gives them)."""
    return not entry.get("_d") and not entry.get("reverses") and entry.get("id") not in reversed_ids


def live_entries(entries: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The live, unreversed payments among ``entries`` (see :func:`live_entry`)."""
    entries = list(entries)
    gone = reversed_entries(entries)
    return [e for e in entries if live_entry(e, gone)]


def net_payments(
    entries: Iterable[Mapping[str, Any]], amount: Callable[[Any], Decimal | None]
) -> list[tuple[Mapping[str, Any], Decimal]]:
    """Each payment among live ``entries`` (not a reversal) with its amount net of the
    reversing entries naming it, as ``amount`` reads a stored amount (none: 0). A
    payment reversed in full nets to nothing: exactly when :func:`live_entry` says it
    is not live, a reversal always taking back what remains of it."""
    entries = list(entries)
    reversed_by: dict[Any, Decimal] = {}
    for entry in entries:
        if entry.get("reverses"):
            reversed_by[entry["reverses"]] = reversed_by.get(entry["reverses"], Decimal(0)) + (amount(entry.get("amount")) or 0)
    return [(entry, (amount(entry.get("amount")) or Decimal(0)) + reversed_by.get(entry["id"], Decimal(0)))
            for entry in entries if not entry.get("reverses")]


class ReserveCadre(Record):
    name: Name
    member: Annotated[str | None, Label("黨員記錄", "党员记录", "Member record"), Ref("members")] = None
    gender: Gender = None
    birth_date: Born = None
    education: Education = None
    phone: PhoneField = None
    current_job: Annotated[str | None, Label("現職", "现职", "Current job")] = None
    strengths: Annotated[str | None, Label("特長", "特长", "Strengths")] = None
    source: Annotated[CadreSourceCode | None, Label("來源類別", "来源类别", "Drawn from")] = None
    intended_post: Annotated[str | None, Label("擬任崗位", "拟任岗位", "Intended post")] = None
    chosen_on: Annotated[LooseDate | None, Label("確定日期", "确定日期", "Chosen on")] = None
    mentor: Annotated[str | None, Label("培養聯繫人", "培养联系人", "Mentor")] = None


class Regulation(Record):
    """A rule or regulation; the 總支 hands these down to every branch."""

    name: Annotated[str, Label("名稱", "名称", "Title")]
    category: Annotated[RegulationCategoryCode | None, Label("類別", "类别", "Category")] = None
    issuer: Annotated[str | None, Label("發布機關", "发布机关", "Issued by")] = None
    issued_on: Annotated[LooseDate | None, Label("發布日期", "发布日期", "Issued on")] = None
    summary: Annotated[LongText | None, Label("摘要", "摘要", "Summary")] = None
    body: Annotated[LongText | None, Label("正文", "正文", "Full text")] = None


class WealthLeader(RichPerson):
    """A line of 致富帶頭人花名冊 (the same fields as 致富典型登記表)."""


class Pairing(Record):
    """A member paired with a capable person: each helps the other (致富, 入黨)."""

    member: Annotated[str, Label("黨員", "党员", "Member"), Ref("members")]
    partner: Annotated[PersonName, Label("致富能人", "致富能人", "Capable person")]
    partner_phone: Annotated[Phone | None, Label("致富能人電話", "致富能人电话", "Capable person's phone")] = None
    since: Annotated[LooseDate | None, Label("結對日期", "结对日期", "Paired since")] = None
    goal: Annotated[str | None, Label("幫帶項目/目標", "帮带项目/目标", "Project or goal")] = None
    result: Annotated[LongText | None, Label("成效", "成效", "Result")] = None


class PovertyAid(Record):
    """A poor household helped by a member or a capable person (at least one of them)."""

    helper_member: Annotated[str | None, Label("幫扶黨員", "帮扶党员", "Helping member"), Ref("members")] = None
    helper_name: Annotated[PersonName | None, Label("幫扶能人", "帮扶能人", "Helping capable person")] = None
    household_head: Annotated[PersonName, Label("戶主姓名", "户主姓名", "Head of household"), HOUSEHOLD_HEAD_ALIASES]
    household_size: Annotated[Count | None, Label("家庭人口", "家庭人口", "People in household"),
                              Aliases("人口", "家庭人數")] = None
    address: Address = None
    cause: Annotated[PovertyCauseCode | None, Label("致貧原因", "致贫原因", "Cause of poverty")] = None
    measures: Annotated[LongText | None, Label("幫扶措施", "帮扶措施", "Measures")] = None
    since: Annotated[LooseDate | None, Label("幫扶日期", "帮扶日期", "Helped since")] = None
    result: Annotated[LongText | None, Label("成效", "成效", "Result")] = None

    @model_validator(mode="after")
    def _someone_helps(self) -> PovertyAid:
        if not self.helper_member and not self.helper_name:
            raise refuse("helper_member", Text(
                "請填寫幫扶黨員或幫扶能人的姓名,至少一項。",
                "请填写帮扶党员或帮扶能人的姓名,至少一项。",
                "give the helping member or the helping capable person's name (at least one).",
            ))
        return self


class ExemplaryDeed(Record):
    who: Annotated[str, Label("人物或集體", "人物或集体", "Person or group")]
    member: Annotated[str | None, Label("黨員記錄", "党员记录", "Member record"), Ref("members")] = None
    category: Annotated[DeedCategoryCode | None, Label("類別", "类别", "Category")] = None
    held_on: Annotated[LooseDate | None, Label("日期", "日期", "Date")] = None
    deeds: Annotated[LongText | None, Label("事跡", "事迹", "Story")] = None
    honour: Annotated[str | None, Label("表彰", "表彰", "Commendation")] = None

    @model_validator(mode="after")
    def _consistent(self) -> ExemplaryDeed:
        check_past(self, "held_on")
        return self


REGISTERS = [
    Register(
        slug="regulations",
        title=Text("各種制度匯總冊", "各种制度汇总册", "Rules and regulations"),
        model=Regulation,
        places=(Place("rolls", 1, Text("各種制度匯總冊", "各种制度汇总册", "Roll of rules and regulations")),),
        columns=("name", "category", "issuer", "issued_on"),
        name_field="name",
        search=("issuer", "summary"),
        owner="master",
    ),
    Register(
        slug="reserve_cadres",
        title=Text("後備幹部花名冊", "后备干部花名册", "Reserve cadres"),
        model=ReserveCadre,
        places=(Place("rolls", 3, Text("後備幹部花名冊", "后备干部花名册", "Roll of reserve cadres")),),
        columns=("name", "gender", "birth_date", "source", "intended_post", "chosen_on", "branch"),
        name_field="name",
        search=("phone", "current_job", "intended_post"),
    ),
    Register(
        slug="applicants",
        title=Text("入黨積極分子花名冊", "入党积极分子花名册", "Applicants and activists"),
        model=Applicant,
        places=(Place("rolls", 4, Text("入黨積極分子花名冊", "入党积极分子花名册", "Roll of activists")),),
        columns=("name", "gender", "birth_date", "stage", "applied_on", "activist_on", "branch"),
        name_field="name",
        search=("phone", "id_number", "contacts", "introducers"),
        unique=("id_number",),
    ),
    Register(
        slug="dues",
        title=Text("黨費收繳冊", "党费收缴册", "Party dues"),
        model=DuesPayment,
        places=(Place("rolls", 8, Text("黨費收繳冊", "党费收缴册", "Book of party dues")),),
        columns=("member", "period_from", "period_to", "amount", "paid_on", "collector", "branch"),
        name_field="member",
        entries=True,
    ),
    Register(
        slug="wealth_leaders",
        title=Text("致富帶頭人花名冊", "致富带头人花名册", "Leaders in getting rich"),
        model=WealthLeader,
        places=(Place("rolls", 5, Text("致富帶頭人花名冊", "致富带头人花名册", "Roll of leaders in getting rich")),),
        columns=RICH_COLUMNS,
        name_field="name",
        search=RICH_SEARCH,
    ),
    Register(
        slug="pairings",
        title=Text("黨員與致富能人結對幫帶花名冊", "党员与致富能人结对帮带花名册", "Members paired with capable people"),
        model=Pairing,
        places=(Place("rolls", 6, Text(
            "黨員與致富能人結對幫帶花名冊", "党员与致富能人结对帮带花名册",
            "Roll of members paired with capable people",
        )),),
        columns=("member", "partner", "since", "goal", "branch"),
        name_field="partner",
        search=("member", "goal", "partner_phone"),
    ),
    Register(
        slug="poverty_aid",
        title=Text("黨員和致富能人幫扶貧困戶花名冊", "党员和致富能人帮扶贫困户花名册", "Help for poor households"),
        model=PovertyAid,
        places=(Place("rolls", 7, Text(
            "黨員和致富能人幫扶貧困戶花名冊", "党员和致富能人帮扶贫困户花名册",
            "Roll of poor households helped by members and capable people",
        )),),
        columns=("household_head", "household_size", "cause", "helper_member", "helper_name", "since", "branch"),
        name_field="household_head",
        search=("helper_name", "helper_member", "address"),
    ),
    Register(
        slug="branch_activities",
        title=Text("支部活動登記冊", "支部活动登记册", "Branch activities"),
        model=BranchActivity,
        places=(Place("rolls", 9, Text("支部活動登記冊", "支部活动登记册", "Roll of branch activities")),),
        columns=("held_on", "kind", "theme", "organiser", "participant_count", "public_count", "branch"),
        name_field="theme",
        search=("place", "organiser", "content"),
        derived=(("participant_count", PARTICIPANTS),),
    ),
    Register(
        slug="exemplary_deeds",
        title=Text("典型事跡匯總冊", "典型事迹汇总册", "Exemplary deeds"),
        model=ExemplaryDeed,
        places=(Place("rolls", 10, Text("典型事跡匯總冊", "典型事迹汇总册", "Roll of exemplary deeds")),),
        columns=("held_on", "who", "category", "honour", "branch"),
        name_field="who",
        search=("deeds", "honour"),
    ),
]
