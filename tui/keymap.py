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
    "conflicts": T("同步衝突", "同步冲突", "Sync conflicts"),
    "conflict": T("一個衝突", "一个冲突", "A conflict"),
    "import": T("導入", "导入", "Importing"),
    "choose": T("選擇記錄", "选择记录", "Choosing records"),
    "mapfield": T("欄目對應", "栏目对应", "Mapping a column"),
}

KEYS: dict[str, list[Key]] = {
    "app": [
        Key("app.help", "f1", "app.help", T("說明", "说明", "Help"), key_display="F1"),
        Key("app.language", "f2", "app.next_language", T("語言", "语言", "Language"), key_display="F2"),
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
        Key("home.month", "m", "month", T("會議月覽", "会议月览", "Meetings")),
        Key("home.find", "slash", "find", T("找人", "找人", "Find"), key_display="/"),
        Key("home.targets", "t", "app.show_targets", T("目標", "目标", "Targets")),
        Key("home.checklist", "z", "app.show_checklist", T("自查", "自查", "Checklist")),
        Key("home.conflicts", "s", "app.show_conflicts", T("衝突", "冲突", "Conflicts")),
        Key("home.sync", "y", "app.sync_folder", T("同步", "同步", "Sync")),
        Key("home.backup", "u", "app.backup_folder", T("備份", "备份", "Backup")),
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
        # Not in the footer (full at 80 columns); F1 and the palette list it.
        Key("register.import", "i", "import_rows", T("導入", "导入", "Import"), show=False),
        Key("register.print", "p", "print_paper", T("打印", "打印", "Print"), show=False),
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
#: view and quitting; s, t, u, y, z by conflicts, targets, the backup to a USB stick, sync
#: and the checklist).
JUMP_KEYS = "1234567890abcdefghijklnoprvwx"
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
    ("form", "Tab / Shift+Tab", T("下一欄/上一欄", "下一栏/上一栏", "Next / previous field")),
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


def help_rows(lang: str) -> list[tuple[str, str, str]]:
    """(where, key, what) for every key, for the help screen."""
    rows: list[tuple[str, str, str]] = []
    for scope, title in SCOPES.items():
        for k in KEYS.get(scope, []):
            if k.id.startswith("home.jump."):
                continue  # one line for all of them (EXTRA_HELP)
            rows.append((title(lang), k.key_display or k.key, k.text(lang)))
        for where, key, text in EXTRA_HELP:
            if where == scope:
                rows.append((title(lang), key, text(lang)))
    return rows
