"""The sync commands open the store as every command that saves does: a laptop whose date
is behind the newest change this copy holds is told so on stderr before anything is
typed or merged (resolve, merge, export, exchange and branch add, as add and edit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

BEHIND = "這台電腦的日期是 2026-11-20"


@pytest.fixture
def ahead_of_the_laptop(store, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """A store whose newest change is of 2026-11-26, on a laptop that now says 2026-11-20."""
    home = store.home
    store.add("members", {"name": "張桂英", "branch": store.resolve_reference("branches", "第一支部")})
    store.close()
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-11-20")
    return home


@pytest.mark.parametrize("argv", [
    ["resolve", "9872ef", "--keep"],
    ["merge", "給總支.tzb"],
    ["export", "--to", "給支部.tzb"],
    ["exchange", "stick"],
    ["branch", "add", "第三支部", "--out", "第三支部.enrol"],
    ["edit", "張桂英", "--set", "phone=13911111111"],  # as a saving command always did
])
def test_a_sync_command_says_the_laptops_clock_is_behind(argv: list[str], ahead_of_the_laptop: Path,
                                                          tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stick").mkdir()
    main([*argv, "--home", str(ahead_of_the_laptop)])
    assert BEHIND in capsys.readouterr().err


def test_a_listing_says_nothing_of_the_clock(ahead_of_the_laptop: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["branch", "list", "--home", str(ahead_of_the_laptop)]) == 0
    assert BEHIND not in capsys.readouterr().err
