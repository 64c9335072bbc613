"""What the screens' tests share: the terminal size, typing, choosing, and a small
village of fixed data (the screens' pictures must not change when the demo does)."""

from __future__ import annotations

import random
import uuid
from datetime import date
from pathlib import Path
from typing import Any

SIZE = (80, 24)

BRANCHES = ("大寨支部", "新街支部", "龍潭支部")
SURNAMES = "張王李趙劉陳楊黃周吳徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮"
GIVEN = {"male": "國華建明志強永軍文斌海波林峰", "female": "桂英秀蘭芳玉梅麗珍娟霞"}
POSTS = ("林業管護崗", "科技示範崗", "政策法律宣傳崗", "村情民意收集反饋崗")


def text_of(widget: Any) -> str:
    """What a Static shows, as plain text (an option list: its options, a line apart)."""
    from textual.widgets import OptionList

    if isinstance(widget, OptionList):
        return "\n".join(str(widget.get_option_at_index(n).prompt) for n in range(widget.option_count))
    content = widget.render()
    return str(getattr(content, "plain", content))


async def ready(pilot: Any) -> None:
    """Wait until the store, opened behind the first screen, is open and shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def type_text(pilot: Any, text: str) -> None:
    for ch in text:
        await pilot.press(ch)


async def choose(pilot: Any, label: str) -> None:
    """Open the focused select and pick the option showing ``label``."""
    from textual.widgets import Select

    focused = pilot.app.focused
    select = focused if isinstance(focused, Select) else focused.parent
    labels = [str(prompt) for prompt, _ in select._options]
    await pilot.press("enter")
    for _ in range(labels.index(label)):
        await pilot.press("down")
    await pilot.press("enter")


def id_number(born: date, gender: str, n: int) -> str:
    from storage.fields import id_check_character

    body = f"530323{born:%Y%m%d}{n % 100:02d}{(2 * n + (gender == 'male')) % 10}"
    return body + id_check_character(body)


def build_village(home: Path, members: int = 30) -> None:
    """示範村黨總支: three branches, ``members`` members, a few meetings and dues, always
    the same (fixed seed, fixed ids, the pinned clock)."""
    from storage.store import Store

    rng = random.Random(7)
    base = uuid.UUID("7a1f0000-0000-4000-8000-000000000000")
    counter = iter(range(1, 1_000_000))

    def ids(count: int) -> list[str]:
        return [str(uuid.uuid5(base, str(next(counter)))) for _ in range(count)]

    store = Store.create(home, organisation="示範村黨總支", copy_id="village00001")
    branch_ids = store.add_many("branches", [{"name": n, "phone": f"0874-51234{i:02d}"}
                                             for i, n in enumerate(BRANCHES)], record_ids=ids(3))
    rows = []
    for n in range(members):
        gender = "female" if n % 3 == 0 else "male"
        name = "張桂英" if n == 0 else rng.choice(SURNAMES) + "".join(rng.choice(GIVEN[gender]) for _ in range(2))
        born = date(1950 + rng.randrange(0, 50), rng.randrange(1, 13), rng.randrange(1, 28))
        row = {
            "name": name, "gender": gender, "birth_date": born, "id_number": id_number(born, gender, n),
            "branch": branch_ids[n % 3], "status": "probationary" if n % 11 == 5 else "full",
            "joined_on": date(born.year + 25, 7, 1), "phone": f"13{rng.randrange(3, 10)}{rng.randrange(10**8):08d}",
            "dues_class": "farmer",
        }
        if n % 11 == 5:
            row["joined_on"] = date(2026, 3, 1)
        if n % 2:
            row["post"] = POSTS[n % len(POSTS)]
        rows.append(row)
    member_ids = store.add_many("members", rows, record_ids=ids(members))
    roster = {b: [m for m, r in zip(member_ids, rows) if r["branch"] == b] for b in branch_ids}
    meetings = []
    for month in range(1, 12):
        for b_no, bid in enumerate(branch_ids):
            people = roster[bid]
            attendance = [{"member": m, "status": "present"} if (i + month) % 5 else
                          {"member": m, "status": "absent", "reason": "外出務工"} for i, m in enumerate(people)]
            meetings.append({"kind": "committee", "held_on": date(2026, month, 5 + b_no), "branch": bid,
                             "topic": f"{month}月支部工作", "attendance": attendance[:5]})
            if month % 3 == 1:
                meetings.append({"kind": "general", "held_on": date(2026, month, 10 + b_no), "branch": bid,
                                 "topic": "傳達學習上級會議精神", "attendance": attendance})
    store.add_many("meetings", meetings, record_ids=ids(len(meetings)))
    dues = [{"member": m, "period_from": "2026-01", "period_to": "2026-09" if i % 4 else "2026-05",
             "amount": "4.50" if i % 4 else "2.50", "standard": "0.50", "paid_on": date(2026, 9, 20)}
            for i, m in enumerate(member_ids)]
    store.add_many("dues", dues, record_ids=ids(len(dues)))
    store.checkpoint()
    store.close()
