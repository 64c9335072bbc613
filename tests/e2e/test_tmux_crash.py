"""The app meeting a damaged register file, and an error nobody foresaw, in a real
terminal (tmux, 80×24): a message in words, never a traceback with its local variables,
nothing of the file's bytes or a record on the screen, and the process ends by itself
once q is pressed. The harness is tests/e2e/test_tmux.py's, cut to what these need.

Skipped where tmux is missing (CI installs it).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from support import ROOT

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

TMUX = shutil.which("tmux")
DAMAGE = b'\x00\xff{"members": garbage \xe8\xba\xab\xe4\xbb\xbd\xe8\xad\x89\xe8\x99\x9f 530323196803120028 \x89PNG'
FRAGMENTS = ("garbage", "身份證號", "530323", "PNG", "Traceback", "locals")


class Terminal:
    def __init__(self, tmp: Path) -> None:
        self.socket = f"tz-crash-{uuid.uuid4().hex[:8]}"
        self.tmp = tmp
        self.seen: list[str] = []  # every screen captured, to check nothing showed even briefly

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TMUX or "tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=check, timeout=30)

    def start(self, *argv: str, **extra: str) -> None:
        env = {
            "LANG": "zh_TW.UTF-8", "LC_ALL": "", "TERM": "xterm-256color", "TAIZHANG_TODAY": "2026-11-26",
            "XDG_DATA_HOME": str(self.tmp / "xdg"), "XDG_STATE_HOME": str(self.tmp / "state"),
            "PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", str(self.tmp)),
            "TEXTUAL_ANIMATIONS": "none", **extra,
        }
        command = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # The shell notes the exit status in a file: tmux's #{pane_dead_status} is at times
        # left empty when the terminal closes before tmux has reaped the program.
        self.status_file = self.tmp / f"status-{uuid.uuid4().hex[:8]}"
        command = (f"env -i {command} {' '.join(shlex.quote(a) for a in argv)}; "
                   f"echo $? > {shlex.quote(str(self.status_file))}")
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "tz", command)
        self.tmux("set-option", "-t", "tz", "remain-on-exit", "on")

    def screen(self) -> str:
        shown = self.tmux("capture-pane", "-p", "-J", "-t", "tz").stdout
        self.seen.append(shown)
        return shown

    def wait_until(self, predicate, what: str, timeout: float = 30) -> str:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if predicate(shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"never saw {what} on the screen:\n{shown}")

    def wait_for(self, *texts: str, timeout: float = 30) -> str:
        return self.wait_until(lambda s: all(t in s for t in texts), repr(texts), timeout)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "tz", *keys)

    def exit_status(self, timeout: float = 30) -> int:
        """Wait for the program to end by itself; its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                written = self.status_file.read_text().strip()
            except FileNotFoundError:
                written = ""
            if written.isdigit():
                return int(written)
            time.sleep(0.05)
        raise AssertionError(f"the program did not end:\n{self.screen()}")

    def history(self) -> str:
        """The whole pane, scrollback included: what stays on the terminal afterwards."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "tz").stdout

    def stop(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture
def terminal(tmp_path: Path):  # type: ignore[no-untyped-def]
    if TMUX is None:
        pytest.skip("tmux is not installed")
    term = Terminal(tmp_path)
    yield term
    term.stop()


def unboxed(screen: str) -> str:
    """The screen's text with the dialog's borders and line breaks taken out, so a long
    path wrapped over several lines of the box reads whole again."""
    return "".join(line.strip().strip("│").strip() for line in screen.splitlines())


def installed_taizhang() -> str:
    beside = Path(sys.executable).parent / "taizhang"
    if beside.exists():
        return str(beside)
    found = shutil.which("taizhang")
    if found is None:
        pytest.skip("taizhang is not installed in this environment")
    return found


def a_store(program: str, home: Path) -> None:
    env = {**os.environ, "TAIZHANG_TODAY": "2026-11-26", "LANG": "zh_TW.UTF-8"}
    for argv in (["init", "--org", "測試村黨總支", "--branch", "第一支部"],
                 ["add", "members", "--set", "姓名=張桂英", "--set", "身份證號=11010519491231002X",
                  "--set", "branch=第一支部"]):
        subprocess.run([program, *argv, "--home", str(home)], check=True, capture_output=True, env=env, timeout=120)


def test_a_damaged_register_file_names_the_file_and_shows_none_of_it(terminal: Terminal, tmp_path: Path) -> None:
    program = installed_taizhang()
    home = tmp_path / "home"
    a_store(program, home)
    members = home / "registers" / "members.json"
    if not members.exists():  # the first checkpoint is later: make the file as a checkpoint would
        from storage.store import Store

        store = Store.open(home)
        store.checkpoint()
    from support import journal_cut_at_front

    journal_cut_at_front(home)  # else the file is rebuilt from the journal (and said)
    members.write_bytes(DAMAGE)

    terminal.start(program, "--home", str(home))
    screen = terminal.wait_for("無法打開台賬", "members.json", "按 q 退出")
    assert str(members) in unboxed(screen) and "taizhangrestore" in unboxed(screen).replace(" ", "")
    terminal.keys("q")
    assert terminal.exit_status() == 1
    after = terminal.history()
    assert str(members) in unboxed(after), "the message stays on the terminal after the app"
    for shown in [*terminal.seen, after]:
        for fragment in FRAGMENTS:
            assert fragment not in shown, (fragment, shown)
    assert not (tmp_path / "state").exists(), "no crash report: a damaged file is said in words"


CRASHING = """
import sys
from tui import app

def broken_help(self):
    secret = "11010519491231002X 張桂英 13812345678"
    raise ValueError("cannot help " + secret)

app.TaizhangApp.action_help = broken_help
sys.exit(app.run_app(sys.argv[1]))
"""


def test_an_error_nobody_foresaw_is_a_report_not_a_traceback(terminal: Terminal, tmp_path: Path) -> None:
    program = installed_taizhang()
    home = tmp_path / "home"
    a_store(program, home)
    terminal.start(sys.executable, "-c", CRASHING, str(home), PYTHONPATH=str(ROOT))
    terminal.wait_for("黨員花名冊")
    terminal.keys("F1")
    screen = terminal.wait_for("台賬出錯,已停止", "錯誤報告已寫到", "按 q 退出")
    terminal.keys("q")
    assert terminal.exit_status() == 1
    after = terminal.history()
    [report] = list((tmp_path / "state").rglob("crash-*.txt"))
    assert str(report) in unboxed(screen) and str(report) in unboxed(after)
    for shown in [*terminal.seen, after]:
        for fragment in ("11010519491231002X", "1101", "張桂英", "13812345678", "Traceback", "secret", "locals"):
            assert fragment not in shown, (fragment, shown)
    text = report.read_text(encoding="utf-8")
    assert "broken_help" in text and "ValueError: cannot help #X … #" in text and "1101" not in text
