"""The installed ``taizhang`` in real terminals it may meet (tmux, 80×24): a C locale is told
to set a UTF-8 one and the program exits 1; started with its input from /dev/null it says
its screens need a terminal and exits 1 at once; under TERM=linux (the Linux console) the
screens hold no emoji and none of the ▔▁ block glyphs that console lacks.

Skipped where tmux is missing (CI installs it). The harness is tests/e2e/test_tmux.py's,
cut to what these need: a private socket, an environment given whole (``env -i``), the
exit status noted by the shell, waits that poll the screen.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from test_tmux import installed_taizhang  # type: ignore[import-not-found]

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

TMUX = shutil.which("tmux")
#: Emoji and pictographs, and the block glyphs the Linux console lacks (▔▁▊▎ and the rest).
LACKING = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2580-\u2587\u2589-\u258B\u258D-\u258F\u2590-\u259F"
                     r"\u2594\u2595\u23CE\u2423]")


class Terminal:
    def __init__(self, tmp: Path) -> None:
        self.socket = f"tz-terms-{uuid.uuid4().hex[:8]}"
        self.tmp = tmp
        self.status_file = tmp / "status"

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TMUX or "tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=check, timeout=30)

    def start(self, argv: list[str], *, stdin: str | None = None, **locale: str) -> None:
        env = {
            "TERM": "xterm-256color", "TAIZHANG_TODAY": "2026-11-26", "XDG_DATA_HOME": str(self.tmp / "xdg"),
            "XDG_STATE_HOME": str(self.tmp / "state"), "PATH": os.environ.get("PATH", ""),
            "HOME": str(self.tmp), "TEXTUAL_ANIMATIONS": "none", **locale,
        }
        command = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        redirect = f" < {shlex.quote(stdin)}" if stdin else ""
        command = (f"env -i {command} {' '.join(shlex.quote(a) for a in argv)}{redirect}; "
                   f"echo $? > {shlex.quote(str(self.status_file))}")
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "tz", command)
        self.tmux("set-option", "-t", "tz", "remain-on-exit", "on")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-100", "-t", "tz").stdout

    def wait_for(self, *texts: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(t in shown for t in texts):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"never saw {texts!r} on the screen:\n{shown}")

    def wait_gone(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text not in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} stayed on the screen:\n{shown}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "tz", *keys)

    def exit_status(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status_file.exists() and self.status_file.read_text().strip():
                return int(self.status_file.read_text())
            time.sleep(0.05)
        raise AssertionError(f"the program did not end by itself:\n{self.screen()}")

    def stop(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture
def terminal(tmp_path: Path):  # type: ignore[no-untyped-def]
    if TMUX is None:
        pytest.skip("tmux is not installed")
    term = Terminal(tmp_path)
    yield term
    term.stop()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    done = subprocess.run([installed_taizhang(), "init", "--org", "測試村黨總支", "--branch", "第一支部",
                           "--branch", "第二支部", "--home", str(home)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LANG": "zh_TW.UTF-8", "TAIZHANG_TODAY": "2026-11-26"})
    assert done.returncode == 0, done.stderr
    return home


@pytest.mark.parametrize("locale", [{"LANG": "C"}, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}])
def test_the_c_locale_shows_the_message_and_exits_1(terminal: Terminal, home: Path, locale: dict[str, str]) -> None:
    terminal.start([installed_taizhang(), "--home", str(home)], **locale)
    shown = terminal.wait_for("export LANG=zh_CN.UTF-8")
    assert terminal.exit_status() == 1
    assert "locale is C" in shown and "UTF-8" in shown
    assert not LACKING.search(shown) and "台賬" not in shown, "nothing of the app was drawn"


def test_no_terminal_on_stdin_exits_1_at_once(terminal: Terminal, home: Path) -> None:
    start = time.monotonic()
    terminal.start([installed_taizhang(), "--home", str(home)], stdin="/dev/null", LANG="zh_TW.UTF-8")
    assert terminal.exit_status(timeout=30) == 1
    assert time.monotonic() - start < 30
    shown = terminal.wait_for("taizhang 的畫面要在終端機裡打開")
    assert "taizhang list members" in shown


def test_the_linux_console_gets_no_emoji_and_no_block_borders(terminal: Terminal, home: Path) -> None:
    terminal.start([installed_taizhang(), "--home", str(home)], LANG="zh_TW.UTF-8", TERM="linux")
    screens = [terminal.wait_for("測試村黨總支", "說明")]
    terminal.keys("C-p")
    screens.append(terminal.wait_for("搜尋登記冊、人名或命令", "會議月覽"))
    terminal.keys("Escape")
    terminal.wait_gone("搜尋登記冊、人名或命令")
    terminal.keys("8")
    screens.append(terminal.wait_for("篩選"))
    terminal.keys("a")
    screens.append(terminal.wait_for("保存"))
    terminal.keys("Escape")
    terminal.wait_gone("保存")
    terminal.keys("F1")
    screens.append(terminal.wait_for("Enter"))
    for shown in screens:
        assert not LACKING.search(shown), f"{sorted(set(LACKING.findall(shown)))}\n{shown}"
    terminal.keys("C-q")
    assert terminal.exit_status() == 0
