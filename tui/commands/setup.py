"""Making and checking a store: init, demo, check; and opening the app."""

from __future__ import annotations

import argparse
import sys

from storage.i18n import EN, Text
from tui.commands.common import Commands, count_option, dump_json, home_of, lang_of, say, warn

T = Text
CREATED = T(
    "已在 {home} 建立「{org}」的台賬,支部:{branches}。",
    "已在 {home} 建立「{org}」的台账,支部:{branches}。",
    "Created the store of {org} in {home}, with branches {branches}.",
)
MOVED_ASIDE = T(
    "原來的 {home} 已整個移到 {backup}(備份,沒有改動)。",
    "原来的 {home} 已整个移到 {backup}(备份,没有改动)。",
    "What was in {home} was moved, whole and unchanged, to {backup} (a backup).",
)
DEMO_READY = T(
    "示範組織「{org}」已在 {home} 準備好:{members} 名黨員。",
    "示范组织「{org}」已在 {home} 准备好:{members} 名党员。",
    "The demo organisation {org} is ready in {home}: {members} members.",
)
CHECK_OK = T(
    "檢查完畢:{files} 個檔案、{records} 條記錄,沒有發現問題。",
    "检查完毕:{files} 个文件、{records} 条记录,没有发现问题。",
    "Checked {files} files and {records} records: no problems found.",
)
CHECK_BAD = T(
    "發現 {count} 個問題:",
    "发现 {count} 个问题:",
    "{count} problems found:",
)
#: The most members a demo is built with: twice the benchmarks' 100,000 (a minute and a
#: half, a few hundred MB), so a slip of the finger cannot fill the memory or the disk.
DEMO_MOST = 200_000
DEMO_SIZE = T(
    "--members 應是 1 到 {most:,} 之間的整數(示範一個村約 120 人,測速用 100000),不能是 {value}。台賬沒有改動。",
    "--members 应是 1 到 {most:,} 之间的整数(示范一个村约 120 人,测速用 100000),不能是 {value}。台账没有改动。",
    "--members takes a whole number from 1 to {most:,} (about 120 for a village, 100000 for benchmarks), "
    "not {value}. Nothing was changed.",
)
NO_APP = T(
    "畫面程序需要 Textual;請按 README 安裝。",
    "画面程序需要 Textual;请按 README 安装。",
    "The app needs Textual; install taizhang as the README says.",
)


def add_parsers(commands: Commands) -> None:
    p = commands.command("init", T(
        "建立台賬(總支的主副本)",
        "建立台账(总支的主副本)",
        "create the store (the general branch's master copy)"), run=init)
    p.add_argument("--org", help=T("組織名稱,如 示範村黨總支", "组织名称,如 示范村党总支", "the organisation's name"))
    p.add_argument("--branch", action="append", default=[], help=T(
        "支部名稱(每個支部寫一次)",
        "支部名称(每个支部写一次)",
        "a branch (once for each)"))
    p.add_argument("--join", metavar="FILE", help=T(
        "用總支給的登記文件建立支部副本",
        "用总支给的登记文件建立支部副本",
        "make a branch's copy from the general branch's enrolment file"))
    p.add_argument("--code", help=T(
        "總支給的登記碼(不寫則會詢問)",
        "总支给的登记码(不写则会询问)",
        "the enrolment code the general branch gave (asked for if not given)"))

    p = commands.command("demo", T("示範組織,用來試用", "示范组织,用来试用", "a demo organisation to try things on"), run=demo)
    p.add_argument("--members", type=int, default=120,  # its range is said in words below
                   help=T(f"黨員人數,1 至 {DEMO_MOST:,}(測速用 100000)", f"党员人数,1 至 {DEMO_MOST:,}(测速用 100000)",
                          f"how many members, 1 to {DEMO_MOST:,} (100000 for benchmarks)"))
    p.add_argument("--seed", type=count_option, default=2026)
    p.add_argument("--no-tui", action="store_true", help=T(
        "只建立,不打開程序界面",
        "只建立,不打开程序界面",
        "only build it; do not open the app"))
    p.add_argument("--reset", action="store_true",
                   help=T(
                       "即使資料夾裡已有改動也重建(先把整個資料夾移開作備份)",
                       "即使文件夹里已有改动也重建(先把整个文件夹移开作备份)",
                       "rebuild even over work done in the folder, after moving the folder aside whole as a backup"))

    p = commands.command("check", T(
        "檢查每個文件和每條記錄",
        "检查每个文件和每条记录",
        "check every file and record"), run=check, json=True)


def init(args: argparse.Namespace) -> int:
    from storage.store import Store

    lang = lang_of(args)
    if getattr(args, "join", None):
        from tui.commands.sync import join

        return join(args)
    if not args.org:
        from storage.messages import StoreError

        raise StoreError(T("請用 --org 給出組織名稱。", "请用 --org 给出组织名称。", "Give the organisation's name with --org."))
    store = Store.create(home_of(args), organisation=args.org, branches=list(args.branch))
    say(CREATED(lang, home=str(store.home), org=args.org, branches=(", " if lang == EN else "、").join(args.branch) or "—"))
    return 0


def demo(args: argparse.Namespace) -> int:
    from storage import demo as demo_mod
    from storage.home import demo_home, resolve_home
    from storage.messages import StoreError

    lang = lang_of(args)
    if not 1 <= args.members <= DEMO_MOST:  # before anything is removed or built
        raise StoreError(DEMO_SIZE, most=DEMO_MOST, value=args.members)
    home = resolve_home(args.home) if args.home else demo_home()
    backup = demo_mod.make_room(home, reset=args.reset)  # refuses to build over work
    if backup is not None:
        say(MOVED_ASIDE(lang, home=str(home), backup=str(backup)))

    def progress(text: str) -> None:
        sys.stderr.write(text + "\n")

    store = demo_mod.build(home, members=args.members, seed=args.seed, progress=progress if args.members > 5000 else None)
    say(DEMO_READY(lang, org=store.organisation, home=str(home), members=store.count("members")))
    from storage.demo_note import note

    say("\n".join(note(home, lang)))  # export TAIZHANG_HOME=…: the commands that follow use the demo
    if args.no_tui:
        return 0
    args.home = str(home)
    return open_app(args)


def check(args: argparse.Namespace) -> int:
    from storage.check import check_home

    lang = lang_of(args)
    report = check_home(home_of(args))
    if args.json:
        dump_json({"files": report.files, "records": report.records,
                   "problems": [p.message(lang) for p in report.problems],
                   "notes": [n.message(lang) for n in report.notes]})
        return 1 if report.problems else 0
    if report.problems:
        warn(CHECK_BAD(lang, count=len(report.problems)))
        for problem in report.problems:
            warn("  - " + problem.message(lang))
        for note in report.notes:
            warn("  · " + note.message(lang))
        return 1
    say(CHECK_OK(lang, files=report.files, records=report.records))
    for note in report.notes:
        say("  · " + note.message(lang))
    return 0


def open_app(args: argparse.Namespace) -> int:
    try:
        from tui.app import run_app
    except ImportError:
        warn(NO_APP(lang_of(args)))
        return 1
    return run_app(home=home_of(args), lang=getattr(args, "lang", None))
