"""A terminal whose locale is not UTF-8 — LANG=C, LC_ALL=C, none set at all, or a Chinese
locale in GB2312 or Big5 — is told how to set one, in words it can show, and the app does
not start (exit 1): a screen of Chinese drawn in such a terminal is garbage. The C locale
promises ASCII only, so it is told in English, with the line to paste; GB2312 and Big5 are
told in the user's Chinese in their own encoding, then in English. The home is untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hostile import tree_hashes
from support import ROOT

from tui.cli import main


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    home = tmp_path / "台賬"
    assert main(["init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(home)]) == 0
    capsys.readouterr()
    return home


def run_in(home: Path, *argv: str, **locale: str) -> subprocess.CompletedProcess[bytes]:
    """The app started as a shell with exactly this locale would start it (no other LC_*)."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home.parent), "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
           "TAIZHANG_TODAY": "2026-11-26", **locale}
    return subprocess.run([sys.executable, "-m", "tui.cli", "--home", str(home), *argv], stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=60, env=env, cwd=ROOT)


@pytest.mark.parametrize("locale", [{"LANG": "C"}, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, {"LANG": "POSIX"}, {}])
def test_the_c_locale_is_told_in_english_and_ascii(home: Path, locale: dict[str, str]) -> None:
    before = tree_hashes(home)
    result = run_in(home, **locale)
    assert result.returncode == 1
    said = result.stderr.decode("ascii")  # nothing but ASCII: that is all the C locale promises
    assert "export LANG=zh_CN.UTF-8" in said and "UTF-8" in said and "locale is C" in said
    assert "screens open in a terminal" not in said, "the locale is said first, and alone"
    assert result.stdout == b"" and tree_hashes(home) == before


def test_the_c_locale_suggests_the_language_the_settings_chose(home: Path) -> None:
    result = run_in(home, "--lang", "en", LANG="C")
    assert result.returncode == 1 and b"export LANG=en_US.UTF-8" in result.stderr
    result = run_in(home, "--lang", "zh-Hant", LANG="C")
    assert b"export LANG=zh_TW.UTF-8" in result.stderr


@pytest.mark.parametrize(
    ("locale", "codec", "chinese"),
    [("zh_CN.GB2312", "gb2312", "终端的编码是 GB2312"), ("zh_TW.Big5", "big5", "終端機的編碼是 Big5"),
     ("zh_CN", "gb2312", "终端的编码是 GB2312")],
)
def test_a_chinese_locale_in_another_encoding_is_told_in_that_encoding(home: Path, locale: str, codec: str,
                                                                      chinese: str) -> None:
    before = tree_hashes(home)
    result = run_in(home, LANG=locale)
    assert result.returncode == 1
    chinese_part, _, english = result.stderr.partition(b"The terminal's encoding")
    assert chinese in chinese_part.decode(codec), "readable in the terminal's own encoding"
    assert english.isascii() and b"not UTF-8" in english
    assert tree_hashes(home) == before


def test_a_utf8_locale_goes_on_to_the_next_check(home: Path) -> None:
    """With UTF-8 the locale is fine: what stops it here is the missing terminal."""
    result = run_in(home, LANG="C.UTF-8")
    assert result.returncode == 1 and "終端機" in result.stderr.decode("utf-8")
    assert b"locale is C" not in result.stderr
