"""Shared setup for the screens' tests: a terminal of 80×24, a fixed clock, fixed data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # the demo's folder, not the user's
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo organisation of 40 members, built once (same seed, same data, same ids)."""
    import os

    os.environ["TAIZHANG_TODAY"] = "2026-11-26"
    from storage import demo

    home = tmp_path_factory.mktemp("demo") / "home"
    demo.build(home, members=40).close()
    return home


@pytest.fixture
def demo_home(small_demo: Path, tmp_path: Path) -> Path:
    home = tmp_path / "demo"
    shutil.copytree(small_demo, home)
    return home


def text_of(widget) -> str:  # type: ignore[no-untyped-def]
    """What a Static shows, as plain text."""
    content = widget.render()
    return str(getattr(content, "plain", content))
