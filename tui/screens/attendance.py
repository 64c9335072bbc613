"""A meeting's roll, ticked off the branch's roster: present, absent (with the reason),
or attending without a vote. 應到 and 實到 are counted, never typed, and a 黨員大會
with half or fewer of its voting members present is warned of, as is a 主持人 or 記錄人
marked absent.

Space turns present into absent and back and moves down; ``m`` picks rows (a ✓ before
the name), and ``a`` then asks one reason for all of them (``p`` and ``n`` mark them too)."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.app import ComposeResult
from textual.widgets import Static

from storage.i18n import Text
from storage.registers.books import ATTENDANCE, absent_officers_note, quorum_warning, roll_counts
from storage.registers.forms import active
from tui import keymap
from tui.screens import texts
from tui.screens.ask import AskScreen
from tui.screens.base import BaseScreen, focus_now
from tui.widgets.table import Column, VirtualTable

#: What space makes of a row: present and absent in turn (an unmarked or 列席 row: present).
TOGGLE = {"present": "absent", "absent": "present"}

PICKED = Text(
    "已選 {count} 人:a 記為缺席(一個原因)· m 取消選取",
    "已选 {count} 人:a 记为缺席(一个原因)· m 取消选取",
    "{count} picked: a marks them absent, one reason · m unpicks",
)
PICKED_REASON = Text(
    "已選的 {count} 人缺席的原因", "已选的 {count} 人缺席的原因", "Why were the {count} picked absent?",
)


class AttendanceScreen(BaseScreen):
    SCOPE = "attendance"
    BINDINGS = keymap.bindings("attendance")

    def __init__(self, *, branch: str | None, rows: list[dict[str, Any]], kind: str | None, title: str = "",
                 officers: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.branch = branch
        self.kind = kind
        self.heading = title
        self.officers = officers or {}  # the meeting's 主持人 and 記錄人, as the form holds them
        self.picked: set[str] = set()  # rows ``m`` picked, for one mark (one reason) at once
        self.marks: dict[str, dict[str, Any]] = {r["member"]: dict(r) for r in rows if r.get("member")}
        self.fresh = not rows

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield Static("", id="roll-count", markup=False)
        yield Static("", id="roll-warning", markup=False)
        yield VirtualTable([], self.cells, id="roll")
        yield self.footer()

    def on_mount(self) -> None:
        members = self.store.table("members")
        roster = [rid for rid, r in members.items() if active(r)
                  and (self.branch is None or r.get("branch") == self.branch)]
        roster += [rid for rid in self.marks if rid not in set(roster)]
        if self.fresh:  # a new roll starts with everyone present; mark who was not
            for rid in roster:
                self.marks[rid] = {"member": rid, "status": "present"}
        self.roster = roster
        table = self.query_one(VirtualTable)
        table.set_rows(roster)
        focus_now(table)
        self.show_counts()

    def relabel(self) -> None:
        lang = self.lang
        self.set_title(texts.ROLL_TITLE(lang, title=self.heading or ""))
        table = self.query_one(VirtualTable)
        table.set_columns([
            Column("name", texts.ROLL_NAME(lang), 12),
            Column("status", texts.ROLL_STATUS(lang), 16),
            Column("reason", texts.ROLL_REASON(lang), 20),
            Column("branch", texts.BRANCH(lang), 12),
        ])
        if getattr(self, "roster", None) is not None:
            self.show_counts()

    def cells(self, rid: str) -> list[str]:
        store = self.store
        member = store.table("members").get(rid, {})
        mark = self.marks.get(rid)
        status = ATTENDANCE.label(mark["status"], self.lang) if mark else "—"
        branch = store.name_of("branches", member.get("branch")) if member.get("branch") else ""
        tick = ("* " if self.tz.ascii else "✓ ") if rid in self.picked else ""
        return [tick + (store.name_of("members", member) if member else rid[:8]), status,
                (mark or {}).get("reason") or "", branch]

    def show_counts(self) -> None:
        expected, present, nonvoting = roll_counts(self.marks.values())
        text = texts.EXPECTED_PRESENT(self.lang, expected=expected, present=present)
        if nonvoting:
            text += texts.NONVOTING_COUNT(self.lang, count=nonvoting)
        if self.picked:
            text += "  " + PICKED(self.lang, count=len(self.picked))
        elif self.branch is None:
            text += "  " + texts.CHOOSE_BRANCH_FIRST(self.lang)
        self.query_one("#roll-count", Static).update(text)
        warning = self.query_one("#roll-warning", Static)
        notes = [texts.QUORUM_WARNING(self.lang)] if quorum_warning(self.kind, self.marks.values()) else []
        officers = absent_officers_note(self.officers, self.marks.values(),
                                        lambda rid: self.store.name_of("members", rid), self.lang)
        notes += [officers] if officers else []
        warning.update(" ".join(notes))
        warning.display = bool(notes)
        table = self.query_one(VirtualTable)
        table.marks = {rid: Style(dim=True) for rid in self.roster if rid not in self.marks} if len(self.roster) < 5000 else {}

    # -- marking ---------------------------------------------------------------------

    def set_status(self, rid: str, status: str | None, reason: str | None = None) -> None:
        if status is None:
            self.marks.pop(rid, None)
        else:
            row = {"member": rid, "status": status}
            if status == "absent" and reason:
                row["reason"] = reason
            self.marks[rid] = row
        table = self.query_one(VirtualTable)
        table.marks.pop(rid, None)
        if status is None:
            table.marks[rid] = Style(dim=True)
        table.refresh_rows()
        self.show_counts()

    def action_mark(self, status: str) -> None:
        table = self.query_one(VirtualTable)
        rid = table.current
        if rid is None:
            return
        if self.picked:
            self.mark_picked(status)
            return
        if status == "absent":
            name = self.store.name_of("members", rid)

            def reason_given(reason: str | None) -> None:
                if reason is not None:
                    self.set_status(rid, "absent", reason.strip() or None)
                    table.move_to(table.cursor + 1)

            self.app.push_screen(AskScreen(texts.REASON_PROMPT(self.lang, name=name),
                                           (self.marks.get(rid) or {}).get("reason", "")), reason_given)
            return
        self.set_status(rid, status)
        table.move_to(table.cursor + 1)

    def mark_picked(self, status: str) -> None:
        """The picked rows marked at once; absent ones with one reason, asked once."""
        picked = [rid for rid in self.roster if rid in self.picked]

        def mark(reason: str | None) -> None:
            if reason is None:
                return  # Esc: nothing marked, the rows stay picked
            self.picked.clear()
            for rid in picked:
                self.set_status(rid, status, reason.strip() or None)

        if status == "absent":
            self.app.push_screen(AskScreen(PICKED_REASON(self.lang, count=len(picked))), mark)
        else:
            mark("")

    def action_pick(self) -> None:
        """Pick the row (or unpick it) and move down."""
        table = self.query_one(VirtualTable)
        rid = table.current
        if rid is None:
            return
        self.picked ^= {rid}
        table.refresh_rows()
        self.show_counts()
        table.move_to(table.cursor + 1)

    def action_cycle(self) -> None:
        """Space: present becomes absent and absent present (an unmarked or 列席 row
        present), then the next row: a roll of twenty with three absent is three spaces."""
        table = self.query_one(VirtualTable)
        rid = table.current
        if rid is None:
            return
        mark = self.marks.get(rid) or {}
        following = TOGGLE.get(mark.get("status") or "", "present")
        self.set_status(rid, following, mark.get("reason") if following == "absent" else None)
        table.move_to(table.cursor + 1)

    def action_all_present(self) -> None:
        for rid in self.roster:
            if rid not in self.marks:
                self.marks[rid] = {"member": rid, "status": "present"}
        self.query_one(VirtualTable).marks = {}
        self.query_one(VirtualTable).refresh_rows()
        self.show_counts()

    def action_done(self) -> None:
        order = {rid: i for i, rid in enumerate(self.roster)}
        rows = sorted(self.marks.values(), key=lambda r: order.get(r["member"], len(order)))
        self.dismiss(rows)

    def action_back(self) -> None:
        self.dismiss(None)
