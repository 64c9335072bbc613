"""Every key of the app, as data: which screen, which key, which action, what it says.

Screens take their bindings from here (``bindings("register", lang)``), the help screen
lists them all, and switching the language relabels them in place. Each binding has an
id (``register.filter``) so that a keymap can rebind it without touching a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage.i18n import HANT, Text

if TYPE_CHECKING:
    from textual.binding import BindingType
    from textual.dom import DOMNode

T = Text


@dataclass(frozen=True)
class Key:
    id: str
    key: str
    action: str
    text: Text
    show: bool = True
    priority: bool = False
    key_display: str | None = None


#: Where a key works, in the order the help screen lists them.
SCOPES: dict[str, Text] = {
    "app": T("到處", "到处", "Everywhere"),
    "first_run": T("第一次使用", "第一次使用", "First run"),
    "home": T("首頁", "首页", "Home"),
    "register": T("登記冊", "登记册", "A register"),
    "record": T("記錄", "记录", "A record"),
    "form": T("填寫表單", "填写表单", "A form"),
    "attendance": T("出席名單", "出席名单", "Attendance"),
    "month": T("會議月覽", "会议月览", "Meetings by month"),
    "table": T("表格", "表格", "A table"),
    "picker": T("選擇", "选择", "Picking"),
    "confirm": T("確認", "确认", "Confirming"),
    "help": T("說明", "说明", "Help"),
    "targets": T("方案目標", "方案目标", "The plan's targets"),
    "checklist": T("五好創建自查", "五好创建自查", "The five-good checklist"),
    "stats": T("黨內統計", "党内统计", "Party statistics"),
    "conflicts": T("同步衝突", "同步冲突", "Sync conflicts"),
    "conflict": T("一個衝突", "一个冲突", "A conflict"),
    "import": T("導入", "导入", "Importing"),
    "choose": T("選擇記錄", "选择记录", "Choosing records"),
    "mapfield": T("欄目對應", "栏目对应", "Mapping a column"),
}

KEYS: dict[str, list[Key]] = {
    "app": [
        Key("app.help", "f1", "app.help", T("說明", "说明", "Help"), key_display="F1"),
        Key("app.language", "f2", "app.next_language", T("語言", "语言", "Lang"), key_display="F2"),
        Key("app.palette", "ctrl+p", "app.command_palette", T("命令", "命令", "Commands"), show=False,
            priority=True, key_display="^p"),
        Key("app.quit", "q", "app.quit", T("退出", "退出", "Quit")),
        Key("app.force_quit", "ctrl+q", "app.quit", T("退出", "退出", "Quit"), show=False, priority=True,
            key_display="^q"),
    ],
    "first_run": [
        Key("first_run.create", "ctrl+s", "create", T("建立", "建立", "Create"), key_display="^s", priority=True),
        Key("first_run.next", "enter", "enter", T("下一欄/建立", "下一栏/建立", "Next / create"), show=False,
            priority=True),
        Key("first_run.demo", "ctrl+d", "demo", T("示範", "示范", "Demo"), key_display="^d", priority=True),
    ],
    "home": [
        Key("home.open", "enter", "open", T("打開", "打开", "Open"), key_display="⏎"),
        # (English labels short enough that the home's keys fit one line of 80 columns,
        # leaving the 22 lines above for the registers)
        Key("home.month", "m", "month", T("會議月覽", "会议月览", "Month")),
        Key("home.find", "slash", "find", T("找人", "找人", "Find"), key_display="/"),
        Key("home.targets", "t", "app.show_targets", T("目標", "目标", "Goals")),
        Key("home.checklist", "z", "app.show_checklist", T("自查", "自查", "Checks")),
        Key("home.conflicts", "s", "app.show_conflicts", T("衝突", "冲突", "Clashes")),
        Key("home.sync", "y", "app.sync_folder", T("同步", "同步", "Sync")),
        Key("home.backup", "u", "app.backup_folder", T("備份", "备份", "Backup")),
        Key("home.stats", "v", "show_stats", T("統計", "统计", "Statistics"), show=False),
        Key("home.switch", "tab", "switch_side", T("登記冊/待辦", "登记册/待办", "Registers / to-do list"), show=False),
        Key("home.actions", "right", "to_actions", T("到待辦", "到待办", "To the to-do list"), show=False),
        Key("home.registers", "left", "to_registers", T("到登記冊", "到登记册", "To the registers"), show=False),
        Key("home.print", "P", "print_binder", T("打印台賬", "打印台账", "Print the binder"), show=False),
        Key("home.notice", "N", "print_notice", T("打印黨務公開", "打印党务公开", "Print the notice"), show=False),
    ],
    "register": [
        Key("register.filter", "slash", "filter", T("篩選", "筛选", "Filter"), key_display="/", priority=True),
        Key("register.open", "enter", "open", T("打開", "打开", "Open"), key_display="⏎", priority=True),
        Key("register.add", "a", "add", T("新增", "新增", "Add")),
        Key("register.edit", "e", "edit", T("修改", "修改", "Edit")),
        Key("register.delete", "d", "delete", T("刪除", "删除", "Delete")),
        Key("register.sort", "s", "sort", T("排序", "排序", "Sort")),
        Key("register.reverse", "S", "reverse", T("倒序", "倒序", "Reverse"), show=False),
        Key("register.branch", "b", "branch", T("支部", "支部", "Branch")),
        Key("register.export", "x", "export", T("匯出", "导出", "Export")),
        Key("register.import", "i", "import_rows", T("導入", "导入", "Import")),
        Key("register.print", "p", "print_paper", T("打印", "打印", "Print")),
        Key("register.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc", priority=True),
    ],
    "record": [
        Key("record.edit", "e", "edit", T("修改", "修改", "Edit")),
        Key("record.reveal", "r", "reveal", T("顯示證號", "显示证号", "Reveal ID")),
        Key("record.delete", "d", "delete", T("刪除", "删除", "Delete")),
        Key("record.print", "p", "print_paper", T("打印", "打印", "Print")),
        Key("record.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
    ],
    "form": [
        Key("form.save", "ctrl+s", "save", T("保存", "保存", "Save"), priority=True, key_display="^s"),
        Key("form.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
        Key("form.next", "tab", "app.focus_next", T("下一欄", "下一栏", "Next"), show=False, priority=True),
        Key("form.previous", "shift+tab", "app.focus_previous", T("上一欄", "上一栏", "Previous"), show=False,
            priority=True),
    ],
    "attendance": [
        Key("attendance.present", "p", "mark('present')", T("出席", "出席", "Present")),
        Key("attendance.absent", "a", "mark('absent')", T("缺席", "缺席", "Absent")),
        Key("attendance.nonvoting", "n", "mark('nonvoting')", T("列席", "列席", "No vote")),
        Key("attendance.cycle", "space", "cycle", T("切換", "切换", "Toggle"), key_display="␣"),
        Key("attendance.pick", "m", "pick", T("選取", "选取", "Pick")),
        Key("attendance.all", "P", "all_present", T("全部出席", "全部出席", "All present")),
        Key("attendance.done", "ctrl+s", "done", T("完成", "完成", "Done"), priority=True, key_display="^s"),
        Key("attendance.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
    ],
    "month": [
        Key("month.previous", "left", "month(-1)", T("上月", "上月", "Previous"), key_display="←", priority=True),
        Key("month.next", "right", "month(1)", T("下月", "下月", "Next"), key_display="→", priority=True),
        Key("month.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
    ],
    "picker": [
        Key("picker.pick", "enter", "pick", T("選定", "选定", "Pick"), key_display="⏎", priority=True),
        Key("picker.down", "down", "move(1)", T("下一個", "下一个", "Down"), show=False, priority=True),
        Key("picker.up", "up", "move(-1)", T("上一個", "上一个", "Up"), show=False, priority=True),
        Key("picker.clear", "ctrl+x", "clear", T("清空", "清空", "Clear"), key_display="^x", priority=True),
        Key("picker.back", "escape", "back", T("取消", "取消", "Cancel"), key_display="Esc", priority=True),
    ],
    "confirm": [
        Key("confirm.yes", "y", "answer(True)", T("是", "是", "Yes")),
        Key("confirm.no", "n", "answer(False)", T("否", "否", "No")),
        Key("confirm.back", "escape", "answer(False)", T("取消", "取消", "Cancel"), key_display="Esc"),
    ],
    "table": [
        Key("table.down", "down", "move(1)", T("下一行", "下一行", "Down"), show=False),
        Key("table.up", "up", "move(-1)", T("上一行", "上一行", "Up"), show=False),
        Key("table.page_down", "pagedown", "page(1)", T("下一頁", "下一页", "Page down"), show=False),
        Key("table.page_up", "pageup", "page(-1)", T("上一頁", "上一页", "Page up"), show=False),
        Key("table.first", "home", "first", T("第一行", "第一行", "First row"), show=False),
        Key("table.last", "end", "last", T("最後一行", "最后一行", "Last row"), show=False),
        Key("table.left", "left", "scroll_x(-1)", T("向左捲動", "向左滚动", "Scroll left"), show=False),
        Key("table.right", "right", "scroll_x(1)", T("向右捲動", "向右滚动", "Scroll right"), show=False),
    ],
    "help": [
        Key("help.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
    ],
    "targets": [
        Key("targets.open", "enter", "open", T("打開記錄", "打开记录", "Records"), key_display="⏎"),
        Key("targets.branch", "b", "branch", T("支部", "支部", "Branch")),
        Key("targets.previous", "left", "year(-1)", T("上一年", "上一年", "Previous year"), key_display="←",
            priority=True),
        Key("targets.next", "right", "year(1)", T("下一年", "下一年", "Next year"), key_display="→", priority=True),
        Key("targets.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
    ],
    "checklist": [
        Key("checklist.open", "enter", "open", T("依據", "依据", "Evidence"), key_display="⏎"),
        Key("checklist.tick", "t", "tick", T("勾選", "勾选", "Tick")),
        Key("checklist.previous", "left", "year(-1)", T("上一年", "上一年", "Previous year"), key_display="←",
            priority=True),
        Key("checklist.next", "right", "year(1)", T("下一年", "下一年", "Next year"), key_display="→",
            priority=True),
        Key("checklist.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
    ],
    "stats": [
        Key("stats.pyramid", "a", "view('pyramid')", T("年齡", "年龄", "Ages")),
        Key("stats.branches", "b", "view('branches')", T("支部", "支部", "Branches")),
        Key("stats.dues", "d", "view('dues')", T("黨費", "党费", "Dues")),
        Key("stats.meetings", "m", "view('meetings')", T("會議", "会议", "Meetings")),
        Key("stats.figures", "f", "view('figures')", T("數字", "数字", "Figures")),
        Key("stats.table", "t", "table", T("表格", "表格", "Table")),
        Key("stats.previous", "left", "year(-1)", T("上一年", "上一年", "Previous year"), key_display="←",
            show=False, priority=True),
        Key("stats.next", "right", "year(1)", T("下一年", "下一年", "Next year"), key_display="→", show=False,
            priority=True),
        Key("stats.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
    ],
    "conflicts": [
        Key("conflicts.open", "enter", "open", T("查看", "查看", "Show"), key_display="⏎"),
        Key("conflicts.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
    ],
    "conflict": [
        Key("conflict.take", "o", "take", T("用另一份", "用另一份", "Take other")),
        Key("conflict.keep", "k", "keep", T("保留現值", "保留现值", "Keep ours")),
        Key("conflict.new", "e", "new_value", T("新的值", "新的值", "New value")),
        Key("conflict.back", "escape", "back", T("返回", "返回", "Back"), key_display="Esc"),
    ],
    "import": [
        Key("import.check", "enter", "check", T("檢查", "检查", "Check"), key_display="⏎", priority=True),
        Key("import.all", "a", "import_all", T("全部導入", "全部导入", "Import all")),
        Key("import.good", "g", "import_good", T("只導入無誤的", "只导入无误的", "Import good rows")),
        Key("import.map", "m", "map", T("改對應", "改对应", "Map column")),
        Key("import.back", "escape", "back", T("取消", "取消", "Cancel"), key_display="Esc"),
    ],
    "choose": [
        Key("choose.pick", "enter", "pick", T("打開", "打开", "Open"), key_display="⏎", priority=True),
        Key("choose.back", "escape", "back", T("取消", "取消", "Cancel"), key_display="Esc"),
    ],
    "mapfield": [
        Key("mapfield.pick", "enter", "pick", T("選定", "选定", "Choose"), key_display="⏎", priority=True),
        Key("mapfield.back", "escape", "back", T("取消", "取消", "Cancel"), key_display="Esc"),
    ],
}

#: One key per line of the home: 1-9, 0, then letters (m and q are taken, by the month
#: view and quitting; s, t, u, v, y, z by conflicts, targets, the backup to a USB stick,
#: the statistics, sync and the checklist).
JUMP_KEYS = "1234567890abcdefghijklnoprwx"
KEYS["home"] += [
    Key(f"home.jump.{n}", key, f"jump({n})",
        T(f"打開第 {n + 1} 個登記冊", f"打开第 {n + 1} 个登记册", f"Open register {n + 1}"), show=False)
    for n, key in enumerate(JUMP_KEYS)
]

#: Why some keys are "priority" (read by the app before the focused widget): a key that
#: moves the focus must move it before the next key is read, or a terminal that sends
#: "Enter 第一支部" or "Tab 1101…" in one read delivers the rest to the old field.

#: Keys shown on the help screen that are not bindings of their own.
EXTRA_HELP: list[tuple[str, str, Text]] = [
    ("home", "1-9 0 a-l", T("直接打開首頁上列出的登記冊", "直接打开首页上列出的登记册",
                             "Open the register listed beside the key")),
    ("home", "⏎", T("在待辦裏:打開該項所說的記錄或畫面", "在待办里:打开该项所说的记录或画面",
                    "In the to-do list: open what the item is about")),
    ("form", "⏎", T("在引用欄打開選擇框(輸入拼音首字母即可)", "在引用栏打开选择框(输入拼音首字母即可)",
                    "On a reference: open the picker (initials such as zgy work)")),
]


def bindings(scope: str, lang: str = HANT) -> list[BindingType]:
    # list[BindingType], not list[Binding]: a class's BINDINGS is declared so in textual
    # (and list is invariant)
    from textual.binding import Binding

    return [
        Binding(k.key, k.action, k.text(lang), show=k.show, priority=k.priority,
                key_display=k.key_display, id=k.id)
        for k in KEYS[scope]
    ]


def relabel(node: DOMNode, scope: str, lang: str) -> None:
    """Put the bindings of ``node`` into ``lang`` (its class declared them in 繁體)."""
    from textual.binding import BindingsMap

    node._bindings = BindingsMap(bindings(scope, lang))
    node.refresh_bindings()


#: Textual's select keeps its own key to close its list ("Dismiss menu"); ours says it in
#: the user's language (tui.widgets.fields.ChoiceOverlay) and F1 lists it.
SCOPES["select"] = T("下拉選單", "下拉菜单", "A drop-down list")
KEYS["select"] = [Key("select.dismiss", "escape", "dismiss", T("收起選項", "收起选项", "Close the list"),
                      key_display="Esc")]

#: Keys as a person reads them on a keyboard, not as Textual names them (``pagedown``).
KEY_NAMES = {
    "enter": "⏎", "escape": "Esc", "tab": "Tab", "shift+tab": "Shift+Tab", "space": "␣", "slash": "/",
    "up": "↑", "down": "↓", "left": "←", "right": "→", "pageup": "PgUp", "pagedown": "PgDn",
    "home": "Home", "end": "End", "backspace": "⌫", "delete": "Del", "insert": "Ins",
}


def key_name(key: str) -> str:
    """How a key is shown wherever keys are shown (F1, hints): ⏎, ↓, PgDn, Shift+Tab, ^s,
    F1; a letter as it is (``S`` is shift+s). The first of several keys (``home,ctrl+a``)."""
    key = key.split(",")[0].strip()
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("ctrl+") and len(key) == 6:
        return "^" + key[5:]
    if key[:1] == "f" and key[1:].isdigit():
        return key.upper()
    return "+".join(part.capitalize() if len(part) > 1 else part for part in key.split("+"))


def help_rows(lang: str) -> list[tuple[str, str, str]]:
    """(where, key, what) for every key, for the help screen: each key of a screen once,
    named as a keyboard names it (:func:`key_name`)."""
    rows: list[tuple[str, str, str]] = []
    for scope, title in SCOPES.items():
        seen: set[str] = set()
        for k in KEYS.get(scope, []):
            if k.id.startswith("home.jump."):
                continue  # one line for all of them (EXTRA_HELP)
            shown = k.key_display or key_name(k.key)
            if shown not in seen:
                seen.add(shown)
                rows.append((title(lang), shown, k.text(lang)))
        for where, key, text in EXTRA_HELP:
            if where == scope and key not in seen:
                seen.add(key)
                rows.append((title(lang), key, text(lang)))
    return rows
