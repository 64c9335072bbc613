"""What the plan's screens say (targets, checklist, conflicts, import), in the three
languages. Kept apart from texts.py so the screens' own words can be checked (OpenCC,
placeholders) by tests/tui/test_plan_screens.py without touching another's module."""

from __future__ import annotations

from storage.i18n import Text as T

# -- the records behind a figure ------------------------------------------------------------
COUNTED = T("計入", "计入", "counted")
LACKING = T("未達", "未达", "short")
EVIDENCE = T("依據", "依据", "evidence")
EVIDENCE_GROUP = T("{what}:{title} {n} 條", "{what}:{title} {n} 条", "{what}: {title}, {n}")
EVIDENCE_TITLE = T("{title}({what})", "{title}({what})", "{title} ({what})")
NO_EVIDENCE = T("這一項沒有可打開的記錄。", "这一项没有可打开的记录。", "There are no records behind this one.")
WHICH_RECORDS = T("打開哪些記錄?", "打开哪些记录?", "Which records?")
ENTER_OPENS = T("按 ⏎ 打開", "按 ⏎ 打开", "⏎ opens them")
RECORDS_GONE = T("(有 {n} 條已不在登記冊中)", "(有 {n} 条已不在登记册中)", " ({n} no longer in the register)")

# -- targets --------------------------------------------------------------------------------
TARGETS_TITLE = T("方案目標", "方案目标", "The plan's targets")
TARGETS_HEAD = T("{year} 年 · {where} · 截至 {as_of}", "{year} 年 · {where} · 截至 {as_of}",
                 "{year} · {where} · as of {as_of}")
ALL_TOTAL = T("全部(合計)", "全部(合计)", "all branches (total)")
TARGET = T("目標", "目标", "Target")
FIGURE = T("完成", "完成", "Figure")
STATUS = T("狀態", "状态", "Status")
NOTES = T("說明", "说明", "Notes")
COMPUTING = T("計算中…", "计算中…", "working it out…")

# -- the checklist ----------------------------------------------------------------------------
CHECKLIST_TITLE = T("五好創建自查", "五好创建自查", "The five-good checklist")
CHECKLIST_HEAD = T(
    "{year} 年:已完成 {done},部分完成 {partly},未完成 {not_done},未檢查 {unknown}",
    "{year} 年:已完成 {done},部分完成 {partly},未完成 {not_done},未检查 {unknown}",
    "{year}: {done} done, {partly} partly, {not_done} not done, {unknown} not checked",
)
ITEM = T("項目", "项目", "Item")
PHASES = T("方法步驟(三個階段)", "方法步骤(三个阶段)", "The three phases")
BY_HAND = T("人工勾選:按 t 勾選或修改", "人工勾选:按 t 勾选或修改", "Ticked by hand: t to tick or change")
JUDGED = T("由登記冊判斷", "由登记册判断", "Judged from the registers")
PHASE_DATES = T("{start} 至 {end},{state}", "{start} 至 {end},{state}", "{start} to {end}, {state}")
CANNOT_TICK = T(
    "這一項由登記冊判斷,不能人工勾選;按 ⏎ 看它依據的記錄。",
    "这一项由登记册判断,不能人工勾选;按 ⏎ 看它依据的记录。",
    "This item is judged from the registers and cannot be ticked: ⏎ shows the records.",
)
TICK_TITLE = T("勾選:{code} {title}", "勾选:{code} {title}", "Tick {code} {title}")
TICKED = T("已保存:{title}({status})", "已保存:{title}({status})", "Saved: {title} ({status})")
TICK_NOTE = T("保存後記入「五好創建自查」登記冊,與其他記錄一樣同步。",
              "保存后记入「五好创建自查」登记册,与其他记录一样同步。",
              "Saved as a record of the checklist register, synchronised like any other.")

# -- conflicts ---------------------------------------------------------------------------------
CONFLICTS_TITLE = T("同步衝突", "同步冲突", "Sync conflicts")
NO_CONFLICTS = T("沒有待處理的衝突。", "没有待处理的冲突。", "No conflicts to resolve.")
CONFLICTS_COUNT = T("{n} 個衝突待處理;按 ⏎ 看兩邊的值再決定。", "{n} 个冲突待处理;按 ⏎ 看两边的值再决定。",
                    "{n} conflicts to resolve: ⏎ shows both values.")
REGISTER = T("登記冊", "登记册", "Register")
RECORD = T("記錄", "记录", "Record")
FIELD = T("欄目", "栏目", "Field")
HERE = T("現值", "现值", "Now")
OTHER = T("另一值", "另一值", "Other")
HERE_IS = T("現在的值(來自{who})", "现在的值(来自{who})", "Now (from {who})")
OTHER_IS = T("另一值(來自{who})", "另一值(来自{who})", "The other value (from {who})")
THIS_COPY = T("本機", "本机", "this copy")
FOUND_AT = T("{at} 合併時發現", "{at} 合并时发现", "found by the merge of {at}")
DUPLICATE_HERE = T("這一筆", "这一笔", "This entry")
DUPLICATE_OTHER = T("另一筆", "另一笔", "The other entry")
DELETED_NOW = T("(已刪除)", "(已删除)", "(deleted)")
EMPTY_VALUE = T("(空)", "(空)", "(empty)")
CHOICE_LINE = T("{key} {what}", "{key} {what}", "{key} {what}")
TAKE = {
    "field": T("採用另一份的值", "采用另一份的值", "take the other copy's value"),
    "deleted": T("恢復為新記錄,帶上另一份的修改", "恢复为新记录,带上另一份的修改",
                 "bring it back as a new record, with the other copy's edits"),
    "duplicate": T("沖銷後來的一筆(只交了一次)", "冲销后来的一笔(只交了一次)",
                   "reverse the later entry (it was paid once)"),
}
KEEP = {
    "field": T("保留現值,不再提示", "保留现值,不再提示", "keep the value here and close this"),
    "deleted": T("保持刪除,不再提示", "保持删除,不再提示", "keep it deleted and close this"),
    "duplicate": T("兩筆都是真的,都保留", "两笔都是真的,都保留", "both are real payments: keep both"),
}
NEW_VALUE = T("改為新的值", "改为新的值", "type a new value")
NEW_VALUE_PROMPT = T("「{field}」的新值", "「{field}」的新值", "New value of {field}")
RESOLVED = T("已解決:{what}", "已解决:{what}", "Resolved: {what}")
GONE = T("這個衝突已經解決了。", "这个冲突已经解决了。", "This conflict has been resolved already.")

# -- import ------------------------------------------------------------------------------------
IMPORT_FROM = T("從哪個檔案導入到「{title}」?(.xlsx 或 .csv)", "从哪个文件导入到「{title}」?(.xlsx 或 .csv)",
                "Import into {title} from which file? (.xlsx or .csv)")
IMPORT_TITLE = T("導入:{title}", "导入:{title}", "Import: {title}")
HEADER_AT = T("{file}:表頭在第 {row} 行,{rows} 行資料。", "{file}:表头在第 {row} 行,{rows} 行数据。",
              "{file}: the header is row {row}; {rows} rows of data.")
SKIPPED = T("略過表尾第 {rows} 行。", "略过表尾第 {rows} 行。", "Footer rows {rows} read past.")
COLUMN = T("欄", "栏", "Col")
HEADER = T("表頭", "表头", "Header")
BECOMES = T("導入為", "导入为", "Imported as")
NOT_IMPORTED = T("(不導入)", "(不导入)", "(not imported)")
UNKNOWN = T("(不認得,不導入)", "(不认得,不导入)", "(not recognised, not imported)")
DUPLICATE = T("(重複的欄目,不導入)", "(重复的栏目,不导入)", "(a second column for the same field: not imported)")
CONFIRM_MAPPING = T(
    "對應無誤就按 ⏎ 檢查每一行(不會保存);m 改選中欄目的對應;Esc 取消。",
    "对应无误就按 ⏎ 检查每一行(不会保存);m 改选中栏目的对应;Esc 取消。",
    "If the columns are right, ⏎ checks every row (nothing is saved yet); m changes what the "
    "highlighted column becomes; Esc cancels.",
)
MAP_COLUMN = T("第 {n} 欄「{header}」導入為:", "第 {n} 栏「{header}」导入为:", "Column {n}, '{header}', becomes:")
CHECKING = T("檢查中…", "检查中…", "checking…")
ALL_GOOD = T("全部 {n} 行檢查無誤。按 a 全部導入,Esc 取消。", "全部 {n} 行检查无误。按 a 全部导入,Esc 取消。",
             "All {n} rows are right. a imports them, Esc cancels.")
SOME_BAD = T(
    "{good} 行無誤,{bad} 行有問題(見下),還沒有保存任何記錄。按 g 只導入無誤的 {good} 行,Esc 取消。",
    "{good} 行无误,{bad} 行有问题(见下),还没有保存任何记录。按 g 只导入无误的 {good} 行,Esc 取消。",
    "{good} rows are right and {bad} have problems (below); nothing is saved yet. g imports only the "
    "{good} good rows, Esc cancels.",
)
NONE_GOOD = T("{bad} 行都有問題(見下),沒有可以導入的。請改正檔案後再導入。",
              "{bad} 行都有问题(见下),没有可以导入的。请改正文件后再导入。",
              "All {bad} rows have problems (below): nothing can be imported. Correct the file and try again.")
NO_ROWS = T("檔案裡沒有資料行。", "文件里没有数据行。", "The file holds no rows of data.")
ROW = T("行", "行", "Row")
NAME = T("名稱", "名称", "Name")
PROBLEM = T("問題", "问题", "Problem")
ROW_NOTE = T("提示", "提示", "note")
IMPORTED = T("已導入 {n} 條記錄到{title}。", "已导入 {n} 条记录到{title}。", "Imported {n} records into {title}.")
LEFT_OUT = T("{n} 行有問題,沒有導入。", "{n} 行有问题,没有导入。", "{n} rows with problems were left out.")
NO_FILE = T("沒有這個檔案:{path}", "没有这个文件:{path}", "There is no file {path}")

# -- the palette -------------------------------------------------------------------------------
