"""`taizhang demo` ends with the line that points the commands at it (issue 12), in the
user's language, quoted so that a folder with a space pastes as one."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize("lang,words", [("zh-Hant", "請先執行"), ("zh-Hans", "请先执行"), ("en", "first run")])
def test_demo_prints_the_line_to_paste(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, words: str) -> None:
    home = tmp_path / "示範 台賬"
    assert main(["demo", "--no-tui", "--members", "5", "--home", str(home), "--lang", lang]) == 0
    out = capsys.readouterr().out.splitlines()
    assert words in out[-2]
    assert shlex.split(out[-1]) == ["export", f"TAIZHANG_HOME={home}"]


def test_no_line_when_the_commands_already_use_the_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "demo"
    monkeypatch.setenv("TAIZHANG_HOME", str(home))
    assert main(["demo", "--no-tui", "--members", "5", "--home", str(home)]) == 0
    out = capsys.readouterr().out
    assert "export" not in out and "TAIZHANG_HOME 已指向示範台賬" in out
    assert main(["find", "zgy"]) == 0 and "張桂英" in capsys.readouterr().out  # and they do


def test_the_line_for_windows() -> None:
    from storage.demo_note import paste_line

    assert paste_line(Path("C:/Users/秀蘭/台賬"), windows=True) == 'set "TAIZHANG_HOME=C:/Users/秀蘭/台賬"'
