"""The Chinese font that printed pages and pictures are drawn with.

Printing must give the same pages on every laptop, online or not, whatever fonts the
system has, so the font ships with the program: Noto Sans CJK SC, under the SIL Open Font
License 1.1 (OFL.txt beside it), which allows it to be bundled with software and embedded
(subset) in documents. It is cut to Latin, punctuation, CJK symbols and the 20,992 CJK
Unified Ideographs (U+4E00-U+9FFF, which hold both 繁體 and 简体 forms): 6 MB instead of 16.
Nothing here is imported on the app's start or by ``taizhang find``.
"""

from __future__ import annotations

from pathlib import Path

#: The shipped font file (OpenType, CFF outlines): fpdf2 embeds a subset of it in a PDF,
#: matplotlib draws a picture's Chinese text with it.
CJK_FONT = Path(__file__).with_name("NotoSansCJKsc-Regular-subset.otf")

#: The name the font gives itself, as matplotlib and office programs know it.
CJK_FONT_NAME = "Noto Sans CJK SC"

#: What the shipped font draws: a character outside these ranges is drawn from a font of
#: the system if one has it, else shown as a box (a caller may warn beforehand).
CJK_RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x2000, 0x206F), (0x2100, 0x218F), (0x2190, 0x21FF),
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x3000, 0x303F), (0x4E00, 0x9FFF),
    (0xFF00, 0xFFEF),
)


def drawable(char: str) -> bool:
    """Whether the shipped font has a shape for this character (by its ranges; a few code
    points inside them are unassigned and have none)."""
    point = ord(char)
    return any(low <= point <= high for low, high in CJK_RANGES)


def not_drawable(text: str) -> str:
    """The characters of a text the shipped font cannot draw, each once, in order: a name
    written with a rare character (U+3400 and beyond) is named before printing, not lost."""
    seen: dict[str, None] = {}
    for char in text:
        if not char.isspace() and not drawable(char):
            seen.setdefault(char, None)
    return "".join(seen)
