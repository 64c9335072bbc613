"""``taizhang stats`` on a small organisation with known answers (tests/stats/statsdata.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from statsdata import build, run

from tui.cli import main


@pytest.fixture
def org(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    return build(home, capsys, monkeypatch)


def stats(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run(capsys, "stats", "--json", "--home", str(home), *args))
    return data


def figure(data: dict[str, Any], section: str, key: str, scope: str = "all") -> dict[str, Any]:
    chosen = next(s for s in data["scopes"] if s["key"] == scope or s["name"] == scope)
    found: dict[str, Any] = next(f for f in chosen["figures"] if f["section"] == section and f["key"] == key)
    return found


def count(data: dict[str, Any], section: str, key: str, scope: str = "all") -> int:
    value: int = figure(data, section, key, scope)["count"]
    return value


def test_the_year_end_figures_by_hand(home: Path, org: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    data = stats(capsys, home, "--year", "2026")
    assert data["as_of"] == "2026-12-31" and data["previous_as_of"] == "2025-12-31"
    # 趙 transferred out in June, 吳 deleted: six on the rolls on 12-31.
    assert count(data, "total", "members") == 6
    assert count(data, "total", "probationary") == 1  # 陳新苗, admitted in January
    assert figure(data, "women", "women")["count"] == 3 and figure(data, "women", "women")["share"] == 50.0
    assert count(data, "minority", "minority") == 2
    assert count(data, "education", "college") == 3  # 周秀英's correction counts now
    # 林小紅 turns 31 on 12-31: 31 to 35, not 30 and under.
    assert [count(data, "age", f"band{i}") for i in range(8)] == [1, 1, 0, 1, 0, 0, 1, 1]
    assert count(data, "age", "unknown") == 1
    # 王建國 joined on 2012-11-08, the day the 18th Congress opened.
    assert [count(data, "joined", f"period{i}") for i in range(4)] == [0, 0, 3, 3]
    assert figure(data, "joined", "period3")["label"] == "十八大以來"
    scope = data["scopes"][0]
    assert scope["unknown"]["age"]["names"] == ["孫無名"]
    assert scope["unknown"]["occupation"]["names"] == ["孫無名"]
    assert count(data, "occupation", "farmer") == 3 and count(data, "occupation", "retired") == 1
    assert count(data, "occupation", "student") == 1
    assert count(data, "developed", "count") == 1 and figure(data, "developed", "young")["share"] == 100.0
    assert count(data, "changes", "transferred_out") == 1 and count(data, "changes", "developed") == 1
    # The year before, from the journal: 趙 and 吳 still on, 周 still junior school, 鄭
    # (typed in 2026, joined 2010) counted by his date, 陳 not yet a member.
    assert figure(data, "total", "members")["previous"] == 7
    assert figure(data, "education", "college")["previous"] == 1
    assert figure(data, "education", "college")["change"] == 2
    assert count(data, "total", "net_change") == -1
    assert count(data, "organisations", "branches") == 2 and count(data, "organisations", "general_branch") == 1
    # Each branch on its own.
    assert count(data, "total", "members", "東支部") == 4 and count(data, "total", "members", "西支部") == 2


def test_turning_31_on_the_last_day(home: Path, org: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    day_before = stats(capsys, home, "--as-of", "2026-12-30")
    assert [count(day_before, "age", f"band{i}") for i in range(2)] == [2, 0]
    year_end = stats(capsys, home, "--as-of", "2026年12月31日")
    assert [count(year_end, "age", f"band{i}") for i in range(2)] == [1, 1]


def test_transferred_out_counted_before_not_after(home: Path, org: dict[str, str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # The transfer was typed in November: the day before it he is on the rolls, from it he is not.
    before = stats(capsys, home, "--as-of", "2026-06-14", "--branch", "西支部")
    after = stats(capsys, home, "--as-of", "2026-06-15", "--branch", "西支部")
    assert count(before, "total", "members", "西支部") == 3
    assert count(after, "total", "members", "西支部") == 2
    assert count(after, "changes", "transferred_out", "西支部") == 1
    assert [s["name"] for s in after["scopes"]] == ["西支部"]


def test_a_past_day_reads_the_registers_as_they_stood(home: Path, org: dict[str, str],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    past = stats(capsys, home, "--as-of", "2025-12-31")
    today = stats(capsys, home)
    assert today["as_of"] == "2026-11-26"
    assert count(past, "total", "members") == 7 and count(today, "total", "members") == 6
    assert count(past, "education", "college") == 1 and count(today, "education", "college") == 3
    assert past["late_entries"] == 1  # 鄭後錄
    names = {n for found in past["scopes"][0]["unknown"].values() for n in found["names"]}
    assert "孫無名" in names and "陳新苗" not in names


def test_the_table_in_each_language(home: Path, org: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    text = run(capsys, "stats", "--year", "2026", "--home", str(home))
    assert "測試村黨總支 黨內統計 截至 2026-12-31" in text
    assert "出生日期不詳 1 人:孫無名" in text
    assert "十八大以來" in text
    hans = run(capsys, "stats", "--year", "2026", "--home", str(home), "--lang", "zh-Hans")
    assert "出生日期不详 1 人:孙无名" in hans or "出生日期不详 1 人:孫無名" in hans
    en = run(capsys, "stats", "--year", "2026", "--home", str(home), "--lang", "en")
    assert "birth date unknown for 1: 孫無名" in en and "since the 18th Congress" in en


def test_bands_from_the_settings(home: Path, org: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    settings = home / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n[stats]\nage_bands = [40]\n", encoding="utf-8")
    data = stats(capsys, home, "--year", "2026")
    assert [count(data, "age", "band0"), count(data, "age", "band1")] == [2, 3]
    assert figure(data, "age", "band1")["label"] == "41歲及以上"


def test_bad_settings_and_dates_are_refused_in_words(home: Path, org: dict[str, str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    settings = home / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n[stats]\nage_bands = [50, 40]\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["stats", "--home", str(home)]) == 1
    err = capsys.readouterr().err
    assert "[stats]" in err and "age_bands" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exit_:
        main(["stats", "--as-of", "2026-13-40", "--home", str(home)])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["stats", "--as-of", "2026-01-01", "--year", "2025", "--home", str(home)])
    assert exit_.value.code == 2
