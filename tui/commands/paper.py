"""``taizhang print``: paper for the inspection — a register's table, one record's form, the
year's binder, the month's 黨務公開 sheet — to .pdf or .docx (storage.paper)."""

from __future__ import annotations

import argparse

from tui.commands.common import Commands, dump_json, home_of, lang_of, say, warn, year_option


def add_parsers(commands: Commands) -> None:
    p = commands.command(
        "print", "打印成 PDF/DOCX / print a register, a record, the binder or the notice to .pdf or .docx",
        run=print_paper, json=True,
    )
    p.add_argument("what", nargs="?", default="",
                   help="a register (slug or title), binder (the year's 台賬) or notice (黨務公開); "
                        "with --record, the record's register may be left out")
    p.add_argument("--to", required=True, metavar="FILE", help="FILE.pdf or FILE.docx")
    p.add_argument("--year", type=year_option, help="the year (default: this year)")
    p.add_argument("--branch", "-b", help="only this branch")
    p.add_argument("--record", "-r", metavar="ID", help="one record as its paper form (an id or a unique prefix)")
    p.add_argument("--month", metavar="YYYY-MM", help="the notice's month")
    p.add_argument("--mask", action="store_true", help="mask 身份證號 (default: in full, as the forms are kept)")


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
