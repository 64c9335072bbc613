"""The demo's made-up village: names (common and polyphonic surnames, minority names with
the middle dot), valid 身份證號 of 師宗縣, phones, birth dates, deterministic ids, a
meeting with its roll, and the registers beyond branches, members and meetings (rich
farmers, rules, activities, pairings, households helped, deeds …). storage.demo builds
the store from them; same seed, same data.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from storage.fields import id_check_character

AREA = "530323"  # 師宗縣, 曲靖市, 雲南省

SURNAMES = (
    "張王李趙劉陳楊黃周吳徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董潘袁蔡蔣余"
    "于杜葉程蘇魏呂丁任沈姚盧姜崔鍾譚陸汪范金石廖賈夏韋付方白鄒孟熊秦邱江尹薛閻段雷"
    "侯龍史陶黎賀顧毛郝龔邵萬錢嚴覃武戴莫孔向湯單解"
)
GIVEN_MALE = "國華建明志強永軍文斌海波林峰平輝東亮偉剛勇杰濤鵬雲成興福昌德"
GIVEN_FEMALE = "桂英秀蘭芳玉梅麗珍娟霞艷紅琴鳳萍燕華翠蓮春花慧敏"
MINORITY = (
    ("阿依古麗·買買提", "female", "維吾爾族"),
    ("熱依拉·吐爾遜", "female", "維吾爾族"),
    ("馬·阿卜杜拉", "male", "回族"),
    ("巴特爾·蒙和", "male", "蒙古族"),
)
ETHNICITIES = ("漢族",) * 7 + ("彝族", "壯族", "苗族")
BRANCH_NAMES = ("大寨支部", "新街支部", "龍潭支部", "產業支部", "老年支部", "青年支部")
POSTS = ("林業管護崗", "科技示範崗", "政策法律宣傳崗", "村情民意收集反饋崗", "環境衛生監督崗", "矛盾糾紛調解崗")
OFFICES = ("村黨總支書記", "村委會主任", "村委會副主任", "村務監督委員會主任", "文書", "支部書記")
PLACES = ("大寨村", "新街", "龍潭", "下寨", "坡頭", "河邊", "老寨")


def id_number(rng: random.Random, born: date, gender: str) -> str:
    seq = rng.randrange(0, 100)
    sex_digit = rng.choice("13579" if gender == "male" else "02468")
    body = f"{AREA}{born:%Y%m%d}{seq:02d}{sex_digit}"
    return body + id_check_character(body)


def phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "150", "151", "158", "187", "135", "182")) + f"{rng.randrange(10**8):08d}"


def birth(rng: random.Random, today: date, low: int, high: int) -> date:
    age_days = rng.randrange(low * 365, high * 365)
    return today - timedelta(days=age_days)


class Ids:
    """Deterministic record ids: uuid5 over the seed and a counter."""

    def __init__(self, seed: int) -> None:
        self.base = uuid.uuid5(uuid.NAMESPACE_URL, f"taizhang-demo-{seed}")
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return str(uuid.uuid5(self.base, str(self.n)))


def meeting(
    rng: random.Random,
    kind: str,
    day: date,
    branch: str | None,
    people: list[str],
    topic: str,
    *,
    quorum_low: bool = False,
    speaker: str | None = None,
) -> dict[str, Any]:
    attendance = []
    for i, mid in enumerate(people):
        if quorum_low:
            present = i % 2 == 1 and i < len(people) - 1
        else:
            present = rng.random() < 0.88
        attendance.append({"member": mid, "status": "present"} if present else
                          {"member": mid, "status": "absent", "reason": rng.choice(("外出務工", "生病", "農忙", "請假"))})
    row: dict[str, Any] = {
        "kind": kind, "held_on": day, "place": "黨員活動室", "host": "支部書記", "recorder": "支部組織委員",
        "attendance": attendance, "topic": topic, "branch": branch,
    }
    if speaker:
        row["speaker"] = speaker
    if kind == "general":
        votes_for = sum(1 for a in attendance if a["status"] == "present")
        row.update(decisions="同意有關事項", votes_for=votes_for, votes_against=0, votes_abstain=0)
    return row


RICH = (
    ("李德明", "male", "核桃種植", "核桃 200 畝", "85000", 23, 5),
    ("趙永富", "male", "生豬養殖", "存欄 300 頭", "120000", 12, 3),
    ("陳秀英", "female", "烤煙種植", "烤煙 80 畝", "66000", 15, 2),
    ("楊建華", "male", "林下養雞", "土雞 2000 隻", "54000", 9, 2),
    ("周玉梅", "female", "農村電商", "網店年銷售 60 萬元", "98000", 30, 6),
    ("蔣國強", "male", "蔬菜種植", "大棚 40 個", "72000", 18, 4),
)
REGULATIONS = (  # eight of the ten rules the plan names: two are still to be written
    ("黨員目標管理制度", "members"), ("學習制度", "study"), ("民主選舉制度", "organisation"),
    ("獎勵評比制度", "assessment"), ("兩委班子議事規則", "decisions"), ("「三會一課」制度", "party_life"),
    ("民主評議黨員制度", "members"), ("結對扶貧制度", "other"), ("村務公開制度", "openness"),
    ("黨風廉政建設責任制", "integrity"),
)
ACTIVITIES = (
    ("volunteer", "清理河道垃圾", "清理河道兩公里,群眾參與。"), ("visit", "走訪慰問困難黨員", "送去米油和慰問金。"),
    ("study", "學習黨章黨規", "集中學習並交流心得。"), ("post_duty", "林業管護巡山", "巡山防火,制止亂砍濫伐。"),
    ("linking", "聯幫帶入戶", "入戶了解困難,幫助聯繫銷路。"), ("culture", "農民運動會", "組織拔河和籃球賽。"),
)
DEEDS = (
    ("good_deeds", "連夜搶修被沖毀的水渠,保住三十畝秧田。", "鄉黨委通報表揚"),
    ("getting_rich", "帶領鄰里種植核桃,戶均增收四千元。", "縣級致富帶頭人"),
    ("civility", "調解鄰里糾紛十餘起,無一上交。", "鄉級文明家庭"),
    ("service", "義務為留守老人代購代辦三年。", "村優秀共產黨員"),
    ("bravery", "跳入河中救起落水兒童。", "縣見義勇為先進個人"),
)
POOR = (("因病", "介紹務工,協調醫療救助。"), ("因學", "聯繫助學金,結對資助。"), ("缺技術", "手把手教核桃管護。"),
        ("缺勞力", "組織黨員幫收幫種。"), ("因殘", "協調低保和殘疾人補貼。"), ("缺資金", "聯繫小額信貸發展養殖。"))
FARMERS = "王李張劉陳楊黃周吳徐孫馬朱胡郭何"


def fill_other_registers(
    store: Any, rng: random.Random, bulk: Callable[[str, list[dict[str, Any]]], list[str]], today: date,
    branch_ids: list[str], member_ids: list[str], member_rows: list[dict[str, Any]],
    roster: dict[str, list[str]], leaders: list[str], busy_branches: list[str],
) -> None:
    """Every other register, sized by the village (a few busy branches), not by the member
    count, so a 100,000-member store is built as fast as before. Some of the plan's targets
    are met and some not; the checklist is partly done."""
    year = today.year
    members = dict(zip(member_ids, member_rows))
    cadres = [mid for mid, row in members.items() if row.get("office")][:60]

    def farmer(i: int) -> str:
        return FARMERS[i % len(FARMERS)] + rng.choice(GIVEN_MALE) + rng.choice(GIVEN_MALE + GIVEN_FEMALE)

    # 二表 致富典型 and 十冊 致富帶頭人: the same kind of people; some are members.
    rich = [{"name": n, "gender": g, "birth_date": birth(rng, today, 35, 60), "political": "群眾" if i % 2 else "中共黨員",
             "education": rng.choice(("junior", "senior", "technical")), "industry": industry, "scale": scale,
             "net_income": income, "households_led": led, "poor_helped": helped, "phone": phone(rng),
             "honours": "縣級致富帶頭人" if i < 2 else None, "deeds": f"發展{industry},帶動 {led} 戶群眾增收。",
             "branch": branch_ids[i % len(branch_ids)]}
            for i, (n, g, industry, scale, income, led, helped) in enumerate(RICH)]
    bulk("rich_models", [{k: v for k, v in r.items() if v is not None} for r in rich[:4]])
    bulk("wealth_leaders", [{k: v for k, v in r.items() if v is not None} for r in rich])

    # 各種制度匯總冊: handed down by the 總支.
    bulk("regulations", [
        {"name": name, "category": category, "issuer": "示範村黨總支", "issued_on": date(year, 1, 10 + i),
         "summary": f"{name}的目的、適用範圍和具體要求。", "body": f"第一條 為規範{name.strip('「」')},制定本制度。……"}
        for i, (name, category) in enumerate(REGULATIONS)
    ])

    # 黨員活動記錄 and 支部活動登記冊: a year of them in the busy branches.
    member_acts, branch_acts = [], []
    for b_no, bid in enumerate(busy_branches):
        people = roster[bid][:60]
        for month in range(1, today.month + 1):
            kind, theme, content = ACTIVITIES[(month + b_no) % len(ACTIVITIES)]
            day = date(year, month, min(28, 12 + b_no))
            if day <= today and people:
                member_acts.append({"held_on": day, "place": rng.choice(PLACES), "kind": kind, "theme": theme,
                                    "organiser": "支部書記", "participants": rng.sample(people, min(len(people), 8)),
                                    "content": content, "outcome": "群眾滿意。", "branch": bid})
            if month % 3 == 0 and date(year, month, 20) <= today:
                training = month in (6, 9)
                branch_acts.append({
                    "held_on": date(year, month, 20), "place": "村活動廣場",
                    "kind": "training" if training else "demonstration",
                    "theme": "電商銷售技術培訓" if training else "三示範:好人好事、率先致富、文明和諧",
                    "organiser": "支部書記", "participants": people[:10], "public_count": 25 + 5 * b_no,
                    "outcome": "參加群眾學會網上開店。" if training else "評出示範戶五戶。", "branch": bid})
    bulk("member_activities", member_acts)
    bulk("branch_activities", branch_acts)

    # 結對幫帶 and 幫扶貧困戶.
    ordinary = [mid for mid, row in members.items() if not row.get("office") and not row.get("mobile")]
    bulk("pairings", [
        {"member": mid, "partner": rich[i % len(rich)]["name"], "partner_phone": rich[i % len(rich)]["phone"],
         "since": date(year, 3, 1 + i), "goal": f"學習{rich[i % len(rich)]['industry']},培養入黨",
         "result": "已提交入黨申請。" if i % 3 == 0 else None}
        for i, mid in enumerate(ordinary[:8])
    ])
    helpers = cadres[:-1] if len(cadres) > 1 else cadres  # one cadre is still to be paired with a household
    aid = [{"helper_member": mid, "household_head": farmer(i), "household_size": 2 + i % 4,
            "address": f"師宗縣{rng.choice(PLACES)}{rng.randrange(1, 120)}號", "cause": POOR[i % len(POOR)][0],
            "measures": POOR[i % len(POOR)][1], "since": date(year, 2, 1 + i % 27),
            "result": "已脫貧。" if i % 4 == 0 else None}
           for i, mid in enumerate(helpers)]
    aid += [{"helper_name": r["name"], "household_head": farmer(i + 40), "household_size": 3, "cause": "缺技術",
             "measures": "帶著發展產業。", "since": date(year, 4, 1)} for i, r in enumerate(rich[:3])]
    bulk("poverty_aid", aid)

    # 典型事跡.
    bulk("exemplary_deeds", [
        {"who": members[mid]["name"], "member": mid, "category": category, "held_on": date(year, 2 + 2 * i, 15),
         "deeds": text, "honour": honour}
        for i, ((category, text, honour), mid) in enumerate(zip(DEEDS, ordinary[20:]))
        if date(year, 2 + 2 * i, 15) <= today
    ])

    # 聯幫帶: each cadre links 6 member households (one links only 4); some members help 10 farm households.
    links = []
    pool = [mid for mid in ordinary if mid not in cadres]
    for c_no, cadre in enumerate(cadres):
        for k in range(4 if c_no == 1 else 6):
            links.append({"kind": "cadre_member", "linker": cadre, "household_member": pool[(c_no * 6 + k) % len(pool)],
                          "since": date(year, 3, 1)})
    for m_no, mid in enumerate(pool[:30]):
        for k in range(10 if m_no % 3 else 7):
            links.append({"kind": "member_farmer", "linker": mid, "household_head": farmer(m_no * 10 + k),
                          "since": date(year, 3, 15)})
    bulk("links", links)

    # 整改: each leader found two items at the 民主生活會 (one found only one); one is overdue.
    life = [rid for rid, r in store.table("meetings").items() if r.get("kind") == "democratic_life"]
    problems = ("聯繫群眾不夠經常", "理論學習不夠深入", "工作方法簡單", "調查研究不夠", "帶頭致富不夠", "批評與自我批評不夠")
    items = []
    for l_no, leader in enumerate(leaders):
        for k in range(1 if l_no == 2 else 2):
            deadline = date(year, 11, 15) if (l_no, k) == (0, 0) else date(year + 1, 3, 31)
            finished = (l_no + k) % 3 == 0 and (l_no, k) != (0, 0)
            items.append({"meeting": life[0] if life else None, "owner_member": leader,
                          "problem": problems[(l_no * 2 + k) % len(problems)], "measures": "制定措施,限期整改。",
                          "deadline": deadline, "status": "done" if finished else "in_progress",
                          "done_on": today if finished else None})
    bulk("rectifications", [{k: v for k, v in i.items() if v is not None} for i in items])

    # 民主測評 and 村情統計: the public satisfied with members (met), less so with the committees.
    bulk("surveys", [
        {"year": year - 1, "subject": "posted_members", "respondents": 118, "satisfied": 104, "held_on": date(year - 1, 12, 20)},
        {"year": year - 1, "subject": "committees", "respondents": 118, "satisfied": 101, "held_on": date(year - 1, 12, 20)},
        {"year": year, "subject": "posted_members", "respondents": 120, "satisfied": 111, "held_on": min(today, date(year, 11, 22))},
        {"year": year, "subject": "committees", "respondents": 120, "satisfied": 105, "held_on": min(today, date(year, 11, 22))},
    ])
    bulk("village_stats", [
        {"year": year - 1, "households": 412, "star_households": 301, "income_per_head": "8000"},
        {"year": year, "households": 412, "star_households": 338, "income_per_head": "9080"},
    ])

    # 創建工作會議 through the second phase, and the checklist ticked as far as it has got.
    creation = [d for d in (date(year, 6, 18), date(year, 9, 16)) if d <= today]
    bulk("meetings", [meeting(rng, "creation", d, None, leaders, "創建工作推進會:逐項對照,解決問題")
                      for d in creation])
    done, partly, not_done = "done", "partly", "not_done"
    ticks = {"1.1": done, "1.3": done, "1.5": done, "3.1": done, "3.2": done, "3.4": partly, "3.5": done,
             "4.3": partly, "5.3": done, "col.style": done, "col.affairs": done, "col.education": done,
             "col.papers": done, "room.activity": done, "room.reading": done, "room.av": partly,
             "sign.village": done, "sign.demo": not_done, "base.demo": partly}
    evidence = {"1.3": "黨員活動室東牆,照片存檔盒 3", "room.av": "電視已配,電腦待配", "sign.demo": "待驗收後製作"}
    bulk("checklist", [{"item": code, "status": status, "checked_on": min(today, date(year, 10, 20)),
                        "checked_by": "總支書記", **({"evidence": evidence[code]} if code in evidence else {})}
                       for code, status in ticks.items()])
