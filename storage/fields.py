"""Field types shared by the registers: 身份證號, phones, loose dates, money, choices.

Each type parses what people actually type (full-width digits, 2026年11月26日, +86 …)
into one canonical form, and refuses the rest with a coded error that
:mod:`storage.messages` words in the user's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, DecimalException
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


class Aliases:
    """Other words for a field, beyond its labels: the headers rosters give it (written
    traditional; an import folds simplified to them)."""

    __slots__ = ("words",)

    def __init__(self, *words: str) -> None:
        self.words = words


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


# -- free text: the one policy for every text a record holds --------------------------

#: The most characters a one-line field (a name, an address, a topic) and a multi-line
#: field (minutes, a note, a regulation's full text) may hold. The same bounds apply
#: however a value arrives: typed, --set, imported, merged from a bundle, migrated.
SHORT_TEXT_MAX = 1_000
LONG_TEXT_MAX = 50_000


def check_text(value: str, *, multiline: bool) -> str:
    """A text as it may be stored: no control characters (tabs and line breaks only in a
    multi-line field, line breaks made \\n), no bidirectional overrides, not too long."""
    from storage.text import UNSAFE, escaped, has_unsafe

    if multiline and "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if has_unsafe(value, lines=multiline):
        found = next(m for m in UNSAFE.finditer(value) if not (multiline and m.group() in "\t\n"))
        raise _error("control_character", char=escaped(found.group()), position=found.start() + 1)
    limit = LONG_TEXT_MAX if multiline else SHORT_TEXT_MAX
    if len(value) > limit:
        raise _error("too_long", max_length=limit)
    return value


# -- 身份證號 (GB 11643) ------------------------------------------------------------------

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

#: The province-level codes of GB/T 2260 that open a 身份證號 (its first two digits), and
#: 71 (臺灣), 81 (香港), 82 (澳門), 83 (the residence permits of Taiwan residents). The full
#: six-digit code is not checked: counties are renamed and merged, and a number keeps the
#: code of the year it was issued.
ID_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)

#: A birth date inside a 身份證號 before this year is taken for a typing mistake. It is
#: earlier than the bound on a typed birth date (:data:`BORN_FROM`): the check character
#: guards the digits, and a number issued to someone born in the 1880s is on old records.
ID_BORN_FROM = 1880

_ASCII_DIGITS = re.compile(r"[0-9]+")


def id_check_character(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def _birth_in(number: str, start: int, century: str = "") -> date:
    text = century + number[start:start + (6 if century else 8)]
    try:
        born = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise _error("id_number_birth", birth=text) from None
    if born > clock.today() or born.year < ID_BORN_FROM:
        raise _error("id_number_birth", birth=born.isoformat())
    return born


def _only_digits(text: str) -> None:
    """Digits of other scripts (Arabic-Indic ٣, superscript ³) are not a 身份證號's digits,
    though Python's isdigit() says they are."""
    for ch in text:
        if not ("0" <= ch <= "9" or ch == "X") and (ch.isdigit() or ch.isnumeric()):
            raise _error("id_number_digit", char=ch)


def _province(number: str) -> None:
    if number[:2] not in ID_PROVINCES:
        raise _error("id_number_area", prefix=number[:2])


def parse_id_number(value: Any) -> str:
    """An 18-character 身份證號: upper-case X, 15-digit numbers upgraded."""
    text = halfwidth(str(value)).strip().replace(" ", "").upper()
    _only_digits(text)
    if len(text) == 15 and _ASCII_DIGITS.fullmatch(text):
        _province(text)
        _birth_in(text, 6, century="19")
        body = text[:6] + "19" + text[6:]
        return body + id_check_character(body)
    if len(text) != 18 or not _ASCII_DIGITS.fullmatch(text[:17]) or text[17] not in "0123456789X":
        raise _error("id_number_format", length=len(text))
    _province(text)
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
_SEPARATORS = re.compile(r"[\s\-()（）.]")


def _domestic(text: str) -> str:
    """The number as dialled inside China: the country code 86 (+86, 0086, or 86 before a
    number that cannot be domestic) taken off, and the trunk 0 put before an area code
    written the international way (+86 10 6552 9988 → 01065529988)."""
    for prefix in ("+86", "0086", "86"):
        if text.startswith(prefix):
            rest = text[len(prefix):]
            break
    else:
        return text
    if not rest or rest.startswith("0") or _MOBILE.fullmatch(rest):
        return rest
    return "0" + rest


def parse_phone(value: Any) -> str:
    """A mobile (13812345678) or a landline with its area code (0874-5123456, 010-65529988),
    however it is written: spaces, dashes, brackets, full-width digits, +86 / 0086 / 86."""
    from storage.phone_areas import AREA_CODES

    text = _SEPARATORS.sub("", halfwidth(str(value)))
    text = _domestic(text)
    if _MOBILE.fullmatch(text):
        return text
    if _LANDLINE.fullmatch(text):
        area, local = (text[:3], text[3:]) if text[1] in "12" else (text[:4], text[4:])
        if area[1:] not in AREA_CODES:
            raise _error("phone_area", value=str(value), area=area)
        lengths = (8,) if len(area) == 3 else (7, 8)
        if len(local) in lengths and local[0] not in "01":
            return f"{area}-{local}"
        if len(local) in (7, 8):
            digits = Text("8", "8", "8") if len(area) == 3 else Text("7 或 8", "7 或 8", "7 or 8")
            raise _error("phone_local", value=str(value), area=area, digits=digits)
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


#: The earliest birth date a record takes (members, applicants, models of getting rich,
#: reserve cadres): an earlier one is a slip (1800 for 1980) — unless the record's
#: 身份證號 carries that very date (its check character guards the digits; an old record
#: may hold someone born in the 1880s). See :func:`check_birth`.
BORN_FROM = date(1900, 1, 1)


def _born_too_early(born: date) -> PydanticCustomError:
    return _error("birth_date_range", value=born.isoformat(), first=BORN_FROM.isoformat())


def parse_birth_date(value: Any) -> date:
    """A birth date: a date (as :func:`parse_loose_date` reads it), not after today and
    not before the earliest a 身份證號 may carry; :func:`check_birth` does the rest."""
    try:
        born = parse_loose_date(value)
    except PydanticCustomError as error:
        if error.type == "date_range":  # a year no one alive was born in: say the birth bound
            raise _error("birth_date_range", value=str(value), first=BORN_FROM.isoformat()) from None
        raise
    if born.year < ID_BORN_FROM:
        raise _born_too_early(born)
    if born > clock.today():
        raise _error("date_future", value=born.isoformat())
    return born


def check_birth(record: Any) -> None:
    """A record's birth date from 1900 to today, or earlier as its 身份證號 gives it."""
    born = getattr(record, "birth_date", None)
    if born is None or born >= BORN_FROM:
        return
    number = getattr(record, "id_number", None)
    if not (number and id_birth_date(number) == born):
        raise PydanticCustomError("birth_date_range", "birth_date_range",
                                  {"field": "birth_date", "value": born.isoformat(), "first": BORN_FROM.isoformat()})


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
        raise _error("money_limit", value=str(value), limit=f"{limit:,}")
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) + 0  # + 0: -0 and 1e-400 are 0.00, not -0.00


def parse_dues_money(value: Any) -> Decimal:
    return parse_money(value, DUES_LIMIT)


def parse_money_between(value: Any, low: Decimal, high: Decimal) -> Decimal:
    """An amount (as :func:`parse_money` reads it) between ``low`` and ``high``, included."""
    try:
        amount = parse_money(value)
    except PydanticCustomError as error:
        if error.type != "money_limit":
            raise
        amount = Decimal("Infinity")  # past any amount at all: refused as out of this range
    if not low <= amount <= high:
        raise _error("money_range", value=str(value), low=f"{low:,}", high=f"{high:,}")
    return amount


def money_between(low: Decimal, high: Decimal) -> BeforeValidator:
    """The validator of an amount between ``low`` and ``high`` yuan: a field declares
    ``Annotated[Decimal, money_between(low, high), Kind("money")]``."""
    return BeforeValidator(lambda value: parse_money_between(value, low, high))


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

    registry: dict[str, Choices] = {}

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

    def validator(self) -> BeforeValidator:
        """What a field of these choices validates with. A register declares the field's type
        as ``Annotated[str, X.validator(), X]`` (kinds.py finds ``X`` in the metadata): spelt
        out, not returned by a call, because a type checker reads no type a call returns."""
        return BeforeValidator(self.parse)


# -- the annotated types the registers use ---------------------------------------------

IdNumber = Annotated[str, BeforeValidator(parse_id_number), Kind("id_number")]
Phone = Annotated[str, BeforeValidator(parse_phone), Kind("phone")]
LooseDate = Annotated[date, BeforeValidator(parse_loose_date), Kind("date")]
BirthDate = Annotated[date, BeforeValidator(parse_birth_date), Kind("date")]
YearMonth = Annotated[str, BeforeValidator(parse_year_month), Kind("month")]
Money = Annotated[Decimal, BeforeValidator(parse_money), Kind("money")]
DuesMoney = Annotated[Decimal, BeforeValidator(parse_dues_money), Kind("money")]
Count = Annotated[int, BeforeValidator(parse_count), Kind("count")]
PersonName = Annotated[str, BeforeValidator(parse_name), Kind("name")]
Year = Annotated[int, BeforeValidator(parse_year), Kind("year")]
LongText = Annotated[str, Kind("long_text")]
