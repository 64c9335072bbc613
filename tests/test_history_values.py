"""``history`` shows values as the record shows them — a branch by its name, 女 rather than
``female``, 身份證號 masked — in the language asked for, not the ids and codes the journal
keeps (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import taizhang_here


@pytest.fixture
def member(tmp_path: Path) -> tuple[Path, str]:
    home = tmp_path / "台賬"
    assert taizhang_here("init", "--org", "測試村黨總支", "--branch", "第一支部", home=home).returncode == 0
    added = taizhang_here("add", "members", "--set", "姓名=張桂英", "--set", "性別=女", "--set", "branch=第一支部",
                          "--set", "id_number=11010519491231002X", home=home)
    assert added.returncode == 0, added.stderr
    return home, added.stdout.strip()


@pytest.mark.parametrize(("lang", "lines"), [
    ("zh-Hant", ["所屬支部: — → 第一支部", "性別: — → 女", "1101**********002X"]),
    ("zh-Hans", ["所属支部: — → 第一支部", "性别: — → 女", "1101**********002X"]),
])
def test_history_shows_names_labels_and_a_masked_id(member: tuple[Path, str], lang: str, lines: list[str]) -> None:
    home, rid = member
    shown = taizhang_here("history", rid[:8], "--lang", lang, home=home)
    assert shown.returncode == 0
    for line in lines:
        assert line in shown.stdout, (line, shown.stdout)
    assert "female" not in shown.stdout and "11010519491231002X" not in shown.stdout
    branch_ids = taizhang_here("list", "branches", "--json", home=home).stdout
    assert all(part not in shown.stdout for part in branch_ids.split('"') if len(part) == 36)  # no raw id
