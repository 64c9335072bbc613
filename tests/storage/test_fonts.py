"""The shipped Chinese font: present, drawing both 繁體 and 简体, and installed with the package."""

from __future__ import annotations

from storage.fonts import CJK_FONT, CJK_FONT_NAME, not_drawable


def test_the_font_ships_with_the_program_and_its_licence() -> None:
    assert CJK_FONT.stat().st_size > 1_000_000
    assert CJK_FONT.read_bytes()[:4] == b"OTTO"  # OpenType with CFF outlines
    assert "SIL OPEN FONT LICENSE" in CJK_FONT.with_name("OFL.txt").read_text(encoding="utf-8")


def test_the_font_holds_traditional_and_simplified_forms() -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(CJK_FONT, lazy=True)
    cmap = font.getBestCmap()
    for char in "黨總支张桂英張第頁共页 0123456789、。（）":
        assert ord(char) in cmap, char
    assert CJK_FONT_NAME in font["name"].getDebugName(1)


def test_characters_beyond_the_font_are_named_once() -> None:
    assert not_drawable("張桂英 第1頁") == ""
    assert not_drawable("王㐀㐀明\x00") == "㐀\x00"
