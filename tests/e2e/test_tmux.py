"""The installed ``taizhang`` in a real terminal (tmux, 80×24), driven by keys as a
person types them: create the organisation, add a member with a wrong 身份證號, fix it,
find her by initials, record a meeting's attendance, quit, reopen.

Skipped where tmux is missing (CI installs it). A private tmux socket keeps it away from
any tmux the user runs; waits poll the screen, never sleep a fixed time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

TMUX = shutil.which("tmux")


def installed_taizhang() -> str:
    """The console script installed beside this Python (.venv/bin/taizhang), else on PATH."""
    beside = Path(sys.executable).parent / "taizhang"
    if beside.exists():
        return str(beside)
    found = shutil.which("taizhang")
    if found is None:
        pytest.skip("taizhang is not installed in this environment")
    return found


class Terminal:
    def __init__(self, tmp: Path) -> None:
        self.socket = f"tz-test-{uuid.uuid4().hex[:8]}"
        self.tmp = tmp

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TMUX or "tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=check, timeout=30)

    def start(self, *argv: str) -> None:
        env = {
            "LANG": "zh_TW.UTF-8", "LC_ALL": "", "TERM": "xterm-256color", "TAIZHANG_TODAY": "2026-11-26",
            "XDG_DATA_HOME": str(self.tmp / "xdg"), "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", str(self.tmp)), "TEXTUAL_ANIMATIONS": "none",
        }
        command = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        command = f"env -i {command} {' '.join(_quote(a) for a in argv)}"
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "tz", command)
        self.tmux("set-option", "-t", "tz", "remain-on-exit", "on")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "tz").stdout

    def wait_for(self, *texts: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(t in shown for t in texts):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"never saw {texts!r} on the screen:\n{shown}")

    def wait_until(self, predicate, what: str, timeout: float = 30) -> str:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if predicate(shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"never saw {what} on the screen:\n{shown}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "tz", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "tz", "-l", text)

    def exited(self) -> bool:
        out = self.tmux("display-message", "-p", "-t", "tz", "#{pane_dead}", check=False)
        return out.stdout.strip() == "1"

    def stop(self) -> None:
        self.tmux("kill-server", check=False)


def _quote(value: str) -> str:
    import shlex

    return shlex.quote(value)


@pytest.fixture
def terminal(tmp_path: Path):  # type: ignore[no-untyped-def]
    if TMUX is None:
        pytest.skip("tmux is not installed")
    term = Terminal(tmp_path)
    yield term
    term.stop()


def test_the_installed_program_through_the_main_path(terminal: Terminal, tmp_path: Path) -> None:
    program = installed_taizhang()
    home = tmp_path / "home"
    t = terminal
    t.start(program, "--home", str(home))

    # First run.
    t.wait_for("建立台賬", "組織名稱")
    t.type("測試村黨總支")
    t.keys("Enter")
    t.type("第一支部,第二支部")
    t.keys("Enter")
    t.wait_for("黨員花名冊", "第一支部", "第二支部")

    # A member with a wrong 身份證號: the error shows, nothing is saved.
    t.keys("8")
    t.wait_for("(還沒有記錄,按 a 新增)")
    t.keys("a")
    t.wait_for("新增:黨員花名冊", "身份證號")
    t.type("張桂英")
    t.keys("Tab", "Enter")
    t.wait_for("第二支部")  # the branch select is open
    t.keys("Down", "Enter")
    t.wait_until(lambda s: "第一支部" in s.splitlines()[2], "the branch chosen")
    t.keys("Tab", "Tab", "Tab", "Tab", "Tab")
    t.type("110105194912310021")
    t.keys("C-s")
    t.wait_for("校驗位不對", "未保存")
    journal = (home / "journal.jsonl").read_bytes()

    # Fix it and save.
    t.keys(*["BSpace"] * 18)
    t.wait_for("18 位,末位可為 X")  # Textual applies a burst of keys bound to actions after plain letters
    t.type("11010519491231002X")
    # 正式/預備 is asked, not defaulted: four fields down, choose 正式黨員.
    t.keys("Tab", "Tab", "Tab", "Tab", "Enter")
    t.wait_for("預備黨員")  # the select is open
    time.sleep(0.5)  # the list takes the keys once it has the focus
    t.keys("Down")
    time.sleep(0.3)
    t.keys("Enter")
    t.wait_until(lambda s: any("正式/預備" in line and "正式黨員" in line for line in s.splitlines()), "正式黨員 chosen")
    t.keys("C-s")
    screen = t.wait_for("共 1 條", "張桂英", "第一支部")  # at 80 columns the 身份證號 gives way to the phone
    assert "11010519491231002X" not in screen and (home / "journal.jsonl").read_bytes() != journal

    # Find her by initials.
    t.keys("/")
    t.type("zgy")
    t.wait_for("1 / 1 條", "張桂英")
    t.type("x")
    t.wait_for("0 / 1 條", "(沒有符合的記錄)")
    t.keys("Escape")
    t.wait_for("共 1 條")
    t.keys("Escape")
    t.wait_for("支部會議記錄")

    # A meeting of the first branch, with its roll.
    t.keys("4")
    t.wait_for("(還沒有記錄,按 a 新增)")
    t.keys("a")
    t.wait_for("新增:支部會議記錄", "會議類型")
    t.keys("Enter")
    t.wait_for("支部黨員大會", "支部委員會")
    t.keys("Down", "Enter")
    t.wait_until(lambda s: "支部黨員大會" in s.splitlines()[1], "the kind chosen")
    t.keys("Tab", "Enter")
    t.wait_for("第二支部")
    t.keys("Down", "Enter")
    t.wait_until(lambda s: "第一支部" in s.splitlines()[2], "the branch chosen")
    t.keys("Tab")
    t.type("20261120")
    t.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Enter")
    t.wait_for("點名", "應到 1 人,實到 1 人")
    t.keys("a")
    t.wait_for("缺席的原因")
    t.type("生病")
    t.keys("Enter")
    t.wait_for("應到 1 人,實到 0 人", "不足法定人數")
    t.keys("C-s")
    t.wait_for("應到 1 人,實到 0 人", "不足法定人數", "會議類型")
    t.keys("C-s")
    t.wait_for("共 1 條", "2026-11-20")

    # Quit, and reopen: the data is there.
    t.keys("q")
    t.wait_until(lambda s: t.exited(), "the program exit", timeout=15)
    t.tmux("kill-session", "-t", "tz")
    t.start(program, "--home", str(home))
    def count(screen: str, entry: str) -> str:
        line = next((line for line in screen.splitlines() if entry in line), "")
        return line.split("│")[0].rstrip().rsplit(" ", 1)[-1]

    # The home paints first; the counts follow once the store is open behind it.
    t.wait_until(lambda s: count(s, "8 黨員花名冊") not in ("", "…"), "the counts")
    home_screen = t.screen()
    assert count(home_screen, "8 黨員花名冊") == "1" and count(home_screen, "4 支部會議記錄") == "1"
    t.keys("4")
    t.wait_for("2026-11-20", "支部黨員大會")
    t.keys("q")
    t.wait_until(lambda s: t.exited(), "the program exit", timeout=15)


def test_a_terminal_that_is_not_utf8_gets_told_how_to_fix_it(terminal: Terminal, tmp_path: Path) -> None:
    program = installed_taizhang()
    result = subprocess.run(
        [program, "--home", str(tmp_path / "home")],
        env={**os.environ, "LANG": "zh_CN.GBK", "LC_ALL": "zh_CN.GBK"},
        capture_output=True, timeout=60,
    )
    assert result.returncode == 1
    assert b"UTF-8" in result.stderr and b"export LANG=" in result.stderr
    assert "不是 UTF-8".encode("gbk") in result.stderr  # in words the terminal can show
    assert b"\x1b[" not in result.stdout  # nothing drawn
