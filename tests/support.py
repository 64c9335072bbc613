"""What tests share beyond fixtures: the repository's root, the pinned day, and running
the command line as a user does. Import from here (``from support import taizhang``),
not from ``conftest``: with a conftest.py in several test folders, "conftest" is ambiguous.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

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
