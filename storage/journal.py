"""The change log: every change, one JSON line, appended and fsynced before it counts.

It is at once the audit trail (which record, which fields, old and new values, when,
by which copy), the journal that makes a save cheap (the register files are rewritten
only now and then; opening replays the lines after the last checkpoint) and what the
sync bundles carry between copies.

A change is a dict::

    {"seq": 17, "hlc": "1764127239000-000000-3f2a…", "at": "2026-11-26T11:20:39+08:00",
     "copy": "3f2a…", "op": "create" | "update" | "delete",
     "reg": "members", "rec": "<uuid>", "branch": "<branch uuid or null>",
     "fields": {"phone": [old, new], …}}

``seq`` numbers the lines of this copy's journal; ``hlc`` orders changes across copies.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterator

from storage.files import append_durably
from storage.i18n import Text
from storage.messages import StoreError

TORN_MIDDLE = Text(
    "變更日誌 {path} 第 {line} 行已損壞(不是完整的 JSON)。請用 taizhang check 查看,或從備份恢復。",
    "变更日志 {path} 第 {line} 行已损坏(不是完整的 JSON)。请用 taizhang check 查看,或从备份恢复。",
    "The change log {path} is damaged at line {line} (not whole JSON). Run taizhang check, "
    "or restore a backup.",
)

Change = dict[str, Any]


def encode(changes: list[Change]) -> bytes:
    return "".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n" for c in changes).encode()


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def append(self, changes: list[Change], *, sync: bool = True) -> int:
        """Append whole lines; return the new end offset."""
        return append_durably(self.path, encode(changes), sync=sync)

    def read(self, start: int = 0) -> tuple[list[Change], int]:
        """The complete changes from byte ``start`` on, and the offset after the last one.

        A last line without its newline is a write that was cut off (the writer died
        before it counted): it is not returned, and the offset stops before it.
        """
        try:
            with open(self.path, "rb") as f:
                f.seek(start)
                data = f.read()
        except FileNotFoundError:
            return [], start
        end = data.rfind(b"\n") + 1
        changes: list[Change] = []
        line_no = 0
        for raw in data[:end].splitlines():
            line_no += 1
            if not raw.strip():
                continue
            try:
                changes.append(json.loads(raw))
            except ValueError:
                raise StoreError(TORN_MIDDLE, path=str(self.path), line=f"+{line_no}") from None
        return changes, start + end

    def cut_torn_tail(self) -> None:
        """Drop a half-written last line left by a killed writer (under the write lock)."""
        size = self.size()
        if size == 0:
            return
        with open(self.path, "rb+") as f:
            back = min(size, 1 << 16)
            f.seek(size - back)
            tail = f.read()
            if tail.endswith(b"\n"):
                return
            cut = tail.rfind(b"\n")
            new_size = size - back + cut + 1 if cut >= 0 else (0 if back == size else None)
            if new_size is None:  # a single line longer than 64 KiB: find its start
                f.seek(0)
                whole = f.read()
                new_size = whole.rfind(b"\n") + 1
            f.truncate(new_size)
            f.flush()
            os.fsync(f.fileno())

    def last(self) -> Change | None:
        """The last complete change (to seed the clock and the sequence)."""
        size = self.size()
        if size == 0:
            return None
        with open(self.path, "rb") as f:
            back = min(size, 1 << 16)
            while True:
                f.seek(size - back)
                tail = f.read()
                lines = [line for line in tail.split(b"\n")[:-1] if line.strip()]
                if len(lines) >= 2 or back == size:
                    break
                back = min(size, back * 4)
        for raw in reversed(lines if back == size else lines[1:]):
            try:
                return json.loads(raw)
            except ValueError:
                continue
        return None

    def of_record(self, record_id: str) -> Iterator[Change]:
        """Every change of one record, oldest first (the audit trail of ``history``)."""
        needle = f'"{record_id}"'.encode()
        try:
            with open(self.path, "rb") as f:
                for raw in f:
                    if needle in raw and raw.endswith(b"\n"):
                        change = json.loads(raw)
                        if change.get("rec") == record_id:
                            yield change
        except FileNotFoundError:
            return
