"""The conflicts a merge found, kept beside the records, and resolving them.

A conflict is a record of this copy's own register ``_conflicts`` (written in the same
journal append as the merge that found it; never sent to another copy). It is *open*
while it still describes the store:

- ``field``: while the field still carries the winning stamp. Any later edit of the
  field — a resolution here, or one made on another copy and merged — closes it, on
  every copy that noted it.
- ``deleted``: while the record stays deleted and the conflict is not dismissed.
- ``duplicate``: while both entries stand, neither reversed, and it is not dismissed.

Resolving is an ordinary local edit (or a reversing entry, or a record brought back),
which then travels like any other change; the conflict itself is dismissed with a
tombstone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storage import catalogue, clock
from storage.i18n import Text
from storage.messages import StoreError, ValidationFailed
from storage.store import Store, field_stamp
from sync import messages as M
from sync.merge import CONFLICTS
from sync.messages import SyncError

T = Text
KINDS = {
    "field": T("同一欄目兩邊都改了", "同一栏目两边都改了", "the same field changed on two copies"),
    "deleted": T("一邊刪除、一邊修改", "一边删除、一边修改", "deleted on one copy, edited on another"),
    "duplicate": T("可能重複錄入的黨費", "可能重复录入的党费", "dues possibly entered twice"),
}
CHOICES = {
    "field": T("(兩個值之一,或新的值)", "(两个值之一,或新的值)", " (either value, or a new one)"),
    "deleted": T(":deleted(保持刪除)或 restore(恢復為新記錄)", ":deleted(保持删除)或 restore(恢复为新记录)",
                 ": deleted (keep it deleted) or restore (bring it back as a new record)"),
    "duplicate": T(":both(兩筆都是真的)或 one(沖銷後來的一筆)", ":both(两笔都是真的)或 one(冲销后来的一笔)",
                   ": both (two real payments) or one (reverse the later entry)"),
}


@dataclass
class Conflict:
    id: str  # the conflict record's id without its "~"
    kind: str
    reg: str
    rec: str
    field: str
    here: Any  # the value the store holds (the winner)
    other: Any  # the value that lost, or the other entry
    other_copy: str
    note: dict[str, Any]

    @property
    def short(self) -> str:
        return self.id[:8]


def _is_open(store: Store, note: dict[str, Any]) -> bool:
    if note.get("_d"):
        return False
    slug, rid = note.get("reg", ""), note.get("rec", "")
    reg = catalogue.get(slug)
    if reg is None or reg.slug != slug:
        return False
    record = store.table(slug).get(rid)
    kind = note.get("kind")
    if kind == "field":
        return record is not None and not record.get("_d") and field_stamp(record, note.get("field", "")) == note.get("winner_stamp")
    if kind == "deleted":
        return record is not None and bool(record.get("_d"))
    if kind == "duplicate":
        other = store.table(slug).get(note.get("other", ""))
        if record is None or other is None or record.get("_d") or other.get("_d"):
            return False
        from storage.registers.rolls import reversed_entries

        reversed_ids = reversed_entries(store.table(slug).values())
        return rid not in reversed_ids and other["id"] not in reversed_ids
    return False


def open_conflicts(store: Store) -> list[Conflict]:
    out = []
    for cid, note in store.table(CONFLICTS).items():
        if not _is_open(store, note):
            continue
        record = store.table(note["reg"]).get(note["rec"], {})
        kind = note["kind"]
        if kind == "field":
            here, other = record.get(note["field"]), note.get("loser")
        elif kind == "deleted":
            here, other = None, note.get("loser")
        else:
            here, other = note["rec"], note.get("other")
        out.append(Conflict(cid.lstrip("~"), kind, note["reg"], note["rec"], note.get("field", ""),
                            here, other, note.get("loser_copy", ""), note))
    return sorted(out, key=lambda c: (c.note.get("at", ""), c.id))


def describe(store: Store, conflict: Conflict, lang: str) -> dict[str, Any]:
    """A conflict as a screen or ``--json`` shows it."""
    reg = store.register(conflict.reg)
    record = store.table(conflict.reg).get(conflict.rec, {})
    labels = [reg.label(f, lang) for f in conflict.field.split(",") if f]
    return {
        "id": conflict.short,
        "kind": conflict.kind,
        "what": KINDS[conflict.kind](lang),
        "register": reg.slug,
        "register_title": reg.title(lang),
        "record": conflict.rec,
        "name": store.name_of(reg.slug, record) if record else "",
        "branch": store.name_of("branches", record.get("branch")) if record.get("branch") else "",
        "field": conflict.field,
        "field_label": "、".join(labels),
        "here": conflict.here,
        "other": conflict.other,
        "other_copy": conflict.other_copy,
        "at": conflict.note.get("at", ""),
        "choices": CHOICES[conflict.kind](lang),
    }


def find(store: Store, ident: str, field: str | None = None) -> Conflict:
    wanted = ident.strip().lstrip("~").lower()
    found = open_conflicts(store)
    if not wanted:
        raise SyncError(M.NO_SUCH_CONFLICT, id=ident)
    by_id = [c for c in found if c.id.startswith(wanted)]
    if len(by_id) == 1:
        return by_id[0]
    of_record = [c for c in found if c.rec.startswith(wanted) and (not field or field in c.field.split(","))]
    if field:
        reg_fields = {c.field for c in of_record}
        of_record = [c for c in of_record if c.field == field or field in c.field.split(",")] or of_record
        if len(of_record) > 1 and len(reg_fields) == 1:
            of_record = of_record[-1:]  # the same field twice: the newest note says it
    if len(of_record) == 1:
        return of_record[0]
    if len(of_record) > 1:
        raise SyncError(M.WHICH_FIELD, id=ident, fields=sorted({c.field for c in of_record}))
    raise SyncError(M.NO_SUCH_CONFLICT, id=ident)


def keep(store: Store, conflict: Conflict) -> None:
    """Keep what this copy holds now. For a field, that choice is saved as an edit, which
    travels and closes the same conflict on the other copies; for a deletion or a pair
    of payments, the note here is closed."""
    with store.transaction():
        record = store.table(conflict.reg).get(conflict.rec)
        if conflict.kind == "field" and record is not None and not record.get("_d"):
            try:
                store.reaffirm(conflict.rec, conflict.field)
            except (StoreError, ValidationFailed):  # not this copy's to change (a branch, a record of another): the note closes here
                pass
        dismiss(store, conflict)


def dismiss(store: Store, conflict: Conflict) -> None:
    with store.transaction():
        stamp = store.clock.tick()
        store.apply_changes([{"hlc": stamp, "at": clock.now().isoformat(timespec="seconds"),
                              "copy": store.settings.store.copy_id, "op": "delete", "reg": CONFLICTS,
                              "rec": "~" + conflict.id, "branch": None, "fields": {}}])


def resolve(store: Store, conflict: Conflict, take: Any) -> str:
    """Resolve with ``take``: a value (field), deleted|restore, both|one. Returns the id
    of a record made (a record brought back, a reversing entry), else ''."""
    from storage.records import fields_of

    made = ""
    with store.transaction():
        if conflict.kind == "field":
            stamp = field_stamp(store.get(conflict.rec)[1], conflict.field)
            store.edit(conflict.rec, {conflict.field: take})
            if field_stamp(store.get(conflict.rec)[1], conflict.field) == stamp:
                store.reaffirm(conflict.rec, conflict.field)  # the value it has: the choice travels
        elif conflict.kind == "deleted":
            if take == "restore":
                record = store.table(conflict.reg)[conflict.rec]
                values = {k: v for k, v in fields_of(record).items()}
                loser = conflict.other if isinstance(conflict.other, dict) else {}
                values.update({k: v for k, v in loser.items() if v is not None})
                made = store.add(conflict.reg, values)["id"]
            elif take != "deleted":
                raise SyncError(M.TAKE_WHAT, choices=CHOICES["deleted"])
        elif conflict.kind == "duplicate":
            if take == "one":
                entry = store.table(conflict.reg)[conflict.rec]
                values = {k: v for k, v in fields_of(entry).items() if k not in ("note",)}
                amount = str(values.get("amount", "0"))
                values["amount"] = amount[1:] if amount.startswith("-") else "-" + amount
                values["reverses"] = conflict.rec
                values["paid_on"] = clock.today().isoformat()
                values["note"] = T("沖銷重複錄入", "冲销重复录入", "reverses an entry typed twice")(store_lang(store))
                made = store.add(conflict.reg, values)["id"]
            elif take != "both":
                raise SyncError(M.TAKE_WHAT, choices=CHOICES["duplicate"])
        dismiss(store, conflict)
    return made


def store_lang(store: Store) -> str:
    from storage.store import language

    return language(store)
