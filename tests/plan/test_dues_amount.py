"""A payment whose amount is not the standard times its months (5.00 for three months at
0.50) is recorded — paying more is voluntary — with a note saying what the standard comes
to, so a typing slip is seen the moment it is made (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import taizhang_here


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "台賬"
    assert taizhang_here("init", "--org", "測試村黨總支", "--branch", "第一支部", home=home).returncode == 0
    added = taizhang_here("add", "members", "--set", "姓名=張桂英", "--set", "dues_class=農民", "--set",
                          "joined_on=2026-01-10", home=home)
    assert added.returncode == 0, added.stderr
    return home


@pytest.mark.parametrize(("lang", "said"), [
    ("zh-Hant", "5.00 元不是標準 0.50 元 × 3 個月 = 1.50 元"),
    ("zh-Hans", "5.00 元不是标准 0.50 元 × 3 个月 = 1.50 元"),
    ("en", "5.00 yuan is not the standard 0.50 yuan × 3 months = 1.50 yuan"),
])
def test_an_amount_off_the_standard_is_recorded_with_a_note(home: Path, lang: str, said: str) -> None:
    paid = taizhang_here("dues", "pay", "張桂英", "--months", "3", "--amount", "5.00", "--lang", lang, home=home)
    assert paid.returncode == 0 and said in paid.stderr


def test_the_standard_amount_says_nothing_more(home: Path) -> None:
    paid = taizhang_here("dues", "pay", "張桂英", "--months", "3", home=home)
    assert paid.returncode == 0 and "1.50 元" in paid.stdout and "不是標準" not in paid.stderr
    exact = taizhang_here("dues", "pay", "張桂英", "--months", "2", "--amount", "1", home=home)
    assert exact.returncode == 0 and "不是標準" not in exact.stderr
