"""What "one language" means to a test: a text shown in one language holds no words of
another, outside the user's own data (names, notes … whatever the records hold).

- English: no Chinese character and no Chinese punctuation (、,。「」…).
- 简体: nothing OpenCC's t2s would change.
- 繁體: nothing OpenCC's s2tw would change (s2tw, not s2t: the program writes the forms
  Taiwan writes, 台 and 裡, which s2t would turn into 臺 and 裏).
- Chinese of either script: no English word but those a user types as they are: option
  and command names, register and field slugs, metavars (FILE, YYYY-MM), key names, units.

The user's data is taken from the records themselves: every string any record holds, so a
name the demo draws at random is known without listing it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: Chinese punctuation: a sign of a Chinese text in an English one.
CJK_MARKS = re.compile(r"[\u3001\u3002\u300c-\u300f\u3010\u3011\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]")
#: A word, not part of a path, a file's name (settings.toml), an option or an id.
WORD = re.compile(r"(?<![A-Za-z0-9_$/.=-])[A-Za-z][A-Za-z]+(?![A-Za-z0-9_]|\.[a-z])")

#: English words that a Chinese text may hold: what is typed as it is (command and option
#: names are read from the parser; slugs and field names from the catalogue), the names
#: of keys, of formats and of the program.
ALLOWED_WORDS = {
    "taizhang", "JSON", "json", "Excel", "CSV", "csv", "xlsx", "xlsm", "tzb", "tzbak", "USB", "UTF", "ID", "SSH",
    "Esc", "Tab", "Shift", "PgDn", "PgUp", "Home", "End", "Del", "Ins", "TERM", "LANG", "PATH", "DIR", "FILE",
    "HEADER", "FIELD", "VALUE", "YYYY", "MM", "DD", "TAIZHANG_HOME", "Hant", "Hans", "en", "zh", "English",
    "zgy", "zhang", "pinyin", "col", "style", "done", "partly", "not_done", "deleted", "restore", "both", "one",
    "all", "master", "OK", "PEER", "CODE", "ORG", "SEED", "MEMBERS", "LIMIT", "SHEET", "STATUS", "NOTE", "BY", "ON",
    "MONTH", "DATE", "MONTHS", "YEAR", "BRANCH", "AMOUNT", "COLLECTOR", "PERIOD_FROM", "PERIOD_TO", "EVIDENCE", "REGISTER",
    "vCard", "WeChat", "Syncthing", "PDF", "pdf", "DOCX", "docx", "PNG", "png", "SVG", "svg", "WPS", "Word",
    "binder", "notice",  # what `print` prints besides a register, typed as they are
    "card", "forms", "books", "rolls",  # the codes of 一卡二表三簿十冊 on the checklist (forms.1), typed as they are
    "KB", "MB", "GB", "KiB", "MiB", "GiB",  # units
    "keep", "remind_days", "share", "language", "ascii_borders", "mouse", "theme",  # settings.toml's keys
}


@lru_cache(maxsize=1)
def typed_words() -> frozenset[str]:
    """Words a person types as they are: commands, options, register and field slugs."""
    from storage import catalogue
    from tui.cli import build_parser

    words: set[str] = set()
    parser = build_parser("en")
    stack = [parser]
    while stack:
        p = stack.pop()
        for action in p._actions:
            for option in action.option_strings:
                words.update(re.findall(r"[A-Za-z]+", option))
            if isinstance(action.choices, dict):
                words.update(action.choices)
                stack.extend(dict.fromkeys(action.choices.values()))
    for reg in catalogue.registers():
        words.update(re.findall(r"[A-Za-z]+", reg.slug))
        for name in reg.fields:
            words.update(re.findall(r"[A-Za-z]+", name))
    return frozenset(words)


def own_data(home: Path) -> list[str]:
    """Every string the records of ``home`` hold, and the organisation's name."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            if value.strip():
                found.add(value.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in (home / "registers").glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    settings = (home / "settings.toml")
    if settings.exists():
        found.update(re.findall(r'organisation = "([^"]+)"', settings.read_text(encoding="utf-8")))
    return sorted(found, key=len, reverse=True)


@lru_cache(maxsize=2)
def _converter(name: str):  # type: ignore[no-untyped-def]
    return OpenCC(name).convert


def _other_script(run: str, lang: str) -> bool:
    if lang == "zh-Hans":
        return bool(_converter("t2s")(run) != run)
    return bool(_converter("s2tw")(run).replace("臺", "台") != run)


def foreign(text: str, lang: str, data: list[str]) -> list[str]:
    """The pieces of ``text`` that are not in ``lang`` (nor the user's data), each with its line."""
    blob = "\n".join(data)
    found: list[str] = []
    for line in text.splitlines():
        bare = line
        for value in data:  # the user's own values, longest first
            if len(value) > 1 and value in bare:
                bare = bare.replace(value, " ")
        if lang == "en":
            for run in HAN.findall(bare):
                if run not in blob:  # a value cut short (…) is still the user's
                    found.append(f"{run!r} in {line.strip()!r}")
            if not HAN.search(line):
                found += [f"{m!r} in {line.strip()!r}" for m in CJK_MARKS.findall(bare)]
            continue
        for run in HAN.findall(bare):
            if _other_script(run, lang) and run not in blob:
                found.append(f"{run!r} in {line.strip()!r}")
        for word in WORD.findall(bare):
            if word not in ALLOWED_WORDS and word not in typed_words() and word not in blob:
                found.append(f"{word!r} in {line.strip()!r}")
    return found
