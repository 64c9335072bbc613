"""Keys a user needs in the app at 80×24 for three first-day tasks (issue 12's closing note):
find a member, export the workbook, import a roster from an .xlsx. Run by Pilot on the tree
this file sits in:

    .venv/bin/python benchmarks/first_day_keys_terminal.py

For each task the ways a user could take are tried, each in a fresh app on the same fixed
village (tests/tui/tuikit.py), and the outcome is checked (the record shown, the workbook
written, the rows in the register); the fewest keys of a way that worked is reported. A
task no way achieves in the app is reported as such. Every character typed is a key (a
Chinese name would take more through an IME: the ways here type only ASCII)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "tui")]
os.environ.setdefault("TAIZHANG_TODAY", "2026-11-26")
os.environ["TEXTUAL_ANIMATIONS"] = "none"
os.environ["TERM"] = "xterm-256color"

SIZE = (80, 24)
Key = str  # a key name for Pilot, or "type:TEXT" for TEXT typed a key a character


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


async def press(pilot: Any, keys: list[Key]) -> int:
    """Press the keys; the number of keys a person presses for them."""
    count = 0
    for key in keys:
        if key.startswith("type:"):
            for ch in key[5:]:
                await pilot.press(ch)
                count += 1
        else:
            await pilot.press(key)
            count += 1
        await settle(pilot)
    return count


def roster(folder: Path) -> Path:
    """Three new members, as a branch's own spreadsheet gives them."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性別", "聯繫電話", "所屬支部"])
    ws.append(["周新甲", "男", "13887400201", "大寨支部"])
    ws.append(["周新乙", "女", "13887400202", "大寨支部"])
    ws.append(["周新丙", "女", "13887400203", "新街支部"])
    path = folder / "r.xlsx"
    wb.save(path)
    return path


Check = Callable[[Any, Path], bool]


def found_her(app: Any, user: Path) -> bool:
    return type(app.screen).__name__ == "RecordScreen" and "張桂英" in str(app.screen.query_one("#title-bar").render())


def workbook_written(app: Any, user: Path) -> bool:
    from openpyxl import load_workbook

    books = [p for p in user.rglob("*.xlsx") if p.name != "r.xlsx"]
    return any(len(load_workbook(p, read_only=True).sheetnames) > 10 for p in books)


def register_written(app: Any, user: Path) -> bool:
    return any(p.name != "r.xlsx" and p.stat().st_size > 0 for p in user.rglob("*.xlsx"))


def imported(app: Any, user: Path) -> bool:
    names = {r.get("name") for r in app.store.records("members")} if app.store else set()
    return {"周新甲", "周新乙", "周新丙"} <= names


TASKS: dict[str, tuple[Check, list[list[Key]]]] = {
    "find a member (張桂英, by initials)": (found_her, [
        ["ctrl+p", "type:zgy", "enter"],
        ["slash", "type:zgy", "enter"],
        ["8", "slash", "type:zgy", "enter", "enter"],
    ]),
    "export the workbook (every register)": (workbook_written, [
        ["ctrl+p", "type:xlsx", "enter", "enter"],  # first time: the folder offered, accepted
        ["ctrl+p", "type:workbook", "enter", "enter"],
    ]),
    "export a register (the members' roll, x)": (register_written, [
        ["8", "x", "enter"],  # the file (main) or, the first time, the folder (now) offered, accepted
    ]),
    "import a roster from .xlsx (3 rows)": (imported, [
        ["8", "i", "type:r.xlsx", "enter", "enter", "a"],
        ["8", "ctrl+p", "type:import", "enter", "type:r.xlsx", "enter", "enter", "a"],
    ]),
}


async def attempt(village: Path, check: Check, keys: list[Key]) -> int | None:
    from tui.app import TaizhangApp

    with tempfile.TemporaryDirectory() as tmp:
        home, user = Path(tmp) / "village", Path(tmp) / "user"
        shutil.copytree(village, home)
        user.mkdir()
        roster(user)
        os.environ["HOME"] = str(user)  # the app offers the home folder (import) or a folder in it (export)
        os.environ["XDG_DOCUMENTS_DIR"] = str(user / "Documents")
        app = TaizhangApp(home)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                count = await press(pilot, keys)
                await settle(pilot)
                return count if check(app, user) else None
        except Exception as error:  # a way that does not exist here
            print(f"    ({' '.join(keys)}: {type(error).__name__})", file=sys.stderr)
            return None


async def main() -> None:
    from tuikit import build_village  # type: ignore[import-not-found]

    import tui

    print(f"tree: {Path(tui.__file__).parent.parent}")
    with tempfile.TemporaryDirectory() as tmp:
        village = Path(tmp) / "village"
        build_village(village)
        for task, (check, ways) in TASKS.items():
            results = [(await attempt(village, check, keys), keys) for keys in ways]
            worked = [(n, keys) for n, keys in results if n is not None]
            if worked:
                n, keys = min(worked, key=lambda r: r[0])
                print(f"{task}: {n} keys  ({' '.join(keys)})")
            else:
                print(f"{task}: not possible in the app")


if __name__ == "__main__":
    asyncio.run(main())
