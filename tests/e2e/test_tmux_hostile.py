"""A store holding escape sequences, written by an "older version" (straight into its
files: tests/poisoned.py), looked at in a real terminal (tmux, 80×24): the command line's
show, list and find and the app draw the sequences as text (\\x1b on the screen), and the
terminal obeys none of them — its title stays, its screen is not cleared, nothing is typed
back at the prompt (a cursor report would be), the lines printed before are still there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from poisoned import build  # type: ignore[import-not-found]
from test_tmux import TMUX, Terminal, _quote, installed_taizhang  # type: ignore[import-not-found]

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

BEFORE = "LINE-PRINTED-BEFORE"
CURSOR_REPORT = re.compile(r"\[\d+;\d+R")  # what a terminal types back for \e[6n


@pytest.fixture
def shell(tmp_path: Path):  # type: ignore[no-untyped-def]
    if TMUX is None:
        pytest.skip("tmux is not installed")
    term = Terminal(tmp_path)
    term.start("sh")
    term.type("PS1='$ '")
    term.keys("Enter")
    yield term
    term.stop()


def title(term: Terminal) -> str:
    return term.tmux("display-message", "-p", "-t", "tz", "#{pane_title}").stdout.strip()


def test_show_list_and_find_print_the_sequences_and_the_terminal_obeys_none(shell: Terminal, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-11-26")
    home = tmp_path / "home"
    ids = build(home)
    program = installed_taizhang()
    before = title(shell)
    assert before and "PWNED" not in before
    for n, (argv, shown) in enumerate(((["show", ids["poisoned"]], "一組\\x1b[2J\\x1b[6n\\u202egpj.exe"),
                                       (["show", ids["poisoned"]], "張\\x1b]0;PWNED\\x07桂英"),
                                       (["list", "members"], "\\x1b]0;PWNE"),  # a cell, cut to its width
                                       (["list", "branches"], "第一\\x1b[2J支部"),
                                       (["history", ids["journal"]], "孫\\x1b]0;PWNED\\x07七"),
                                       (["find", "孫"], "孫七"))):
        # The screen is cleared first, then a line printed, then the command: a clear, a
        # title or a cursor report it let through would show below (or take that line).
        command = " ".join(_quote(a) for a in [program, *argv, "--home", str(home)])
        shell.type(f"printf '\\033[H\\033[2J'; echo {BEFORE}-{n}; {command}; echo EXIT-{n}=$?")
        shell.keys("Enter")
        screen = shell.wait_for(f"EXIT-{n}=0")
        assert shown in screen, (argv, screen)
        assert screen.splitlines()[0] == f"{BEFORE}-{n}", f"the screen was cleared by {argv}:\n{screen}"
        assert title(shell) == before, argv
        assert not CURSOR_REPORT.search(screen), f"the terminal answered a cursor report for {argv}:\n{screen}"


def test_the_app_draws_the_sequences_and_the_terminal_obeys_none(shell: Terminal, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-11-26")
    home = tmp_path / "home"
    build(home)
    program = installed_taizhang()
    shell.type(f"echo {BEFORE}")
    shell.keys("Enter")
    shell.wait_for(f"\n{BEFORE}")
    before = title(shell)
    assert before and "PWNED" not in before
    shell.type(f"{_quote(program)} --home {_quote(str(home))}; echo EXIT=$?")
    shell.keys("Enter")
    screen = shell.wait_for("第一\\x1b[2J支部", "8 黨員花名冊")  # the home: the branches, escaped
    assert title(shell) == before
    shell.keys("8")
    screen = shell.wait_for("黨員花名冊", "共 5 條")
    assert "張\\x1b" in screen and title(shell) == before
    shell.keys("Enter")  # the first row: the member whose name sets the title
    screen = shell.wait_for("張\\x1b]0;PWNED\\x07桂英", "家庭住址")
    assert "一組\\x1b[2J\\x1b[6n\\u202egpj.exe" in screen and "[/]" in screen
    assert title(shell) == before and "PWNED" not in title(shell)
    assert not CURSOR_REPORT.search(screen)
    shell.keys("q")
    screen = shell.wait_for("EXIT=0")
    assert BEFORE in screen  # the terminal's own screen comes back as it was
    assert title(shell) == before
    assert not CURSOR_REPORT.search(screen), screen
