"""A small organisation whose statistics are known by hand, built through the command line
on three days: the store and its first members on 2025-03-01, corrections on 2026-02-01, a
transfer on the tests' today (2026-11-26)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out.strip()


def add(capsys: pytest.CaptureFixture[str], home: Path, **fields: str) -> str:
    sets = [x for key, value in fields.items() for x in ("--set", f"{key}={value}")]
    return run(capsys, "add", "members", *sets, "--home", str(home))


def build(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Seven members; returns their ids by name."""
    ids: dict[str, str] = {}
    monkeypatch.setenv("TAIZHANG_TODAY", "2025-03-01")
    run(capsys, "init", "--org", "測試村黨總支", "--branch", "東支部", "--branch", "西支部", "--home", str(home))
    # Turns 31 on 2026-12-31: 30 the day before.
    ids["林小紅"] = add(capsys, home, name="林小紅", gender="female", ethnicity="彝族", birth_date="1995-12-31",
                      joined_on="2020-07-01", education="bachelor", dues_class="farmer", branch="東支部")
    # Joined the day the 18th Congress opened: "since the 18th Congress".
    ids["王建國"] = add(capsys, home, name="王建國", gender="male", ethnicity="漢族", birth_date="1970-05-01",
                      joined_on="2012-11-08", education="junior", dues_class="retired", dues_base="2000",
                      branch="東支部")
    # Transferred out mid-2026 (below): counted before 2026-06-15, not after.
    ids["趙志強"] = add(capsys, home, name="趙志強", gender="male", ethnicity="漢族", birth_date="1980-01-01",
                      joined_on="2005-03-01", education="senior", workplace="鄉中學教師", branch="西支部")
    # No birth date, no occupation: unknown, and named.
    ids["孫無名"] = add(capsys, home, name="孫無名", gender="male", ethnicity="漢族", joined_on="1990-01-01",
                      education="primary", branch="西支部")
    # Junior school in 2025; corrected to college in 2026: a 2025 report keeps junior.
    ids["周秀英"] = add(capsys, home, name="周秀英", gender="female", ethnicity="漢族", birth_date="1960-08-08",
                      joined_on="1985-06-01", education="junior", dues_class="farmer", branch="西支部")
    # Deleted in 2026 (a duplicate): in 2025's registers, not in today's.
    ids["吳重複"] = add(capsys, home, name="吳重複", gender="male", ethnicity="漢族", birth_date="1975-01-01",
                      joined_on="2000-01-01", education="junior", dues_class="farmer", branch="東支部")
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-02-01")
    run(capsys, "edit", ids["周秀英"], "--set", "education=college", "--home", str(home))
    run(capsys, "delete", ids["吳重複"], "--yes", "--home", str(home))
    # Typed in 2026, joined in 2010: entered late, counted in 2025 by its own date.
    ids["鄭後錄"] = add(capsys, home, name="鄭後錄", gender="male", ethnicity="漢族", birth_date="1985-02-02",
                      joined_on="2010-10-10", education="junior", dues_class="farmer", branch="東支部")
    # Developed in 2026.
    ids["陳新苗"] = add(capsys, home, name="陳新苗", gender="female", ethnicity="苗族", birth_date="2000-04-04",
                      joined_on="2026-01-20", status="probationary", education="college", dues_class="student",
                      branch="東支部")
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-11-26")
    run(capsys, "edit", ids["趙志強"], "--set", "transferred_out_on=2026-06-15", "--set", "transferred_out_to=縣城社區黨支部",
        "--home", str(home))
    return ids
