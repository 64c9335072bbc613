"""The 五好 checklist: every item of 二、創建內容, the facilities of 五、保證措施, the sixteen
places of 一卡二表三簿十冊 and the three phases, each with a status, a note and the
records that are its evidence.

What the registers can judge is judged: a target of the plan (the 中心組's months, the
films, the share of members with a post …), a register kept this year, the rules on
the roll of rules. The rest cannot be seen in any register (a board on the wall, a room,
no wrong decisions, the township's commendation): a person ticks it by hand, and the
tick is a record of the ``checklist`` register, so it is journalled and handed on like
any other record. A judged item cannot be ticked: the way to change its status is to
keep the register it is judged from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from storage import catalogue, clock
from storage.i18n import HANT, Text
from storage.messages import StoreError
from storage.plan.common import Evidence, Said, day, evidence, has_office, join, on_rolls, plan_year, records_of
from storage.plan.items import BY_CODE, ITEMS, PHASES, SECTIONS, Item, Phase
from storage.plan.targets import STATUS, Target, TargetReport, targets

if TYPE_CHECKING:
    from storage.store import Store

T = Text

CHECK_STATUS: dict[str, Text] = {
    "done": T("已完成", "已完成", "done"),
    "partly": T("部分完成", "部分完成", "partly done"),
    "not_done": T("未完成", "未完成", "not done"),
    "unknown": T("未檢查", "未检查", "not checked"),
}
PHASE_STATE: dict[str, Text] = {
    "upcoming": T("未開始", "未开始", "not begun"),
    "current": T("進行中", "进行中", "under way"),
    "past": T("已結束", "已结束", "over"),
}

NOTES = {
    "target": T("{title}:{figure}({status})", "{title}:{figure}({status})", "{title}: {figure} ({status})"),
    "by_hand": T("需人工檢查", "需人工检查", "to be checked by hand"),
    "ticked": T("{by} {on} 檢查", "{by} {on} 检查", "checked by {by} on {on}"),
    "ticked_by": T("{by} 檢查", "{by} 检查", "checked by {by}"),
    "ticked_on": T("{on} 檢查", "{on} 检查", "checked on {on}"),
    "register_this_year": T("今年 {n} 條", "今年 {n} 条", "{n} this year"),
    "register_older": T("共 {n} 條,今年沒有", "共 {n} 条,今年没有", "{n} in all, none this year"),
    "register_count": T("共 {n} 條", "共 {n} 条", "{n} in all"),
    "register_empty": T("沒有記錄", "没有记录", "no records"),
    "rules_missing": T("尚缺:{names}", "尚缺:{names}", "missing: {names}"),
    "rules_found": T("已有 {n} 項制度", "已有 {n} 项制度", "{n} of the rules kept"),
    "cadres_helping": T("{n}/{total} 名村幹部掛鈎幫扶", "{n}/{total} 名村干部挂钩帮扶",
                        "{n} of {total} cadres help a household"),
    "mobile_cards": T("{n}/{total} 名流動黨員有管理卡", "{n}/{total} 名流动党员有管理卡",
                      "{n} of {total} members away have a card"),
    "creation_meetings": T("創建工作會議 {n} 次", "创建工作会议 {n} 次", "{n} demonstration-site work meetings"),
    "also_by_hand": T("另需人工檢查:{what}", "另需人工检查:{what}", "also check by hand: {what}"),
}

#: What a judged item cannot see in the registers: said in its note, for the inspector.
ALSO_BY_HAND: dict[str, Text] = {
    "2.4": T("黨員分類管理", "党员分类管理", "members managed by class"),
    "2.5": T("每個勞動力掌握2門致富技術", "每个劳动力掌握2门致富技术", "each worker masters two techniques"),
    "4.1": T("鄉黨委、政府下達的年度任務", "乡党委、政府下达的年度任务", "the township's yearly tasks"),
    "4.4": T("群防群治、專項治理", "群防群治、专项治理", "public safety campaigns"),
    "5.2": T("電教設備配齊", "电教设备配齐", "the audio-visual equipment"),
}

#: Which targets judge which item.
ITEM_TARGETS: dict[str, tuple[str, ...]] = {
    "1.2": ("central_study",),
    "1.4": ("democratic_life", "rectifications"),
    "2.1": ("posts", "satisfaction_posted"),
    "2.2": ("reserve_cadres", "new_activists", "new_members", "new_members_young", "new_members_women"),
    "2.3": ("cadre_links", "member_links"),
    "2.4": ("dues",),
    "2.5": ("farmers_trained", "technique_kinds"),
    "4.1": ("income_growth",),
    "4.4": ("star_rate",),
    "5.2": ("films",),
    "5.5": ("satisfaction_committees",),
}

#: The rules (三、制度建設好 3) and words that find each on the roll of rules.
RULES: tuple[tuple[Text, tuple[str, ...]], ...] = (
    (T("黨員目標管理制度", "党员目标管理制度", "management by objectives"), ("目標管理",)),
    (T("學習制度", "学习制度", "study"), ("學習制度", "學習",)),
    (T("民主選舉制度", "民主选举制度", "democratic elections"), ("民主選舉", "選舉")),
    (T("獎勵評比制度", "奖励评比制度", "rewards and appraisal"), ("獎勵", "評比", "獎懲")),
    (T("五好先進村規劃", "五好先进村规划", "five-good village plan"), ("五好",)),
    (T("兩委班子議事規則", "两委班子议事规则", "rules of deliberation"), ("議事規則", "議事")),
    (T("三會一課或黨員活動日制度", "三会一课或党员活动日制度", "three meetings and a lecture"), ("三會一課", "活動日")),
    (T("民主評議黨員制度", "民主评议党员制度", "appraisal of members"), ("民主評議",)),
    (T("結對扶貧制度", "结对扶贫制度", "paired poverty relief"), ("結對", "扶貧")),
    (T("黨建工作雙向彙報制度", "党建工作双向汇报制度", "two-way reporting"), ("雙向",)),
)

#: The field dating a record of each register of the plan book (none: a roll, kept by holding records).
DATED_BY: dict[str, str] = {
    "meetings": "held_on", "member_activities": "held_on", "remote_education": "held_on",
    "branch_activities": "held_on", "dues": "paid_on", "exemplary_deeds": "held_on",
}

CANNOT_TICK = T(
    "「{item}」由登記冊自動判斷,不能人工勾選;請在相關登記冊中記錄。",
    "「{item}」由登记册自动判断,不能人工勾选;请在相关登记册中记录。",
    "'{item}' is judged from the registers and cannot be ticked: keep the registers it is judged from.",
)
NO_ITEM = T(
    "沒有「{item}」這個檢查項目。可勾選的項目:{items}。",
    "没有「{item}」这个检查项目。可勾选的项目:{items}。",
    "There is no checklist item '{item}'. Items to tick: {items}.",
)


@dataclass
class CheckItem:
    code: str
    section: str
    title: Text
    plan: str
    judged: bool
    status: str  # done, partly, not_done, unknown
    notes: list[Said] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    tick: Mapping[str, Any] | None = None  # the hand tick, a record of the checklist register

    def note(self, lang: str = HANT) -> str:
        return ("; " if lang == "en" else ";").join(n(lang) for n in self.notes)

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        return {
            "code": self.code, "section": self.section, "section_title": SECTIONS[self.section](lang),
            "title": self.title(lang), "plan": self.plan, "judged": self.judged, "status": self.status,
            "status_text": CHECK_STATUS[self.status](lang), "note": self.note(lang),
            "evidence": [e.to_json() for e in self.evidence if e.ids],
            "tick": None if self.tick is None else self.tick.get("id"),
        }


@dataclass
class PhaseStatus:
    code: str
    title: Text
    plan: str
    start: date
    end: date
    state: str  # upcoming, current, past
    status: str  # done, partly, not_done, unknown
    notes: list[Said] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        return {
            "code": self.code, "title": self.title(lang), "plan": self.plan, "from": self.start.isoformat(),
            "to": self.end.isoformat(), "state": self.state, "state_text": PHASE_STATE[self.state](lang),
            "status": self.status, "status_text": CHECK_STATUS[self.status](lang),
            "note": ("; " if lang == "en" else ";").join(n(lang) for n in self.notes),
            "evidence": [e.to_json() for e in self.evidence if e.ids],
        }


@dataclass
class Checklist:
    year: int
    items: list[CheckItem]
    phases: list[PhaseStatus]

    def get(self, code: str) -> CheckItem:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def counts(self) -> dict[str, int]:
        found = {k: 0 for k in CHECK_STATUS}
        for item in self.items:
            found[item.status] += 1
        return found

    def to_json(self, lang: str = HANT) -> dict[str, Any]:
        return {"year": self.year, "counts": self.counts(), "items": [i.to_json(lang) for i in self.items],
                "phases": [p.to_json(lang) for p in self.phases]}


# -- judging ------------------------------------------------------------------------------------


def from_targets(found: list[Target]) -> str:
    """done when every target is met; not done when none is met nor on its way."""
    judged = [t for t in found if t.status != "no_goal"]
    if not judged:
        return "unknown"
    if all(t.met for t in judged):
        return "done"
    if any(t.met or t.status == "on_track" for t in judged):
        return "partly"
    return "not_done"


def _target_note(target: Target) -> Said:
    class _Figure:
        def __call__(self, lang: str) -> str:
            return target.figure_text(lang)

    return Said(NOTES["target"], {"title": target.title, "figure": _Figure(), "status": STATUS[target.status]})


def _share(done: int, total: int) -> str:
    if total == 0:
        return "unknown"
    return "done" if done >= total else "partly" if done else "not_done"


def _judge_rules(store: Store) -> tuple[str, list[Said], list[Evidence]]:
    from storage.search_keys import simplify

    rules = records_of(store, "regulations")
    names = [(r, simplify(str(r.get("name", "")))) for r in rules]
    found: list[str] = []
    missing: list[Text] = []
    for title, words in RULES:
        keys = [simplify(w) for w in words]
        hits = [r["id"] for r, name in names if any(k in name for k in keys)]
        if hits:
            found.extend(h for h in hits if h not in found)
        else:
            missing.append(title)
    done = len(RULES) - len(missing)
    notes = [Said(NOTES["rules_found"], {"n": f"{done}/{len(RULES)}"})]
    if missing:
        notes.append(Said(NOTES["rules_missing"], {"names": _JoinTexts(missing)}))
    return _share(done, len(RULES)), notes, [Evidence("regulations", found)]


class _JoinTexts:
    def __init__(self, texts: list[Text]) -> None:
        self.texts = texts

    def __call__(self, lang: str) -> str:
        return join((t(lang) for t in self.texts), lang)


def _judge_cadres_helping(store: Store, as_of: date) -> tuple[str, list[Said], list[Evidence]]:
    cadres = {m["id"] for m in records_of(store, "members") if has_office(m) and on_rolls(m, as_of)}
    aid = [a for a in records_of(store, "poverty_aid") if a.get("helper_member") in cadres]
    helping = {a["helper_member"] for a in aid}
    notes = [Said(NOTES["cadres_helping"], {"n": len(helping), "total": len(cadres)})]
    return _share(len(helping), len(cadres)), notes, [Evidence("poverty_aid", [a["id"] for a in aid])]


def _mobile_cards(store: Store, as_of: date) -> tuple[int, int, list[str]]:
    away = {m["id"] for m in records_of(store, "members") if m.get("mobile") and on_rolls(m, as_of)}
    cards = [c for c in records_of(store, "mobile_members") if c.get("member") in away]
    return len({c["member"] for c in cards}), len(away), [c["id"] for c in cards]


def _judge_register(store: Store, slug: str, year: Any) -> tuple[str, list[Said], list[Evidence]]:
    rows = records_of(store, slug)
    if not rows:
        return "not_done", [Said(NOTES["register_empty"])], []
    dated = DATED_BY.get(slug)
    if dated is None:
        return "done", [Said(NOTES["register_count"], {"n": len(rows)})], [evidence(slug, rows)]
    this_year = [r for r in rows if year.holds(day(r.get(dated)))]
    if this_year:
        return "done", [Said(NOTES["register_this_year"], {"n": len(this_year)})], [evidence(slug, this_year)]
    return "partly", [Said(NOTES["register_older"], {"n": len(rows)})], [evidence(slug, rows)]


def ticks(store: Store) -> dict[str, Mapping[str, Any]]:
    """The hand tick of each item (the newest, should a merge bring two)."""
    found: dict[str, Mapping[str, Any]] = {}
    for record in records_of(store, "checklist"):
        code = record.get("item")
        if code is None:
            continue
        older = found.get(code)
        if older is None or (record.get("checked_on") or "", record.get("_c", "")) > (older.get("checked_on") or "", older.get("_c", "")):
            found[code] = record
    return found


def _hand_item(item: Item, tick: Mapping[str, Any] | None) -> CheckItem:
    if tick is None:
        return CheckItem(item.code, item.section, item.title, item.plan, False, "unknown", [Said(NOTES["by_hand"])])
    notes: list[Said] = []
    by, on = tick.get("checked_by") or "", tick.get("checked_on") or ""
    if by or on:
        which = "ticked" if by and on else "ticked_by" if by else "ticked_on"
        notes.append(Said(NOTES[which], {"by": by, "on": on}))
    for key in ("evidence", "note"):
        if tick.get(key):
            notes.append(Said(T("{text}", "{text}", "{text}"), {"text": tick[key]}))
    return CheckItem(item.code, item.section, item.title, item.plan, False, str(tick.get("status") or "done"), notes,
                     [Evidence("checklist", [tick["id"]])], tick)


def checklist(store: Store, year: int | None = None, report: TargetReport | None = None) -> Checklist:
    """The whole checklist for ``year`` (default this year). Pass a report of the same
    year's targets to save computing them twice."""
    y = plan_year(year)
    report = report or targets(store, y.year)
    hand = ticks(store)
    items: list[CheckItem] = []
    for item in ITEMS:
        if not item.judged:
            items.append(_hand_item(item, hand.get(item.code)))
            continue
        notes: list[Said] = []
        proof: list[Evidence] = []
        statuses: list[str] = []
        if item.code in ITEM_TARGETS:
            found = [report.get(code) for code in ITEM_TARGETS[item.code]]
            statuses.append(from_targets(found))
            for target in found:
                notes.append(_target_note(target))
                proof += [e for e in target.counted if e.ids]
        if item.code == "2.4":
            have, away, cards = _mobile_cards(store, y.as_of)
            notes.insert(0, Said(NOTES["mobile_cards"], {"n": have, "total": away}))
            proof.append(Evidence("mobile_members", cards))
            if away:
                statuses.append(_share(have, away))
        if item.code == "3.3":
            status, more, found_ev = _judge_rules(store)
            statuses.append(status)
            notes += more
            proof += found_ev
        if item.code == "5.1":
            status, more, found_ev = _judge_cadres_helping(store, y.as_of)
            statuses.append(status)
            notes += more
            proof += found_ev
        if item.code in ALSO_BY_HAND:
            notes.append(Said(NOTES["also_by_hand"], {"what": ALSO_BY_HAND[item.code]}))
        items.append(CheckItem(item.code, item.section, item.title, item.plan, True, _combine(statuses), notes, proof))
    for place, reg in catalogue.plan_book():
        status, notes, proof = _judge_register(store, reg.slug, y)
        items.append(CheckItem(f"{place.group}.{place.number}", "registers", place.title, place.title.hant, True,
                               status, notes, proof))
    return Checklist(y.year, items, phases(store, y.year))


def _combine(statuses: Iterable[str]) -> str:
    found = [s for s in statuses if s != "unknown"]
    if not found:
        return "unknown"
    if all(s == "done" for s in found):
        return "done"
    if all(s == "not_done" for s in found):
        return "not_done"
    return "partly"


# -- the phases ---------------------------------------------------------------------------------


def phase_dates(store: Store, year: int | None = None) -> list[tuple[Phase, date, date]]:
    """Each phase's first and last day: the settings, else the plan's months in the
    campaign's year (settings [phases] year, else ``year``, else this year)."""
    from storage.plan.common import month_end, month_start

    section = store.settings.phases
    base = section.year or year or clock.today().year
    out = []
    for phase in PHASES:
        (off_a, month_a), (off_b, month_b) = phase.months
        start = getattr(section, f"{phase.code}_from") or month_start((base + off_a) * 12 + month_a - 1)
        end = getattr(section, f"{phase.code}_to") or month_end((base + off_b) * 12 + month_b - 1)
        out.append((phase, start, end))
    return out


def phases(store: Store, year: int | None = None) -> list[PhaseStatus]:
    """The three phases, with the 創建工作會議 held in each: phase one needs its
    mobilisation meeting, phase two a work meeting every three months, phase three the
    self-inspection meeting."""
    today = clock.today()
    creation = [m for m in records_of(store, "meetings") if m.get("kind") == "creation"]
    out = []
    for phase, start, end in phase_dates(store, year):
        state = "upcoming" if today < start else "past" if today > end else "current"
        held = [m for m in creation if start <= (day(m.get("held_on")) or date.min) <= end]
        if phase.code == "implementation":
            months = max(1, min((min(today, end).year - start.year) * 12 + min(today, end).month - start.month + 1,
                                (end.year - start.year) * 12 + end.month - start.month + 1))
            needed = max(1, months // 3)
        else:
            needed = 1
        if state == "upcoming":
            status = "unknown"
        elif len(held) >= needed:
            status = "done"
        elif held:
            status = "partly"
        else:
            status = "not_done" if state == "past" else "partly" if phase.code != "mobilisation" else "not_done"
        out.append(PhaseStatus(phase.code, phase.title, phase.plan, start, end, state, status,
                               [Said(NOTES["creation_meetings"], {"n": len(held)})], [evidence("meetings", held)]))
    return out


# -- ticking by hand -----------------------------------------------------------------------------


def find_item(text: str) -> Item:
    """An item from its code (1.3, col.style) or any of its titles."""
    key = text.strip()
    if key in BY_CODE:
        return BY_CODE[key]
    folded = key.lower()
    for item in ITEMS:
        if folded in (t.lower() for t in item.title.variants()):
            return item
    raise StoreError(NO_ITEM, item=text, items=[i.code for i in ITEMS if not i.judged])


def tick(
    store: Store,
    item: str,
    *,
    status: str = "done",
    note: str | None = None,
    evidence: str | None = None,
    by: str | None = None,
    on: date | str | None = None,
) -> dict[str, Any]:
    """Tick an item by hand (or mark it partly or not done): the item's one record in the
    checklist register is made or changed, so its history is the journal's."""
    found = find_item(item)
    if found.judged:
        raise StoreError(CANNOT_TICK, item=f"{found.code} {found.title.hant}")
    values = {"item": found.code, "status": status, "checked_on": on or clock.today().isoformat(),
              "checked_by": by, "evidence": evidence, "note": note}
    given = {k: v for k, v in values.items() if v is not None}  # a re-tick keeps what it does not say
    with store.transaction():
        existing = ticks(store).get(found.code)
        if existing is None:
            return store.add("checklist", given)
        return store.edit(existing["id"], given)
