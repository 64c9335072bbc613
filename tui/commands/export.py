"""``taizhang export``: one command for both things a copy sends out. With a register (or
``all``), or to a .xlsx or .csv file, it writes a spreadsheet (tui.commands.tables);
with neither, a sync bundle for the 總支 or a 支部 (tui.commands.sync)."""

from __future__ import annotations

import argparse

from storage.i18n import Text as T
from tui.commands.common import Commands, year_option

SPREADSHEETS = (".xlsx", ".csv")


def add_parsers(commands: Commands) -> None:
    p = commands.command(
        "export", T(
            "把一個或全部登記冊導出為 .xlsx 或 .csv,或寫出同步包",
            "把一个或全部登记册导出为 .xlsx 或 .csv,或写出同步包",
            "export a register or all to .xlsx or .csv, or a sync bundle"), run=export, json=True
    )
    p.add_argument("register", nargs="?", help=T(
        "登記冊(代號或名稱)或 all;不寫則導出同步包",
        "登记册(代号或名称)或 all;不写则导出同步包",
        "a register (slug or title), or all; none for a sync bundle"))
    p.add_argument("--to", required=True, metavar="FILE", help=T(
        "要寫出的 .xlsx、.csv 或同步包文件",
        "要写出的 .xlsx、.csv 或同步包文件",
        "FILE.xlsx or FILE.csv, or the bundle to write"))
    p.add_argument("--branch", "-b", help=T("只導出這個支部", "只导出这个支部", "only this branch"))
    p.add_argument("--year", type=year_option, help=T(
        "目標和自查兩張表的年份(導出 all 時)",
        "目标和自查两张表的年份(导出 all 时)",
        "the year of the targets and checklist sheets (all)"))
    p.add_argument("--mask", action="store_true", help=T(
        "遮住身份證號(預設完整,供上級使用)",
        "遮住身份证号(默认完整,供上级使用)",
        "mask ID numbers (default: in full, for upstream)"))
    p.add_argument("--for", dest="peer", metavar="PEER", help=T(
        "同步包發給哪個支部(在總支上)",
        "同步包发给哪个支部(在总支上)",
        "the branch a bundle is for (on the master)"))
    p.add_argument("--full", action="store_true", help=T(
        "全部變更,而不只是對方還沒確認收到的",
        "全部变更,而不只是对方还没确认收到的",
        "everything, not only what the peer has not acknowledged"))


def export(args: argparse.Namespace) -> int:
    if not args.register and not str(args.to).lower().endswith(SPREADSHEETS):
        from tui.commands.sync import export as write_bundle

        return write_bundle(args)
    from tui.commands.tables import export as write_spreadsheet

    return write_spreadsheet(args)
