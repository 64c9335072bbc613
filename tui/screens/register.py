"""A register: its records in a virtual table, a filter that narrows as you type, sort,
branch, and the keys to add, open, edit, delete and export."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from storage import catalogue
from storage.i18n import Text
from storage.text import visible
from tui import keymap
from tui.screens import texts
from tui.screens.base import BaseScreen, focus_now
from tui.screens.export import export_available
from tui.screens.rows import Cells, Found, Scan, columns_of, default_order, narrow, sort_key
from tui.widgets.table import VirtualTable

#: Rows read ahead of a big file while the rest of it loads.
PREVIEW_ROWS = 60
#: Rows a filter looks at per slice: a keystroke costs one slice, whatever the register.
SCAN_SLICE = 20000


class RegisterScreen(BaseScreen):
    SCOPE = "register"
    BINDINGS = keymap.bindings("register")

    def __init__(self, slug: str, *, title: Text | None = None, branch: str | None = None,
                 only: list[str] | None = None) -> None:
        super().__init__()
        # Only these records (the ones behind a target's figure or a checklist item).
        self.only = set(only) if only is not None else None
        reg = catalogue.get(slug)
        assert reg is not None, slug
        self.reg = reg
        self.place_title = title or reg.title
        self.branch = branch
        self.sort_field, self.sort_desc = default_order(reg)
        self.base: list[str] = []  # ids of the branch, in order
        self.shown: Sequence[str] = []  # base, or the filter's Found over it
        self.needle = ""
        self._keys: list[str] | None = None
        self.scan: Scan | None = None
        self.preview = False

    # -- building ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.cells = Cells(self.store, self.reg, self.lang)
        yield self.title_bar()
        with Horizontal(id="filter-line"):  # one line: less to redraw on each keystroke
            yield Input(id="filter", classes="filter")
            yield Static("", id="status", markup=False)
        yield VirtualTable(columns_of(self.reg, self.lang), self.cells, id="table")
        yield self.footer()

    def on_mount(self) -> None:
        filt = self.query_one("#filter", Input)
        filt.cursor_blink = False  # always shown: "/" moves the focus, never the layout
        focus_now(self.query_one(VirtualTable))
        if all(self.tz.ready(slug) for slug in self.needs()):
            self.load_rows()
            self.set_timer(0.3, self.prepare_keys)
            return
        preview = None
        if all(self.tz.ready(s) for s in self.needs() if s != self.reg.slug):
            preview = self.store.peek(self.reg.slug, PREVIEW_ROWS)
        for slug in self.needs():
            self.tz.want(slug)
        if preview is not None:
            self.preview = True
            self.cells.preview = {r["id"]: r for r in preview}
            self.shown = [r["id"] for r in preview if self.only is None or r["id"] in self.only]
            self.query_one(VirtualTable).set_rows(self.shown)
        self.show_status()
        # Once the first rows are on the terminal, read the rest (a blocking read).
        self.call_after_refresh(lambda: self.set_timer(0.01, self.finish_loading))

    def needs(self) -> set[str]:
        """The registers this table reads: its own and those its columns name."""
        wanted = {self.reg.slug}
        for name in self.reg.columns:
            spec = self.reg.fields.get(name)
            if spec is not None and spec.ref:
                wanted.add(spec.ref)
        return wanted

    def finish_loading(self) -> None:
        for slug in sorted(self.needs()):
            self.store.table(slug)
        self.preview = False
        self.cells.preview = {}
        self.load_rows()
        self.set_timer(0.05, self.prepare_keys)

    def table_loaded(self, slug: str) -> None:
        if self.preview and all(self.tz.ready(s) for s in self.needs()):
            self.finish_loading()

    def store_changed(self, touched: set[str]) -> None:
        if touched & self.needs() and not self.preview:
            self.cells.clear()
            self.load_rows()

    def relabel(self) -> None:
        self.set_title(self.place_title(self.lang))
        table = self.query_one(VirtualTable)
        self.cells.lang = self.lang
        self.cells.clear()
        table.set_columns(columns_of(self.reg, self.lang))
        table.empty_text = (texts.EMPTY if not self.needle else texts.NO_MATCH)(self.lang)
        self.query_one("#filter", Input).placeholder = "/ " + texts.FILTER_HINT(self.lang)
        self.show_status()

    # -- rows ------------------------------------------------------------------------

    def load_rows(self, keep: str | None = None) -> None:
        """The branch's records in the chosen order, then the filter over them."""
        table = self.store.table(self.reg.slug)
        ids = [rid for rid, r in table.items() if not r.get("_d")]
        if self.branch:
            ids = [rid for rid in ids if table[rid].get("branch") == self.branch]
        if self.only is not None:
            ids = [rid for rid in ids if rid in self.only]
        if self.sort_field:
            spec = self.reg.fields.get(self.sort_field)
            by_name = self.sort_field == self.reg.name_field or (spec is not None and spec.ref)
            key = sort_key(self.store, self.reg, self.sort_field, self.lang,
                           self.tz.search_keys().keys if by_name else None)
            keyed = [(key(table[rid]), rid) for rid in ids]
            present = [k for k in keyed if k[0][0] == 0]
            missing = [k for k in keyed if k[0][0] != 0]
            present.sort(key=lambda k: k[0], reverse=self.sort_desc)
            ids = [rid for _, rid in present] + [rid for _, rid in missing]
        self.base = ids
        self._keys = None
        self.scan = None
        self.apply_filter(keep=keep)

    def prepare_keys(self) -> None:
        """Read the search keys before the first keystroke needs them."""
        if self.is_mounted and not self.preview:
            self.keys()

    def keys(self) -> list[str]:
        """The search keys of each row of ``base`` (as ``taizhang find`` matches them)."""
        if self._keys is None:
            found = self.tz.search_keys().keys
            if self.reg.entries:  # payments are found through what they name (the member)
                table = self.store.table(self.reg.slug)
                field = self.reg.name_field
                self._keys = [found.get(table[rid].get(field) or "", "") for rid in self.base]
            else:
                self._keys = [found.get(rid, "") for rid in self.base]
        return self._keys

    def apply_filter(self, keep: str | None = None) -> None:
        q = self.needle
        table = self.query_one(VirtualTable)
        table.empty_text = (texts.EMPTY if not q else texts.NO_MATCH)(self.lang)
        if not q:
            self.scan = None
            self.shown = self.base
        else:
            # Enough rows for the screen now; the rest a slice at a time after it is drawn.
            self.scan = Scan.start(self.keys(), q, self.scan)
            self.scan.run(until_hits=table.body_height + 1, budget=SCAN_SLICE)
            self.shown = Found(self.base, self.scan.hits)
            if not self.scan.done:
                scan = self.scan
                self.set_timer(0.001, lambda: self.scan_on(scan))
        table.set_rows(self.shown, keep=keep if self.scan is None or self.scan.done else None)
        self.show_status()

    def scan_on(self, scan: Scan) -> None:
        if scan is not self.scan or not self.is_mounted:
            return  # a newer keystroke took over (and carries this scan's remainder on)
        before = len(scan.hits)
        scan.run(budget=SCAN_SLICE)
        table = self.query_one(VirtualTable)
        table.rows_grew(before)  # redraws only lines that were empty and are not now
        self.show_status()
        if not scan.done:
            self.set_timer(0.001, lambda: self.scan_on(scan))

    def show_status(self) -> None:
        lang = self.lang
        table = self.query_one(VirtualTable)
        if self.preview:
            count = texts.LOADING(lang)
        elif self.needle:
            shown = f"{len(self.shown)}" if self.scan is None or self.scan.done else f"≥{len(self.shown)}"
            count = texts.COUNT(lang, shown=shown, total=len(self.base))
        else:
            count = texts.COUNT_ALL(lang, total=len(self.base))
        parts = [count]
        parts.append(visible(self.store.name_of("branches", self.branch), lines=False) if self.branch
                     else texts.ALL_BRANCHES(lang))
        if self.sort_field:
            arrow = "↓" if self.sort_desc else "↑"
            if self.tz.ascii:
                arrow = "v" if self.sort_desc else "^"
            parts.append(texts.SORTED_BY(lang, label=self.reg.label(self.sort_field, lang)) + arrow)
        position = f"{table.cursor + 1}/{len(table.rows)}" if table.rows else ""
        text = " · ".join(parts)
        self.query_one("#status", Static).update(f"{text} {position}", layout=False)

    def on_virtual_table_moved(self, event: VirtualTable.Moved) -> None:
        self.show_status()

    # -- the filter --------------------------------------------------------------------

    def action_filter(self) -> None:
        filt = self.query_one("#filter", Input)
        focus_now(filt)
        self._opening_filter = True  # until it has the focus, letters typed are its own

    def on_descendant_focus(self, event: Any) -> None:
        if getattr(event, "widget", None) is not None and event.widget.id == "filter":
            self._opening_filter = False

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter":
            return
        q = narrow(event.value)
        if q != self.needle and not self.preview:
            self.needle = q
            self.apply_filter()

    def on_key(self, event: Any) -> None:
        filt = self.query_one("#filter", Input)
        ch = event.character or ""
        if getattr(self, "_opening_filter", False) and self.focused is not filt and len(ch) == 1 and ch.isprintable():
            event.stop()
            event.prevent_default()
            filt.value += ch
            filt.cursor_position = len(filt.value)
            return
        if self.focused is filt and event.key == "down":
            event.stop()
            event.prevent_default()
            focus_now(self.query_one(VirtualTable))

    # -- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "edit", "delete") and self.tz.readonly:
            return False
        if action in ("edit", "delete") and self.reg.entries:
            return False
        if action == "export" and not export_available():
            return False
        if action in ("add", "export", "import_rows") and self.only is not None:
            return False  # a list of some records: a new one or a file would not be among them
        if action == "import_rows" and (self.tz.readonly or not export_available()):
            return False
        return True

    def current(self) -> str | None:
        return self.query_one(VirtualTable).current

    def busy(self) -> bool:
        if self.preview:
            self.notify(texts.STILL_LOADING(self.lang, title=self.place_title(self.lang)))
            return True
        return False

    def action_back(self) -> None:
        filt = self.query_one("#filter", Input)
        if self.focused is filt or filt.value:  # Esc leaves the filter first, then the screen
            filt.value = ""
            focus_now(self.query_one(VirtualTable))
            return
        self.app.pop_screen()

    def action_open(self) -> None:
        table = self.query_one(VirtualTable)
        if self.focused is not table:  # Enter in the filter: keep the filter, go to the rows
            focus_now(table)
            return
        rid = self.current()
        if rid and not self.busy():
            self.tz.open_record(rid)

    def action_add(self) -> None:
        if self.busy():
            return
        from tui.screens.form import RecordForm

        defaults = {"branch": self.branch} if self.branch else {}
        self.app.push_screen(RecordForm(self.reg.slug, None, defaults=defaults), self.after_form)

    def action_edit(self) -> None:
        rid = self.current()
        if not rid or self.busy():
            return
        from tui.screens.form import RecordForm

        self.app.push_screen(RecordForm(self.reg.slug, rid), self.after_form)

    def after_form(self, rid: str | None) -> None:
        if rid:
            self.show_saved(rid)

    def show_saved(self, rid: str) -> None:
        """The record just saved, under the cursor: the branch and the filter are kept if
        it is among what they show, else cleared (a new member is never hidden by them)."""
        record = self.store.table(self.reg.slug).get(rid) or {}
        if self.branch and record.get("branch") != self.branch:
            self.branch = None
        if self.needle:
            found = self.tz.search_keys().keys
            key = found.get(record.get(self.reg.name_field) or "", "") if self.reg.entries else found.get(rid, "")
            if self.needle not in key:
                self.needle = ""
                self.query_one("#filter", Input).value = ""
        self.load_rows(keep=rid)
        table = self.query_one(VirtualTable)
        if table.current != rid and rid in self.shown:
            table.move_to(list(self.shown).index(rid))
        focus_now(table)

    def action_delete(self) -> None:
        rid = self.current()
        if not rid or self.busy():
            return
        from tui.screens.confirm import ConfirmScreen

        name = self.store.name_of(self.reg.slug, rid)

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete(rid, name)

        self.app.push_screen(ConfirmScreen(texts.CONFIRM_DELETE(self.lang, name=name)), answered)

    def delete(self, rid: str, name: str) -> None:
        from storage.messages import StoreError

        try:
            self.store.delete(rid)
        except StoreError as error:
            self.notify(error.message(self.lang), severity="error", timeout=8)
            return
        self.notify(texts.DELETED(self.lang, name=name))

    def action_sort(self) -> None:
        if self.busy():
            return
        fields = list(self.reg.columns)
        if self.sort_field in fields:
            i = fields.index(self.sort_field) + 1
            self.sort_field = fields[i] if i < len(fields) else None
        else:
            self.sort_field = fields[0] if fields else None
        self.sort_desc = False
        self.load_rows(keep=self.current())

    def action_reverse(self) -> None:
        if self.sort_field and not self.busy():
            self.sort_desc = not self.sort_desc
            self.load_rows(keep=self.current())

    def action_branch(self) -> None:
        if self.busy():
            return
        from tui.screens.picker import PickerScreen

        def chosen(value: tuple[str, str] | None) -> None:
            if value is None:
                return
            self.branch = value[0] or None
            self.load_rows(keep=self.current())

        self.app.push_screen(PickerScreen("branches", allow_all=True), chosen)

    def action_print_paper(self) -> None:
        from tui.screens.paper import print_register

        print_register(self)

    def action_export(self) -> None:
        from tui.screens.export import export_register

        export_register(self)

    def action_import_rows(self) -> None:
        if self.busy():
            return
        from tui.screens.importer import import_into

        import_into(self)
