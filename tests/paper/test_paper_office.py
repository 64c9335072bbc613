"""What an office program prints: LibreOffice (headless, as CI installs it) turns the exported
workbook and a printed DOCX into PDF, and every page of a register holds its header row
and says whose each row is (the name column, or a meeting's type and date)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from paperutil import pdf_pages, tool, village
from support import ROOT, taizhang_here, today_pinned

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    home = tmp_path_factory.mktemp("paper-office") / "home"
    with today_pinned():
        ids = village(home, members=30)
    return home, ids


def office_pdf(files: list[Path], out: Path) -> list[Path]:
    """Each file converted by LibreOffice, in a profile and font folder of its own: the
    program's shipped font is the Chinese font it finds (a fresh machine may have none)."""
    soffice = tool("soffice")
    profile = out / "profile"
    fonts = profile / "data" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(ROOT / "storage" / "fonts" / "NotoSansCJKsc-Regular-subset.otf", fonts)
    env = {**os.environ, "HOME": str(profile), "XDG_DATA_HOME": str(profile / "data"),
           "XDG_CACHE_HOME": str(profile / "cache"), "XDG_CONFIG_HOME": str(profile / "config"),
           "LC_ALL": "C.UTF-8"}  # the tests' zh_TW locale may not be installed: LibreOffice then loses a Chinese file name
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, files)], check=True, env=env, capture_output=True, timeout=600)
    converted = [out / (f.stem + ".pdf") for f in files]
    assert all(p.exists() for p in converted), list(out.iterdir())
    return converted


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_workbook_and_the_docx_print_whole_rows_on_every_page(town, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from storage import catalogue
    from storage.tables.exporting import _naming_columns

    home, _ = town
    workbook = tmp_path / "台賬.xlsx"
    assert taizhang_here("export", "all", "--to", str(workbook), home=home).returncode == 0
    members_docx, cards_docx = tmp_path / "members.docx", tmp_path / "cards.docx"
    assert taizhang_here("print", "members", "--to", str(members_docx), home=home).returncode == 0
    assert taizhang_here("print", "mobile_members", "--to", str(cards_docx), home=home).returncode == 0
    sheet_pdf, members_pdf, cards_pdf = office_pdf([workbook, members_docx, cards_docx], tmp_path)

    # the workbook: a sheet's pages each carry the organisation and the sheet's name at the top
    wb = load_workbook(workbook, read_only=True)
    by_title = {reg.title("zh-Hant"): reg for reg in catalogue.registers()}
    pages = pdf_pages(sheet_pdf)
    assert len(pages) < 161  # the count for the demo before page setup; this village is smaller still
    seen: set[str] = set()
    for n, page in enumerate(pages, start=1):
        top = next((line for line in page.splitlines() if "示範村黨總支" in line), None)
        assert top is not None, (n, page[:300])  # the organisation in the page's header
        sheet = top.split()[-1]  # and the sheet's name at its right
        assert sheet in wb.sheetnames, sheet
        assert f"第{n}頁共{len(pages)}頁" in flat(page)
        seen.add(sheet)
        reg = by_title.get(sheet)
        if reg is None and sheet not in ("目錄", "目標", "五好自查"):
            continue  # a sheet of figures and charts (the statistics): no table to repeat
        rows = list(wb[sheet].iter_rows(min_row=2, values_only=True))
        headers, body = [str(h) for h in rows[0]], rows[1:]
        keep = _naming_columns(reg) if reg else 1
        for header in headers[:keep]:
            assert flat(header) in flat(page), (n, sheet, header)  # the header row, its naming columns
        if body:
            names = {flat(r[0].date().isoformat() if hasattr(r[0], "date") else str(r[0])) for r in body if r[0] is not None}
            assert any(name in flat(page) for name in names), (n, sheet)  # whose rows these are
        if reg is not None and reg.slug in ("members", "mobile_members"):
            assert flat(reg.label(reg.name_field, "zh-Hant")) in flat(page)
    assert {"黨員花名冊", "流動黨員管理卡", "支部會議記錄", "目標", "五好自查"} <= seen
    phones = [p for p in pages if "13912345678" in p]  # a member away: her phone prints where her name does
    assert phones and all("喬振東" in p for p in phones)

    # the DOCX: every page has the header row and the members' names
    for pdf, name_header, name in ((members_pdf, "姓名", "龐秋菊"), (cards_pdf, "黨員", "喬振東")):
        pages = pdf_pages(pdf)
        assert pages
        for n, page in enumerate(pages, start=1):
            header = next((line for line in page.splitlines() if line.split() and line.split()[0] == name_header), None)
            assert header is not None and len(header.split()) >= 2, (pdf.name, n, page[:300])
            assert f"第{n}頁共{len(pages)}頁" in flat(page)
        assert any(name in p for p in pages)
