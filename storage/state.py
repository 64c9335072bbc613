"""``state.json``: how far the last checkpoint got, and what it left in ``registers/``.

A checkpoint rewrites the register files that changed, then notes here the journal's
offset and sequence up to which they hold every change, and every register file it
left with its number of records. A file noted here is never legitimately absent (no
part of taizhang deletes one), nor holds fewer records (files only grow, tombstones
included), and a file of another size was changed since (by a later checkpoint, or
by something else: it is read before it is trusted); a register not noted may be absent: it was never checkpointed, and all its
records are still in the journal. Read without pydantic, so ``taizhang find`` can ask.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STATE_FILE = "state.json"
REGISTERS_DIR = "registers"


def read_state(home: Path) -> dict[str, Any]:
    """The state as written, or {} (no checkpoint yet, or unreadable: replay everything)."""
    try:
        state = json.loads((home / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def register_files(state: dict[str, Any]) -> dict[str, tuple[int | None, int | None]]:
    """Register slug → (records, bytes) of its file at the checkpoint; records is None
    for a file an older checkpoint left and this one did not rewrite (not counted)."""
    noted = state.get("registers")
    if not isinstance(noted, dict):
        return {}
    return {slug: (_count(entry.get("records")), _count(entry.get("bytes")))
            for slug, entry in noted.items() if isinstance(slug, str) and slug.isidentifier() and isinstance(entry, dict)}


def file_size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def suspect_register_files(home: Path, noted: dict[str, tuple[int | None, int | None]] | None = None) -> list[str]:
    """Registers whose file the last checkpoint left and which is gone now, or is not the
    size it was written at (replaced, cut short, or rewritten by a checkpoint since): to
    be read before they are trusted. Cheap: a stat each."""
    folder = home / REGISTERS_DIR
    if noted is None:
        noted = register_files(read_state(home))
    suspects = []
    for slug, (_, size) in noted.items():
        now = file_size(folder / f"{slug}.json")
        if now is None or (size is not None and now != size):
            suspects.append(slug)
    return sorted(suspects)
