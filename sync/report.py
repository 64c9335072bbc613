"""What a merge or an exchange did, in words and as data: said alike by the command line
(``taizhang merge``, ``exchange``) and by the app's sync screen (y on the home)."""

from __future__ import annotations

import json
from typing import Any

from storage.text import visible


def summary(store: Any, keyring: Any, plan: Any, lang: str) -> list[dict[str, Any]]:
    from sync.outgoing import peer_name

    rows = []
    for item in plan.incoming:
        if item.refused is not None:
            rows.append({"file": str(item.path), "refused": item.refused.message(lang)})
            continue
        sender = item.bundle.sender
        rows.append({
            "file": str(item.path),
            "sender": peer_name(store, sender),
            "new": item.new,
            "created": len(item.created),
            "updated": len(item.updated),
            "deleted": len(item.deleted),
            "registers": {slug: dict(zip(("created", "updated", "deleted"), counts))
                          for slug, counts in sorted(item.by_register.items())},
            "conflicts": [_conflict_preview(store, note, lang) for note in item.conflicts],
            "clock_ahead": _ahead(item.ahead) if item.ahead else None,
        })
    return rows


def _ahead(stamp: str) -> dict[str, Any]:
    """When a stamp says, and how many days ahead of this laptop's clock that is."""
    from storage import clock

    ms = int(stamp[:13])
    return {"stamped": clock.local_time(ms).isoformat(timespec="minutes"), "days": (ms - clock.wall_ms()) // clock.DAY_MS}


def _conflict_preview(store: Any, note: dict[str, Any], lang: str) -> dict[str, Any]:
    reg = store.register(note["reg"])
    record = store.table(note["reg"]).get(note["rec"]) or {}
    return {"kind": note["kind"], "register": reg.slug, "record": note["rec"],
            "name": store.name_of(reg.slug, record) if record else "",
            "field": note.get("field", ""), "winner": note.get("winner"), "loser": note.get("loser"),
            "other": note.get("other")}


def merge_report(store: Any, keyring: Any, plan: Any, lang: str, dry_run: bool, backup: Any) -> list[tuple[str, str]]:
    """What a merge did (or would do), line by line: ("say" | "warn", text). The command
    line prints it; the app's sync screen shows it."""
    from sync import messages as M

    out: list[tuple[str, str]] = []
    for row in summary(store, keyring, plan, lang):
        if "refused" in row:
            out.append(("warn", row["refused"]))
            continue
        ahead = row["clock_ahead"]
        if ahead:
            out.append(("warn", M.CLOCK_AHEAD(lang, sender=row["sender"], when=ahead["stamped"][:16].replace("T", " "),
                                              days=ahead["days"])))
        if not row["new"] and not row["conflicts"]:
            out.append(("say", M.NOTHING_NEW(lang, path=row["file"], sender=row["sender"])))
            continue
        out.append(("say", M.MERGE_SUMMARY(lang, path=row["file"], sender=row["sender"], new=row["new"],
                                           created=row["created"], updated=row["updated"], deleted=row["deleted"],
                                           conflicts=len(row["conflicts"]))))
        if dry_run:
            for slug, counts in row["registers"].items():
                title = store.register(slug).title(lang)
                out.append(("say", f"  {title}: +{counts['created']} ~{counts['updated']} -{counts['deleted']}"))
        for c in row["conflicts"]:
            label = store.register(c["register"]).label(c["field"], lang) if c["field"] and "," not in c["field"] else c["field"]
            out.append(("say", f"  ! {c['name'] or c['record'][:8]} {label}: {shown(c['winner'])} ⇄ "
                               f"{shown(c['loser'] or c['other'])}"))
    pointing = dangling_rows(store, plan, lang)
    if pointing:
        examples = "、".join(f"{r['register_title']}「{r['name']}」→{r['target_name']}" for r in pointing[:3])
        out.append(("warn", M.DANGLING(lang, count=len(pointing), examples=examples)))
    if dry_run:
        out.append(("say", M.DRY_RUN(lang)))
    elif backup is not None:
        out.append(("say", M.BACKED_UP(lang, path=str(backup))))
    return out


def dangling_rows(store: Any, plan: Any, lang: str) -> list[dict[str, Any]]:
    """The records a merge leaves pointing at a deleted one, named."""
    rows = []
    for slug, rid, name, target, tid in plan.dangling:
        record = plan.settled.get((slug, rid)) or store.table(slug).get(rid) or {}
        pointed = plan.settled.get((target, tid)) or store.table(target).get(tid) or {}
        reg = store.register(slug)
        rows.append({"register": slug, "register_title": reg.title(lang), "record": rid,
                     "name": store.name_of(slug, record) or rid[:8], "field": name,
                     "target_register": target, "target": tid, "target_name": store.name_of(target, pointed) or tid[:8]})
    return rows


def shown(value: Any) -> str:
    if value is None:
        return "—"
    text = visible(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), lines=False)
    return text if len(text) <= 40 else text[:37] + "…"
