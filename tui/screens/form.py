"""A record's form, derived from its register's declaration: a row per field with its
label in the UI language, * when required, a select for a closed list, the picker for a
reference, the roll call for a meeting's attendance. The store validates on ctrl+s; its
problems appear under the fields they name, and nothing is saved until all are right."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from storage import catalogue
from storage.text import fit
from tui import keymap
from tui.screens import texts
from tui.screens.base import BaseScreen, focus_now
from tui.widgets.fields import ChoiceField, FieldChanged, FieldEditor, FieldRow, LongTextField, PickedField, TextField


def field_order(reg: Any) -> list[str]:
    """The declaration's order, with the branch second (paper forms ask it early, and a
    meeting's roll is the branch's roster)."""
    names = [n for n in reg.fields if n not in ("branch", "note")]
    if reg.slug == "branches":  # a branch does not belong to a branch
        return names + ["note"]
    return names[:1] + ["branch"] + names[1:] + ["note"]


class RecordForm(BaseScreen):
    SCOPE = "form"
    BINDINGS = keymap.bindings("form")

    def __init__(self, slug: str, rid: str | None, *, defaults: dict[str, Any] | None = None) -> None:
        super().__init__()
        reg = catalogue.get(slug)
        assert reg is not None
        self.reg = reg
        self.rid = rid
        self.defaults = defaults or {}
        self.initial: dict[str, Any] = {}
        self.rows: dict[str, FieldRow] = {}
        self.refused: dict[str, Any] = {}  # the values of the last save the store refused
        # A meeting's roll, if the register keeps one: its counts and quorum shown beside it.
        self.roll = next((n for n, s in reg.fields.items() if s.field_kind.editor == "roll"), None)

    # -- building ------------------------------------------------------------------

    def start_values(self) -> dict[str, Any]:
        if self.rid is None:
            # What is saved is what is shown: a choice with a default shows it, and a choice
            # a person must make (the declaration's ``asked``) starts at 請選擇.
            return {**self.reg.defaults(), **self.defaults}
        from storage.records import fields_of

        return fields_of(self.store.table(self.reg.slug)[self.rid])

    def compose(self) -> ComposeResult:
        values = self.start_values()
        yield self.title_bar()
        yield Static("", id="form-error", markup=False)
        with VerticalScroll(id="form"):
            for name in field_order(self.reg):
                spec = self.reg.fields[name]
                editor = self.editor_for(spec, values.get(name))
                row = FieldRow(name, spec.label(self.lang), spec.required or spec.asked, editor)
                self.rows[name] = row
                yield row
        yield Static("", id="form-note", markup=False)
        yield self.footer()

    def editor_for(self, spec: Any, value: Any) -> FieldEditor:
        lang = self.lang
        editor = spec.field_kind.editor
        if editor == "roll":
            # The roll as rows of the roll: anything else a hand edit left in it is not
            # one, and is not shown (nor kept, if this form is saved).
            rows = [row for row in value if isinstance(row, dict) and isinstance(row.get("member"), str)] \
                if isinstance(value, list) else None
            return PickedField(spec.name, rows or None, self.describe_attendance,
                               texts.ATTENDANCE_EDIT(lang), self.open_roll)
        options = self.choice_options(spec)
        if options is not None:
            return ChoiceField(spec.name, value, options, texts.CHOOSE(lang), spec.required)
        if spec.ref:
            hint = texts.PICK_MANY(lang) if spec.many else texts.PICK(lang)
            return PickedField(spec.name, value, self.describer(spec.ref), hint, self.open_picker, many=spec.many)
        if editor == "long_text":
            return LongTextField(spec.name, value)
        return TextField(spec.name, value, self.hint(spec))

    def hint(self, spec: Any) -> str:
        lang = self.lang
        hint = spec.hint or spec.field_kind.hint
        text = hint(lang) if hint else ""
        return fit(text, 56).rstrip()

    def choice_options(self, spec: Any) -> list[tuple[str, Any]] | None:
        """The options of a field chosen from a closed list (the branches are few enough
        to be one), in the UI language; None for any other field."""
        lang = self.lang
        if spec.ref == "branches" and not spec.many:
            return [(self.store.name_of("branches", r), r["id"]) for r in self.store.records("branches")]
        if spec.choices is not None and not spec.ref:
            return [(text(lang), code) for code, text in spec.choices.options.items()]
        if spec.field_kind.editor == "choice":  # yes or no
            return [(texts.YES(lang), True), (texts.NO(lang), False)]
        return None

    def describer(self, target: str) -> Callable[[Any], str]:
        def describe(value: Any) -> str:
            if not value:
                return ""
            from storage.present import referenced_name

            values = value if isinstance(value, list) else [value]
            return "、".join(referenced_name(self.store, target, v) for v in values)

        return describe

    def on_mount(self) -> None:
        self.initial = self.values()
        self.show_quorum()
        first = next(iter(self.rows.values()), None)
        if first is not None:
            focus_now(first.editor)

    def relabel(self) -> None:
        lang = self.lang
        if self.rid is None:
            self.set_title(texts.NEW_RECORD(lang, title=self.reg.title(lang)))
        else:
            name = self.store.name_of(self.reg.slug, self.rid)
            self.set_title(self.reg.title(lang), texts.EDIT_RECORD(lang, name=name))
        for name, row in self.rows.items():
            row.set_label(self.reg.fields[name].label(lang))
            editor = row.editor
            if isinstance(editor, TextField):
                editor.placeholder = self.hint(self.reg.fields[name])
            elif isinstance(editor, ChoiceField) and getattr(self, "labelled", lang) != lang:
                value = editor.get_value()
                editor.set_options(self.choice_options(self.reg.fields[name]) or [])
                editor.prompt = texts.CHOOSE(lang)
                if value is not None:
                    editor.value = value
            elif isinstance(editor, PickedField):
                editor.hint = (texts.ATTENDANCE_EDIT if editor.field_name == self.roll else
                               texts.PICK_MANY if editor.many else texts.PICK)(lang)
                editor.show()
        self.query_one("#form-note", Static).update(texts.REQUIRED_NOTE(lang))
        self.show_quorum()
        if self.reg.slug == "dues":
            self.payment_changed("")
        self.labelled = lang

    # -- values ----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {name: row.editor.get_value() for name, row in self.rows.items()}

    def dirty(self) -> bool:
        return self.values() != self.initial

    def on_field_changed(self, event: FieldChanged) -> None:
        row = self.rows.get(event.name)
        # Clear a field's error once its value differs from the one refused. (A change
        # notice can arrive after the refusal, for letters typed just before ctrl+s.)
        if row is not None and row.has_class("-invalid"):
            if row.editor.get_value() != self.refused.get(event.name):
                row.set_error("")
        if self.roll is not None:  # the roll, or the meeting's type, may change the warning
            self.show_quorum()
        if self.reg.slug == "dues":
            self.payment_changed(event.name)

    # -- a dues payment: the member's branch and standard, and a note on the amount ------

    def payment_changed(self, name: str) -> None:
        from storage.plan.dues import payment_filled, payment_note

        values = self.values()
        if name == "member" and isinstance(values.get("member"), str) and self.rid is None:
            for field, value in payment_filled(self.store, values["member"], values).items():
                editor = self.rows[field].editor if field in self.rows else None
                if isinstance(editor, (ChoiceField, TextField)):
                    editor.value = value
            values = self.values()
        if "amount" in self.rows:
            self.rows["amount"].set_note(payment_note(values, self.lang))

    # -- the roll and the picker --------------------------------------------------------

    def describe_attendance(self, rows: Any) -> str:
        if not rows:
            return ""
        from storage.registers.books import roll_counts

        expected, present, nonvoting = roll_counts(rows)
        text = texts.EXPECTED_PRESENT(self.lang, expected=expected, present=present)
        if nonvoting:
            text += texts.NONVOTING_COUNT(self.lang, count=nonvoting)
        return text

    def show_quorum(self) -> None:
        if self.roll is None or self.roll not in self.rows:
            return
        from storage.registers.books import absent_officers_note, roll_warned

        values = self.values()
        notes = [texts.QUORUM_WARNING(self.lang)] if roll_warned(values) else []
        notes.append(absent_officers_note(values, values.get(self.roll) or [],
                                          lambda rid: self.store.name_of("members", rid), self.lang))
        self.rows[self.roll].set_note(" ".join(n for n in notes if n))

    def open_roll(self, field: PickedField) -> None:
        from storage.registers.books import meeting_kind, meeting_title
        from tui.screens.attendance import AttendanceScreen

        values = self.values()

        def done(rows: list[dict[str, Any]] | None) -> None:
            if rows is not None:
                field.set_value(rows or None)
            focus_now(field)

        self.app.push_screen(
            AttendanceScreen(branch=values.get("branch"), rows=field.value or [], kind=meeting_kind(values),
                             title=meeting_title(values, self.lang),
                             officers={k: values.get(k) for k in ("host", "recorder")}),
            done,
        )

    def open_picker(self, field: PickedField) -> None:
        from tui.screens.picker import PickerScreen

        ref = self.reg.fields[field.field_name].ref
        assert ref is not None  # a picked field is made for a reference field only (field_editor)

        def picked(choice: tuple[str, str] | None) -> None:
            focus_now(field)
            if choice is None:
                return
            rid = choice[0]
            if field.many:
                current = list(field.value or [])
                if rid and rid not in current:
                    current.append(rid)
                field.set_value(current or None)
            else:
                field.set_value(rid or None)

        self.app.push_screen(PickerScreen(ref, query=getattr(field, "typed", "")), picked)

    # -- saving and leaving ----------------------------------------------------------------

    def payload(self) -> dict[str, Any]:
        values = self.values()
        if self.rid is None:
            return {k: v for k, v in values.items() if v is not None and v != "" and v != []}
        return {k: ("" if v is None else v) for k, v in values.items()}

    def action_save(self) -> None:
        self.after_typing(self.save)

    def save(self) -> None:
        from storage.messages import StoreError, ValidationFailed

        if self.tz.readonly:
            self.show_error(texts.READ_ONLY_REFUSED(self.lang))
            return
        for row in self.rows.values():
            row.set_error("")
        self.show_error("")
        unchosen = self.reg.unchosen(self.values())
        try:
            if unchosen:
                self.check(self.payload())  # the other problems too, at once
                raise ValidationFailed(self.reg.slug, unchosen)
            if self.rid is None:
                record = self.store.add(self.reg.slug, self.payload())
            else:
                record = self.store.edit(self.rid, self.payload())
        except ValidationFailed as failure:
            named = {p.field for p in unchosen}
            self.show_problems([*unchosen, *(p for p in failure.problems if p.field not in named)])
            return
        except StoreError as error:
            self.show_error(error.message(self.lang))
            return
        self.notify(texts.SAVED(self.lang, name=self.store.name_of(self.reg.slug, record)), timeout=3)
        self.initial = self.values()
        self.dismiss(record["id"])

    def check(self, payload: dict[str, Any]) -> None:
        """Validate without saving (raises ValidationFailed): what else a save would refuse."""
        if self.rid is None:
            self.store.add_many(self.reg.slug, [payload], check_only=True)
        else:
            from storage.records import fields_of, validate

            validate(self.reg, {**fields_of(self.store.table(self.reg.slug)[self.rid]), **payload})

    def show_problems(self, problems: list[Any]) -> None:
        lang = self.lang
        self.refused = self.values()
        loose: list[str] = []
        for problem in problems:
            row = self.rows.get(problem.field)
            if row is None:
                loose.append(problem.message(lang, self.reg.label(problem.field, lang) if problem.field else ""))
                continue
            row.set_error(problem.message(lang, ""))
        # The cursor goes to the first field in error as the form reads, top to bottom.
        first = next((row for row in self.rows.values() if row.has_class("-invalid")), None)
        count = len(problems)
        self.show_error(" ".join([texts.FIX_ERRORS(lang, count=count), *loose]))
        if first is not None:
            focus_now(first.editor)
            self.query_one("#form", VerticalScroll).scroll_to_widget(first, animate=False)

    def show_error(self, message: str) -> None:
        bar = self.query_one("#form-error", Static)
        bar.update(message)
        bar.display = bool(message)

    def confirm_leave(self, then: Callable[[], object]) -> None:
        if not self.dirty():
            then()
            return
        from tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmScreen(texts.UNSAVED(self.lang)), answered)

    def action_back(self) -> None:
        self.confirm_leave(lambda: self.dismiss(None))
