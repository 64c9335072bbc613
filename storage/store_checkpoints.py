"""The store's checkpoints and register files: every few thousand changes (and when the
app closes) the register files that changed are rewritten and state.json notes how far
the journal is in them; a register is read from its file plus the journal's changes
since. A file the last checkpoint left that is gone, short or unreadable is rebuilt from
the journal when the journal goes back far enough, else refused with how to restore.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storage import catalogue, clock, index
from storage.changes import apply_change
from storage.files import make_private_dir, write_atomic
from storage.i18n import Text
from storage.messages import Notice, StoreError
from storage.register_files import read_table, write_table
from storage.state import REGISTERS_DIR, STATE_FILE, file_size, suspect_register_files
from storage.store_parts import StorePart

T = Text
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


class Checkpoints(StorePart):
    """The part of :class:`storage.store.Store` that writes register files at checkpoints
    and reads them back, rebuilding one from the journal when it went missing."""

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
