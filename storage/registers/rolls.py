"""十冊: the rolls (the member roll is the member collection of :mod:`.forms`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from storage.fields import (
    Choices,
    IdNumber,
    Label,
    LooseDate,
    Money,
    PersonName,
    Phone,
    Ref,
    YearMonth,
)
from storage.i18n import Text
from storage.registers.base import Place, Record, Register
from storage.registers.forms import EDUCATION, GENDER, check_id_against, check_order

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


class Applicant(Record):
    name: Annotated[PersonName, Label("姓名", "姓名", "Name")]
    gender: Annotated[GENDER.type() | None, Label("性別", "性别", "Gender")] = None
    birth_date: Annotated[LooseDate | None, Label("出生日期", "出生日期", "Born")] = None
    id_number: Annotated[IdNumber | None, Label("身份證號", "身份证号", "ID number")] = None
    ethnicity: Annotated[str | None, Label("民族", "民族", "Ethnicity")] = None
    education: Annotated[EDUCATION.type() | None, Label("文化程度", "文化程度", "Education")] = None
    phone: Annotated[Phone | None, Label("聯繫電話", "联系电话", "Phone")] = None
    stage: Annotated[STAGE.type(), Label("階段", "阶段", "Stage")] = "applicant"
    applied_on: Annotated[LooseDate | None, Label("申請入黨日期", "申请入党日期", "Applied on")] = None
    talked_on: Annotated[LooseDate | None, Label("談話日期", "谈话日期", "First talk on")] = None
    activist_on: Annotated[LooseDate | None, Label("確定積極分子日期", "确定积极分子日期", "Activist since")] = None
    candidate_on: Annotated[LooseDate | None, Label("確定發展對象日期", "确定发展对象日期", "Candidate since")] = None
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
    confirmed_on: Annotated[LooseDate | None, Label("轉正日期", "转正日期", "Full member since")] = None
    member: Annotated[str | None, Label("黨員記錄", "党员记录", "Member record"), Ref("members")] = None

    @model_validator(mode="after")
    def _consistent(self) -> "Applicant":
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
    base_income: Annotated[Money | None, Label("計繳基數(元)", "计缴基数(元)", "Income base")] = None
    standard: Annotated[Money | None, Label("月交納標準(元)", "月交纳标准(元)", "Monthly standard")] = None
    amount: Annotated[Money, Label("金額(元)", "金额(元)", "Amount")]
    paid_on: Annotated[LooseDate, Label("交納日期", "交纳日期", "Paid on")]
    collector: Annotated[str | None, Label("收繳人", "收缴人", "Collected by")] = None
    reverses: Annotated[str | None, Label("沖銷的記錄", "冲销的记录", "Reverses entry"), Ref("dues")] = None

    @model_validator(mode="after")
    def _consistent(self) -> "DuesPayment":
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


class ReserveCadre(Record):
    name: Annotated[PersonName, Label("姓名", "姓名", "Name")]
    member: Annotated[str | None, Label("黨員記錄", "党员记录", "Member record"), Ref("members")] = None
    gender: Annotated[GENDER.type() | None, Label("性別", "性别", "Gender")] = None
    birth_date: Annotated[LooseDate | None, Label("出生日期", "出生日期", "Born")] = None
    education: Annotated[EDUCATION.type() | None, Label("文化程度", "文化程度", "Education")] = None
    phone: Annotated[Phone | None, Label("聯繫電話", "联系电话", "Phone")] = None
    current_job: Annotated[str | None, Label("現職", "现职", "Current job")] = None
    strengths: Annotated[str | None, Label("特長", "特长", "Strengths")] = None
    source: Annotated[CADRE_SOURCE.type() | None, Label("來源類別", "来源类别", "Drawn from")] = None
    intended_post: Annotated[str | None, Label("擬任崗位", "拟任岗位", "Intended post")] = None
    chosen_on: Annotated[LooseDate | None, Label("確定日期", "确定日期", "Chosen on")] = None
    mentor: Annotated[str | None, Label("培養聯繫人", "培养联系人", "Mentor")] = None


REGISTERS = [
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
]
