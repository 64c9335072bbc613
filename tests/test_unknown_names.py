"""An unknown register or field is answered with what people call them as well as what is
typed — 黨員花名冊 members、… — in the language asked for, never a list of English slugs
alone on a Chinese screen (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import tree_hashes
from support import taizhang_here


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "台賬"
    assert taizhang_here("init", "--org", "測試村黨總支", "--branch", "第一支部", home=home).returncode == 0
    return home


@pytest.mark.parametrize(
    ("lang", "register", "field"),
    [
        ("zh-Hant", "黨員花名冊 members、", "姓名 name、性別 gender、"),
        ("zh-Hans", "党员花名册 members、", "姓名 name、性别 gender、"),
        ("en", "members (Party members), ", "name (Name), gender (Gender), "),
    ],
)
def test_unknown_names_are_answered_with_titles_and_slugs(home: Path, lang: str, register: str, field: str) -> None:
    before = tree_hashes(home)
    no_register = taizhang_here("list", "花名", "--lang", lang, home=home)
    no_field = taizhang_here("add", "members", "--set", "姓=張", "--lang", lang, home=home)
    roster = home.parent / "花名冊.csv"
    roster.write_text("姓名,性別\n張桂英,女\n", encoding="utf-8")
    no_column = taizhang_here("import", "members", str(roster), "--map", "姓名=nom", "--lang", lang, home=home)
    assert no_register.returncode == 1 and register in no_register.stderr
    assert no_field.returncode == 1 and field in no_field.stderr
    assert no_column.returncode == 1 and "nom" in no_column.stderr and field in no_column.stderr
    assert tree_hashes(home) == before
