"""The plan at work from the shell: targets, checklist, dues, development, promote, todo."""

from __future__ import annotations

import argparse

from storage.i18n import EN, Text
from tui.commands.common import Commands, count_option, dump_json, lang_of, open_store, print_table, say, warn, year_option

T = Text

TICKED = T("已勾選:{code} {title}({status})", "已勾选:{code} {title}({status})", "Ticked {code} {title} ({status})")
PAID = T("已記錄:{name} {start} 至 {end},{amount} 元", "已记录:{name} {start} 至 {end},{amount} 元",
         "Recorded: {name}, {start} to {end}, {amount} yuan")
REVERSED = T("已沖銷:{amount} 元", "已冲销:{amount} 元", "Reversed: {amount} yuan")
PROMOTED = T("已轉正:{name}({on})", "已转正:{name}({on})", "{name} is a full member from {on}")
NOTHING_TO_DO = T("目前沒有需要處理的事項。", "目前没有需要处理的事项。", "Nothing needs action now.")
DUES_SUMMARY = T(
    "{month}:{total} 名黨員,按時足額 {ok} 人;欠交 {warn} 個月以上 {warning} 人,{alert_months} 個月以上 {alert} 人。",
    "{month}:{total} 名党员,按时足额 {ok} 人;欠交 {warn} 个月以上 {warning} 人,{alert_months} 个月以上 {alert} 人。",
    "{month}: {total} members, {ok} paid on time and in full; {warning} are {warn}+ months behind, "
    "{alert} are {alert_months}+ months behind.",
)
TARGETS_HEAD = T("{org} {year} 年目標(截至 {as_of})", "{org} {year} 年目标(截至 {as_of})",
                 "{org}: the targets of {year} (as of {as_of})")
CHECKLIST_HEAD = T("五好創建自查 {year}:已完成 {done},部分完成 {partly},未完成 {not_done},未檢查 {unknown}",
                   "五好创建自查 {year}:已完成 {done},部分完成 {partly},未完成 {not_done},未检查 {unknown}",
                   "The five-good checklist {year}: {done} done, {partly} partly, {not_done} not done, "
                   "{unknown} not checked")
TARGET_HEADERS = (T("目標", "目标", "Target"), T("完成", "完成", "Figure"), T("狀態", "状态", "Status"),
                  T("說明", "说明", "Notes"))
DUES_HEADERS = (T("姓名", "姓名", "Name"), T("支部", "支部", "Branch"), T("類別", "类别", "Class"),
                T("月標準(元)", "月标准(元)", "Standard"), T("交至", "交至", "Paid up to"),
                T("欠交(月)", "欠交(月)", "Behind"), T("狀態", "状态", "Status"))
DEVELOPMENT_HEADERS = (T("姓名", "姓名", "Name"), T("支部", "支部", "Branch"), T("階段", "阶段", "Stage"),
                       T("下一步", "下一步", "Next"), T("應於", "应于", "Due"), T("最早", "最早", "Not before"),
                       T("提醒", "提醒", "Warnings"))
MARKS = {"done": "[x]", "partly": "[~]", "not_done": "[ ]", "unknown": "[?]"}
SEVERITY_MARKS = {"alert": "!!", "warning": "! ", "info": "· "}


def add_parsers(commands: Commands) -> None:
    # Sub-actions take --home and --lang too, without hiding what was given before them.

    p = commands.command("targets", T("方案一年的目標", "方案一年的目标", "the plan's targets for a year"), run=targets, json=True)
    p.add_argument("--year", type=year_option, help=T("預設今年", "默认今年", "default: this year"))
    p.add_argument("--branch", "-b", help=T(
        "一個支部的目標(名稱或編號)",
        "一个支部的目标(名称或编号)",
        "one branch's targets (name or id)"))

    p = commands.command("checklist", T("五好創建自查", "五好创建自查", "the five-good checklist"), run=checklist, json=True)
    p.add_argument("--year", type=year_option)
    actions = commands.actions(p, "action")
    t = actions.command("tick", T("人工勾選一項", "人工勾选一项", "tick an item by hand"), run=checklist_tick)
    t.add_argument("item", help=T("1.3、col.style 或項目名稱", "1.3、col.style 或项目名称", "1.3, col.style, or the item's title"))
    t.add_argument("--status", default="done", help=T(
        "done(完成,預設)、partly(部分)或 not_done(未完成)",
        "done(完成,默认)、partly(部分)或 not_done(未完成)",
        "done (default), partly or not_done"))
    t.add_argument("--note")
    t.add_argument("--evidence", help=T(
        "依據在哪裡:照片、檔案盒 …",
        "依据在哪里:照片、文件盒 …",
        "where the evidence is: photos, a file box …"))
    t.add_argument("--by", help=T("檢查人", "检查人", "who checked"))
    t.add_argument("--on", help=T("日期(預設今天)", "日期(默认今天)", "when (default today)"))

    p = commands.command("dues", T("黨費:誰交到了哪個月", "党费:谁交到了哪个月", "dues: who has paid up to when"), run=dues, json=True)
    p.add_argument("--month", help=T("YYYY-MM(預設本月)", "YYYY-MM(默认本月)", "YYYY-MM (default this month)"))
    p.add_argument("--branch", "-b")
    p.add_argument("--all", action="store_true", help=T(
        "列出每位黨員,不只是欠交的",
        "列出每位党员,不只是欠交的",
        "every member, not only those behind"))
    actions = commands.actions(p, "action")
    pay = actions.command("pay", T("記一筆黨費", "记一笔党费", "record a payment"), run=dues_pay)
    pay.add_argument("member", help=T("姓名或編號", "姓名或编号", "name or id"))
    pay.add_argument("--months", type=count_option, default=1, help=T(
        "從第一個未交的月份起交幾個月",
        "从第一个未交的月份起交几个月",
        "how many months from the first unpaid one"))
    pay.add_argument("--from", dest="period_from", help=T("YYYY-MM(年-月)", "YYYY-MM(年-月)", "YYYY-MM"))
    pay.add_argument("--to", dest="period_to", help=T("YYYY-MM(年-月)", "YYYY-MM(年-月)", "YYYY-MM"))
    pay.add_argument("--amount", help=T("預設為標準乘以月數", "默认为标准乘以月数", "default: the standard times the months"))
    pay.add_argument("--on", help=T("交費日期(預設今天)", "交费日期(默认今天)", "date paid (default today)"))
    pay.add_argument("--collector")
    pay.add_argument("--note")
    rev = actions.command("reverse", T("沖銷一筆", "冲销一笔", "reverse an entry"), run=dues_reverse)
    rev.add_argument("entry", help=T("那一筆的編號或其開頭", "那一笔的编号或其开头", "the entry's id or a prefix of it"))
    rev.add_argument("--note")

    p = commands.command("development", T(
        "發展黨員:各人的階段與到期事項",
        "发展党员:各人的阶段与到期事项",
        "applicants' stages and what is due"), run=development, json=True)
    p.add_argument("--branch", "-b")
    p.add_argument("--all", action="store_true", help=T(
        "也列出已完成或已中止的",
        "也列出已完成或已中止的",
        "include those done or stopped"))

    p = commands.command("promote", T("預備黨員轉正", "预备党员转正", "make a probationary member full"), run=promote, json=True)
    p.add_argument("who", help=T("黨員或發展對象:姓名或編號", "党员或发展对象:姓名或编号", "the member or the applicant: name or id"))
    p.add_argument("--on", help=T("日期(預設今天)", "日期(默认今天)", "date (default today)"))

    p = commands.command("todo", T("待辦:現在要處理的事", "待办:现在要处理的事", "what needs action now"), run=todo, json=True)


def _table(headers: tuple[Text, ...], rows: list[list[str]], lang: str) -> None:
    print_table(headers, rows, lang, max_width=44)


def targets(args: argparse.Namespace) -> int:
    from storage.plan.targets import STATUS
    from storage.plan.targets import targets as compute

    lang = lang_of(args)
    store = open_store(args, readonly=True)
    report = compute(store, args.year)
    if args.json:
        dump_json(report.to_json(lang))
        return 0
    chosen = report.total
    where = store.organisation
    if args.branch:
        bid = store.resolve_reference("branches", args.branch)
        chosen, where = report.branches.get(bid, []), store.name_of("branches", bid)
    say(TARGETS_HEAD(lang, org=where, year=report.year, as_of=report.as_of.isoformat()))
    sep = "; " if lang == EN else ";"
    _table(TARGET_HEADERS, [[t.title(lang), t.figure_text(lang), STATUS[t.status](lang), sep.join(n(lang) for n in t.notes)]
                            for t in chosen], lang)
    return 0


def checklist(args: argparse.Namespace) -> int:
    from storage.plan.checklist import CHECK_STATUS, PHASE_STATE
    from storage.plan.checklist import checklist as compute
    from storage.plan.items import SECTIONS

    lang = lang_of(args)
    store = open_store(args, readonly=True)
    found = compute(store, args.year)
    if args.json:
        dump_json(found.to_json(lang))
        return 0
    say(CHECKLIST_HEAD(lang, year=found.year, **found.counts()))
    section = None
    for item in found.items:
        if item.section != section:
            section = item.section
            say("")
            say(SECTIONS[section](lang))
        how = "" if item.judged else " ✎"
        note = item.note(lang)
        say(f"  {MARKS[item.status]} {item.code:<14}{item.title(lang)}{how}  {CHECK_STATUS[item.status](lang)}"
            + (f" — {note}" if note else ""))
    say("")
    for phase in found.phases:
        note = "; ".join(n(lang) for n in phase.notes)
        say(f"  {MARKS[phase.status]} {phase.title(lang)}  {phase.start.isoformat()} — {phase.end.isoformat()}  "
            f"{PHASE_STATE[phase.state](lang)}" + (f" — {note}" if note else ""))
    return 0


def checklist_tick(args: argparse.Namespace) -> int:
    from storage.plan.checklist import CHECK_STATUS, find_item, tick
    from storage.registers.organisation import CHECK_STATUS as STATUS_CHOICES

    lang = lang_of(args)
    store = open_store(args)
    status = STATUS_CHOICES.parse(args.status) if args.status else "done"
    record = tick(store, args.item, status=status, note=args.note, evidence=args.evidence, by=args.by, on=args.on)
    store.close()
    item = find_item(record["item"])
    say(TICKED(lang, code=item.code, title=item.title(lang), status=CHECK_STATUS[record["status"]](lang)))
    return 0


def dues(args: argparse.Namespace) -> int:
    from storage.fields import parse_year_month
    from storage.plan.dues import LEVELS, member_dues

    lang = lang_of(args)
    store = open_store(args, readonly=True)
    month = parse_year_month(args.month) if args.month else None
    found = member_dues(store, month, branch=args.branch)
    if args.json:
        dump_json([d.to_json(lang) for d in found])
        return 0
    from storage import clock

    section = store.settings.dues
    say(DUES_SUMMARY(lang, month=month or clock.today().strftime("%Y-%m"), total=len(found),
                     ok=sum(1 for d in found if d.on_time), warn=section.warn_months,
                     warning=sum(1 for d in found if d.level == "warning"), alert_months=section.alert_months,
                     alert=sum(1 for d in found if d.level == "alert")))
    from storage.plan.dues_start import UNKNOWN, UNKNOWN_COUNT

    if any(d.level == UNKNOWN for d in found):  # neither on time nor behind: said apart
        say(UNKNOWN_COUNT(lang, n=sum(1 for d in found if d.level == UNKNOWN)))
    shown = found if args.all else [d for d in found if d.level != "ok"]
    if not shown:
        return 0
    from storage.registers.forms import DUES_CLASS

    shown = sorted(shown, key=lambda d: (-d.arrears, d.name))
    _table(DUES_HEADERS, [[d.name, store.name_of("branches", d.branch) if d.branch else "", DUES_CLASS.label(d.dues_class, lang),
                      "" if d.standard is None else str(d.standard), d.paid_to or "—", str(d.arrears),
                      LEVELS[d.level](lang, n=d.arrears)] for d in shown], lang)
    return 0


def dues_pay(args: argparse.Namespace) -> int:
    from storage.plan.dues import NOT_STANDARD_TIMES_MONTHS, off_standard, pay

    lang = lang_of(args)
    store = open_store(args)
    entry = pay(store, args.member, months=args.months, period_from=args.period_from, period_to=args.period_to,
                amount=args.amount, paid_on=args.on, collector=args.collector, note=args.note)
    store.close()
    say(entry["id"])
    say(PAID(lang, name=store.name_of("members", entry["member"]), start=entry["period_from"],
             end=entry.get("period_to", entry["period_from"]), amount=entry["amount"]))
    figures = off_standard(entry)
    if figures:
        warn(NOT_STANDARD_TIMES_MONTHS(lang, **figures))
    return 0


def dues_reverse(args: argparse.Namespace) -> int:
    from storage.plan.dues import reverse

    lang = lang_of(args)
    store = open_store(args)
    entry = reverse(store, args.entry, note=args.note)
    store.close()
    say(entry["id"])
    say(REVERSED(lang, amount=entry["amount"]))
    return 0


def development(args: argparse.Namespace) -> int:
    from storage.plan.development import NEXT, progress
    from storage.registers.rolls import STAGE

    lang = lang_of(args)
    store = open_store(args, readonly=True)
    found = progress(store, args.branch, include_done=args.all)
    if args.json:
        dump_json([p.to_json(lang) for p in found])
        return 0
    sep = "; " if lang == EN else ";"
    _table(DEVELOPMENT_HEADERS, [[p.name, store.name_of("branches", p.branch) if p.branch else "", STAGE.label(p.stage, lang),
                      NEXT[p.next_step](lang) if p.next_step else "", p.next_due.isoformat() if p.next_due else "",
                      p.next_earliest.isoformat() if p.next_earliest else "", sep.join(f(lang) for f in p.findings)]
                     for p in found], lang)
    return 0


def promote(args: argparse.Namespace) -> int:
    from storage.plan.development import promote as make_full

    lang = lang_of(args)
    store = open_store(args)
    member = make_full(store, args.who, on=args.on)
    store.close()
    if args.json:
        dump_json(member)
    else:
        say(PROMOTED(lang, name=member.get("name", ""), on=member.get("confirmed_on", "")))
    return 0


def todo(args: argparse.Namespace) -> int:
    from storage.plan.todo import todo as compute

    lang = lang_of(args)
    store = open_store(args, readonly=True)
    actions = compute(store)
    if args.json:
        dump_json([a.to_json(lang) for a in actions])
        return 0
    if not actions:
        say(NOTHING_TO_DO(lang))
    for action in actions:
        say(f"{SEVERITY_MARKS[action.severity]} {action.message(lang)}")
    return 0
