"""Field types shared by the registers: 身份證號, phones, loose dates, money, choices.

Each type parses what people actually type (full-width digits, 2026年11月26日, +86 …)
into one canonical form, and refuses the rest with a coded error that
:mod:`storage.messages` words in the user's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, DecimalException
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from storage import clock
from storage.i18n import Text
from storage.limits import COUNT_LIMIT, DUES_LIMIT, FIRST_DATE_YEAR, FIRST_YEAR, LAST_YEAR, MONEY_LIMIT


# -- metadata markers read by the catalogue, the forms and the tables ------------------


class Label(Text):
    """A field's label, in the three languages."""


@dataclass(frozen=True, slots=True)
class Ref:
    """The field holds the id of a record of another register."""

    register: str


@dataclass(frozen=True, slots=True)
class Kind:
    """How a field is typed and shown: id_number, phone, date, month, money, text, long_text…"""

    name: str


@dataclass(frozen=True, slots=True)
class Hint:
    """A short example shown beside an empty input."""

    text: Text


# -- helpers ---------------------------------------------------------------------------

_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９ＸｘＡＢＣＤＥＦ－／．（）＋：　"}
_FULLWIDTH[0x3000] = ord(" ")


def halfwidth(text: str) -> str:
    """Full-width digits and signs, as Chinese input methods type them, made ASCII."""
    return text.translate(_FULLWIDTH)


def _error(code: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, ctx)


# -- 身份證號 (GB 11643) ------------------------------------------------------------------

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_character(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def _birth_in(number: str, start: int, century: str = "") -> date:
    text = century + number[start:start + (6 if century else 8)]
    try:
        born = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise _error("id_number_birth", birth=text) from None
    if born > clock.today() or born.year < 1880:
        raise _error("id_number_birth", birth=born.isoformat())
    return born


def parse_id_number(value: Any) -> str:
    """An 18-character 身份證號: upper-case X, 15-digit numbers upgraded."""
    text = halfwidth(str(value)).strip().replace(" ", "").upper()
    if len(text) == 15 and text.isdigit():
        _birth_in(text, 6, century="19")
        body = text[:6] + "19" + text[6:]
        return body + id_check_character(body)
    if len(text) != 18 or not text[:17].isdigit() or text[17] not in "0123456789X":
        raise _error("id_number_format", length=len(text))
    _birth_in(text, 6)
    expected = id_check_character(text[:17])
    if text[17] != expected:
        raise _error("id_number_checksum", got=text[17], expected=expected)
    return text


def id_birth_date(number: str) -> date:
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_gender(number: str) -> str:
    """'male' if the 17th digit is odd, else 'female'."""
    return "male" if int(number[16]) % 2 else "female"


def mask_id_number(number: str | None) -> str:
    """5303**********123X: the area and the last four, enough to tell people apart."""
    if not number:
        return ""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


# -- phones ----------------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{9,11}")


def parse_phone(value: Any) -> str:
    """A mobile (13812345678) or a landline with its area code (0874-5123456)."""
    text = re.sub(r"[\s\-()（）]", "", halfwidth(str(value)))
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    if _MOBILE.fullmatch(text):
        return text
    if _LANDLINE.fullmatch(text):
        area = 3 if text[1] in "12" else 4
        local = text[area:]
        if 7 <= len(local) <= 8:
            return f"{text[:area]}-{local}"
    raise _error("phone_format", value=str(value))


# -- dates -----------------------------------------------------------------------------

_DATE_FORMS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日號号]?"),
)
_MONTH_FORMS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月?"),
)


def parse_loose_date(value: Any) -> date:
    """2026-11-26, 2026/11/26, 20261126 or 2026年11月26日."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = halfwidth(str(value)).strip().replace(" ", "")
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            try:
                day = date(*(int(g) for g in match.groups()))
            except ValueError:
                raise _error("date_invalid", value=text) from None
            if not FIRST_DATE_YEAR <= day.year <= LAST_YEAR:
                raise _error("date_range", value=text, first=FIRST_DATE_YEAR, last=LAST_YEAR)
            return day
    raise _error("date_format", value=text)


def parse_year_month(value: Any) -> str:
    """A month as 2026-11 (typed 2026-11, 2026/11, 202611 or 2026年11月)."""
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    text = halfwidth(str(value)).strip().replace(" ", "")
    for form in _MONTH_FORMS:
        match = form.fullmatch(text)
        if match:
            year, month = (int(g) for g in match.groups())
            if 1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR:
                return f"{year:04d}-{month:02d}"
            raise _error("month_invalid", value=text, first=FIRST_YEAR, last=LAST_YEAR)
    raise _error("month_format", value=text)


# -- money and counts ------------------------------------------------------------------


def parse_money(value: Any, limit: Decimal = MONEY_LIMIT) -> Decimal:
    """An amount in 元, kept to the fen: '0.5', '¥12', '12元', '１２．５'; at most
    ``limit`` either side of zero."""
    try:
        if isinstance(value, Decimal):
            amount = value
        elif isinstance(value, int) and not isinstance(value, bool):
            amount = Decimal(value)
        elif isinstance(value, float):
            amount = Decimal(str(value))  # str: 0.2 is 0.2, not 0.200000000000000011…
        else:
            text = halfwidth(str(value)).strip().replace(",", "")
            text = text.removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
            amount = Decimal(text)
    except DecimalException:  # not a number, or an exponent past Decimal's own (1e999999999999999999)
        raise _error("money_format", value=str(value)) from None
    if not amount.is_finite():
        raise _error("money_format", value=str(value))
    if amount.copy_abs() > limit:  # copy_abs: no arithmetic, so no overflow at 1e999999999999999999
        raise _error("money_range", value=str(value), limit=f"{limit:,}")
    return amount.quantize(Decimal("0.01")) + 0  # + 0: -0 and 1e-400 are 0.00, not -0.00


def parse_dues_money(value: Any) -> Decimal:
    return parse_money(value, DUES_LIMIT)


def parse_count(value: Any) -> int:
    if isinstance(value, bool):
        raise _error("count_format", value=str(value))
    if isinstance(value, int):
        number = value
    else:
        text = halfwidth(str(value)).strip().removesuffix("人").removesuffix("戶").removesuffix("户")
        if not re.fullmatch(r"\d+", text):
            raise _error("count_format", value=str(value))
        # int() refuses 5,000 digits in words of its own: so long a number is too big anyway.
        number = int(text) if len(text) <= 20 else COUNT_LIMIT + 1
    if number < 0:
        raise _error("count_format", value=str(value))
    if number > COUNT_LIMIT:
        raise _error("count_range", value=str(value), limit=f"{COUNT_LIMIT:,}")
    return number


# -- years ----------------------------------------------------------------------------------


def parse_year(value: Any) -> int:
    """A year as 2026 (typed 2026, 2026年 or ２０２６)."""
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    else:
        text = halfwidth(str(value)).strip().removesuffix("年").removesuffix("度").removesuffix("年")
        year = int(text) if re.fullmatch(r"\d{4}", text) else 0
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PydanticCustomError("invalid", "invalid", {"detail": Text(
            f"「{value}」不是年份,請寫 {FIRST_YEAR} 到 {LAST_YEAR} 之間的四位數字,如 2026。",
            f"「{value}」不是年份,请写 {FIRST_YEAR} 到 {LAST_YEAR} 之间的四位数字,如 2026。",
            f"'{value}' is not a year: write four digits from {FIRST_YEAR} to {LAST_YEAR}, such as 2026.",
        )})
    return year




# -- names -----------------------------------------------------------------------------

_DOTS = re.compile(r"[•‧・･∙⋅.．]")


def parse_name(value: Any) -> str:
    """A person's name: any CJK (rare characters beyond the BMP too), the middle dot
    of minority names made one character (阿依古麗·買買提)."""
    text = re.sub(r"\s+", " ", str(value)).strip()
    text = _DOTS.sub("·", text)
    if not text or not any(ch.isalpha() for ch in text):
        raise _error("name_format", value=str(value))
    if any(ch.isdigit() for ch in text):
        raise _error("name_format", value=str(value))
    return text


# -- choices ---------------------------------------------------------------------------


class Choices:
    """A closed list of values: each a code kept on disk, with its label in three languages.

    What a person types may be the code or any of its labels (男, male, 預備, 预备 …).
    """

    registry: dict[str, "Choices"] = {}

    def __init__(
        self,
        name: str,
        options: dict[str, tuple[str, str, str]],
        aliases: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.options = {code: Text(*labels) for code, labels in options.items()}
        self._lookup: dict[str, str] = {}
        for code, text in self.options.items():
            self._lookup[code.lower()] = code
            for label in text.variants():
                self._lookup[label.lower()] = code
        for alias, code in (aliases or {}).items():  # what rosters write in short
            self._lookup[alias.lower()] = code
        Choices.registry[name] = self

    def parse(self, value: Any) -> str:
        code = self._lookup.get(str(value).strip().lower())
        if code is None:
            raise _error("choice", value=str(value), choices=self.name)
        return code

    def label(self, code: str | None, lang: str) -> str:
        if code is None:
            return ""
        text = self.options.get(code)
        return text(lang) if text else code

    def labels(self, lang: str) -> list[str]:
        return [text(lang) for text in self.options.values()]

    def type(self) -> Any:
        return Annotated[str, BeforeValidator(self.parse), self]


# -- the annotated types the registers use ---------------------------------------------

IdNumber = Annotated[str, BeforeValidator(parse_id_number), Kind("id_number")]
Phone = Annotated[str, BeforeValidator(parse_phone), Kind("phone")]
LooseDate = Annotated[date, BeforeValidator(parse_loose_date), Kind("date")]
YearMonth = Annotated[str, BeforeValidator(parse_year_month), Kind("month")]
Money = Annotated[Decimal, BeforeValidator(parse_money), Kind("money")]
DuesMoney = Annotated[Decimal, BeforeValidator(parse_dues_money), Kind("money")]
Count = Annotated[int, BeforeValidator(parse_count), Kind("count")]
PersonName = Annotated[str, BeforeValidator(parse_name), Kind("name")]
Year = Annotated[int, BeforeValidator(parse_year), Kind("year")]
LongText = Annotated[str, Kind("long_text")]
