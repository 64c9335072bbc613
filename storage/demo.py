"""A realistic demo organisation: a village 黨總支 of 師宗縣 with its branches and a year of work.

Same seed, same data (ids included). Names mix common and polyphonic surnames (單, 曾,
解) and minority names with the middle dot; 身份證號 are valid numbers of 師宗縣
(530323); there is a year of meetings with some months missed, dues with some members
behind, applicants at every stage, and every register holds something, so that a
first look at the targets and the checklist is meaningful.

``members`` scales it: the default is a village (about 120 members); 100,000 is how the
benchmarks get a large store. Records are saved through the store's bulk path, so they
are validated and journalled like any other.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

from storage import clock
from storage.demo_dates import nothing_after
from storage.fields import id_check_character
from storage.i18n import Text
from storage.messages import StoreError

T = Text
REAL_STORE = T(
    "{home} 裡是真實的台賬,不是示範資料,不能用作示範。請換一個資料夾(--home),或不加 --home;"
    "確要以示範取代它,請加 --reset(先把整個資料夾原樣移到旁邊備份)。",
    "{home} 里是真实的台账,不是示范资料,不能用作示范。请换一个文件夹(--home),或不加 --home;"
    "确要以示范取代它,请加 --reset(先把整个文件夹原样移到旁边备份)。",
    "{home} holds a real store, not demo data: the demo will not touch it. Choose another "
    "folder with --home, or leave --home out; to replace it with the demo all the same, add "
    "--reset (the whole folder is first moved aside as it is, as a backup).",
)
WORKED_ON = T(
    "{home} 裡的示範台賬建成後已有改動({what}),再建示範會把它們蓋掉,所以沒有重建。"
    "要保留這些改動,請換一個資料夾(--home);要重建,請加 --reset(先把整個資料夾原樣移到旁邊備份)。",
    "{home} 里的示范台账建成后已有改动({what}),再建示范会把它们盖掉,所以没有重建。"
    "要保留这些改动,请换一个文件夹(--home);要重建,请加 --reset(先把整个文件夹原样移到旁边备份)。",
    "The demo store in {home} has been worked on since it was built ({what}): building the "
    "demo again would overwrite that, so nothing was done. To keep it, choose another folder "
    "with --home; to rebuild it, add --reset (the whole folder is first moved aside as it "
    "is, as a backup).",
)
NOT_EMPTY = T(
    "{home} 不是空資料夾,裡面也沒有台賬;示範只建在空資料夾或新資料夾裡。請用 --home 換一個。",
    "{home} 不是空文件夹,里面也没有台账;示范只建在空文件夹或新文件夹里。请用 --home 换一个。",
    "{home} is not empty and holds no store: the demo is built only in an empty or new folder. "
    "Choose another with --home.",
)
CANNOT_MOVE = T(
    "無法把 {home} 移到 {backup} 備份:{reason}。沒有改動任何檔案。",
    "无法把 {home} 移到 {backup} 备份:{reason}。没有改动任何文件。",
    "Could not move {home} aside to {backup} as a backup: {reason}. Nothing was changed.",
)

#: What building the demo leaves in its folder; anything else (keys of an enrolled branch,
#: backups, sync state) is the user's work.
DEMO_FILES = {"settings.toml", "state.json", "journal.jsonl", "journal.jsonl.append", "index.tsv", "registers", ".lock"}


def journal_fingerprint(home: Path) -> str:
    """The journal's size and SHA-256: all of a store's work is in its journal."""
    path = home / "journal.jsonl"
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        pass
    return f"{size}:{digest.hexdigest()}"


def changes_since_built(home: Path, raw: dict[str, Any]) -> list[str]:
    """What was done to a demo store since it was built (nothing: it may be rebuilt)."""
    found = sorted(p.name + ("/" if p.is_dir() else "") for p in home.iterdir()
                   if p.name not in DEMO_FILES and not p.name.endswith(".tmp"))
    noted = str(raw.get("store", {}).get("demo_journal", ""))
    size = noted.split(":", 1)[0]
    journal = home / "journal.jsonl"
    current = journal.stat().st_size if journal.exists() else 0
    # The size first, then (only if it agrees) the hash: a second `demo` stays quick.
    if not noted or size != str(current) or journal_fingerprint(home) != noted:
        found.insert(0, "journal.jsonl")
    return found


def make_room(home: Path, *, reset: bool) -> Path | None:
    """Get ``home`` ready for the demo: absent, or empty. A folder holding anything but a
    demo nobody worked on is refused (nothing changed) unless ``reset``, and then moved
    aside whole, as it is, to a sibling folder, whose path is returned."""
    from storage import settings as settings_mod

    if not home.exists():
        return None
    raw = settings_mod.read_raw(home)
    if raw is None:
        if any(home.iterdir()):
            raise StoreError(NOT_EMPTY, home=str(home))
        return None
    if raw.get("store", {}).get("demo") is not True:
        if not reset:
            raise StoreError(REAL_STORE, home=str(home))
    else:
        worked = changes_since_built(home, raw)
        if not worked:
            shutil.rmtree(home)  # the demo as built: the same seed builds it again
            return None
        if not reset:
            raise StoreError(WORKED_ON, home=str(home), what="、".join(worked))
    return _move_aside(home)


def _move_aside(home: Path) -> Path:
    """Rename the folder beside itself: whole at once, nothing copied, nothing lost."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    backup = home.with_name(f"{home.name}.before-demo-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = home.with_name(f"{home.name}.before-demo-{stamp}-{n}")
    try:
        os.rename(home, backup)
    except OSError as error:
        raise StoreError(CANNOT_MOVE, home=str(home), backup=str(backup), reason=error.strerror or str(error)) from None
    return backup

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


def _id_number(rng: random.Random, born: date, gender: str) -> str:
    seq = rng.randrange(0, 100)
    sex_digit = rng.choice("13579" if gender == "male" else "02468")
    body = f"{AREA}{born:%Y%m%d}{seq:02d}{sex_digit}"
    return body + id_check_character(body)


def _phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "150", "151", "158", "187", "135", "182")) + f"{rng.randrange(10**8):08d}"


def _birth(rng: random.Random, today: date, low: int, high: int) -> date:
    age_days = rng.randrange(low * 365, high * 365)
    return today - timedelta(days=age_days)


class _Ids:
    """Deterministic record ids: uuid5 over the seed and a counter."""

    def __init__(self, seed: int) -> None:
        self.base = uuid.uuid5(uuid.NAMESPACE_URL, f"taizhang-demo-{seed}")
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return str(uuid.uuid5(self.base, str(self.n)))


def build(
    home: Path | str,
    *,
    members: int = 120,
    seed: int = 2026,
    progress: Callable[[str], None] | None = None,
) -> Any:
    """Create the demo organisation in ``home`` (which must hold no store)."""
    from storage.store import Store

    rng = random.Random(seed)
    ids = _Ids(seed)
    today = clock.today()
    year = today.year
    branch_count = max(3, min(len(BRANCH_NAMES), 3 + members // 200)) if members < 2000 else 3 + members // 500
    names = [BRANCH_NAMES[i] if i < len(BRANCH_NAMES) else f"第{i + 1}支部" for i in range(branch_count)]

    store = Store.create(home, organisation="示範村黨總支", demo=True, copy_id=f"demo{seed:08d}")
    store.autocheckpoint = False  # one checkpoint at the end, not one per few thousand rows
    say = progress or (lambda _: None)

    def bulk(slug: str, rows: list[dict[str, Any]]) -> list[str]:
        if not rows:
            return []
        rows, record_ids = nothing_after(today, rows, [ids() for _ in rows])  # nothing after today
        say(f"{slug}: {len(rows)}")
        created: list[str] = []
        for start in range(0, len(rows), 20000):
            created += store.add_many(slug, rows[start:start + 20000], record_ids=record_ids[start:start + 20000])
        return created

    branch_ids = bulk("branches", [
        {"name": n, "secretary": None, "phone": _phone(rng), "founded_on": date(1990 + i, 7, 1)}
        for i, n in enumerate(names)
    ])

    # -- members -------------------------------------------------------------------
    member_rows: list[dict[str, Any]] = []
    seen_ids: set[str] = set()
    for n in range(members):
        if n == 0:
            name, gender, ethnicity = "張桂英", "female", "漢族"
        elif n in (7, 19, 31, 43) and n // 12 - 1 < len(MINORITY):
            name, gender, ethnicity = MINORITY[(n // 12) % len(MINORITY)]
        else:
            gender = "female" if rng.random() < 0.32 else "male"
            pool = GIVEN_FEMALE if gender == "female" else GIVEN_MALE
            name = rng.choice(SURNAMES) + "".join(rng.choice(pool) for _ in range(rng.choice((1, 2, 2))))
            ethnicity = rng.choice(ETHNICITIES)
        born = date(1968, 3, 12) if n == 0 else _birth(rng, today, 19, 88)
        if n % 23 == 5 and n > 0:  # this year's new members: young, as the plan asks
            born = _birth(rng, today, 23, 29)
            if n == 5:
                gender = "female"
                name = rng.choice(SURNAMES) + rng.choice(GIVEN_FEMALE) + rng.choice(GIVEN_FEMALE)
        number = _id_number(rng, born, gender)
        while number in seen_ids:
            number = _id_number(rng, born, gender)
        seen_ids.add(number)
        joined = born + timedelta(days=rng.randrange(18 * 365 + 30, max(18 * 365 + 31, (today - born).days - 20)))
        probationary = n % 23 == 5 and n > 0
        if probationary:
            joined = today - timedelta(days=rng.randrange(60, 330))
        elif joined + timedelta(days=366) > today:
            joined = today - timedelta(days=rng.randrange(400, 500))
        age = (today - born).days // 365
        klass = "retired" if age >= 62 and rng.random() < 0.3 else "salaried" if rng.random() < 0.08 else "farmer"
        if rng.random() < 0.02:
            klass = "low_income"
        has_office = n < branch_count * 2 and n != 0 or n % 37 == 3
        row: dict[str, Any] = {
            "name": name,
            "gender": gender,
            "ethnicity": ethnicity,
            "native_place": "雲南師宗",
            "id_number": number,
            "education": rng.choice(("primary", "junior", "junior", "junior", "senior", "technical", "college", "bachelor")),
            "joined_on": joined,
            "confirmed_on": None if probationary else joined + timedelta(days=365),
            "status": "probationary" if probationary else "full",
            "branch": branch_ids[n % branch_count] if n else branch_ids[0],
            "party_group": f"第{n % 3 + 1}黨小組",
            "phone": _phone(rng),
            "address": f"師宗縣{rng.choice(PLACES)}{rng.randrange(1, 120)}號",
            "mobile": n % 17 == 9,
            "dues_class": klass,
            "dues_base": rng.choice(("2800", "3600", "4500", "5600")) if klass in ("salaried", "retired") else None,
        }
        if n == 0:
            row.update(post="政策法律宣傳崗", party_group="第一黨小組", phone="13887400123", address="師宗縣大寨村12號")
        elif has_office:
            row["office"] = OFFICES[n % len(OFFICES)]
        elif n % 10 < (9 if (n % branch_count) % 2 == 0 else 7):  # 90% in some branches, 70% in others
            row["post"] = rng.choice(POSTS)
        member_rows.append(row)
    member_ids = bulk("members", member_rows)
    roster: dict[str, list[str]] = {b: [] for b in branch_ids}
    for mid, row in zip(member_ids, member_rows):
        roster[row["branch"]].append(mid)

    # -- meetings: a year of them, with some months missed ------------------------
    meeting_rows: list[dict[str, Any]] = []
    months = list(range(1, today.month + 1))
    busy_branches = branch_ids[: min(len(branch_ids), 12)]
    for b_no, bid in enumerate(busy_branches):
        people = roster[bid][:400]
        committee = people[:5]
        for month in months:
            day = date(year, month, min(28, 5 + b_no))
            if day > today:
                continue
            if not (b_no == 1 and month in (2, 7)):  # 新街 missed two committee meetings
                meeting_rows.append(_meeting(rng, "committee", day, bid, committee, "研究本月支部工作"))
            if month % 3 == 1:
                meeting_rows.append(_meeting(rng, "general", day + timedelta(days=1), bid, people,
                                             "傳達學習上級會議精神", quorum_low=(b_no == 2 and month == 4)))
                meeting_rows.append(_meeting(rng, "lecture", day + timedelta(days=2), bid, people,
                                             "黨課:黨章與黨員義務"))
            if not (b_no == 0 and month == 5):
                meeting_rows.append(_meeting(rng, "theme_day", date(year, month, 1) + timedelta(days=14),
                                             bid, people, "主題黨日:人居環境整治"))
            meeting_rows.append(_meeting(rng, "group", day + timedelta(days=3), bid, people[: max(3, len(people) // 3)],
                                         "黨小組學習"))
    leaders = [mid for mid, row in zip(member_ids, member_rows) if row.get("office")][:7] or member_ids[:3]
    for month in months:
        if month == 8:
            continue  # 中心組 skipped August: the target shows unmet
        day = date(year, month, 10)
        if day <= today:
            meeting_rows.append(_meeting(rng, "study", day, None, leaders, f"中心組學習:{month}月專題",
                                         speaker=rng.choice(("總支書記", "村委會主任", "駐村工作隊隊長"))))
    if today.month >= 11:
        meeting_rows.append(_meeting(rng, "democratic_life", date(year, 11, 20), None, leaders,
                                     "年度民主生活會:對照檢查,開展批評與自我批評"))
    meeting_rows.append(_meeting(rng, "creation", date(year, 3, 8), None, leaders, "創建黨建示範點動員會"))
    bulk("meetings", meeting_rows)

    # -- dues: entries, with some members behind ------------------------------------
    dues_rows: list[dict[str, Any]] = []
    last_month = today.month
    for n, (mid, row) in enumerate(zip(member_ids, member_rows)):
        behind = 0 if n % 9 else (4 if n % 18 else 7)  # paid to 4 or 7 months ago: 3 or 6 in arrears
        if n == 0:
            behind = 0
        paid_to = last_month - behind
        standard = {"farmer": "0.50", "low_income": "0.20", "student": "0.20"}.get(row["dues_class"])
        if standard is None:
            base = float(row["dues_base"])
            rate = 0.005 if base <= 3000 else 0.01 if base <= 5000 else 0.015
            if row["dues_class"] == "retired":
                rate = 0.005 if base <= 5000 else 0.01
            standard = f"{base * rate:.2f}"
        if paid_to < 1:
            continue
        step = 3 if members <= 2000 else 6  # quarterly on a village, half-yearly on a benchmark store
        for start in range(1, paid_to + 1, step):
            end = min(paid_to, start + step - 1)
            count = end - start + 1
            dues_rows.append({
                "member": mid, "period_from": f"{year}-{start:02d}", "period_to": f"{year}-{end:02d}",
                "base_income": row.get("dues_base"), "standard": standard,
                "amount": f"{float(standard) * count:.2f}", "paid_on": date(year, end, min(25, 10 + n % 15)) if date(year, end, 1) <= today else today,
                "collector": "支部組織委員", "branch": row["branch"],
            })
    dues_ids = bulk("dues", dues_rows)
    if len(dues_ids) > 3:  # a payment typed wrong, reversed, and entered again right
        first = dues_rows[2]
        bulk("dues", [{**first, "amount": f"-{first['amount']}", "reverses": dues_ids[2],
                       "note": "金額記錯,沖銷", "paid_on": today},
                      {**first, "note": "更正後重記", "paid_on": today}])

    # -- applicants at every stage ----------------------------------------------------
    stages = ("applicant", "applicant", "activist", "activist", "activist", "candidate", "candidate",
              "probationary", "activist", "applicant", "activist", "activist", "full")
    applicant_rows = []
    for n, stage in enumerate(stages):
        gender = "female" if n % 3 == 0 else "male"
        applied = today - timedelta(days=[40, 20, 500, 420, 300, 800, 700, 960, 200, 10, 430, 390, 1300][n])  # the 預備黨員 (7): his year is up (README: promote)
        born = applied - timedelta(days=rng.randrange(20 * 365, 33 * 365)) if n != 9 else today - timedelta(days=17 * 365 + 100)
        row = {
            "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_FEMALE if gender == "female" else GIVEN_MALE) for _ in range(2)),
            "gender": gender,
            "id_number": _id_number(rng, born, gender),
            "ethnicity": rng.choice(ETHNICITIES),
            "education": rng.choice(("senior", "technical", "college")),
            "phone": _phone(rng),
            "stage": stage,
            "applied_on": applied,
            "branch": branch_ids[n % len(branch_ids)],
            "contacts": "張桂英、李國華",
        }
        if stage != "applicant" or n == 0:
            row["talked_on"] = applied + timedelta(days=20)
        if stage in ("activist", "candidate", "probationary", "full"):
            row["activist_on"] = applied + timedelta(days=60)
        if stage in ("candidate", "probationary", "full"):
            row["candidate_on"] = applied + timedelta(days=60 + 400)
            row["introducers"] = "張桂英、王建明"
        if stage in ("probationary", "full"):
            row["admitted_on"] = applied + timedelta(days=60 + 400 + 90)
            row["approved_on"] = applied + timedelta(days=60 + 400 + 120)
        if stage == "full":
            row["confirmed_on"] = applied + timedelta(days=60 + 400 + 90 + 366)
        if n == 9:  # under 18: the plan's warning shows
            row["id_number"] = _id_number(rng, born, gender)
            row.pop("talked_on", None)
        applicant_rows.append(row)
    bulk("applicants", applicant_rows)

    # -- distance education: films and trainings --------------------------------------
    films = ["榜樣", "焦裕祿", "楊善洲", "初心", "黨的二十大精神解讀", "脫貧攻堅", "鄉村振興路上",
             "紅色家書", "時代楷模", "廉潔自律警示教育"]
    edu_rows = [
        {"held_on": date(year, min(12, 1 + i), 18), "programme": film, "category": "film", "source": "黨員遠程教育平台",
         "hours": "1.5", "administrator": "遠程教育管理員", "members_count": 20 + i, "public_count": 5 + i}
        for i, film in enumerate(films) if date(year, min(12, 1 + i), 18) <= today
    ]
    techniques = ("核桃嫁接", "烤煙栽培", "生豬養殖", "林下種植", "電商銷售")
    edu_rows += [
        {"held_on": date(year, 3 + i, 22), "programme": f"{t}技術培訓", "category": "technique", "technique": t,
         "tutor": "鄉農業服務中心", "members_count": 15, "public_count": 40 + 5 * i}
        for i, t in enumerate(techniques) if date(year, 3 + i, 22) <= today
    ]
    bulk("remote_education", edu_rows)

    # -- members working away, reserve cadres ------------------------------------------
    bulk("mobile_members", [
        {"member": mid, "card_number": f"LD{year}{i + 1:03d}", "reason": "外出務工", "destination": rng.choice(("昆明", "廣州", "深圳", "曲靖")),
         "left_on": date(year - 1, 2, 20), "contact_away": row["phone"], "host_organisation": "流入地社區黨委",
         "dues_paid_to": f"{year}-{max(1, today.month - (i % 4)):02d}"}
        for i, (mid, row) in enumerate(zip(member_ids, member_rows)) if row["mobile"]
    ][:200])
    bulk("reserve_cadres", [
        {"name": rng.choice(SURNAMES) + rng.choice(GIVEN_MALE) + rng.choice(GIVEN_MALE), "gender": "male",
         "birth_date": _birth(rng, today, 24, 40), "source": src, "current_job": job,
         "intended_post": "村委會委員", "chosen_on": date(year, 3, 1), "branch": branch_ids[i % len(branch_ids)]}
        for i, (src, job) in enumerate((("capable", "核桃種植大戶"), ("young_farmer", "養殖戶"),
                                        ("returnee", "返鄉創業"), ("veteran", "村民兵連長")))
    ])

    _the_rest(store, rng, bulk, today, branch_ids, member_ids, member_rows, roster, leaders, busy_branches)
    store.checkpoint()
    return store


def _meeting(
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
        present = sum(1 for a in attendance if a["status"] == "present")
        row.update(decisions="同意有關事項", votes_for=present, votes_against=0, votes_abstain=0)
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


def _the_rest(
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
    rich = [{"name": n, "gender": g, "birth_date": _birth(rng, today, 35, 60), "political": "群眾" if i % 2 else "中共黨員",
             "education": rng.choice(("junior", "senior", "technical")), "industry": industry, "scale": scale,
             "net_income": income, "households_led": led, "poor_helped": helped, "phone": _phone(rng),
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
            done = (l_no + k) % 3 == 0 and (l_no, k) != (0, 0)
            items.append({"meeting": life[0] if life else None, "owner_member": leader,
                          "problem": problems[(l_no * 2 + k) % len(problems)], "measures": "制定措施,限期整改。",
                          "deadline": deadline, "status": "done" if done else "in_progress",
                          "done_on": today if done else None})
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
    bulk("meetings", [_meeting(rng, "creation", d, None, leaders, "創建工作推進會:逐項對照,解決問題")
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

    # The goal the plan leaves blank (每年培訓農民xx人次): this village set it.
    from storage import settings as settings_mod

    store.settings.targets.farmers_trained = 300
    store.settings.store.demo_journal = journal_fingerprint(store.home)  # the demo as built
    settings_mod.save(store.home, store.settings)
