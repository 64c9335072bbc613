"""Excel and CSV in and out: an exported workbook read back matches the store, a CSV reads
back with its BOM, and a messy roster either imports every good row or reports each bad
one, and never half-imports."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from storage import catalogue
from storage.fields import id_check_character, mask_id_number
from storage.messages import StoreError
from storage.tables import ImportRefused, check_import, export, plan_import, read_rows, run_import


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*"))
            if p.is_file() and p.name != ".lock"}


def id_number(born: str, seq: str = "001") -> str:
    body = f"530323{born}{seq}"
    return body + id_check_character(body)


@pytest.fixture
def filled(store):  # type: ignore[no-untyped-def]
    """A store with a little of everything the export must carry."""
    a = store.add("members", {"name": "張桂英", "id_number": id_number("19680312", "002"), "branch": "第一支部",
                              "phone": "13887400123", "joined_on": "1990-07-01", "dues_class": "農民",
                              "post": "林業管護崗"})["id"]
    b = store.add("members", {"name": "阿依古麗·買買提", "branch": "第二支部", "dues_class": "在職", "dues_base": "4500",
                              "mobile": True})["id"]
    store.add("meetings", {"kind": "支委會", "held_on": "2026-11-05", "branch": "第一支部", "topic": "研究工作",
                           "attendance": [{"member": a}, {"member": b, "status": "absent", "reason": "外出務工"}]})
    store.add("dues", {"member": a, "period_from": "2026-01", "period_to": "2026-06", "amount": "3", "paid_on": "2026-01-05"})
    store.add("remote_education", {"held_on": "2026-03-01", "programme": "=HYPERLINK(\"x\")", "category": "film"})
    return store


# -- out ---------------------------------------------------------------------------------------------


def test_a_workbook_of_all_registers_reads_back_as_the_store(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "台賬.xlsx"
    done = export(filled, "all", target)
    wb = load_workbook(target)
    titles = [reg.title.hant for reg in catalogue.registers()]
    assert wb.sheetnames == ["目錄", *titles, "目標", "五好自查", "黨內統計"]
    for reg in catalogue.registers():
        ws = wb[reg.title.hant]
        assert ws.freeze_panes == "A3"  # the title line and the header stay in view
        headers = [c.value for c in ws[2]]
        assert headers[0] == reg.label(list(reg.fields)[0], "zh-Hant") and headers[-1] == "編號"
        assert ws.max_row - 2 == filled.count(reg.slug) == done.sheets[reg.title.hant], reg.slug
        assert ws.column_dimensions["A"].width >= 6
    members = wb["黨員花名冊"]
    headers = [c.value for c in members[2]]
    rows = {r[headers.index("編號")]: dict(zip(headers, r)) for r in members.iter_rows(min_row=3, values_only=True)}
    for record in filled.records("members"):
        row = rows[record["id"]]
        assert row["姓名"] == record["name"]
        assert row["身份證號"] == record.get("id_number")  # in full, as text
        assert row["所屬支部"] == filled.name_of("branches", record["branch"])
        assert row["聯繫電話"] == record.get("phone")
        assert row["是否流動黨員"] == ("是" if record.get("mobile") else "否")
        if record.get("joined_on"):
            assert row["入黨日期"] == datetime.fromisoformat(record["joined_on"])  # a real date cell
        if record.get("dues_base"):
            assert float(row["黨費基數(月收入,元)"]) == float(record["dues_base"])
    meeting = [c.value for c in wb["支部會議記錄"][3]]
    assert "張桂英、阿依古麗·買買提(缺席:外出務工)" in meeting
    film = wb["遠程教育記錄"]
    cell = next(c for c in film[3] if c.value and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s"  # text from a record is never a formula
    targets = [r[0] for r in wb["目標"].iter_rows(min_row=3, values_only=True)]
    assert "中心組每月學習" in targets
    checklist = [r[1] for r in wb["五好自查"].iter_rows(min_row=3, values_only=True)]
    assert "1.1" in checklist and "col.style" in checklist and "review" in checklist


def test_one_register_in_english_and_masked(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "members.xlsx"
    export(filled, "黨員花名冊", target, lang="en", reveal=False, branch="第一支部")
    ws = load_workbook(target).worksheets[0]
    assert ws.title == "Party members"
    headers = [c.value for c in ws[2]]
    row = dict(zip(headers, next(ws.iter_rows(min_row=3, values_only=True))))
    assert row["Name"] == "張桂英" and row["ID number"] == mask_id_number(id_number("19680312", "002"))
    assert ws.max_row == 3  # one branch only


def test_csv_has_a_bom_and_reads_back(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "members.csv"
    export(filled, "members", target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on a Chinese Windows reads UTF-8 with it
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
    by_name = {r["姓名"]: r for r in rows}
    assert set(by_name) == {"張桂英", "阿依古麗·買買提"}
    assert by_name["張桂英"]["身份證號"] == id_number("19680312", "002")
    assert by_name["張桂英"]["入黨日期"] == "1990-07-01" and by_name["張桂英"]["所屬支部"] == "第一支部"
    assert by_name["阿依古麗·買買提"]["黨費基數(月收入,元)"] == "4500.00"


def test_export_refuses_what_it_cannot_write(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError):
        export(filled, "all", tmp_path / "all.csv")
    with pytest.raises(StoreError):
        export(filled, "members", tmp_path / "members.txt")
    with pytest.raises(StoreError):
        export(filled, "no_such_register", tmp_path / "x.xlsx")
    assert list(tmp_path.glob("*")) == [filled.home]


def test_an_export_imports_back_into_another_store(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from storage.store import Store

    for suffix in (".xlsx", ".csv"):
        target = tmp_path / f"members{suffix}"
        export(filled, "members", target)
        other = Store.create(tmp_path / f"other{suffix}", organisation="另一村", branches=["第一支部", "第二支部"])
        plan = plan_import(other, "members", target)
        assert plan.header_line == (2 if suffix == ".xlsx" else 1)
        assert {c.header: c.how for c in plan.columns}["編號"] == "ignored"
        result = run_import(other, plan)
        assert len(result.ids) == 2 and not result.failures
        mine = {m["name"]: {k: v for k, v in m.items() if not k.startswith("_") and k not in ("id", "branch")}
                for m in filled.records("members")}
        theirs = {m["name"]: {k: v for k, v in m.items() if not k.startswith("_") and k not in ("id", "branch")}
                  for m in other.records("members")}
        assert mine == theirs
        assert {other.name_of("branches", m["branch"]) for m in other.records("members")} == {"第一支部", "第二支部"}


# -- in: a messy roster --------------------------------------------------------------------------------


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


GOOD_ROWS: list[list[Any]] = [
    [1, "張桂英", "女", "1968.03", id_number("19680312", "002"), "13887400123", "1990.07", "大寨支部", "無"],
    [2, "李國華", "男", "1975年6月", fullwidth(id_number("19750601", "013")), fullwidth("138 1234 5678"),
     datetime(1999, 7, 1), "大寨支部", None],
    [3, "王建明", "男", None, "530323680312011", "0874-5123456", "1988-07-01", "新街支部", "老黨員"],  # 15 digits
    [4, "阿依古麗·買買提", "女", "1990.02", None, "無", "2015.7.1", "新街支部", "—"],
]
BAD_ROWS: list[list[Any]] = [
    [5, "趙永富", "男", "1980.01", "530323198001010010", "13912345678", "2005-07-01", "大寨支部", None],  # checksum
    [6, "錢秀蘭", "男", "1985.05", id_number("19850505", "022"), None, "2010-07-01", "大寨支部", None],  # 女 by the ID
    [7, "孫國強", "男", None, None, "123", "2010-07-01", "沒有的支部", None],  # a bad phone, an unknown branch
]
HEADER = ["序號", "姓名", "性別", "出生年月", "身份證號碼", "聯系電話", "入黨時間", "所在支部", "備註"]


def messy_roster(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["大寨村黨總支黨員花名冊"])
    ws.merge_cells("A1:I1")
    ws.append(["填報單位:大寨村黨總支", None, None, None, None, "填報日期:2026年11月"])
    ws.merge_cells("A2:E2")
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    ws.append([None])
    ws.append(["填表人:王書記", None, "審核人:李主任"])
    wb.save(path)
    return path


@pytest.fixture
def village(home):  # type: ignore[no-untyped-def]
    from storage.store import Store

    return Store.create(home, organisation="大寨村黨總支", branches=["大寨支部", "新街支部"])


def test_the_header_is_found_under_merged_title_rows(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = plan_import(village, "members", messy_roster(tmp_path / "roster.xlsx", GOOD_ROWS))
    assert plan.header_line == 3
    assert plan.mapping == {"姓名": "name", "性別": "gender", "出生年月": "birth_date", "身份證號碼": "id_number",
                            "聯系電話": "phone", "入黨時間": "joined_on", "所在支部": "branch", "備註": "note"}
    assert {c.header: c.how for c in plan.columns}["序號"] == "ignored"
    assert [r.line for r in plan.rows] == [4, 5, 6, 7] and plan.skipped == [9]  # the footer is not a member


def test_a_messy_roster_imports_every_row_cleaned(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = plan_import(village, "members", messy_roster(tmp_path / "roster.xlsx", GOOD_ROWS))
    assert check_import(village, plan) == []
    result = run_import(village, plan)
    assert len(result.ids) == 4
    got = {m["name"]: m for m in village.records("members")}
    zhang = got["張桂英"]
    assert zhang["birth_date"] == "1968-03-12"  # the month agreed with the ID, which gives the day
    assert zhang["joined_on"] == "1990-07-01" and "note" not in zhang  # 無 is blank
    li = got["李國華"]
    assert li["id_number"] == id_number("19750601", "013") and li["phone"] == "13812345678"  # full-width digits
    assert li["joined_on"] == "1999-07-01"
    wang = got["王建明"]
    assert len(wang["id_number"]) == 18 and wang["id_number"].startswith("53032319680312011")  # upgraded
    assert wang["phone"] == "0874-5123456" and wang["note"] == "老黨員"
    ayi = got["阿依古麗·買買提"]
    assert "phone" not in ayi and "note" not in ayi and ayi["birth_date"] == "1990-02-01"
    assert village.name_of("branches", ayi["branch"]) == "新街支部"
    assert any("1 日" in n for r in plan.rows for n in r.notes)


def test_bad_rows_are_each_reported_and_nothing_is_imported(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = plan_import(village, "members", messy_roster(tmp_path / "roster.xlsx", GOOD_ROWS + BAD_ROWS))
    before = snapshot(village.home)
    with pytest.raises(ImportRefused) as refused:
        run_import(village, plan)
    assert snapshot(village.home) == before  # not half-imported: not a byte changed
    assert village.count("members") == 0
    failures = {f.line: f for f in refused.value.failures}
    assert set(failures) == {8, 9, 10}  # the sheet's own row numbers
    reg = village.register("members")
    assert any("校驗位" in m for m in failures[8].messages(reg))
    assert any(m.startswith("性別") and "身份證號" in m for m in failures[9].messages(reg))
    assert failures[9].name == "錢秀蘭"
    ten = failures[10].messages(reg)
    assert any(m.startswith("聯繫電話") for m in ten) and any("沒有的支部" in m for m in ten)
    assert "--only-good" in refused.value.message() and "4" in refused.value.message()


def test_only_the_good_rows_when_asked(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = plan_import(village, "members", messy_roster(tmp_path / "roster.xlsx", GOOD_ROWS + BAD_ROWS))
    result = run_import(village, plan, only_good=True)
    assert len(result.ids) == 4 and [f.line for f in result.failures] == [8, 9, 10]
    assert sorted(m["name"] for m in village.records("members")) == sorted(r[1] for r in GOOD_ROWS)


def test_two_rows_of_one_person_and_a_person_already_there(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    village.add("members", {"name": "張桂英", "id_number": id_number("19680312", "002")})
    twice = GOOD_ROWS[1:2] + [[9, "李國華", "男", None, id_number("19750601", "013"), None, None, "大寨支部", None]]
    plan = plan_import(village, "members", messy_roster(tmp_path / "roster.xlsx", GOOD_ROWS[:1] + twice))
    failures = check_import(village, plan)
    assert [f.line for f in failures] == [4, 6]  # already on the roll; the same ID twice in the file
    result = run_import(village, plan, only_good=True)
    assert len(result.ids) == 1 and village.count("members") == 2


def test_an_id_number_excel_turned_into_a_number_is_explained(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    row = [1, "張桂英", "女", None, float(id_number("19680312", "002")), None, None, "大寨支部", None]
    plan = plan_import(village, "members", messy_roster(tmp_path / "roster.xlsx", [row]))
    [failure] = check_import(village, plan)
    assert any("文本" in m for m in failure.messages(village.register("members")))


def test_map_names_what_is_not_recognised(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "odd.csv"
    path.write_text("名單,本人聯絡,黨齡\n張桂英,13887400123,35\n", encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        plan_import(village, "members", path)  # no column is recognisably the name
    assert "--map" in refused.value.message()
    plan = plan_import(village, "members", path, maps=["名單=姓名", "本人聯絡=phone", "黨齡=-"],
                       branch="大寨支部")  # a roster of one branch (issue 12: a member is in a branch)
    assert plan.mapping == {"名單": "name", "本人聯絡": "phone"}
    assert {c.header: c.how for c in plan.columns}["黨齡"] == "ignored"
    assert len(run_import(village, plan, only_good=False).ids) == 1
    with pytest.raises(StoreError):
        plan_import(village, "members", path, maps=["名單=shoe_size"])
    with pytest.raises(StoreError):
        plan_import(village, "members", path, maps=["沒有這列=name"])


def test_a_gb18030_csv_from_chinese_excel(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "roster.csv"
    path.write_bytes("姓名,性别,联系电话,所在支部\r\n张桂英,女,13887400123,大寨支部\r\n".encode("gb18030"))
    rows = read_rows(path)
    assert rows[1][0] == "张桂英"
    plan = plan_import(village, "members", path)
    assert plan.mapping == {"姓名": "name", "性别": "gender", "联系电话": "phone", "所在支部": "branch"}
    assert len(run_import(village, plan).ids) == 1


def test_a_default_branch_for_rows_without_one(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "roster.csv"
    path.write_text("姓名,電話\n張三,13887400123\n李四,\n", encoding="utf-8-sig")
    plan = plan_import(village, "members", path, branch="新街支部")
    run_import(village, plan)
    assert {village.name_of("branches", m["branch"]) for m in village.records("members")} == {"新街支部"}


def test_dry_run_checking_writes_nothing(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = plan_import(village, "members", messy_roster(tmp_path / "roster.xlsx", GOOD_ROWS))
    before = snapshot(village.home)
    assert check_import(village, plan) == []
    assert snapshot(village.home) == before and village.count("members") == 0


def test_a_date_cell_and_a_meeting_with_attendance_import(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = village.add("members", {"name": "張桂英", "branch": "大寨支部"})["id"]
    village.add("members", {"name": "李國華", "branch": "大寨支部"})
    target = tmp_path / "meetings.xlsx"
    village.add("meetings", {"kind": "支委會", "held_on": "2026-11-05", "branch": "大寨支部", "topic": "研究",
                             "attendance": [{"member": a}, {"member": "李國華", "status": "absent", "reason": "生病"}]})
    export(village, "meetings", target)
    from storage.store import Store

    other = Store.create(tmp_path / "other", organisation="村", branches=["大寨支部"])
    other.add("members", {"name": "張桂英", "branch": "大寨支部"})
    other.add("members", {"name": "李國華", "branch": "大寨支部"})
    result = run_import(other, plan_import(other, "meetings", target))
    [meeting] = [other.table("meetings")[i] for i in result.ids]
    assert meeting["held_on"] == "2026-11-05"
    assert [(other.name_of("members", r["member"]), r.get("status", "present"), r.get("reason"))
            for r in meeting["attendance"]] == [("張桂英", "present", None), ("李國華", "absent", "生病")]
    assert date.fromisoformat(meeting["held_on"]).year == 2026


def test_files_it_cannot_read_are_named_with_what_to_do(village, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "roster.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(StoreError) as refused:
        plan_import(village, "members", old)
    assert ".xlsx" in refused.value.message() and "另存為" in refused.value.message()
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    with pytest.raises(StoreError):
        plan_import(village, "members", broken)
    with pytest.raises(StoreError):
        plan_import(village, "members", tmp_path / "missing.csv")
