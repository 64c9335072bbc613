"""settings.toml has one reader (storage/settings_file.py) and the language one rule: the
language chosen, else the settings', else LANG. The command line, the app and the store
all ask it, so a hand edit that makes [ui] something else is taken alike everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.settings_file import language, language_at
from tui.cli import main


@pytest.mark.parametrize(("chosen", "setting", "lang"), [
    ("zh-Hans", "en", "zh-Hans"),  # --lang over the settings
    (None, "en", "en"),  # the settings over LANG (zh_TW in the tests)
    (None, "簡體", "zh-Hans"),
    (None, None, "zh-Hant"),  # LANG
    ("klingon", "en", "en"),  # what names no language is not given
    (None, 5, "zh-Hant"),
    (None, ["en"], "zh-Hant"),
])
def test_the_language_rule(chosen: object, setting: object, lang: str) -> None:
    assert language(chosen, setting) == lang


def with_ui(store, text: str) -> Path:  # type: ignore[no-untyped-def]
    """The store's settings.toml with its [ui] section replaced by ``text``."""
    home = store.home
    store.close()
    path = home / "settings.toml"
    kept = "\n[".join(part for part in path.read_text(encoding="utf-8").split("\n[") if not part.startswith("ui]"))
    # a table at the end; a plain key (ui = "en") at the top, where it is not a table's
    path.write_text(kept + "\n" + text + "\n" if text.startswith("[") else text + "\n" + kept, encoding="utf-8")
    return home


def test_the_settings_language_speaks_on_the_command_line_and_in_the_app(store, capsys) -> None:  # type: ignore[no-untyped-def]
    home = with_ui(store, '[ui]\nlanguage = "en"')
    assert language_at(home) == "en" and language_at(home, "zh-Hans") == "zh-Hans"
    assert main(["find", "nobody", "--home", str(home)]) == 1
    assert "Nothing found" in capsys.readouterr().err
    from tui.app import TaizhangApp

    assert TaizhangApp(home).lang == "en" and TaizhangApp(home, "zh-Hans").lang == "zh-Hans"


@pytest.mark.parametrize("ui", ['[ui]\nlanguage = 5', 'ui = "en"'])
def test_a_ui_section_a_hand_edit_broke_is_said_not_a_traceback(ui: str, store, capsys) -> None:  # type: ignore[no-untyped-def]
    """Every command read the language before anything else, and ended in an
    AttributeError; now LANG speaks and the store says what is wrong, naming the file."""
    home = with_ui(store, ui)
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    assert main(["list", "members", "--home", str(home)]) == 1
    err = capsys.readouterr().err
    assert "settings.toml" in err and "設定檔" in err  # in LANG's language, the file named
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before
    assert language_at(home) == "zh-Hant"
    from tui.app import TaizhangApp

    assert TaizhangApp(home).lang == "zh-Hant"
