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

Many lines written at once (a merged bundle, an import) count all or none: before the
append, ``journal.jsonl.append`` notes where it starts, how long it is and its SHA-256;
readers stop where a pending append starts; the next writer (under the lock) finds a
pending append of a writer that died and either keeps it, if it is whole, or cuts it
off (:meth:`Journal.recover`). A write can be cut short anywhere (a process killed
mid-write gets a short write on Linux), so without this a half-merged bundle could show.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any, Iterator

from storage import fastjson
from storage.files import append_durably, write_atomic
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
    return b"".join(fastjson.dumps(c) + b"\n" for c in changes)


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def append(self, changes: list[Change], *, sync: bool = True) -> int:
        """Append whole lines; return the new end offset. Several lines count all or none."""
        data = encode(changes)
        if len(changes) < 2:
            return append_durably(self.path, data, sync=sync)
        intent = self.path.with_name(self.path.name + ".append")
        start = self.size()
        generation = int(self._intent().get("gen", 0)) + 1
        note = {"gen": generation, "pending": True, "start": start, "length": len(data),
                "sha256": hashlib.sha256(data).hexdigest()}
        write_atomic(intent, json.dumps(note).encode())
        end = start
        try:
            end = append_durably(self.path, data, sync=True)
        finally:  # appended whole, or cut back to start by append_durably
            write_atomic(intent, json.dumps({"gen": generation, "pending": False, "end": end}).encode(), sync=False)
        return end

    def _intent(self) -> dict[str, Any]:
        try:
            note = json.loads(self.path.with_name(self.path.name + ".append").read_bytes())
        except (OSError, ValueError):
            return {}
        return note if isinstance(note, dict) else {}

    def committed_size(self) -> int:
        """Where the lines that count end: before a pending many-line append."""
        note = self._intent()
        size = self.size()
        return min(size, int(note.get("start", size))) if note.get("pending") else size

    def recover(self) -> None:
        """Under the write lock: settle a many-line append whose writer died — kept if it
        is whole, else cut off."""
        note = self._intent()
        if not note.get("pending"):
            return
        start, length = int(note["start"]), int(note["length"])
        whole = False
        if self.size() >= start + length:
            with open(self.path, "rb") as f:
                f.seek(start)
                whole = hashlib.sha256(f.read(length)).hexdigest() == note.get("sha256")
        end = start + length if whole else start
        if self.size() > end:
            with open(self.path, "rb+") as f:
                f.truncate(end)
                f.flush()
                os.fsync(f.fileno())
        write_atomic(self.path.with_name(self.path.name + ".append"),
                     json.dumps({"gen": note.get("gen", 0), "pending": False, "end": end}).encode())

    def read(self, start: int = 0) -> tuple[list[Change], int]:
        """The complete changes from byte ``start`` on, and the offset after the last one.

        A last line without its newline is a write that was cut off (the writer died
        before it counted): it is not returned, and the offset stops before it. Nor are
        the lines of a many-line append still pending.
        """
        for _ in range(100):  # a seqlock: the note must be the same before and after reading
            before = self._intent()
            try:
                with open(self.path, "rb") as f:
                    f.seek(start)
                    data = f.read()
            except FileNotFoundError:
                return [], start
            after = self._intent()
            if before == after:
                break
            time.sleep(0.005)
        if after.get("pending"):
            data = data[: max(0, int(after["start"]) - start)]
        end = data.rfind(b"\n") + 1
        changes: list[Change] = []
        line_no = 0
        for raw in data[:end].splitlines():
            line_no += 1
            if not raw.strip():
                continue
            try:
                changes.append(fastjson.loads(raw))
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
