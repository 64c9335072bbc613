"""What went wrong, in the user's language: validation problems and store refusals.

A message names the field by its label, says what is wrong and what is expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storage.i18n import EN, HANT, Text
from storage.text import visible

T = Text

FIELD_ERRORS: dict[str, Text] = {
    "missing": T("必須填寫。", "必须填写。", "is required."),
    "id_number_format": T(
        "應為 18 位(17 位數字加一位數字或 X),或舊的 15 位數字;現在是 {length} 位。",
        "应为 18 位(17 位数字加一位数字或 X),或旧的 15 位数字;现在是 {length} 位。",
        "must be 18 characters (17 digits and a digit or X), or an old 15-digit number; "
        "it has {length}.",
    ),
    "id_number_checksum": T(
        "校驗位不對:最後一位是 {got},按前 17 位應為 {expected}。請核對號碼。",
        "校验位不对:最后一位是 {got},按前 17 位应为 {expected}。请核对号码。",
        "has a wrong check character: it ends in {got}, the first 17 digits call for "
        "{expected}. Please check the number.",
    ),
    "id_number_birth": T(
        "其中的出生日期 {birth} 不是真實的過去日期。請核對第 7 至 14 位。",
        "其中的出生日期 {birth} 不是真实的过去日期。请核对第 7 至 14 位。",
        "holds a birth date, {birth}, that is not a real past date. Check digits 7 to 14.",
    ),
    "id_number_digit": T(
        "含有「{char}」:身份證號只能用數字 0 到 9(全角、半角均可)和最後一位的 X。",
        "含有「{char}」:身份证号只能用数字 0 到 9(全角、半角均可)和最后一位的 X。",
        "holds '{char}': an ID number is written with the digits 0 to 9 (full-width or not) "
        "and a final X only.",
    ),
    "id_number_area": T(
        "前兩位 {prefix} 不是省級行政區劃代碼(GB/T 2260:11 北京 … 65 新疆,71 臺灣,81 香港,82 澳門,83 臺灣居民居住證)。請核對第 1、2 位。",
        "前两位 {prefix} 不是省级行政区划代码(GB/T 2260:11 北京 … 65 新疆,71 台湾,81 香港,82 澳门,83 台湾居民居住证)。请核对第 1、2 位。",
        "begins with {prefix}, which is no province's code (GB/T 2260: 11 Beijing … 65 Xinjiang; "
        "71 Taiwan, 81 Hong Kong, 82 Macao, 83 Taiwan residents' permits). Check the first two digits.",
    ),
    "id_number_contradiction": T(
        "與身份證號不符:身份證號表明{field_label}為 {expected},填的是 {got}。",
        "与身份证号不符:身份证号表明{field_label}为 {expected},填的是 {got}。",
        "contradicts the ID number: it says {expected}, the form says {got}.",
    ),
    "phone_format": T(
        "「{value}」不是電話號碼。應為 11 位手機號(如 13812345678)或帶區號的座機(如 0874-5123456)。",
        "「{value}」不是电话号码。应为 11 位手机号(如 13812345678)或带区号的座机(如 0874-5123456)。",
        "'{value}' is not a phone number: expected an 11-digit mobile (13812345678) or a "
        "landline with its area code (0874-5123456).",
    ),
    "phone_area": T(
        "「{value}」的區號 {area} 不存在。請核對區號(如 北京 010、昆明 0871、曲靖 0874)。",
        "「{value}」的区号 {area} 不存在。请核对区号(如 北京 010、昆明 0871、曲靖 0874)。",
        "'{value}': there is no area code {area}. Check it (Beijing 010, Kunming 0871, Qujing 0874).",
    ),
    "phone_local": T(
        "「{value}」:區號 {area} 後的號碼應為 {digits} 位,且不以 0 或 1 開頭。",
        "「{value}」:区号 {area} 后的号码应为 {digits} 位,且不以 0 或 1 开头。",
        "'{value}': the number after the area code {area} has {digits} digits and does not "
        "begin with 0 or 1.",
    ),
    "date_format": T(
        "「{value}」不是日期。可寫作 2026-11-26、2026/11/26、20261126 或 2026年11月26日。",
        "「{value}」不是日期。可写作 2026-11-26、2026/11/26、20261126 或 2026年11月26日。",
        "'{value}' is not a date: write 2026-11-26, 2026/11/26 or 20261126.",
    ),
    "date_invalid": T(
        "「{value}」這一天不存在,請核對月和日。",
        "「{value}」这一天不存在,请核对月和日。",
        "'{value}' is not a day of the calendar: check the month and the day.",
    ),
    "date_range": T(
        "「{value}」的年份應在 {first} 到 {last} 之間。",
        "「{value}」的年份应在 {first} 到 {last} 之间。",
        "'{value}': the year must be between {first} and {last}.",
    ),
    "date_future": T(
        "「{value}」在今天之後,這裡應是已經過去的日期。",
        "「{value}」在今天之后,这里应是已经过去的日期。",
        "'{value}' is after today: a past date is expected here.",
    ),
    "birth_date_range": T(
        "「{value}」不在 {first} 到今天之間,請核對年份(更早的出生日期須與身份證號一致)。",
        "「{value}」不在 {first} 到今天之间,请核对年份(更早的出生日期须与身份证号一致)。",
        "'{value}' is not between {first} and today: check the year (an earlier one must agree "
        "with the ID number).",
    ),
    "date_order": T(
        "不能早於{other_label}({other})。",
        "不能早于{other_label}({other})。",
        "cannot be before {other_label} ({other}).",
    ),
    "month_format": T(
        "「{value}」不是年月。可寫作 2026-11、2026/11、202611 或 2026年11月。",
        "「{value}」不是年月。可写作 2026-11、2026/11、202611 或 2026年11月。",
        "'{value}' is not a month: write 2026-11, 2026/11, 202611 or 2026年11月.",
    ),
    "month_invalid": T(
        "「{value}」的月份應在 1 到 12 之間,年份在 {first} 到 {last} 之間。",
        "「{value}」的月份应在 1 到 12 之间,年份在 {first} 到 {last} 之间。",
        "'{value}': the month must be between 1 and 12, the year between {first} and {last}.",
    ),
    "money_format": T(
        "「{value}」不是金額。請寫數字,如 0.5 或 12.00(單位:元)。",
        "「{value}」不是金额。请写数字,如 0.5 或 12.00(单位:元)。",
        "'{value}' is not an amount: write a number such as 0.5 or 12.00 (yuan).",
    ),
    "money_limit": T(
        "「{value}」超出合理範圍:金額最多 {limit} 元。請核對位數。",
        "「{value}」超出合理范围:金额最多 {limit} 元。请核对位数。",
        "'{value}' is beyond any sensible amount: at most {limit} yuan. Check the digits.",
    ),
    "money_negative": T(
        "金額不能為負;更正請另記一筆沖銷。",
        "金额不能为负;更正请另记一笔冲销。",
        "cannot be negative here; record a reversing entry to correct a payment.",
    ),
    "money_range": T(
        "「{value}」不在 {low} 到 {high} 元之間。",
        "「{value}」不在 {low} 到 {high} 元之间。",
        "'{value}' is not between {low} and {high} yuan.",
    ),
    "count_format": T(
        "「{value}」不是人數或個數,請寫 0 或正整數。",
        "「{value}」不是人数或个数,请写 0 或正整数。",
        "'{value}' is not a count: write 0 or a whole number.",
    ),
    "count_range": T(
        "「{value}」太大了:最多 {limit}。請核對位數。",
        "「{value}」太大了:最多 {limit}。请核对位数。",
        "'{value}' is too large: at most {limit}. Check the digits.",
    ),
    "name_format": T(
        "「{value}」不是姓名。可含漢字(包括生僻字)和少數民族姓名的間隔號「·」,不含數字。",
        "「{value}」不是姓名。可含汉字(包括生僻字)和少数民族姓名的间隔号「·」,不含数字。",
        "'{value}' is not a name: letters or characters, with the middle dot '·' of "
        "minority names, and no digits.",
    ),
    "choice": T(
        "「{value}」不在可選項中。可選:{options}。",
        "「{value}」不在可选项中。可选:{options}。",
        "'{value}' is not one of the choices: {options}.",
    ),
    "reference_missing": T(
        "找不到「{value}」({register})。請先登記它,或用 taizhang find 查出正確的名稱。",
        "找不到「{value}」({register})。请先登记它,或用 taizhang find 查出正确的名称。",
        "no record '{value}' in {register}. Add it first, or look it up with taizhang find.",
    ),
    "reference_ambiguous": T(
        "「{value}」在{register}中有 {count} 條:{candidates}。請寫得更具體,或用編號。",
        "「{value}」在{register}中有 {count} 条:{candidates}。请写得更具体,或用编号。",
        "'{value}' matches {count} records of {register}: {candidates}. Be more specific, "
        "or give the id.",
    ),
    "unknown_field": T(
        "沒有這個欄目。可用:{fields}。",
        "没有这个栏目。可用:{fields}。",
        "is not a field of this register. Fields: {fields}.",
    ),
    "control_character": T(
        "含有看不見的控制字符 {char}(第 {position} 個字),不能保存。請刪去它再試;從別處複製來的文字常帶有這種字符。",
        "含有看不见的控制字符 {char}(第 {position} 个字),不能保存。请删去它再试;从别处复制来的文字常带有这种字符。",
        "holds an invisible control character, {char} (character {position}), and cannot be saved. "
        "Delete it and try again; text copied from elsewhere often carries one.",
    ),
    "too_long": T(
        "太長了:最多 {max_length} 個字。",
        "太长了:最多 {max_length} 个字。",
        "is too long: at most {max_length} characters.",
    ),
    "too_young": T(
        "按出生日期 {birth},{on} 時未滿 18 周歲。",
        "按出生日期 {birth},{on} 时未满 18 周岁。",
        "was under 18 on {on} (born {birth}).",
    ),
    "duplicate": T(
        "與已有的記錄「{name}」(編號 {id})重複,同一人不能登記兩次。",
        "与已有的记录「{name}」(编号 {id})重复,同一人不能登记两次。",
        "is the same as that of '{name}' (id {id}): a person cannot be entered twice.",
    ),
    "invalid": T("填寫有誤:{detail}", "填写有误:{detail}", "is not valid: {detail}"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field."""

    field: str
    code: str
    params: dict[str, Any]

    def message(self, lang: str = HANT, label: str | None = None) -> str:
        from storage import catalogue  # the labels of choices and registers

        params = dict(self.params)
        if self.code == "choice" and "choices" in params:
            choices = catalogue.choices(params["choices"])
            params["options"] = "、".join(choices.labels(lang)) if choices else ""
        if "register" in params:
            params["register"] = catalogue.register_title(params["register"], lang)
        for key, value in params.items():  # labels and choice values travel as Text
            if isinstance(value, Text):
                params[key] = value(lang)
            elif isinstance(value, str):  # what was typed, echoed back: never a raw escape
                params[key] = visible(value, lines=False)
        if self.code == "unknown_field" and "fields" in params and lang == "en":
            params["fields"] = params["fields"].replace("、", ", ")
        template = FIELD_ERRORS.get(self.code)
        if template is None:
            template = FIELD_ERRORS["invalid"]
            params.setdefault("detail", self.params.get("detail", self.code))
        try:
            text = template(lang, **params)
        except (KeyError, IndexError):  # a template asking for a param the error lacks
            text = template(lang)
        name = label if label is not None else self.field
        sep = "" if lang != "en" else " "
        colon = ":" if lang != "en" else ""
        return f"{name}{colon}{sep}{text}" if name else text


def worded(code: str, params: dict[str, Any], lang: str = HANT) -> str:
    """A parser's coded refusal met outside a record (an option of a command): its words,
    without a field's label. The value it quotes names what was wrong."""
    detail = params.get("detail")
    if code == "invalid" and isinstance(detail, Text):
        return detail(lang)
    return Problem("", code, dict(params)).message(lang)


class ValidationFailed(Exception):
    """A record was refused; each problem names its field."""

    def __init__(self, register: str, problems: list[Problem]) -> None:
        super().__init__(f"{register}: " + "; ".join(f"{p.field}: {p.code}" for p in problems))
        self.register = register
        self.problems = problems

    def messages(self, lang: str = HANT) -> list[str]:
        from storage import catalogue

        reg = catalogue.get(self.register)
        return [p.message(lang, reg.label(p.field, lang) if reg else p.field) for p in self.problems]


class StoreError(Exception):
    """A refusal of the store (locked, too new, torn file …), with a message for people."""

    def __init__(self, text: Text, **params: Any) -> None:
        self.text = text
        self.params = params
        super().__init__(self.message(HANT) if params else text.hant)

    def message(self, lang: str = HANT) -> str:
        return Notice(self.text, **self.params).message(lang)  # a reason inside is said in lang too


def listed(items: Any, lang: str) -> str:
    """Names in a message, joined as the language writes a list: 甲、乙 or a, b."""
    return (", " if lang == EN else "、").join(str(item) for item in items)


class Notice:
    """Something the user should hear that is not a refusal: a damaged piece set aside, a
    file rebuilt, what an interrupted write left and was dropped. Its params may be
    texts or notices themselves (a reason inside a message), said in the same language."""

    def __init__(self, text: Text, **params: Any) -> None:
        self.text = text
        self.params = params

    def message(self, lang: str = HANT) -> str:
        said = {k: v.message(lang) if isinstance(v, Notice) else v(lang) if isinstance(v, Text)
                else visible(v) if isinstance(v, str)  # a path or a name: never a raw escape
                else visible(listed(v, lang)) if isinstance(v, (list, tuple)) else v
                for k, v in self.params.items()}
        return self.text(lang, **said)

    def __repr__(self) -> str:
        return f"Notice({self.message()!r})"
