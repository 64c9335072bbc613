"""What tests share beyond fixtures: the repository's root, the pinned day, and running
the command line as a user does (``taizhang``, a process of its own) or as a test can
afford to (``taizhang_here``, main() in this process: the same result, seconds faster).
Import from here (``from support import taizhang``), not from ``conftest``: with a
conftest.py in several test folders, "conftest" is ambiguous.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: The clock the tests run at, so ages, "today" and the demo are the same on every run.
TODAY = "2026-11-26"


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def taizhang(*args: str, home: Path | None = None, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user does, in a process of its own."""
    argv = [sys.executable, "-m", "tui.cli", *args]
    if home is not None:
        argv += ["--home", str(home)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=cli_env(**env), cwd=ROOT)


def taizhang_here(*args: str, home: Path | None = None, timeout: float | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the command line as :func:`taizhang` does, but in this process: ``tui.cli.main``
    with what it writes captured, the same result (exit status, stdout, stderr). For every
    test where a process of its own adds nothing (its exit status as the system sees it,
    what it imports, a terminal or a kill are the exceptions: use :func:`taizhang`).

    What a fresh process would not carry over is put back after each call: the environment
    (``env`` is set for the call only), the working folder (the repository's root, as
    :func:`taizhang` runs in), context variables main() sets (the language argparse refuses
    in), standard input (empty and not a terminal, never the test's own). ``timeout`` is
    accepted for the same signature; pytest-timeout bounds the call."""
    import contextvars
    import io
    import traceback

    argv = [*args] + (["--home", str(home)] if home is not None else [])
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True)
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr

    def call() -> int:
        from tui.cli import main

        try:
            return main(argv)
        except SystemExit as exit_:  # argparse's usage errors, and sys.exit anywhere
            if exit_.code is None or isinstance(exit_.code, int):
                return exit_.code or 0
            sys.stderr.write(f"{exit_.code}\n")
            return 1
        except Exception:  # what the interpreter does with an uncaught error: traceback, 1
            traceback.print_exc()
            return 1

    os.environ.update(env)
    for name, size in (("COLUMNS", "80"), ("LINES", "24")):  # a pipe has no size: argparse wraps at 80
        os.environ.setdefault(name, size)
    os.chdir(ROOT)
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), out, err
    try:
        code = contextvars.copy_context().run(call)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(argv, code, _as_read_from_a_pipe(out), _as_read_from_a_pipe(err))


def _as_read_from_a_pipe(stream: Any) -> str:
    """What ``subprocess.run(..., text=True)`` makes of the bytes: UTF-8, universal newlines."""
    import io

    stream.flush()
    return io.TextIOWrapper(io.BytesIO(stream.buffer.getvalue()), encoding="utf-8", newline=None).read()


def journal_cut_at_front(home: Path) -> None:
    """Make the home's journal look as if its first changes were cut away (as a compacted
    journal is): a register file it loses can then no longer be rebuilt from it. The bytes
    keep their length, so every offset the store noted still holds."""
    journal = home / "journal.jsonl"
    data = journal.read_bytes()
    first, rest = data.split(b"\n", 1)
    assert b'"seq":1,' in first
    journal.write_bytes(first.replace(b'"seq":1,', b'"seq":9,', 1) + b"\n" + rest)


#: Words OpenCC's character conversion leaves in Taiwan's wording, and what a simplified
#: text says instead (the house rule: mainland wording, 文件 not 档案, 数据 not 资料).
#: Longest first: 资料夹 is a folder, not a data folder.
MAINLAND_WORDS = (("资料夹", "文件夹"), ("档案", "文件"), ("资料", "数据"))


def as_the_mainland_writes(t2s: Callable[[str], str]) -> Callable[[str], str]:
    """A traditional → simplified conversion (OpenCC's t2s) with Taiwan's words for a file
    and data put as the mainland writes them: what every simplified text should equal."""

    def convert(text: str) -> str:
        converted = t2s(text)
        for taiwan, mainland in MAINLAND_WORDS:
            converted = converted.replace(taiwan, mainland)
        return converted

    return convert


@contextmanager
def today_pinned(day: str = "2026-11-26") -> Iterator[None]:
    """TAIZHANG_TODAY set to ``day`` while a module's fixture builds its store (conftest's
    per-test pin has not run yet at that scope), and put back as it was after."""
    previous = os.environ.get("TAIZHANG_TODAY")
    os.environ["TAIZHANG_TODAY"] = day
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("TAIZHANG_TODAY", None)
        else:
            os.environ["TAIZHANG_TODAY"] = previous
