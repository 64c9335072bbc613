"""taizhang print … --to FILE.docx, read back with python-docx: the same content as the PDF,
in 宋體/仿宋 named for the office's own fonts, header rows marked to repeat."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from paperutil import tree_hashes, village
from support import taizhang_here, today_pinned

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    home = tmp_path_factory.mktemp("paper-docx") / "home"
    with today_pinned():
        ids = village(home, members=30)
    return home, ids


def printed(home: Path, tmp_path: Path, *args: str) -> Any:
    from docx import Document

    target = tmp_path / "out.docx"
    done = taizhang_here("print", *args, "--to", str(target), home=home)
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout
    return Document(str(target))


def all_text(doc: Any) -> str:
    """Every paragraph's and every cell's text, headers and footers too."""
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def test_a_register_as_tables_whose_header_row_repeats_and_whose_parts_begin_with_the_name(town, tmp_path: Path) -> None:
    home, _ = town
    doc = printed(home, tmp_path, "members")
    assert len(doc.tables) >= 2  # too wide for one page across: split in parts
    for table in doc.tables:
        head = table.rows[0]
        assert head._tr.trPr.find(f"{W}tblHeader") is not None  # repeated at the top of every page
        assert head.cells[0].text == "姓名" and len(head.cells) > 2
        assert "龐秋菊" in [row.cells[0].text for row in table.rows[1:]]
    text = all_text(doc)
    for word in ("黨員花名冊", "示範村黨總支", "全部支部", "2026年", "13887400777", "林業管護崗", "第 1 部分"):
        assert word in text, word
    footer = doc.sections[0].footer.paragraphs[0]
    codes = [t.text.strip() for t in footer._p.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"] and footer.text.startswith("第") and "頁 共" in footer.text
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape: wide


def test_fonts_are_the_offices_song_and_fangsong_with_the_east_asian_attribute(town, tmp_path: Path) -> None:
    home, ids = town
    doc = printed(home, tmp_path, "--record", ids["meeting"])
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(f"{W}eastAsia") == "SimSun" and normal.get(f"{W}ascii") == "SimSun"
    fonts = {f.get(f"{W}eastAsia") for f in doc.element.body.iter(f"{W}rFonts")}
    assert fonts <= {"SimSun", "FangSong"} and "FangSong" in fonts  # the proceedings in 仿宋


def test_the_minutes_the_form_the_card_and_the_applicant_hold_what_the_pdf_holds(town, tmp_path: Path) -> None:
    home, ids = town
    text = all_text(printed(home, tmp_path, "--record", ids["meeting"]))
    for word in ("支部黨員大會記錄", "時間", "2026-11-12", "村委會議室", "主持人", "記錄人", "應到人數", "實到人數",
                 "缺席人員及原因", "喬振東(外出務工)", "議題", "討論發展對象人選", "會議內容", "第79點", "決議",
                 "同意確定蔣麗華為發展對象"):
        assert word in text, word
    form = printed(home, tmp_path, "--record", ids["member"])
    text = all_text(form)
    for word in ("黨員基本情況登記表", "龐秋菊", "照片", "11010519491231002X", "大寨村三組12號"):
        assert word in text, word
    text = all_text(printed(home, tmp_path, "--record", ids["card"]))
    assert "流動黨員管理卡" in text and "喬振東" in text and "13887400888" in text and "13912345678" in text
    text = all_text(printed(home, tmp_path, "--record", ids["applicant"]))
    assert "發展黨員紀實表" in text and "確定積極分子日期" in text and "2026-11-10" in text


def test_the_binder_has_its_cover_contents_sections_and_checklist(town, tmp_path: Path) -> None:
    home, _ = town
    doc = printed(home, tmp_path, "binder")
    text = all_text(doc)
    assert "黨建示範點台賬" in text and "目錄" in text
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["一卡  流動黨員管理卡", "二表  黨員基本情況登記表", "二表  致富典型登記表"]
    assert headings[-2:] == ["年度目標", "五好自查及佐證"]
    refs = [t.text.strip() for t in doc.element.body.iter(f"{W}instrText") if "PAGEREF" in t.text]
    bookmarks = {b.get(f"{W}name") for b in doc.element.body.iter(f"{W}bookmarkStart")}
    assert len(refs) == len(headings) and {r.split()[1] for r in refs} == bookmarks
    assert re.search(r"支部會議記錄 \d+ 條:", text)


def test_the_notice_in_large_type(town, tmp_path: Path) -> None:
    home, _ = town
    doc = printed(home, tmp_path, "notice", "--month", "2026-11")
    text = all_text(doc)
    assert "黨務公開" in text and "確定為入黨積極分子:蔣麗華" in text and "討論發展對象人選" in text
    sizes = {r.font.size.pt for p in doc.paragraphs for r in p.runs if r.font.size and r.text.strip()}
    assert min(sizes) >= 15


def test_a_refusal_writes_no_docx_and_changes_nothing(town, tmp_path: Path) -> None:
    home, _ = town
    before = tree_hashes(home)
    done = taizhang_here("print", "nosuch", "--to", str(tmp_path / "x.docx"), home=home)
    assert done.returncode == 1 and "nosuch" in done.stderr
    assert tree_hashes(home) == before and not (tmp_path / "x.docx").exists()
