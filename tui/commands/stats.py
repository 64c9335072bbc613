"""``taizhang stats``: the 黨內統計 figures for the organisation and each branch, as of a
day, beside the year before; ``--to`` writes them as a picture or a workbook."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from storage.i18n import EN, Text
from tui.commands.common import Commands, _refused, dump_json, lang_of, open_store, print_table, say, year_option

T = Text

HEAD = T("{name} 黨內統計 截至 {on}(上年同期 {before})", "{name} 党内统计 截至 {on}(上年同期 {before})",
         "{name}: party statistics as of {on} (a year before: {before})")
LATE = T("{n} 條記錄在 {on} 以後才錄入,按其本身的日期計入。", "{n} 条记录在 {on} 以后才录入,按其本身的日期计入。",
         "{n} records were entered after {on}; they are counted by their own dates.")
UNKNOWN_LINE = T("  {field}不詳 {n} 人:{names}", "  {field}不详 {n} 人:{names}", "  {field} unknown for {n}: {names}")
MOBILE_LINE = T("  流動黨員 {n} 人:{names}", "  流动党员 {n} 人:{names}", "  {n} working away: {names}")
DUES_HEAD = T("黨費收繳(按月)", "党费收缴(按月)", "Dues collected by month")
MEETINGS_HEAD = T("會議(按月、類型;× 為到期未開)", "会议(按月、类型;× 为到期未开)",
                  "Meetings by month and type (× : due and not held)")
WROTE = T("已寫入 {path}", "已写入 {path}", "Written to {path}")
BAD_TO = T("--to 的文件應以 .png、.svg 或 .xlsx 結尾:{path}", "--to 的文件应以 .png、.svg 或 .xlsx 结尾:{path}",
           "--to takes a file ending in .png, .svg or .xlsx: {path}")
HEADERS = (T("項目", "项目", "Figure"), T("人數", "人数", "Count"), T("佔比%", "占比%", "Share %"),
           T("上年", "上年", "Year before"), T("增減", "增减", "Change"))
DUES_HEADERS = (T("月份", "月份", "Month"), T("實收(元)", "实收(元)", "Collected"),
                T("應收(元)", "应收(元)", "Standard"), T("應交人數", "应交人数", "Members"))


def date_option(text: str) -> date:
    """argparse's type for --as-of: a date as a register takes one (2026-12-31, 2026年12月31日)."""
    from pydantic_core import PydanticCustomError

    from storage.fields import parse_loose_date

    try:
        return parse_loose_date(text if len(text) <= 40 else text[:40] + "…")
    except PydanticCustomError as error:
        raise _refused(error.type, error.context or {}) from None


def add_parsers(commands: Commands) -> None:
    p = commands.command("stats", "黨內統計 / party statistics as of a day, beside the year before", run=stats, json=True)
    when = p.add_mutually_exclusive_group()
    when.add_argument("--year", type=year_option, help="as of 12-31 of this year")
    when.add_argument("--as-of", type=date_option, metavar="DATE", help="as of this day (default: today)")
    p.add_argument("--branch", "-b", help="one branch (name or id)")
    p.add_argument("--to", metavar="FILE", help="FILE.png or FILE.svg: a picture of the charts; FILE.xlsx: a workbook")


def as_of(args: argparse.Namespace) -> date | None:
    if args.year:
        return date(args.year, 12, 31)
    chosen: date | None = args.as_of
    return chosen


def stats(args: argparse.Namespace) -> int:
    from storage.stats import statistics

    lang = lang_of(args)
    store = open_store(args, readonly=True)
    branch = store.resolve_reference("branches", args.branch) if args.branch else None
    if args.to:
        return write(args, store, lang, branch)
    report = statistics(store, as_of(args), branch=branch)
    if args.json:
        dump_json(report.to_json(lang))
        return 0
    for number, scope in enumerate(report.scopes):
        if number:
            say("")
        show_scope(scope, report, lang)
    if report.late:
        say("")
        say(LATE(lang, n=report.late, on=report.on.isoformat()))
    return 0


def _number(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _change(value: Any) -> str:
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


def show_scope(scope: Any, report: Any, lang: str) -> None:
    data = scope.to_json(lang)
    say(HEAD(lang, name=scope.name, on=report.on.isoformat(), before=report.before.isoformat()))
    rows = []
    section = None
    for figure in data["figures"]:
        label = figure["label"]
        if figure["section"] != section:
            section = figure["section"]
            if figure["section_label"] != label:
                rows.append([figure["section_label"], "", "", "", ""])
        indent = "  " if figure["section_label"] != label else ""
        rows.append([indent + label, _number(figure["count"]), _number(figure["share"]),
                     _number(figure["previous"]), _change(figure["change"])])
    print_table(HEADERS, rows, lang, max_width=40)
    sep = ", " if lang == EN else "、"
    for found in data["unknown"].values():
        if found["names"]:
            say(UNKNOWN_LINE(lang, field=found["field"], n=found["count"], names=sep.join(found["names"])))
    if data["mobile"]:
        say(MOBILE_LINE(lang, n=len(data["mobile"]), names=sep.join(data["mobile"])))
    say("")
    say(DUES_HEAD(lang))
    print_table(DUES_HEADERS, [[m["month"], _number(m["collected"]), _number(m["standard"]), str(m["members"])]
                               for m in data["dues"]], lang)
    say("")
    say(MEETINGS_HEAD(lang))
    months = sorted({m["month"] for m in data["meetings"]})
    kinds: dict[str, dict[str, str]] = {}
    labels: dict[str, str] = {}
    for m in data["meetings"]:
        labels[m["kind"]] = m["label"]
        kinds.setdefault(m["kind"], {})[m["month"]] = "×" if m["missed"] else (str(m["held"]) if m["held"] else "·")
    headers = [T("類型", "类型", "Type")] + [Text(mo[5:], mo[5:], mo[5:]) for mo in months]
    print_table(headers, [[labels[k]] + [cells.get(mo, "") for mo in months] for k, cells in kinds.items()], lang)


def write(args: argparse.Namespace, store: Any, lang: str, branch: str | None) -> int:
    from pathlib import Path

    from storage.messages import StoreError

    target = Path(args.to)
    suffix = target.suffix.lower()
    if suffix in (".png", ".svg"):
        from storage.stats.picture import draw

        draw(store, target, lang=lang, on=as_of(args), branch=branch)
    elif suffix == ".xlsx":
        from storage.tables.stats_sheet import export_stats

        export_stats(store, target, lang=lang, on=as_of(args), branch=branch)
    else:
        raise StoreError(BAD_TO, path=str(target))
    if args.json:
        dump_json({"file": str(target)})
    else:
        say(WROTE(lang, path=str(target)))
    return 0
