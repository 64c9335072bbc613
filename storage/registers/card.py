"""一卡: 流動黨員管理卡, the card of a member working away."""

from __future__ import annotations

from typing import Annotated

from pydantic import model_validator

from storage.fields import Label, LooseDate, Phone, Ref, YearMonth
from storage.i18n import Text
from storage.registers.base import Place, Record, Register
from storage.registers.forms import check_order


class MobileMember(Record):
    member: Annotated[str, Label("黨員", "党员", "Member"), Ref("members")]
    card_number: Annotated[str | None, Label("卡號", "卡号", "Card no.")] = None
    reason: Annotated[str | None, Label("外出原因", "外出原因", "Reason")] = None
    destination: Annotated[str | None, Label("外出地點", "外出地点", "Destination")] = None
    left_on: Annotated[LooseDate | None, Label("外出日期", "外出日期", "Left on")] = None
    returned_on: Annotated[LooseDate | None, Label("返回日期", "返回日期", "Returned on")] = None
    contact_away: Annotated[Phone | None, Label("外出期間聯繫電話", "外出期间联系电话", "Phone while away")] = None
    host_organisation: Annotated[
        str | None, Label("流入地黨組織", "流入地党组织", "Host party organisation")
    ] = None
    host_contact: Annotated[str | None, Label("流入地黨組織聯繫人及電話", "流入地党组织联系人及电话", "Host contact")] = None
    dues_paid_to: Annotated[YearMonth | None, Label("黨費交至(年月)", "党费交至(年月)", "Dues paid up to")] = None
    reported_on: Annotated[LooseDate | None, Label("年度彙報日期", "年度汇报日期", "Yearly report on")] = None

    @model_validator(mode="after")
    def _consistent(self) -> MobileMember:
        check_order(self, "left_on", "returned_on", Text("外出日期", "外出日期", "the date of leaving"))
        return self


REGISTERS = [
    Register(
        slug="mobile_members",
        title=Text("流動黨員管理卡", "流动党员管理卡", "Members working away"),
        model=MobileMember,
        places=(Place("card", 1, Text("流動黨員管理卡", "流动党员管理卡", "Card of members working away")),),
        columns=("member", "card_number", "destination", "left_on", "returned_on", "dues_paid_to"),
        name_field="member",
        search=("destination", "host_organisation", "card_number"),
    ),
]
