"""Every command that prints a table prints its headers in the language asked for: each
header is a Text, so ``--lang zh-Hans`` never shows a traditional header (繁體) and ``--lang
en`` never a Chinese one, whatever the rows hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.cli import main

CJK = re.compile(r"[\u3400-\u9fff]")

#: Each command that prints a table, with what it needs in the store to print one.
TABLES = {
    "registers": ["registers"],
    "list": ["list", "members"],
    "find": ["find", "張"],
    "targets": ["targets"],
    "dues": ["dues", "--all"],
    "development": ["development", "--all"],
}


@pytest.fixture
def village(store, capsys) -> Path:  # type: ignore[no-untyped-def]
    home = store.home
    store.close()
    for argv in (
        ["add", "members", "--set", "name=張桂英", "--set", "branch=第一支部", "--set", "dues_class=在職",
         "--set", "dues_base=4500", "--set", "joined_on=2000-07-01"],
        ["add", "applicants", "--set", "name=陳發展", "--set", "applied_on=2026-09-01"],
    ):
        assert main([*argv, "--home", str(home)]) == 0
    capsys.readouterr()
    return home


def header_line(out: str) -> str:
    """The line above the table's rule (──)."""
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("─"))
    return lines[at - 1]


def traditional(text: str) -> list[str]:
    """The characters of ``text`` that simplified Chinese writes otherwise."""
    from storage.search_keys import simplify

    return [ch for ch in text if CJK.match(ch) and simplify(ch) != ch]


@pytest.mark.parametrize("command", sorted(TABLES))
def test_a_table_header_is_in_the_language_asked_for(command: str, village: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    said = {}
    for lang in ("zh-Hant", "zh-Hans", "en"):
        assert main([*TABLES[command], "--home", str(village), "--lang", lang]) == 0, lang
        said[lang] = header_line(capsys.readouterr().out)
    assert traditional(said["zh-Hans"]) == [], said["zh-Hans"]
    assert not CJK.search(said["en"]), said["en"]
    assert CJK.search(said["zh-Hant"]) and said["zh-Hant"] != said["en"]


def test_the_checker_sees_a_traditional_header() -> None:
    assert traditional("姓名  支部  階段  下一步") == ["階"]
    assert traditional("姓名  支部  阶段  下一步") == []
