"""ctrl+p: every command of the screen it was opened on and of the whole app, a register to
jump to, a person to find (漢字, pinyin or initials), a language.

The commands are read from the keymap (tui/keymap.py), never listed here by hand: every
key of the screen below (its SCOPE) that it would obey now, then the app's own keys and the
app-wide commands the home's keys reach (targets, checklist, conflicts, sync, backup), so
whatever a key does, the palette does too. Only what no key does is added here: opening a
register by name, the month view and the statistics from anywhere, the language by name, exporting the whole
workbook and choosing the export folder. A command is found by its words in the language
shown, in English and in pinyin of both scripts (full or initials: 匯出 is huichu, and daochu as 导出)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from storage.i18n import EN, HANS, HANT, LANGUAGES, Text
from tui import keymap
from tui.screens import texts

T = Text

PALETTE_KEY = T("{what}({key})", "{what}({key})", "{what} ({key})")
PALETTE_WORKBOOK = T("匯出整本台賬(全部登記冊、目標、自查)到 Excel", "导出整本台账(全部登记册、目标、自查)到 Excel",
                     "Export the workbook (every register, targets, checklist) to Excel")
PALETTE_EXPORT_FOLDER = T("匯出資料夾:更改匯出檔案放的地方", "导出文件夹:更改导出文件放的地方",
                          "Export folder: change where exports go")

#: Scopes whose app-wide commands (actions on the app, "app.…") are offered everywhere.
APP_WIDE = ("app", "home")
#: Keys the palette does not offer: opening the palette itself; the home's jump keys (each
#: register is offered by its name instead).
NOT_OFFERED = ("app.command_palette",)


@dataclass(frozen=True)
class Command:
    label: str
    run: Callable[[], Any]
    words: str  # what else finds it, word by word: pinyin, the key's id
    english: str = ""  # and as a whole: its English words

    def score(self, matcher: Any) -> float:
        """The label and the English matched as a whole, the other words one by one (so
        that "zgy" finds 張桂英, not the letters of "zh-Hans language yuyan")."""
        return float(max(matcher.match(self.label), matcher.match(self.english),
                         *(matcher.match(w) for w in self.words.split())))


def pinyin(text: str) -> str:
    """Full pinyin and initials of a command's words, for a search typed without an IME."""
    from storage.search_keys import text_keys

    return " ".join(text_keys(text)[1:])


def _split(action: str) -> tuple[str, str, tuple[object, ...]]:
    """("app" or "", the action's name, its parameters) of a keymap action string."""
    from textual.actions import parse

    return parse(action)


def obeys(node: Any, name: str, params: tuple[object, ...]) -> bool:
    """Whether ``node`` would run the action now (Textual's own test: check_action, and an
    ``action_`` method to run)."""
    if getattr(node, f"action_{name}", None) is None:
        return False
    try:
        return node.check_action(name, params) is True
    except Exception:  # a screen that cannot say: not offered
        return False


def key_commands(app: Any, screen: Any) -> Iterator[Command]:
    """The keymap's commands for ``screen``: its own keys first, then the app-wide ones."""
    lang = app.lang
    seen: set[str] = set()
    scope = getattr(screen, "SCOPE", "") or ""
    own = [(k, True) for k in keymap.KEYS.get(scope, [])]
    wide = [(k, s == "app") for s in APP_WIDE if s != scope for k in keymap.KEYS.get(s, [])
            if k.action.startswith("app.")]
    for key, keyed_here in [*own, *wide]:
        if key.action in seen or key.action in NOT_OFFERED or key.id.startswith("home.jump."):
            continue
        where, name, params = _split(key.action)
        target = app if where == "app" else screen
        if not obeys(target, name, params):
            continue
        seen.add(key.action)
        what = key.text(lang)
        if keyed_here:
            from tui.themes import ascii_key

            shown = key.key_display or keymap.key_name(key.key)
            label = PALETTE_KEY(lang, what=what, key=ascii_key(shown) if app.ascii else shown)
        else:
            label = what
        words = f"{key.id} {key.text(EN)} {pinyin(key.text(HANT))} {pinyin(key.text(HANS))}"
        yield Command(label, partial(screen.run_action, key.action), words, key.text(EN))


class TaizhangCommands(Provider):
    def _commands(self) -> list[Command]:
        app: Any = self.app
        lang = app.lang
        out = list(key_commands(app, self.screen))
        if app.store is not None:
            from tui.screens.export import ask_folder, export_available, export_workbook
            from tui.screens.home import home_entries

            seen: set[str] = set()
            for _group, title, slug in home_entries():
                label = texts.PALETTE_OPEN(lang, title=title(lang))
                if label in seen:
                    continue
                seen.add(label)
                out.append(Command(label, partial(self._open_register, slug, title), f"{slug} {pinyin(title(lang))}"))
            out.append(Command(texts.PALETTE_MONTH(lang), app.show_month, "month meetings huiyi"))
            out.append(Command(keymap.SCOPES["stats"](lang), self._stats, f"stats statistics {pinyin(keymap.SCOPES['stats'](HANS))}",
                               keymap.SCOPES["stats"](EN)))
            if export_available():
                out.append(Command(PALETTE_WORKBOOK(lang), partial(export_workbook, app),
                                   f"all workbook excel xlsx {pinyin(PALETTE_WORKBOOK(HANS))}", PALETTE_WORKBOOK(EN)))
                out.append(Command(PALETTE_EXPORT_FOLDER(lang), partial(ask_folder, app, changing=True),
                                   pinyin(PALETTE_EXPORT_FOLDER(HANS)), PALETTE_EXPORT_FOLDER(EN)))
            out.append(Command(texts.PALETTE_HOME(lang), app.go_home, "home shouye"))
        for code in LANGUAGES:
            out.append(Command(texts.PALETTE_LANGUAGE(lang, name=texts.LANGUAGE_NAMES[code]),
                               partial(self._language, code), f"{code} language yuyan"))
        return out

    def _stats(self) -> None:
        """The statistics from anywhere (its key, v, is the home's)."""
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
        for command in self._commands():
            yield DiscoveryHit(command.label, command.run)

    async def search(self, query: str) -> Hits:
        app: Any = self.app
        matcher = self.matcher(query)
        for command in self._commands():
            score = command.score(matcher)
            if score > 0:
                yield Hit(score, matcher.highlight(command.label), command.run, text=command.label)
        if app.store is None or not query.strip():
            return
        from textual.content import Content

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
