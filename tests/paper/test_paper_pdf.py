"""taizhang print … --to FILE.pdf: read back as poppler reads it, page by page, and drawn
to pictures that must not be blank."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from paperutil import LONG_SPEECH, pdf_page_sizes, pdf_pages, tool, tree_hashes, village
from support import taizhang_here, today_pinned


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    home = tmp_path_factory.mktemp("paper") / "home"
    with today_pinned():
        ids = village(home)
    return home, ids


def printed(home: Path, tmp_path: Path, *args: str, name: str = "out.pdf") -> tuple[Path, str]:
    target = tmp_path / name
    done = taizhang_here("print", *args, "--to", str(target), home=home)
    assert done.returncode == 0, done.stderr
    return target, done.stdout


def footers_run_in_order(pages: list[str]) -> None:
    for n, text in enumerate(pages, start=1):
        assert f"第{n}頁共{len(pages)}頁" in re.sub(r"\s+", "", text), (n, text[-200:])


def test_a_wide_register_keeps_its_header_row_and_name_column_on_every_page(town, tmp_path: Path) -> None:
    home, ids = town
    target, said = printed(home, tmp_path, "members")
    pages = pdf_pages(target)
    assert f"{len(pages)} 頁" in said
    assert len(pages) >= 4  # 42 members, their 30-odd columns split in parts
    from storage.store import Store

    names = {m["name"] for m in Store.open(home, readonly=True).records("members")}
    phones_seen = False
    for text in pages:
        assert "示範村黨總支" in text and "全部支部" in text and "2026年" in text  # the title on every page
        assert "黨員花名冊" in text
        header = next(line for line in text.splitlines() if line.strip().startswith("姓名"))
        assert len(header.split()) >= 3, header  # the header row, not the name alone
        listed = [line.split()[0] for line in text.splitlines()[text.splitlines().index(header) + 1:]
                  if line.split() and line.split()[0] in names]
        assert listed, text  # whose rows these are, on every page of every part
        phones_seen |= "聯繫電話" in header and "13887400777" in text
    assert phones_seen  # the phones print on a page that says whose they are
    assert "龐秋菊" in "".join(pages) and "林業管護崗" in "".join(pages)
    footers_run_in_order(pages)
    assert all(w > h for w, h in pdf_page_sizes(target))  # wide: landscape


def test_a_narrow_register_prints_upright_in_one_part(town, tmp_path: Path) -> None:
    home, _ = town
    target, _ = printed(home, tmp_path, "branches")
    sizes = pdf_page_sizes(target)
    assert sizes and all(h > w for w, h in sizes)
    pages = pdf_pages(target)
    assert "部分欄目" not in "".join(pages)
    assert "大寨支部" in pages[0]


def test_a_members_form_is_one_page_with_a_box_for_the_photo(town, tmp_path: Path) -> None:
    home, ids = town
    target, _ = printed(home, tmp_path, "--record", ids["member"])
    pages = pdf_pages(target)
    assert len(pages) == 1
    text = pages[0]
    for word in ("黨員基本情況登記表", "龐秋菊", "照片", "11010519491231002X", "1990-07-01", "林業管護崗",
                 "大寨村三組12號", ids["branch"]):
        assert word in text, word


def test_the_card_of_a_member_working_away_names_whose_it_is(town, tmp_path: Path) -> None:
    home, ids = town
    target, _ = printed(home, tmp_path, "mobile_members", "--record", ids["card"])
    text = "".join(pdf_pages(target))
    for word in ("流動黨員管理卡", "喬振東", "13887400888", "LD-2026-09", "廣東東莞", "13912345678"):
        assert word in text, word


def test_a_minutes_page_as_the_book_lays_it_out_carried_over_when_long(town, tmp_path: Path) -> None:
    home, ids = town
    target, _ = printed(home, tmp_path, "--record", ids["meeting"])
    pages = pdf_pages(target)
    first = pages[0]
    for word in ("支部黨員大會記錄", "時間", "2026-11-12", "地點", "村委會議室", "主持人", "記錄人", "應到人數",
                 "實到人數", "缺席人員及原因", "喬振東(外出務工)", "議題", "討論發展對象人選", "會議內容"):
        assert word in first, word
    whole = re.sub(r"\s+", "", "".join(pages))
    assert "決議" in whole and "同意確定蔣麗華為發展對象" in whole and "贊成1" in whole
    assert len(pages) >= 2 and "第79點" in whole  # the long proceedings go on, none lost
    assert re.sub(r"\s+", "", LONG_SPEECH[-30:]) in whole
    footers_run_in_order(pages)


def test_an_applicants_record_lists_the_steps_with_their_dates(town, tmp_path: Path) -> None:
    home, ids = town
    target, _ = printed(home, tmp_path, "--record", ids["applicant"])
    text = re.sub(r"\s+", "", "".join(pdf_pages(target, layout=False)))
    for word in ("發展黨員紀實表", "蔣麗華", "申請入黨日期", "2025-09-01", "確定積極分子日期", "2026-11-10", "入黨宣誓日期"):
        assert word in text, word


def test_the_binder_has_a_cover_contents_that_point_right_and_the_checklist_with_evidence(town, tmp_path: Path) -> None:
    home, _ = town
    target, said = printed(home, tmp_path, "binder", "--year", "2026")
    pages = pdf_pages(target)
    assert "黨建示範點台賬" in pages[0] and "示範村黨總支" in pages[0] and "2026年" in pages[0]
    contents = pages[1]
    assert "目錄" in contents
    entries = re.findall(r"^\s*(\S+\s+\S+?)\s*\.*\s+(\d+)\s*$", contents, re.M)
    titles = [t for t, _ in entries]
    for expected in ("一卡 流動黨員管理卡", "二表 黨員基本情況登記表", "三簿 支部會議記錄", "十冊 黨員花名冊",
                     "十冊 黨費收繳冊", "十冊 典型事跡匯總冊"):
        assert any(re.sub(r"\s+", " ", t) == expected for t in titles), (expected, titles)
    order = [re.sub(r"\s+", " ", t).split(" ")[0] for t in titles[:16]]
    assert order == ["一卡", "二表", "二表", "三簿", "三簿", "三簿", *["十冊"] * 10]  # the plan's order
    for title, page in entries:
        assert re.sub(r"\s+", " ", title).split(" ")[-1] in pages[int(page) - 1], (title, page)
    assert "年度目標" in contents and "五好自查及佐證" in contents
    whole = "".join(pages)
    assert "龐秋菊" in whole and "討論發展對象人選" in whole
    checklist = "".join(p for p in pages if "五好自查及佐證" in p)
    assert "佐證" in checklist and re.search(r"支部會議記錄 \d+ 條:", re.sub(r"\s+", " ", checklist))
    footers_run_in_order(pages)
    assert f"{len(pages)} 頁" in said
    assert target.stat().st_mode & 0o777 == 0o600  # the members' details: the user's alone, as an export is


def test_the_notice_is_one_large_page_of_the_month(town, tmp_path: Path) -> None:
    home, ids = town
    target, _ = printed(home, tmp_path, "notice", "--month", "2026-11")
    pages = pdf_pages(target)
    assert len(pages) == 1
    text = re.sub(r"\s+", "", pages[0])
    assert re.search(ids["branch"] + r":\d+人次,\d+\.\d\d元", text) and "合計:" in text
    for word in ("黨務公開", "示範村黨總支2026年11月", "黨費收繳",
                 "確定為入黨積極分子:蔣麗華", "討論發展對象人選", "支部黨員大會"):
        assert word in text, word


def test_in_simplified_chinese_and_english(town, tmp_path: Path) -> None:
    home, ids = town
    target = tmp_path / "en.pdf"
    assert taizhang_here("print", "--record", ids["meeting"], "--to", str(target), "--lang", "en", home=home).returncode == 0
    text = "".join(pdf_pages(target, layout=False))
    assert "Minutes" in text and "Absent,andwhy" in re.sub(r"\s+", "", text) and re.search(r"Page\s+1\s+of", text)
    target = tmp_path / "hans.pdf"
    assert taizhang_here("print", "members", "--to", str(target), "--lang", "zh-Hans", home=home).returncode == 0
    text = pdf_pages(target)[0]
    assert "党员花名册" in text and "第1页共" in re.sub(r"\s+", "", text)


@pytest.mark.parametrize("args, says", [
    (["nosuch"], "不知道要打印「nosuch」"),
    (["--record", "zzzzzzzz"], "找不到"),
    (["meetings", "--record", "MEMBER"], "不在支部會議記錄裡"),
    (["notice"], "--month 2026-11"),
    (["notice", "--month", "2026-13"], "不是月份"),
])
def test_a_refusal_says_what_to_do_and_changes_nothing(town, tmp_path: Path, args: list[str], says: str) -> None:
    home, ids = town
    args = [ids["member"] if a == "MEMBER" else a for a in args]
    before = tree_hashes(home)
    target = tmp_path / "x.pdf"
    done = taizhang_here("print", *args, "--to", str(target), home=home)
    assert done.returncode == 1 and says in done.stderr and "Traceback" not in done.stderr
    assert tree_hashes(home) == before and not target.exists()


def test_a_bad_file_name_or_folder_is_refused(town, tmp_path: Path) -> None:
    home, _ = town
    before = tree_hashes(home)
    done = taizhang_here("print", "members", "--to", str(tmp_path / "x.txt"), home=home)
    assert done.returncode == 1 and ".pdf" in done.stderr and ".docx" in done.stderr
    done = taizhang_here("print", "members", "--to", str(tmp_path / "no" / "x.pdf"), home=home)
    assert done.returncode == 1 and "no" in done.stderr and "Traceback" not in done.stderr
    assert tree_hashes(home) == before and list(tmp_path.iterdir()) == []


def test_a_character_the_font_lacks_is_named_before_it_prints_as_a_box(tmp_path: Path) -> None:
    from storage.store import Store

    store = Store.create(tmp_path / "home", organisation="測試村黨總支", branches=["第一支部"])
    rid = store.add("members", {"name": "𠮷野", "branch": "第一支部"})["id"]
    store.close()
    done = taizhang_here("print", "--record", rid, "--to", str(tmp_path / "x.pdf"), home=tmp_path / "home")
    assert done.returncode == 0 and "𠮷" in done.stderr and "方框" in done.stderr


# -- pictures -------------------------------------------------------------------------------------------


def picture(pdf: Path, page: int, out: Path) -> Path:
    subprocess.run([tool("pdftoppm"), "-r", "50", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(out)], check=True)
    return out.with_suffix(".png")


def ink(png: Path) -> float:
    """The share of a page's pixels that are not white."""
    from PIL import Image

    image = Image.open(png).convert("L")
    dark = sum(image.histogram()[:200])
    return dark / (image.width * image.height)


def test_pictures_of_the_binder_a_form_a_minutes_page_and_the_notice_are_not_blank(town, tmp_path: Path) -> None:
    home, ids = town
    shots = tmp_path / "shots"
    shots.mkdir()
    binder, _ = printed(home, tmp_path, "binder", name="binder.pdf")
    form, _ = printed(home, tmp_path, "--record", ids["member"], name="form.pdf")
    minutes, _ = printed(home, tmp_path, "--record", ids["meeting"], name="minutes.pdf")
    board, _ = printed(home, tmp_path, "notice", "--month", "2026-11", name="notice.pdf")
    pictures = [picture(binder, n, shots / f"binder-{n}") for n in (1, 2, 3, 4)]
    pictures += [picture(form, 1, shots / "form"), picture(minutes, 1, shots / "minutes"),
                 picture(board, 1, shots / "notice")]
    for png in pictures:
        assert 0.003 < ink(png) < 0.5, png.name  # text and lines drawn, not a blank nor a black page
    assert ink(shots / "form.png") > ink(shots / "binder-1.png")  # a form's grid holds more than a cover
