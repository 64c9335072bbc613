"""The store: open a home; read, add, edit, delete; one writer at a time; nothing torn.

How a save travels: the register's model validates the values → the store turns them
into a change (record, fields, old → new, clock, copy) → the journal appends it and
fsyncs → the in-memory table and the search index follow. Register files are rewritten
only at a checkpoint (every few thousand changes, and when the app closes), so the cost
of a save does not grow with the store. Opening replays the journal after the last
checkpoint.

Changes apply field by field, last writer wins by hybrid logical clock: applying the
same change twice, or an older change after a newer one, changes nothing. That makes
replay after a crash safe, lets two processes share a home (each catches up with the
journal under the write lock before it writes), and is what the sync merges on.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from storage import catalogue, clock, index, settings as settings_mod
from storage.files import WriteLock, make_private_dir, tighten_home, write_atomic
from storage.gcpause import paused, pausing
from storage.home import resolve_home
from storage.i18n import Text
from storage.journal import Change, Journal
from storage.messages import Notice, Problem, StoreError, ValidationFailed
from storage.records import STORE_KEYS, fields_of, named_values, validate
from storage.register_files import peek_table, read_table, write_table
from storage.registers.base import Register
from storage.state import REGISTERS_DIR, STATE_FILE, file_size, read_state, register_files, suspect_register_files

JOURNAL_FILE = "journal.jsonl"
BACKUPS_DIR = "backups"
#: Folders of a home whose files are made private one by one when it is opened (sync's
#: state and keys live in the last two); any other folder, backups above all, is closed
#: as a whole instead of walked.
PRIVATE_FOLDERS = (REGISTERS_DIR, "sync", "keys")

#: A checkpoint is made once this many changes are in the journal after the last one
#: (TAIZHANG_CHECKPOINT_EVERY changes it, for tests that want checkpoints often).
CHECKPOINT_EVERY = int(os.environ.get("TAIZHANG_CHECKPOINT_EVERY", "2000"))

T = Text
NO_STORE = T(
    "{home} 裡還沒有台賬。請先建立:taizhang init --org 村黨總支 --branch 第一支部,或試用:taizhang demo。",
    "{home} 里还没有台账。请先建立:taizhang init --org 村党总支 --branch 第一支部,或试用:taizhang demo。",
    "There is no store in {home} yet. Create one with taizhang init --org NAME --branch NAME, "
    "or try taizhang demo.",
)
ALREADY = T(
    "{home} 裡已經有台賬,不能再建立。要用另一個資料夾,請加 --home 資料夾。",
    "{home} 里已经有台账,不能再建立。要用另一个文件夹,请加 --home 文件夹。",
    "{home} already holds a store. To make another, choose a different folder with --home.",
)
TOO_NEW = T(
    "{home} 的台賬由較新版本的 taizhang 寫成(資料格式第 {found} 版,本程序只認得到第 {known} 版)。"
    "請升級 taizhang 後再打開;資料沒有改動。",
    "{home} 的台账由较新版本的 taizhang 写成(资料格式第 {found} 版,本程序只认得到第 {known} 版)。"
    "请升级 taizhang 后再打开;资料没有改动。",
    "The store in {home} was written by a newer taizhang (format {found}; this program knows up "
    "to {known}). Upgrade taizhang to open it; nothing was changed.",
)
READ_ONLY = T(
    "台賬以唯讀方式打開,不能保存。{why}",
    "台账以只读方式打开,不能保存。{why}",
    "The store is open read-only; nothing can be saved. {why}",
)
CLOCK_BEHIND = T(
    "這台電腦的日期是 {now},但這份台賬裡已有 {newest} 的記錄:這台電腦的日期可能不對(例如主機板電池沒電),"
    "或者某個副本的時鐘快了。請先核對日期和時間再錄入;自動填入的日期(如繳費日期)用的是這台電腦的日期。",
    "这台电脑的日期是 {now},但这份台账里已有 {newest} 的记录:这台电脑的日期可能不对(例如主板电池没电),"
    "或者某个副本的时钟快了。请先核对日期和时间再录入;自动填入的日期(如缴费日期)用的是这台电脑的日期。",
    "This laptop's date is {now}, but this store already holds changes from {newest}: this laptop's "
    "date is probably wrong (a flat clock battery, say), or some copy's clock runs ahead. Check the "
    "date and time before typing; dates filled in for you (a payment's date) come from this laptop.",
)
NOT_FOUND = T(
    "找不到編號為「{id}」的記錄。請用 taizhang find 或 taizhang list 查出編號。",
    "找不到编号为「{id}」的记录。请用 taizhang find 或 taizhang list 查出编号。",
    "No record has the id '{id}'. Look it up with taizhang find or taizhang list.",
)
AMBIGUOUS_ID = T(
    "編號「{id}」不唯一,可能是:{candidates}。請多寫幾位。",
    "编号「{id}」不唯一,可能是:{candidates}。请多写几位。",
    "The id '{id}' is not unique: it could be {candidates}. Give more of it.",
)
UNKNOWN_REGISTER = T(
    "沒有「{name}」這個登記冊。可用:{names}。",
    "没有「{name}」这个登记册。可用:{names}。",
    "There is no register '{name}'. Registers: {names}.",
)
ENTRIES_ONLY = T(
    "{title}的記錄不能修改或刪除;記錯了請另記一筆沖銷(金額為負,並註明沖銷的記錄)。",
    "{title}的记录不能修改或删除;记错了请另记一笔冲销(金额为负,并注明冲销的记录)。",
    "Entries of {title} are never edited or deleted: record a reversing entry (a negative "
    "amount naming the entry it reverses).",
)
STILL_REFERENCED = T(
    "不能刪除「{name}」:還有 {count} 條記錄引用它(如{example})。請先處理那些記錄;黨員離開請填出黨/轉出日期。",
    "不能删除「{name}」:还有 {count} 条记录引用它(如{example})。请先处理那些记录;党员离开请填出党/转出日期。",
    "Cannot delete '{name}': {count} records refer to it (such as {example}). Deal with those "
    "first; for a member who left, fill in the date they left.",
)
DELETED = T(
    "記錄「{name}」已刪除,不能修改。",
    "记录「{name}」已删除,不能修改。",
    "The record '{name}' has been deleted and cannot be changed.",
)
REGISTER_LOST = T(
    "登記冊檔案 {path} {why},變更日誌也不足以重建它(日誌不是從第一筆變更記起,或與檔案對不上)。"
    "請從備份恢復:taizhang restore --list 列出備份,taizhang restore 恢復最近的一個。",
    "登记册文件 {path} {why},变更日志也不足以重建它(日志不是从第一笔变更记起,或与文件对不上)。"
    "请从备份恢复:taizhang restore --list 列出备份,taizhang restore 恢复最近的一个。",
    "The register file {path} {why}, and the change log cannot rebuild it (it does not go back "
    "to the first change, or does not agree with the file). Restore a backup: taizhang restore "
    "--list lists them, taizhang restore brings back the latest.",
)
REGISTER_REBUILT = T(
    "登記冊檔案 {path} {why};已按變更日誌重建({count} 條記錄),下次保存時寫回檔案。",
    "登记册文件 {path} {why};已按变更日志重建({count} 条记录),下次保存时写回文件。",
    "The register file {path} {why}: it was rebuilt from the change log ({count} records) and is "
    "written again at the next save.",
)
FILE_GONE = T(
    "不見了(上次保存時寫入了 {count} 條記錄)",
    "不见了(上次保存时写入了 {count} 条记录)",
    "is missing (the last checkpoint wrote {count} records there)",
)
FILE_SHORT = T(
    "只有 {found} 條記錄,上次保存時寫入的是 {count} 條(被換成了舊檔案或被截斷)",
    "只有 {found} 条记录,上次保存时写入的是 {count} 条(被换成了旧文件或被截断)",
    "holds {found} records where the last checkpoint wrote {count} (an older file put in its "
    "place, or cut short)",
)
FILE_UNREADABLE = T("無法讀取({detail})", "无法读取({detail})", "cannot be read ({detail})")


def new_id() -> str:
    return str(uuid.uuid4())


def compact(data: Mapping[str, Any]) -> dict[str, Any]:
    """A record without empty values: what is not there reads as empty."""
    return {k: v for k, v in data.items() if v is not None and v != [] and v != ""}


def field_stamp(record: Mapping[str, Any], name: str) -> str:
    return record.get("_v", {}).get(name) or record.get("_c", "")


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


class Store:
    """One home folder, open for reading and (under the lock, one transaction at a time)
    for writing."""

    def __init__(self, home: Path, settings: settings_mod.Settings, *, readonly: bool = False) -> None:
        self.home = home
        self.settings = settings
        self.readonly = readonly
        self.readonly_reason = ""
        self.lock = WriteLock(home)
        self.journal = Journal(home / JOURNAL_FILE)
        self._tables: dict[str, dict[str, dict[str, Any]]] = {}
        self._pending: dict[str, list[Change]] = defaultdict(list)
        self._dirty: set[str] = set()
        self._end = 0
        self._seq = 0
        self._since_checkpoint = 0
        self.clock = clock.HybridClock(settings.store.copy_id)
        self.listeners: list[Callable[[set[str]], None]] = []
        self._unique: dict[tuple[str, str], dict[Any, str]] = {}
        self._index_lines: dict[str, str] = {}  # id → its index line, as last computed here
        self._sound: dict[str, tuple[Any, list[dict[str, Any]]]] = {}  # sound_records, until a change
        self.autocheckpoint = True  # a bulk builder turns it off and checkpoints once at the end
        self.notices: list[Notice] = []  # said to no one yet (see on_notice)
        self._notice_listeners: list[Callable[[Notice], None]] = []
        self.journal.on_notice = self._notice
        self._files: dict[str, tuple[int | None, int | None]] = {}  # register files the last checkpoint left: records, bytes
        self._repaired = False  # a register rebuilt from the journal: its file is to be written
        #: Said once when a home was opened: its modes were tightened, or its disk keeps none.
        self.privacy_note: Text | None = None
        self._read_state()

    # -- opening and creating -------------------------------------------------------

    @classmethod
    def open(cls, home: str | Path | None = None, *, readonly: bool = False) -> "Store":
        path = resolve_home(home)
        raw = settings_mod.read_raw(path)
        if raw is None:
            raise StoreError(NO_STORE, home=str(path))
        found = int(raw.get("store", {}).get("schema_version", 1))
        if found > settings_mod.SCHEMA_VERSION:
            raise StoreError(TOO_NEW, home=str(path), found=found, known=settings_mod.SCHEMA_VERSION)
        note = None if readonly else tighten_home(path, PRIVATE_FOLDERS)
        if found < settings_mod.SCHEMA_VERSION:
            from storage import migrate

            migrate.upgrade(path, found)
            raw = settings_mod.read_raw(path) or raw
        store = cls(path, settings_mod.parse(path, raw), readonly=readonly)
        store.privacy_note = note
        if readonly:
            store.readonly_reason = ""
        return store

    @classmethod
    def create(
        cls,
        home: str | Path | None,
        *,
        organisation: str,
        branches: list[str] = [],
        role: str = "master",
        demo: bool = False,
        copy_id: str | None = None,
        branch: str | None = None,
    ) -> "Store":
        path = resolve_home(home)
        if settings_mod.read_raw(path) is not None:
            raise StoreError(ALREADY, home=str(path))
        organisation = settings_mod.organisation_name(organisation)
        for name in branches:  # refused before anything is written: no half-made store
            validate(catalogue.get("branches"), {"name": name})  # type: ignore[arg-type]
        make_private_dir(path, parents=True)
        make_private_dir(path / REGISTERS_DIR)
        config = settings_mod.Settings(
            store=settings_mod.StoreSection(
                copy_id=copy_id or uuid.uuid4().hex[:12],
                role=role,  # type: ignore[arg-type]
                organisation=organisation,
                branch=branch,
                demo=demo,
                created=clock.now().isoformat(timespec="seconds"),
            )
        )
        settings_mod.save(path, config)
        store = cls(path, config)
        with store.transaction():
            for name in branches:
                store.add("branches", {"name": name})
        store.rebuild_index()
        return store

    def _read_state(self) -> None:
        state = read_state(self.home)  # unreadable: {}, replay everything
        try:
            self._end = max(0, int(state.get("journal_offset", 0)))
            self._seq = max(0, int(state.get("seq", 0)))
        except (TypeError, ValueError):
            self._end, self._seq = 0, 0
        self._files = register_files(state)  # (not filtered through the catalogue: opening stays cheap)
        try:  # the clock goes on from the last stamp, so no stamp of this copy repeats
            self.clock.observe(str(state["hlc"]))
        except (KeyError, ValueError):
            pass
        if self._end > self.journal.size():
            self._end, self._seq = 0, 0  # the journal was restored from an older backup
            self._files = {}
        self._checkpoint_end = self._end
        self._checkpoint_seq = self._seq
        self._catch_up(initial=True)

    def _saved_seq(self) -> int:
        """A change number known saved: seen here, checkpointed, or indexed (the index
        follows the journal only once a write is settled)."""
        return max(self._seq, self._checkpoint_seq, index.last_seq(self.home))

    def _catch_up(self, initial: bool = False) -> set[str]:
        """Read what the journal holds beyond what this process has seen."""
        changes, end = self.journal.read(self._end, saved_seq=self._saved_seq)
        touched: set[str] = set()
        for change in changes:
            slug = change["reg"]
            table = self._tables.get(slug)
            if table is None:
                self._pending[slug].append(change)
            else:
                apply_change(table, change)
            self.clock.observe(change["hlc"])
            self._seq = max(self._seq, int(change.get("seq", 0)))
            self._index_lines.pop(change["rec"], None)
            self._dirty.add(slug)
            touched.add(slug)
        self._since_checkpoint += len(changes)
        self._end = end
        for key in [k for k in self._unique if k[0] in touched]:
            del self._unique[key]
        if touched and not initial:
            for listener in list(self.listeners):
                listener(touched)
        return touched

    def refresh(self) -> set[str]:
        """Catch up with changes other processes made; returns the registers touched."""
        return self._catch_up()

    # -- what is said aloud, and pieces that went missing ------------------------------

    def _notice(self, notice: Notice) -> None:
        if self._notice_listeners:
            for listener in list(self._notice_listeners):
                listener(notice)
        else:
            self.notices.append(notice)

    def on_notice(self, listener: Callable[[Notice], None]) -> None:
        """Tell ``listener`` what the user should hear (a damaged note set aside, a register
        rebuilt), beginning with what was said before anyone listened."""
        self._notice_listeners.append(listener)
        waiting, self.notices = self.notices, []
        for notice in waiting:
            listener(notice)

    def verify_files(self) -> None:
        """Every register file the last checkpoint left is there and of the size it was
        written at, or is read: rebuilt from the journal if need be (and, on a store open
        to change, written again now), else StoreError, saying how to restore. A stat per
        register: cheap enough for every command."""
        for slug in suspect_register_files(self.home, self._files):
            self.table(slug)  # read now: rebuilt, refused, or (a checkpoint since) fine
        if self._repaired and not self.readonly:
            self.checkpoint()

    def expect_files(self, slugs: set[str]) -> None:
        """Registers known (from the journal, by ``taizhang check``) to have been
        checkpointed: their files must be there too."""
        for slug in slugs:
            if catalogue.get(slug):
                self._files.setdefault(slug, (None, None))

    def _load(self, slug: str) -> dict[str, dict[str, Any]]:
        """A register's records: its file, then the journal's changes since the checkpoint.
        A file the checkpoint left that is gone, short or unreadable is rebuilt from the
        journal if the journal goes back to its first change, else refused."""
        path = self.home / REGISTERS_DIR / f"{slug}.json"
        noted = self._files.get(slug, (None, None))[0]
        why: Notice | None = None
        try:
            rows = read_table(path, slug)
        except StoreError as error:
            rows = []
            why = Notice(FILE_UNREADABLE, detail=error.params.get("detail", ""))
        if why is None and slug in self._files and not rows and not path.exists():
            why = Notice(FILE_GONE, count=noted if noted is not None else "?")
        elif why is None and noted is not None and len(rows) < noted:
            why = Notice(FILE_SHORT, found=len(rows), count=noted)
        if why is None:
            table = {row["id"]: row for row in rows}
        else:
            table = self._rebuilt(slug, path, why)
        for change in self._pending.pop(slug, []):
            apply_change(table, change)
        return table

    def _rebuilt(self, slug: str, path: Path, why: Notice) -> dict[str, dict[str, Any]]:
        """The register as the last checkpoint wrote it, replayed from the journal."""
        lost = StoreError(REGISTER_LOST, path=str(path), why=why)
        if self._checkpoint_end and self.journal.first_seq() != 1:
            raise lost  # the journal was cut at the front: the file held what it no longer has
        try:
            changes, _ = self.journal.read(0, stop=self._checkpoint_end)
        except StoreError:
            raise lost from None
        table: dict[str, dict[str, Any]] = {}
        for change in changes:
            if change.get("reg") == slug:
                apply_change(table, change)
        noted = self._files.get(slug, (None, None))[0]
        if noted is not None and len(table) != noted:
            raise lost
        self._dirty.add(slug)
        self._repaired = True
        self._notice(Notice(REGISTER_REBUILT, path=str(path), why=why,
                            count=sum(1 for r in table.values() if not r.get("_d"))))
        return table

    # -- reading ----------------------------------------------------------------------

    @property
    def organisation(self) -> str:
        return self.settings.store.organisation

    def register(self, name: str) -> Register:
        reg = catalogue.get(name)
        if reg is None:
            names = "、".join(r.slug for r in catalogue.registers())
            raise StoreError(UNKNOWN_REGISTER, name=name, names=names)
        return reg

    def table(self, slug: str) -> dict[str, dict[str, Any]]:
        """All records of a register by id, deleted ones included (as tombstones)."""
        table = self._tables.get(slug)
        if table is None:
            with paused():
                table = self._tables[slug] = self._load(slug)
        return table

    def loaded(self, register: str) -> bool:
        """Whether the register's records are in memory (reading them costs nothing more)."""
        return self.register(register).slug in self._tables

    def file_size(self, register: str) -> int:
        """Bytes of the register's file: how long reading it will take, roughly."""
        try:
            return (self.home / REGISTERS_DIR / f"{self.register(register).slug}.json").stat().st_size
        except FileNotFoundError:
            return 0

    def peek(self, register: str, count: int) -> list[dict[str, Any]] | None:
        """The first ``count`` live records of a register without reading its whole file
        (a screen paints them while the rest loads). None when the file alone would not
        tell the truth: changes are waiting in the journal."""
        slug = self.register(register).slug
        if slug in self._tables:
            return [r for r in self.table(slug).values() if not r.get("_d")][:count]
        if self._pending.get(slug):
            return None
        return peek_table(self.home / REGISTERS_DIR / f"{slug}.json", count)

    def records(self, register: str, *, branch: str | None = None) -> list[dict[str, Any]]:
        """The live records of a register, optionally of one branch (by id or name)."""
        reg = self.register(register)
        rows = [r for r in self.table(reg.slug).values() if not r.get("_d")]
        if branch:
            bid = self.resolve_reference("branches", branch)
            rows = [r for r in rows if r.get("branch") == bid]
        return rows

    def sound_records(self, register: str, *, branch: str | None = None) -> list[dict[str, Any]]:
        """The live records of a register as the plan's rules read them: a value that is not
        of its field's type (a hand edit, an older version) left out (storage.records.sound).
        Worked out once until the store changes: targets, dues and what needs action read
        the same registers many times over."""
        from storage.records import sound

        reg = self.register(register)
        table = self.table(reg.slug)
        key = (id(table), len(table), self._end)
        cached = self._sound.get(reg.slug)
        if cached is None or cached[0] != key:
            cached = self._sound[reg.slug] = (key, sound(reg, table.values()))
        rows = cached[1]
        if branch:
            bid = self.resolve_reference("branches", branch)
            return [r for r in rows if r.get("branch") == bid]
        return list(rows)

    def count(self, register: str) -> int:
        return sum(1 for r in self.table(self.register(register).slug).values() if not r.get("_d"))

    def get(self, record_id: str) -> tuple[Register, dict[str, Any]]:
        """A record from its id or a unique prefix of it (as git allows)."""
        rid, slug = self._locate(record_id)
        return self.register(slug), self.table(slug)[rid]

    def _locate(self, record_id: str) -> tuple[str, str]:
        wanted = record_id.strip().lower()
        if not wanted:
            raise StoreError(NOT_FOUND, id=record_id)
        for slug, table in self._tables.items():  # a whole id of a loaded record: no search
            if wanted in table:
                return wanted, slug
        found: dict[str, str] = {}
        for slug, table in self._tables.items():
            for rid in table:
                if rid.startswith(wanted):
                    found[rid] = slug
        for rid, slug in index.resolve_prefix(self.home, wanted):
            found.setdefault(rid, slug)
        for slug, changes in self._pending.items():
            for change in changes:
                if change["rec"].startswith(wanted):
                    found.setdefault(change["rec"], slug)
        if not found:  # entries (payments) are not in the search index: look in them
            for reg in catalogue.registers():
                if reg.entries:
                    for rid in self.table(reg.slug):
                        if rid.startswith(wanted):
                            found[rid] = reg.slug
        found = {rid: slug for rid, slug in found.items() if rid in self.table(slug)}
        if not found:
            raise StoreError(NOT_FOUND, id=record_id)
        if len(found) > 1:
            if wanted in found:
                return wanted, found[wanted]
            shown = "、".join(sorted(rid[:12] for rid in found)[:6])
            raise StoreError(AMBIGUOUS_ID, id=record_id, candidates=shown)
        return next(iter(found.items()))

    def name_of(self, register: str, record: Mapping[str, Any] | str | None) -> str:
        """What a record is called in lists: its name, or the name of what it refers to."""
        if record is None:
            return ""
        reg = self.register(register)
        if isinstance(record, str):
            record = self.table(reg.slug).get(record)
            if record is None:
                return ""
        elif not isinstance(record, Mapping):  # a reference holding no id (a hand edit): no name
            return ""
        value = record.get(reg.name_field)
        target = reg.references.get(reg.name_field)
        if target and value:
            return self.name_of(target, value) if isinstance(value, str) else ""
        if isinstance(value, str) or value is None:
            return value or ""
        from storage.present import as_text

        return as_text(value)  # a name of the wrong type (a hand edit) still names the record

    def history(self, record_id: str) -> list[Change]:
        rid, _ = self._locate(record_id)
        return list(self.journal.of_record(rid))

    def referring_to(self, record_id: str, slug: str) -> list[tuple[Register, dict[str, Any]]]:
        """Live records that hold ``record_id`` in a reference field."""
        found: list[tuple[Register, dict[str, Any]]] = []
        for reg in catalogue.registers():
            paths = _reference_paths(reg.model)
            if not any(target == slug for _, target in paths):
                continue
            for rec in self.table(reg.slug).values():
                if rec.get("_d") or rec["id"] == record_id:
                    continue
                for path, target in paths:
                    if target == slug and record_id in _values_at(rec, path):
                        found.append((reg, rec))
                        break
        return found

    # -- writing ----------------------------------------------------------------------

    @contextmanager
    def transaction(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the write lock; first catch up with what other processes wrote."""
        if self.readonly:
            raise StoreError(READ_ONLY, why=self.readonly_reason)
        outer = self.lock.held
        if timeout is None:
            timeout = float(os.environ.get("TAIZHANG_LOCK_TIMEOUT", "10"))
        self.lock.acquire(timeout)
        try:
            if not outer:
                # A many-line append whose writer died: whole, or gone; a note that does
                # not describe the journal (pointing into lines read here) set aside.
                self.journal.recover(saved=self._end, saved_seq=self._saved_seq())
                self.journal.cut_torn_tail()
                self._catch_up()
                self._index_catch_up()
            yield
            if not outer and (self._repaired or self.autocheckpoint and self._since_checkpoint >= CHECKPOINT_EVERY):
                self.checkpoint()
        finally:
            self.lock.release()

    def add(self, register: str, values: Mapping[str, Any], *, record_id: str | None = None) -> dict[str, Any]:
        """Validate and save a new record; returns it (with its new ``id``)."""
        reg = self.register(register)
        with self.transaction():
            change = self._creation(reg, values, record_id)
            self._commit([change])
            return self.table(reg.slug)[change["rec"]]

    def add_many(
        self,
        register: str,
        rows: list[Mapping[str, Any]],
        *,
        record_ids: list[str] | None = None,
        check_only: bool = False,
    ) -> list[str]:
        """Validate and save many new records at once (an import, the demo): all or none,
        one journal write. Problems are reported with the row's number (from 1).

        ``check_only`` validates every row exactly as a save would and writes nothing,
        not even a checkpoint (an import's dry run); it returns no ids."""
        reg = self.register(register)
        if check_only:
            self._catch_up()
        with nullcontext() if check_only else self.transaction():
            changes: list[Change] = []
            problems: list[Problem] = []
            pending_unique: dict[str, set[Any]] = {name: set() for name in reg.unique}
            for number, values in enumerate(rows, start=1):
                try:
                    rid = record_ids[number - 1] if record_ids else None
                    change = self._creation(reg, values, rid, also_taken=pending_unique)
                except ValidationFailed as failure:
                    problems += [Problem(p.field, p.code, {**p.params, "row": number}) for p in failure.problems]
                    continue
                for name in reg.unique:
                    value = change["fields"].get(name, [None, None])[1]
                    if value is not None:
                        pending_unique[name].add(value)
                changes.append(change)
            if problems or check_only:
                self._seq -= len(changes)
                if problems:
                    raise ValidationFailed(reg.slug, problems)
                return []
            self._commit(changes)
            return [c["rec"] for c in changes]

    def _creation(
        self,
        reg: Register,
        values: Mapping[str, Any],
        record_id: str | None,
        also_taken: dict[str, set[Any]] | None = None,
    ) -> Change:
        named = self._resolved(reg, named_values(reg, values))
        self._inherit_branch(reg, named)
        data = compact(validate(reg, named))
        self._check_references(reg, data)
        self._check_unique(reg, data, None, also_taken)
        rid = record_id or new_id()
        return self._change("create", reg, rid, data.get("branch"), {k: [None, v] for k, v in data.items()})

    def edit(self, record_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """Validate and save changes to some fields of a record; returns the record."""
        with self.transaction():
            reg, record = self._editable(record_id)
            named = self._resolved(reg, named_values(reg, values))
            data = compact(validate(reg, {**fields_of(record), **named}))
            self._check_references(reg, data)
            self._check_unique(reg, data, record["id"])
            old = fields_of(record)
            diff = {k: [old.get(k), v] for k, v in data.items() if old.get(k) != v}
            diff.update({k: [v, None] for k, v in old.items() if k not in data})
            if diff:
                self._commit([self._change("update", reg, record["id"], data.get("branch"), diff)])
            return self.table(reg.slug)[record["id"]]

    def reaffirm(self, record_id: str, name: str) -> None:
        """Save a field's present value again, under a new stamp: a choice made here
        ("keep this value") that travels like an edit, so that the other copies' notes of
        the same conflict close too, and nothing typed before it can win."""
        with self.transaction():
            reg, record = self._editable(record_id)
            value = record.get(name)
            self._commit([self._change("update", reg, record["id"], record.get("branch"), {name: [value, value]})])

    def _editable(self, record_id: str) -> tuple[Register, dict[str, Any]]:
        """A record that may be edited: not a payment (those are reversed), not deleted."""
        reg, record = self.get(record_id)
        if reg.entries:
            raise StoreError(ENTRIES_ONLY, title=reg.title)
        if record.get("_d"):
            raise StoreError(DELETED, name=self.name_of(reg.slug, record))
        return reg, record

    def delete(self, record_id: str) -> None:
        with self.transaction():
            reg, record = self.get(record_id)
            if reg.entries:
                raise StoreError(ENTRIES_ONLY, title=reg.title)
            if record.get("_d"):
                return
            users = self.referring_to(record["id"], reg.slug)
            if users:
                other_reg, example = users[0]
                raise StoreError(
                    STILL_REFERENCED,
                    name=self.name_of(reg.slug, record),
                    count=len(users),
                    example=f"{other_reg.title}:{self.name_of(other_reg.slug, example)}",
                )
            self._commit([self._change("delete", reg, record["id"], record.get("branch"), {})])

    @pausing
    def apply_changes(
        self, changes: list[Change], settled: Mapping[tuple[str, str], dict[str, Any] | None] | None = None
    ) -> set[str]:
        """Apply changes made elsewhere (a merged bundle) through the same journal.

        The caller holds a transaction and has verified them. Each keeps its own clock
        and copy; it gets this journal's next ``seq``. Returns the registers touched.
        ``settled`` may give, by (register, id), what a record becomes once these changes
        are applied — worked out by the caller with :func:`apply_change` on a copy of the
        record as it is now (a merge's plan) — so they are not applied twice.
        """
        stamped: list[Change] = []
        for change in changes:
            self._seq += 1
            stamped.append({**change, "seq": self._seq})
        if changes:  # stamps sort as the clock orders them: the newest is enough to observe
            self.clock.observe(max(c["hlc"] for c in changes))
        self._commit(stamped, assign=False, settled=settled)
        return {c["reg"] for c in stamped}

    def _change(self, op: str, reg: Register, rid: str, branch: str | None, fields: dict[str, list[Any]]) -> Change:
        self._check_own(reg, fields["branch"][0] if "branch" in fields and op == "update" else branch, branch)
        self._seq += 1
        return {
            "seq": self._seq,
            "hlc": self.clock.tick(),
            "at": clock.now().isoformat(timespec="seconds"),
            "copy": self.settings.store.copy_id,
            "op": op,
            "reg": reg.slug,
            "rec": rid,
            "branch": branch,
            "fields": fields,
        }

    def _check_own(self, reg: Register, before: str | None, after: str | None) -> None:
        """A branch's copy changes only that branch's records: the 總支 would refuse its
        bundle otherwise (sync), so the edit is refused here, where it is typed."""
        own = self.settings.store.branch
        if self.settings.store.role != "branch" or not own:
            return
        if reg.owner == "master":
            detail = Text(f"{reg.title.hant}由總支管理,支部的副本不能修改。", f"{reg.title.hans}由总支管理,支部的副本不能修改。",
                          f"{reg.title.en} are kept by the general branch; a branch's copy cannot change them.")
        elif before != own or after != own:
            mine = self.name_of("branches", own) or own[:8]
            other = self.name_of("branches", after if after != own else before) if (after or before) else ""
            detail = Text(
                f"這是「{mine}」的副本,只能修改本支部的記錄;這條記錄屬於{other or '總支'},請由{other or '總支'}修改。",
                f"这是「{mine}」的副本,只能修改本支部的记录;这条记录属于{other or '总支'},请由{other or '总支'}修改。",
                f"this is {mine}'s copy, which changes only its own records; this one belongs to "
                f"{other or 'the general branch'}, who should change it.",
            )
        else:
            return
        raise ValidationFailed(reg.slug, [Problem("branch", "invalid", {"detail": detail})])

    def _commit(
        self,
        changes: list[Change],
        assign: bool = True,
        settled: Mapping[tuple[str, str], dict[str, Any] | None] | None = None,
    ) -> None:
        if not changes:
            return
        try:
            self._end = self.journal.append(changes)
        except StoreError:
            self._seq -= len(changes)  # nothing was written: give the numbers back
            raise
        touched: set[str] = set()
        for change in changes:
            table = self.table(change["reg"])
            after = settled.get((change["reg"], change["rec"])) if settled else None
            if after is not None:
                table[change["rec"]] = after
            else:
                apply_change(table, change)
            touched.add(change["reg"])
            for (slug, name), cached in self._unique.items():
                if slug == change["reg"]:
                    _follow_unique(cached, name, table[change["rec"]], change)
        self._dirty |= touched
        self._since_checkpoint += len(changes)
        self._index_changes(changes)
        for listener in list(self.listeners):
            listener(touched)

    # -- references, uniqueness, branches ---------------------------------------------

    def resolve_reference(self, register: str, text: str) -> str:
        """The id of the record of ``register`` that ``text`` names: an id, a unique id
        prefix, an exact name, or a search that finds exactly one."""
        reg = self.register(register)
        value = str(text).strip()
        table = self.table(reg.slug)
        if value in table and not table[value].get("_d"):
            return value  # the common case, and the only one a bulk import may hit 100,000 times
        live = {rid: r for rid, r in table.items() if not r.get("_d")}
        by_prefix = [rid for rid in live if len(value) >= 4 and rid.startswith(value.lower())]
        if len(by_prefix) == 1:
            return by_prefix[0]
        folded = index.simplify(value)
        named = [rid for rid, r in live.items() if index.simplify(self.name_of(reg.slug, r)) == folded]
        if not named:
            hits = index.find(self.home, value, register=reg.slug, limit=0)
            named = [h["id"] for h in hits if h["id"] in live]
        if len(named) == 1:
            return named[0]
        if not named:
            raise ValidationFailed(reg.slug, [Problem("", "reference_missing", {"value": value, "register": reg.slug})])
        shown = "、".join(f"{self.name_of(reg.slug, live[rid])}({self._branch_name(live[rid])}, {rid[:8]})" for rid in named[:5])
        raise ValidationFailed(reg.slug, [Problem("", "reference_ambiguous", {"value": value, "register": reg.slug, "count": len(named), "candidates": shown})])

    def _branch_name(self, record: Mapping[str, Any]) -> str:
        bid = record.get("branch")
        return self.name_of("branches", bid) if bid else self.organisation

    def _resolved(self, reg: Register, values: dict[str, Any]) -> dict[str, Any]:
        """References given by name (branch=第一支部, member=張桂英) turned into ids."""
        out = dict(values)
        problems: list[Problem] = []
        for name, target in reg.references.items():
            value = out.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            try:
                if isinstance(value, list):
                    out[name] = [self.resolve_reference(target, v) for v in value if str(v).strip()]
                else:
                    out[name] = self.resolve_reference(target, value)
            except ValidationFailed as failure:
                problems += [Problem(name, p.code, p.params) for p in failure.problems]
        for name, spec in reg.fields.items():  # references inside lists of rows (attendance)
            rows = out.get(name)
            if spec.kind != "attendance" or not isinstance(rows, list):
                continue
            fixed = []
            for row in rows:
                row = dict(row) if isinstance(row, Mapping) else {"member": row}
                try:
                    row["member"] = self.resolve_reference("members", row.get("member", ""))
                except ValidationFailed as failure:
                    problems += [Problem(name, p.code, p.params) for p in failure.problems]
                fixed.append(row)
            out[name] = fixed
        if problems:
            raise ValidationFailed(reg.slug, problems)
        return out

    def _inherit_branch(self, reg: Register, values: dict[str, Any]) -> None:
        """A record about a member belongs to that member's branch unless told otherwise;
        on a branch's copy, a new record belongs to that branch."""
        if reg.slug == "branches" or values.get("branch"):
            return
        for name, target in reg.references.items():
            if target == "members" and isinstance(values.get(name), str):
                member = self.table("members").get(values[name])
                if member and member.get("branch"):
                    values["branch"] = member["branch"]
                    return
        if self.settings.store.role == "branch" and self.settings.store.branch:
            values["branch"] = self.settings.store.branch

    def _check_references(self, reg: Register, data: Mapping[str, Any]) -> None:
        problems: list[Problem] = []
        for path, target in _reference_paths(reg.model):
            live = self.table(target)
            for value in _values_at(data, path):
                if value not in live or live[value].get("_d"):
                    problems.append(Problem(path[0], "reference_missing", {"value": value, "register": target}))
        if problems:
            raise ValidationFailed(reg.slug, problems)

    def _check_unique(
        self,
        reg: Register,
        data: Mapping[str, Any],
        own_id: str | None,
        also_taken: dict[str, set[Any]] | None = None,
    ) -> None:
        for name in reg.unique:
            value = data.get(name)
            if value is None:
                continue
            holder = self._unique_values(reg.slug, name).get(value)
            if holder is not None and holder != own_id:
                rec = self.table(reg.slug).get(holder)
                if rec is not None and not rec.get("_d") and rec.get(name) == value:
                    raise ValidationFailed(
                        reg.slug,
                        [Problem(name, "duplicate", {"name": self.name_of(reg.slug, rec), "id": holder[:8]})],
                    )
            if also_taken and value in also_taken.get(name, ()):
                raise ValidationFailed(reg.slug, [Problem(name, "duplicate", {"name": data.get(reg.name_field, ""), "id": "—"})])

    def _unique_values(self, slug: str, name: str) -> dict[Any, str]:
        """value → id of the live record holding it, built once and kept up to date."""
        key = (slug, name)
        cached = self._unique.get(key)
        if cached is None:
            cached = {}
            for rid, rec in self.table(slug).items():
                if not rec.get("_d") and rec.get(name) is not None:
                    cached[rec[name]] = rid
            self._unique[key] = cached
        return cached

    # -- the index --------------------------------------------------------------------

    def _index_line(self, reg: Register, record: Mapping[str, Any], seq: int) -> str:
        if record.get("_d"):
            return index.deleted_line(record["id"], seq)
        name = self.name_of(reg.slug, record)
        shape = _index_shape(reg)
        others: list[str] = []
        for field in reg.search:
            value = record.get(field)
            if value is None:
                continue
            target = reg.references.get(field)
            others.append(self.name_of(target, value) if target else str(value))
        detail = " · ".join(str(record[f]) for f in shape.detail if record.get(f) not in (None, ""))
        return index.index_line(
            keys=index.record_keys(name, others, person=shape.person),
            record_id=record["id"],
            register=reg.slug,
            branch=record.get("branch"),
            name=name,
            detail=detail,
            seq=seq,
        )

    def _index_changes(self, changes: list[Change]) -> None:
        lines: list[str] = []
        for change in changes:
            reg = catalogue.get(change["reg"])
            if reg is None or reg.entries:  # payments are found through their member
                continue
            record = self.table(reg.slug).get(change["rec"])
            if record is None:
                continue
            if change["op"] == "update" and not record.get("_d") and _index_shape(reg).fields.isdisjoint(
                    change.get("fields", {})):
                continue  # its line reads the same (a party group, a note changed): keep it
            line = self._index_line(reg, record, change["seq"])
            self._index_lines[record["id"]] = line
            lines.append(line)
            if change["op"] == "update" and reg.name_field in change.get("fields", {}):
                lines += self._named_after(reg, record["id"], change["seq"])
        if changes:
            lines.append(index.seq_marker(max(int(c.get("seq", 0)) for c in changes)))
        index.append(self.home, lines)

    def _named_after(self, reg: Register, rid: str, seq: int) -> list[str]:
        """Fresh index lines for records named after a renamed one (a member's cards)."""
        lines: list[str] = []
        for other in catalogue.registers():
            if other.entries or other.references.get(other.name_field) != reg.slug:
                continue
            for record in self.table(other.slug).values():
                if record.get(other.name_field) == rid and not record.get("_d"):
                    line = self._index_lines[record["id"]] = self._index_line(other, record, seq)
                    lines.append(line)
        return lines

    def _index_catch_up(self) -> None:
        """Under the lock: if a writer died between its journal and its index lines, index
        the changes it left out (or, if the index is missing or far behind, all of it)."""
        behind = index.last_seq(self.home)
        if behind >= self._seq:
            return
        if behind < self._checkpoint_seq:
            self.rebuild_index()
            return
        changes, _ = self.journal.read(self._checkpoint_end)
        self._index_changes([c for c in changes if int(c.get("seq", 0)) > behind])

    def rebuild_index(self) -> None:
        """Write index.tsv afresh from every register (after a crash, at checkpoints)."""
        titles = {reg.slug: reg.title.variants() for reg in catalogue.registers()}
        lines: list[str] = []
        ordered = sorted(catalogue.registers(), key=lambda r: r.slug != "branches")
        for reg in ordered:
            if reg.entries:
                continue
            for record in self.table(reg.slug).values():
                if record.get("_d"):
                    continue
                line = self._index_lines.get(record["id"])
                if line is None:
                    line = self._index_lines[record["id"]] = self._index_line(reg, record, self._seq)
                lines.append(line)
        index.write_base(self.home, titles, lines, self._seq)

    # -- checkpoints and backups ------------------------------------------------------

    def checkpoint(self) -> None:
        """Rewrite the register files that changed, then note how far the journal is in them."""
        with self.transaction():
            dirty = self._dirty | set(self._pending)
            folder = self.home / REGISTERS_DIR
            make_private_dir(folder)
            files = dict(self._files)
            for slug in sorted(dirty):
                table = self.table(slug)
                path = folder / f"{slug}.json"
                write_table(path, slug, table.values())
                files[slug] = (len(table), file_size(path))
            for reg in catalogue.registers():  # files an older checkpoint left, not counted
                size = file_size(folder / f"{reg.slug}.json")
                if reg.slug not in files and size is not None:
                    files[reg.slug] = (None, size)
            state = {"journal_offset": self._end, "seq": self._seq, "hlc": self.last_stamp(),
                     "at": clock.now().isoformat(timespec="seconds"),
                     "registers": {slug: {"records": n, "bytes": size} for slug, (n, size) in sorted(files.items())}}
            write_atomic(self.home / STATE_FILE, json.dumps(state).encode())
            self._files = files
            self._repaired = False
            self._dirty.clear()
            self._since_checkpoint = 0
            self._checkpoint_end = self._end
            self._checkpoint_seq = self._seq
            base, tail = index.tail_bytes(self.home)
            if tail > max(1 << 20, base // 5):
                index.compact(self.home)  # text only: no pinyin computed again

    def clock_warning(self, lang: str) -> str | None:
        """A word for the user if this laptop's clock is more than a day behind the newest
        change this copy holds (its date was reset, or set wrong): dates it fills in would
        be wrong, and its edits would lose to older ones."""
        wall = clock.wall_ms()
        if self.clock.ms - wall <= clock.CLOCK_SLACK_MS:
            return None
        return CLOCK_BEHIND(lang, now=clock.local_time(wall).strftime("%Y-%m-%d"),
                            newest=clock.local_time(self.clock.ms).strftime("%Y-%m-%d"))

    def last_stamp(self) -> str:
        """The clock's latest stamp: every change this copy made or saw is at or before it."""
        c = self.clock
        return f"{c.ms:013d}-{c.counter:06d}-{c.copy}" if c.ms else ""

    def close(self) -> None:
        """Checkpoint if the journal has grown long since the last one.

        A short tail is cheaper to replay at the next open than rewriting a large
        register now: a one-shot ``taizhang add`` on 100,000 members stays a few ms.
        """
        if not self.readonly and (self._repaired or self._since_checkpoint >= max(1, CHECKPOINT_EVERY // 4)):
            try:
                self.checkpoint()
            except StoreError:
                pass  # the journal already holds every change; the next open replays it

    def backup(self, reason: str) -> Path:
        """A local backup of the home (storage.backups), before a risky step."""
        from storage import backups

        return backups.make(self.home, reason, self.lock)


def _follow_unique(cached: dict[Any, str], name: str, record: Mapping[str, Any], change: Change) -> None:
    """Keep a value → id map right after one change, without scanning the map."""
    rid = change["rec"]
    old = change.get("fields", {}).get(name, [None])[0]
    if old is not None and cached.get(old) == rid:
        del cached[old]
    value = record.get(name)
    if record.get("_d"):
        if value is not None and cached.get(value) == rid:
            del cached[value]
    elif value is not None:
        cached[value] = rid


# -- what a register's search-index line is made of ---------------------------------


class _IndexShape:
    """What a register's index line is made of: the fields it reads, the (at most three)
    shown as its detail, and whether its name is a person's (surnames read as surnames)."""

    def __init__(self, reg: Register) -> None:
        self.person = reg.fields[reg.name_field].kind == "name" or reg.references.get(reg.name_field) == "members"
        self.detail = tuple(
            f for f in reg.columns
            if f in reg.fields and f not in (reg.name_field, "branch")
            and reg.fields[f].kind not in ("choice", "ref", "id_number", "attendance", "bool")
        )[:3]
        self.fields = frozenset((reg.name_field, "branch", *reg.search, *self.detail))


_INDEX_SHAPES: dict[str, _IndexShape] = {}


def _index_shape(reg: Register) -> _IndexShape:
    shape = _INDEX_SHAPES.get(reg.slug)
    if shape is None:
        shape = _INDEX_SHAPES[reg.slug] = _IndexShape(reg)
    return shape


# -- walking a model's reference fields (top level, lists, and rows such as attendance) --


@lru_cache(maxsize=None)
def _reference_paths(model: Any) -> list[tuple[tuple[str, ...], str]]:
    from storage.registers.base import _metadata
    from storage.fields import Ref
    from pydantic import BaseModel

    paths: list[tuple[tuple[str, ...], str]] = []
    for name, info in model.model_fields.items():
        meta, _ = _metadata(info.annotation)
        ref = next((m.register for m in [*info.metadata, *meta] if isinstance(m, Ref)), None)
        if ref:
            paths.append(((name,), ref))
            continue
        for arg in _inner_types(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                paths += [((name, *sub), target) for sub, target in _reference_paths(arg)]
    return paths


def _inner_types(annotation: Any) -> list[Any]:
    import typing

    out: list[Any] = []
    stack = [annotation]
    while stack:
        current = stack.pop()
        args = typing.get_args(current)
        if args:
            stack.extend(args)
        else:
            out.append(current)
    return out


def _values_at(data: Any, path: tuple[str, ...]) -> list[str]:
    if not path:
        return [data] if isinstance(data, str) else []
    if isinstance(data, list):
        return [v for item in data for v in _values_at(item, path)]
    if isinstance(data, Mapping):
        value = data.get(path[0])
        if value is None:
            return []
        if isinstance(value, list) and len(path) == 1:
            return [v for v in value if isinstance(v, str)]
        return _values_at(value, path[1:])
    return []


def language(store: Store | None = None) -> str:
    from storage.settings_file import language as the_rule  # the one rule: chosen, settings, LANG

    return the_rule(None, store.settings.ui.language if store is not None else None)
