"""ctrl+p: jump to a register, find a person (漢字, pinyin or initials), switch language."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from storage.i18n import LANGUAGES
from tui.screens import texts


class TaizhangCommands(Provider):
    def _commands(self) -> list[tuple[str, Any, str]]:
        app: Any = self.app
        lang = app.lang
        out: list[tuple[str, Any, str]] = []
        if app.store is not None:
            from tui.screens.home import home_entries

            seen: set[str] = set()
            for _group, title, slug in home_entries():
                label = texts.PALETTE_OPEN(lang, title=title(lang))
                if label in seen:
                    continue
                seen.add(label)
                out.append((label, partial(self._open_register, slug, title), slug))
            out.append((texts.PALETTE_MONTH(lang), app.show_month, "month"))
            out += self._plan_commands()
            out.append((texts.PALETTE_HOME(lang), app.go_home, "home"))
        for code in LANGUAGES:
            out.append((texts.PALETTE_LANGUAGE(lang, name=texts.LANGUAGE_NAMES[code]),
                        partial(self._language, code), code))
        out.append((texts.PALETTE_HELP(lang), app.action_help, "help f1"))
        return out

    def _plan_commands(self) -> list[tuple[str, Any, str]]:
        """The targets, the checklist, the conflicts; importing into the register shown."""
        from tui.keymap import SCOPES
        from tui.screens import plan_texts as P

        app: Any = self.app
        lang = app.lang
        out = [(P.PALETTE_TARGETS(lang), app.action_show_targets, "targets mubiao"),
               (P.PALETTE_CHECKLIST(lang), app.action_show_checklist, "checklist zicha"),
               (P.PALETTE_CONFLICTS(lang), app.action_show_conflicts, "conflicts sync chongtu"),
               (SCOPES["stats"](lang), self._stats, "stats statistics tongji")]
        from tui.screens.register import RegisterScreen

        under = self.screen
        if isinstance(under, RegisterScreen) and under.check_action("import_rows", ()):
            out.append((P.PALETTE_IMPORT(lang, title=under.place_title(lang)), under.action_import_rows,
                        "import daoru"))
        return out

    def _stats(self) -> None:
        from tui.screens.stats import StatsScreen

        if self.app.screen.__class__ is not StatsScreen and getattr(self.app, "store", None) is not None:
            self.app.push_screen(StatsScreen())

    def _open_register(self, slug: str, title: Any) -> None:
        app: Any = self.app
        app.go_home()
        app.open_register(slug, title=title)

    def _language(self, code: str) -> None:
        app: Any = self.app
        app.set_language(code)

    async def discover(self) -> Hits:
        for label, command, _ in self._commands():
            yield DiscoveryHit(label, command)

    async def search(self, query: str) -> Hits:
        app: Any = self.app
        matcher = self.matcher(query)
        for label, command, extra in self._commands():
            score = max(matcher.match(label), matcher.match(extra))
            if score > 0:
                yield Hit(score, matcher.highlight(label), command)
        if app.store is None or not query.strip():
            return
        from textual.content import Content

        from storage.i18n import EN, HANS
        from storage.text import visible

        keys = app.search_keys()
        column = {HANS: 1, EN: 2}.get(app.lang, 0)
        for rank, rid in enumerate(keys.find("members", query, limit=8)):
            name = app.store.name_of("members", rid)
            record = app.store.table("members").get(rid, {})
            branch = app.store.name_of("branches", record.get("branch")) if record.get("branch") else ""
            title = app.store.register("members").title.variants()[column]
            text = visible(texts.PALETTE_PERSON(app.lang, name=name, title=title, branch=branch), lines=False)
            yield Hit(0.9 - rank * 0.01, Content(text), partial(app.open_record, rid), text=text)  # never markup


class Palette(CommandPalette):
    """Textual's command palette with its own two English texts in the user's language:
    the placeholder is a parameter (given here); "No matches found" is a literal inside
    ``_start_no_matches_countdown``, so that method is written again with ours. A subclass,
    not a patch of Textual's class, so that nothing else that Textual shows changes; the
    version is pinned (pyproject) and tests/tui/test_one_language_screens.py sees the text."""

    def __init__(self, lang: str) -> None:
        super().__init__(placeholder=texts.PALETTE_PLACEHOLDER(lang), id="--command-palette")
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        from rich.align import Align
        from rich.text import Text as RichText
        from textual.command import CommandList
        from textual.widgets.option_list import Option

        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty query is discovery: nothing to say
                self.query_one(CommandList).add_option(Option(
                    Align.center(RichText(texts.PALETTE_NO_MATCHES(self.lang), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
