"""The statistics report: every scope's figures on the day and a year before, side by side."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from storage import clock
from storage.i18n import HANT, Text
from storage.plan.common import number
from storage.stats.as_of import belongs_by, changes_after, saved_on, tables_on
from storage.stats.figures import (
    SECTIONS,
    UNKNOWN_OF,
    Counted,
    DuesMonth,
    Figure,
    MeetingMonth,
    Span,
    collected_by_month,
    dues_by_month,
    meetings_by_month,
    scope_counts,
    span_of,
    year_before,
)
from storage.stats.settings import StatsSettings, stats_settings

if TYPE_CHECKING:
    from storage.journal import Change
    from storage.store import Store

T = Text
Record = Mapping[str, Any]
SLUGS = ("members", "applicants", "mobile_members", "meetings", "dues", "branches")
ALL = "all"


@dataclass
class Registers:
    """The records the statistics read, as they stood at the end of a day."""

    on: date
    members: list[Record]
    applicants: list[Record]
    mobile: list[Record]
    meetings: list[Record]
    payments: list[Record]
    branches: list[Record]
    spans: dict[str, Span]
    late: int = 0  # records first saved after the day, counted by their own dates
    _groups: dict[str, dict[str | None, list[Record]]] = field(default_factory=dict)

    def of(self, slug: str, branch: str | None) -> list[Record]:
        """A register's records of one branch (None: all), grouped once: a village may have
        two hundred branches, and each would otherwise read every record."""
        rows: list[Record] = {"members": self.members, "applicants": self.applicants, "mobile_members": self.mobile,
                              "meetings": self.meetings, "dues": self.payments}[slug]
        if branch is None:
            return rows
        groups = self._groups.get(slug)
        if groups is None:
            groups = self._groups[slug] = {}
            for row in rows:
                groups.setdefault(row.get("branch"), []).append(row)
        return groups.get(branch, [])


def registers_on(store: Store, on: date, later: list[Change] | None) -> Registers:
    """``later``: the journal's changes saved after some day on or before ``on`` (None when
    the day is today or later: the registers as they are)."""
    from storage.records import sound

    rows: dict[str, list[Record]] = {}
    late = 0
    if later is None:
        for slug in SLUGS:
            rows[slug] = list(store.sound_records(slug))
    else:
        after = [c for c in later if (saved_on(c) or date.max) > on]
        tables = tables_on(store, SLUGS, on, after)
        for slug in SLUGS:
            kept = [r for r in sound(store.register(slug), tables[slug].values()) if belongs_by(dict(r), slug, on)]
            late += sum(1 for r in kept if r.get("_late"))
            rows[slug] = kept
    members = rows["members"]
    return Registers(on, members, rows["applicants"], rows["mobile_members"], rows["meetings"], rows["dues"],
                     rows["branches"], {m["id"]: span_of(m) for m in members}, late)


@dataclass
class Scope:
    key: str  # "all", or a branch's id
    name: str
    now: Counted
    before: Counted
    dues: list[DuesMonth] = field(default_factory=list)
    meetings: list[MeetingMonth] = field(default_factory=list)

    def rows(self) -> list[tuple[Figure, Figure | None]]:
        return [(figure, self.before.figures.get(key)) for key, figure in self.now.figures.items()]

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        from storage.registers.books import MEETING_TYPE

        figures = []
        for now, before in self.rows():
            previous = before.count if before is not None else None
            figures.append({
                "section": now.section, "section_label": SECTIONS[now.section](lang), "key": now.key,
                "label": now.title(lang), "count": number(now.count), "share": now.share,
                "previous": number(previous), "previous_share": before.share if before is not None else None,
                "change": number(now.count - previous) if previous is not None else None,
            })
        return {
            "key": self.key, "name": self.name, "figures": figures,
            "unknown": {dim: {"field": UNKNOWN_OF[dim](lang), "count": len(names), "names": names}
                        for dim, names in self.now.unknown.items()},
            "mobile": self.now.mobile,
            "pyramid": [{"band": band(lang), "men": men, "women": women} for band, men, women in self.now.pyramid],
            "dues": [{"month": m.month, "collected": number(m.collected), "standard": number(m.standard),
                      "members": m.members} for m in self.dues],
            "meetings": [{"month": m.month, "kind": m.kind, "label": MEETING_TYPE.label(m.kind, lang),
                          "held": m.held, "missed": m.missed} for m in self.meetings],
        }


@dataclass
class Report:
    organisation: str
    on: date
    before: date
    scopes: list[Scope]
    late: int

    def scope(self, key: str) -> Scope:
        return next(s for s in self.scopes if s.key == key)

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        return {"organisation": self.organisation, "as_of": self.on.isoformat(), "year": self.on.year,
                "previous_as_of": self.before.isoformat(), "late_entries": self.late,
                "scopes": [s.to_json(lang) for s in self.scopes]}


def settings_of(store: Store) -> StatsSettings:
    extra = store.settings.model_extra or {}
    return stats_settings(extra.get("stats"))


def statistics(store: Store, on: date | None = None, *, branch: str | None = None) -> Report:
    """The figures as of ``on`` (default today) and a year before, for the organisation
    and each branch (or one branch: its id)."""
    from storage.plan.common import frequency
    from storage.plan.dues import Standards

    settings = settings_of(store)
    today = clock.today()
    on = on or today
    before = year_before(on)
    later = changes_after(store, before) if before < today else None
    now_regs = registers_on(store, on, later if on < today else None)
    before_regs = registers_on(store, before, later)
    frequencies = {k: frequency(v) for k, v in store.settings.meetings.model_dump().items()}
    rule = Standards(store)
    known: dict[str, Any] = {}

    def standards(member: Record) -> Any:
        if member["id"] not in known:
            known[member["id"]] = rule(member)
        return known[member["id"]]

    collected = collected_by_month(now_regs.payments, on)

    def branch_names(regs: Registers) -> dict[str, str]:
        return {b["id"]: str(b.get("name") or b["id"][:8]) for b in regs.branches}

    names = branch_names(now_regs)
    chosen: list[tuple[str, str | None, str]] = []
    if branch is None:
        chosen.append((ALL, None, store.organisation))
        chosen += [(bid, bid, name) for bid, name in sorted(names.items(), key=lambda kv: kv[1])]
    else:
        chosen.append((branch, branch, names.get(branch) or store.name_of("branches", branch)))
    scopes = []
    for key, bid, name in chosen:
        count = len(now_regs.branches) if bid is None else 1
        now = scope_counts(now_regs, on, settings, bid, count)
        then = scope_counts(before_regs, before, settings, bid, len(before_regs.branches) if bid is None else 1)
        now.put("total", "net_change", int(now.value("total", "members")) - int(then.value("total", "members")))
        then.figures.pop(("total", "net_change"), None)  # a change has no year before of its own here
        unknown_dues: list[str] = []
        scope = Scope(key, name, now, then,
                      dues_by_month(collected.get(bid, {}), now_regs.of("members", bid), now_regs.spans, standards, on,
                                    unknown_dues),
                      meetings_by_month(now_regs.of("meetings", bid), on, frequencies))
        now.unknown["dues"] = sorted(unknown_dues)
        scopes.append(scope)
    return Report(store.organisation, on, before, scopes, now_regs.late)
