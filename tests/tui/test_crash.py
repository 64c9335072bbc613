"""Crashes show no personal data: an error nobody foresaw ends in a message screen naming
a crash report (0600, the stack without local variables or record contents), the store
closed properly and status 1; a damaged register file is a message naming the file."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from textual.worker import WorkerFailed
from tuikit import SIZE, ready, text_of  # type: ignore[import-not-found]

import storage.store
from tui.app import TaizhangApp
from tui.crash import describe, scrubbed


def reports(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "state" / "taizhang" / "log").glob("crash-*.txt"))


def checkpointed(home: Path) -> bool:
    """Whether the register files hold everything the journal does (state.json says how far)."""
    state = json.loads((home / "state.json").read_text(encoding="utf-8"))
    return state["journal_offset"] == (home / "journal.jsonl").stat().st_size


async def tell(village: Path, app: TaizhangApp) -> tuple[str, str, int]:
    """What the app run_app starts after a failure shows: its heading, its message, and its
    status once q is pressed."""
    assert app.failure is not None
    telling = TaizhangApp(village, app.lang, telling=app.failure)
    async with telling.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(telling.screen).__name__ == "ProblemScreen"
        heading = text_of(telling.screen.query_one("#problem-title"))
        message = text_of(telling.screen.query_one("#problem-message"))
        await pilot.press("q")
    return heading, message, telling.return_code or 0


async def test_an_error_in_a_screens_handler_is_a_report_without_values(
    village: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens.register import RegisterScreen

    monkeypatch.setattr(storage.store, "CHECKPOINT_EVERY", 4)  # close() checkpoints after one save

    def broken_sort(self: RegisterScreen) -> None:
        member = next(r for r in self.store.records("members") if r["name"] == "張桂英")
        raise KeyError(f"{member['name']} {member['id_number']} {member['phone']}")  # a bug quoting a record

    monkeypatch.setattr(RegisterScreen, "action_sort", broken_sort)
    app = TaizhangApp(village)
    with pytest.raises(KeyError):  # what Pilot re-raises when the app is done, so a test hears of it
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            member = next(r for r in app.store.records("members") if r["name"] == "張桂英")
            app.store.add("branches", {"name": "龍潭二支部"})  # a save since the last checkpoint
            assert not checkpointed(village)
            await pilot.press("8")
            await pilot.press("s")
            await pilot.pause()
    assert app.return_code == 1
    assert not app._exit_renderables, "nothing for Textual to print on the terminal"
    assert checkpointed(village), "the store was closed, its journal checkpointed"

    [report] = reports(tmp_path)
    heading, shown, status = await tell(village, app)
    assert heading == "台賬出錯,已停止" and status == 1
    assert "錯誤報告已寫到" in shown and str(report) in shown and "不含任何記錄的內容" in shown
    assert app.failure is not None and app.failure.note == f"台賬出錯已停止;錯誤報告(不含記錄內容):{report}"
    for value in (member["id_number"], member["phone"], "張桂英"):
        assert value not in shown

    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    text = report.read_text(encoding="utf-8")
    assert "broken_sort" in text and "test_crash.py" in text and "KeyError" in text
    assert 'raise KeyError(f"{member' in text  # the line of code, which is the program's own text
    for value in (member["id_number"], member["phone"], member["id_number"][:6], "張桂英", "張"):
        assert value not in text
    assert "member =" not in text and "self =" not in text and "locals" not in text


async def test_an_error_in_the_thread_that_opens_the_store_is_reported_too(
    village: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_open(self: TaizhangApp) -> None:
        secret = "530323196803120028"
        raise RuntimeError(f"cannot read {secret}")

    monkeypatch.setattr(TaizhangApp, "_open_store", broken_open)
    app = TaizhangApp(village)
    with pytest.raises(WorkerFailed):
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
    assert app.return_code == 1 and app.failure is not None and app.failure.crashed
    [report] = reports(tmp_path)
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: cannot read #" in text and "broken_open" in text and "530323" not in text
    heading, shown, _ = await tell(village, app)
    assert heading == "台賬出錯,已停止" and "530323196803120028" not in shown


async def test_the_crash_screen_speaks_the_users_language(village: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tui.screens.register import RegisterScreen

    def broken_sort(self: RegisterScreen) -> None:
        raise ValueError("no")

    monkeypatch.setattr(RegisterScreen, "action_sort", broken_sort)
    app = TaizhangApp(village, "en")
    with pytest.raises(ValueError):
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("8", "s")
            await pilot.pause()
    heading, shown, _ = await tell(village, app)
    assert heading == "taizhang stopped on an error" and "A crash report was written to" in shown
    assert app.failure is not None and app.failure.note.startswith("taizhang stopped on an error; the crash report")


async def test_a_damaged_register_file_is_named_not_dumped(village: Path, tmp_path: Path) -> None:
    from support import journal_cut_at_front

    journal_cut_at_front(village)  # else the file is rebuilt from the journal (and said)
    (village / "registers" / "members.json").write_bytes(
        b'\x00\xff{"members": garbage \xe8\xba\xab\xe4\xbb\xbd\xe8\xad\x89\xe8\x99\x9f 530323196803120028 \x89PNG')
    before = {p: p.read_bytes() for p in village.rglob("*") if p.is_file()}
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:  # nothing re-raised: a damaged file is no crash
        await ready(pilot)
        assert type(app.screen).__name__ == "ProblemScreen"
        assert text_of(app.screen.query_one("#problem-title")) == "無法打開台賬"
        shown = text_of(app.screen.query_one("#problem-message"))
        await pilot.press("q")
    assert app.return_code == 1 and app.failure is None
    assert not reports(tmp_path), "a damaged file is a message, not a crash report"
    assert str(village / "registers" / "members.json") in shown
    assert "taizhang restore" in shown
    assert "530323196803120028" not in shown and "身份證號" not in shown and "PNG" not in shown
    assert {p: p.read_bytes() for p in village.rglob("*") if p.is_file()} == before


# -- the report's own rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ("unhashable type: 'dict'", "unhashable type: '…'"),
        ("Expecting value: line 1 column 12 (char 11)", "Expecting value: line # column # (char #)"),
        ("張桂英 has id 530323196803120028", "… has id #"),
        ('bad value "13812345678" in 「大寨支部」', "bad value '…' in '…'"),
        ("it can't be \x1b[2Jhere", "it can'…'"),
        ("x" * 1000, "x" * 300 + "…"),
    ],
)
def test_a_message_keeps_its_words_and_loses_its_values(message: str, kept: str) -> None:
    assert scrubbed(message) == kept


def test_the_report_follows_the_chain_without_values() -> None:
    def inner(number: str) -> None:
        raise ValueError(f"bad {number}")

    def outer() -> None:
        secret = "11010519491231002X"
        try:
            inner(secret)
        except ValueError as error:
            raise LookupError(f"while reading {secret}") from error

    with pytest.raises(LookupError) as caught:
        outer()
    text = describe(caught.value)
    assert text.index("ValueError: bad #") < text.index("LookupError: while reading #X")
    assert "in inner" in text and "in outer" in text and "1101" not in text and "secret =" not in text
