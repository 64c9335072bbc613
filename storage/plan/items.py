"""The items of the 五好 checklist, as the plan lists them: 二、創建內容 (一)–(五), the
facilities of 五、保證措施 (四欄、三室、二牌、一基地) and the phases of 四、方法步驟.

Pure data, so the register of hand ticks (:mod:`storage.registers.organisation`) can
offer the items as choices without loading the rules that judge them. Each item says
whether the registers can judge it (``judged``) or a person ticks it by hand; the
sixteen places of 一卡二表三簿十冊 are items too, judged from the registers
(:func:`storage.catalogue.plan_book`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from storage.i18n import Text

T = Text


@dataclass(frozen=True)
class Item:
    code: str  # what a person types: 1.2, col.style …
    section: str  # leadership, members, rules, results, public, facilities
    title: Text  # short, for a list
    plan: str  # the plan's own words (zh-Hant, as the plan is written)
    judged: bool  # True: the registers judge it; False: ticked by hand


SECTIONS: dict[str, Text] = {
    "leadership": T("(一)領導班子好", "(一)领导班子好", "1. A good leading group"),
    "members": T("(二)黨員隊伍好", "(二)党员队伍好", "2. Good party members"),
    "rules": T("(三)制度建設好", "(三)制度建设好", "3. Good rules"),
    "results": T("(四)工作業績好", "(四)工作业绩好", "4. Good results"),
    "public": T("(五)群眾反映好", "(五)群众反映好", "5. Good word from the public"),
    "facilities": T("四欄、三室、二牌、一基地", "四栏、三室、二牌、一基地", "Boards, rooms, signs and the base"),
    "registers": T("一卡、二表、三簿、十冊", "一卡、二表、三簿、十册", "The card, forms, books and rolls"),
}


def _item(code: str, section: str, hant: str, hans: str, en: str, plan: str, judged: bool) -> Item:
    return Item(code, section, T(hant, hans, en), plan, judged)


ITEMS: tuple[Item, ...] = (
    # (一)領導班子好
    _item("1.1", "leadership", "集體領導、分工負責,無重大決策失誤", "集体领导、分工负责,无重大决策失误",
          "collective leadership, clear duties, no major wrong decision",
          "兩委班子堅持集體領導與個人分工負責相結合,班子成員分工明確,重大問題集體研究決定,無重大決策失誤。", False),
    _item("1.2", "leadership", "中心組每月學習一次", "中心组每月学习一次", "the central group studies once a month",
          "黨總支建立由兩委班子成員、各村支部書記和村小組長組成的中心組,每月開展一次學習活動,"
          "學習內容年初計劃,每次學習確定主題和發言人。", True),
    _item("1.3", "leadership", "兩委班子成員照片上牆", "两委班子成员照片上墙", "photos of the two committees on the wall",
          "兩委班子成員照片、姓名、年齡、職務製作成板面上牆。", False),
    _item("1.4", "leadership", "民主生活會,每人查找兩條以上整改問題", "民主生活会,每人查找两条以上整改问题",
          "a democratic life meeting; two or more items to rectify each",
          "每年由村黨總支部書記主持召開一次高質量的民主生活會,邀請上級黨委、紀委的同志參加,"
          "通過民主生活會每位班子成員至少要查找兩條以上整改問題,限期整改。", True),
    _item("1.5", "leadership", "黨風廉政責任分解到人,無違紀違法", "党风廉政责任分解到人,无违纪违法",
          "clean-conduct duties assigned to each; no violations",
          "認真抓好與上級黨委簽訂的黨風廉政建設責任狀,並把責任分解到每位班子成員,"
          "確保各項廉潔自律規定到位執行,無違紀違法行為。", False),
    # (二)黨員隊伍好
    _item("2.1", "members", "無職黨員設崗定責80%,群眾滿意率90%", "无职党员设岗定责80%,群众满意率90%",
          "80% of members without office have a post; 90% of the public satisfied",
          "大力開展農村無職黨員設崗定責,無職黨員參與率達80%以上,年底對所有在職和有崗黨員開展一次"
          "群眾民主測評,群眾滿意率達90%以上。", True),
    _item("2.2", "members", "後備幹部5人,積極分子10名,新黨員3名", "后备干部5人,积极分子10名,新党员3名",
          "5 reserve cadres, 10 activists and 3 new members a year",
          "培養「兩委」班子後備人才隊伍5人以上,每年發展入黨積極分子10名,通過培訓發展新黨員3名,"
          "其中30歲以下的3名,女黨員1名。", True),
    _item("2.3", "members", "黨員聯戶包片,聯繫服務群眾", "党员联户包片,联系服务群众",
          "members linked to households, serving the public",
          "建立以「黨員活動中心戶」、黨員聯戶包片為主的聯繫和服務群眾機制,暢通民意收集渠道。", True),
    _item("2.4", "members", "分類管理、流動黨員管理,黨費按時足額", "分类管理、流动党员管理,党费按时足额",
          "members managed by class, members away kept in touch, dues on time and in full",
          "對黨員實行分類管理,注重外出打工等流動黨員的管理,確保組織生活正常。黨費按時足額收繳,單獨建帳管理。", True),
    _item("2.5", "members", "培訓農民,5類以上適用技術", "培训农民,5类以上适用技术",
          "farmers trained in five or more kinds of technique",
          "每年培訓農民xx人次以上,開展5類以上適用技術培訓,讓每個農村勞動力掌握2門致富技術。", True),
    # (三)制度建設好
    _item("3.1", "rules", "村級活動場所達標", "村级活动场所达标", "the village activity venue up to standard",
          "對村級活動場所進行維修,按照村「十有」標準和「四有」標準建好「黨員活動中心」和「黨員活動中心戶」。", False),
    _item("3.2", "rules", "村幹部按時參加上級會議和活動", "村干部按时参加上级会议和活动",
          "cadres attend the township's meetings and activities",
          "村幹部按時參加鄉黨委、政府召開的各種會議、組織的各項活動等。", False),
    _item("3.3", "rules", "建立各項制度", "建立各项制度", "the rules established",
          "建立黨員目標管理制度、學習制度、民主選舉制度、獎勵評比制度,建立「五好」先進村規劃和「兩委」班子"
          "議事規則制度,建立「三會一課」或黨員活動日制度、民主評議黨員制度、結對扶貧制度、黨建工作雙向彙報制度等。", True),
    _item("3.4", "rules", "制度彙編發至每個支部和黨員", "制度汇编发至每个支部和党员",
          "the book of rules handed to every branch and member",
          "把《師宗縣基層黨組織工作制度彙編》、中央四個長效機制、省委十八項制度、市委三個補充制度以及"
          "縣委先進性教育長效機制統彙編發至每個黨支部和黨員。", False),
    _item("3.5", "rules", "按時上報計劃總結,完成黨報黨刊徵訂", "按时上报计划总结,完成党报党刊征订",
          "plans and reports sent on time; party papers subscribed",
          "按時上報工作計劃、總結及其他有關材料。完成黨報黨刊征訂任務。", False),
    # (四)工作業績好
    _item("4.1", "results", "完成年度任務,農民人均純收入增長15%", "完成年度任务,农民人均纯收入增长15%",
          "the year's tasks done; income per head up 15%",
          "按時按質完成鄉黨委、政府下達的年度工作任務,農民人均純收入在上年的基礎上增長15%以上。", True),
    _item("4.2", "results", "承辦經驗交流現場會,受到表彰", "承办经验交流现场会,受到表彰",
          "hosted an exchange meeting; commended",
          "承辦全鄉黨建工作經驗交流現場會一次,黨建工作受到鄉黨委及上級黨組織表彰。", False),
    _item("4.3", "results", "創建有方案、有落實,能通過驗收", "创建有方案、有落实,能通过验收",
          "the campaign planned, carried out, ready for inspection",
          "開展縣級黨建示範點創建有方案、有落實,能通過驗收。", False),
    _item("4.4", "results", "農戶創星率80%,群防群治", "农户创星率80%,群防群治",
          "80% of households with stars; the public keeps the peace",
          "開展群星文明創建活動,農戶創星率達80%。建立「群防群治」體系,開展「黃賭毒」和林業偷砍盜伐專項治理活動,"
          "群眾關心的熱點、難點問題及時解決,無邪教活動。", True),
    _item("4.5", "results", "壯大集體經濟", "壮大集体经济", "the collective economy grown",
          "依託林產業發展壯大集體經濟,招商引資開發銻礦,多渠道增加集體經濟和農民收入。", False),
    _item("4.6", "results", "完成林權制度改革和866工程", "完成林权制度改革和866工程",
          "forest tenure reform and project 866 done",
          "按時、按質完成集體林權制度改革和866工程建設任務。", False),
    # (五)群眾反映好
    _item("5.1", "public", "村幹部掛鈎幫扶特困戶", "村干部挂钩帮扶特困户", "each cadre helps a household in hardship",
          "村幹部掛鈎幫扶特困戶、貧困生,為群眾辦事公平、公正。", True),
    _item("5.2", "public", "電教設備配齊,收看電教片12部", "电教设备配齐,收看电教片12部",
          "audio-visual equipment; 12 films watched a year",
          "配齊黨員幹部電化教育設備,建立工作檯賬,每年組織黨員收看電教片不少於12部。", True),
    _item("5.3", "public", "黨務村務賬務公開,質詢聽證", "党务村务账务公开,质询听证",
          "party, village and account affairs open; public hearings",
          "認真開展黨務、村務、賬務和質詢聽證工作,對群眾關心的重大問題和重點產業的發展要採取公開質詢的方式"
          "向群眾公布政策和徵求意見。", False),
    _item("5.4", "public", "重視青年、婦女兒童和老年人工作", "重视青年、妇女儿童和老年人工作",
          "work for the young, women, children and the old",
          "重視青年、婦女兒童和老年人工作。", False),
    _item("5.5", "public", "兩委工作滿意率90%", "两委工作满意率90%", "90% satisfied with the two committees",
          "年底結合黨員民主測評活動的開展,對村兩委的工作作風和工作實績進行滿意度測評,群眾滿意率達90%以上。", True),
    # 四欄、三室、二牌、一基地
    _item("col.style", "facilities", "黨員風采欄", "党员风采栏", "board of members' profiles", "「四欄」:黨員風采欄", False),
    _item("col.affairs", "facilities", "村務公開欄", "村务公开栏", "board of village affairs", "「四欄」:村務公開欄", False),
    _item("col.education", "facilities", "宣傳教育欄", "宣传教育栏", "board of publicity and education",
          "「四欄」:宣傳教育欄", False),
    _item("col.papers", "facilities", "閱報欄", "阅报栏", "newspaper board", "「四欄」:閱報欄", False),
    _item("room.activity", "facilities", "黨員活動室", "党员活动室", "members' activity room", "「三室」:黨員活動室", False),
    _item("room.reading", "facilities", "圖書閱覽室", "图书阅览室", "reading room", "「三室」:圖書閱覽室", False),
    _item("room.av", "facilities", "電化教育室", "电化教育室", "audio-visual room", "「三室」:電化教育室", False),
    _item("sign.village", "facilities", "村名標誌牌", "村名标志牌", "village name sign", "「二牌」:村名標誌牌", False),
    _item("sign.demo", "facilities", "黨建示範標誌牌", "党建示范标志牌", "demonstration site sign",
          "「二牌」:黨建示範標誌牌", False),
    _item("base.demo", "facilities", "黨建示範基地", "党建示范基地", "demonstration base", "「一基地」:黨建示範基地", False),
)

def plan_words(plan: str, lang: str) -> str:
    """The plan's own words (an item's or a phase's) in the language of the screen: as the
    plan writes them in 繁體; in 简体 the same words in simplified characters (OpenCC's t2s,
    loaded when first asked); in English none, since the plan has no English and its
    title already says what the item is."""
    from storage.i18n import EN, HANS

    if lang == EN:
        return ""
    return _simplified(plan) if lang == HANS else plan


@lru_cache(maxsize=256)
def _simplified(text: str) -> str:
    from opencc import OpenCC

    return str(OpenCC("t2s").convert(text))


BY_CODE: dict[str, Item] = {item.code: item for item in ITEMS}

#: What a person may tick: the items the registers cannot judge.
HAND_ITEMS: tuple[Item, ...] = tuple(item for item in ITEMS if not item.judged)


@dataclass(frozen=True)
class Phase:
    code: str
    title: Text
    plan: str
    months: tuple[tuple[int, int], tuple[int, int]]  # (year offset, month) from, to


PHASES: tuple[Phase, ...] = (
    Phase("mobilisation", T("第一階段:宣傳動員", "第一阶段:宣传动员", "Phase 1: publicity and mobilisation"),
          "研究制定《創建黨建示範點實施方案》,召開創建活動動員會,營造全體黨員共建共創的濃厚氛圍。",
          ((0, 1), (0, 3))),
    Phase("implementation", T("第二階段:組織實施", "第二阶段:组织实施", "Phase 2: carrying it out"),
          "按照創建黨建示範點的基本條件和創建內容,逐項落實,定期召開創建工作會議,解決實際問題。",
          ((0, 4), (0, 10))),
    Phase("review", T("第三階段:檢查提高", "第三阶段:检查提高", "Phase 3: inspection and improvement"),
          "對照實施方案及考核標準認真總結,檔案資料歸檔立卷,自查總結後由鄉黨委檢查驗收。",
          ((0, 11), (1, 3))),
)
