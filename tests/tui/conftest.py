"""Shared setup for the screens' tests: a terminal of 80×24, a fixed clock, fixed data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import today_pinned

try:  # the shared helpers, so that "from conftest import taizhang" finds them here too
    from support import ROOT, TODAY, cli_env, taizhang  # noqa: F401
except ImportError:  # pragma: no cover - a tree without tests/support.py
    pass


@pytest.fixture(autouse=True)
def _terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # the demo's folder, not the user's
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the home's outline
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # crash reports, not the user's log folder
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(scope="session")
def _village(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixed village of tuikit, built once."""
    from tuikit import build_village  # type: ignore[import-not-found]

    with today_pinned():
        home = tmp_path_factory.mktemp("village") / "home"
        build_village(home)
    return home


@pytest.fixture
def village(_village: Path, tmp_path: Path) -> Path:
    """A copy of the village of its own for a test."""
    home = tmp_path / "village"
    shutil.copytree(_village, home)
    return home
