"""What the sync says, in zh-Hant, zh-Hans and en. A refusal names the file, says what is
wrong and what to do, and says that nothing was changed."""

from __future__ import annotations

from typing import Any

from storage.i18n import HANT, Text
from storage.messages import StoreError

T = Text


class SyncError(StoreError):
    """A refusal whose parameters may themselves be texts in three languages."""

    def __init__(self, text: Text, **params: Any) -> None:
        super().__init__(text, **{k: v for k, v in params.items()})

    def message(self, lang: str = HANT) -> str:
        from storage.messages import listed

        params = {k: (v(lang) if isinstance(v, Text) else listed(v, lang) if isinstance(v, (list, tuple)) else v)
                  for k, v in self.params.items()}
        return self.text(lang, **params)

    def __str__(self) -> str:
        return self.message(HANT)


UNCHANGED = T("台賬沒有改動。", "台账没有改动。", "Nothing in the store was changed.")

# -- reading a bundle: each refusal leaves the store as it was ------------------------------

NOT_A_BUNDLE = T(
    "{path} 不是台賬的同步包,或已截斷、損壞({detail})。請讓對方重新匯出再傳一次。台賬沒有改動。",
    "{path} 不是台账的同步包,或已截断、损坏({detail})。请让对方重新导出再传一次。台账没有改动。",
    "{path} is not a taizhang bundle, or it is truncated or damaged ({detail}). Ask the sender to "
    "export it again. Nothing in the store was changed.",
)
TOO_BIG = T(
    "{path} 太大({size}),超過同步包的上限 {limit}。這不是正常的同步包,已拒絕;台賬沒有改動。"
    "如確是正常的同步包(極大的台賬),可設環境變數 TAIZHANG_BUNDLE_MAX_BYTES 放寬上限(位元組數)。",
    "{path} 太大({size}),超过同步包的上限 {limit}。这不是正常的同步包,已拒绝;台账没有改动。"
    "如确是正常的同步包(极大的台账),可设环境变量 TAIZHANG_BUNDLE_MAX_BYTES 放宽上限(字节数)。",
    "{path} is too large ({size}; a bundle may be at most {limit}). It is not a normal bundle and was "
    "refused. Nothing in the store was changed. If it is a genuine bundle of a very large store, raise "
    "the limit (in bytes) with the environment variable TAIZHANG_BUNDLE_MAX_BYTES.",
)
TOO_MANY_CHANGES = T(
    "{path} 有 {count} 項變更,超過同步包的上限 {limit} 項。這不是正常的同步包,已拒絕;台賬沒有改動。"
    "如確是正常的同步包(極大的台賬),可設環境變數 TAIZHANG_BUNDLE_MAX_CHANGES 放寬上限。",
    "{path} 有 {count} 项变更,超过同步包的上限 {limit} 项。这不是正常的同步包,已拒绝;台账没有改动。"
    "如确是正常的同步包(极大的台账),可设环境变量 TAIZHANG_BUNDLE_MAX_CHANGES 放宽上限。",
    "{path} holds {count} changes; a bundle may hold at most {limit}. It is not a normal bundle and was "
    "refused. Nothing in the store was changed. If it is a genuine bundle of a very large store, raise "
    "the limit with the environment variable TAIZHANG_BUNDLE_MAX_CHANGES.",
)
HOSTILE = T(
    "{path} 裡有同步包不該有的內容({detail})。已拒絕,台賬沒有改動;來歷不明的檔案請勿合併。",
    "{path} 里有同步包不该有的内容({detail})。已拒绝,台账没有改动;来历不明的文件请勿合并。",
    "{path} holds something no bundle holds ({detail}). It was refused and nothing in the store was "
    "changed; do not merge files of unknown origin.",
)
NEWER_FORMAT = T(
    "{path} 由較新版本的 taizhang 製作(格式第 {found} 版,本程序認得到第 {known} 版)。請升級 taizhang 後再合併;台賬沒有改動。",
    "{path} 由较新版本的 taizhang 制作(格式第 {found} 版,本程序认得到第 {known} 版)。请升级 taizhang 后再合并;台账没有改动。",
    "{path} was made by a newer taizhang (format {found}; this program knows up to {known}). Upgrade "
    "taizhang, then merge it. Nothing in the store was changed.",
)
NOT_FOR_ME = T(
    "{path} 是做給另一個副本({recipient})的,不是給本副本({me})的。請讓對方為本副本重新匯出;台賬沒有改動。",
    "{path} 是做给另一个副本({recipient})的,不是给本副本({me})的。请让对方为本副本重新导出;台账没有改动。",
    "{path} was made for another copy ({recipient}), not for this one ({me}). Ask the sender to export "
    "one for this copy. Nothing in the store was changed.",
)
UNKNOWN_SENDER = T(
    "{path} 來自未在本副本登記的副本({sender})。只有登記過的支部和總支能互相同步;請先辦理登記(總支:taizhang branch add)。台賬沒有改動。",
    "{path} 来自未在本副本登记的副本({sender})。只有登记过的支部和总支能互相同步;请先办理登记(总支:taizhang branch add)。台账没有改动。",
    "{path} comes from a copy not enrolled here ({sender}). Only enrolled branches and the general "
    "branch exchange bundles; enrol it first (on the master: taizhang branch add). Nothing in the "
    "store was changed.",
)
REVOKED = T(
    "{path} 是用已吊銷的金鑰簽的({name} 已於 {when} 重新登記,舊電腦的金鑰作廢)。這可能來自遺失或被盜的電腦,已拒絕;台賬沒有改動。",
    "{path} 是用已吊销的密钥签的({name} 已于 {when} 重新登记,旧电脑的密钥作废)。这可能来自遗失或被盗的电脑,已拒绝;台账没有改动。",
    "{path} is signed with a revoked key ({name} was enrolled anew on {when}; the old laptop's key is "
    "void). It may come from a lost or stolen laptop and was refused. Nothing in the store was changed.",
)
BAD_SIGNATURE = T(
    "{path} 的簽名不對:它不是 {name} 簽發的,或在途中被改動過。已拒絕,台賬沒有改動;請讓對方重新匯出並直接傳送。",
    "{path} 的签名不对:它不是 {name} 签发的,或在途中被改动过。已拒绝,台账没有改动;请让对方重新导出并直接传送。",
    "{path} has a bad signature: {name} did not sign it, or it was altered on the way. It was refused "
    "and nothing in the store was changed; ask for a fresh export, sent directly.",
)
BAD_PART = T(
    "{path} 的內容與清單不符({detail}):檔案在途中損壞、截斷或被改動。已拒絕,台賬沒有改動;請讓對方重新匯出。",
    "{path} 的内容与清单不符({detail}):文件在途中损坏、截断或被改动。已拒绝,台账没有改动;请让对方重新导出。",
    "{path} does not match its manifest ({detail}): it was damaged, cut short or altered on the way. It "
    "was refused and nothing in the store was changed; ask for a fresh export.",
)
CANNOT_DECRYPT = T(
    "{path} 無法解密:它不是加密給本副本金鑰的,或已被改動。已拒絕,台賬沒有改動;請讓對方為本副本重新匯出。",
    "{path} 无法解密:它不是加密给本副本密钥的,或已被改动。已拒绝,台账没有改动;请让对方为本副本重新导出。",
    "{path} cannot be decrypted: it was not encrypted to this copy's key, or it was altered. It was "
    "refused and nothing in the store was changed; ask for an export made for this copy.",
)
MALFORMED = T(
    "{path} 的{where}格式不對({detail})。已拒絕,台賬沒有改動;請讓對方用相同版本的 taizhang 重新匯出。",
    "{path} 的{where}格式不对({detail})。已拒绝,台账没有改动;请让对方用相同版本的 taizhang 重新导出。",
    "{path}: the {where} is malformed ({detail}). It was refused and nothing in the store was changed; "
    "ask for a fresh export from the same version of taizhang.",
)
WHERE_MANIFEST = T("清單", "清单", "manifest")
WHERE_CHANGE = T("第 {n} 項變更", "第 {n} 项变更", "change number {n}")

NOT_ALLOWED = T(
    "{path} 來自 {sender},但其中第 {n} 項變更({register},記錄 {record}){what}。整個同步包已拒絕,台賬沒有改動;請與{sender}核對。",
    "{path} 来自 {sender},但其中第 {n} 项变更({register},记录 {record}){what}。整个同步包已拒绝,台账没有改动;请与{sender}核对。",
    "{path} comes from {sender}, but its change number {n} ({register}, record {record}) {what}. The "
    "whole bundle was refused and nothing in the store was changed; check with {sender}.",
)
WHAT_MASTER_OWNED = T("改的是總支管理的登記冊", "改的是总支管理的登记册", "changes a register the general branch keeps")
WHAT_OTHER_BRANCH = T("改的是不屬於該支部的記錄", "改的是不属于该支部的记录", "changes a record that is not that branch's")
WHAT_NOT_ITS_OWN = T("是別的副本做的變更,支部只能送出自己做的", "是别的副本做的变更,支部只能送出自己做的",
                     "was made by another copy; a branch sends only its own changes")
WHAT_ENTRY_EDITED = T("修改或刪除了一筆黨費記錄(只能新增或沖銷)", "修改或删除了一笔党费记录(只能新增或冲销)",
                      "edits or deletes a dues entry (entries are only added or reversed)")

INVALID_VALUE = T(
    "{path} 來自 {sender},但其中第 {n} 項變更({register},記錄 {record})的「{field}」:{problem}"
    "taizhang 保存時不會寫下這樣的值:同步包或對方的變更日誌被改動過(對方電腦損壞,或被人動過)。"
    "整個同步包已拒絕,台賬沒有改動;請與{sender}核對,請對方執行 taizhang check。",
    "{path} 来自 {sender},但其中第 {n} 项变更({register},记录 {record})的「{field}」:{problem}"
    "taizhang 保存时不会写下这样的值:同步包或对方的变更日志被改动过(对方电脑损坏,或被人动过)。"
    "整个同步包已拒绝,台账没有改动;请与{sender}核对,请对方执行 taizhang check。",
    "{path} comes from {sender}, but its change number {n} ({register}, record {record}) holds a value "
    "taizhang never saves, in the field {field}: {problem} The bundle or the sender's change log was "
    "altered (a damaged laptop, or someone tampered with it). The whole bundle was refused and nothing "
    "in the store was changed; check with {sender}, who should run taizhang check.",
)
OWN_INVALID = T(
    "沒有匯出:{where}({register},記錄 {record})的「{field}」:{problem}"
    "taizhang 保存時不會寫下這樣的值:變更日誌被手工改過,或磁碟已損壞;這樣的內容不能簽名發出,什麼也沒有寫出。"
    "請執行 taizhang check 查看;用 taizhang restore 恢復改動之前的備份,或請總支協助。",
    "没有导出:{where}({register},记录 {record})的「{field}」:{problem}"
    "taizhang 保存时不会写下这样的值:变更日志被手工改过,或磁盘已损坏;这样的内容不能签名发出,什么也没有写出。"
    "请执行 taizhang check 查看;用 taizhang restore 恢复改动之前的备份,或请总支协助。",
    "Nothing was exported: {where} ({register}, record {record}) holds a value taizhang never saves, in "
    "the field {field}: {problem} The change log was edited by hand, or the disk is damaged; such content "
    "is not signed and sent, and nothing was written. Run taizhang check to see it; restore a backup "
    "from before the edit (taizhang restore), or ask the general branch for help.",
)
WHERE_JOURNAL_LINE = T("變更日誌 {path} 第 {line} 行", "变更日志 {path} 第 {line} 行", "line {line} of the change log {path}")
WHERE_RECORD_NOW = T("記錄現在的值", "记录现在的值", "the record as it is now")
POINTS_NOWHERE = T(
    "指向的記錄 {target} 在本副本沒有,同步包裡也沒有新增它。",
    "指向的记录 {target} 在本副本没有,同步包里也没有新增它。",
    "it points at a record, {target}, that is neither here nor added by the bundles merged.",
)
POINTS_NOWHERE_HERE = T(
    "指向的記錄 {target} 在本副本沒有。",
    "指向的记录 {target} 在本副本没有。",
    "it points at a record, {target}, that this copy does not hold.",
)
NOT_AN_ID = T(
    "「{value}」不是記錄的編號。",
    "「{value}」不是记录的编号。",
    "'{value}' is not the id of a record.",
)

MASTER_NAME = T("總支", "总支", "the general branch")

# -- roles and enrolment --------------------------------------------------------------

MASTER_ONLY = T(
    "只有總支的主副本能{action}。這是「{branch}」的副本。",
    "只有总支的主副本能{action}。这是「{branch}」的副本。",
    "Only the general branch's master copy can {action}. This is {branch}'s copy.",
)
ACTION_ENROL = T("登記支部", "登记支部", "enrol branches")
NOT_ENROLLED = T(
    "本副本還沒有與總支登記,不能同步。請向總支要一個登記檔,然後在一個新資料夾裡執行 taizhang init --join 檔案。",
    "本副本还没有与总支登记,不能同步。请向总支要一个登记文件,然后在一个新文件夹里执行 taizhang init --join 文件。",
    "This copy is not enrolled with the general branch and cannot sync. Ask the general branch for an "
    "enrolment file and run taizhang init --join FILE in a new folder.",
)
NO_PEERS = T(
    "還沒有登記任何支部的副本。請先為支部辦理登記:taizhang branch add 支部名稱 --out 檔案。",
    "还没有登记任何支部的副本。请先为支部办理登记:taizhang branch add 支部名称 --out 文件。",
    "No branch copy is enrolled yet. Enrol one first: taizhang branch add NAME --out FILE.",
)
WHICH_PEER = T(
    "請用 --for 指明要發給哪個支部:{names}。",
    "请用 --for 指明要发给哪个支部:{names}。",
    "Say which branch to export for with --for: {names}.",
)
UNKNOWN_PEER = T(
    "沒有登記過「{name}」的副本。已登記:{names}。",
    "没有登记过「{name}」的副本。已登记:{names}。",
    "No copy of '{name}' is enrolled. Enrolled: {names}.",
)
NOT_ENROLMENT = T(
    "{path} 不是登記檔,或已損壞({detail})。請向總支重新要一個(taizhang branch add 支部 --out 檔案)。",
    "{path} 不是登记文件,或已损坏({detail})。请向总支重新要一个(taizhang branch add 支部 --out 文件)。",
    "{path} is not an enrolment file, or it is damaged ({detail}). Ask the general branch for a new "
    "one (taizhang branch add NAME --out FILE).",
)
KEYS_DAMAGED = T(
    "金鑰檔 {path} 無法讀取:{detail}。請從備份恢復 keys 資料夾,或請總支重新登記本副本。",
    "密钥文件 {path} 无法读取:{detail}。请从备份恢复 keys 文件夹,或请总支重新登记本副本。",
    "The key file {path} cannot be read: {detail}. Restore the keys folder from a backup, or have the "
    "general branch enrol this copy anew.",
)
ENROLLED = T(
    "已為「{branch}」辦理登記,登記檔:{path}\n"
    "  本副本(總支)金鑰指紋:{master}\n"
    "  「{branch}」新副本的金鑰指紋:{fingerprint}\n"
    "  登記碼:{code}\n"
    "請把登記檔交給「{branch}」的書記,登記碼另行告知(電話或當面,不要和檔案一起傳送:沒有它,撿到檔案的人也打不開),"
    "並在電話中核對兩個指紋。",
    "已为「{branch}」办理登记,登记文件:{path}\n"
    "  本副本(总支)密钥指纹:{master}\n"
    "  「{branch}」新副本的密钥指纹:{fingerprint}\n"
    "  登记码:{code}\n"
    "请把登记文件交给「{branch}」的书记,登记码另行告知(电话或当面,不要和文件一起传送:没有它,捡到文件的人也打不开),"
    "并在电话中核对两个指纹。",
    "Enrolled {branch}; enrolment file: {path}\n"
    "  this (master) copy's key fingerprint: {master}\n"
    "  {branch}'s new copy's key fingerprint: {fingerprint}\n"
    "  enrolment code: {code}\n"
    "Hand the file to {branch}'s secretary and tell them the code separately (by phone or in person, "
    "never with the file: without it, whoever finds the file cannot open it); compare both "
    "fingerprints over the phone.",
)
CLOCK_AHEAD = T(
    "注意:「{sender}」的變更標著 {when} 的時間,比這台電腦的時鐘快了 {days} 天:那台電腦的日期可能設錯了。"
    "變更照樣合併,但在衝突中它們會勝過所有較早的修改;請把那台電腦的日期和時間調對。",
    "注意:「{sender}」的变更标着 {when} 的时间,比这台电脑的时钟快了 {days} 天:那台电脑的日期可能设错了。"
    "变更照样合并,但在冲突中它们会胜过所有较早的修改;请把那台电脑的日期和时间调对。",
    "Note: {sender}'s changes are stamped {when}, {days} days ahead of this laptop's clock: that "
    "laptop's date is probably wrong. They are merged all the same, but they win every conflict "
    "against earlier edits; set that laptop's date and time right.",
)
DANGLING = T(
    "注意:合併後有 {count} 筆記錄指向已刪除的記錄(例如 {examples}):多半是一邊刪除、另一邊同時還在登記。"
    "記錄都保留了;請核對後修正或沖銷,taizhang check 會列出全部。",
    "注意:合并后有 {count} 笔记录指向已删除的记录(例如 {examples}):多半是一边删除、另一边同时还在登记。"
    "记录都保留了;请核对后修正或冲销,taizhang check 会列出全部。",
    "Note: after this merge {count} records point at deleted records (for example {examples}): most "
    "likely one copy deleted while another was still recording. Everything was kept; check them and "
    "correct or reverse them — taizhang check lists them all.",
)
CODE_NEEDED = T(
    "{path} 需要總支給的 12 位登記碼:taizhang init --join {path} --code 登記碼",
    "{path} 需要总支给的 12 位登记码:taizhang init --join {path} --code 登记码",
    "{path} needs the 12-digit enrolment code the general branch gave you: taizhang init --join {path} "
    "--code CODE",
)
CODE_FORMAT = T(
    "登記碼是 {digits} 位數字(如 1234-5678-9012),請照總支給的再輸入一次。{path} 沒有打開,什麼也沒有建立。",
    "登记码是 {digits} 位数字(如 1234-5678-9012),请照总支给的再输入一次。{path} 没有打开,什么也没有建立。",
    "An enrolment code is {digits} digits (like 1234-5678-9012): type the one the general branch gave "
    "you again. {path} was not opened; nothing was created.",
)
CODE_WRONG = T(
    "登記碼不對,打不開 {path}。請與總支核對登記碼(每個登記檔有自己的登記碼);什麼也沒有建立。",
    "登记码不对,打不开 {path}。请与总支核对登记码(每个登记文件有自己的登记码);什么也没有建立。",
    "Wrong enrolment code: {path} does not open with it. Check the code with the general branch (each "
    "enrolment file has its own); nothing was created.",
)
CODE_PROMPT = T("總支給的登記碼:", "总支给的登记码:", "Enrolment code from the general branch: ")
REVOKED_NOTE = T(
    "「{branch}」原來的副本({copy},指紋 {fingerprint})已吊銷:它簽的同步包從此一律拒絕。",
    "「{branch}」原来的副本({copy},指纹 {fingerprint})已吊销:它签的同步包从此一律拒绝。",
    "{branch}'s previous copy ({copy}, fingerprint {fingerprint}) is revoked: bundles it signs are "
    "refused from now on.",
)
JOINED = T(
    "已在 {home} 建立「{org}」「{branch}」的副本。\n"
    "  總支金鑰指紋:{master}\n"
    "  本副本金鑰指紋:{fingerprint}\n"
    "請在電話中與總支核對這兩個指紋;核對無誤後,請刪除登記檔 {path}。",
    "已在 {home} 建立「{org}」「{branch}」的副本。\n"
    "  总支密钥指纹:{master}\n"
    "  本副本密钥指纹:{fingerprint}\n"
    "请在电话中与总支核对这两个指纹;核对无误后,请删除登记文件 {path}。",
    "Created {branch}'s copy of {org} in {home}.\n"
    "  the general branch's key fingerprint: {master}\n"
    "  this copy's key fingerprint: {fingerprint}\n"
    "Compare both fingerprints with the general branch over the phone; then delete the enrolment "
    "file {path}.",
)

# -- export, merge, exchange --------------------------------------------------------------

EXPORTED = T(
    "已寫出 {path}:{count} 項變更,給「{peer}」(指紋 {fingerprint})。",
    "已写出 {path}:{count} 项变更,给「{peer}」(指纹 {fingerprint})。",
    "Wrote {path}: {count} changes for {peer} (fingerprint {fingerprint}).",
)
MERGE_SUMMARY = T(
    "{path}({sender}):{new} 項新變更,新增 {created}、修改 {updated}、刪除 {deleted} 條記錄,衝突 {conflicts} 個。",
    "{path}({sender}):{new} 项新变更,新增 {created}、修改 {updated}、删除 {deleted} 条记录,冲突 {conflicts} 个。",
    "{path} ({sender}): {new} new changes; {created} records added, {updated} changed, {deleted} "
    "deleted; {conflicts} conflicts.",
)
NOTHING_NEW = T(
    "{path}({sender}):沒有新內容(都已合併過)。",
    "{path}({sender}):没有新内容(都已合并过)。",
    "{path} ({sender}): nothing new (all merged before).",
)
DRY_RUN = T(
    "(試合併:以上只是預覽,台賬沒有改動。去掉 --dry-run 即會合併。)",
    "(试合并:以上只是预览,台账没有改动。去掉 --dry-run 即会合并。)",
    "(Dry run: a preview only; nothing was changed. Leave out --dry-run to merge.)",
)
BACKED_UP = T(
    "合併前已備份到 {path};要退回,請用 taizhang restore。",
    "合并前已备份到 {path};要退回,请用 taizhang restore。",
    "Backed up to {path} before merging; to go back, run taizhang restore.",
)
CONFLICTS_WAITING = T(
    "有 {count} 個衝突待處理:taizhang conflicts",
    "有 {count} 个冲突待处理:taizhang conflicts",
    "{count} conflicts to resolve: taizhang conflicts",
)
NO_SUCH_FILE = T(
    "找不到檔案 {path}。",
    "找不到文件 {path}。",
    "There is no file {path}.",
)
NOT_A_FOLDER = T(
    "{path} 不是資料夾。taizhang exchange 需要一個兩邊共用的資料夾(如 Syncthing 同步的資料夾)。",
    "{path} 不是文件夹。taizhang exchange 需要一个两边共用的文件夹(如 Syncthing 同步的文件夹)。",
    "{path} is not a folder. taizhang exchange needs a folder both sides share (one Syncthing keeps in step, say).",
)
SOME_REFUSED = T(
    "{count} 個同步包被拒絕(見上);其餘的已合併。",
    "{count} 个同步包被拒绝(见上);其余的已合并。",
    "{count} bundles were refused (see above); the others were merged.",
)
OUTSIDE_FOLDER = T(
    "{path} 指向共用資料夾以外(符號連結),已跳過。",
    "{path} 指向共用文件夹以外(符号链接),已跳过。",
    "{path} points outside the shared folder (a symbolic link); skipped.",
)

# -- conflicts and restore -------------------------------------------------------------------

NO_CONFLICTS = T("沒有待處理的衝突。", "没有待处理的冲突。", "No conflicts to resolve.")
NO_SUCH_CONFLICT = T(
    "沒有編號為「{id}」的待處理衝突。請用 taizhang conflicts 查看。",
    "没有编号为「{id}」的待处理冲突。请用 taizhang conflicts 查看。",
    "There is no open conflict '{id}'. List them with taizhang conflicts.",
)
WHICH_FIELD = T(
    "記錄 {id} 有幾個欄目衝突:{fields}。請指明欄目。",
    "记录 {id} 有几个栏目冲突:{fields}。请指明栏目。",
    "Record {id} has conflicts in several fields: {fields}. Name the field.",
)
TAKE_WHAT = T(
    "請用 --take 給出要保留的值{choices}。",
    "请用 --take 给出要保留的值{choices}。",
    "Give the value to keep with --take{choices}.",
)
RESOLVED = T("已解決:{what}", "已解决:{what}", "Resolved: {what}")
