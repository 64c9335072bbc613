"""A store that already holds what the text policy now refuses — as an older version, a hand
edit or a forged bundle could have left it: escape sequences, bidirectional overrides,
line breaks that would forge table rows, Rich markup, and values of the wrong type (a
dict where a choice is expected, a list where a name is, a number where a date is).

Written straight into ``registers/*.json`` (TinyDB's layout, after a checkpoint) and into
``journal.jsonl`` (lines replayed on the next open), bypassing every validation, so the
tests see what a user opening such a store would see.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: What a hostile value carries, by what a terminal would do with it raw.
TITLE = "\x1b]0;PWNED\x07"  # sets the terminal's (and tmux's pane) title
CLEAR = "\x1b[2J"  # clears the screen
REPORT = "\x1b[6n"  # asks the terminal to type its cursor position back
RLO = "\u202e"  # shows the rest of the line backwards

NAME = f"張{TITLE}桂英"  # a member's name
ADDRESS = f"一組{CLEAR}{REPORT}{RLO}gpj.exe"
FORGED_ROW = "李四\n00000000  第一支部  偽造的行"  # a name holding a line break
FORGED_NOTE = "第一行\n  身份證號   000000000000000000\x07"  # a note forging another field's line
MARKUP = ["[bold]粗體", "[/]", "[link=http://example.com]連結[/link]", "[red]x[/red"]
BRANCH = f"第一{CLEAR}支部"
ORGANISATION_TAIL = "\x1b[2J"  # not used in settings: the store would refuse to open (see tests)

#: Every raw sequence a test checks is absent from what reaches a terminal.
RAW = ["\x1b", "\x07", "\u202e", "\x9b"]


def build(home: Path) -> dict[str, str]:
    """A master with two branches, four members, a meeting, a dues entry and an applicant,
    then poisoned by hand. Returns the ids by role: poisoned, forged, wrong, meeting, …"""
    from storage.store import Store

    store = Store.create(home, organisation="測試村黨總支", branches=["第一支部", "第二支部"])
    b1 = store.resolve_reference("branches", "第一支部")
    ids = {"branch": b1}
    ids["poisoned"] = store.add("members", {"name": "張桂英", "branch": b1, "status": "full",
                                             "gender": "female", "joined_on": "1990-07-01"})["id"]
    ids["forged"] = store.add("members", {"name": "李四", "branch": b1, "status": "full"})["id"]
    ids["wrong"] = store.add("members", {"name": "王五", "branch": b1, "status": "full",
                                          "dues_class": "farmer"})["id"]
    ids["markup"] = store.add("members", {"name": "趙六", "branch": b1, "status": "probationary",
                                           "joined_on": "2026-03-01"})["id"]
    ids["journal"] = store.add("members", {"name": "孫七", "branch": b1, "status": "full"})["id"]
    ids["meeting"] = store.add("meetings", {"kind": "general", "held_on": "2026-11-01", "topic": "學習",
                                            "branch": b1, "attendance": [
                                                {"member": ids["poisoned"]}, {"member": ids["forged"]}]})["id"]
    ids["dues"] = store.add("dues", {"member": ids["wrong"], "period_from": "2026-01", "period_to": "2026-03",
                                     "amount": "1.50", "paid_on": "2026-03-05", "branch": b1})["id"]
    ids["applicant"] = store.add("applicants", {"name": "周八", "branch": b1, "stage": "applicant",
                                                "applied_on": "2026-01-05"})["id"]
    store.checkpoint()
    store.close()

    def poison(slug: str, rid: str, **values: Any) -> None:
        from storage.register_files import encode_table, read_table

        path = home / "registers" / f"{slug}.json"
        rows = read_table(path, slug)
        for row in rows:
            if row["id"] == rid:
                row.update(values)
        path.write_bytes(encode_table(slug, rows))

    poison("branches", b1, name=BRANCH, secretary=MARKUP[1])
    poison("members", ids["poisoned"], name=NAME, address=ADDRESS, note=f"第一行{CLEAR}\n第二行{TITLE}",
           workplace=MARKUP[0], office=MARKUP[1], post=MARKUP[2], party_group=MARKUP[3])
    poison("members", ids["forged"], name=FORGED_ROW, note=FORGED_NOTE, address="甲\t乙\r丙")
    poison("members", ids["wrong"], gender={"x": 1}, id_number=["abc"], birth_date={"y": 1}, education=[1, 2],
           phone=13800000000, joined_on=19900701, status=None, mobile="yes", dues_base={"a": "b"},
           branch={"x": 1}, ethnicity=True, address=None, note=["甲", {"b": 2}])
    poison("meetings", ids["meeting"], topic=f"學習{TITLE}", speeches=f"發言{CLEAR}\n下一行", place=MARKUP[1],
           attendance=[{"member": ids["poisoned"]}, {"member": {"x": 1}, "status": [1]}, "junk", 7])
    poison("dues", ids["dues"], amount={"x": 1}, period_to=["2026-03"], paid_on=20260305, collector=NAME)
    poison("applicants", ids["applicant"], stage={"s": 1}, applied_on="not a date", name=MARKUP[1])

    # A line appended to the journal by hand: replayed on the next open.
    store = Store.open(home, readonly=True)
    last = json.loads((home / "journal.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    line = {**last, "seq": last["seq"] + 1, "hlc": store.clock.tick(), "op": "update", "reg": "members",
            "rec": ids["journal"], "branch": b1,
            "fields": {"name": ["孫七", f"孫{TITLE}七"], "address": [None, f"村{CLEAR}"],
                       "gender": [None, {"x": 1}], "workplace": [None, MARKUP[1]]}}
    with open(home / "journal.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return ids


def leaks(text: str) -> list[str]:
    """The raw control sequences ``text`` (what reached a terminal) holds."""
    return [r for r in RAW if r in text]
