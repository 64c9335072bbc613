"""The registers as they stood at the end of a past day, from the journal.

A report made late (the year's figures asked for in February) must give what the
registers said on 12-31, not what they say now: a member's education corrected in
January, a branch renamed, a record deleted since. So the changes saved after that day
are taken back, newest first, from the registers as they are now: an edit gives each
field its old value, a deletion is undone. The journal may have been cut at the front;
only the changes after the day are needed.

A record first saved after the day (a roster typed in late, a meeting written up a week
after) did not exist in the registers then. It is kept as it is now, marked late, and the
figures count it only when its own dates place it before the day (joined by then, held
by then): leaving it out would make every late entry vanish from the report it belongs to.
Likewise an event a record dates (joined, transferred out, died) on or before the day but
typed after it is taken as it is now: it was true on the day.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from storage.journal import Change
from storage.plan.common import day as read_day
from storage.records import STORE_KEYS

if TYPE_CHECKING:
    from storage.store import Store

Table = dict[str, dict[str, Any]]

#: A record's own date that says whether a late entry belongs before a day, by register.
DATED_BY: dict[str, tuple[str, ...]] = {
    "members": ("joined_on", "transferred_in_on"),
    "applicants": ("applied_on", "activist_on", "candidate_on", "admitted_on"),
    "meetings": ("held_on",),
    "dues": ("paid_on",),
    "mobile_members": ("left_on",),
    "branches": ("founded_on",),
}
#: Events a record dates itself (the date first): one dated by the day but typed after it (a
#: transfer in June written down in November) was true on the day, and is taken as now.
EVENTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "members": (("joined_on",), ("confirmed_on",), ("transferred_in_on", "transferred_in_from"),
                ("transferred_out_on", "transferred_out_to"), ("left_on", "left_how")),
}
LATE = "_late"  # set on a record first saved after the day (never written to a file)


def saved_on(change: Change) -> date | None:
    """The day a change was saved, on the clock of the copy that made it."""
    try:
        return date.fromisoformat(str(change.get("at", ""))[:10])
    except ValueError:
        return None


def changes_after(store: Store, day: date) -> list[Change]:
    changes, _ = store.journal.read(0)
    return [c for c in changes if (saved_on(c) or date.max) > day]


def tables_on(store: Store, slugs: Iterable[str], day: date, later: list[Change]) -> dict[str, Table]:
    """Each register's records as they stood at the end of ``day`` (tombstones included),
    given the changes saved after it (:func:`changes_after`)."""
    wanted = set(slugs)
    created_late = {(c["reg"], c["rec"]) for c in later if c.get("op") == "create"}
    tables: dict[str, Table] = {}
    for name in wanted:
        tables[name] = dict(store.table(name))  # records are copied only when a change is taken back
    copied: set[tuple[str, str]] = set()
    for change in reversed(later):
        reg, rid = change.get("reg"), change.get("rec")
        if reg not in wanted or not isinstance(rid, str):
            continue
        slug = str(reg)
        table = tables[slug]
        if (slug, rid) in created_late:
            continue
        record = table.get(rid)
        if record is None:
            continue
        if (slug, rid) not in copied:
            record = table[rid] = copy.deepcopy(record)
            copied.add((slug, rid))
        if change.get("op") == "delete":
            record.pop("_d", None)
            continue
        for name, pair in (change.get("fields") or {}).items():
            if name in STORE_KEYS or not isinstance(pair, list) or len(pair) != 2:
                continue
            old = pair[0]
            if old is None or old == [] or old == "":
                record.pop(name, None)
            else:
                record[name] = old
    for slug, rid in copied:
        now = store.table(slug).get(rid) or {}
        for group in EVENTS.get(slug, ()):
            when = read_day(now.get(group[0]))
            if when is not None and when <= day and now.get(group[0]) != tables[slug][rid].get(group[0]):
                for name in group:
                    if name in now:
                        tables[slug][rid][name] = now[name]
                    else:
                        tables[slug][rid].pop(name, None)
    for slug, rid in created_late:
        record = tables.get(slug, {}).get(rid)
        if record is not None:
            tables[slug][rid] = {**record, LATE: True}
    return tables


def belongs_by(record: dict[str, Any], slug: str, day: date) -> bool:
    """Whether a record counts on ``day``: it existed then, or (a late entry) its own
    dates place it by then."""
    if not record.get(LATE):
        return True
    dates = [read_day(record.get(name)) for name in DATED_BY.get(slug, ())]
    known = [d for d in dates if d is not None]
    return bool(known) and min(known) <= day
