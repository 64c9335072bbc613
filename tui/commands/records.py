"""Registers and records from the shell: registers, add, list, show, edit, delete, history."""

from __future__ import annotations

import argparse
from typing import Any

from storage.i18n import EN, HANS, Text
from tui.commands.common import Commands, dump_json, lang_of, one_line, open_store, parse_sets, print_table, say, warn

T = Text
REGISTERS_HEADERS = (T("類別", "类别", "Group"), T("登記冊", "登记册", "Register"), T("代號", "代号", "Slug"),
                     T("條數", "条数", "Records"))
ADDED = T("已登記:{name}(編號 {id})", "已登记:{name}(编号 {id})", "Added {name} (id {id})")
SAVED = T("已保存:{name}", "已保存:{name}", "Saved {name}")
UNCHANGED = T("沒有改動:{name}", "没有改动:{name}", "Nothing changed: {name}")
REMOVED = T("已刪除:{name}", "已删除:{name}", "Deleted {name}")
CONFIRM = T(
    "刪除「{name}」需要確認:請加 --yes。",
    "删除「{name}」需要确认:请加 --yes。",
    "Deleting '{name}' needs confirmation: add --yes.",
)
EMPTY = T("({title}還沒有記錄)", "({title}还没有记录)", "({title} has no records yet)")
OPS = {
    "create": T("新建", "新建", "created"),
    "update": T("修改", "修改", "changed"),
    "delete": T("刪除", "删除", "deleted"),
}


def add_parsers(commands: Commands) -> None:
    p = commands.command("registers", T("登記冊一覽及條數", "登记册一览及条数", "the registers and their counts"), run=registers, json=True)

    p = commands.command("add", T("登記一條記錄", "登记一条记录", "add a record"), run=add, json=True)
    p.add_argument("register", help=T(
        "代號或名稱:members、黨員花名冊 …",
        "代号或名称:members、党员花名册 …",
        "slug or title, such as members"))
    p.add_argument("--set", action="append", metavar="FIELD=VALUE", default=[], help=T(
        "欄目=值,如 姓名=張桂英、branch=第一支部 …",
        "栏目=值,如 姓名=张桂英、branch=第一支部 …",
        "FIELD=VALUE, such as phone=13887400123 (a field by name or label)"))

    p = commands.command("list", T("列出一個登記冊", "列出一个登记册", "list a register"), run=list_records, json=True)
    p.add_argument("register")
    p.add_argument("--branch", "-b", help=T("只看這個支部(名稱或編號)", "只看这个支部(名称或编号)", "only this branch (name or id)"))
    p.add_argument("--reveal", action="store_true", help=T("完整顯示身份證號", "完整显示身份证号", "show ID numbers in full"))

    p = commands.command("show", T("顯示一條記錄", "显示一条记录", "show a record"), run=show, json=True)
    p.add_argument("id", help=T(
        "記錄的編號,或能唯一確定它的開頭",
        "记录的编号,或能唯一确定它的开头",
        "the record's id, or a unique prefix of it"))
    p.add_argument("--reveal", action="store_true", help=T(
        "完整顯示身份證號(否則如 list 一樣遮住中間)",
        "完整显示身份证号(否则如 list 一样遮住中间)",
        "show ID numbers in full (masked otherwise, as list does)"))

    p = commands.command("edit", T("修改一條記錄的欄目", "修改一条记录的栏目", "change fields of a record"), run=edit, json=True)
    p.add_argument("id")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE", default=[])

    p = commands.command("delete", T("刪除一條記錄", "删除一条记录", "delete a record"), run=delete)
    p.add_argument("id")
    p.add_argument("--yes", action="store_true", help=T("確認", "确认", "confirm"))

    p = commands.command("history", T("一條記錄的修改歷史", "一条记录的修改历史", "the change log of a record"), run=history, json=True)
    p.add_argument("id")


def _title_column(lang: str) -> int:
    return {HANS: 1, EN: 2}.get(lang, 0)


def registers(args: argparse.Namespace) -> int:
    from storage import catalogue
    from storage.registers.base import GROUPS

    lang = lang_of(args)
    store = open_store(args, readonly=True)
    rows = []
    for reg in catalogue.registers():
        rows.append(
            {
                "slug": reg.slug,
                "group": reg.group,
                "groups": [p.group for p in reg.places] or ["other"],
                "title": reg.title(lang),
                "titles": {"zh-Hant": reg.title.hant, "zh-Hans": reg.title.hans, "en": reg.title.en},
                "places": [p.title(lang) for p in reg.places],
                "count": store.count(reg.slug),
            }
        )
    if args.json:
        dump_json(rows)
        return 0
    body = [
        [(", " if lang == EN else "、").join(GROUPS[g](lang) for g in r["groups"]), " / ".join(r["places"]) or r["title"],
         r["slug"], str(r["count"])]
        for r in rows
    ]
    print_table(REGISTERS_HEADERS, body, lang, max_width=40)
    return 0


def _values(reg: Any, sets: dict[str, str]) -> dict[str, Any]:
    """Values from --set, with lists (participants, attendance) split on commas or read as JSON."""
    out: dict[str, Any] = {}
    for key, value in sets.items():
        name = reg.field_named(key) or key
        spec = reg.fields.get(name)
        out[key] = spec.field_kind.typed(spec, value) if spec is not None else value  # storage.kinds
    return out


def add(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    store = open_store(args)
    reg = store.register(args.register)
    record = store.add(reg.slug, _values(reg, parse_sets(args.set)))
    store.close()
    if args.json:
        dump_json(record)
    else:
        say(record["id"])
        warn(ADDED(lang, name=one_line(store.name_of(reg.slug, record)), id=record["id"][:8]))
    return 0


def list_records(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    store = open_store(args, readonly=True)
    reg = store.register(args.register)
    rows = store.records(reg.slug, branch=args.branch)
    if args.json:
        dump_json([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows])
        return 0
    if not rows:
        say(EMPTY(lang, title=reg.title(lang)))
        return 0
    from storage.present import formatter
    from storage.text import table_text

    headers = ["#"] + [reg.label(f, lang) for f in reg.columns]
    shown = [formatter(store, reg, f, lang, reveal=args.reveal) for f in reg.columns]
    body = [[r["id"][:8], *(show(r) for show in shown)] for r in rows]
    say(table_text(headers, body))
    return 0


def show(args: argparse.Namespace) -> int:
    from storage.present import show_value

    lang = lang_of(args)
    store = open_store(args, readonly=True)
    reg, record = store.get(args.id)
    if args.json:
        dump_json({"register": reg.slug, **record})
        return 0
    say(f"{reg.title(lang)} · {one_line(store.name_of(reg.slug, record))} · {record['id']}")
    width = max(len(reg.label(f, lang)) for f in reg.fields)
    # A multi-line field keeps its line breaks, each further line indented to the values'
    # column: no value can make a line that reads as another field's.
    indent = "\n  " + "\u3000" * width + "  "
    names = list(reg.fields) + [name for name, _ in reg.derived]
    for name in names:
        value = show_value(store, reg, name, record, lang, reveal=args.reveal)  # masked as list masks it
        spec = reg.fields.get(name)
        if spec is None or spec.kind != "long_text":
            value = one_line(value)
        if value:
            say(f"  {reg.label(name, lang):\u3000<{width}}  {value.replace(chr(10), indent)}")
    if record.get("_d"):
        say("  (" + T("已刪除", "已删除", "deleted")(lang) + ")")
    return 0


def edit(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    store = open_store(args)
    reg, before = store.get(args.id)
    old = dict(before)
    record = store.edit(before["id"], _values(reg, parse_sets(args.set)))
    store.close()
    if args.json:
        dump_json(record)
    else:
        text = SAVED if record != old else UNCHANGED
        say(text(lang, name=one_line(store.name_of(reg.slug, record))))
    return 0


def delete(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    store = open_store(args)
    reg, record = store.get(args.id)
    name = one_line(store.name_of(reg.slug, record))
    if not args.yes:
        from storage.messages import StoreError

        raise StoreError(CONFIRM, name=name)
    store.delete(record["id"])
    store.close()
    say(REMOVED(lang, name=name))
    return 0


def history(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    store = open_store(args, readonly=True)
    reg, record = store.get(args.id)
    changes = store.history(record["id"])
    if args.json:
        dump_json(changes)
        return 0
    say(f"{reg.title(lang)} · {one_line(store.name_of(reg.slug, record))} · {record['id']}")
    for change in changes:  # journal lines, perhaps edited by hand: each shown, none trusted
        op = OPS[change["op"]](lang) if change.get("op") in OPS else _short(change.get("op"))
        say(f"{_short(change.get('at'))}  {op}  ({_short(change.get('copy'))})")
        fields = change.get("fields")
        for name, pair in (fields.items() if isinstance(fields, dict) else []):
            old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            say(f"    {one_line(reg.label(name, lang))}: {_as_shown(store, reg, name, old, lang)} → "
                f"{_as_shown(store, reg, name, new, lang)}")
    return 0


def _as_shown(store: Any, reg: Any, name: str, value: Any, lang: str) -> str:
    """A value in the history as the record shows it (a branch by its name, 女 not female,
    身份證號 masked), one line, cut at 60; a field no declaration knows, as it was written."""
    from storage.present import show_value

    if value is None or name not in reg.fields:
        return _short(value)
    return _short(show_value(store, reg, name, {name: value}, lang) or value)


def _short(value: Any) -> str:
    """A value in the history: one line (line breaks and controls escaped), cut at 60."""
    from storage.present import as_text

    if value is None:
        return "—"
    text = one_line(as_text(value))
    return text if len(text) <= 60 else text[:57] + "…"
