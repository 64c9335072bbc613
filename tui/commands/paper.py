"""``taizhang print``: paper for the inspection — a register's table, one record's form, the
year's binder, the month's 黨務公開 sheet — to .pdf or .docx (storage.paper)."""

from __future__ import annotations

import argparse

from storage.i18n import Text
from tui.commands.common import Commands, dump_json, home_of, lang_of, say, warn, year_option

T = Text


def add_parsers(commands: Commands) -> None:
    p = commands.command("print", T(
        "打印成 PDF 或 DOCX:一本登記冊、一條記錄、全年台賬或黨務公開",
        "打印成 PDF 或 DOCX:一本登记册、一条记录、全年台账或党务公开",
        "print a register, a record, the binder or the notice to .pdf or .docx",
    ), run=print_paper, json=True)
    p.add_argument("what", nargs="?", default="", help=T(
        "登記冊(簡稱或名稱)、binder(全年台賬)或 notice(黨務公開);有 --record 時可省去登記冊",
        "登记册(简称或名称)、binder(全年台账)或 notice(党务公开);有 --record 时可省去登记册",
        "a register (slug or title), binder (the year's registers) or notice (the public notice); "
        "with --record, the record's register may be left out",
    ))
    p.add_argument("--to", required=True, metavar="FILE", help=T("FILE.pdf 或 FILE.docx", "FILE.pdf 或 FILE.docx",
                                                                  "FILE.pdf or FILE.docx"))
    p.add_argument("--year", type=year_option, help=T("哪一年(預設今年)", "哪一年(默认今年)", "the year (default: this year)"))
    p.add_argument("--branch", "-b", help=T("只打印這個支部", "只打印这个支部", "only this branch"))
    p.add_argument("--record", "-r", metavar="ID", help=T(
        "把一條記錄打印成它的紙質表格(編號或唯一的開頭)", "把一条记录打印成它的纸质表格(编号或唯一的开头)",
        "one record as its paper form (an id or a unique prefix)"))
    p.add_argument("--month", metavar="YYYY-MM", help=T("黨務公開的月份", "党务公开的月份", "the notice's month"))
    p.add_argument("--mask", action="store_true", help=T(
        "遮住身份證號(預設完整,與表格存檔一致)", "遮住身份证号(默认完整,与表格存档一致)",
        "mask ID card numbers (default: in full, as the forms are kept)"))


def print_paper(args: argparse.Namespace) -> int:
    from storage.paper import check_target, print_to
    from storage.paper.texts import PRINTED, PRINTED_DOCX
    from storage.store import Store

    lang = lang_of(args)
    store = Store.open(home_of(args), readonly=True)
    check_target(args.to)  # a wrong suffix is said before anything is drawn
    done = print_to(store, args.what, args.to, lang, year=args.year, branch=args.branch, record=args.record,
                    month=args.month, reveal=not args.mask, warn=warn)
    if args.json:
        dump_json({"file": str(done.path), "pages": done.pages, "warnings": done.warnings})
    elif done.pages is None:
        say(PRINTED_DOCX(lang, path=str(done.path)))
    else:
        say(PRINTED(lang, path=str(done.path), pages=done.pages))
    return 0
