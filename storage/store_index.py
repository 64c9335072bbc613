"""The store's upkeep of the search index (index.tsv): a line per record appended as each
change is saved, lines for records named after a renamed one, the changes a writer that
died left unindexed, and the whole index written afresh. Reading the index is
storage.index's; this is the writing side, which needs the records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storage import catalogue, index
from storage.journal import Change
from storage.registers.base import Register
from storage.store_parts import StorePart


class IndexUpkeep(StorePart):
    """The part of :class:`storage.store.Store` that keeps index.tsv following the records."""

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
