"""The app says aloud a register file gone: rebuilt from the journal (a notice), or, when
the journal cannot rebuild it, a problem screen saying how to restore."""

from __future__ import annotations

import json
from pathlib import Path

from tuikit import SIZE, ready, text_of  # type: ignore[import-not-found]

from tui.app import TaizhangApp


async def test_a_deleted_register_file_is_rebuilt_and_said(village: Path) -> None:
    (village / "registers" / "members.json").unlink()
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        said = [str(n.message) for n in app._notifications]
        assert any("members.json" in m and "重建" in m for m in said), said
        assert app.store.count("members") == 30
    assert (village / "registers" / "members.json").exists()  # written again: the app may write


async def test_a_register_file_the_journal_cannot_rebuild_is_a_problem_screen(village: Path) -> None:
    (village / "registers" / "members.json").unlink()
    journal = village / "journal.jsonl"
    data = journal.read_bytes()
    cut = data.index(b"\n") + 1  # the journal no longer goes back to the first change
    journal.write_bytes(data[cut:])
    state = json.loads((village / "state.json").read_text())
    state["journal_offset"] -= cut
    (village / "state.json").write_text(json.dumps(state))
    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert type(app.screen).__name__ == "ProblemScreen"
        message = text_of(app.screen.query_one("#problem-message"))
        assert "members.json" in message and "taizhang restore" in message
        await pilot.press("q")
    assert not (village / "registers" / "members.json").exists()
