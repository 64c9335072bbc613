"""The filter's scan, a slice at a time: the same rows as one pass, whatever the slices."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tuikit import SIZE, ready, text_of, type_text  # type: ignore[import-not-found]

from storage import index
from tui.screens.rows import Found, Scan


def every_slice(keys: list[str], query: str, previous: Scan | None, budget: int) -> Scan:
    scan = Scan.start(keys, query, previous)
    scan.run(until_hits=3, budget=budget)
    return scan


@pytest.mark.parametrize("budget", [1, 2, 7, 50, 10_000])
def test_a_scan_in_slices_finds_what_one_pass_finds(budget: int) -> None:
    rng = random.Random(budget)
    keys = ["".join(rng.choice("zgyab|") for _ in range(12)) for _ in range(500)]
    previous = None
    for query in ("z", "zg", "zgy", "a", "ab"):
        scan = every_slice(keys, query, previous, budget)
        if rng.random() < 0.5:  # sometimes the next key comes before this scan is done
            while not scan.done:
                scan.run(budget=budget)
        previous = scan
        full = Scan.start(keys, query, previous)  # finish whatever is left, as the screen does
        while not full.done:
            full.run(budget=budget)
        assert sorted(full.hits) == [i for i, k in enumerate(keys) if query in k]
        previous = full


def test_found_reads_ids_through_the_hits() -> None:
    found = Found(["a", "b", "c", "d"], [3, 1])
    assert len(found) == 2 and found[0] == "d" and found[1] == "b" and found[:] == ["d", "b"]


async def test_a_keystroke_shows_the_first_rows_then_the_scan_completes(village: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui.screens.register as register

    monkeypatch.setattr(register, "SCAN_SLICE", 4)  # 30 members: several slices
    from tui.app import TaizhangApp

    app = TaizhangApp(village)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("8", "slash")
        await type_text(pilot, "z")
        screen = app.screen
        for _ in range(50):
            if screen.scan.done:
                break
            await pilot.pause(0.01)
        assert screen.scan.done
        shown = set(screen.query_one("VirtualTable").rows)
        assert shown == {h["id"] for h in index.find(village, "z", register="members", limit=0)}
        assert "≥" not in text_of(screen.query_one("#status"))
