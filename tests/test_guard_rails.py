"""The guard rails, run with the tests so that ``.ci/run`` (the README's test command) runs
them: ruff (pyflakes, pycodestyle, import order, bugbear, pyupgrade; configured in
pyproject.toml) over the whole tree, and mypy — ``--strict`` on ``storage/`` and ``sync/``,
the default rules on ``tui/``. Both are in the ``[test]`` extra, so a missing one is a
failure, not a skip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_storage_and_sync() -> None:
    result = run("mypy", "--strict", "storage", "sync")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_on_the_app_and_the_command_line() -> None:
    result = run("mypy", "tui")
    assert result.returncode == 0, result.stdout + result.stderr
