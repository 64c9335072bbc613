"""A document drawn as PDF with fpdf2, in the shipped font (storage.fonts.CJK_FONT, embedded
as a subset), so the pages print the same on any laptop, online or not.

fpdf2 is imported here only: printing is the one thing that needs it."""

from __future__ import annotations

import re
from typing import Any

from storage.paper.document import Cover, Document, Form, Heading, Line, Paragraph, Table, split_columns

PT = 0.3528  # mm in a point
MARGIN = 12.0
TOP = 14.0
BOTTOM = 14.0
LABEL_MM = 30.0
PHOTO_MM = (32.0, 42.0)
#: What a line breaks between: a word of Latin letters or digits with the space after it, or
#: any other character alone (Chinese breaks between any two characters).
_WORDS = re.compile(r"[0-9A-Za-z\u00C0-\u024F.,:;!?'()\[\]\-/@#%&+_]+ *| +|.")
#: The longest a table's cell grows, in lines; the record's own form shows the whole text.
CELL_LINES = 3


def render(doc: Document) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages."""
    pdf = _Pdf(doc)
    pdf.draw()
    return bytes(pdf.output()), pdf.pages_count


def _fpdf() -> Any:
    from fpdf import FPDF

    return FPDF


class _Pdf(_fpdf()):  # type: ignore[misc]
    def __init__(self, doc: Document) -> None:
        from storage.fonts import CJK_FONT

        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc = doc
        self.add_font("cjk", "", str(CJK_FONT))
        self.set_font("cjk", size=9)
        self.set_margins(MARGIN, TOP, MARGIN)
        self.set_auto_page_break(False)
        self.set_line_width(0.2)
        self.set_title(doc.title)
        self.set_creator("taizhang")
        self.plain: set[int] = set()  # pages with no running header (the cover)
        self.pending: Heading | None = None
        self.notice_size = 16.0
        self.fresh = False
        # fpdf2 puts the page count in place of this text at the end, in the room the text
        # takes: long enough for a register of 100,000 rows' five digits
        self.alias_nb_pages_text = "{nbpages}"
        self.alias_nb_pages(self.alias_nb_pages_text)
        self._widths: dict[float, dict[str, float]] = {}

    # -- every page ------------------------------------------------------------------------------------

    def header(self) -> None:
        if self.page_no() in self.plain or self.doc.large:
            return
        self.set_font("cjk", size=8)
        self.set_text_color(90)
        self.text(MARGIN, 9, self.doc.running)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_font("cjk", size=9)
        self.set_xy(MARGIN, self.h - 10)
        # cell() (not text()) so that fpdf2 puts the page count in place of {nb} at the end
        self.cell(self.usable(), 5, self.doc.page_of.format(page=self.page_no(), pages=self.alias_nb_pages_text),
                  align="C")

    def bottom(self) -> float:
        return float(self.h - BOTTOM)

    def usable(self) -> float:
        return float(self.w - 2 * MARGIN)

    def new_page(self, orientation: str = "P") -> None:
        """A page; the section heading waiting for its first page is drawn at its top (and
        named in the contents), so a landscape table does not leave a page of heading alone."""
        from fpdf.enums import PageOrientation

        if not (self.fresh and PageOrientation.coerce(orientation) == self.cur_orientation):
            self.add_page(orientation=orientation)
        self.fresh = False
        self.set_y(TOP)
        if self.pending is not None:
            heading, self.pending = self.pending, None
            if heading.contents:
                self.start_section(heading.text)
            self.set_font("cjk", size=15)
            self.text(MARGIN, self.get_y() + 6, heading.text)
            self.set_y(self.get_y() + 11)

    # -- text --------------------------------------------------------------------------------------------

    def width_of(self, text: str, size: float) -> float:
        """A text's width at a size, from each character's width (kept: a table of 100,000
        rows asks about the same few thousand characters)."""
        table = self._widths.setdefault(size, {})
        try:
            return sum([table[c] for c in text])
        except KeyError:
            drawing = self.font_size_pt
            self.set_font_size(size)
            for c in set(text) - table.keys():
                table[c] = float(self.get_string_width(c))
            self.set_font_size(drawing)
            return sum([table[c] for c in text])

    def wrap(self, text: str, width: float, size: float, most: int = 0) -> list[str]:
        """A text broken into lines no wider than ``width`` (at any character: Chinese has no
        spaces to break at); at most ``most`` lines, the last ending in … when cut."""
        if "\n" not in text and self.width_of(text, size) <= width:
            return [text]  # most cells: one line as it is
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in _WORDS.findall(paragraph):
                w = self.width_of(word, size)
                if used + w > width and line.strip():
                    lines.append(line.rstrip())
                    line, used = "", 0.0
                if w > width:  # a word longer than the line (an 身份證號 in a narrow cell) breaks anywhere
                    for char in word:
                        c = self.width_of(char, size)
                        if used + c > width and line:
                            lines.append(line)
                            line, used = "", 0.0
                        line += char
                        used += c
                    continue
                line += word
                used += w
            lines.append(line.rstrip())
        if most and len(lines) > most:
            lines = lines[:most]
            last = lines[-1]
            while last and self.width_of(last + "…", size) > width:
                last = last[:-1]
            lines[-1] = last + "…"
        return lines or [""]

    # -- the blocks --------------------------------------------------------------------------------------

    def draw(self) -> None:
        blocks = self.doc.blocks
        if self.doc.large:
            self.notice_size = self.fitting_size()
        for i, block in enumerate(blocks):
            if isinstance(block, Cover):
                self.cover(block)
                if self.doc.contents_title and i == 0:
                    sections = sum(1 for b in blocks if isinstance(b, Heading) and b.contents)
                    self.new_page()
                    self.insert_toc_placeholder(self.contents, pages=max(1, -(-sections // 30)))
                    self.fresh = True  # fpdf2 has begun the page after the contents
            elif isinstance(block, Heading):
                if self.pending is not None:  # a heading with nothing under it
                    self.new_page()
                self.pending = block
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Form):
                self.form(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
        if self.pending is not None:
            self.new_page()
        if self.pages_count == 0:
            self.new_page()

    def cover(self, cover: Cover) -> None:
        if self.doc.large:
            if self.pages_count == 0:
                self.new_page()
            self.set_font("cjk", size=30)
            self.text((self.w - self.width_of(cover.title, 30)) / 2, TOP + 16, cover.title)
            y = TOP + 28
            self.set_font("cjk", size=16)
            for line in cover.lines:
                self.text((self.w - self.width_of(line, 16)) / 2, y, line)
                y += 9
            self.set_y(y + 4)
            return
        self.plain.add(self.page_no() + 1)
        self.new_page()
        self.set_font("cjk", size=30)
        self.text((self.w - self.width_of(cover.title, 30)) / 2, 100, cover.title)
        y = 130.0
        for line in cover.lines:
            self.set_font("cjk", size=16)
            self.text((self.w - self.width_of(line, 16)) / 2, y, line)
            y += 12

    def contents(self, pdf: Any, outline: list[Any]) -> None:
        self.set_font("cjk", size=18)
        self.text((self.w - self.width_of(self.doc.contents_title, 18)) / 2, TOP + 10, self.doc.contents_title)
        y = TOP + 24
        self.set_font("cjk", size=12)
        for entry in outline:
            if y > self.bottom() - 8:
                break  # the pages were reserved for 30 entries each
            number = str(entry.page_number)
            self.text(MARGIN + 4, y, entry.name)
            self.text(self.w - MARGIN - self.width_of(number, 12), y, number)
            start = MARGIN + 6 + self.width_of(entry.name, 12)
            end = self.w - MARGIN - self.width_of(number, 12) - 2
            self.set_draw_color(150)
            self.set_dash_pattern(dash=0.3, gap=1.2)
            self.line(start, y, end, y)
            self.set_dash_pattern()
            self.set_draw_color(0)
            y += 8

    def fitting_size(self) -> float:
        """The largest type that puts the whole notice on one page."""
        room = self.bottom() - TOP - 40
        for size in (18.0, 16.0, 14.0, 12.0, 11.0, 10.0, 9.0, 8.0):
            need = 0.0
            for p in self.doc.blocks:
                if isinstance(p, Paragraph):
                    s = size * (1.15 if p.bold else 1.0)
                    need += len(self.wrap(p.text, self.usable(), s)) * s * PT * 1.5 + (s * PT * 0.6 if p.bold else 0)
            if need <= room:
                return size
        return 8.0

    def paragraph(self, p: Paragraph) -> None:
        size = p.size
        if self.doc.large:
            size = self.notice_size * (1.15 if p.bold else 1.0)
        lh = size * PT * 1.5
        lines = self.wrap(p.text, self.usable(), size)
        if self.pages_count == 0 or self.pending is not None or self.get_y() + lh > self.bottom():
            self.new_page()
        self.set_font("cjk", size=size)
        if p.bold:
            self.set_y(self.get_y() + lh * 0.4)
        for line in lines:
            if self.get_y() + lh > self.bottom() and not self.doc.large:
                self.new_page()
            self.text(MARGIN, self.get_y() + lh * 0.75, line)
            self.set_y(self.get_y() + lh)

    # -- a table, its header row on every page, its name column on every part ----------------------------

    def table(self, t: Table) -> None:
        size = 9.0
        pad = 2.0
        mm = self.measure(t, size, pad)
        portrait, landscape = 210 - 2 * MARGIN, 297 - 2 * MARGIN
        total = sum(mm)
        orientation = "P" if total <= portrait else "L"
        room = portrait if orientation == "P" else landscape
        parts = split_columns(mm, t.keep, room)
        for n, columns in enumerate(parts, start=1):
            widths = [mm[c] for c in columns]
            spare = room - sum(widths)
            if spare > 0:  # the columns fill the width, each in proportion
                widths = [w + spare * w / sum(widths) for w in widths]
            title = t.title + (" " + self.doc_part(n, len(parts)) if len(parts) > 1 else "")
            self.new_page(orientation)
            self.table_top(title, t.note, [t.headers[c] for c in columns], widths, size)
            lh = size * PT * 1.3
            top = self.get_y()
            for row in t.rows:
                cells = [self.wrap(row[c], widths[i] - pad, size, CELL_LINES) for i, c in enumerate(columns)]
                h = max(len(c) for c in cells) * lh + 1.6
                if self.get_y() + h > self.bottom():
                    self.column_rules(widths, top)
                    self.new_page(orientation)
                    self.table_top(title + " " + self.continued, "", [t.headers[c] for c in columns], widths, size)
                    top = self.get_y()
                y = self.get_y()
                self.row_text(cells, widths, y, lh, pad)
                self.set_y(y + h)
                self.line(MARGIN, y + h, MARGIN + sum(widths), y + h)
            self.column_rules(widths, top)

    def row_text(self, cells: list[list[str]], widths: list[float], y: float, lh: float, pad: float) -> None:
        """A row's text as one text object of the content stream: fpdf2's text() for each
        line of each cell costs a third of a 100,000-row register's time (same glyphs, the
        same subset: the font's own encode_text maps them)."""
        font = self.current_font
        k, height = self.k, self.h
        parts = ["BT"]
        x = float(MARGIN)
        for i, lines in enumerate(cells):
            for n, line in enumerate(lines):
                if line:
                    parts.append(f"1 0 0 1 {(x + pad / 2) * k:.2f} {(height - (y + 0.8 + lh * (n + 0.78))) * k:.2f} Tm "
                                 f"{font.encode_text(line)}")
            x += widths[i]
        if len(parts) > 1:
            parts.append("ET")
            self._out(" ".join(parts))

    def column_rules(self, widths: list[float], top: float) -> None:
        """The table's vertical rules on this page, from the header row to the last row."""
        x = float(MARGIN)
        for w in [0.0, *widths]:
            x += w
            self.line(x, top, x, self.get_y())

    def measure(self, t: Table, size: float, pad: float) -> list[float]:
        """Each column as wide as its widest cell in the first rows (measured in the font),
        at most 60 mm (a longer text wraps), a header of two lines at least."""
        widest = 60.0
        mm = [min(widest, self.width_of(h, size) / (2 if len(h) > 4 else 1)) for h in t.headers]
        for row in t.rows[:500]:
            for i, value in enumerate(row):
                if value and mm[i] < widest:
                    mm[i] = min(widest, max(mm[i], max(self.width_of(part, size) for part in value.split("\n"))))
        return [w + pad + 0.5 for w in mm]

    @property
    def continued(self) -> str:
        from storage.paper.texts import CONTINUED

        return CONTINUED(self.doc.lang)

    def doc_part(self, n: int, parts: int) -> str:
        from storage.paper.texts import COLUMNS_PART

        return COLUMNS_PART(self.doc.lang, part=n, parts=parts)

    def table_top(self, title: str, note: str, headers: list[str], widths: list[float], size: float) -> None:
        self.set_font("cjk", size=13)
        self.text(MARGIN, self.get_y() + 5, title)
        if note:
            self.set_font("cjk", size=9)
            self.text(self.w - MARGIN - self.width_of(note, 9), self.get_y() + 5, note)
        self.set_y(self.get_y() + 8)
        lh = size * PT * 1.3
        cells = [self.wrap(h, widths[i] - 2, size, 3) for i, h in enumerate(headers)]
        h = max(len(c) for c in cells) * lh + 1.6
        y, x = self.get_y(), float(MARGIN)
        self.set_font("cjk", size=size)
        self.set_fill_color(221, 235, 247)
        for i, lines in enumerate(cells):
            self.rect(x, y, widths[i], h, style="DF")
            for k, line in enumerate(lines):
                self.text(x + 1, y + 0.8 + lh * (k + 0.78), line)
            x += widths[i]
        self.set_fill_color(0)  # the rows' text is drawn in the fill colour: black again
        self.set_font("cjk", size=size)
        self.set_y(y + h)

    # -- a paper form ---------------------------------------------------------------------------------------

    def form(self, f: Form) -> None:
        self.new_page()
        self.set_font("cjk", size=18)
        self.text((self.w - self.width_of(f.title, 18)) / 2, self.get_y() + 7, f.title)
        self.set_y(self.get_y() + 11)
        if f.subtitle:
            self.set_font("cjk", size=10)
            self.text(MARGIN, self.get_y() + 4, f.subtitle)
            self.set_y(self.get_y() + 7)
        size, lh = 10.5, 10.5 * PT * 1.45
        top = self.get_y()
        photo_rows = 4 if f.photo else 0
        for n, line in enumerate(f.lines):
            if not line.pairs:
                continue
            width = self.usable() - (PHOTO_MM[0] if n < photo_rows else 0)
            if line.tall:
                self.tall_box(line, width, size, lh)
                continue
            share = width / len(line.pairs)
            cells = []
            for label, value in line.pairs:
                cells.append((self.wrap(label, LABEL_MM - 2, size, 2), self.wrap(value, share - LABEL_MM - 2, size, 4)))
            h = max(9.0, max(max(len(a), len(b)) for a, b in cells) * lh + 3)
            if n < photo_rows and f.photo:
                h = PHOTO_MM[1] / photo_rows
            if self.get_y() + h > self.bottom() - 10:
                self.new_page()
            y, x = self.get_y(), float(MARGIN)
            self.set_font("cjk", size=size)
            for label_lines, value_lines in cells:
                self.set_fill_color(242, 242, 242)
                self.rect(x, y, LABEL_MM, h, style="DF")
                self.rect(x + LABEL_MM, y, share - LABEL_MM, h)
                self.lines_in(label_lines, x + 1.5, y, h, lh)
                self.lines_in(value_lines, x + LABEL_MM + 1.5, y, h, lh)
                x += share
            self.set_y(y + h)
        if f.photo:
            x = MARGIN + self.usable() - PHOTO_MM[0]
            self.rect(x, top, PHOTO_MM[0], PHOTO_MM[1])
            from storage.paper.texts import PHOTO

            label = PHOTO(self.doc.lang)
            self.set_font("cjk", size=11)
            self.text(x + (PHOTO_MM[0] - self.width_of(label, 11)) / 2, top + PHOTO_MM[1] / 2, label)
        if f.footer:
            self.set_font("cjk", size=10)
            self.text(MARGIN, min(self.get_y() + 10, self.bottom() - 2), f.footer)

    def lines_in(self, lines: list[str], x: float, y: float, h: float, lh: float) -> None:
        """Lines of text centred in a box's height."""
        start = y + (h - len(lines) * lh) / 2
        for k, line in enumerate(lines):
            if line:
                self.text(x, start + lh * (k + 0.78), line)

    def tall_box(self, line: Line, width: float, size: float, lh: float) -> None:
        """A long text with its label at the left, as tall as it needs (at least ``tall``
        lines), carried on to the next page when the page is full."""
        label, value = line.pairs[0]
        lines = self.wrap(value, width - LABEL_MM - 3, size)
        label_lines = self.wrap(label, LABEL_MM - 2, size)
        first = True
        while lines or first:
            room = int((self.bottom() - 10 - self.get_y() - 3) // lh)
            if room < 2:
                self.new_page()
                continue
            chunk, lines = lines[:room], lines[room:]
            rows = max(len(chunk), line.tall if first else 0, len(label_lines))
            rows = min(rows, room)
            h = rows * lh + 3
            y, x = self.get_y(), float(MARGIN)
            self.set_font("cjk", size=size)
            self.set_fill_color(242, 242, 242)
            self.rect(x, y, LABEL_MM, h, style="DF")
            self.rect(x + LABEL_MM, y, width - LABEL_MM, h)
            self.lines_in(label_lines if first else [label, "…"], x + 1.5, y, h, lh)
            for k, text in enumerate(chunk):
                if text:
                    self.text(x + LABEL_MM + 1.5, y + 1.5 + lh * (k + 0.78), text)
            self.set_y(y + h)
            first = False
