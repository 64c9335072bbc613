"""The demo holds nothing dated after its own today (issue 12).

The demo lays a year of work out by the calendar (a meeting on the 5th, its general
meeting the day after, a payment on the 24th, a rule issued on 10 January), whatever day
it is built on. What falls after today did not happen yet: a meeting, an activity or a
training held later is left out, and any other day (a payment made, a pairing begun, an
item checked) is today at the latest. A deadline is a plan, not an event, and stays.
"""

from __future__ import annotations

from datetime import date
from typing import Any

#: Fields whose days are ahead by their nature: plans, not things done.
FUTURE_BY_NATURE = frozenset({"deadline"})
#: The day a thing was held: after today, it has not been held, and is left out.
HELD = "held_on"


def nothing_after(today: date, rows: list[dict[str, Any]], ids: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """``rows`` (with their ``ids``) as of ``today``: those held later left out, every other
    day after today made today. Ids are given before, so that the records kept have the
    ids they have on any other day (the same seed, the same ids)."""
    kept_rows: list[dict[str, Any]] = []
    kept_ids: list[str] = []
    for row, rid in zip(rows, ids):
        if _after(row.get(HELD), today):
            continue
        late = [name for name, value in row.items() if name not in FUTURE_BY_NATURE and _after(value, today)]
        kept_rows.append({**row, **{name: today for name in late}} if late else row)
        kept_ids.append(rid)
    return kept_rows, kept_ids


def _after(value: Any, today: date) -> bool:
    if isinstance(value, date):
        return value > today
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value > today.isoformat()  # a day written out (2026-11-26)
    return False
