"""``taizhang export``: one command for both things a copy sends out. With a register (or
``all``), or to a .xlsx or .csv file, it writes a spreadsheet (tui.commands.tables);
with neither, a sync bundle for the 總支 or a 支部 (tui.commands.sync)."""

from __future__ import annotations

import argparse

from tui.commands.common import Commands, year_option

SPREADSHEETS = (".xlsx", ".csv")


def add_parsers(commands: Commands) -> None:
    p = commands.command(
        "export", "導出 Excel/CSV 或同步包 / export a register or all to .xlsx or .csv, or a sync bundle", run=export, json=True
    )
    p.add_argument("register", nargs="?", help="a register (slug or title), or all; none for a sync bundle")
    p.add_argument("--to", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv, or the bundle to write")
    p.add_argument("--branch", "-b", help="only this branch")
    p.add_argument("--year", type=year_option, help="the year of the targets and checklist sheets (all)")
    p.add_argument("--mask", action="store_true", help="mask 身份證號 (default: in full, for upstream)")
    p.add_argument("--for", dest="peer", metavar="PEER", help="the branch a bundle is for (on the master)")
    p.add_argument("--full", action="store_true", help="everything, not only what the peer has not acknowledged")


def export(args: argparse.Namespace) -> int:
    if not args.register and not str(args.to).lower().endswith(SPREADSHEETS):
        from tui.commands.sync import export as write_bundle

        return write_bundle(args)
    from tui.commands.tables import export as write_spreadsheet

    return write_spreadsheet(args)
