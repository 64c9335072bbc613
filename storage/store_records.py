"""The store's records: read a register (whole, a first screenful, the sound records the
plan's rules read), find a record by id or id prefix and say what it is called; add,
edit, reaffirm and delete records, and apply changes made elsewhere (a merged bundle),
each through the journal (see storage.store for how a save travels).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from typing import Any

from storage import catalogue, clock, index
from storage.changes import apply_change, compact, new_id
from storage.gcpause import paused, pausing
from storage.i18n import Text
from storage.journal import Change
from storage.messages import Problem, StoreError, ValidationFailed
from storage.records import fields_of, named_values, validate
from storage.register_files import peek_table
from storage.registers.base import Register
from storage.state import REGISTERS_DIR
from storage.store_parts import StorePart

T = Text
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


class Records(StorePart):
    """The part of :class:`storage.store.Store` that reads and writes records."""

    # -- reading ----------------------------------------------------------------------

    @property
    def organisation(self) -> str:
        return self.settings.store.organisation

    def register(self, name: str) -> Register:
        reg = catalogue.get(name)
        if reg is None:
            raise StoreError(UNKNOWN_REGISTER, name=name, names=catalogue.registers_named())
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

    def sound_records(self, register: str, *, branch: str | None = None) -> list[Mapping[str, Any]]:
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

    # -- writing ----------------------------------------------------------------------

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
        rows: Sequence[Mapping[str, Any]],
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

    def save_corrections(self, corrections: Sequence[tuple[str, Mapping[str, Any], dict[str, list[Any]]]]) -> None:
        """Save corrections worked out by a format upgrade — (register, record, {field:
        [old, new]}) — as edits of this copy, all in one journal write. The caller holds a
        transaction."""
        self._commit([self._change("update", self.register(slug), record["id"], record.get("branch"), fields)
                      for slug, record, fields in corrections])

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
            self._keep_unique(change, table[change["rec"]])
        self._dirty |= touched
        self._since_checkpoint += len(changes)
        self._index_changes(changes)
        for listener in list(self.listeners):
            listener(touched)
