"""``taizhang find``: the quick look-up. Reads index.tsv only (no registers, no pinyin)."""

from __future__ import annotations

import argparse
from typing import Any

from storage.i18n import EN, HANS, Text
from tui.commands.common import Commands, count_option, dump_json, home_of, lang_of, print_table, warn

HEADERS = (Text("名稱", "名称", "Name"), Text("登記冊", "登记册", "Register"), Text("支部", "支部", "Branch"),
           Text("詳情", "详情", "Details"), Text("編號", "编号", "Id"))
NOTHING = Text("沒有找到「{q}」。", "没有找到「{q}」。", "Nothing found for '{q}'.")
INDEX_REBUILT = Text(
    "搜索索引 {path} 不見了,已按台賬重建。",
    "搜索索引 {path} 不见了,已按台账重建。",
    "The search index {path} was missing: it was rebuilt from the store.",
)


T = Text


def add_parsers(commands: Commands) -> None:
    p = commands.command("find", T(
        "查找人和記錄(漢字、簡體、拼音、首字母如 zgy)",
        "查找人和记录(汉字、简体、拼音、首字母如 zgy)",
        "find people and records (Chinese characters, pinyin, initials such as zgy)"), run=run, json=True)
    p.add_argument("query", help=T(
        "張桂英、zhang、zgy、電話號碼 …",
        "张桂英、zhang、zgy、电话号码 …",
        "a name in Chinese characters, pinyin (zhang) or initials (zgy), a phone number …"))
    p.add_argument("--register", "-r", help=T("只查這個登記冊(代號)", "只查这个登记册(代号)", "only this register (slug)"))
    p.add_argument("--limit", "-n", type=count_option, default=20, help=T(
        "最多列出 N 條(0 為全部)",
        "最多列出 N 条(0 为全部)",
        "at most N results (0: all)"))


def _mend(args: argparse.Namespace, home: Any, lang: str) -> None:
    """A missing index is rebuilt from the store (not taken for a missing store); a
    register file gone or changed is read, rebuilt from the journal if need be, or the
    look-up refused, saying how to restore, like every command. No store at all: said so
    by opening it."""
    from storage import index
    from tui.commands.common import open_store

    store = open_store(args)
    path = home / index.INDEX_FILE
    if not path.exists():
        with store.transaction():  # which may already rebuild it, catching up
            if not path.exists():
                store.rebuild_index()
        warn(INDEX_REBUILT(lang, path=str(path)))


def run(args: argparse.Namespace) -> int:
    from storage import index
    from storage.state import suspect_register_files

    home = home_of(args)
    lang = lang_of(args)
    if not (home / index.INDEX_FILE).exists() or suspect_register_files(home):
        _mend(args, home, lang)  # the slow way, once: the whole store
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
    column = {HANS: 1, EN: 2}.get(lang, 0)
    rows = [[h["name"], h["titles"][column], h["branch"], h["detail"], h["id"][:8]] for h in hits]
    print_table(HEADERS, rows, lang, max_width=36)
    return 0
