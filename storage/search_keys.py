"""Search keys that fit how people type: the keys a save computes, the query a look-up folds.

When a record is saved, its names and text fields get search keys: the text in
simplified characters, its full pinyin and its pinyin initials (張桂英 → 张桂英,
zhangguiying, zgy), with polyphonic surnames read as surnames (單 shan, 曾 zeng, 解 xie).
:mod:`storage.index` keeps them in ``index.tsv``. Traditional characters in a query are
folded to simplified with OpenCC's character table, read as plain text, so a look-up
imports no pinyin dictionary and no OpenCC converter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

KEY_SEP = "|"

#: Surnames read otherwise than the character's commonest reading, as the 現代漢語詞典 gives
#: them: the first is the reading a phone book sorts by; a second where the dictionary
#: gives two (宓 mì, fú). Keyed by the simplified form (a traditional name is looked up
#: folded: 萬俟 → 万俟, 祕 → 秘), except where the traditional form reads otherwise (適 shì,
#: though 适 is kuò). The everyday reading is keyed too (see :func:`name_readings`).
SURNAMES: dict[str, tuple[str, ...]] = {
    "单": ("shan",), "曾": ("zeng",), "解": ("xie",), "仇": ("qiu",), "朴": ("piao",),
    "区": ("ou",), "查": ("zha",), "盖": ("ge",), "缪": ("miao",), "翟": ("zhai",),
    "覃": ("qin", "tan"), "秘": ("bi",), "召": ("shao",), "黑": ("hei",), "员": ("yun",),
    "种": ("chong",), "任": ("ren",), "沈": ("shen",), "乐": ("yue", "le"), "长": ("chang",),
    "万": ("wan",), "尉": ("wei",), "华": ("hua",), "燕": ("yan",), "宓": ("mi", "fu"),
    "冼": ("xian",), "瞿": ("qu",), "盛": ("sheng",), "折": ("she",), "纪": ("ji",),
    "柏": ("bai",), "藏": ("zang",), "贲": ("ben",), "句": ("gou",), "殷": ("yin",),
    "隗": ("wei", "kui"), "适": ("kuo",), "適": ("shi",), "莘": ("shen",), "鲜": ("xian",),
    "繁": ("po",), "能": ("nai",), "洗": ("xian",), "乜": ("nie",), "粘": ("nian",),
    "祭": ("zhai",), "角": ("jue",), "重": ("chong",), "都": ("du",), "番": ("pan",),
    "乾": ("qian",),
}
COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"), "单于": ("chan", "yu"),
}

#: The most full-pinyin keys one person's name gets (each with its initials): the
#: surname's reading with the given name's commonest readings, the surname's other and
#: everyday readings, then one given-name character at a time read its other way. A
#: four-character name of polyphonic characters stays a handful of keys, not 2⁴.
NAME_READINGS_MAX = 6

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_DROP = re.compile(r"[\s·•・‧.\-—_|\t()()]+")


# -- keys, computed on save ------------------------------------------------------------


def simplify(text: str) -> str:
    """Traditional to simplified, lower-cased, separators dropped.

    Character by character, with OpenCC's character table: the same folding a query gets
    (:func:`normalise_query`), so a key and a query of the same text always meet.
    """
    text = text.lower()
    if not text.isascii():
        text = text.translate(_fold_table())
    return _DROP.sub("", text)


@cache
def _reading(char: str) -> str:
    from pypinyin import Style, lazy_pinyin

    found = lazy_pinyin(char, style=Style.NORMAL, errors="default")  # one character without a reading reads as itself
    return found[0].lower() if found else char


def _folded(text: str) -> str:
    return text.translate(_fold_table())


def _surname(clean: str) -> tuple[list[list[str]], str]:
    """The readings of a name's surname (its own first, then the everyday one) and the
    rest of the name; no readings when the surname reads as it usually does."""
    head = _folded(clean[:2])
    if head in COMPOUND_SURNAMES:
        own = list(COMPOUND_SURNAMES[head])
        return [own, [_reading(ch) for ch in clean[:2]]], clean[2:]
    first = clean[:1]
    readings = SURNAMES.get(first) or SURNAMES.get(_folded(first))
    if readings:
        return [[r] for r in readings] + [[_reading(first)]], clean[1:]
    return [], clean


@cache
def _other_readings(char: str) -> tuple[str, ...]:
    from storage.readings import OTHER_READINGS

    return OTHER_READINGS.get(char) or OTHER_READINGS.get(_folded(char), ())


def name_readings(text: str) -> list[list[str]]:
    """The ways a person's name is read, as syllables, the surname's own reading first:
    單雄信 → shan xiong xin, dan xiong xin; 長樂 → chang le, chang yue; 區志堅 → ou zhi jian,
    qu zhi jian. At most :data:`NAME_READINGS_MAX`."""
    clean = _DROP.sub("", text)
    surnames, given = _surname(clean)
    own = [_reading(ch) for ch in given]
    head = surnames[0] if surnames else []
    found = [head + own] + [other + own for other in surnames[1:]]
    for i, ch in enumerate(given):
        for other in _other_readings(ch):
            found.append(head + own[:i] + [other] + own[i + 1:])
    if len(found) == 1:
        return found
    unique: dict[str, list[str]] = {}
    for reading in found:
        unique.setdefault("".join(reading), reading)
    return list(unique.values())[:NAME_READINGS_MAX]


def syllables(text: str, *, name: bool = False) -> list[str]:
    """The pinyin of each character (no tones); a name's surname read as a surname.

    Character by character, each reading looked up once per process: a save costs a few
    microseconds, not pypinyin's phrase segmentation (~50 µs a value), which matters when
    a merge indexes 40,000 records at once. The price: a polyphonic character inside a
    word takes its commonest reading (銀行 is keyed yinxing, not yinhang).
    """
    if name:
        return name_readings(text)[0]
    return [_reading(ch) for ch in _DROP.sub("", text)]


@lru_cache(maxsize=65536)  # names repeat: a village has many 張 and many 桂英
def text_keys(text: str, *, name: bool = False) -> tuple[str, ...]:
    """Search keys of one value: simplified text, and for Chinese, full pinyin and initials
    (a person's name: of each way it is read, the surname's own reading first)."""
    text = str(text).strip()
    if not text:
        return ()
    keys = [simplify(text)]
    if _CJK.search(text):
        for parts in name_readings(text) if name else [syllables(text)]:
            keys.append("".join(parts))
            keys.append("".join(p[0] for p in parts if p))
    return tuple(dict.fromkeys(k for k in keys if k))


def record_keys(name: str, others: Iterable[str], *, person: bool) -> str:
    """All keys of a record as one field of index.tsv: the name's keys, ``||``, the rest.

    The name's keys come apart so that a result whose name matches ranks first.
    """
    def clean(keys: Iterable[str]) -> list[str]:
        # Keys hold no tab, newline or separator: text_keys drops them (see _DROP).
        return list(dict.fromkeys(k for k in keys if k))

    own = clean(text_keys(name, name=person))
    rest = [k for k in clean(k for v in others for k in text_keys(v)) if k not in own]
    return KEY_SEP.join(own) + KEY_SEP * 2 + KEY_SEP.join(rest)


def name_keys(keys: str) -> list[str]:
    """The keys of a record's name, from the keys field of its index line."""
    return keys.split(KEY_SEP * 2, 1)[0].split(KEY_SEP)


def phone_book_key(own: list[str]) -> str:
    """Where a name sorts in a phone book: its full pinyin (surnames read as surnames:
    曾 zeng, 單 shan), else its simplified text."""
    return own[1] if len(own) > 1 else own[0]

# -- the query, which must stay cheap --------------------------------------------------


#: Lines of OpenCC's TSCharacters.txt that list the character itself first, where a search
#: should still fold it onto the other form (祇 → 祇 只: 祇是 is 只是). Named one by one: the
#: same shape also holds characters that must stay apart (OpenCC 1.4.2: 沈 → 沈 沉).
_SELF_FIRST_FOLDS = "祇只 衹只 覆复 瞭了 藉借 彷仿 牴抵 阪坂"
#: Traditional → simplified pairs of OpenCC 1.4.2's TSCharacters.txt that the older tables
#: opencc-python-reimplemented ships lack or read otherwise (逕: 迳 there, 径 in 1.4.2).
_NEWER_FOLDS = "劄札 箚札 幷并 扞捍 拚拼 搧扇 舖铺 袷夹 谿溪 貍狸 遶绕 逕径 𰻞𰻝"


def _opencc_text(folder: Path, name: str) -> str:
    try:
        return (folder / name).read_text(encoding="utf-8")
    except OSError:
        return ""


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Every traditional form of a character → its simplified form, so that all the forms
    of one character meet on one key (只 隻 祇 衹, 复 復 複 覆, 卫 衛 衞, 着 著).

    Built from OpenCC's character tables, read as text so a look-up never imports OpenCC's
    converter or its phrase tables (a look-up of 張 pays for this table: a few ms):

    - TSCharacters (traditional → simplified): the first simplified form, or, for the few
      characters OpenCC lists first themselves (祇 → 祇 只, 覆 → 覆 复, 瞭 → 瞭 了), the other;
    - STCharacters (simplified → traditional): the traditional forms TSCharacters lacks;
    - the Taiwan and Hong Kong variants (著 → 着, 衞 → 衛): where their standard form goes,
      unless the variant is itself a simplified form (么, of 麼).

    A traditional character that is the form of two simplified ones (鍊: 炼 and 链) can
    meet only one of them: the one OpenCC gives first.
    """
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return {}
    folder = Path(list(spec.submodule_search_locations)[0]) / "dictionary"
    fold = {}
    for line in _opencc_text(folder, "TSCharacters.txt").splitlines():
        key, _, forms = line.partition("\t")
        if len(key) == 1 and forms:
            fold[key] = forms[0]
    for pair in (_SELF_FIRST_FOLDS + " " + _NEWER_FOLDS).split():
        fold[pair[0]] = pair[1]
    st = _opencc_text(folder, "STCharacters.txt")
    simplified = set(fold.values()) | set(re.findall(r"^(.)\t", st, re.M))
    for form in set(re.findall(r"[\t ](.)", st)) - simplified - fold.keys():
        at = st.find(form)
        while at >= 0:  # the simplified form on the line that lists it
            key = st[st.rfind("\n", 0, at) + 1]
            if key not in fold:  # not a line of a traditional form (擡 抬)
                fold[form] = key
                break
            at = st.find(form, at + 1)
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for line in _opencc_text(folder, name).splitlines():
            variant, _, forms = line.partition("\t")
            standard = forms[:1]
            # 么 is 麼's simplified form, not only a way of writing 幺
            if len(variant) == 1 and standard and variant not in simplified:
                fold.setdefault(variant, fold.get(standard, standard))
    for char in [c for c, target in fold.items() if target in fold]:
        target, seen = fold[char], {char}
        while target in fold and target not in seen:  # 衞 → 衛 → 卫
            seen.add(target)
            target = fold[target]
        fold[char] = target
    return {ord(char): target for char, target in fold.items() if target != char}


def normalise_query(query: str) -> str:
    text = query.strip().lower()
    if not text.isascii():
        text = text.translate(_fold_table())
        # Full-width letters and digits typed by a Chinese input method.
        text = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in text)
    return _DROP.sub("", text)
