"""Search that fits how people type, and the compact index that makes it instant.

When a record is saved, its names and text fields get search keys: the text in
simplified characters, its full pinyin and its pinyin initials (張桂英 → 张桂英,
zhangguiying, zgy), with polyphonic surnames read as surnames (單 shan, 曾 zeng, 解 xie).
The keys go into ``index.tsv``, one line per record version, beside what a result
shows. ``taizhang find`` reads that one file and nothing else: no register files, no
pydantic models, no pinyin dictionary. Traditional characters in a query are folded
to simplified with OpenCC's character table, read as plain text.

index.tsv::

    #taizhang-index 1
    #reg <TAB> slug <TAB> title zh-Hant <TAB> zh-Hans <TAB> en        (one per register)
    name keys||other keys <TAB> id <TAB> register <TAB> branch id <TAB> name <TAB> detail <TAB> seq
    …
    #base
    (lines appended since the last rebuild; a later line for an id replaces earlier ones;
     a line whose register is "-" marks a deleted record)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from storage.files import append_durably, write_atomic

INDEX_FILE = "index.tsv"
HEADER = "#taizhang-index 1"
BASE_END = "#base"
KEY_SEP = "|"

# Surnames read otherwise than the character's most common reading.
SURNAMES = {
    "單": "shan", "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "樸": "piao",
    "朴": "piao", "區": "ou", "区": "ou", "查": "zha", "蓋": "ge", "盖": "ge", "繆": "miao",
    "缪": "miao", "翟": "zhai", "覃": "qin", "秘": "bi", "召": "shao", "黑": "he",
    "員": "yun", "员": "yun", "種": "chong", "种": "chong", "任": "ren", "沈": "shen",
    "樂": "yue", "乐": "yue", "長": "chang", "长": "chang", "萬": "wan", "万": "wan",
    "尉": "yu", "華": "hua", "华": "hua", "燕": "yan", "宓": "fu", "冼": "xian",
    "瞿": "qu", "盛": "sheng", "折": "she", "紀": "ji", "纪": "ji", "柏": "bai",
    "藏": "zang", "賁": "ben", "贲": "ben", "句": "gou", "殷": "yin", "隗": "wei",
    "適": "kuo", "适": "kuo", "莘": "shen", "鮮": "xian", "鲜": "xian",
}
COMPOUND_SURNAMES = {
    "尉遲": ("yu", "chi"), "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "長孫": ("zhang", "sun"),
    "长孙": ("zhang", "sun"), "澹臺": ("tan", "tai"), "澹台": ("tan", "tai"),
    "單于": ("chan", "yu"), "单于": ("chan", "yu"),
}

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


@lru_cache(maxsize=None)
def _reading(char: str) -> str:
    from pypinyin import Style, lazy_pinyin

    found = lazy_pinyin(char, style=Style.NORMAL, errors=lambda chars: list(chars))
    return found[0].lower() if found else char


def syllables(text: str, *, name: bool = False) -> list[str]:
    """The pinyin of each character (no tones); a name's surname read as a surname.

    Character by character, each reading looked up once per process: a save costs a few
    microseconds, not pypinyin's phrase segmentation (~50 µs a value), which matters when
    a merge indexes 40,000 records at once. The price: a polyphonic character inside a
    word takes its commonest reading (銀行 is keyed yinxing, not yinhang).
    """
    clean = _DROP.sub("", text)
    head: list[str] = []
    if name:
        for compound, readings in COMPOUND_SURNAMES.items():
            if clean.startswith(compound):
                head, clean = list(readings), clean[len(compound):]
                break
        else:
            if clean[:1] in SURNAMES:
                head, clean = [SURNAMES[clean[0]]], clean[1:]
    return head + [_reading(ch) for ch in clean]


@lru_cache(maxsize=65536)  # names repeat: a village has many 張 and many 桂英
def text_keys(text: str, *, name: bool = False) -> tuple[str, ...]:
    """Search keys of one value: simplified text, and for Chinese, full pinyin and initials."""
    text = str(text).strip()
    if not text:
        return ()
    keys = [simplify(text)]
    if _CJK.search(text):
        parts = syllables(text, name=name)
        keys.append("".join(parts))
        keys.append("".join(p[0] for p in parts if p))
    return tuple(k for k in keys if k)


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


def _cell(value: Any) -> str:
    return str(value).replace("\t", " ").replace("\n", " ")


def index_line(
    *, keys: str, record_id: str, register: str, branch: str | None, name: str, detail: str, seq: int
) -> str:
    return "\t".join(
        (keys, record_id, register, branch or "", _cell(name), _cell(detail), str(seq))
    ) + "\n"


def deleted_line(record_id: str, seq: int) -> str:
    return "\t".join(("", record_id, "-", "", "", "", str(seq))) + "\n"


# -- the file ---------------------------------------------------------------------------


def write_base(
    home: Path, titles: Mapping[str, tuple[str, str, str]], lines: Iterable[str], seq: int = 0
) -> None:
    """Rewrite index.tsv from scratch (atomically): the registers' titles, then one line
    per live record, the branches' first (a look-up reads them to name each result's
    branch, and stops reading the head where they end)."""
    head = [HEADER + "\n", seq_marker(seq)]
    head += ["#reg\t" + "\t".join((slug, *t)) + "\n" for slug, t in titles.items()]
    body = "".join(head) + "".join(lines) + BASE_END + "\n"
    write_atomic(home / INDEX_FILE, body.encode())


def seq_marker(seq: int) -> str:
    """A line saying the index has caught up with the journal up to ``seq`` (changes that
    add no line, such as payments, still move it on)."""
    return f"#seq\t{seq}\n"


def append(home: Path, lines: list[str]) -> None:
    # Not fsynced: the journal is the durable record; a stale index is rebuilt from it.
    if lines:
        append_durably(home / INDEX_FILE, "".join(lines).encode(), sync=False)


def last_seq(home: Path) -> int:
    """The journal sequence the index has caught up with (-1 if there is no index)."""
    path = home / INDEX_FILE
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return -1
    with open(path, "rb") as f:
        f.seek(max(0, size - 65536))
        tail = f.read().decode("utf-8", "replace").splitlines()
    best = 0
    for line in tail:
        if line.startswith("#seq\t"):
            number = line[5:]
        elif line.startswith("#") or "\t" not in line:
            continue
        else:
            number = line.rsplit("\t", 1)[1]
        try:
            best = max(best, int(number))
        except ValueError:
            continue
    return best


def tail_bytes(home: Path) -> tuple[int, int]:
    """Bytes of the base and of the lines appended since it was written."""
    path = home / INDEX_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return 0, 0
    cut = data.find(b"\n" + BASE_END.encode() + b"\n")
    return (len(data), 0) if cut < 0 else (cut, len(data) - cut)


def compact(home: Path) -> None:
    """Fold the appended lines into the base: the latest line of each record wins, deleted
    records go. Text only, so no pinyin is computed again."""
    titles, live = _parse(home)
    seq = last_seq(home)
    ordered = sorted(live.values(), key=lambda parts: parts[2] != "branches")
    write_base(home, titles, ("\t".join(parts) + "\n" for parts in ordered), seq)


# -- the look-up, which must stay cheap -------------------------------------------------


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Traditional → simplified for single characters, from OpenCC's own table file.

    Read as text so a look-up never imports OpenCC's converter or its phrase tables.
    """
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    table: dict[int, str] = {}
    if spec is None or not spec.submodule_search_locations:
        return table
    path = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "TSCharacters.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return table
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            table[ord(parts[0])] = parts[1].split(" ")[0]
    return table


def normalise_query(query: str) -> str:
    text = query.strip().lower()
    if not text.isascii():
        text = text.translate(_fold_table())
        # Full-width letters and digits typed by a Chinese input method.
        text = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in text)
    return _DROP.sub("", text)


class Hit(dict):  # a dict so --json prints it as it is
    pass


def _parse(home: Path) -> tuple[dict[str, tuple[str, str, str]], dict[str, list[str]]]:
    try:
        text = (home / INDEX_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, {}
    titles: dict[str, tuple[str, str, str]] = {}
    live: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("#reg\t"):
                parts = line.split("\t")
                titles[parts[1]] = (parts[2], parts[3], parts[4])
            continue
        parts = line.split("\t")
        if len(parts) < 7:
            continue  # a line cut off by a crash
        if parts[2] == "-":
            live.pop(parts[1], None)
        else:
            live[parts[1]] = parts
    return titles, live


def _lines_containing(data: bytes, needle: bytes) -> list[bytes]:
    """The lines of ``data`` whose keys (the text before the first tab) contain ``needle``.

    Works on the raw bytes: UTF-8 lets a substring be found without decoding, and
    ``bytes.find`` runs at memory speed, so 100,000 records cost a few milliseconds.
    """
    found: list[bytes] = []
    pos = data.find(needle)
    while pos >= 0:
        start = data.rfind(b"\n", 0, pos) + 1
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end
        tab = data.find(b"\t", start, end)
        if tab > pos and data[start:start + 1] != b"#":
            found.append(data[start:end])
        pos = data.find(needle, end)
    return found


def find(home: Path, query: str, *, register: str | None = None, limit: int = 20) -> list[Hit]:
    """Records whose keys contain the query, best first.

    Ranked: the name itself, then a name that starts with the query, then the rest;
    within each, members before other registers, then by pinyin as a phone book is.
    """
    q = normalise_query(query)
    if not q:
        return []
    try:
        data = (home / INDEX_FILE).read_bytes()
    except FileNotFoundError:
        return []
    marker = b"\n" + BASE_END.encode() + b"\n"
    cut = data.find(marker)
    base, tail = (data[:cut + 1], data[cut + len(marker):]) if cut >= 0 else (data, b"")

    newer: dict[str, list[str]] = {}
    for raw in tail.decode("utf-8", "replace").splitlines():
        parts = raw.split("\t")
        if len(parts) >= 7:
            newer[parts[1]] = parts

    candidates: list[list[str]] = []
    for raw in _lines_containing(base, q.encode()):
        parts = raw.decode("utf-8", "replace").split("\t")
        if len(parts) >= 7 and parts[1] not in newer:
            candidates.append(parts)
    candidates += [p for p in newer.values() if p[2] != "-" and q in p[0]]
    if register:
        candidates = [p for p in candidates if p[2] == register]

    # The head of the file: the registers' titles, then the branches (see write_base).
    titles: dict[str, tuple[str, str, str]] = {}
    branches: dict[str, str] = {}
    at = 0
    while at < len(base):
        end = base.find(b"\n", at)
        end = len(base) if end < 0 else end
        line = base[at:end].decode("utf-8", "replace")
        if line.startswith("#reg\t"):
            parts = line.split("\t")
            titles[parts[1]] = (parts[2], parts[3], parts[4])
        elif not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) < 7 or parts[2] != "branches":
                break
            branches[parts[1]] = parts[4]
        at = end + 1
    for parts in newer.values():
        if parts[2] == "branches":
            branches[parts[1]] = parts[4]
        elif parts[2] == "-":
            branches.pop(parts[1], None)

    order = {slug: i for i, slug in enumerate(titles)}

    def rank(parts: list[str]) -> tuple[int, int, str]:
        own = name_keys(parts[0])
        closeness = 0 if q in own else 1 if any(k.startswith(q) for k in own) else 2
        return (closeness, order.get(parts[2], 99), phone_book_key(own))

    candidates.sort(key=rank)
    return [
        Hit(
            id=parts[1],
            register=parts[2],
            titles=list(titles.get(parts[2], (parts[2],) * 3)),
            branch=branches.get(parts[3], ""),
            name=parts[4],
            detail=parts[5],
        )
        for parts in (candidates[:limit] if limit > 0 else candidates)
    ]


def resolve_prefix(home: Path, prefix: str) -> list[tuple[str, str]]:
    """(id, register) of every live record whose id starts with ``prefix``."""
    _, live = _parse(home)
    return [(rid, parts[2]) for rid, parts in live.items() if rid.startswith(prefix)]

