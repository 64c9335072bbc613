"""``taizhang find``: the quick look-up. Reads index.tsv only (no registers, no pinyin)."""

from __future__ import annotations

import argparse
from typing import Any

from storage.i18n import EN, HANS, Text
from tui.commands.common import count_option, dump_json, home_of, lang_of, say, warn

NOTHING = Text("沒有找到「{q}」。", "没有找到「{q}」。", "Nothing found for '{q}'.")
NO_INDEX = Text(
    "{home} 裡沒有台賬或索引。請先 taizhang init 或 taizhang demo。",
    "{home} 里没有台账或索引。请先 taizhang init 或 taizhang demo。",
    "There is no store or index in {home}. Run taizhang init or taizhang demo first.",
)


def add_parsers(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "find", parents=[parent], help="查找 / find people and records (漢字, 简体, pinyin, initials: zgy)"
    )
    p.add_argument("query", help="張桂英, 张, zhang, zgy, a phone number …")
    p.add_argument("--register", "-r", help="only this register (slug)")
    p.add_argument("--limit", "-n", type=count_option, default=20, help="at most N results (0: all)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from storage import index

    home = home_of(args)
    lang = lang_of(args)
    if not (home / index.INDEX_FILE).exists():
        warn(NO_INDEX(lang, home=str(home)))
        return 1
    register = args.register
    if register and not register.isascii():
        from storage import catalogue  # a title given in Chinese: worth the import

        reg = catalogue.get(register)
        register = reg.slug if reg else register
    hits = index.find(home, args.query, register=register, limit=args.limit)
    if args.json:
        column = {HANS: 1, EN: 2}.get(lang, 0)
        dump_json([{**h, "title": h["titles"][column]} for h in hits])
        return 0
    if not hits:
        warn(NOTHING(lang, q=args.query))
        return 1
    from storage.text import table_text

    column = {HANS: 1, EN: 2}.get(lang, 0)
    rows = [[h["name"], h["titles"][column], h["branch"], h["detail"], h["id"][:8]] for h in hits]
    headers = {EN: ["Name", "Register", "Branch", "Details", "Id"]}.get(
        lang, ["名稱", "登記冊", "支部", "詳情", "編號"] if lang != HANS else ["名称", "登记册", "支部", "详情", "编号"]
    )
    say(table_text(headers, rows, max_width=36))
    return 0
