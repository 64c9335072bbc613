"""x on a register: write it to a spreadsheet through the plan issue's storage.tables."""

from __future__ import annotations

from typing import Any

from tui.screens import texts


def export_register(screen: Any) -> None:
    """Export what the screen shows (its register, its branch) to an .xlsx in the home."""
    try:
        from storage import tables
    except ImportError:
        return
    from storage.messages import StoreError

    writer = getattr(tables, "export_register", None) or getattr(tables, "export", None)
    if writer is None:
        return
    target = screen.store.home / "exports" / f"{screen.reg.slug}.xlsx"
    try:
        target.parent.mkdir(exist_ok=True)
        path = writer(screen.store, screen.reg.slug, target, lang=screen.lang, branch=screen.branch)
    except StoreError as error:
        screen.notify(error.message(screen.lang), severity="error")
        return
    except TypeError:
        path = writer(screen.store, screen.reg.slug, target)
    screen.notify(texts.EXPORTED(screen.lang, path=str(path or target)), timeout=6)
