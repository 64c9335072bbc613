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
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storage import clock
from storage.demo_dates import nothing_after
from storage.demo_people import (
    BRANCH_NAMES,
    ETHNICITIES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    MINORITY,
    OFFICES,
    PLACES,
    POSTS,
    SURNAMES,
    Ids,
    birth,
    fill_other_registers,
    id_number,
    meeting,
    phone,
)
from storage.i18n import Text, os_reason
from storage.messages import StoreError

T = Text
REAL_STORE = T(
    "{home} 裡是真實的台賬,不是示範資料,不能用作示範。請換一個資料夾(--home),或不加 --home;"
    "確要以示範取代它,請加 --reset(先把整個資料夾原樣移到旁邊備份)。",
    "{home} 里是真实的台账,不是示范数据,不能用作示范。请换一个文件夹(--home),或不加 --home;"
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
            raise StoreError(WORKED_ON, home=str(home), what=list(worked))
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
        raise StoreError(CANNOT_MOVE, home=str(home), backup=str(backup), reason=os_reason(error)) from None
    return backup


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
    ids = Ids(seed)
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
        {"name": n, "secretary": None, "phone": phone(rng), "founded_on": date(1990 + i, 7, 1)}
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
        born = date(1968, 3, 12) if n == 0 else birth(rng, today, 19, 88)
        if n % 23 == 5 and n > 0:  # this year's new members: young, as the plan asks
            born = birth(rng, today, 23, 29)
            if n == 5:
                gender = "female"
                name = rng.choice(SURNAMES) + rng.choice(GIVEN_FEMALE) + rng.choice(GIVEN_FEMALE)
        number = id_number(rng, born, gender)
        while number in seen_ids:
            number = id_number(rng, born, gender)
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
            "phone": phone(rng),
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
                meeting_rows.append(meeting(rng, "committee", day, bid, committee, "研究本月支部工作"))
            if month % 3 == 1:
                meeting_rows.append(meeting(rng, "general", day + timedelta(days=1), bid, people,
                                             "傳達學習上級會議精神", quorum_low=(b_no == 2 and month == 4)))
                meeting_rows.append(meeting(rng, "lecture", day + timedelta(days=2), bid, people,
                                             "黨課:黨章與黨員義務"))
            if not (b_no == 0 and month == 5):
                meeting_rows.append(meeting(rng, "theme_day", date(year, month, 1) + timedelta(days=14),
                                             bid, people, "主題黨日:人居環境整治"))
            meeting_rows.append(meeting(rng, "group", day + timedelta(days=3), bid, people[: max(3, len(people) // 3)],
                                         "黨小組學習"))
    leaders = [mid for mid, row in zip(member_ids, member_rows) if row.get("office")][:7] or member_ids[:3]
    for month in months:
        if month == 8:
            continue  # 中心組 skipped August: the target shows unmet
        day = date(year, month, 10)
        if day <= today:
            meeting_rows.append(meeting(rng, "study", day, None, leaders, f"中心組學習:{month}月專題",
                                         speaker=rng.choice(("總支書記", "村委會主任", "駐村工作隊隊長"))))
    if today.month >= 11:
        meeting_rows.append(meeting(rng, "democratic_life", date(year, 11, 20), None, leaders,
                                     "年度民主生活會:對照檢查,開展批評與自我批評"))
    meeting_rows.append(meeting(rng, "creation", date(year, 3, 8), None, leaders, "創建黨建示範點動員會"))
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
                "amount": f"{float(standard) * count:.2f}",
                "paid_on": date(year, end, min(25, 10 + n % 15)) if date(year, end, 1) <= today else today,
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
        # the 預備黨員 (7): his year is up (the README promotes him)
        applied = today - timedelta(days=[40, 20, 500, 420, 300, 800, 700, 960, 200, 10, 430, 390, 1300][n])
        born = applied - timedelta(days=rng.randrange(20 * 365, 33 * 365)) if n != 9 else today - timedelta(days=17 * 365 + 100)
        row = {
            "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_FEMALE if gender == "female" else GIVEN_MALE) for _ in range(2)),
            "gender": gender,
            "id_number": id_number(rng, born, gender),
            "ethnicity": rng.choice(ETHNICITIES),
            "education": rng.choice(("senior", "technical", "college")),
            "phone": phone(rng),
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
            row["id_number"] = id_number(rng, born, gender)
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
        {"member": mid, "card_number": f"LD{year}{i + 1:03d}", "reason": "外出務工",
         "destination": rng.choice(("昆明", "廣州", "深圳", "曲靖")),
         "left_on": date(year - 1, 2, 20), "contact_away": row["phone"], "host_organisation": "流入地社區黨委",
         "dues_paid_to": f"{year}-{max(1, today.month - (i % 4)):02d}"}
        for i, (mid, row) in enumerate(zip(member_ids, member_rows)) if row["mobile"]
    ][:200])
    bulk("reserve_cadres", [
        {"name": rng.choice(SURNAMES) + rng.choice(GIVEN_MALE) + rng.choice(GIVEN_MALE), "gender": "male",
         "birth_date": birth(rng, today, 24, 40), "source": src, "current_job": job,
         "intended_post": "村委會委員", "chosen_on": date(year, 3, 1), "branch": branch_ids[i % len(branch_ids)]}
        for i, (src, job) in enumerate((("capable", "核桃種植大戶"), ("young_farmer", "養殖戶"),
                                        ("returnee", "返鄉創業"), ("veteran", "村民兵連長")))
    ])

    fill_other_registers(store, rng, bulk, today, branch_ids, member_ids, member_rows, roster, leaders, busy_branches)

    # The goal the plan leaves blank (每年培訓農民xx人次): this village set it.
    from storage import settings as settings_mod

    store.settings.targets.farmers_trained = 300
    store.settings.store.demo_journal = journal_fingerprint(store.home)  # the demo as built
    settings_mod.save(store.home, store.settings)
    store.checkpoint()
    return store
