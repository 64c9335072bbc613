"""Sync between the 總支's master copy and the 支部's copies: branch add, export, merge,
exchange, conflicts, resolve (and ``init --join`` in setup; backups and restore are
tui.commands.backup)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from storage.i18n import Text
from tui.commands.common import dump_json, global_options, heard, home_of, lang_of, one_line, say, say_privacy, warn

T = Text
BUNDLE_EXPORT_HELP = "同步包 / a sync bundle for the 總支 or a 支部 (--for)"


def add_parsers(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("branch", parents=[parent], help="支部副本的登記 / enrol a branch's copy (master)")
    actions = p.add_subparsers(dest="branch_action", metavar="ACTION")
    quiet = global_options("action")  # --home after the action, beside --home before it
    a = actions.add_parser("add", parents=[quiet], help="登記支部,寫出登記檔 / enrol a branch, write its enrolment file")
    a.add_argument("name", help="支部名稱 (added if new)")
    a.add_argument("--out", required=True, metavar="FILE", help="the enrolment file to write")
    a.set_defaults(run=branch_add)
    a = actions.add_parser("list", parents=[quiet], help="已登記的副本與指紋 / enrolled copies and fingerprints")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=branch_list)
    p.set_defaults(run=branch_list, json=False)

    _add_export(sub, parent)

    p = sub.add_parser("merge", parents=[parent], help="合併同步包 / merge bundles")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=merge)

    p = sub.add_parser("exchange", parents=[parent], help="經共用資料夾雙向同步 / both ways through a shared folder")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=exchange)

    p = sub.add_parser("conflicts", parents=[parent], help="待處理的衝突 / conflicts to resolve")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=conflicts)

    p = sub.add_parser("resolve", parents=[parent], help="解決衝突 / resolve a conflict")
    p.add_argument("id", help="the conflict's id (or the record's)")
    p.add_argument("field", nargs="?", help="the field, when a record has several conflicts")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--take", metavar="VALUE", help="the value to keep (deleted|restore, both|one for those kinds)")
    group.add_argument("--keep", action="store_true", help="keep what the store holds now (for a field, saved again so the other copies close it too)")
    p.set_defaults(run=resolve)



def _add_export(sub: Any, parent: argparse.ArgumentParser) -> None:
    """``export`` is shared with the spreadsheet export (``export REGISTER --to FILE.xlsx``):
    without a register (or to a .tzb file) it writes a sync bundle. Whichever family
    registers ``export`` first, the other joins it."""
    existing = sub.choices.get("export") if hasattr(sub, "choices") else None
    if existing is None:
        p = sub.add_parser("export", parents=[parent], help="匯出 / export: a sync bundle, or a register to Excel/CSV")
        p.add_argument("register", nargs="?", help="a register (or all) for a spreadsheet; none for a sync bundle")
        p.add_argument("--to", required=True, metavar="FILE")
        other = None
    else:
        p = existing
        other = existing.get_default("run")
    p.add_argument("--for", dest="peer", metavar="PEER", help="the branch a bundle is for (on the master)")
    p.add_argument("--full", action="store_true", help="everything, not only what the peer has not acknowledged")

    def run(args: argparse.Namespace) -> int:
        wants_bundle = not getattr(args, "register", None) and not str(args.to).lower().endswith((".xlsx", ".csv"))
        if wants_bundle or other is None:
            if not wants_bundle:
                from storage.messages import StoreError

                raise StoreError(T("試算表匯出尚未安裝。", "电子表格导出尚未安装。", "Spreadsheet export is not installed."))
            return export(args)
        return int(other(args) or 0)

    p.set_defaults(run=run)


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from storage.store import Store
    from sync.keys import Keyring

    store = heard(Store.open(home_of(args)), args)
    store.verify_files()  # never merge into a store missing a register file
    say_privacy(store, lang_of(args))
    return store, Keyring.load(store.home)


# -- enrolment ---------------------------------------------------------------------------


def branch_add(args: argparse.Namespace) -> int:
    from sync import enrol, messages as M

    lang = lang_of(args)
    store, _ = _open(args)
    peer, revoked, master, code = enrol.add_branch(store, args.name, Path(args.out))
    store.close()
    say(M.ENROLLED(lang, branch=peer.name, path=args.out, master=master.fingerprint, fingerprint=peer.fingerprint,
                   code=code))
    for old in revoked:
        say(M.REVOKED_NOTE(lang, branch=peer.name, copy=old.copy, fingerprint=old.fingerprint))
    return 0


def branch_list(args: argparse.Namespace) -> int:
    from sync.outgoing import peer_name

    lang = lang_of(args)
    store, keyring = _open(args)
    own = keyring.identity.fingerprint if keyring.identity else ""
    rows = [{"copy": p.copy, "role": p.role, "name": peer_name(store, p), "fingerprint": p.fingerprint,
             "enrolled": p.enrolled, "revoked": p.revoked} for p in keyring.peers.values()]
    if getattr(args, "json", False):
        dump_json({"copy": store.settings.store.copy_id, "role": store.settings.store.role, "fingerprint": own,
                   "peers": rows})
        return 0
    say(T("本副本 {copy}({role}),金鑰指紋:{fp}", "本副本 {copy}({role}),密钥指纹:{fp}",
          "This copy {copy} ({role}), key fingerprint: {fp}")(lang, copy=store.settings.store.copy_id,
                                                              role=store.settings.store.role, fp=own or "—"))
    for row in rows:
        status = T("已吊銷 {when}", "已吊销 {when}", "revoked {when}")(lang, when=row["revoked"]) if row["revoked"] else ""
        say(f"  {row['name']}  {row['copy']}  {row['fingerprint']}  {status}".rstrip())
    return 0


def join(args: argparse.Namespace) -> int:
    """``taizhang init --join FILE`` (called from setup.init)."""
    from sync import enrol, messages as M

    lang = lang_of(args)

    def ask() -> str | None:  # at a terminal, when the file's keys are sealed and no --code
        if not sys.stdin.isatty():
            return None
        try:
            return input(M.CODE_PROMPT(lang))
        except EOFError:
            return None

    store, identity, master = enrol.join(home_of(args), Path(args.join), args.code, ask)
    say(M.JOINED(lang, home=str(store.home), org=store.organisation,
                 branch=store.name_of("branches", store.settings.store.branch),
                 master=master.fingerprint, fingerprint=identity.fingerprint, path=args.join))
    store.close()
    return 0


# -- bundles -------------------------------------------------------------------------------


def _peer(store: Any, keyring: Any, wanted: str | None) -> Any:
    from sync import messages as M
    from sync.messages import SyncError
    from sync.outgoing import names, peer_name, peers_of

    peers = peers_of(store, keyring)
    if not peers:
        raise SyncError(M.NOT_ENROLLED if store.settings.store.role == "branch" else M.NO_PEERS)
    if not wanted:
        if len(peers) == 1 and store.settings.store.role == "branch":
            return peers[0]
        raise SyncError(M.WHICH_PEER, names=names(store, peers))
    text = wanted.strip()
    for peer in peers:
        if text in (peer.copy, peer.name, peer_name(store, peer), peer.branch):
            return peer
    prefixed = [p for p in peers if (len(text) >= 4 and (p.copy.startswith(text.lower()) or (p.branch or "").startswith(text.lower())))
                or peer_name(store, p).startswith(text)]
    if len(prefixed) == 1:
        return prefixed[0]
    raise SyncError(M.UNKNOWN_PEER, name=wanted, names=names(store, peers))


def export(args: argparse.Namespace) -> int:
    from sync import messages as M
    from sync.outgoing import export as write_bundle, peer_name

    lang = lang_of(args)
    store, keyring = _open(args)
    peer = _peer(store, keyring, getattr(args, "peer", None))
    manifest = write_bundle(store, keyring, peer, Path(args.to), full=args.full)
    store.close()
    say(M.EXPORTED(lang, path=args.to, count=manifest["counts"]["changes"], peer=peer_name(store, peer),
                   fingerprint=peer.fingerprint))
    return 0


def _summary(store: Any, keyring: Any, plan: Any, lang: str) -> list[dict[str, Any]]:
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


def _print_merge(store: Any, keyring: Any, plan: Any, lang: str, dry_run: bool, backup: Any) -> None:
    for level, text in merge_report(store, keyring, plan, lang, dry_run, backup):
        (warn if level == "warn" else say)(text)


def merge_report(store: Any, keyring: Any, plan: Any, lang: str, dry_run: bool, backup: Any) -> list[tuple[str, str]]:
    """What a merge did (or would do), line by line: ("say" | "warn", text). The command
    line prints it; the app shows it."""
    from sync import messages as M

    out: list[tuple[str, str]] = []
    for row in _summary(store, keyring, plan, lang):
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
            out.append(("say", f"  ! {c['name'] or c['record'][:8]} {label}: {_show(c['winner'])} ⇄ "
                               f"{_show(c['loser'] or c['other'])}"))
    pointing = _dangling_rows(store, plan, lang)
    if pointing:
        shown = "、".join(f"{r['register_title']}「{r['name']}」→{r['target_name']}" for r in pointing[:3])
        out.append(("warn", M.DANGLING(lang, count=len(pointing), examples=shown)))
    if dry_run:
        out.append(("say", M.DRY_RUN(lang)))
    elif backup is not None:
        out.append(("say", M.BACKED_UP(lang, path=str(backup))))
    return out


def _dangling_rows(store: Any, plan: Any, lang: str) -> list[dict[str, Any]]:
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


def _show(value: Any) -> str:
    if value is None:
        return "—"
    text = one_line(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 40 else text[:37] + "…"


def _waiting(store: Any, lang: str) -> None:
    from sync import messages as M
    from sync.conflicts import open_conflicts

    count = len(open_conflicts(store))
    if count:
        say(M.CONFLICTS_WAITING(lang, count=count))


def merge(args: argparse.Namespace) -> int:
    from sync.merge import merge as merge_bundles

    lang = lang_of(args)
    store, keyring = _open(args)
    plan, backup = merge_bundles(store, keyring, [Path(f) for f in args.files], dry_run=args.dry_run)
    if backup is not None:  # only after a merge that wrote: a refusal leaves every file as it was
        store.close()
    if args.json:
        dump_json({"dry_run": args.dry_run, "backup": str(backup) if backup else None,
                   "bundles": _summary(store, keyring, plan, lang), "dangling": _dangling_rows(store, plan, lang)})
    else:
        _print_merge(store, keyring, plan, lang, args.dry_run, backup)
        if not args.dry_run:
            _waiting(store, lang)
    return 1 if plan.refused else 0


def exchange(args: argparse.Namespace) -> int:
    from sync import messages as M
    from sync.exchange import exchange as run_exchange
    from sync.outgoing import peer_name

    lang = lang_of(args)
    store, keyring = _open(args)
    result = run_exchange(store, keyring, Path(args.folder))
    if result.backup is not None:
        store.close()
    for path, error in result.skipped:
        warn(error.message(lang))
    if result.merged is not None:
        _print_merge(store, keyring, result.merged, lang, False, result.backup)
    for copy, path, count in result.written:
        peer = keyring.peers[copy]
        say(M.EXPORTED(lang, path=str(path), count=count, peer=peer_name(store, peer), fingerprint=peer.fingerprint))
    _waiting(store, lang)
    refused = len(result.merged.refused) if result.merged else 0
    if refused:
        warn(M.SOME_REFUSED(lang, count=refused))
    if args.json:
        dump_json({"merged": _summary(store, keyring, result.merged, lang) if result.merged else [],
                   "dangling": _dangling_rows(store, result.merged, lang) if result.merged else [],
                   "written": [str(p) for _, p, _ in result.written]})
    return 1 if refused or result.skipped else 0


# -- conflicts ---------------------------------------------------------------------------


def conflicts(args: argparse.Namespace) -> int:
    from sync import messages as M
    from sync.conflicts import describe, open_conflicts

    lang = lang_of(args)
    store, _ = Path(), None
    from storage.store import Store

    store = Store.open(home_of(args), readonly=True)
    rows = [describe(store, c, lang) for c in open_conflicts(store)]
    if args.json:
        dump_json(rows)
        return 0
    if not rows:
        say(M.NO_CONFLICTS(lang))
        return 0
    for row in rows:  # what a record holds, on its own line: its line breaks shown escaped
        say(one_line(f"{row['id']}  {row['register_title']} · {row['name']} · {row['field_label'] or '—'}  "
                     f"({row['what']})"))
        if row["kind"] == "duplicate":
            say(f"    {row['record'][:8]} ⇄ {str(row['other'])[:8]}")
        else:
            say(f"    {T('現值', '现值', 'now')(lang)}: {_show(row['here'])}    "
                f"{T('另一值', '另一值', 'other')(lang)}: {_show(row['other'])}")
        say(f"    taizhang resolve {row['id']} --take …{row['choices']}")
    return 0


def resolve(args: argparse.Namespace) -> int:
    from sync import conflicts as C, messages as M
    from sync.messages import SyncError

    lang = lang_of(args)
    store, _ = _open(args)
    conflict = C.find(store, args.id, args.field)
    if args.keep:
        C.keep(store, conflict)
    else:
        take: Any = args.take
        if take is None:
            raise SyncError(M.TAKE_WHAT, choices=C.CHOICES[conflict.kind])
        if conflict.kind == "field":
            reg = store.register(conflict.reg)
            spec = reg.fields.get(conflict.field)
            if spec is not None:
                take = spec.field_kind.given(spec, take)
        C.resolve(store, conflict, take)
    store.close()
    row = C.describe(store, conflict, lang)
    say(M.RESOLVED(lang, what=f"{row['register_title']} · {row['name']} · {row['field_label'] or row['what']}"))
    return 0
