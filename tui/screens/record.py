"""A record as it stands: every field (身份證號 revealed on request), what the other
registers say of a member (dues, meetings, pairings, posts), and its history."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from storage import clock
from storage.present import as_text, referenced_name
from storage.text import fit, visible, width
from tui import keymap
from tui.screens import texts
from tui.screens.base import BaseScreen, focus_now
from tui.widgets.wrap import wrap

#: A journal this small is read for a record's history before the screen shows.
SMALL_JOURNAL = 4 * 1024 * 1024


def dues_paid_to(store: Any, member: dict[str, Any]) -> tuple[str | None, int | None]:
    """The last month a member's dues are paid for ("2026-11") and the months in arrears
    (None when unknown). The plan's dues rules say it when they are installed; else the
    latest month of an entry not reversed."""
    from storage.records import sound

    try:
        from storage.plan.dues import member_dues
    except ImportError:
        pass  # no plan's dues rules: the entries say it, below
    else:
        found = member_dues(store, members=sound(store.register("members"), [member]))
        if found:
            return found[0].paid_to, found[0].arrears
    from storage.registers.rolls import live_entries

    entries = [e for e in sound(store.register("dues"), store.table("dues").values()) if e.get("member") == member["id"]]
    months = [e.get("period_to") or e.get("period_from") for e in live_entries(entries)]
    known = [m for m in months if m]
    return (max(known) if known else None), None


def meetings_this_year(store: Any, member_id: str) -> tuple[int, int]:
    """(present, expected) over this year's meetings whose roll names the member."""
    from storage.records import sound
    from storage.registers.books import member_attendance

    meetings = sound(store.register("meetings"), store.table("meetings").values())  # rows as rows
    return member_attendance(meetings, member_id, clock.today().year)


class RecordScreen(BaseScreen):
    SCOPE = "record"
    BINDINGS = keymap.bindings("record")

    def __init__(self, rid: str) -> None:
        super().__init__()
        self.rid = rid
        self.reveal = False
        self.changes: list[dict[str, Any]] | None = None

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        with VerticalScroll(id="record"):
            yield Static("", id="record-fields", markup=False)
            yield Static("", id="record-about", classes="section", markup=False)
            yield Static("", id="record-history", classes="section", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        focus_now(self.query_one("#record"))
        self.load_history()

    def load_history(self) -> None:
        if self.store.journal.size() < SMALL_JOURNAL:
            self.changes = list(self.store.journal.of_record(self.record["id"]))
            self.show()
        else:  # reading a long journal takes a while: the record shows first
            self.run_worker(self.read_history, thread=True, exclusive=True)

    def read_history(self) -> None:
        changes = list(self.store.journal.of_record(self.rid))

        def arrived() -> None:
            self.changes = changes
            self.show()

        self.app.call_from_thread(arrived)

    @property
    def reg(self) -> Any:
        if getattr(self, "_slug", None) is None:
            reg, record = self.store.get(self.rid)  # an id prefix is looked up once
            self._slug, self.rid = reg.slug, record["id"]
        return self.store.register(self._slug)

    @property
    def record(self) -> dict[str, Any]:
        return self.store.table(self.reg.slug)[self.rid]

    def relabel(self) -> None:
        self.show()

    def show(self) -> None:
        from storage.present import show_value

        lang, store, reg, record = self.lang, self.store, self.reg, self.record
        self.set_title(reg.title(lang), store.name_of(reg.slug, record))
        names = [n for n in reg.fields] + [n for n, _ in reg.derived]
        labels = {n: reg.label(n, lang) for n in names}
        pad = min(18, max(width(label) for label in labels.values()))
        lines = []
        indent = "\n" + " " * (pad + 2)
        for name in names:
            value = show_value(store, reg, name, record, lang, reveal=self.reveal)
            spec = reg.fields.get(name)
            if spec is None or spec.field_kind.one_line:
                value = visible(value, lines=False)  # one line, whatever a hand edit put in it
            if value:  # a multi-line field's further lines stay under its value, never a field's own line
                lines.append(f"{fit(labels[name], pad)}  {value.replace(chr(10), indent)}")
            if spec is not None and spec.field_kind.editor == "roll" and isinstance(record.get(name), list):
                from storage.registers.books import meeting_kind

                rows = [row for row in record[name] if isinstance(row, dict)]
                lines += self.roll_lines(rows, pad, meeting_kind(record))
        if record.get("_d"):
            lines.append(texts.DELETED_MARK(lang))
        self.query_one("#record-fields", Static).update("\n".join(lines))
        about = self.query_one("#record-about", Static)
        if reg.slug == "members":
            about.update(self.about_member(pad))
            about.display = True
        else:
            about.display = False
        self.query_one("#record-history", Static).update(self.history_text())

    def roll_lines(self, rows: list[dict[str, Any]], pad: int, kind: str | None) -> list[str]:
        """Who was present, absent (and why), attending without a vote; and the quorum."""
        from storage.registers.books import ATTENDANCE, quorum_warning

        lang, store = self.lang, self.store
        indent = " " * (pad + 2)
        room = max(20, (self.app.size.width or 80) - 7 - len(indent))  # padding, scrollbar, hanging 、
        sep = ", " if lang == "en" else "、"
        out = []
        for status in ("present", "absent", "nonvoting"):
            names = []
            for row in rows:
                if row.get("status", "present") == status:
                    name = visible(referenced_name(store, "members", row.get("member")), lines=False)
                    reason = visible(as_text(row.get("reason")), lines=False)
                    names.append(f"{name}({reason})" if reason else name)
            if names:
                text = f"{ATTENDANCE.label(status, lang)}({len(names)}):" + sep.join(names)
                out += [indent + part for part in wrap(text, room)]
        if quorum_warning(kind, rows):
            out += [indent + part for part in wrap(texts.QUORUM_WARNING(lang), room)]
        return out

    def about_member(self, pad: int) -> str:
        lang, store, rid = self.lang, self.store, self.rid
        record = self.record
        lines = [texts.ABOUT_MEMBER(lang)]

        def line(label: Any, value: str) -> None:
            lines.append(f"{fit(label(lang), pad)}  {value}")

        if self.tz.ready("dues"):
            paid, arrears = dues_paid_to(store, record)
            text = paid or texts.DUES_NEVER(lang)
            if arrears:
                text += texts.ARREARS(lang, months=arrears)
            line(texts.DUES_PAID_TO, text)
        else:
            line(texts.DUES_PAID_TO, texts.LOADING(lang))
        if self.tz.ready("meetings"):
            present, expected = meetings_this_year(store, rid)
            line(texts.MEETINGS_THIS_YEAR, texts.MEETINGS_COUNT(lang, present=present, expected=expected))
        else:
            line(texts.MEETINGS_THIS_YEAR, texts.LOADING(lang))
        pairs = [p for p in store.records("pairings") if p.get("member") == rid]
        shown = "、".join(as_text(p.get("partner")) + (f"({as_text(p['goal'])})" if p.get("goal") else "")
                         for p in pairs)
        line(texts.PAIRINGS, visible(shown, lines=False) or texts.NONE(lang))
        reg = self.reg
        posts = [f"{reg.label(f, lang)} {as_text(record[f])}" for f in ("post", "office") if record.get(f)]
        line(texts.POSTS, visible(";".join(posts), lines=False) or texts.NONE(lang))
        return "\n".join(lines)

    def history_text(self) -> str:
        lang, reg = self.lang, self.reg
        lines = [texts.HISTORY(lang)]
        if self.changes is None:
            return "\n".join(lines + [texts.LOADING(lang)])
        changes = self.changes
        for change in changes[-12:]:
            when = str(change.get("at", ""))[:16].replace("T", " ")
            op_name = change.get("op")
            op = texts.OPS.get(op_name if isinstance(op_name, str) else "", texts.OPS["update"])(lang)
            parts = []
            fields = change.get("fields")
            for name, pair in (fields.items() if isinstance(fields, dict) else ()):  # a journal line, maybe hand-edited
                old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
                spec = reg.fields.get(name)
                if spec is not None:
                    kind = spec.field_kind
                    old = kind.history(old, self.reveal) if old is not None else None
                    new = kind.history(new, self.reveal)
                if change.get("op") == "create":
                    continue
                parts.append(f"{reg.label(name, lang)}: {_short(old)} → {_short(new)}")
            lines.append(f"{when} {op} " + ";".join(parts))
        if len(changes) > 12:
            lines.insert(1, f"… ({len(changes) - 12})")
        return "\n".join(lines)

    def table_loaded(self, slug: str) -> None:
        if slug in ("dues", "meetings"):
            self.show()

    def store_changed(self, touched: set[str]) -> None:
        if self.is_mounted:
            self.show()
            self.load_history()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete") and (self.tz.readonly or self.reg.entries):
            return False
        if action == "reveal" and not any(s.field_kind.reveals() for s in self.reg.fields.values()):
            return False
        return True

    def action_reveal(self) -> None:
        self.reveal = not self.reveal
        self.show()

    def action_edit(self) -> None:
        from tui.screens.form import RecordForm

        self.app.push_screen(RecordForm(self.reg.slug, self.rid))

    def action_delete(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        name = self.store.name_of(self.reg.slug, self.record)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            from storage.messages import StoreError

            try:
                self.store.delete(self.rid)
            except StoreError as error:
                self.notify(error.message(self.lang), severity="error", timeout=8)
                return
            self.notify(texts.DELETED(self.lang, name=name))
            self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(texts.CONFIRM_DELETE(self.lang, name=name)), answered)

    def action_print_paper(self) -> None:
        from tui.screens.paper import print_record

        print_record(self)

    def action_back(self) -> None:
        self.app.pop_screen()


def _short(value: Any) -> str:
    if value is None or value == "":
        return "—"
    text = visible(as_text(value), lines=False)  # one line, escapes shown
    return text if len(text) <= 30 else text[:29] + "…"
