"""One text policy, at the declaration: every text field of every register refuses control
characters and bidirectional overrides (line breaks and tabs only in multi-line fields),
with a message that names the field and shows the character escaped — typed, by --set,
imported; and whatever is refused leaves the home as it was."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import catalogue
from storage.fields import LONG_TEXT_MAX, SHORT_TEXT_MAX, check_text
from storage.messages import ValidationFailed
from storage.records import validate
from storage.text import UNSAFE, visible
from tui.cli import main

HOSTILE = {
    "ESC": "\x1b",
    "title": "\x1b]0;pwned\x07",
    "clear": "\x1b[2J",
    "cursor report": "\x1b[6n",
    "BEL": "\x07",
    "NUL": "\x00",
    "DEL": "\x7f",
    "C1 CSI": "\x9b2J",
    "RLO": "\u202e",
    "isolate": "\u2067",
}


def files_of(home: Path) -> dict[str, str]:
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file() and p.name != ".lock"}


def text_fields() -> list[tuple[str, str, bool]]:
    """(register, field, multi-line) for every free-text field of every register."""
    found = []
    for reg in catalogue.registers():
        for name, spec in reg.fields.items():
            if spec.kind in ("text", "long_text", "name") and not spec.many:
                found.append((reg.slug, name, spec.kind == "long_text"))
    return found


def test_every_register_has_text_fields_to_guard() -> None:
    fields = text_fields()
    assert len(fields) > 40 and any(multi for *_, multi in fields)


@pytest.mark.parametrize(("slug", "name", "multiline"), text_fields())
def test_every_text_field_refuses_every_control_character(slug: str, name: str, multiline: bool) -> None:
    reg = catalogue.get(slug)
    assert reg is not None
    for what, bad in HOSTILE.items():
        with pytest.raises(ValidationFailed) as refused:
            validate(reg, {name: f"甲{bad}乙"})
        problems = [p for p in refused.value.problems if p.code == "control_character"]
        assert problems and problems[0].field == name, (slug, name, what)
        for lang in ("zh-Hant", "zh-Hans", "en"):
            message = refused.value.messages(lang)[0]
            assert reg.label(name, lang) in message and "\\x" in message or "\\u" in message
            assert UNSAFE.search(message) is None, (slug, name, what, message)


@pytest.mark.parametrize(("slug", "name", "multiline"), text_fields())
def test_line_breaks_and_tabs_only_in_multiline_fields(slug: str, name: str, multiline: bool) -> None:
    reg = catalogue.get(slug)
    assert reg is not None
    for value in ("第一行\n第二行", "甲\t乙", "第一行\r\n第二行"):
        if multiline:
            try:
                data = validate(reg, {name: value})
            except ValidationFailed as failure:  # other fields missing: this one must not be named
                assert all(p.field != name for p in failure.problems)
            else:
                assert "\r" not in data[name]
        else:
            with pytest.raises(ValidationFailed) as refused:
                validate(reg, {name: value})
            assert any(p.field == name and p.code == "control_character" for p in refused.value.problems)


def test_sizes_are_bounded_one_line_and_multi_line() -> None:
    members = catalogue.get("members")
    assert members is not None
    with pytest.raises(ValidationFailed) as refused:
        validate(members, {"name": "張桂英", "status": "full", "address": "村" * (SHORT_TEXT_MAX + 1)})
    assert refused.value.problems[0].field == "address" and refused.value.problems[0].code == "too_long"
    assert validate(members, {"name": "張桂英", "status": "full", "note": "記" * LONG_TEXT_MAX})["note"]
    with pytest.raises(ValidationFailed):
        validate(members, {"name": "張桂英", "status": "full", "note": "記" * (5 << 20)})


def test_a_row_inside_a_record_is_held_to_the_same_policy() -> None:
    meetings = catalogue.get("meetings")
    assert meetings is not None
    with pytest.raises(ValidationFailed) as refused:
        validate(meetings, {"kind": "general", "held_on": "2026-11-01",
                            "attendance": [{"member": "x", "status": "absent", "reason": "病\x1b[2J"}]})
    assert refused.value.problems[0].code == "control_character"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.booleans())
def test_the_policy_accepts_exactly_text_without_unsafe_characters(text: str, multiline: bool) -> None:
    normalised = text.replace("\r\n", "\n").replace("\r", "\n") if multiline else text
    unsafe = [c for c in normalised if UNSAFE.match(c) and not (multiline and c in "\t\n")]
    if unsafe:
        with pytest.raises(Exception) as refused:
            check_text(text, multiline=multiline)
        assert getattr(refused.value, "type", "") == "control_character"
    else:
        assert check_text(text, multiline=multiline) == normalised


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_visible_never_lets_a_control_character_through(text: str) -> None:
    assert UNSAFE.search(visible(text, lines=False)) is None
    assert all(c in "\t\n" for c in UNSAFE.findall(visible(text)))


# -- every way in, through the command line ---------------------------------------------------


@pytest.fixture
def village(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert main(["init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(home)]) == 0
    assert main(["add", "members", "--set", "name=張桂英", "--set", "branch=第一支部", "--home", str(home)]) == 0
    return home


#: What a real command line can carry (execve cannot pass a NUL; main() refuses one as bad usage).
ARGV_HOSTILE = {k: v for k, v in HOSTILE.items() if v != "\x00"}


@pytest.mark.parametrize("bad", list(ARGV_HOSTILE.values()), ids=list(ARGV_HOSTILE))
def test_set_refuses_with_the_field_named_and_the_character_shown(village: Path, bad: str, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    before = files_of(village)
    code = main(["add", "members", "--set", f"name=李{bad}華", "--set", "branch=第一支部", "--home", str(village)])
    out = capsys.readouterr()
    assert code == 1 and "姓名" in out.err and "控制字符" in out.err
    assert UNSAFE.search(out.err.replace("\n", "")) is None and UNSAFE.search(out.out) is None
    listed = main(["list", "members", "--json", "--home", str(village)])
    rid = __import__("json").loads(capsys.readouterr().out)[0]["id"]
    assert listed == 0
    before = files_of(village)
    assert main(["edit", rid[:8], "--set", f"address=村{bad}", "--home", str(village)]) == 1
    assert "家庭住址" in capsys.readouterr().err
    assert files_of(village) == before


def test_an_organisation_or_branch_named_with_an_escape_is_refused_before_anything_is_written(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "new"
    assert main(["init", "--org", "村\x1b]0;pwned\x07", "--home", str(home)]) == 1
    assert main(["init", "--org", "村", "--branch", "第一\x1b[2J", "--home", str(home)]) == 1
    err = capsys.readouterr().err
    assert "\\x1b" in err and UNSAFE.search(err.replace("\n", "")) is None
    assert not home.exists()


def test_an_imported_name_with_an_escape_is_refused_and_named(village: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    roster = tmp_path / "roster.csv"
    with open(roster, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["姓名", "所屬支部", "家庭住址"])
        writer.writerow(["王\x1b]0;pwned\x07芳", "第一支部", "一組"])
        writer.writerow(["趙敏", "第一支部", "二組\u202e"])
    before = files_of(village)
    capsys.readouterr()
    assert main(["import", "members", str(roster), "--home", str(village)]) == 1
    err = capsys.readouterr().err
    assert "控制字符" in err and "\\x1b" in err and "\\u202e" in err
    assert UNSAFE.search(err.replace("\n", "")) is None
    assert files_of(village) == before
