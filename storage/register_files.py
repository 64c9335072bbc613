"""The register files: TinyDB's JSON layout, written whole and atomically at checkpoints.

Each register is one file, ``registers/<slug>.json``, in TinyDB's format
(``{"members": {"1": {...}, "2": {...}}}``) so that TinyDB itself can open it, with
Chinese written as Chinese (not ``\\u`` escapes) and one record per line so a person
can read it and a diff stays small. TinyDB's doc_id is only a position: a record's
identity is its ``id``, a random UUID.

TinyDB's own JSONStorage rewrites the whole file on every insert; here the store writes
a file only at a checkpoint, from its journal, through :func:`storage.files.write_atomic`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from storage import fastjson
from storage.files import write_atomic
from storage.i18n import Text
from storage.messages import StoreError

BAD_FILE = Text(
    "登記冊檔案 {path} 無法讀取:{detail}。請用 taizhang check 檢查,或從備份恢復(taizhang restore)。",
    "登记册文件 {path} 无法读取:{detail}。请用 taizhang check 检查,或从备份恢复(taizhang restore)。",
    "The register file {path} cannot be read: {detail}. Run taizhang check, or restore a "
    "backup (taizhang restore).",
)


def encode_table(name: str, records: Iterable[dict[str, Any]]) -> bytes:
    rows = [b'"%d":' % n + fastjson.dumps(r) for n, r in enumerate(records, start=1)]
    return b"{" + fastjson.dumps(name) + b":{\n" + b",\n".join(rows) + b"\n}}\n"


def read_table(path: Path, name: str) -> list[dict[str, Any]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    try:
        doc = fastjson.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise StoreError(BAD_FILE, path=str(path), detail=str(error)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get(name, {}), dict):
        raise StoreError(BAD_FILE, path=str(path), detail="not a TinyDB table")
    rows = list(doc.get(name, {}).values())
    for n, row in enumerate(rows, start=1):  # a hand edit may leave JSON that is no record
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise StoreError(BAD_FILE, path=str(path), detail=f"entry {n} is not a record with an id")
    return rows


def peek_table(path: Path, count: int) -> list[dict[str, Any]] | None:
    """The first ``count`` live records of a register file, read from its start only
    (one record per line, as :func:`encode_table` writes), or None if it cannot tell."""
    found: list[dict[str, Any]] = []
    chunk = 65536
    try:
        with open(path, "rb") as f:
            while True:
                data = f.read(chunk)
                found = []
                # The last line of what was read may be cut: only whole lines count.
                whole, _, _ = data.rpartition(b"\n")
                for line in whole.split(b"\n")[1:]:
                    line = line.rstrip(b",")
                    if not line.startswith(b'"'):
                        continue
                    row = json.loads(line.split(b":", 1)[1])
                    if not isinstance(row, dict):
                        return None  # not a record: the whole read says what is wrong
                    if not row.get("_d"):
                        found.append(row)
                if len(found) >= count or len(data) < chunk:
                    return found[:count]
                f.seek(0)
                chunk *= 4
    except FileNotFoundError:
        return []
    except ValueError:
        return None


def write_table(path: Path, name: str, records: Iterable[dict[str, Any]]) -> None:
    write_atomic(path, encode_table(name, records))


class RegisterFileStorage(Storage):
    """A TinyDB storage over a register file, for tools that want TinyDB's query API.

    ``TinyDB(path, storage=RegisterFileStorage).table("members").search(...)``. Writes
    go through the same atomic replace as the store's checkpoints.
    """

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return json.loads(data) if data.strip() else None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        write_atomic(self.path, body)
