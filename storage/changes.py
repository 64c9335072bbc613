"""A change and how it applies to a register's records: field by field, last writer (by
hybrid logical clock) wins, so applying the same change twice, or an older change after
a newer one, changes nothing. Replay after a crash, two processes sharing a home and the
sync's merge all rest on this.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from storage.journal import Change
from storage.records import STORE_KEYS


def new_id() -> str:
    return str(uuid.uuid4())


def compact(data: Mapping[str, Any]) -> dict[str, Any]:
    """A record without empty values: what is not there reads as empty."""
    return {k: v for k, v in data.items() if v is not None and v != [] and v != ""}


def field_stamp(record: Mapping[str, Any], name: str) -> str:
    stamp: str = record.get("_v", {}).get(name) or record.get("_c", "")  # stamps are strings (HybridClock's)
    return stamp


def apply_change(table: dict[str, dict[str, Any]], change: Change) -> bool:
    """Apply one change, field by field, last writer (by clock) wins. Idempotent.

    Returns whether anything changed.
    """
    rid, stamp, op = change["rec"], change["hlc"], change["op"]
    record = table.get(rid)
    if op == "delete":
        if record is None:
            table[rid] = {"id": rid, "_c": stamp, "_d": stamp}
            return True
        if record.get("_d", "") >= stamp:
            return False
        record["_d"] = stamp
        return True
    if record is None:
        record = table[rid] = {"id": rid, "_c": stamp if op == "create" else ""}
    changed = False
    for name, (_, new) in change.get("fields", {}).items():
        if name in STORE_KEYS:
            continue
        if stamp < field_stamp(record, name):
            continue  # a newer change already set this field (an equal stamp is a replay)
        if new is None or new == [] or new == "":
            record.pop(name, None)
        else:
            record[name] = new
        if stamp != record.get("_c"):
            record.setdefault("_v", {})[name] = stamp
        changed = True
    return changed
