"""Form fields, one per kind of value a register declares.

Each editor holds the value as the store keeps it (a code, an id, an ISO date, a list of
attendance rows) and shows it as people read it. None of them validates: the store does,
on save, and the form puts its messages under the fields they name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets._select import SelectCurrent, SelectOverlay

from storage.i18n import HANT
from storage.text import fit, visible
from tui.widgets.plain import plain


class FieldChanged(Message):
    """A field's value changed (the form clears its error and notes the change)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class Held:
    """What a text editor starts from: the record's value as text, and as shown — its
    control characters escaped (\\x1b), so a value left by a hand edit is seen, not obeyed.
    Left untouched, the editor gives back what the record holds, escapes and all: the store
    then says which character to delete, rather than the form quietly saving "\\x1b"."""

    def __init__(self, value: Any, *, lines: bool) -> None:
        from storage.present import as_text

        self.text = as_text(value)
        self.shown = visible(self.text, lines=lines)

    def value(self, now: str) -> str:
        return (self.text if now == self.shown else now).strip()


class TextField(Input):
    """Text, names, numbers, phones, 身份證號, dates in any of the four ways."""

    def __init__(self, name: str, value: Any, placeholder: str = "") -> None:
        self.held = Held(value, lines=False)
        super().__init__(value=self.held.shown, placeholder=placeholder, id=f"field-{name}", classes="field-editor")
        self.field_name = name
        self.cursor_blink = False

    def get_value(self) -> Any:
        return self.held.value(self.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.field_name))


class LongTextField(TextArea):
    def __init__(self, name: str, value: Any) -> None:
        self.held = Held(value, lines=True)
        super().__init__(self.held.shown, id=f"field-{name}",
                         classes="field-editor long", soft_wrap=True, tab_behavior="focus",
                         show_line_numbers=False)
        self.field_name = name
        self.cursor_blink = False

    def get_value(self) -> Any:
        return self.held.value(self.text)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.field_name))


class ChoiceOverlay(SelectOverlay):
    """Textual's list of a select, its key (Esc, "Dismiss menu" in Textual) named in the
    user's language, as every screen's keys are (tui.keymap): relabelled each time it opens,
    so a language switched meanwhile holds. Only that key: the list's own (↓, ⏎) stay."""

    def on_focus(self) -> None:
        from dataclasses import replace

        from tui import keymap

        lang = getattr(self.app, "lang", HANT)
        bindings = self._bindings.copy()
        for key in keymap.KEYS["select"]:
            bindings.key_to_bindings[key.key] = [
                replace(binding, description=key.text(lang), key_display=key.key_display)
                for binding in bindings.key_to_bindings.get(key.key, [])
            ]
        self._bindings = bindings


class ChoiceField(Select[str]):
    """A closed list: the register's choices, yes/no, or the branches."""

    def compose(self) -> ComposeResult:
        # Textual's Select.compose, with the overlay above in place of its own.
        yield SelectCurrent(self.prompt)
        yield ChoiceOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    def __init__(self, name: str, value: Any, options: list[tuple[str, str]], prompt: str, required: bool) -> None:
        values = {code for _, code in options}
        known = isinstance(value, (str, bool)) and value in values  # a dict left by a hand edit is no choice
        super().__init__(
            _plain_options(options),
            prompt=prompt,
            allow_blank=True,
            value=value if known else Select.NULL,
            id=f"field-{name}",
            classes="field-editor",
        )
        self.field_name = name

    def set_options(self, options: Any) -> None:
        super().set_options(_plain_options(options))

    def get_value(self) -> Any:
        return None if self.value == Select.NULL else self.value

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.field_name))


def _plain_options(options: Any) -> list[tuple[Any, Any]]:
    """A select's choices as plain text: a branch named "[/]" (a hand edit) is shown as it
    is, not read as markup."""
    return [(plain(label) if isinstance(label, str) else label, code) for label, code in options]


class PickedField(Static, can_focus=True):
    """A reference (or a list of them, or a meeting's roll): shows names; Enter opens
    the picker, which the form supplies."""

    BINDINGS = []  # Enter and Delete are read in on_key (the form's keymap lists them)

    def __init__(
        self,
        name: str,
        value: Any,
        describe: Callable[[Any], str],
        hint: str,
        on_open: Callable[[PickedField], None],
        *,
        many: bool = False,
    ) -> None:
        super().__init__("", id=f"field-{name}", classes="field-editor picked", markup=False)
        self.field_name = name
        self.value = value
        self.describe = describe
        self.hint = hint
        self.on_open = on_open
        self.many = many

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        text = visible(self.describe(self.value), lines=False)
        self.update(RichText(text) if text else RichText(self.hint, style="dim"))

    def set_value(self, value: Any) -> None:
        self.value = value
        self.show()
        self.post_message(FieldChanged(self.field_name))

    def get_value(self) -> Any:
        return self.value

    def on_key(self, event: Any) -> None:
        typed = event.character if event.character and len(event.character) == 1 else ""
        if self.screen is not self.app.screen:
            # The picker opened on the first letter, but a terminal sends "zgy" at once and
            # the rest still reaches this field: hand it on.
            take = getattr(self.app.screen, "typed", None)
            if take is not None and typed.isprintable() and typed:
                event.stop()
                event.prevent_default()
                take(typed)
            return
        if event.key == "enter" or (typed.isprintable() and typed.strip()):
            event.stop()
            event.prevent_default()
            self.typed = event.character if event.key != "enter" else ""
            self.on_open(self)
        elif event.key in ("delete", "backspace") and self.value:
            event.stop()
            event.prevent_default()
            if self.many and isinstance(self.value, list):
                self.set_value(self.value[:-1] or None)
            elif not self.many:
                self.set_value(None)

    def on_click(self) -> None:
        self.typed = ""
        self.on_open(self)


#: What a field row may hold: each gives back its value with get_value().
FieldEditor: TypeAlias = "TextField | LongTextField | ChoiceField | PickedField"


class FieldRow(Vertical):
    """A label (with * when required), the editor, and room for the error under it."""

    def __init__(self, name: str, label: str, required: bool, editor: FieldEditor) -> None:
        super().__init__(id=f"row-{name}", classes="field-row")
        self.field_name = name
        self.label_text = label
        self.required = required
        self.editor = editor

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Label(self.label_markup(), classes="field-label", markup=False)
            yield self.editor
        yield Static("", classes="field-error", markup=False)
        yield Static("", classes="field-note", markup=False)

    def label_markup(self) -> str:
        mark = "*" if self.required else " "
        return fit(self.label_text, 15) + mark

    def set_label(self, label: str) -> None:
        self.label_text = label
        self.query_one(".field-label", Label).update(self.label_markup())

    def on_descendant_focus(self) -> None:
        self.add_class("-focused")

    def on_descendant_blur(self) -> None:
        self.remove_class("-focused")

    def set_note(self, message: str) -> None:
        """A warning that does not stop a save (a meeting without a quorum)."""
        note = self.query_one(".field-note", Static)
        note.update(message)
        note.display = bool(message)

    def set_error(self, message: str) -> None:
        error = self.query_one(".field-error", Static)
        error.update(message)
        error.display = bool(message)
        self.set_class(bool(message), "-invalid")
