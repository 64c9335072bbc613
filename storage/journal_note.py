"""The journal's commit note (``journal.jsonl.append``): what a many-line append in
progress says about itself, and whether it can be true of the file.

Before a many-line append the writer notes where it starts, how long it is, its SHA-256
and a hash of the bytes just before it; readers stop where a pending append starts; the
next writer keeps it if whole, else cuts it off (storage.journal.Journal.recover).

The note is checked before it is obeyed, because obeying it cuts the file: a note
that does not describe this file (not JSON, wrong types, a start beyond the end, not at
a line's start, inside lines already saved, more bytes after it than it noted, other
bytes before it than when it was written) is reported and set aside, and nothing is
cut.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, BinaryIO

from storage import fastjson
from storage.i18n import Text
from storage.messages import Notice

T = Text

# Why a note does not describe the file.
NOT_JSON = T("不是完整的 JSON", "不是完整的 JSON", "it is not whole JSON")
WRONG_TYPE = T("「{field}」的值不對", "“{field}”的值不对", "its '{field}' is not what a note holds")
BEYOND = T(
    "它說寫入從第 {start} 字節開始,但檔案只有 {size} 字節",
    "它说写入从第 {start} 字节开始,但文件只有 {size} 字节",
    "it says the write starts at byte {start}, but the file has {size} bytes",
)
LONGER = T(
    "第 {start} 字節之後有 {after} 字節,比它記下的 {length} 字節多",
    "第 {start} 字节之后有 {after} 字节,比它记下的 {length} 字节多",
    "{after} bytes follow byte {start}, more than the {length} it noted",
)
NOT_AT_LINE = T("第 {start} 字節不在一行的開頭", "第 {start} 字节不在一行的开头", "byte {start} is not the start of a line")
INSIDE_SAVED = T(
    "它說寫入從第 {start} 字節開始,但到第 {saved} 字節的行都已保存",
    "它说写入从第 {start} 字节开始,但到第 {saved} 字节的行都已保存",
    "it says the write starts at byte {start}, inside lines already saved (up to byte {saved})",
)
SEQ_SAVED = T(
    "它之後的第 {seq} 號變更早已保存",
    "它之后的第 {seq} 号变更早已保存",
    "change {seq}, after its start, was saved already",
)
OTHER_FILE = T(
    "它前面的內容與寫它時不同",
    "它前面的内容与写它时不同",
    "the bytes before it are not those it was written after",
)

#: How many bytes before a many-line append its note fingerprints.
BEFORE = 256
_HEX64 = re.compile(r"[0-9a-f]{64}")


def is_count(value: Any) -> bool:
    """A whole number of bytes or changes, not negative (and not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@dataclass(frozen=True)
class Pending:
    """A many-line append as its note describes it."""

    gen: int
    start: int
    length: int
    sha256: str
    before: str | None  # SHA-256 of the (up to) BEFORE bytes before start; None in older notes


def parse_note(raw: bytes | None) -> tuple[Pending | None, Notice | None]:
    """What a note says: a pending append, nothing pending (None, None), or why it is
    damaged (None, reason)."""
    if raw is None:
        return None, None
    try:
        note = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None, Notice(NOT_JSON)
    if not isinstance(note, dict):
        return None, Notice(NOT_JSON)
    if "gen" in note and not is_count(note["gen"]):
        return None, Notice(WRONG_TYPE, field="gen")
    if not isinstance(note.get("pending"), bool):
        return None, Notice(WRONG_TYPE, field="pending")
    if not note["pending"]:
        if "end" in note and not is_count(note["end"]):
            return None, Notice(WRONG_TYPE, field="end")
        return None, None
    for name in ("start", "length"):
        if not is_count(note.get(name)):
            return None, Notice(WRONG_TYPE, field=name)
    for name in ("sha256", "before"):
        value = note.get(name)
        if (value is not None or name == "sha256") and not (isinstance(value, str) and _HEX64.fullmatch(value)):
            return None, Notice(WRONG_TYPE, field=name)
    return Pending(int(note.get("gen", 0)), note["start"], note["length"], note["sha256"], note.get("before")), None


def bytes_before(f: BinaryIO, start: int) -> bytes:
    """The (up to) BEFORE bytes of ``f`` before ``start``: what a note fingerprints."""
    back = min(start, BEFORE)
    f.seek(start - back)
    return f.read(back)


def impossible(pending: Pending, f: BinaryIO, size: int, saved: int) -> Notice | None:
    """Why ``pending`` cannot be an append to this file (None if it can): what a
    writer that died leaves is the note, then at most ``length`` bytes from ``start``,
    the end of the file, at a line's start after the lines saved."""
    start = pending.start
    if start > size:
        return Notice(BEYOND, start=start, size=size)
    if size - start > pending.length:
        return Notice(LONGER, start=start, after=size - start, length=pending.length)
    if start < saved:
        return Notice(INSIDE_SAVED, start=start, saved=saved)
    before = bytes_before(f, start)
    if before and not before.endswith(b"\n"):
        return Notice(NOT_AT_LINE, start=start)
    if pending.before is not None and hashlib.sha256(before).hexdigest() != pending.before:
        return Notice(OTHER_FILE)
    return None


def claims_saved(after_start: bytes, saved_seq: int) -> Notice | None:
    """A change after the note's start numbered as one already saved: the note lies."""
    if saved_seq <= 0:
        return None
    for raw in after_start.split(b"\n")[:-1]:
        try:
            seq = fastjson.loads(raw).get("seq")
        except (ValueError, AttributeError):
            continue  # a torn append may hold anything
        if is_count(seq) and seq <= saved_seq:
            return Notice(SEQ_SAVED, seq=seq)
    return None
