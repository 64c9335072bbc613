"""Wrapping by the rules of Chinese typesetting (and English at its spaces)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.text import width
from tui.widgets.wrap import NO_LINE_END, NO_LINE_START, hanging, wrap

CLOSING = "、。,;:?!)」』】》"
OPENING = "「『(【《"
HANZI = st.text(alphabet="黨員支部會議記錄整改問題聯繫群眾不夠經常已過時限王萍花欠交費個月以上達除名條件", min_size=1, max_size=6)
DATE = st.dates().map(lambda d: d.isoformat())
NUMBER = st.one_of(st.integers(0, 10**11).map(str), st.decimals(0, 1000, places=2).map(str))
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """Text as the 待辦 and the messages hold it: Chinese, dates, numbers, English words,
    spaces, a · between parts, punctuation before and after."""
    out = ""
    for _ in range(draw(st.integers(1, 25))):
        piece = draw(st.one_of(HANZI, DATE, NUMBER, WORD))
        if draw(st.booleans()) and draw(st.booleans()):
            piece = draw(st.sampled_from(OPENING)) + piece
        if draw(st.booleans()):
            piece += draw(st.sampled_from(CLOSING))
        # Two dates or words one after the other are written apart, as anyone writes them.
        between = ["", "", " ", " · "] if not piece[-1].isascii() else [" ", " · "]
        out += piece + draw(st.sampled_from(between))
    return out.strip()


TOKENS = re.compile(r"\d+(?:[-.]\d+)*|[a-z]+")


@settings(max_examples=300, deadline=None)
@given(sentences(), st.integers(20, 60))
def test_lines_fit_and_keep_every_character(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert all(width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=300, deadline=None)
@given(sentences(), st.integers(20, 60))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    for line in lines[1:]:
        assert line and line[0] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, lines
        assert line.strip() != "·", lines


@settings(max_examples=300, deadline=None)
@given(sentences(), st.integers(20, 60))
def test_dates_numbers_and_words_are_never_split(text: str, columns: int) -> None:
    # A token cut across two lines would be found as two tokens in the wrapped text.
    assert TOKENS.findall("\n".join(wrap(text, columns))) == TOKENS.findall(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=30), st.integers(12, 60))
def test_english_breaks_only_at_its_spaces(words: list[str], columns: int) -> None:
    lines = wrap(" ".join(words), columns)
    assert [w for line in lines for w in line.split(" ")] == words
    assert all(width(line) <= columns for line in lines)


def test_what_the_home_showed_badly_at_80_columns() -> None:
    # The 待辦 panel is 28 columns wide at 80: these lines used to break as 2026-11 / -15,
    # start with 、, and leave a · alone.
    said = "整改問題「聯繫群眾不夠經常」已過整改時限 2026-11-15(王萍花)"
    lines = wrap(said, 28)
    assert any("2026-11-15" in line for line in lines)
    names = "6 名黨員欠交黨費 3 個月以上:賀東(3)、姜剛輝(3)、馬杰(3)、崔蘭(3)、李英桂(3)"
    for columns in range(16, 40):
        assert not any(line.startswith(("、", ",", ")")) for line in wrap(names, columns)[1:])
    title = "台賬 · 示範村黨總支 · 黨員花名冊"
    for columns in range(6, 30):
        lines = wrap(title, columns)
        assert "·" not in [line.strip() for line in lines]
        assert not any(line.endswith("·") for line in lines)


def test_a_unit_wider_than_the_line_is_cut_and_the_indent_kept() -> None:
    assert wrap("13887400124138874001", 8) == ["13887400", "12413887", "4001"]
    assert wrap("  縮進的備註", 8) == ["  縮進的", "備註"]
    assert hanging("整改問題已過整改時限 2026-11-15", 16, "  ") == "整改問題已過整\n  改時限\n  2026-11-15"
