"""The conflicts a merge found (sync.conflicts): each open one in a list; Enter shows both
values in full and what each choice does, and a key resolves it — take the other copy's
value, keep the value here, or type a new one. Resolving is an ordinary edit (or a
record brought back, or a reversing entry) that then travels like any other change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from storage.present import as_text
from storage.text import visible, width
from tui import keymap
from tui.screens import plan_texts as P
from tui.screens.base import BaseModal, BaseScreen, focus_now
from tui.widgets.table import Column, VirtualTable
from tui.widgets.wrap import hanging, wrap


def one_line(value: Any) -> str:
    """What a conflict names (a record, a branch), on one line with its escapes shown."""
    return visible(as_text(value), lines=False)


def value_text(store: Any, slug: str, field: str, value: Any, lang: str) -> str:
    """A field's value as a person reads it (names for ids, labels for codes)."""
    from storage.present import show_value

    if value is None or value == "" or value == []:
        return P.EMPTY_VALUE(lang)
    text = show_value(store, store.register(slug), field, {field: value}, lang, reveal=True)
    return text or visible(as_text(value))


def fields_text(store: Any, slug: str, values: Any, lang: str) -> list[str]:
    """Several fields (what the other copy changed in a record deleted here)."""
    if not isinstance(values, dict):
        return [visible(as_text(values))]
    reg = store.register(slug)
    sep = ": " if lang == "en" else ":"
    return [f"{reg.label(name, lang)}{sep}{value_text(store, slug, name, value, lang)}" for name, value in values.items()]


def entry_text(store: Any, slug: str, rid: Any, lang: str, *, named: bool = True) -> str:
    """A dues entry in one line (a possible duplicate); ``named``: with whose it is."""
    from storage.present import show_value

    reg = store.register(slug)
    record = store.table(slug).get(str(rid or ""), {})
    if not record:
        return str(rid)[:8]
    parts = [show_value(store, reg, name, record, lang) for name in reg.columns if named or name != reg.name_field]
    return " · ".join(p for p in parts if p)


def copy_name(store: Any, copy: str, lang: str) -> str:
    """Who a change came from: this copy, or a peer by its branch's name."""
    if not copy:
        return "?"
    if copy == store.settings.store.copy_id:
        return P.THIS_COPY(lang)
    try:
        from sync.keys import Keyring
        from sync.outgoing import peer_name

        peer = Keyring.load(store.home).peers.get(copy)
    except Exception:  # no keys, or unreadable: the copy's id says enough
        peer = None
    return peer_name(store, peer) if peer is not None else copy


def stamp_copy(stamp: Any) -> str:
    """The copy a change's stamp names (its last part: time-counter-copy)."""
    return str(stamp or "").rsplit("-", 1)[-1]


class ConflictsScreen(BaseScreen):
    SCOPE = "conflicts"
    BINDINGS = keymap.bindings("conflicts")

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, Any] = {}
        self.described: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield Static("", id="conflicts-head", classes="plan-head", markup=False)
        yield VirtualTable([], self.cells, id="conflicts-table")
        yield Static("", id="conflicts-detail", classes="plan-detail", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        focus_now(self.query_one(VirtualTable))

    def relabel(self) -> None:
        lang = self.lang
        self.set_title(P.CONFLICTS_TITLE(lang))
        self.query_one(VirtualTable).set_columns([
            Column("register", P.REGISTER(lang), 12),
            Column("record", P.RECORD(lang), 8),
            Column("field", P.FIELD(lang), 10),
            Column("here", P.HERE(lang), 21),
            Column("other", P.OTHER(lang), 21),
        ])
        self.load()

    def load(self) -> None:
        from sync.conflicts import describe, open_conflicts

        lang = self.lang
        found = open_conflicts(self.store)
        self.found = {c.id: c for c in found}
        self.described = {c.id: describe(self.store, c, lang) for c in found}
        table = self.query_one(VirtualTable)
        table.empty_text = P.NO_CONFLICTS(lang)
        table.set_rows(list(self.found))
        table.refresh_rows()
        head = P.CONFLICTS_COUNT(lang, n=len(found)) if found else P.NO_CONFLICTS(lang)
        self.query_one("#conflicts-head", Static).update(head)
        self.show_detail()

    def store_changed(self, touched: set[str]) -> None:
        if self.is_mounted:
            self.load()

    def short_values(self, cid: str) -> tuple[str, str]:
        conflict = self.found[cid]
        lang = self.lang
        if conflict.kind == "field":
            return (value_text(self.store, conflict.reg, conflict.field, conflict.here, lang),
                    value_text(self.store, conflict.reg, conflict.field, conflict.other, lang))
        if conflict.kind == "deleted":
            return P.DELETED_NOW(lang), ";".join(fields_text(self.store, conflict.reg, conflict.other, lang))
        return (entry_text(self.store, conflict.reg, conflict.here, lang, named=False),
                entry_text(self.store, conflict.reg, conflict.other, lang, named=False))

    def cells(self, cid: str) -> list[str]:
        row = self.described.get(cid)
        if row is None:
            return []
        here, other = self.short_values(cid)
        return [row["register_title"], row["name"], row["field_label"] or row["what"], here, other]

    def show_detail(self) -> None:
        panel = self.query_one("#conflicts-detail", Static)
        cid = self.query_one(VirtualTable).current
        row = self.described.get(cid or "")
        if row is None:
            panel.update("")
            return
        lang = self.lang
        at = str(row["at"])[:16].replace("T", " ")
        columns = max(20, (self.app.size.width or 80) - 4)
        parts = [one_line(row["what"]), one_line(row["branch"]), P.FOUND_AT(lang, at=at), P.ENTER_OPENS(lang)]
        panel.update("\n".join(wrap(" · ".join(p for p in parts if p), columns)[:2]))

    def on_virtual_table_moved(self, event: VirtualTable.Moved) -> None:
        self.show_detail()

    def action_open(self) -> None:
        cid = self.query_one(VirtualTable).current
        if cid is None or cid not in self.found:
            return

        def closed(resolved: bool | None) -> None:
            self.load()
            focus_now(self.query_one(VirtualTable))

        self.app.push_screen(ConflictScreen(self.found[cid]), closed)

    def action_back(self) -> None:
        self.app.pop_screen()


class ConflictScreen(BaseModal):
    """One conflict: both values in full, what each key does, and the keys."""

    SCOPE = "conflict"
    BINDINGS = keymap.bindings("conflict")

    def __init__(self, conflict: Any) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict", classes="dialog"):
            with VerticalScroll(id="conflict-body"):
                yield Static("", id="conflict-text", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        focus_now(self.query_one("#conflict-body"))

    def relabel(self) -> None:
        self.query_one("#conflict-text", Static).update("\n".join(self.lines()))

    def lines(self) -> list[str]:
        from sync.conflicts import describe

        store, lang, c = self.tz.store, self.lang, self.conflict
        row = describe(store, c, lang)
        columns = 66
        at = str(row["at"])[:16].replace("T", " ")
        named = (row["register_title"], row["name"], row["branch"], row["field_label"])
        title = " · ".join(one_line(p) for p in named if p)
        lines = wrap(title, columns) + wrap(f"{one_line(row['what'])} · {P.FOUND_AT(lang, at=at)}", columns) + [""]
        winner = copy_name(store, stamp_copy(c.note.get("winner_stamp")), lang)
        here_label = P.HERE_IS(lang, who=winner)
        other_label = P.OTHER_IS(lang, who=copy_name(store, row["other_copy"], lang))
        if c.kind == "field":
            here = [value_text(store, c.reg, c.field, c.here, lang)]
            other = [value_text(store, c.reg, c.field, c.other, lang)]
        elif c.kind == "deleted":
            here = [P.DELETED_NOW(lang)]
            other = fields_text(store, c.reg, c.other, lang)
        else:
            here_label, other_label = P.DUPLICATE_HERE(lang), P.DUPLICATE_OTHER(lang)
            here, other = [entry_text(store, c.reg, c.here, lang)], [entry_text(store, c.reg, c.other, lang)]
        for label, values in ((here_label, here), (other_label, other)):
            lines.append(label)
            for value in values:
                lines.append("  " + hanging(value, columns - 2, "  "))
        lines.append("")
        choices = [("o", P.TAKE[c.kind](lang)), ("k", P.KEEP[c.kind](lang))]
        if self.can_type():
            choices.append(("e", P.NEW_VALUE(lang)))
        pad = max(width(k) for k, _ in choices)
        lines += [P.CHOICE_LINE(lang, key=k.ljust(pad), what=what) for k, what in choices]
        return lines

    def can_type(self) -> bool:
        c = self.conflict
        if c.kind != "field":
            return False
        spec = self.tz.store.register(c.reg).fields.get(c.field)
        return spec is not None and not spec.many and spec.field_kind.typed_on_a_line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("take", "keep", "new_value") and self.tz.readonly:
            return False
        if action == "new_value" and not self.can_type():
            return False
        return True

    def still_open(self) -> bool:
        from sync.conflicts import open_conflicts

        if any(c.id == self.conflict.id for c in open_conflicts(self.tz.store)):
            return True
        self.notify(P.GONE(self.lang))
        self.dismiss(False)
        return False

    def apply(self, take: Any | None) -> None:
        """Resolve with ``take`` (None: keep what is here, closing the conflict)."""
        from storage.messages import StoreError, ValidationFailed
        from sync import conflicts as C

        if not self.still_open():
            return
        store, c = self.tz.store, self.conflict
        try:
            if take is None:
                C.keep(store, c)
            else:
                C.resolve(store, c, take)
        except ValidationFailed as failure:  # a new value the register refuses
            self.notify(" ".join(failure.messages(self.lang)), severity="error", timeout=8)
            return
        except StoreError as error:
            self.notify(error.message(self.lang), severity="error", timeout=8)
            return
        row = C.describe(store, c, self.lang)
        what = " · ".join(p for p in (row["register_title"], row["name"], row["field_label"] or row["what"]) if p)
        self.notify(P.RESOLVED(self.lang, what=what), timeout=4)
        self.dismiss(True)

    def action_take(self) -> None:
        c = self.conflict
        self.apply({"field": c.other, "deleted": "restore", "duplicate": "one"}[c.kind])

    def action_keep(self) -> None:
        # The value here stays (as ``taizhang resolve --keep``): for a field, saved again
        # so the choice travels; for a deletion or a pair of entries, the note closes.
        self.apply(None)

    def action_new_value(self) -> None:
        from tui.screens.ask import AskScreen

        c = self.conflict
        label = self.tz.store.register(c.reg).label(c.field, self.lang)

        def answered(value: str | None) -> None:
            if value is not None and value.strip():
                self.apply(value.strip())

        start = "" if c.here is None else str(c.here)
        self.app.push_screen(AskScreen(P.NEW_VALUE_PROMPT(self.lang, field=label), start), answered)

    def action_back(self) -> None:
        self.dismiss(None)
