"""What every screen shares: a title line, the footer of its keys, the language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from storage.text import fit, visible, width
from tui import keymap
from tui.screens import texts
from tui.widgets.plain import plain

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from tui.app import TaizhangApp


def focus_now(widget: Any) -> None:
    """Give ``widget`` the focus before the next key is read. (Widget.focus waits a turn
    of the message loop, and a terminal delivers "zgy" or a Tab after an Enter in one
    read: those keys would go to the widget that had the focus before.)"""
    try:
        widget.screen.set_focus(widget)
    except Exception:  # not mounted yet: the ordinary way
        widget.focus()


if TYPE_CHECKING:
    # Mixed into screens only: mypy is told so, and checks its use of the screen's app
    # and focus (at run time it is a plain mixin, ahead of Screen or ModalScreen).
    _OnAScreen = Screen[Any]
else:
    _OnAScreen = object


class Screenish(_OnAScreen):
    """Mixed into screens: the app, its store and language, and relabelling."""

    SCOPE = ""

    @property
    def tz(self) -> TaizhangApp:
        return cast("TaizhangApp", self.app)  # every screen of taizhang is on its app

    @property
    def lang(self) -> str:
        return self.tz.lang

    @property
    def store(self) -> Any:
        return self.tz.store

    def on_mount(self) -> None:
        if self.SCOPE:
            keymap.relabel(self, self.SCOPE, self.lang)
        self.relabel()

    def relabel(self) -> None:
        """Put every text of the screen into the current language."""

    def after_typing(self, callback: Any) -> None:
        """Run ``callback`` once the focused field has taken the keys already sent to it.

        A key bound at the screen (ctrl+s, Enter) is read before the letters typed just
        ahead of it reach their field; reading the field's value then would lose them.
        """
        focused = self.focused
        if focused is not None:
            # Queued behind those keys, then run by the app (as a key's action is): the
            # callback may close the screen, which the field itself could not wait for.
            focused.call_later(self.app.call_later, callback)
        else:
            callback()


class KeysFooter(Footer):
    """Textual's footer, on as many lines as the screen's keys need (one, mostly; two in a
    register at 80 columns): every key of the screen is shown, none runs off the edge."""

    DEFAULT_CSS = """
    KeysFooter { layout: vertical; height: auto; }
    KeysFooter > .keys-line { width: 1fr; height: 1; layout: horizontal; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        from textual.containers import HorizontalGroup

        keys = list(super().compose())
        room = self.size.width or self.app.size.width or 80
        self._laid_out_for = room
        lines: list[list[Any]] = [[]]
        used = 0
        for key in keys:
            # compact: "key description", one column between keys (FooterKey's margin)
            shown, said = getattr(key, "key_display", ""), getattr(key, "description", "")  # (a FooterKey)
            need = width(shown) + (1 + width(said) if said else 0) + 1
            if lines[-1] and used + need > room + 1:  # (the last key's margin may go past the edge)
                lines.append([])
                used = 0
            lines[-1].append(key)
            used += need
        for line in lines:
            if line:
                yield HorizontalGroup(*line, classes="keys-line")

    def on_resize(self, event: Any) -> None:
        if self._bindings_ready and event.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)


class BaseScreen(Screenish, Screen):
    def title_bar(self) -> Static:
        return Static("", id="title-bar", markup=False)

    def footer(self) -> Footer:
        return KeysFooter()

    def set_title(self, *parts: str) -> None:
        bar = self.query_one("#title-bar", Static)
        pieces = [texts.APP_TITLE(self.lang)]
        organisation = self.store.organisation if self.store is not None else getattr(self, "organisation", "")
        if organisation:
            pieces.append(organisation)
        pieces += [p for p in parts if p]
        text = visible(" · ".join(pieces), lines=False)  # the organisation's, a record's name: as they are
        mark = f"  [{texts.READ_ONLY(self.lang)}]" if self.tz.readonly else ""
        room = max(10, (self.app.size.width or 80) - 2 - width(mark))
        bar.update((fit(text, room).rstrip() if width(text) > room else text) + mark)  # one line, never wrapped


class BaseModal(Screenish, ModalScreen):
    def footer(self) -> Footer:
        return KeysFooter()


class ListChoice(BaseModal):
    """A title and a list to choose one line from: Enter gives the chosen line's id
    (through :meth:`chosen`), Esc gives None. Subclasses fill it in :meth:`relabel`."""

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical
        from textual.widgets import OptionList

        with Vertical(id="choose", classes="dialog"):
            yield Static("", id="choose-title", markup=False)
            yield OptionList(id="choose-list")
        yield self.footer()

    def on_mount(self) -> None:
        from textual.widgets import OptionList

        focus_now(self.query_one(OptionList))

    def fill(self, title: str, lines: list[tuple[str, str]], start: int = 0) -> None:
        """Show ``title`` and the (id, text) lines; the highlight stays where it was
        (a language switch), else starts on line ``start``."""
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        self.query_one("#choose-title", Static).update(visible(title))
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(plain(text), id=key) for key, text in lines])
        options.highlighted = start if highlighted is None else highlighted

    def chosen(self, key: str) -> Any:
        return key

    def on_option_list_option_selected(self, event: Any) -> None:
        self.dismiss(self.chosen(event.option.id or ""))

    def action_pick(self) -> None:
        from textual.widgets import OptionList

        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(self.chosen(options.get_option_at_index(options.highlighted).id or ""))

    def action_back(self) -> None:
        self.dismiss(None)
