"""The fields every register of people shares, declared once: a name, a gender, a birth
date, a 身份證號, a phone, an education, an ethnicity, an address — each with its label
and the words rosters use for it as a header (its aliases, read by an import).

Members, applicants, models of getting rich, wealth leaders and reserve cadres all use
these; a register that means something else by a name (a regulation's 名稱, a branch's
支部名稱) declares its own.
"""

from __future__ import annotations

from typing import Annotated

from storage.fields import Aliases, BirthDate, Choices, IdNumber, Label, PersonName, Phone

GENDER = Choices("gender", {"male": ("男", "男", "male"), "female": ("女", "女", "female")})
GenderCode = Annotated[str, GENDER.validator(), GENDER]

EDUCATION = Choices(
    "education",
    {
        "none": ("未上學", "未上学", "no schooling"),
        "primary": ("小學", "小学", "primary school"),
        "junior": ("初中", "初中", "junior middle school"),
        "senior": ("高中", "高中", "senior middle school"),
        "technical": ("中專", "中专", "technical school"),
        "college": ("大專", "大专", "college"),
        "bachelor": ("本科", "本科", "bachelor's degree"),
        "postgraduate": ("研究生", "研究生", "postgraduate"),
    },
)
EducationCode = Annotated[str, EDUCATION.validator(), EDUCATION]

Name = Annotated[PersonName, Label("姓名", "姓名", "Name"), Aliases("名字", "黨員姓名", "人員姓名")]
Gender = Annotated[GenderCode | None, Label("性別", "性别", "Gender"), Aliases("男女")]
Born = Annotated[BirthDate | None, Label("出生日期", "出生日期", "Born"),
                 Aliases("出生年月", "出生年月日", "生日", "出生時間")]
IdNumberField = Annotated[IdNumber | None, Label("身份證號", "身份证号", "ID number"),
                          Aliases("身份證號碼", "身份證", "公民身份號碼", "身份證件號碼", "證件號碼", "身份證號碼(18位)")]
PhoneField = Annotated[Phone | None, Label("聯繫電話", "联系电话", "Phone"),
                       Aliases("聯系電話", "電話", "手機", "手機號", "手機號碼", "電話號碼", "聯繫方式", "聯系方式",
                               "聯繫電話(手機)")]
Education = Annotated[EducationCode | None, Label("文化程度", "文化程度", "Education"),
                      Aliases("學歷", "文化", "最高學歷")]
Ethnicity = Annotated[str | None, Label("民族", "民族", "Ethnicity")]
Address = Annotated[str | None, Label("家庭住址", "家庭住址", "Address"),
                    Aliases("住址", "地址", "家庭地址", "現住址", "居住地")]

#: What rosters call the day a member became a full member (a member's, an applicant's).
CONFIRMED_ALIASES = Aliases("轉正時間", "轉正年月")
#: What rosters call the head of a household (a poor one helped, a farm one linked).
HOUSEHOLD_HEAD_ALIASES = Aliases("戶主", "戶主姓名")
