"""Shared test setup: the repository's packages importable without installing them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import TODAY, cli_env, taizhang  # noqa: E402,F401 (older tests import them from here)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAIZHANG_TODAY", TODAY)
    # Enrolment codes' scrypt at 2^10, not 2^17: tests enrol hundreds of copies.
    monkeypatch.setenv("TAIZHANG_ENROL_SCRYPT_LOG2", "10")
    monkeypatch.setenv("TAIZHANG_BACKUP_SCRYPT_LOG2", "10")  # the whole-store backup's, likewise
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("TAIZHANG_HOME", raising=False)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def store(home: Path):
    """A fresh master copy with two branches."""
    from storage.store import Store

    return Store.create(home, organisation="測試村黨總支", branches=["第一支部", "第二支部"])
