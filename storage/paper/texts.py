"""What printed pages say, and what printing says to the user, in the three languages."""

from __future__ import annotations

from storage.i18n import Text

T = Text

# -- on the page ---------------------------------------------------------------------------------------

PAGE_OF = T("第 {page} 頁 共 {pages} 頁", "第 {page} 页 共 {pages} 页", "Page {page} of {pages}")
YEAR = T("{year}年", "{year}年", "{year}")
ALL_BRANCHES = T("全部支部", "全部支部", "All branches")
PRINTED_ON = T("打印日期:{date}", "打印日期:{date}", "Printed on {date}")
CONTINUED = T("(續)", "(续)", "(continued)")
COLUMNS_PART = T("(第 {part} 部分,共 {parts} 部分欄目)", "(第 {part} 部分,共 {parts} 部分栏目)",
                 "(columns, part {part} of {parts})")
NONE_YET = T("(本年度沒有記錄)", "(本年度没有记录)", "(no records this year)")
RECORDS = T("共 {n} 條", "共 {n} 条", "{n} records")

COVER_TITLE = T("黨建示範點台賬", "党建示范点台账", "Party-building demonstration site: the registers")
COVER_SITE = T("示範點:{org}", "示范点:{org}", "Demonstration site: {org}")
COVER_YEAR = T("年度:{year}年", "年度:{year}年", "Year: {year}")
CONTENTS = T("目錄", "目录", "Contents")
TARGETS = T("年度目標", "年度目标", "The year's targets")
CHECKLIST = T("五好自查及佐證", "五好自查及佐证", "The 五好 checklist and its evidence")
EVIDENCE = T("佐證", "佐证", "Evidence")
EVIDENCE_OF = T("{register} {n} 條:{names}", "{register} {n} 条:{names}", "{register}, {n}: {names}")
EVIDENCE_MORE = T("等", "等", "and more")
TICKED = T("人工勾選:{text}", "人工勾选:{text}", "Ticked by hand: {text}")
NO_EVIDENCE = T("(無)", "(无)", "(none)")

PHOTO = T("照片", "照片", "Photo")
SIGNED = T("填表人:__________    審核人:__________    日期:__________",
           "填表人:__________    审核人:__________    日期:__________",
           "Filled in by: __________    Checked by: __________    Date: __________")

# the minutes page, as the 三會一課記錄本 lays it out
MINUTES = T("{kind}記錄", "{kind}记录", "Minutes: {kind}")
EXPECTED = T("應到人數", "应到人数", "Expected")
PRESENT = T("實到人數", "实到人数", "Present")
ABSENT = T("缺席人員及原因", "缺席人员及原因", "Absent, and why")
CONTENT = T("會議內容", "会议内容", "Proceedings")
VOTES = T("表決:贊成 {yes},反對 {no},棄權 {abstain}", "表决:赞成 {yes},反对 {no},弃权 {abstain}",
          "Vote: {yes} for, {no} against, {abstain} abstaining")
NOBODY_ABSENT = T("無", "无", "none")

# the applicant's record
DEVELOPMENT = T("發展黨員紀實表", "发展党员纪实表", "Record of an applicant's way into the party")
STEP = T("環節", "环节", "Step")
STEP_DATE = T("日期", "日期", "Date")

# the 黨務公開 sheet
NOTICE = T("黨務公開", "党务公开", "Party affairs made public")
NOTICE_MONTH = T("{org} {year}年{month}月", "{org} {year}年{month}月", "{org}, {year}-{month:02d}")
NOTICE_DUES = T("一、黨費收繳", "一、党费收缴", "1. Party dues collected")
NOTICE_DUES_LINE = T("{branch}:{people} 人次,{amount} 元", "{branch}:{people} 人次,{amount} 元",
                     "{branch}: {people} payments, {amount} yuan")
NOTICE_DUES_TOTAL = T("合計:{amount} 元", "合计:{amount} 元", "In all: {amount} yuan")
NOTICE_PEOPLE = T("二、入黨積極分子和新黨員", "二、入党积极分子和新党员", "2. Activists and new members")
NOTICE_ACTIVIST = T("確定為入黨積極分子:{names}", "确定为入党积极分子:{names}", "Made activists: {names}")
NOTICE_CANDIDATE = T("確定為發展對象(公示):{names}", "确定为发展对象(公示):{names}",
                     "Made candidates (on notice): {names}")
NOTICE_ADMITTED = T("接收為預備黨員:{names}", "接收为预备党员:{names}", "Admitted as probationary members: {names}")
NOTICE_CONFIRMED = T("按期轉為正式黨員:{names}", "按期转为正式党员:{names}", "Made full members: {names}")
NOTICE_MEETINGS = T("三、會議和活動", "三、会议和活动", "3. Meetings held")
NOTICE_MEETING = T("{date} {branch} {kind}:{topic}", "{date} {branch} {kind}:{topic}", "{date} {branch} {kind}: {topic}")
NOTICE_NOTHING = T("本月沒有。", "本月没有。", "None this month.")
NOTICE_FOOTER = T("歡迎黨員群眾監督。{org}  {date}", "欢迎党员群众监督。{org}  {date}",
                  "Comments are welcome. {org}, {date}")

# -- to the user -------------------------------------------------------------------------------------

BAD_SUFFIX = T(
    "{path}:只能打印成 .pdf 或 .docx 文件,請把文件名改成以 .pdf 或 .docx 結尾。",
    "{path}:只能打印成 .pdf 或 .docx 文件,请把文件名改成以 .pdf 或 .docx 结尾。",
    "{path}: printing writes a .pdf or a .docx file; end the file's name with .pdf or .docx.",
)
UNKNOWN_WHAT = T(
    "不知道要打印「{what}」。可以打印:一個登記冊({registers})、binder(全年台賬)、notice(黨務公開),"
    "或加 --record 編號打印一條記錄。",
    "不知道要打印「{what}」。可以打印:一个登记册({registers})、binder(全年台账)、notice(党务公开),"
    "或加 --record 编号打印一条记录。",
    "Nothing called '{what}' can be printed. Print a register ({registers}), binder (the year's registers), "
    "notice (the party affairs sheet), or one record with --record ID.",
)
NEEDS_MONTH = T(
    "打印黨務公開需要月份:加 --month 2026-11。",
    "打印党务公开需要月份:加 --month 2026-11。",
    "The notice is for a month: add --month 2026-11.",
)
BAD_MONTH = T(
    "--month「{month}」不是月份,請寫成 2026-11 或 2026年11月。",
    "--month「{month}」不是月份,请写成 2026-11 或 2026年11月。",
    "--month '{month}' is not a month: write it as 2026-11.",
)
RECORD_ELSEWHERE = T(
    "記錄 {record} 在{found}裡,不在{asked}裡。請去掉登記冊名,或寫對登記冊。",
    "记录 {record} 在{found}里,不在{asked}里。请去掉登记册名,或写对登记册。",
    "Record {record} is in {found}, not in {asked}. Leave the register out, or name the right one.",
)
UNDRAWABLE = T(
    "注意:字體沒有這些字的字形,打印出來會是方框:{chars}(在{where})。可改用常用字,或打印成 .docx 用本機字體。",
    "注意:字体没有这些字的字形,打印出来会是方框:{chars}(在{where})。可改用常用字,或打印成 .docx 用本机字体。",
    "Note: the font has no shape for {chars} (in {where}); they print as boxes. Use common characters, "
    "or print to .docx so the office's own fonts draw them.",
)
PRINTED = T("已打印到 {path}:{pages} 頁。", "已打印到 {path}:{pages} 页。", "Printed to {path}: {pages} pages.")
PRINTED_DOCX = T("已打印到 {path}。", "已打印到 {path}。", "Printed to {path}.")
