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
append, ``journal.jsonl.append`` notes where it starts, how long it is, its SHA-256 and
a hash of the bytes just before it; readers stop where a pending append starts; the
next writer (under the lock) finds a pending append of a writer that died and either
keeps it, if it is whole, or cuts it off (:meth:`Journal.recover`). A write can be cut
short anywhere (a process killed mid-write gets a short write on Linux), so without
this a half-merged bundle could show.

The note is checked before it is obeyed, because obeying it cuts the file: a note
that does not describe this file (not JSON, wrong types, a start beyond the end, not at
a line's start, inside lines already saved, more bytes after it than it noted, other
bytes before it than when it was written) is reported and set aside, and nothing is
cut. What a killed writer leaves always passes: the note is written whole (atomically)
before the append, the append may be short, and only then is the note settled.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from storage import clock, fastjson
from storage.files import append_durably, write_atomic
from storage.i18n import Text
from storage.journal_note import BEFORE as BEFORE  # how far back a note fingerprints, asked of the journal
from storage.journal_note import Pending, bytes_before, claims_saved, impossible, is_count, parse_note
from storage.messages import Notice, StoreError

T = Text
TORN_MIDDLE = T(
    "變更日誌 {path} 第 {line} 行(第 {offset} 字節起)已損壞,不是完整的 JSON。請用 taizhang check 查看,"
    "或從備份恢復(taizhang restore)。",
    "变更日志 {path} 第 {line} 行(第 {offset} 字节起)已损坏,不是完整的 JSON。请用 taizhang check 查看,"
    "或从备份恢复(taizhang restore)。",
    "The change log {path} is damaged at line {line} (from byte {offset}): not whole JSON. Run "
    "taizhang check, or restore a backup (taizhang restore).",
)
NOTE_SET_ASIDE = T(
    "變更日誌的提交記錄 {note} 與 {journal} 對不上({reason}),已移到 {aside} 備查;沒有去掉任何已保存的記錄。",
    "变更日志的提交记录 {note} 与 {journal} 对不上({reason}),已移到 {aside} 备查;没有去掉任何已保存的记录。",
    "The change log's commit note {note} does not describe {journal} ({reason}): it was set "
    "aside as {aside}, and no saved line was cut.",
)
DROPPED_UNFINISHED = T(
    "上次有一筆寫入沒有完成(程序在寫入時中斷):已去掉 {journal} 第 {line} 行起的 {bytes} 字節。"
    "這筆寫入從未報告為已保存。",
    "上次有一笔写入没有完成(程序在写入时中断):已去掉 {journal} 第 {line} 行起的 {bytes} 字节。"
    "这笔写入从未报告为已保存。",
    "A write that never finished (the program stopped while writing) was dropped: {bytes} bytes "
    "from line {line} of {journal}. It was never reported saved.",
)
DROPPED_TORN = T(
    "{journal} 的最後一行(第 {line} 行,{bytes} 字節)沒有寫完,是一次中斷的寫入,已去掉;它從未報告為已保存。",
    "{journal} 的最后一行(第 {line} 行,{bytes} 字节)没有写完,是一次中断的写入,已去掉;它从未报告为已保存。",
    "The last line of {journal} (line {line}, {bytes} bytes) was never finished, a write "
    "interrupted, and was dropped; it was never reported saved.",
)

Change = dict[str, Any]


def encode(changes: list[Change]) -> bytes:
    return b"".join(fastjson.dumps(c) + b"\n" for c in changes)


@dataclass
class Survey:
    """The whole journal as ``taizhang check`` sees it."""

    lines: int = 0  # complete lines
    damaged: list[tuple[int, int, int]] = field(default_factory=list)  # (line, byte offset, bytes)
    torn_tail: tuple[int, int] | None = None  # (line, bytes): a last line without its newline
    pending: tuple[int, int, bool] | None = None  # (line, bytes, whole) of a pending append
    bad_note: Notice | None = None  # why the note does not describe the file
    set_aside: list[str] = field(default_factory=list)  # notes set aside before
    registers_before: set[str] = field(default_factory=set)  # registers changed before ``until``


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.note_path = path.with_name(path.name + ".append")
        self.notices: list[Notice] = []
        self.on_notice: Callable[[Notice], None] | None = None  # else they are kept in notices

    def _say(self, text: Text, **params: Any) -> None:
        notice = Notice(text, **params)
        (self.on_notice or self.notices.append)(notice)

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    # -- the commit note ------------------------------------------------------------

    def _note_bytes(self) -> bytes | None:
        try:
            return self.note_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return b"\0"  # unreadable: judged damaged, set aside by the next writer

    def _pending(self, raw: bytes | None, saved: int, saved_seq: Callable[[], int],
                 seen: tuple[int, bytes] | None = None) -> Pending | None:
        """The append in progress (or left by a writer that died) that readers must stop
        before; None if there is none or the note cannot be trusted. ``seen``: the file
        as the caller read it (its size, and the bytes from ``saved`` on), so the note is
        judged against that snapshot, not against a file another writer has since grown."""
        pending, damage = parse_note(raw)
        if pending is None or damage is not None:
            return None
        try:
            with open(self.path, "rb") as f:
                size = seen[0] if seen else os.fstat(f.fileno()).st_size
                if impossible(pending, f, size, saved) is not None:
                    return None
                if seen:
                    after = seen[1][pending.start - saved:]
                else:
                    f.seek(pending.start)
                    after = f.read()
        except FileNotFoundError:
            return None
        return None if claims_saved(after, saved_seq()) is not None else pending

    def append(self, changes: list[Change], *, sync: bool = True) -> int:
        """Append whole lines; return the new end offset. Several lines count all or none."""
        data = encode(changes)
        if len(changes) < 2:
            return append_durably(self.path, data, sync=sync)
        start = self.size()
        before = b""
        if start:
            with open(self.path, "rb") as f:
                before = bytes_before(f, start)
        generation = self._gen() + 1
        note = {"gen": generation, "pending": True, "start": start, "length": len(data),
                "sha256": hashlib.sha256(data).hexdigest(), "before": hashlib.sha256(before).hexdigest()}
        write_atomic(self.note_path, json.dumps(note).encode())
        try:
            end = append_durably(self.path, data, sync=True)
        except StoreError:  # cut back to start by append_durably: settled, nothing written
            self._settle(generation, start)
            raise
        # Interrupted otherwise (Ctrl-C mid-write), the note stays pending, as if killed:
        # the next writer keeps the lines if whole, else cuts them off.
        self._settle(generation, end)
        return end

    def _settle(self, generation: int, end: int) -> None:
        write_atomic(self.note_path, json.dumps({"gen": generation, "pending": False, "end": end}).encode(), sync=False)

    def _gen(self) -> int:
        """The last note's number (0 if there is none, or it is unreadable)."""
        try:
            gen = json.loads(self._note_bytes() or b"{}").get("gen", 0)
        except (ValueError, AttributeError, UnicodeDecodeError):
            return 0
        return gen if is_count(gen) else 0

    def committed_size(self, saved: int = 0) -> int:
        """Where the lines that count end: before a pending many-line append."""
        pending = self._pending(self._note_bytes(), saved, lambda: 0)
        size = self.size()
        return min(size, pending.start) if pending else size

    def recover(self, saved: int = 0, saved_seq: int = 0) -> None:
        """Under the write lock: settle a many-line append whose writer died — kept if it
        is whole, else cut off — or set aside a note that does not describe this file.

        ``saved`` is an offset up to which the lines are known saved (read by this
        process, or written into the register files at a checkpoint), ``saved_seq`` a
        change number known saved (the search index had caught up with it): a note
        pointing before either lies, and is never obeyed."""
        raw = self._note_bytes()
        pending, damage = parse_note(raw)
        if pending is None and damage is None:
            return
        tail = b""
        if pending is not None:
            try:
                f: BinaryIO = open(self.path, "rb")  # under the lock: it holds still
            except FileNotFoundError:
                f = io.BytesIO()  # the writer died before its first line reached the file
            with f:
                damage = impossible(pending, f, f.seek(0, os.SEEK_END), saved)
                if damage is None:
                    f.seek(pending.start)
                    tail = f.read()
                    damage = claims_saved(tail, saved_seq)
        if damage is not None:
            aside = self._set_aside()
            self._say(NOTE_SET_ASIDE, note=self.note_path.name, journal=self.path.name, reason=damage,
                      aside=aside.name)
            return
        assert pending is not None  # parse_note gives a pending append or damage, and damage returned above
        whole = len(tail) == pending.length and hashlib.sha256(tail).hexdigest() == pending.sha256
        end = pending.start + len(tail) if whole else pending.start
        if not whole and tail:
            line = self.line_at(pending.start)
            with open(self.path, "rb+") as f:
                f.truncate(end)
                f.flush()
                os.fsync(f.fileno())
            self._say(DROPPED_UNFINISHED, journal=self.path.name, line=line, bytes=len(tail))
        write_atomic(self.note_path, json.dumps({"gen": pending.gen, "pending": False, "end": end}).encode())

    def _set_aside(self) -> Path:
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        aside = self.note_path.with_name(f"{self.note_path.name}.damaged-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.note_path.with_name(f"{self.note_path.name}.damaged-{stamp}-{n}")
        try:
            os.replace(self.note_path, aside)
        except OSError as error:
            from storage.files import write_failure

            raise write_failure(self.note_path, error) from error
        return aside

    def set_aside_notes(self) -> list[str]:
        """Notes set aside before (journal.jsonl.append.damaged-…), for ``taizhang check``."""
        prefix = self.note_path.name + ".damaged-"
        try:
            return sorted(p.name for p in self.path.parent.iterdir() if p.name.startswith(prefix))
        except FileNotFoundError:
            return []

    # -- reading --------------------------------------------------------------------

    def line_at(self, offset: int) -> int:
        """The number (from 1) of the line that starts at byte ``offset``."""
        count = 0
        done = 0
        with open(self.path, "rb") as f:
            while done < offset:
                chunk = f.read(min(1 << 20, offset - done))
                if not chunk:
                    break
                count += chunk.count(b"\n")
                done += len(chunk)
        return count + 1

    def read(self, start: int = 0, *, stop: int | None = None,
             saved_seq: Callable[[], int] = lambda: 0) -> tuple[list[Change], int]:
        """The complete changes from byte ``start`` on, and the offset after the last one.

        A last line without its newline is a write that was cut off (the writer died
        before it counted): it is not returned, and the offset stops before it. Nor are
        the lines of a many-line append still pending, if its note describes this file.
        With ``stop``, only the lines before that offset (lines a checkpoint saved).
        """
        for _ in range(100):  # a seqlock: the note must be the same before and after reading
            before = self._note_bytes()
            try:
                with open(self.path, "rb") as f:
                    f.seek(start)
                    data = f.read() if stop is None else f.read(max(0, stop - start))
            except FileNotFoundError:
                return [], start
            after = self._note_bytes()
            if before == after:
                break
            time.sleep(0.005)
        if stop is None:
            pending = self._pending(after, start, saved_seq, seen=(start + len(data), data))
            if pending is not None:
                data = data[: max(0, pending.start - start)]
        end = data.rfind(b"\n") + 1
        changes: list[Change] = []
        lines = data[:end].split(b"\n")
        lines.pop()
        for number, raw in enumerate(lines):
            if not raw.strip():
                continue
            try:
                changes.append(fastjson.loads(raw))
            except ValueError:
                offset = start + sum(len(line) + 1 for line in lines[:number])
                raise StoreError(TORN_MIDDLE, path=str(self.path), line=self.line_at(offset), offset=offset) from None
        return changes, start + end

    def survey(self, saved: int = 0, saved_seq: int = 0, until: int = 0) -> Survey:
        """Every line, its damage and the note's, for ``taizhang check`` (reads it all).
        ``until``: note the registers with changes before that offset."""
        found = Survey(set_aside=self.set_aside_notes())
        raw_note = self._note_bytes()
        pending, found.bad_note = parse_note(raw_note)
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            data = b""
        if pending is not None:
            found.bad_note = impossible(pending, io.BytesIO(data), len(data), saved)
            if found.bad_note is None:
                found.bad_note = claims_saved(data[pending.start:], saved_seq)
            if found.bad_note is None:
                tail = data[pending.start:]
                whole = len(tail) == pending.length and hashlib.sha256(tail).hexdigest() == pending.sha256
                found.pending = (data.count(b"\n", 0, pending.start) + 1, len(tail), whole)
                data = data[:pending.start]
        offset = 0
        number = 0
        while offset < len(data):
            newline = data.find(b"\n", offset)
            number += 1
            if newline < 0:
                found.torn_tail = (number, len(data) - offset)
                break
            raw = data[offset:newline]
            if raw.strip():
                try:
                    change = fastjson.loads(raw)
                    if not isinstance(change, dict):
                        raise ValueError
                except ValueError:
                    found.damaged.append((number, offset, len(raw)))
                else:
                    if newline < until and isinstance(change.get("reg"), str):
                        found.registers_before.add(change["reg"])
            found.lines += 1
            offset = newline + 1
        return found

    def first_seq(self) -> int | None:
        """The number of the journal's first change (1 if it was never cut at the front)."""
        try:
            with open(self.path, "rb") as f:
                raw = f.readline()
        except FileNotFoundError:
            return None
        if not raw.endswith(b"\n"):
            return None
        try:
            seq = fastjson.loads(raw).get("seq")
        except (ValueError, AttributeError):
            return None
        return seq if is_count(seq) else None

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
            line = self.line_at(new_size)
            f.truncate(new_size)
            f.flush()
            os.fsync(f.fileno())
        self._say(DROPPED_TORN, journal=self.path.name, line=line, bytes=size - new_size)

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
                change: Change = json.loads(raw)  # a journal's line holds one change, as append wrote it
            except ValueError:
                continue
            return change
        return None

    def of_record(self, record_id: str) -> Iterator[Change]:
        """Every change of one record, oldest first (the audit trail of ``history``)."""
        needle = f'"{record_id}"'.encode()
        offset = 0
        try:
            with open(self.path, "rb") as f:
                for number, raw in enumerate(f, start=1):
                    if needle in raw and raw.endswith(b"\n"):
                        try:
                            change = fastjson.loads(raw)
                        except ValueError:
                            raise StoreError(TORN_MIDDLE, path=str(self.path), line=number, offset=offset) from None
                        if change.get("rec") == record_id:
                            yield change
                    offset += len(raw)
        except FileNotFoundError:
            return
