"""The organisation itself: its branches, and what the plan asks for beyond the registers."""

from __future__ import annotations

from typing import Annotated

from storage.fields import Label, Money, Phone, LooseDate
from storage.i18n import Text
from storage.registers.base import Record, Register


class Branch(Record):
    name: Annotated[str, Label("支部名稱", "支部名称", "Name")]
    secretary: Annotated[str | None, Label("支部書記", "支部书记", "Secretary")] = None
    phone: Annotated[Phone | None, Label("聯繫電話", "联系电话", "Phone")] = None
    founded_on: Annotated[LooseDate | None, Label("成立日期", "成立日期", "Founded on")] = None
    farmer_dues: Annotated[
        Money | None, Label("農民黨員月黨費標準(元)", "农民党员月党费标准(元)", "Farmers' monthly dues (yuan)")
    ] = None


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
]
