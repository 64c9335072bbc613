"""A printed document as blocks, written once and drawn by either renderer (PDF with fpdf2,
DOCX with python-docx), so that both files hold the same content."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    """A register's table. ``keep`` leading columns (the name) are repeated on every part
    when the columns must split across pages; the header row is repeated on every page."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # in characters of text, CJK counting two
    keep: int = 1
    note: str = ""


@dataclass
class Line:
    """One line of a paper form: label/value pairs side by side, or one tall box
    (``tall`` lines high) for a long text such as a meeting's proceedings."""

    pairs: list[tuple[str, str]]
    tall: int = 0


@dataclass
class Form:
    """One record as its paper form, on a page of its own."""

    title: str
    subtitle: str
    lines: list[Line]
    photo: bool = False
    footer: str = ""


@dataclass
class Heading:
    """A section's heading; ``contents`` puts it in the table of contents."""

    text: str
    contents: bool = True
    new_page: bool = True


@dataclass
class Paragraph:
    text: str
    size: float = 11
    bold: bool = False


@dataclass
class Cover:
    title: str
    lines: list[str]


Block = Table | Form | Heading | Paragraph | Cover


@dataclass
class Document:
    """What a file holds: its blocks in order, the running header (organisation, branch,
    year) and how the footer numbers pages (``第 {page} 頁 共 {pages} 頁``)."""

    title: str
    running: str
    page_of: str  # with {page} and {pages}
    blocks: list[Block] = field(default_factory=list)
    contents_title: str = ""  # a table of contents after the cover, when set
    large: bool = False  # the notice: one page in large type
    lang: str = "zh-Hant"


def split_columns(widths: list[float], keep: int, room: float) -> list[list[int]]:
    """The columns of each part of a table: all of them when they fit in ``room``; else the
    ``keep`` name columns and as many of the others as fit beside them, part after part (a
    column wider than the room left beside the names is narrowed to it, in ``widths``)."""
    if sum(widths) <= room:
        return [list(range(len(widths)))]
    kept = list(range(min(keep, len(widths))))
    space = room - sum(widths[c] for c in kept)
    parts: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    for c in range(len(kept), len(widths)):
        widths[c] = min(widths[c], space)
        if current and used + widths[c] > space:
            parts.append(kept + current)
            current, used = [], 0.0
        current.append(c)
        used += widths[c]
    if current:
        parts.append(kept + current)
    return parts
