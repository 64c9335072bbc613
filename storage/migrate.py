"""Upgrading a store written by an older taizhang, after a backup.

Format versions:

1. The first layout: registers, journal and settings, but no search index, and
   身份證號 kept as typed (a lower-case x, an old 15-digit number).
2. The search index (index.tsv), and 身份證號 kept in one form: 18 characters,
   upper-case X. Upgrading writes the normalised numbers as changes in the journal,
   so the audit trail shows them, then builds the index.

A store newer than this program is refused by :meth:`storage.store.Store.open`.
"""

from __future__ import annotations

from pathlib import Path

from storage import settings as settings_mod
from storage.fields import parse_id_number
from storage.i18n import Text
from storage.messages import StoreError

CANNOT = Text(
    "無法升級 {home} 的資料格式(第 {found} 版):{detail}。原資料已備份在 {backup},沒有改動。",
    "无法升级 {home} 的数据格式(第 {found} 版):{detail}。原数据已备份在 {backup},没有改动。",
    "Could not upgrade the store in {home} from format {found}: {detail}. The data was backed "
    "up in {backup} and left as it was.",
)


def upgrade(home: Path, found: int) -> Path:
    """Bring a store up to the current format; returns the backup made first."""
    from storage import backups
    from storage.store import Store

    raw = settings_mod.read_raw(home) or {}
    store = Store(home, settings_mod.parse(home, raw))
    with store.lock.held_for():
        raw = settings_mod.read_raw(home) or {}
        found = int(raw.get("store", {}).get("schema_version", 1))
        if found >= settings_mod.SCHEMA_VERSION:
            return home  # another process upgraded it while we waited
        backup = backups.make(home, f"before-format-{settings_mod.SCHEMA_VERSION}", store.lock)
        try:
            store.refresh()
            if found < 2:
                _normalise_id_numbers(store)
            store.checkpoint()
            store.rebuild_index()
            store.settings.store.schema_version = settings_mod.SCHEMA_VERSION
            settings_mod.save(home, store.settings)
        except StoreError as error:
            raise StoreError(CANNOT, home=str(home), found=found, detail=error.message(), backup=str(backup)) from None
    return backup


def _normalise_id_numbers(store: object) -> None:
    from storage.store import Store

    assert isinstance(store, Store)
    with store.transaction():
        corrections = []
        for slug in ("members", "applicants"):
            for record in store.table(slug).values():
                number = record.get("id_number")
                if not number or record.get("_d"):
                    continue
                try:
                    fixed = parse_id_number(number)
                except Exception:
                    continue  # taizhang check reports what cannot be fixed automatically
                if fixed != number:
                    corrections.append((slug, record, {"id_number": [number, fixed]}))
        store.save_corrections(corrections)
