"""x on a register: write what it shows (its branch) to a spreadsheet, through the
plan issue's storage.tables, to a file the user names (a sensible one is offered)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storage import clock
from tui.screens import texts


def export_available() -> bool:
    import importlib.util

    try:
        spec = importlib.util.find_spec("storage.tables")
    except (ImportError, ValueError):
        return False
    return spec is not None


def suggested_path(title: str) -> Path:
    return Path.home() / f"{title}-{clock.today().isoformat()}.xlsx"


def export_register(screen: Any) -> None:
    from tui.screens.ask import AskScreen

    lang = screen.lang
    start = str(suggested_path(screen.place_title(lang)))

    def answered(path: str | None) -> None:
        if path and path.strip():
            write(screen, Path(path.strip()).expanduser())

    screen.app.push_screen(AskScreen(texts.EXPORT_TO(lang), start), answered)


def write(screen: Any, target: Path) -> None:
    from storage import tables
    from storage.messages import StoreError

    try:
        done = tables.export(screen.store, screen.reg.slug, target, lang=screen.lang, branch=screen.branch)
    except StoreError as error:
        screen.notify(error.message(screen.lang), severity="error", timeout=8)
        return
    except OSError as error:
        from storage.i18n import os_reason

        screen.notify(f"{target}: {os_reason(error)(screen.lang)}", severity="error", timeout=8)
        return
    screen.notify(texts.EXPORTED(screen.lang, path=str(done)), timeout=6)
