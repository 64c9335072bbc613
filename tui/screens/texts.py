"""What the screens say, in the three languages (written once, chosen when shown)."""

from __future__ import annotations

from storage.i18n import Text as T

APP_TITLE = T("台賬", "台账", "taizhang")
READ_ONLY = T("唯讀", "只读", "read-only")
READ_ONLY_HELD = T(
    "另一個程序正在寫入這份台賬,現以唯讀方式打開;那邊保存完後請重新打開。",
    "另一个程序正在写入这份台账,现以只读方式打开;那边保存完后请重新打开。",
    "Another program is writing to this store, so it is open read-only; reopen it once that "
    "one has saved.",
)
READ_ONLY_PERMISSION = T(
    "資料夾 {home} 不可寫入,現以唯讀方式打開。",
    "文件夹 {home} 不可写入,现以只读方式打开。",
    "The folder {home} is not writable, so the store is open read-only.",
)
READ_ONLY_REFUSED = T("唯讀模式,不能修改。", "只读模式,不能修改。", "Read-only: nothing can be changed.")
LOADING = T("載入中…", "载入中…", "loading…")
STILL_LOADING = T(
    "「{title}」還在載入,請稍候再試。",
    "「{title}」还在载入,请稍候再试。",
    "{title} is still loading; try again in a moment.",
)
LANGUAGE_NAMES = {
    "zh-Hant": "繁體中文",
    "zh-Hans": "简体中文",
    "en": "English",
}
LANGUAGE_SET = T("介面語言:{name}", "界面语言:{name}", "Language: {name}")
CANNOT_OPEN = T("無法打開台賬", "无法打开台账", "Cannot open the store")
QUIT_HINT = T("按 q 退出。", "按 q 退出。", "Press q to quit.")
CRASHED = T("台賬出錯,已停止", "台账出错,已停止", "taizhang stopped on an error")
CRASH_REPORT = T(
    "台賬遇到一個沒有預料到的錯誤,不能繼續。已保存的內容都在:每次保存都已寫入日誌,台賬已妥善關閉。\n\n"
    "錯誤報告已寫到:\n{path}\n\n報告只記錄程序出錯的位置,不含任何記錄的內容。請把它交給維護台賬的人。",
    "台账遇到一个没有预料到的错误,不能继续。已保存的内容都在:每次保存都已写入日志,台账已妥善关闭。\n\n"
    "错误报告已写到:\n{path}\n\n报告只记录程序出错的位置,不含任何记录的内容。请把它交给维护台账的人。",
    "taizhang met an error nobody foresaw and cannot go on. Everything saved is safe: each save "
    "went to the journal, and the store has been closed properly.\n\n"
    "A crash report was written to:\n{path}\n\nIt holds where in the program the error arose, "
    "none of the records. Please pass it to whoever looks after taizhang.",
)
CRASH_NO_REPORT = T(
    "台賬遇到一個沒有預料到的錯誤,不能繼續。已保存的內容都在:每次保存都已寫入日誌,台賬已妥善關閉。"
    "錯誤報告無法寫入(日誌資料夾和臨時資料夾都不可寫)。",
    "台账遇到一个没有预料到的错误,不能继续。已保存的内容都在:每次保存都已写入日志,台账已妥善关闭。"
    "错误报告无法写入(日志文件夹和临时文件夹都不可写)。",
    "taizhang met an error nobody foresaw and cannot go on. Everything saved is safe: each save "
    "went to the journal, and the store has been closed properly. No crash report could be "
    "written (neither the log folder nor the temporary folder is writable).",
)
CRASH_NOTE = T(
    "台賬出錯已停止;錯誤報告(不含記錄內容):{path}",
    "台账出错已停止;错误报告(不含记录内容):{path}",
    "taizhang stopped on an error; the crash report (no record contents): {path}",
)

# -- first run ------------------------------------------------------------------------
FIRST_TITLE = T("建立台賬", "建立台账", "Create the store")
FIRST_INTRO = T(
    "{home} 裡還沒有台賬。填寫組織名稱和各支部(用逗號或頓號分開),或先打開示範組織看看。",
    "{home} 里还没有台账。填写组织名称和各支部(用逗号或顿号分开),或先打开示范组织看看。",
    "There is no store in {home} yet. Give the organisation's name and its branches "
    "(separated by commas), or open the demo organisation first.",
)
ORG_LABEL = T("組織名稱", "组织名称", "Organisation")
ORG_HINT = T("如 示範村黨總支", "如 示范村党总支", "e.g. 示範村黨總支")
BRANCHES_LABEL = T("支部", "支部", "Branches")
BRANCHES_HINT = T("如 大寨支部、新街支部", "如 大寨支部、新街支部", "e.g. 大寨支部, 新街支部")
CREATE = T("建立", "建立", "Create")
OPEN_DEMO = T("打開示範組織", "打开示范组织", "Open the demo")
ORG_MISSING = T("請填寫組織名稱。", "请填写组织名称。", "Give the organisation's name.")
BUILDING_DEMO = T("正在準備示範組織…", "正在准备示范组织…", "Preparing the demo organisation…")

# -- home -------------------------------------------------------------------------------
BRANCHES = T("支部", "支部", "Branches")
NO_BRANCHES = T("(還沒有支部)", "(还没有支部)", "(no branches yet)")
REGISTERS = T("登記冊", "登记册", "Registers")
ACTIONS = T("待辦", "待办", "To do")
ACTIONS_NONE = T("目前沒有待辦事項。", "目前没有待办事项。", "Nothing needs action now.")
ACTIONS_LATER = T(
    "(待辦事項由方案目標模組提供,尚未安裝。)",
    "(待办事项由方案目标模块提供,尚未安装。)",
    "(The plan's module that lists what needs action is not installed yet.)",
)
MASTER = T("總支", "总支", "general branch")

# -- a register ---------------------------------------------------------------------------
COUNT = T("{shown} / {total} 條", "{shown} / {total} 条", "{shown} of {total}")
COUNT_ALL = T("共 {total} 條", "共 {total} 条", "{total} records")
FILTER_PROMPT = T("篩選:", "筛选:", "Filter: ")
FILTER_HINT = T("漢字、拼音或首字母,如 zgy", "汉字、拼音或首字母,如 zgy", "characters, pinyin or initials: zgy")
ALL_BRANCHES = T("全部支部", "全部支部", "all branches")
SORTED_BY = T("按{label}排序", "按{label}排序", "sorted by {label}")
EMPTY = T("(還沒有記錄,按 a 新增)", "(还没有记录,按 a 新增)", "(no records yet: press a to add one)")
NO_MATCH = T("(沒有符合的記錄)", "(没有符合的记录)", "(nothing matches)")
CONFIRM_DELETE = T("刪除「{name}」?", "删除「{name}」?", "Delete '{name}'?")
DELETED = T("已刪除:{name}", "已删除:{name}", "Deleted {name}")
SAVED = T("已保存:{name}", "已保存:{name}", "Saved {name}")
EXPORTED = T("已匯出到 {path}", "已导出到 {path}", "Exported to {path}")
ENTRIES_ONLY = T(
    "黨費記錄不能修改或刪除;記錯了請新增一筆沖銷。",
    "党费记录不能修改或删除;记错了请新增一笔冲销。",
    "Dues entries are never edited or deleted: add a reversing entry.",
)

# -- a record --------------------------------------------------------------------------
NEW_RECORD = T("新增:{title}", "新增:{title}", "New: {title}")
EDIT_RECORD = T("修改:{name}", "修改:{name}", "Edit: {name}")
REQUIRED_NOTE = T("* 為必填", "* 为必填", "* required")
UNSAVED = T("有未保存的修改,放棄它們?", "有未保存的修改,放弃它们?", "Discard the changes you have not saved?")
FIX_ERRORS = T(
    "有 {count} 處需要改正,未保存。",
    "有 {count} 处需要改正,未保存。",
    "{count} things to correct; nothing was saved.",
)
PICK = T("(按 ⏎ 選擇)", "(按 ⏎ 选择)", "(⏎ to choose)")
PICK_MANY = T("(按 ⏎ 加一人,Del 刪去最後一人)", "(按 ⏎ 加一人,Del 删去最后一人)",
              "(⏎ adds one, Del removes the last)")
CHOOSE = T("請選擇", "请选择", "Choose")
ATTENDANCE_EDIT = T("(按 ⏎ 點名)", "(按 ⏎ 点名)", "(⏎ to take the roll)")
ABOUT_MEMBER = T("其他登記冊所記", "其他登记册所记", "What other registers say")
DUES_PAID_TO = T("黨費交至", "党费交至", "Dues paid up to")
ARREARS = T("(欠交 {months} 個月)", "(欠交 {months} 个月)", " ({months} months behind)")
DUES_NEVER = T("沒有交費記錄", "没有交费记录", "no payment recorded")
MEETINGS_THIS_YEAR = T("今年參加會議", "今年参加会议", "Meetings this year")
MEETINGS_COUNT = T("出席 {present} 次(應到 {expected} 次)", "出席 {present} 次(应到 {expected} 次)",
                   "present at {present} of {expected}")
PAIRINGS = T("結對幫帶", "结对帮带", "Pairings")
POSTS = T("崗位與職務", "岗位与职务", "Posts and offices")
HISTORY = T("修改歷史", "修改历史", "History of changes")
NONE = T("無", "无", "none")
OPS = {
    "create": T("新建", "新建", "created"),
    "update": T("修改", "修改", "changed"),
    "delete": T("刪除", "删除", "deleted"),
}
DELETED_MARK = T("(已刪除)", "(已删除)", "(deleted)")

# -- meetings -------------------------------------------------------------------------------
ROLL_TITLE = T("點名:{title}", "点名:{title}", "Roll: {title}")
EXPECTED_PRESENT = T("應到 {expected} 人,實到 {present} 人", "应到 {expected} 人,实到 {present} 人",
                     "expected {expected}, present {present}")
NONVOTING_COUNT = T(",列席 {count} 人", ",列席 {count} 人", ", {count} without a vote")
QUORUM_WARNING = T(
    "不足法定人數:黨員大會須有過半數有表決權的黨員到會才能表決。",
    "不足法定人数:党员大会须有过半数有表决权的党员到会才能表决。",
    "No quorum: a general meeting may vote only with more than half of its voting members present.",
)
REASON_PROMPT = T("{name} 缺席的原因", "{name} 缺席的原因", "Why was {name} absent?")
ROLL_STATUS = T("出席情況", "出席情况", "Attendance")
ROLL_REASON = T("缺席原因", "缺席原因", "Reason")
ROLL_NAME = T("姓名", "姓名", "Name")
CHOOSE_BRANCH_FIRST = T(
    "未選支部:點名冊列出全體黨員。",
    "未选支部:点名册列出全体党员。",
    "No branch chosen: the roll lists every member.",
)
MONTH_TITLE = T("{year} 年 {month} 月 會議", "{year} 年 {month} 月 会议", "Meetings of {year}-{month:02d}")
MONTH_LEGEND = T(
    "數字為本期已開次數;✓ 已達要求,✗ 期已過而未開,… 本期尚未結束。",
    "数字为本期已开次数;✓ 已达要求,✗ 期已过而未开,… 本期尚未结束。",
    "Count held in the period; ✓ as often as the settings ask, ✗ period over and missed, … not over yet.",
)
MONTH_LEGEND_ASCII = T(
    "數字為本期已開次數;ok 已達要求,NO 期已過而未開,.. 本期尚未結束。",
    "数字为本期已开次数;ok 已达要求,NO 期已过而未开,.. 本期尚未结束。",
    "Count held in the period; ok as the settings ask, NO period over and missed, .. not over yet.",
)
MONTH_OFTEN = T("設定的頻率:{list}", "设定的频率:{list}", "As often as the settings ask: {list}")
FREQUENCY = {
    "monthly": T("每月", "每月", "monthly"),
    "quarterly": T("每季", "每季", "quarterly"),
    "half": T("每半年", "每半年", "half-yearly"),
    "yearly": T("每年", "每年", "yearly"),
}
BRANCH = T("支部", "支部", "Branch")

# -- help, palette ------------------------------------------------------------------------
HELP_TITLE = T("按鍵說明", "按键说明", "Keys")
HELP_WHERE = T("在哪裡", "在哪里", "Where")
HELP_KEY = T("按鍵", "按键", "Key")
HELP_WHAT = T("做甚麼", "做什么", "What")
PALETTE_OPEN = T("打開登記冊:{title}", "打开登记册:{title}", "Open register: {title}")
PALETTE_PERSON = T("找到:{name}({title},{branch})", "找到:{name}({title},{branch})",
                   "Found: {name} ({title}, {branch})")
PALETTE_LANGUAGE = T("切換語言:{name}", "切换语言:{name}", "Language: {name}")
PALETTE_MONTH = T("會議月覽", "会议月览", "Meetings by month")
PALETTE_HOME = T("回到首頁", "回到首页", "Back to the home screen")
# Textual's own words (its palette's), given in ours.
PALETTE_PLACEHOLDER = T("搜尋登記冊、人名或命令…", "搜索登记册、人名或命令…", "Search registers, people, commands…")
PALETTE_NO_MATCHES = T("沒有找到", "没有找到", "Nothing found")
FIND_PERSON = T("找人", "找人", "Find a person")
YES = T("是", "是", "yes")
NO = T("否", "否", "no")

# -- the terminal ------------------------------------------------------------------------
NO_TERMINAL = T(
    "taizhang 的畫面要在終端機裡打開(現在輸入或輸出不是終端機)。在腳本裡請用命令,"
    "如 taizhang list members;說明:taizhang --help。",
    "taizhang 的界面要在终端里打开(现在输入或输出不是终端)。在脚本里请用命令,"
    "如 taizhang list members;说明:taizhang --help。",
    "taizhang's screens open in a terminal (its input or output is not one now). In a script, "
    "use the commands, e.g. taizhang list members; see taizhang --help.",
)
#: A key that needs the store, pressed while it is still opening.
STORE_OPENING = T("台賬還在打開,請稍候再按。", "台账还在打开,请稍候再按。", "The store is still opening; try again in a moment.")
NOT_UTF8 = T(
    "終端機的編碼是 {encoding},不是 UTF-8,畫面會變成亂碼。請先改用 UTF-8 再打開,例如:\n"
    "  export LANG=zh_TW.UTF-8\n並把終端機(PuTTY:Window → Translation)設為 UTF-8。",
    "终端的编码是 {encoding},不是 UTF-8,画面会变成乱码。请先改用 UTF-8 再打开,例如:\n"
    "  export LANG=zh_CN.UTF-8\n并把终端(PuTTY:Window → Translation)设为 UTF-8。",
    "The terminal's encoding is {encoding}, not UTF-8, so the screens would be garbled. "
    "Switch to UTF-8 first, for example:\n  export LANG=en_US.UTF-8\nand set the terminal "
    "(PuTTY: Window → Translation) to UTF-8.",
)
