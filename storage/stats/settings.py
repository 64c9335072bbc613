"""``[stats]`` in settings.toml: how the statistics group members, validated once.

The defaults are the annual 中國共產黨黨內統計公報's (2021 and 2022 editions): age in
eight bands, joining in four periods, occupation in eight kinds. A place whose level above
asks for other groups writes them here; nothing else changes.

    [stats]
    age_bands = [30, 35, 40, 45, 50, 55, 60]        # the last age of each band but the open one
    [[stats.periods]]                                 # from this day on (the first: before the second)
    start = "1949-10-01"
    name = ["1949年10月至1978年12月", "1949年10月至1978年12月", "Oct 1949 to Dec 1978"]
    [[stats.occupations]]
    code = "farmer"
    name = ["農牧漁民", "农牧渔民", "farmers, herders and fishers"]
    dues_classes = ["farmer"]                          # a member's 黨費類別 places her
    words = [["務農", "务农", "farming"]]              # or a word in her 工作單位及職務
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from storage.i18n import Text
from storage.messages import StoreError

T = Text

BAD_STATS_SETTINGS = T(
    "設定檔 settings.toml 的 [stats] 不對:{where} {detail}。請改正或刪去這一節(刪去即用黨內統計公報的分組)。",
    "设置文件 settings.toml 的 [stats] 不对:{where} {detail}。请改正或删去这一节(删去即用党内统计公报的分组)。",
    "settings.toml's [stats] is wrong: {where} {detail}. Correct it, or delete the section "
    "(the statistical bulletin's groups are then used).",
)


def _text(value: Any) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text(value, value, value)
    if isinstance(value, (list, tuple)) and len(value) == 3 and all(isinstance(v, str) and v.strip() for v in value):
        return Text(*value)
    raise ValueError("a name is a text, or three texts: traditional, simplified, English")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


class Period(_Strict):
    """Members who joined on or after ``start`` (and before the next period's start)."""

    start: date | None = None  # None: the first period, from the beginning
    name: Text

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> Text:
        return _text(value)


class Occupation(_Strict):
    code: str = Field(min_length=1, max_length=40)
    name: Text
    dues_classes: tuple[str, ...] = ()
    words: tuple[Text, ...] = ()

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> Text:
        return _text(value)

    @field_validator("words", mode="before")
    @classmethod
    def _words(cls, value: Any) -> tuple[Text, ...]:
        if not isinstance(value, (list, tuple)):
            raise ValueError("a list of words")
        return tuple(_text(v) for v in value)


def W(hant: str, hans: str, en: str) -> Text:  # noqa: N802 - a word, written as Text is
    return Text(hant, hans, en)


BULLETIN_PERIODS = (
    Period(start=None, name=T("1949年10月以前", "1949年10月以前", "before Oct 1949")),
    Period(start=date(1949, 10, 1), name=T("1949年10月至十一屆三中全會", "1949年10月至十一届三中全会",
                                            "Oct 1949 to the 3rd Plenum (Dec 1978)")),
    Period(start=date(1978, 12, 18), name=T("十一屆三中全會至十八大", "十一届三中全会至十八大",
                                             "Dec 1978 to the 18th Congress (Nov 2012)")),
    Period(start=date(2012, 11, 8), name=T("十八大以來", "十八大以来", "since the 18th Congress")),
)

BULLETIN_OCCUPATIONS = (
    Occupation(code="worker", name=T("工人(工勤技能人員)", "工人(工勤技能人员)", "workers"),
               words=(W("工人", "工人", "worker"), W("技工", "技工", "technician"), W("司機", "司机", "driver"),
                      W("廠", "厂", "factory"))),
    Occupation(code="farmer", name=T("農牧漁民", "农牧渔民", "farmers, herders and fishers"),
               dues_classes=("farmer",),
               words=(W("務農", "务农", "farming"), W("農民", "农民", "farmer"), W("種植", "种植", "grower"),
                      W("養殖", "养殖", "breeder"), W("牧", "牧", "herder"), W("漁", "渔", "fisher"))),
    Occupation(code="professional", name=T("專業技術人員", "专业技术人员", "professionals"),
               words=(W("教師", "教师", "teacher"), W("醫生", "医生", "doctor"), W("村醫", "村医", "village doctor"),
                      W("技術員", "技术员", "engineer"), W("護士", "护士", "nurse"), W("獸醫", "兽医", "vet"))),
    Occupation(code="manager", name=T("管理人員", "管理人员", "managers"),
               words=(W("經理", "经理", "manager"), W("廠長", "厂长", "director"), W("合作社", "合作社", "cooperative"),
                      W("企業", "企业", "enterprise"))),
    Occupation(code="official", name=T("黨政機關工作人員", "党政机关工作人员", "party and government staff"),
               words=(W("鄉政府", "乡政府", "township government"), W("鎮政府", "镇政府", "town government"),
                      W("機關", "机关", "government office"), W("公務員", "公务员", "civil servant"))),
    Occupation(code="student", name=T("學生", "学生", "students"), dues_classes=("student",),
               words=(W("學生", "学生", "student"), W("在讀", "在读", "studying"))),
    Occupation(code="other", name=T("其他職業人員", "其他职业人员", "other occupations"),
               dues_classes=("unemployed", "low_income"),
               words=(W("個體", "个体", "self-employed"), W("村幹部", "村干部", "village cadre"),
                      W("村委", "村委", "village committee"), W("務工", "务工", "migrant work"))),
    Occupation(code="retired", name=T("離退休人員", "离退休人员", "retired"), dues_classes=("retired",),
               words=(W("退休", "退休", "retired"), W("離休", "离休", "retired cadre"))),
)

#: What a roster writes for the Han majority: anything else in 民族 is a minority.
HAN_WORDS = (W("漢族", "汉族", "Han"), W("漢", "汉", "han"))


class StatsSettings(_Strict):
    age_bands: tuple[int, ...] = (30, 35, 40, 45, 50, 55, 60)
    periods: tuple[Period, ...] = BULLETIN_PERIODS
    occupations: tuple[Occupation, ...] = BULLETIN_OCCUPATIONS
    college: tuple[str, ...] = ("college", "bachelor", "postgraduate")  # 大專及以上, by 文化程度's codes
    young: int = Field(default=35, ge=1, le=120)  # 35歲及以下 among those developed

    @field_validator("age_bands")
    @classmethod
    def _bands(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not value or any(b < 1 or b > 120 for b in value) or list(value) != sorted(set(value)):
            raise ValueError("ages rising, each from 1 to 120")
        return value

    @model_validator(mode="after")
    def _periods_in_order(self) -> StatsSettings:
        starts = [p.start for p in self.periods]
        if not starts or starts[0] is not None or any(s is None for s in starts[1:]):
            raise ValueError("periods: the first without a start, every other with one")
        later = [s for s in starts[1:] if s is not None]
        if later != sorted(set(later)):
            raise ValueError("periods: starts rising")
        codes = [o.code for o in self.occupations]
        if len(codes) != len(set(codes)):
            raise ValueError("occupations: each code once")
        return self


def stats_settings(raw: Any) -> StatsSettings:
    """The ``[stats]`` section (a dict, or None for the bulletin's defaults), refused in
    words that name the setting."""
    if raw is None:
        return StatsSettings()
    if not isinstance(raw, dict):
        raise StoreError(BAD_STATS_SETTINGS, where="[stats]", detail="not a section")
    try:
        return StatsSettings.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "[stats]"
        raise StoreError(BAD_STATS_SETTINGS, where=where, detail=str(first["msg"])) from None
