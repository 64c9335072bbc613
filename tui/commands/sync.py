"""Sync between the 總支's master copy and the 支部's copies: branch add, export, merge,
exchange, conflicts, resolve (and ``init --join`` in setup; backups and restore are
tui.commands.backup)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from storage.i18n import Text
from tui.commands.common import Commands, dump_json, home_of, lang_of, one_line, open_store, say, warn

T = Text


def add_parsers(commands: Commands) -> None:
    p = commands.command("branch", T("登記支部副本(在總支上)", "登记支部副本(在总支上)", "enrol a branch's copy (on the master)"))
    actions = commands.actions(p, "branch_action")
    a = actions.command("add", T(
        "登記支部,寫出登記文件",
        "登记支部,写出登记文件",
        "enrol a branch, write its enrolment file"), run=branch_add)
    a.add_argument("name", help=T("支部名稱(沒有則新增)", "支部名称(没有则新增)", "the branch's name (added if new)"))
    a.add_argument("--out", required=True, metavar="FILE", help=T("要寫出的登記文件", "要写出的登记文件", "the enrolment file to write"))
    a = actions.command("list", T(
        "已登記的副本及其指紋",
        "已登记的副本及其指纹",
        "enrolled copies and fingerprints"), run=branch_list, json=True)
    p.set_defaults(run=branch_list, json=False)

    p = commands.command("merge", T("合併同步包", "合并同步包", "merge bundles"), run=merge, json=True)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=T(
        "只顯示會改動甚麼,不作改動",
        "只显示会改动什么,不作改动",
        "show what would change; change nothing"))

    p = commands.command("exchange", T(
        "經共用資料夾雙向同步",
        "经共享文件夹双向同步",
        "sync both ways through a shared folder"), run=exchange, json=True)
    p.add_argument("folder", metavar="DIR")

    p = commands.command("conflicts", T("待處理的衝突", "待处理的冲突", "conflicts to resolve"), run=conflicts, json=True)

    p = commands.command("resolve", T("解決一個衝突", "解决一个冲突", "resolve a conflict"), run=resolve)
    p.add_argument("id", help=T("衝突的編號(或記錄的編號)", "冲突的编号(或记录的编号)", "the conflict's id (or the record's)"))
    p.add_argument("field", nargs="?", help=T(
        "欄目(一條記錄有幾個衝突時)",
        "栏目(一条记录有几个冲突时)",
        "the field, when a record has several conflicts"))
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--take", metavar="VALUE", help=T(
        "要保留的值(刪除類用 deleted 或 restore,重複交費用 both 或 one)",
        "要保留的值(删除类用 deleted 或 restore,重复交费用 both 或 one)",
        "the value to keep (deleted|restore, both|one for those kinds)"))
    group.add_argument("--keep", action="store_true",
                       help=T(
                           "保留現有的值(欄目會再保存一次,讓其他副本也了結)",
                           "保留现有的值(栏目会再保存一次,让其他副本也了结)",
                           "keep what the store holds now (for a field, saved again so the other copies close it too)"))


def keyring_of(store: Any) -> Any:
    """This copy's keys and the peers it knows (opened after the store, as every command
    opens it: open_store)."""
    from sync.keys import Keyring

    return Keyring.load(store.home)


# -- enrolment ---------------------------------------------------------------------------


def branch_add(args: argparse.Namespace) -> int:
    from sync import enrol
    from sync import messages as M

    lang = lang_of(args)
    store = open_store(args)
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
    store = open_store(args, readonly=True)  # a listing changes nothing
    keyring = keyring_of(store)
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
    from sync import enrol
    from sync import messages as M

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
    """``export --to FILE [--for PEER]``: a sync bundle (declared in tui.commands.export)."""
    from sync import messages as M
    from sync.outgoing import export as write_bundle
    from sync.outgoing import peer_name

    lang = lang_of(args)
    store = open_store(args)
    keyring = keyring_of(store)
    peer = _peer(store, keyring, getattr(args, "peer", None))
    manifest = write_bundle(store, keyring, peer, Path(args.to), full=args.full)
    store.close()
    say(M.EXPORTED(lang, path=args.to, count=manifest["counts"]["changes"], peer=peer_name(store, peer),
                   fingerprint=peer.fingerprint))
    return 0


def _print_merge(store: Any, keyring: Any, plan: Any, lang: str, dry_run: bool, backup: Any) -> None:
    from sync.report import merge_report

    for level, text in merge_report(store, keyring, plan, lang, dry_run, backup):
        (warn if level == "warn" else say)(text)


def _waiting(store: Any, lang: str) -> None:
    from sync import messages as M
    from sync.conflicts import open_conflicts

    count = len(open_conflicts(store))
    if count:
        say(M.CONFLICTS_WAITING(lang, count=count))


def merge(args: argparse.Namespace) -> int:
    from sync.merge import merge as merge_bundles

    lang = lang_of(args)
    store = open_store(args)
    keyring = keyring_of(store)
    plan, backup = merge_bundles(store, keyring, [Path(f) for f in args.files], dry_run=args.dry_run)
    if backup is not None:  # only after a merge that wrote: a refusal leaves every file as it was
        store.close()
    if args.json:
        from sync.report import dangling_rows, summary

        dump_json({"dry_run": args.dry_run, "backup": str(backup) if backup else None,
                   "bundles": summary(store, keyring, plan, lang), "dangling": dangling_rows(store, plan, lang)})
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
    store = open_store(args)
    keyring = keyring_of(store)
    result = run_exchange(store, keyring, Path(args.folder))
    if result.backup is not None:
        store.close()
    for _path, error in result.skipped:
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
        from sync.report import dangling_rows, summary

        dump_json({"merged": summary(store, keyring, result.merged, lang) if result.merged else [],
                   "dangling": dangling_rows(store, result.merged, lang) if result.merged else [],
                   "written": [str(p) for _, p, _ in result.written]})
    return 1 if refused or result.skipped else 0


# -- conflicts ---------------------------------------------------------------------------


def conflicts(args: argparse.Namespace) -> int:
    from storage.store import Store
    from sync import messages as M
    from sync.conflicts import describe, open_conflicts
    from sync.report import shown

    lang = lang_of(args)
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
            say(f"    {T('現值', '现值', 'now')(lang)}: {shown(row['here'])}    "
                f"{T('另一值', '另一值', 'other')(lang)}: {shown(row['other'])}")
        say(f"    taizhang resolve {row['id']} --take …{row['choices']}")
    return 0


def resolve(args: argparse.Namespace) -> int:
    from sync import conflicts as C
    from sync import messages as M
    from sync.messages import SyncError

    lang = lang_of(args)
    store = open_store(args)
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
