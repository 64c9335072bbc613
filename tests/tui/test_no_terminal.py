"""Started without a terminal — from a script, a cron job, with input from /dev/null — the
app used to draw to nobody and wait for keys for ever, spinning a core. Now it says, in
the user's language, that its screens need a terminal and how to script instead, and
exits with 1 at once; the store is not touched."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import tree_hashes
from support import ROOT, cli_env

from tui.cli import main


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    home = tmp_path / "台賬"
    assert main(["init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(home)]) == 0
    capsys.readouterr()
    return home


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([], "taizhang 的畫面要在終端機裡打開"),
        (["--lang", "zh-Hans"], "taizhang 的界面要在终端里打开"),
        (["--lang", "en"], "taizhang's screens open in a terminal"),
    ],
)
def test_the_app_without_a_terminal_says_so_and_exits_at_once(home: Path, argv: list[str], said: str) -> None:
    before = tree_hashes(home)
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "tui.cli", "--home", str(home), *argv], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=60, env=cli_env(), cwd=ROOT)
    assert time.monotonic() - start < 50  # it used to wait for ever
    assert result.returncode == 1
    assert said in result.stderr and "taizhang list members" in result.stderr
    assert "\x1b" not in result.stdout + result.stderr  # nothing drawn for nobody
    assert tree_hashes(home) == before
