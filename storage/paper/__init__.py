"""Paper for the inspection: a register's table, one record's form, the year's binder and
the month's 黨務公開 sheet, as PDF (fpdf2, the shipped font embedded) or DOCX (python-docx,
宋體/仿宋 named so the office's own fonts draw it).

Imported only when printing: never on the app's start nor by ``taizhang find``.
:mod:`~storage.paper.content` decides what a page holds, :mod:`~storage.paper.pdf` and
:mod:`~storage.paper.docx` draw it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storage.i18n import HANT, Text
from storage.messages import StoreError
from storage.paper import texts

if TYPE_CHECKING:
    from collections.abc import Callable

    from storage.paper.document import Document
    from storage.store import Store

SUFFIXES = (".pdf", ".docx")
#: What may be printed besides a register, in any of the three languages.
BINDER = Text("台賬", "台账", "binder")
NOTICE = Text("黨務公開", "党务公开", "notice")


@dataclass
class Printed:
    path: Path
    pages: int | None  # a PDF's pages; a DOCX is paged by the office program that opens it
    warnings: list[str] = field(default_factory=list)

    def __fspath__(self) -> str:
        return str(self.path)


def compose(store: Store, what: str | None, lang: str = HANT, *, year: int | None = None,
             branch: str | None = None, record: str | None = None, month: str | None = None,
             reveal: bool = True) -> Document:
    """What would be printed: a register (slug or title), ``binder``, ``notice`` (with
    ``month``), or one record (``record``, its register named or not)."""
    from storage import catalogue, clock
    from storage.paper import content

    year = year or clock.today().year
    key = (what or "").strip().lower()
    if record:
        return content.record_document(store, record, lang, what=what or None, reveal=reveal)
    if key in (*BINDER.variants(), "binder"):
        return content.binder(store, lang, year=year, branch=branch, reveal=reveal)
    if key in (*NOTICE.variants(), "notice"):
        y, m = parse_month(month)
        return content.notice(store, lang, year=y, month=m, branch=branch)
    if not key or catalogue.get(what or "") is None:
        raise StoreError(texts.UNKNOWN_WHAT, what=what or "", registers=catalogue.registers_named()(lang))
    return content.register_document(store, what or "", lang, branch=branch, year=year, reveal=reveal)


def parse_month(month: str | None) -> tuple[int, int]:
    """The notice's month, typed as every month is (2026-11, 2026/11, 2026年11月)."""
    from pydantic_core import PydanticCustomError

    from storage.fields import parse_year_month

    if not month:
        raise StoreError(texts.NEEDS_MONTH)
    try:
        year, number = parse_year_month(month).split("-")
    except PydanticCustomError:
        raise StoreError(texts.BAD_MONTH, month=month) from None
    return int(year), int(number)


def check_target(path: str | Path) -> Path:
    target = Path(path)
    if target.suffix.lower() not in SUFFIXES:
        raise StoreError(texts.BAD_SUFFIX, path=str(target))
    return target


def print_to(store: Store, what: str | None, path: str | Path, lang: str = HANT, *, year: int | None = None,
             branch: str | None = None, record: str | None = None, month: str | None = None,
             reveal: bool = True, warn: Callable[[str], object] | None = None) -> Printed:
    """Print to ``path`` (.pdf or .docx): the file is written whole or not at all, and
    nothing in the home changes. Characters the shipped font cannot draw are named, to
    ``warn`` before the pages are drawn, and in what is returned."""
    from storage.files import write_atomic

    target = check_target(path)
    doc = compose(store, what, lang, year=year, branch=branch, record=record, month=month, reveal=reveal)
    warnings = undrawable(doc, lang)
    if warn is not None:
        for note in warnings:
            warn(note)
    if target.suffix.lower() == ".pdf":
        from storage.paper.pdf import render

        data, pages = render(doc)
        write_atomic(target, data)
        return Printed(target, pages, warnings)
    from storage.paper.docx import render as render_docx

    write_atomic(target, render_docx(doc))
    return Printed(target, None, warnings)


def undrawable(doc: Document, lang: str) -> list[str]:
    """Where the shipped font lacks a character (a rare one in a name): said before
    printing, so the box on the page is no surprise."""
    from storage.fonts import not_drawable
    from storage.paper.document import Cover, Form, Heading, Paragraph, Table

    found: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            where, words = block.title, [*block.headers, *(c for row in block.rows for c in row)]
        elif isinstance(block, Form):
            where = block.title + (f" {block.lines[0].pairs[0][1]}" if block.lines and block.lines[0].pairs else "")
            words = [t for line in block.lines for pair in line.pairs for t in pair]
        elif isinstance(block, Cover):
            where, words = block.title, [block.title, *block.lines]
        elif isinstance(block, (Heading, Paragraph)):
            where, words = doc.title, [block.text]
        else:
            continue
        missing = not_drawable("".join(words))
        if missing:
            found.append(texts.UNDRAWABLE(lang, chars=" ".join(missing), where=where))
    return found
