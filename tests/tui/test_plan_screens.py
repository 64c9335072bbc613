"""The plan's screens, walked with keys at 80×24: the targets and the records behind a
figure, the checklist and a hand tick, a sync conflict resolved, a roster imported from
a register's screen; and their words in three languages."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from support import taizhang_here
from tuikit import SIZE, ready, text_of, type_text  # type: ignore[import-not-found]

from storage.i18n import Text
from storage.store import Store
from tui import keymap
from tui.app import TaizhangApp

PLAN_SCOPES = ("targets", "checklist", "conflicts", "conflict", "import", "choose")
PLAN_KEYS = ("home.targets", "home.checklist", "home.conflicts", "register.import")


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def cursor_to(pilot: Any, key: str) -> None:
    """Move the focused table's cursor to the row ``key`` with the arrow keys."""
    table = pilot.app.screen.query_one("VirtualTable")
    rows = list(table.rows)
    assert key in rows, (key, rows)
    while table.current != key:
        await pilot.press("down" if rows.index(key) > table.cursor else "up")


def notes(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- targets ------------------------------------------------------------------------------


async def test_targets_and_the_records_behind_a_figure(village: Path) -> None:
    from storage.plan.targets import targets

    store = Store.open(village, readonly=True)
    report = targets(store)
    store.close()
    committee = report.get("meetings.committee")
    posts = report.get("posts")
    assert committee.counted[0].ids and posts.counted[0].ids and posts.lacking[0].ids

    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "TargetsScreen"
        table = screen.query_one("VirtualTable")
        assert list(table.rows) == [t.code for t in report.total]
        assert "2026 年 · 全部(合計) · 截至 2026-11-26" in text_of(screen.query_one("#targets-head"))

        # One register behind the figure: Enter opens it, narrowed to those records.
        await cursor_to(pilot, "meetings.committee")
        assert committee.figure_text("zh-Hant") in screen.cells("meetings.committee")
        assert "計入:支部會議記錄" in text_of(screen.query_one("#targets-detail"))
        await pilot.press("enter")
        register = app.screen
        assert type(register).__name__ == "RegisterScreen" and register.reg.slug == "meetings"
        shown = list(register.query_one("VirtualTable").rows)
        assert sorted(shown) == sorted(committee.counted[0].ids)
        assert "支部委員會" in text_of(register.query_one("#title-bar"))
        assert not register.check_action("add", ()) and not register.check_action("export", ())
        await pilot.press("enter")
        assert type(app.screen).__name__ == "RecordScreen" and app.screen.rid in committee.counted[0].ids
        await pilot.press("escape", "escape")
        assert app.screen is screen

        # Counted and short: a choice first.
        await cursor_to(pilot, "posts")
        await pilot.press("enter")
        assert type(app.screen).__name__ == "EvidenceChooser"
        await pilot.press("down", "enter")
        assert type(app.screen).__name__ == "RegisterScreen"
        assert sorted(app.screen.query_one("VirtualTable").rows) == sorted(posts.lacking[0].ids)
        await pilot.press("escape")

        # One branch's targets, then another year.
        await pilot.press("b")
        await type_text(pilot, "xinjie")
        await pilot.press("enter")
        branch = app.store.resolve_reference("branches", "新街支部")
        assert list(table.rows) == [t.code for t in report.branches[branch]]
        assert "新街支部" in text_of(screen.query_one("#targets-head"))
        await pilot.press("left")
        await settle(pilot)
        assert screen.report.year == 2025 and "2025 年" in text_of(screen.query_one("#targets-head"))
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_target_marks_are_ascii_when_the_settings_ask(village: Path) -> None:
    from test_screens import set_ui  # type: ignore[import-not-found]

    set_ui(village, ascii_borders=True)
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        marks = {screen.cells(code)[0] for code in screen.query_one("VirtualTable").rows}
        assert marks and all(m.isascii() for m in marks)
        assert screen.query_one(".plan-detail").styles.border.top[0] == "ascii"
        await pilot.press("escape", "z")
        await settle(pilot)
        checklist = app.screen
        rows = [k for k in checklist.query_one("VirtualTable").rows if not k.startswith("§")]
        assert all(checklist.cells(k)[0].isascii() for k in rows)
        assert checklist.cells("1.3")[0] == "[?]*", "a hand item not yet ticked"


async def test_on_a_big_store_the_figures_are_worked_out_aside(village: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import tui.app
    from tui.screens import targets as targets_screen

    monkeypatch.setattr(tui.app, "BIG_FILE", 1000)  # every register counts as big
    threads: list[str] = []
    read = targets_screen.TargetsScreen.read_report

    def reading(screen: Any) -> Any:
        threads.append(threading.current_thread().name)
        return read(screen)

    monkeypatch.setattr(targets_screen.TargetsScreen, "read_report", reading)
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        screen = app.screen
        for _ in range(200):  # the big registers are read first, then the figures aside
            await settle(pilot)
            if screen.report is not None:
                break
            await pilot.pause(0.05)
        assert screen.report is not None and len(screen.query_one("VirtualTable").rows) == len(screen.report.total)
        assert threads and threads[0] != threading.main_thread().name
        await pilot.press("escape", "z")
        checklist = app.screen
        for _ in range(100):
            await settle(pilot)
            if checklist.found is not None:
                break
        assert checklist.found is not None and checklist.query_one("VirtualTable").current == "1.1"


# -- the checklist ------------------------------------------------------------------------------


async def test_the_tick_form_follows_the_language_and_keeps_the_choice(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("z")
        await settle(pilot)
        await cursor_to(pilot, "1.3")
        await pilot.press("t", "shift+tab", "enter", "down", "down", "enter")
        status = app.screen.query_one("#field-status")
        assert status.value == "not_done"
        app.set_language("zh-Hans")  # as the palette (ctrl+p, open over a dialog) does
        await pilot.pause()
        assert [str(p) for p, _ in status._options][1:] == ["已完成", "部分完成", "未完成"]
        assert "完成情况" in text_of(app.screen.query_one("#row-status .field-label"))
        assert "勾选:1.3" in text_of(app.screen.query_one("#tick-title"))
        await pilot.press("escape")
        assert "五好创建自查" in text_of(app.screen.query_one("#title-bar"))
        assert not app.store.records("checklist"), "Esc saves nothing"



async def test_checklist_tick_a_hand_item_and_open_what_judged_one(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("z")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "ChecklistScreen"
        table = screen.query_one("VirtualTable")
        assert table.current == "1.1", "the cursor starts on the first item, not its heading"
        assert table.visible_rows()[0] == "§leadership", "and the heading stays on screen above it"
        assert "§leadership" in table.rows and "§registers" in table.rows and "phase:mobilisation" in table.rows

        # A judged item cannot be ticked; Enter shows the records it was judged from.
        await cursor_to(pilot, "books.1")
        assert "由登記冊判斷" in text_of(screen.query_one("#checklist-detail"))
        await pilot.press("t")
        assert app.screen is screen and any("不能人工勾選" in n for n in notes(app))
        await pilot.press("enter")
        register = app.screen
        assert type(register).__name__ == "RegisterScreen" and register.reg.slug == "meetings"
        assert len(register.query_one("VirtualTable").rows) == app.store.count("meetings")
        await pilot.press("escape")

        # A hand item: t opens its form; status and note saved through checklist.tick.
        await cursor_to(pilot, "1.3")
        assert screen.found.get("1.3").status == "unknown"
        await pilot.press("t")
        form = app.screen
        assert type(form).__name__ == "TickForm"
        assert app.focused.id == "field-note"
        await type_text(pilot, "照片已上牆,存檔盒 3")
        await pilot.press("shift+tab")
        assert app.focused.id == "field-status" and app.focused.value == "done"
        await pilot.press("enter", "down", "enter")  # from 已完成 (the tick's default) to the next
        assert app.focused.value == "partly"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        item = screen.found.get("1.3")
        assert item.status == "partly" and "照片已上牆,存檔盒 3" in item.note("zh-Hant")
        assert "部分完成" in screen.cells("1.3")

        # Ticked again: the form holds what was saved, and a note cleared is cleared.
        await pilot.press("t")
        assert app.screen.query_one("#field-note").value == "照片已上牆,存檔盒 3"
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("q")

    out = taizhang_here("checklist", "--json", home=village)
    assert out.returncode == 0, out.stderr
    item = next(i for i in json.loads(out.stdout)["items"] if i["code"] == "1.3")
    assert item["status"] == "partly" and "照片已上牆,存檔盒 3" in item["note"]
    [tick] = Store.open(village, readonly=True).records("checklist")
    assert tick["item"] == "1.3" and tick["note"] == "照片已上牆,存檔盒 3" and tick["checked_on"] == "2026-11-26"


# -- conflicts --------------------------------------------------------------------------------


def master_and_branch(root: Path) -> tuple[Store, Store, Any]:
    """A master and its 第一支部 enrolled through a real enrolment file, and a way to send
    one's changes to the other (a signed bundle, merged)."""
    from sync import enrol
    from sync.keys import Keyring
    from sync.merge import merge
    from sync.outgoing import export, peers_of

    root.mkdir()
    master = Store.create(root / "m", organisation="測試村黨總支", branches=["第一支部", "第二支部"])
    code = enrol.add_branch(master, "第一支部", root / "b1.enrol")[3]
    branch, _, _ = enrol.join(root / "b1", root / "b1.enrol", code)
    bundles = iter(range(100))

    def send(src: Store, dst: Store) -> None:
        keyring = Keyring.load(src.home)
        peer = next(p for p in peers_of(src, keyring) if p.copy == dst.settings.store.copy_id)
        path = root / f"{next(bundles)}.tzb"
        export(src, keyring, peer, path)
        merge(dst, Keyring.load(dst.home), [path])

    return master, branch, send


def two_conflicts(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """Both copies changed a member's phone and address; the branch's edits are later, so
    they win and the master's are kept as conflicts."""
    master, branch, send = master_and_branch(root)
    rid = branch.add("members", {"name": "張桂英"})["id"]
    send(branch, master)
    master.edit(rid, {"phone": "13811111111", "address": "大寨村一組"})
    monkeypatch.setenv("TAIZHANG_NOW", "2026-11-26T10:00:00")
    branch.edit(rid, {"phone": "13922222222", "address": "大寨村三組"})
    send(branch, master)
    monkeypatch.delenv("TAIZHANG_NOW")
    master.close()
    branch.close()
    return root / "m", rid


async def test_conflicts_take_the_other_value_or_keep_ours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sync.conflicts import open_conflicts

    home, rid = two_conflicts(tmp_path / "org", monkeypatch)
    app = TaizhangApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        screen = app.screen
        assert type(screen).__name__ == "ConflictsScreen"
        table = screen.query_one("VirtualTable")
        assert len(table.rows) == 2
        by_field = {screen.found[cid].field: cid for cid in table.rows}
        assert screen.cells(by_field["phone"])[2:] == ["聯繫電話", "13922222222", "13811111111"]

        await cursor_to(pilot, by_field["phone"])
        await pilot.press("enter")
        detail = app.screen
        assert type(detail).__name__ == "ConflictScreen"
        shown = text_of(detail.query_one("#conflict-text"))
        assert "現在的值(來自第一支部)" in shown and "13922222222" in shown
        assert "另一值(來自本機)" in shown and "13811111111" in shown
        await pilot.press("o")
        await pilot.pause()
        assert app.screen is screen and len(table.rows) == 1
        assert app.store.get(rid)[1]["phone"] == "13811111111"

        await pilot.press("enter", "k")
        await pilot.pause()
        assert app.store.get(rid)[1]["address"] == "大寨村三組", "the value here kept"
        assert not open_conflicts(app.store) and not table.rows
        assert "沒有待處理的衝突" in text_of(screen.query_one("#conflicts-head"))
        await pilot.press("q")

    out = taizhang_here("conflicts", "--json", home=home)
    assert out.returncode == 0 and json.loads(out.stdout) == []


async def test_a_new_value_the_register_refuses_leaves_the_conflict_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, rid = two_conflicts(tmp_path / "org", monkeypatch)
    app = TaizhangApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        screen = app.screen
        phone = next(cid for cid, c in screen.found.items() if c.field == "phone")
        await cursor_to(pilot, phone)
        await pilot.press("enter", "e")
        assert type(app.screen).__name__ == "AskScreen"
        await pilot.press("ctrl+x")
        await type_text(pilot, "12")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictScreen", "refused: still deciding"
        assert any("聯繫電話" in n for n in notes(app))
        assert phone in screen.found and app.store.get(rid)[1]["phone"] == "13922222222"
        await pilot.press("e", "ctrl+x")
        await type_text(pilot, "13700000000")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and app.store.get(rid)[1]["phone"] == "13700000000"


async def test_a_payment_typed_on_both_copies_is_reversed_once(tmp_path: Path) -> None:
    from decimal import Decimal

    master, branch, send = master_and_branch(tmp_path / "org")
    rid = branch.add("members", {"name": "張桂英"})["id"]
    send(branch, master)
    payment = {"member": rid, "period_from": "2026-10", "period_to": "2026-12", "amount": "1.50", "paid_on": "2026-11-01"}
    branch.add("dues", payment)
    master.add("dues", dict(payment, collector="王會計"))
    send(branch, master)
    master.close()
    branch.close()
    app = TaizhangApp(tmp_path / "org" / "m")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s", "enter")
        shown = text_of(app.screen.query_one("#conflict-text"))
        assert "這一筆" in shown and "另一筆" in shown and "王會計" in shown and "沖銷後來的一筆" in shown
        assert not app.screen.check_action("new_value", ())
        await pilot.press("o")
        await pilot.pause()
        total = sum(Decimal(e["amount"]) for e in app.store.records("dues"))
        assert total == Decimal("1.50") and len(app.store.records("dues")) == 3
        assert not app.screen.query_one("VirtualTable").rows


# -- sync through a folder ---------------------------------------------------------------------


async def test_y_on_the_home_exchanges_through_a_folder_both_ways(tmp_path: Path) -> None:
    from sync.exchange import exchange
    from sync.keys import Keyring

    master, branch, _ = master_and_branch(tmp_path / "org")
    stick = tmp_path / "U盤"
    stick.mkdir()
    branch.add("members", {"name": "張桂英"})
    exchange(branch, Keyring.load(branch.home), stick)  # the branch's secretary left a bundle there
    app = TaizhangApp(master.home)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("y")
        assert type(app.screen).__name__ == "AskScreen"
        await pilot.press("ctrl+x")
        await type_text(pilot, str(stick))
        await pilot.press("enter")
        await settle(pilot)
        said = " ".join(notes(app))
        assert "1 項新變更,新增 1" in said and "已寫出" in said, said
        assert [r["name"] for r in app.store.records("members")] == ["張桂英"]
    branch.refresh()
    exchange(branch, Keyring.load(branch.home), stick)  # the master's answer reaches the branch
    assert "張桂英" in {r["name"] for r in branch.records("members")}


# -- import ------------------------------------------------------------------------------------

ROSTER = (
    "姓名,性別,所屬支部,聯繫電話,身份證號,備考\n"
    "錢新一,男,大寨支部,13800000001,,\n"
    "孫新二,女,新街支部,13800000002,110105194912310021,\n"
    "周新三,男,龍潭支部,13800000003,,轉入\n"
)


async def test_import_a_roster_with_one_bad_row_only_the_good_ones(
    village: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a path typed relative to where taizhang was started
    roster = tmp_path / "名冊.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    members_file = next(p for p in village.rglob("members*") if p.is_file())
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "i")
        assert type(app.screen).__name__ == "AskScreen"
        await pilot.press("ctrl+x")
        await type_text(pilot, roster.name)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "ImportScreen"

        # The mapping, for confirmation.
        table = screen.query_one("VirtualTable")
        mapping = [screen.cells(k) for k in table.rows]
        assert ["1", "姓名", "姓名"] in mapping and ["4", "聯繫電話", "聯繫電話"] in mapping
        assert ["6", "備考", "(不認得,不導入)"] in mapping
        assert "表頭在第 1 行,3 行資料" in text_of(screen.query_one("#import-head"))
        assert not screen.check_action("import_all", ()) and not screen.check_action("import_good", ())
        before = members_file.read_bytes()

        # Every row checked, nothing saved: the bad row listed with its reason.
        await pilot.press("enter")
        await settle(pilot)
        lines = [screen.cells(k) for k in table.rows]
        assert lines[0][:2] == ["3", "孫新二"] and "校驗位" in "".join(line[2] for line in lines)
        assert "2 行無誤,1 行有問題" in text_of(screen.query_one("#import-hint"))
        assert members_file.read_bytes() == before
        assert not screen.check_action("import_all", ()) and screen.check_action("import_good", ())
        await pilot.press("a")  # import all: refused while a row is wrong
        assert app.screen is screen and members_file.read_bytes() == before

        await pilot.press("g")
        await pilot.pause()
        register = app.screen
        assert type(register).__name__ == "RegisterScreen"
        names = {app.store.name_of("members", rid) for rid in register.query_one("VirtualTable").rows}
        assert {"錢新一", "周新三"} <= names and "孫新二" not in names
        assert any("已導入 2 條記錄" in n for n in notes(app))

    store = Store.open(village, readonly=True)
    imported = {m["name"]: m for m in store.records("members") if m["name"] in ("錢新一", "孫新二", "周新三")}
    assert set(imported) == {"錢新一", "周新三"}
    assert imported["錢新一"]["phone"] == "13800000001"
    assert store.name_of("branches", imported["周新三"]["branch"]) == "龍潭支部"


async def test_import_columns_the_app_does_not_know_are_mapped_with_m(
    village: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage import catalogue

    monkeypatch.chdir(tmp_path)
    (tmp_path / "手機名冊.csv").write_text("姓名,本人號碼,所屬支部,聯繫電話,備考\n"
                                       "錢新一,13800000001,大寨支部,0874-5123456,轉入\n", encoding="utf-8")
    fields = list(catalogue.get("members").fields)
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "i", "ctrl+x")
        await type_text(pilot, "手機名冊.csv")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("VirtualTable")
        assert [screen.cells(k) for k in table.rows][1] == ["2", "本人號碼", "(不認得,不導入)"]
        await pilot.press("down", "m")  # 本人號碼 → 聯繫電話 (the landline column lets it go)
        assert type(app.screen).__name__ == "FieldChooser"
        await pilot.press(*["down"] * (fields.index("phone") + 1), "enter")
        await pilot.pause()
        mapping = [screen.cells(k) for k in table.rows]
        assert mapping[1] == ["2", "本人號碼", "聯繫電話"] and mapping[3] == ["4", "聯繫電話", "(不導入)"]
        assert table.cursor == 1
        await pilot.press("down", "down", "down", "m")  # 備考 → 備註
        await pilot.press(*["down"] * (fields.index("note") + 1), "enter")
        await pilot.pause()
        assert [screen.cells(k) for k in table.rows][4] == ["5", "備考", "備註"]
        await pilot.press("m", "escape")  # Esc leaves the mapping as it was
        assert [screen.cells(k) for k in table.rows][4] == ["5", "備考", "備註"]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegisterScreen"
    store = Store.open(village, readonly=True)
    qian = next(m for m in store.records("members") if m["name"] == "錢新一")
    assert (qian["phone"], qian["note"]) == ("13800000001", "轉入")


async def test_import_of_a_file_without_a_header_says_why(
    village: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n", encoding="utf-8")
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "i", "ctrl+x")
        await type_text(pilot, junk.name)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegisterScreen"
        assert any("表頭" in n for n in notes(app))
        await pilot.press("i", "ctrl+x")
        await type_text(pilot, "none.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert any("沒有這個檔案" in n for n in notes(app))


# -- the palette, the help, the words --------------------------------------------------------------


async def test_the_palette_opens_the_plan_screens(village: Path) -> None:
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for query, name in (("targets", "TargetsScreen"), ("zicha", "ChecklistScreen"),
                            ("conflicts", "ConflictsScreen")):
            await pilot.press("ctrl+p")
            await type_text(pilot, query)
            await pilot.pause(0.5)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == name, query
            await pilot.press("escape")
        await pilot.press("8", "ctrl+p")
        await type_text(pilot, "import")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "AskScreen"


def plan_texts() -> list[tuple[str, Text]]:
    from tui.screens import plan_texts as P

    found: list[tuple[str, Text]] = []
    for name, value in vars(P).items():
        if isinstance(value, Text):
            found.append((name, value))
        elif isinstance(value, dict):
            found += [(f"{name}[{k}]", v) for k, v in value.items() if isinstance(v, Text)]
    found += [(f"scope {s}", keymap.SCOPES[s]) for s in PLAN_SCOPES]
    found += [(k.id, k.text) for scope in PLAN_SCOPES for k in keymap.KEYS[scope]]
    found += [(k.id, k.text) for keys in keymap.KEYS.values() for k in keys if k.id in PLAN_KEYS]
    return found


def test_the_plan_screens_words_are_opencc_and_their_placeholders_agree() -> None:
    from opencc import OpenCC
    from support import as_the_mainland_writes

    convert = as_the_mainland_writes(OpenCC("t2s").convert)
    found = plan_texts()
    assert len(found) > 80
    wrong = [f"{where}: {t.hant} → {t.hans}, OpenCC: {convert(t.hant)}" for where, t in found
             if t.hans != convert(t.hant)]
    assert not wrong, "\n".join(wrong)
    for where, text in found:
        assert all(text.variants()), where
        assert not any("\u3400" <= ch <= "\u9fff" for ch in text.en), where
        names = [set(re.findall(r"{(\w*)}", v)) for v in text.variants()]
        assert names[0] == names[1] == names[2], where


def test_the_plan_keys_are_in_the_help_and_the_home_keys_jump_nowhere_else() -> None:
    home_keys = {k.key for k in keymap.KEYS["home"] if not k.id.startswith("home.jump.")}
    jumps = {k.key for k in keymap.KEYS["home"] if k.id.startswith("home.jump.")}
    assert {"t", "z", "s", "y"} <= home_keys and not home_keys & jumps
    rows = {(what) for _, _, what in keymap.help_rows("zh-Hant")}
    assert {"目標", "自查", "衝突", "導入", "勾選", "用另一份", "保留現值", "只導入無誤的"} <= rows
