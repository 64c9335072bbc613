"""Excel and CSV from the shell: export a register or all of them, import a roster."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from storage.i18n import EN, Text
from tui.commands.common import Commands, dump_json, home_of, lang_of, open_store, say, warn

T = Text

NO_REGISTER = T("請寫明要導出的登記冊(或 all)。", "请写明要导出的登记册(或 all)。",
                "Name the register to export (or all).")
EXPORTED = T("已導出到 {path}:", "已导出到 {path}:", "Exported to {path}:")
SHEET = T("  {title}:{n} 條", "  {title}:{n} 条", "  {title}: {n} records")
HEADER_AT = T("表頭在第 {row} 行,{rows} 行資料。", "表头在第 {row} 行,{rows} 行数据。",
              "The header is row {row}; {rows} rows of data.")
NOT_IMPORTED = T("(不導入)", "(不导入)", "(not imported)")
UNKNOWN = T("(不認得,不導入;可用 --map 指明)", "(不认得,不导入;可用 --map 指明)",
            "(not recognised, not imported; name it with --map)")
DUPLICATE = T("(重複的欄目,不導入)", "(重复的栏目,不导入)", "(a second column for the same field: not imported)")
SKIPPED = T("略過表尾第 {rows} 行。", "略过表尾第 {rows} 行。", "Footer rows {rows} read past.")
ROW_NOTE = T("第 {row} 行:{text}", "第 {row} 行:{text}", "Row {row}: {text}")
ROW_BAD = T("第 {row} 行「{name}」:", "第 {row} 行「{name}」:", "Row {row} ({name}):")
ALL_GOOD = T("全部 {n} 行檢查無誤。", "全部 {n} 行检查无误。", "All {n} rows are right.")
DRY = T("(試導入:沒有保存任何記錄)", "(试导入:没有保存任何记录)", "(dry run: nothing was saved)")
IMPORTED = T("已導入 {n} 條記錄到{title}。", "已导入 {n} 条记录到{title}。", "Imported {n} records into {title}.")
LEFT_OUT = T("{n} 行有問題,沒有導入(見上)。", "{n} 行有问题,没有导入(见上)。", "{n} rows with problems were left out (see above).")


def add_parsers(commands: Commands) -> None:
    p = commands.command("import", T(
        "從 .xlsx 或 .csv 導入名冊",
        "从 .xlsx 或 .csv 导入名册",
        "import a roster from .xlsx or .csv"), run=import_rows, json=True)
    p.add_argument("register", help=T(
        "代號或名稱:members、黨員花名冊 …",
        "代号或名称:members、党员花名册 …",
        "slug or title, such as members"))
    p.add_argument("file", help=T(".xlsx 或 .csv 文件", ".xlsx 或 .csv 文件", "FILE.xlsx or FILE.csv"))
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help=T(
                       "某一列對應哪個欄目(手機號=phone);表頭=- 表示不導入該列",
                       "某一列对应哪个栏目(手机号=phone);表头=- 表示不导入该列",
                       "which field a column is (HEADER=phone); HEADER=- leaves a column out"))
    p.add_argument("--branch", "-b", help=T("沒寫支部的行歸入這個支部", "没写支部的行归入这个支部", "the branch of rows that name none"))
    p.add_argument("--dues-paid-to", metavar="YYYY-MM", help=T(
        "黨費交至:沒寫的行按這個月份",
        "党费交至:没写的行按这个月份",
        "the month dues are paid up to, for rows that give none"))
    p.add_argument("--sheet", help=T("要讀的工作表(預設第一張)", "要读的工作表(默认第一张)", "the sheet to read (default: the first)"))
    p.add_argument("--dry-run", action="store_true", help=T("檢查每一行,不保存", "检查每一行,不保存", "check every row, save nothing"))
    p.add_argument("--only-good", action="store_true", help=T(
        "導入無誤的行,列出有問題的行",
        "导入无误的行,列出有问题的行",
        "import the good rows, report the bad ones"))


def export(args: argparse.Namespace) -> int:
    """``export REGISTER --to FILE.xlsx`` (the command is declared in tui.commands.export)."""
    from storage.store import Store
    from storage.tables import export as write

    lang = lang_of(args)
    if not args.register:
        from storage.messages import StoreError

        raise StoreError(NO_REGISTER)
    store = Store.open(home_of(args), readonly=True)
    done = write(store, args.register, args.to, lang=lang, branch=args.branch, year=args.year, reveal=not args.mask)
    if args.json:
        dump_json({"file": str(done.path), "sheets": done.sheets})
        return 0
    say(EXPORTED(lang, path=str(done.path)))
    for title, n in done.sheets.items():
        say(SHEET(lang, title=title, n=n))
    return 0


def import_rows(args: argparse.Namespace) -> int:
    from storage.tables import ImportRefused, check_import, plan_import, run_import

    lang = lang_of(args)
    store = open_store(args, readonly=args.dry_run)
    plan = plan_import(store, args.register, args.file, maps=args.map, branch=args.branch, sheet=args.sheet)
    from storage.plan.dues_start import fill_paid_up_to

    fill_paid_up_to(plan, args.dues_paid_to, advance_months=store.settings.dues.advance_months)  # members only
    if args.dry_run:
        failures, imported = check_import(store, plan), []
    else:
        try:
            result = run_import(store, plan, only_good=args.only_good)
        except ImportRefused as refused:
            _report(plan, refused.failures, lang, args.json, imported=[], refused=refused.message(lang))
            return 1
        store.close()
        failures, imported = result.failures, result.ids
    _report(plan, failures, lang, args.json, imported=imported, dry=args.dry_run)
    return 1 if failures and (args.dry_run or not args.only_good) else 0


def _report(plan: Any, failures: list[Any], lang: str, as_json: bool, *, imported: list[str],
            refused: str | None = None, dry: bool = False) -> None:
    reg = plan.register
    if as_json:
        dump_json({**plan.to_json(lang), "imported": len(imported), "ids": imported, "dry_run": dry,
                   "failures": [f.to_json(reg, lang) for f in failures], "refused": refused})
        return
    say(HEADER_AT(lang, row=plan.header_line, rows=len(plan.rows)))
    for column in plan.columns:
        if column.field:
            shown = reg.label(column.field, lang) + ("" if lang != EN else f" ({column.field})")
        else:
            shown = {"unknown": UNKNOWN, "duplicate": DUPLICATE}.get(column.how, NOT_IMPORTED)(lang)
        say(f"  {column.header} → {shown}")
    if plan.skipped:
        say(SKIPPED(lang, rows=(", " if lang == EN else "、").join(str(r) for r in plan.skipped)))
    for row in plan.rows:
        for note in row.notes:
            say(ROW_NOTE(lang, row=row.line, text=note))
    for failure in failures:
        warn(ROW_BAD(lang, row=failure.line, name=failure.name))
        for message in failure.messages(reg, lang):
            warn(f"    {message}")
    if refused:
        warn(refused)
        return
    if dry:
        if not failures:
            say(ALL_GOOD(lang, n=len(plan.rows)))
        say(DRY(lang))
        return
    say(IMPORTED(lang, n=len(imported), title=reg.title(lang)))
    if failures:
        warn(LEFT_OUT(lang, n=len(failures)))
    sys.stdout.flush()
