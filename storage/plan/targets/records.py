"""The records a year's targets read: each register read once, live records only."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from storage.plan.common import Year, day, has_office, on_rolls, records_of

if TYPE_CHECKING:
    from storage.store import Store

Record = Mapping[str, Any]


# -- the records a year's targets read ------------------------------------------------------


class YearRecords:
    """Each register read once, live records only, grouped as the targets need them."""

    def __init__(self, store: Store, year: Year) -> None:
        self.store = store
        self.year = year
        self.goals = store.settings.targets

    def _live(self, slug: str) -> list[Record]:
        return records_of(self.store, slug)

    @cached_property
    def branches(self) -> list[Record]:
        return self._live("branches")

    @cached_property
    def members(self) -> list[Record]:
        return self._live("members")

    @cached_property
    def on_rolls(self) -> list[Record]:
        return [m for m in self.members if on_rolls(m, self.year.as_of)]

    @cached_property
    def member_by_id(self) -> dict[str, Record]:
        return {m["id"]: m for m in self.members}

    @cached_property
    def cadres(self) -> list[Record]:
        return [m for m in self.on_rolls if has_office(m)]

    @cached_property
    def meetings(self) -> list[Record]:
        return [m for m in self._live("meetings") if self.year.holds(day(m.get("held_on")))]

    def meetings_of(self, kind: str) -> list[Record]:
        return [m for m in self.meetings if m.get("kind") == kind]

    @cached_property
    def applicants(self) -> list[Record]:
        return self._live("applicants")

    @cached_property
    def education(self) -> list[Record]:
        return [r for r in self._live("remote_education") if self.year.holds(day(r.get("held_on")))]

    @cached_property
    def trainings(self) -> list[Record]:
        """Technique training: distance-education sessions and branch activities of that kind."""
        rows = [r for r in self.education if r.get("category") == "technique"]
        rows += [r for r in self._live("branch_activities")
                 if r.get("kind") == "training" and self.year.holds(day(r.get("held_on")))]
        return rows

    @cached_property
    def links(self) -> list[Record]:
        return [r for r in self._live("links") if (day(r.get("since")) or self.year.start) <= self.year.as_of]

    def name(self, member_id: str) -> str:
        return str(self.member_by_id.get(member_id, {}).get("name", member_id[:8]))


def fold(text: Any) -> str:
    from storage.search_keys import simplify

    return simplify(str(text or ""))
