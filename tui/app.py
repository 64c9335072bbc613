"""The Textual app: the store it opens, the language, the theme, the keys, the palette.

``run_app`` (tui/launch.py) is the entry point (``taizhang`` with no command, ``taizhang
demo``); the themes are in tui/themes.py. Screens are thin: they show what the store holds and send
intents back (save this, delete that); the rules stay in ``storage/``.

Opening is quick at any size: the registers small enough to read in a blink are read
when first needed; the big ones (a 100,000-member roll) are read one at a time after
the first screen is painted, and a register's screen paints its first rows from the
head of its file while the rest is read.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import App
from textual.filter import LineFilter

from storage.i18n import HANT, LANGUAGES
from storage.settings_file import language_at, named
from tui import keymap
from tui.crash import Failure
from tui.launch import encoding_problem, explain_encoding, launch_options, run_app, tell_failure  # noqa: F401 - as ever
from tui.screens import texts
from tui.screens.palette import TaizhangCommands
from tui.themes import THEMES, ascii_glyphs, ascii_key, few_colours
from tui.widgets.plain import AsciiKeysFilter, ControlFilter

#: A register whose file is bigger than this is read after the first paint.
BIG_FILE = int(os.environ.get("TAIZHANG_BIG_FILE", str(4 * 1024 * 1024)))

class TaizhangApp(App[int]):
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: a subclass elsewhere still finds it
    SCOPE = "app"
    BINDINGS = keymap.bindings("app")
    TITLE = "台賬"

    COMMANDS = {TaizhangCommands}

    def __init__(
        self, home: Path | str, lang: str | None = None, *, theme: str | None = None, telling: Failure | None = None
    ) -> None:
        super().__init__()
        self.home = Path(home)
        self.chosen_lang = named(lang)
        self.lang = language_at(self.home, lang)
        self.store: Any = None
        self.readonly_note = ""
        self.ascii = ascii_glyphs()  # before any settings (the first run): from TERM
        self.big: set[str] = set()
        self.loading: list[str] = []
        self._search_keys: Any = None
        self.sync_folder: Path | None = None  # the folder last synced through (y on the home)
        self.failure: Failure | None = None  # why this app ended early (run_app then tells it)
        self.unopened = ""  # why the store could not be opened (a damaged file), said on a screen
        self.telling = telling  # this app only tells why the one before it ended
        self.backup_folder: Path | None = None  # the folder last backed up to (u on the home)
        self.animation_level = "none"
        for item in THEMES.values():
            self.register_theme(item)
        self.theme_given = theme is not None
        self.theme = theme or "taizhang"

    # -- what reaches the terminal ---------------------------------------------------

    _CONTROLS = ControlFilter()
    _ASCII_KEYS = AsciiKeysFilter()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the last wall: no control character a store holds is
        drawn raw, whichever screen draws it (tui.widgets.plain); on an ASCII terminal, no
        ⏎ or ␣ either."""
        filters = [*super().get_line_filters(), self._CONTROLS]
        return [*filters, self._ASCII_KEYS] if self.ascii else filters

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification, from every screen: the message is plain text with its control
        characters escaped — a name holding "[/]" or an escape sequence shows as it is.
        (``markup`` is accepted for Textual's signature and ignored: none is ever meant.)"""
        from storage.text import visible

        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def get_key_display(self, binding: Any) -> str:
        """A key's name in the footer and on F1; in ASCII (⏎ → Enter) where glyphs are."""
        shown = super().get_key_display(binding)
        return ascii_key(shown) if self.ascii else shown

    # -- opening ------------------------------------------------------------------

    def on_mount(self) -> None:
        keymap.relabel(self, "app", self.lang)
        self.set_class(self.ascii, "-ascii")
        if self.telling is not None:
            from tui.screens.problem import ProblemScreen

            self.push_screen(ProblemScreen(self.telling.heading, self.telling.message))
            return
        self.open_home()

    def open_home(self, home: Path | None = None) -> None:
        """The home screen of the store in ``home`` (or this app's home), or the first-run
        screen if there is none. The home paints at once from settings.toml and the index;
        the store opens behind it, in a thread (importing the registers' models takes
        longer than Textual's own start)."""
        from storage.index import branch_names
        from storage.settings_file import language, plain, section

        if home is not None:
            self.home = Path(home)
            self.store = None
        raw = plain(self.home)
        if raw is None:
            from tui.screens.first_run import FirstRunScreen

            self._replace_screens(FirstRunScreen())
            return
        ui = section(raw, "ui")
        if not self.chosen_lang:
            self.set_language(language(None, ui.get("language")), save=False)
        self.ascii = ascii_glyphs(ui.get("glyphs", "auto"), ui.get("ascii_borders", False))
        self.set_class(self.ascii, "-ascii")
        if ui.get("theme") in THEMES and not few_colours() and not self.theme_given:
            self.theme = ui["theme"]  # on sixteen colours the default (ANSI) theme stays
        organisation = str(section(raw, "store").get("organisation", ""))
        from tui.screens.home import HomeScreen

        self._replace_screens(HomeScreen(organisation=organisation, branches=branch_names(self.home)))

    def open_aside(self) -> None:
        """Open the store in a thread (the home calls this once it has painted)."""
        if self.store is None:
            self.run_worker(self._open_aside, thread=True, exclusive=True, group="open")

    def _open_aside(self) -> None:
        from storage.messages import StoreError

        try:
            store = self._open_store()
            store.on_notice(self._tell)
            store.verify_files()  # a register file gone: rebuilt from the journal (and said), or refused
            from storage import catalogue

            catalogue.registers()  # the declarations, imported here rather than on the first key
        except StoreError as error:
            self.call_from_thread(self._cannot_open, error.message(self.lang))
            return
        # Anything else fails the worker, and _handle_exception reports it without its values.
        self.call_from_thread(self._store_opened, store)

    def _tell(self, notice: Any) -> None:
        """What the store has to say (a damaged note set aside, a register rebuilt), from
        whichever thread it was said in."""
        try:
            self.call_from_thread(self.notify, notice.message(self.lang), severity="warning", timeout=30)
        except RuntimeError:  # said on the app's own thread
            self.notify(notice.message(self.lang), severity="warning", timeout=30)

    def _cannot_open(self, message: str) -> None:
        from tui.screens.problem import ProblemScreen

        self.unopened = message  # quitting from here is an error's exit, as on the command line
        self._replace_screens(ProblemScreen(texts.CANNOT_OPEN, message))

    def _store_opened(self, store: Any) -> None:
        self.store = store
        self.after_store_opened()
        if store.privacy_note is not None:  # the home was made private, or its disk keeps no modes
            self.notify(store.privacy_note(self.lang), severity="warning", timeout=30)
        behind = store.clock_warning(self.lang)
        if behind and not store.readonly:  # dates filled in would be wrong: say so before typing
            self.notify(behind, severity="warning", timeout=30)
        for screen in list(self.screen_stack):
            hook = getattr(screen, "store_ready", None)
            if hook is not None:
                hook()
        self.refresh_bindings()

    def _open_store(self) -> Any:
        from storage.files import WriteLock
        from storage.store import Store

        note = ""
        if not os.access(self.home, os.W_OK):
            note = texts.READ_ONLY_PERMISSION(self.lang, home=str(self.home))
        elif WriteLock(self.home).is_held_elsewhere():
            note = texts.READ_ONLY_HELD(self.lang)
        store = Store.open(self.home, readonly=bool(note))
        if note:
            store.readonly_reason = note
        self.readonly_note = note
        return store

    def after_store_opened(self) -> None:
        from storage import catalogue

        store = self.store
        self.big = {r.slug for r in catalogue.registers() if store.file_size(r.slug) > BIG_FILE}
        self.loading = sorted(self.big, key=lambda s: (s != "members", store.file_size(s)))
        self._search_keys = None
        store.listeners.append(self._store_changed)

    def _replace_screens(self, screen: Any) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if len(self.screen_stack) == 1 and self.screen.id != "_default":
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @property
    def readonly(self) -> bool:
        return bool(self.store is not None and self.store.readonly)

    # -- reading the big registers after the first paint ----------------------------

    def ready(self, slug: str) -> bool:
        """Whether a register can be read now without a wait."""
        return slug not in self.big or self.store.loaded(slug)

    def want(self, slug: str) -> None:
        """Read this register next."""
        if slug in self.loading:
            self.loading.remove(slug)
            self.loading.insert(0, slug)

    def start_loading(self) -> None:
        if self.loading:
            self.set_timer(0.05, self._load_step)

    def _load_step(self) -> None:
        while self.loading and self.store.loaded(self.loading[0]):
            self.loading.pop(0)
        if not self.loading:
            return
        slug = self.loading.pop(0)
        self.store.table(slug)
        for screen in list(self.screen_stack):
            hook = getattr(screen, "table_loaded", None)
            if hook is not None:
                hook(slug)
        if self.loading:
            self.set_timer(0.02, self._load_step)

    def search_keys(self) -> Any:
        """Every record's search keys (from index.tsv), up to date."""
        from storage.index import SearchKeys

        if self._search_keys is None:
            self._search_keys = SearchKeys(self.home)
        self._search_keys.refresh()
        return self._search_keys

    def _store_changed(self, touched: set[str]) -> None:
        for screen in list(self.screen_stack):
            hook = getattr(screen, "store_changed", None)
            if hook is not None:
                hook(touched)

    # -- language ------------------------------------------------------------------

    def set_language(self, lang: str, *, save: bool = True) -> None:
        self.lang = lang
        keymap.relabel(self, "app", lang)
        for screen in list(self.screen_stack):
            scope = getattr(screen, "SCOPE", None)
            if scope:
                keymap.relabel(screen, scope, lang)
            hook = getattr(screen, "relabel", None)
            if hook is not None:
                hook()
        if save and self.store is not None and not self.store.readonly:
            from storage import settings as settings_mod
            from storage.messages import StoreError

            try:
                self.store.settings.ui.language = lang
                settings_mod.save(self.home, self.store.settings)
            except (StoreError, OSError):
                pass  # the choice holds for this session; the settings file stays as it was

    def action_next_language(self) -> None:
        order = list(LANGUAGES)
        lang = order[(order.index(self.lang) + 1) % len(order)] if self.lang in order else HANT
        self.set_language(lang)
        self.notify(texts.LANGUAGE_SET(lang, name=texts.LANGUAGE_NAMES[lang]), timeout=2)

    # -- everywhere ------------------------------------------------------------------

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, its own texts in the user's language (tui.screens.palette.Palette)."""
        from textual.command import CommandPalette

        from tui.screens.palette import Palette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):  # as CommandPalette.is_open
            self.push_screen(Palette(self.lang))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        guard = getattr(self.screen, "confirm_leave", None)
        if guard is not None:
            guard(self._really_quit)
            return
        self._really_quit()

    def _really_quit(self) -> None:
        self._close_store()
        self.exit(0, return_code=1 if self.telling is not None or self.unopened else 0)

    def _close_store(self) -> None:
        if self.store is not None:
            try:
                self.store.close()
            except Exception:  # the journal already holds every save; the next open replays it
                pass

    # -- when something goes wrong ----------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Textual's funnel for an error no handler caught (in a key's action, a timer, a
        worker thread). Textual would print its traceback with every local variable — a
        record's 身份證號, a damaged file's bytes — when the app ends. Instead the store is
        closed, a crash report without values is written (tui/crash.py; a refusal of the
        store, such as a damaged register file, needs none: its message says what to do),
        and the app ends at once: the loop that met the error stops reading messages, so
        no screen of this app could be relied on to show. run_app then tells why, in an
        app of its own. (This overrides a private method of Textual, which the pinned
        version keeps; tests/tui/test_crash.py fails if that changes.)"""
        from textual.worker import WorkerFailed

        from tui.crash import failure_of

        self._return_code = 1
        if self.failure is None and self.telling is None:
            self.failure = failure_of(error.error if isinstance(error, WorkerFailed) else error, self.lang)
            if self.failure.crashed and self._exception is None:  # as Textual does, so Pilot re-raises it
                self._exception = error
            self._exception_event.set()  # and Pilot stops waiting for screens that will not answer
        self._close_store()
        self._close_messages_no_wait()

    def open_register(self, slug: str, **options: Any) -> None:
        from tui.screens.register import RegisterScreen

        if self.store is None:
            return
        self.push_screen(RegisterScreen(slug, **options))

    def open_record(self, rid: str) -> None:
        from storage.messages import StoreError
        from tui.screens.record import RecordScreen

        try:
            reg, _ = self.store.get(rid)
        except StoreError as error:
            self.notify(error.message(self.lang), severity="error")
            return
        if not self.ready(reg.slug):
            self.notify(texts.STILL_LOADING(self.lang, title=reg.title(self.lang)))
            return
        self.push_screen(RecordScreen(rid))

    def show_month(self) -> None:
        from tui.screens.month import MonthScreen

        if self.store is not None:
            self.push_screen(MonthScreen())

    # The plan's screens (home keys t, z, s; the palette). Each opens once: from itself, nothing.

    def action_show_targets(self) -> None:
        from tui.screens.targets import TargetsScreen

        if self.store is not None and not isinstance(self.screen, TargetsScreen):
            self.push_screen(TargetsScreen())

    def action_show_checklist(self) -> None:
        from tui.screens.checklist import ChecklistScreen

        if self.store is not None and not isinstance(self.screen, ChecklistScreen):
            self.push_screen(ChecklistScreen())

    def action_show_conflicts(self) -> None:
        from tui.screens.conflicts import ConflictsScreen

        if self.store is not None and not isinstance(self.screen, ConflictsScreen):
            self.push_screen(ConflictsScreen())

    def action_sync_folder(self) -> None:
        from tui.screens.sync_folder import sync_through

        sync_through(self)

    def action_backup_folder(self) -> None:
        from tui.screens.backup_folder import back_up_to

        back_up_to(self)

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
