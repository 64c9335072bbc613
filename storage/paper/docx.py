"""A document written as DOCX with python-docx, for offices that edit in WPS or Word: the
same blocks as the PDF, in 宋體 (SimSun) and, for running text, 仿宋 (FangSong), named with
the East-Asian font attribute so the office's own Chinese fonts draw it.

A table's header row is marked to repeat on every page, and a table too wide for the page
is split as the PDF splits it, the name column at the left of every part. Page numbers are
fields (PAGE, NUMPAGES) the office program fills in; the contents point at bookmarks."""

from __future__ import annotations

import io
from typing import Any

from storage.paper.document import Cover, Document, Form, Heading, Paragraph, Table, split_columns

SONG = "SimSun"  # 宋體
FANGSONG = "FangSong"  # 仿宋
MARGIN_MM = 12.0
#: About how wide a character of text is, in mm at 9 pt (Chinese counts two; Latin digits in a
#: fallback serif are this wide): DOCX has no font to measure the columns with.
CHAR_MM = 2.0
LABEL_MM = 30.0


def render(doc: Document) -> bytes:
    writer = _Docx(doc)
    writer.write()
    out = io.BytesIO()
    writer.d.save(out)
    return out.getvalue()


def font(run: Any, name: str, size: float | None = None) -> None:
    """A run in a named font, East-Asian text included (Word reads w:eastAsia for Chinese)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, r_fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), name)
    if size:
        run.font.size = Pt(size)


def style_font(style: Any, name: str) -> None:
    from docx.oxml.ns import qn

    style.font.name = name
    r_pr = style.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, r_fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)


def field(paragraph: Any, code: str, shown: str = "1", name: str = SONG, size: float | None = None) -> None:
    """A field (PAGE, NUMPAGES, PAGEREF …) as Word writes one: begin, code, separate, its last
    value, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        run = paragraph.add_run()
        font(run, name, size)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._element.append(element)

    char("begin")
    run = paragraph.add_run()
    font(run, name, size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    run._element.append(instr)
    char("separate")
    font(paragraph.add_run(shown), name, size)
    char("end")


class _Docx:
    def __init__(self, doc: Document) -> None:
        from docx import Document as NewDocx

        self.doc = doc
        self.d = NewDocx()
        self.first = True  # nothing on the first page yet
        self.orientation = "P"
        self.bookmarks = 0
        self.pending: Heading | None = None
        for name in ("Normal", "Title", "Heading 1", "Heading 2"):
            style_font(self.d.styles[name], SONG)
        self.d.styles["Normal"].font.size = _pt(10.5)
        self.d.core_properties.title = doc.title
        self.d.core_properties.author = "taizhang"
        self.page_setup(self.d.sections[0], "P")
        self.header_footer(self.d.sections[0])
        self.d.settings.element.append(self._update_fields())

    # -- pages ---------------------------------------------------------------------------------------

    @staticmethod
    def _update_fields() -> Any:
        """Ask Word to refresh the fields on opening (the contents' page numbers)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        element = OxmlElement("w:updateFields")
        element.set(qn("w:val"), "true")
        return element

    @staticmethod
    def page_setup(section: Any, orientation: str) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        section.orientation = WD_ORIENT.PORTRAIT if orientation == "P" else WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = (Mm(210), Mm(297)) if orientation == "P" else (Mm(297), Mm(210))
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
        section.top_margin = section.bottom_margin = Mm(16)
        section.header_distance = section.footer_distance = Mm(7)

    def header_footer(self, section: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if not self.doc.large:
            head = section.header.paragraphs[0]
            font(head.add_run(self.doc.running), SONG, 8)
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, _, rest = self.doc.page_of.partition("{page}")
        middle, _, after = rest.partition("{pages}")
        font(foot.add_run(before), SONG, 9)
        field(foot, "PAGE", size=9)
        font(foot.add_run(middle), SONG, 9)
        field(foot, "NUMPAGES", size=9)
        font(foot.add_run(after), SONG, 9)

    def room(self) -> float:
        return (210.0 if self.orientation == "P" else 297.0) - 2 * MARGIN_MM

    def new_page(self, orientation: str = "P") -> Any:
        """The first paragraph of a new page (of a new section when the orientation turns),
        with the section heading waiting for it."""
        from docx.enum.section import WD_SECTION

        if orientation != self.orientation and self.first:  # the first page: turn the first section
            self.orientation = orientation
            self.page_setup(self.d.sections[0], orientation)
        if orientation != self.orientation:
            section = self.d.add_section(WD_SECTION.NEW_PAGE)
            self.orientation = orientation
            self.page_setup(section, orientation)
            paragraph = self.d.add_paragraph()
        else:
            paragraph = self.d.add_paragraph()
            paragraph.paragraph_format.page_break_before = not self.first
        self.first = False
        if self.pending is not None:
            heading, self.pending = self.pending, None
            paragraph.style = self.d.styles["Heading 1"]
            run = paragraph.add_run(heading.text)
            font(run, SONG, 15)
            if heading.contents:
                self.bookmark(paragraph, heading)
            paragraph = self.d.add_paragraph()
        return paragraph

    def bookmark(self, paragraph: Any, heading: Heading) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.bookmarks += 1
        name = f"_section{self.bookmarks}"
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmarks))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmarks))
        paragraph._p.insert(0, start)
        paragraph._p.append(end)

    # -- the blocks ------------------------------------------------------------------------------------

    def write(self) -> None:
        for i, block in enumerate(self.doc.blocks):
            if isinstance(block, Cover):
                self.cover(block)
                if self.doc.contents_title and i == 0:
                    self.contents()
            elif isinstance(block, Heading):
                if self.pending is not None:
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

    def cover(self, cover: Cover) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        first = self.new_page()
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if not self.doc.large:
            first.paragraph_format.space_before = Mm(70)
        font(first.add_run(cover.title), SONG, 30 if not self.doc.large else 28)
        for line in cover.lines:
            p = self.d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Mm(4 if not self.doc.large else 1)
            font(p.add_run(line), SONG, 16)

    def contents(self) -> None:
        """The contents: each section's title and its page, a PAGEREF to its heading's
        bookmark that Word and LibreOffice fill in."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Mm

        title = self.new_page()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        font(title.add_run(self.doc.contents_title), SONG, 18)
        n = 0
        for block in self.doc.blocks:
            if isinstance(block, Heading) and block.contents:
                n += 1
                p = self.d.add_paragraph()
                p.paragraph_format.tab_stops.add_tab_stop(Mm(self.room()), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
                font(p.add_run(block.text + "\t"), SONG, 12)
                field(p, f"PAGEREF _section{n} \\h", shown="", size=12)

    def paragraph(self, block: Paragraph) -> None:
        from docx.shared import Mm

        size = block.size
        if self.doc.large:
            size = 18 if block.bold else 15
        p = self.new_page() if self.first or self.pending is not None else self.d.add_paragraph()
        if block.bold:
            p.paragraph_format.space_before = Mm(3)
        font(p.add_run(block.text), SONG if block.bold else FANGSONG, size)

    # -- a table -----------------------------------------------------------------------------------------

    def table(self, t: Table) -> None:
        mm = [w * CHAR_MM + 2.5 for w in t.widths]
        portrait, landscape = 210 - 2 * MARGIN_MM, 297 - 2 * MARGIN_MM
        orientation = "P" if sum(mm) <= portrait else "L"
        room = portrait if orientation == "P" else landscape
        parts = split_columns(mm, t.keep, room)
        from storage.paper.texts import COLUMNS_PART

        for n, columns in enumerate(parts, start=1):
            widths = [mm[c] for c in columns]
            spare = room - sum(widths)
            if spare > 0:
                widths = [w + spare * w / sum(widths) for w in widths]
            p = self.new_page(orientation)
            title = t.title + (" " + COLUMNS_PART(self.doc.lang, part=n, parts=len(parts)) if len(parts) > 1 else "")
            font(p.add_run(title), SONG, 13)
            if t.note:
                font(p.add_run("    " + t.note), SONG, 9)
            self.grid([t.headers[c] for c in columns], [[row[c] for c in columns] for row in t.rows], widths)

    def grid(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
        """The table written as WordprocessingML directly, row by row: python-docx's cell
        objects take a minute for a binder's tables, the XML a second."""
        from docx.oxml import parse_xml

        table = self.new_table(widths)
        twips = [_twips(w) for w in widths]
        head = "".join(_cell(text, w, size=9, fill="DDEBF7") for text, w in zip(headers, twips))
        # the header row repeats at the top of every page; no row splits across two pages
        table._tbl.append(parse_xml(f'<w:tr {_W}><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>'))
        for values in rows:
            cells = "".join(_cell(text, w, size=9) for text, w in zip(values, twips))
            table._tbl.append(parse_xml(f'<w:tr {_W}><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>'))

    def new_table(self, widths: list[float]) -> Any:
        from docx.oxml import parse_xml

        table = self.d.add_table(rows=0, cols=len(widths))
        table.style = "Table Grid"
        table.autofit = False
        _fixed_layout(table)
        grid = table._tbl.tblGrid
        for col in list(grid):
            grid.remove(col)
        for w in widths:
            grid.append(parse_xml(f'<w:gridCol {_W} w:w="{_twips(w)}"/>'))
        return table

    # -- a form ----------------------------------------------------------------------------------------------

    def form(self, f: Form) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import parse_xml
        from docx.shared import Mm

        from storage.paper.texts import PHOTO

        title = self.new_page("P")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        font(title.add_run(f.title), SONG, 18)
        if f.subtitle:
            font(self.d.add_paragraph().add_run(f.subtitle), SONG, 10)
        photo = 32.0 if f.photo else 0.0
        share = (self.room() - photo) / 2
        widths = [LABEL_MM, share - LABEL_MM, LABEL_MM, share - LABEL_MM] + ([photo] if photo else [])
        table = self.new_table(widths)
        tw = [_twips(w) for w in widths]
        lines = [line for line in f.lines if line.pairs]
        for n, line in enumerate(lines):
            beside_photo = bool(photo) and n < 4
            value_span = (3 if not photo or beside_photo else 4)  # columns a lone pair's value takes
            cells = []
            if len(line.pairs) == 1:
                label, text = line.pairs[0]
                cells.append(_cell(label, tw[0], size=10.5, fill="F2F2F2"))
                cells.append(_cell(text, sum(tw[1:1 + value_span]), size=10.5, span=value_span,
                                   font_name=FANGSONG if line.tall else None))
            else:
                (l1, v1), (l2, v2) = line.pairs[:2]
                last_span = 1 if not photo or beside_photo else 2
                cells += [_cell(l1, tw[0], size=10.5, fill="F2F2F2"), _cell(v1, tw[1], size=10.5),
                          _cell(l2, tw[2], size=10.5, fill="F2F2F2"),
                          _cell(v2, sum(tw[3:3 + last_span]), size=10.5, span=last_span)]
            if beside_photo:
                cells.append(_cell(PHOTO(self.doc.lang) if n == 0 else "", tw[4], size=11,
                                   merge="restart" if n == 0 else "continue"))
            height = _twips(max(9.0, 6.0 * line.tall))
            table._tbl.append(parse_xml(f'<w:tr {_W}><w:trPr><w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>'
                                        f'{"".join(cells)}</w:tr>'))
        if f.footer:
            p = self.d.add_paragraph()
            p.paragraph_format.space_before = Mm(6)
            font(p.add_run(f.footer), SONG, 10)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _twips(mm: float) -> int:
    return round(mm * 56.7)


def _cell(text: str, width: int, *, size: float, fill: str | None = None, span: int = 1, merge: str | None = None,
          font_name: str | None = None) -> str:
    """One table cell's XML: its width, shading, span and merge, and its text in lines (the
    document's own font, 宋體, unless named)."""
    from xml.sax.saxutils import escape

    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    fonts = (f'<w:rFonts w:ascii="{font_name}" w:hAnsi="{font_name}" w:eastAsia="{font_name}" w:cs="{font_name}"/>'
             if font_name else "")
    run_props = f'<w:rPr>{fonts}<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/></w:rPr>'
    paragraphs = "".join(
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
        + (f'<w:r>{run_props}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else "") + "</w:p>"
        for line in (text.split("\n") if text else [""])
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def _fixed_layout(table: Any) -> None:
    """Columns as wide as set, not as Word would guess from the contents."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
