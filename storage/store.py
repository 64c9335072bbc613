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

The Store is put together from one module per responsibility: this one opens and
creates a home, holds the write lock and catches up with the journal;
storage.store_records reads and writes records; storage.store_references resolves and
checks references and unique values; storage.store_index keeps the search index;
storage.store_checkpoints writes and reads back the register files. How a change
applies is storage.changes.
"""

from __future__ import annotations

import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storage import catalogue, clock, index
from storage import settings as settings_mod
from storage.changes import apply_change, compact, field_stamp, new_id
from storage.files import WriteLock, make_private_dir, tighten_home
from storage.home import resolve_home
from storage.i18n import Text
from storage.journal import Change, Journal
from storage.messages import Notice, StoreError
from storage.records import validate
from storage.state import REGISTERS_DIR, STATE_FILE, read_state, register_files
from storage.store_checkpoints import Checkpoints
from storage.store_index import IndexUpkeep
from storage.store_records import AMBIGUOUS_ID, DELETED, ENTRIES_ONLY, NOT_FOUND, STILL_REFERENCED, UNKNOWN_REGISTER, Records
from storage.store_references import References, reference_paths, values_at

__all__ = [
    "ALREADY", "AMBIGUOUS_ID", "BACKUPS_DIR", "CHECKPOINT_EVERY", "CLOCK_BEHIND", "DELETED", "ENTRIES_ONLY",
    "JOURNAL_FILE", "NOT_FOUND", "NO_STORE", "PRIVATE_FOLDERS", "READ_ONLY", "REGISTERS_DIR", "STATE_FILE",
    "STILL_REFERENCED", "TOO_NEW", "UNKNOWN_REGISTER", "Store", "apply_change", "compact", "field_stamp",
    "language", "new_id", "reference_paths", "values_at",
]

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
    "{home} 的台账由较新版本的 taizhang 写成(数据格式第 {found} 版,本程序只认得到第 {known} 版)。"
    "请升级 taizhang 后再打开;数据没有改动。",
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


class Store(Records, References, IndexUpkeep, Checkpoints):
    """One home folder, open for reading and (under the lock, one transaction at a time)
    for writing."""

    def __init__(self, home: Path, settings: settings_mod.Settings, *, readonly: bool = False) -> None:
        self.home = home
        self.settings = settings
        self.readonly = readonly
        self.readonly_reason = ""
        self.lock = WriteLock(home)
        self.journal = Journal(home / JOURNAL_FILE)
        # What follows is shared by the parts the Store is made of (storage.store_records,
        # _references, _index, _checkpoints): one object, one state.
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
        self._sound: dict[str, tuple[tuple[int, int, int], list[Mapping[str, Any]]]] = {}  # sound_records, until a change
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
    def open(cls, home: str | Path | None = None, *, readonly: bool = False) -> Store:
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
        branches: Sequence[str] = (),
        role: str = "master",
        demo: bool = False,
        copy_id: str | None = None,
        branch: str | None = None,
    ) -> Store:
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
                role=role,
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
        self._forget_unique(touched)
        if touched and not initial:
            for listener in list(self.listeners):
                listener(touched)
        return touched

    @property
    def seq(self) -> int:
        """The number of the newest change this process has seen or made."""
        return self._seq

    @property
    def journal_end(self) -> int:
        """How far into the journal this process has read (or written)."""
        return self._end

    def refresh(self) -> set[str]:
        """Catch up with changes other processes made; returns the registers touched."""
        return self._catch_up()

    # -- what is said aloud -----------------------------------------------------------

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

    # -- the write lock ---------------------------------------------------------------

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

    # -- the clock, and closing ----------------------------------------------------------

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


def language(store: Store | None = None) -> str:
    """The store's chosen language, else the environment's: the one rule
    (storage.settings_file.language) with this store's [ui] language."""
    from storage.settings_file import language as the_rule

    return the_rule(None, store.settings.ui.language if store is not None else None)
