"""The statistics sheet in a workbook, read back with openpyxl: its native charts and its figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from statsdata import build, run


@pytest.fixture
def org(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    return build(home, capsys, monkeypatch)


def title_of(chart: Any) -> str:
    return "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or []))


def rows_of(ws: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_export_stats_holds_three_charts_and_the_figures(home: Path, org: dict[str, str], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "統計.xlsx"
    run(capsys, "export", "stats", "--to", str(target), "--year", "2026", "--home", str(home))
    wb = load_workbook(target)
    assert wb.sheetnames == ["黨內統計"]
    ws = wb["黨內統計"]
    charts = ws._charts
    assert [title_of(c) for c in charts] == ["各支部黨員人數", "年齡結構(男/女)", "黨費按月收繳"]
    assert [c.type for c in charts] == ["col", "bar", "col"]
    rows = rows_of(ws)
    assert rows[0][0] == "測試村黨總支 黨內統計 截至 2026-12-31(上年同期 2025-12-31)"
    by_label = {r[0]: r[1:5] for r in rows if r and isinstance(r[0], str)}
    assert by_label["黨員總數"] == (6, None, 7, -1)
    assert by_label["學歷 · 大專及以上學歷"] == (3, 50.0, 1, 2)
    assert by_label["年齡 · 31至35歲"][0] == 1
    assert by_label["東支部"][:2] == (4, 4) and by_label["西支部"][:2] == (2, 3)
    # The pyramid's rows: men counted as they are, drawn left of the axis from their negative.
    assert by_label["56至60歲"] == (1, 0, -1, None)
    assert by_label["30歲及以下"] == (0, 1, 0, None)
    # The figures are those of `stats --json`.
    data = json.loads(run(capsys, "stats", "--json", "--year", "2026", "--home", str(home)))
    total = next(f for f in data["scopes"][0]["figures"] if f["key"] == "members")
    assert by_label["黨員總數"][0] == total["count"]


def test_export_all_adds_the_statistics_sheet(home: Path, org: dict[str, str], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "台賬.xlsx"
    out = run(capsys, "export", "all", "--to", str(target), "--home", str(home), "--lang", "zh-Hans")
    assert "党内统计" in out
    wb = load_workbook(target)
    assert wb.sheetnames[-1] == "党内统计" and "党员花名册" in wb.sheetnames
    ws = wb["党内统计"]
    assert len(ws._charts) == 3
    assert any(r[0] == "党员总数" and r[1] == 6 for r in rows_of(ws))


def test_stats_to_a_workbook_of_one_branch(home: Path, org: dict[str, str], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "west.xlsx"
    run(capsys, "stats", "--branch", "西支部", "--as-of", "2026-06-14", "--to", str(target), "--home", str(home))
    ws = load_workbook(target)["黨內統計"]
    rows = rows_of(ws)
    assert rows[0][0].startswith("西支部 黨內統計 截至 2026-06-14")
    assert next(r for r in rows if r[0] == "黨員總數")[1] == 3


def test_stats_as_csv_is_refused_and_the_home_is_untouched(home: Path, org: dict[str, str], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib

    from tui.cli import main

    def hashes() -> dict[str, str]:
        return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(home.rglob("*")) if p.is_file()}

    before = hashes()
    target = tmp_path / "統計.csv"
    capsys.readouterr()
    assert main(["export", "stats", "--to", str(target), "--home", str(home)]) == 1
    assert ".xlsx" in capsys.readouterr().err and not target.exists()
    assert hashes() == before
