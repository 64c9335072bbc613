"""Every command's output, refusal and --help in one language: run in-process through
tui.cli.main on the demo, in 繁體, 简体 and English, and read for words of another
(tests/one_language.py says what that means). Also the pieces: the language argparse is
built in, its own words, and the system's reasons for refusing a file."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
from one_language import foreign, own_data
from support import ROOT, today_pinned

from storage.i18n import EN, HANS, HANT, LANGUAGES, Text, os_reason
from tui.cli import build_parser, main

LANGS = list(LANGUAGES)


@pytest.fixture(scope="module")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo") / "home"
    with today_pinned():
        assert main(["demo", "--no-tui", "--members", "40", "--home", str(home)]) == 0
    return home


@pytest.fixture
def demo(_demo: Path, tmp_path: Path) -> Path:
    home = tmp_path / "demo"
    shutil.copytree(_demo, home)
    return home


def said(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argparse: --help, bad usage
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def every_parser() -> list[list[str]]:
    """The words that reach each command and action: [], [add], [dues, pay] …"""
    found: list[list[str]] = []
    stack: list[tuple[list[str], object]] = [([], build_parser(HANT))]
    while stack:
        words, parser = stack.pop()
        found.append(words)
        for action in parser._actions:  # type: ignore[attr-defined]
            if isinstance(action.choices, dict):
                stack += [([*words, name], sub) for name, sub in action.choices.items()]
    return found


def member_id(capsys: pytest.CaptureFixture[str], home: Path) -> str:
    import json

    code, _ = said(capsys, "find", "zgy", "--json", "--home", str(home))
    assert code == 0
    main(["find", "zgy", "--json", "--home", str(home)])
    hits = json.loads(capsys.readouterr().out)
    return str(next(h["id"] for h in hits if h["register"] == "members"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_commands_help_is_in_one_language(lang: str, demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = own_data(demo)
    wrong: dict[str, list[str]] = {}
    parsers = every_parser()
    assert len(parsers) > 25  # every command and action
    for words in parsers:
        code, text = said(capsys, *words, "--help", "--lang", lang)
        assert code == 0 and text.strip(), words
        bad = foreign(text, lang, data)
        if bad:
            wrong[" ".join(words) or "taizhang"] = bad
    assert not wrong, "\n".join(f"{what}: {bad}" for what, found in wrong.items() for bad in found)


USAGE_ERRORS = [["nosuch"], ["add"], ["list", "members", "--bogus"], ["targets", "--year", "26"], ["dues", "pay"],
                ["find"], ["resolve", "x"], ["list", "members", "--branch"]]


@pytest.mark.parametrize("lang", LANGS)
def test_every_usage_error_is_in_one_language(lang: str, demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = own_data(demo)
    for argv in USAGE_ERRORS:
        code, text = said(capsys, *argv, "--lang", lang, "--home", str(demo))
        assert code == 2, argv
        assert foreign(text, lang, [*argv, *data]) == [], (argv, text)  # what was typed is echoed
    code, text = said(capsys, "add", "--lang", lang)
    words = {HANT: "缺少必需的參數", HANS: "缺少必需的参数", EN: "the following arguments are required"}
    assert words[lang] in text and {HANT: "用法:", HANS: "用法:", EN: "usage: "}[lang] in text


def commands(home: Path, tmp: Path, rid: str) -> list[list[str]]:
    return [
        ["registers"], ["list", "members"], ["list", "meetings"], ["list", "branches"], ["list", "dues"],
        ["show", rid], ["history", rid], ["find", "zgy"], ["find", "沒有這個人"], ["check"], ["targets"],
        ["checklist"], ["dues"], ["dues", "--all"], ["development"], ["todo"], ["conflicts"], ["branch", "list"],
        ["backup"], ["restore", "--list"], ["export", "members", "--to", str(tmp / "m.csv")],
        ["import", "members", str(ROOT / "examples" / "舊花名冊.csv"), "--dry-run"],
        ["add", "members", "--set", "姓名=錯號", "--set", "身份證號=110105194912310099"],
        ["edit", rid, "--set", "phone=abc"], ["delete", rid], ["show", "ffffffff"], ["list", "nosuch"],
        ["export", "members", "--to", str(tmp / "no" / "such" / "m.csv")],
        ["import", "members", str(tmp / "missing.csv")], ["merge", str(tmp)],
        ["checklist", "tick", "9.9"], ["dues", "pay", "沒有這個人"], ["promote", "沒有這個人"],
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_commands_output_is_in_one_language(lang: str, demo: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    roster = (ROOT / "examples" / "舊花名冊.csv").read_text(encoding="utf-8-sig")
    data = sorted({*own_data(demo), *(cell for line in roster.splitlines() for cell in line.split(",") if cell)},
                  key=len, reverse=True)  # the roster's own headers and cells are the user's too
    rid = member_id(capsys, demo)
    wrong: dict[str, list[str]] = {}
    for argv in commands(demo, tmp_path, rid):
        code, text = said(capsys, *argv, "--lang", lang, "--home", str(demo))
        assert text.strip(), argv
        assert "Traceback" not in text, argv
        bad = foreign(text, lang, [*argv, *data])  # what was typed is the user's own too
        if bad:
            wrong[" ".join(argv)] = bad
    assert not wrong, "\n".join(f"{what}: {bad}" for what, found in wrong.items() for bad in found)


def test_the_checker_finds_another_language() -> None:
    assert foreign("Search for commands", HANS, []) == ["'Search' in 'Search for commands'", "'commands' in 'Search for commands'"]
    assert foreign("打開登記冊", HANS, []) and not foreign("打开登记册", HANS, [])
    assert foreign("打开登记册", HANT, []) and not foreign("打開登記冊", HANT, [])
    assert foreign("Open 登記冊", EN, []) and not foreign("Open 張桂英's record", EN, ["張桂英"])
    assert not foreign("台賬裡的檔案", HANT, [])  # the forms Taiwan writes
    assert not foreign("张桂英 → 張桂英", HANS, ["張桂英"]) and not foreign("村情民意收…", EN, ["村情民意收集反饋崗"])


# -- the pieces -----------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "hans"), [(errno.ENOENT, "没有这个文件或文件夹"), (errno.EACCES, "没有权限"),
                                              (errno.ENOSPC, "磁盘已满"), (errno.EROFS, "磁盘是只读的")])
def test_the_systems_reason_is_in_the_users_language(number: int, hans: str) -> None:
    reason = os_reason(OSError(number, "whatever the C library says"))
    assert reason(HANS) == hans and "whatever" not in reason(EN)


def test_an_unknown_errno_keeps_the_systems_words() -> None:
    assert os_reason(OSError(errno.ECHILD, "No child processes"))(HANS) == "No child processes"
    assert os_reason(OSError("no errno at all"))(EN) == "OSError"


def test_a_file_the_system_refuses_is_said_in_the_users_language(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  store) -> None:  # type: ignore[no-untyped-def]
    home = str(store.home)
    store.close()
    for lang, words in ((HANS, "没有这个文件或文件夹"), (EN, "no such file or folder"), (HANT, "沒有這個檔案或資料夾")):
        code, text = said(capsys, "export", "members", "--to", str(tmp_path / "gone" / "m.csv"), "--lang", lang,
                          "--home", home)
        assert code == 1 and words in text and "No such file" not in text, text


def test_a_help_may_be_a_text_or_a_plain_str(capsys: pytest.CaptureFixture[str]) -> None:
    """A command module written with a bilingual str keeps working while it is converted."""
    from tui.commands.common import Commands, Parser, global_options, localise_help, parse_language

    parse_language(HANS)
    parser = Parser(prog="taizhang")
    commands = Commands(parser.add_subparsers(dest="command"), global_options("command"))
    p = commands.command("old", "舊的 / an old command", run=lambda args: 0)
    p.add_argument("--x", help="plain")
    p = commands.command("new", Text("新的", "新的", "a new one"), run=lambda args: 0)
    p.add_argument("--y", help=Text("一個選項", "一个选项", "an option"))
    commands.done()
    localise_help(parser, HANS)
    text = parser.format_help() + parser._subparsers._group_actions[0].choices["new"].format_help()  # type: ignore[union-attr]
    assert "舊的 / an old command" in text and "新的" in text and "一个选项" in text and "用法:" in text


def test_argparse_is_built_in_the_language_of_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    for lang, words in ((EN, "show this help and exit"), (HANS, "显示这段说明并退出"), (HANT, "顯示這段說明並退出")):
        code, text = said(capsys, "--lang", lang, "--help")
        assert code == 0 and words in text
    code, text = said(capsys, "--help")  # no --lang: LANG (zh_TW in the tests)
    assert "顯示這段說明並退出" in text


def test_a_help_after_a_chinese_name_lines_up_with_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    from storage.text import width

    code, text = said(capsys, "add", "--help", "--lang", HANS)
    lines = text.splitlines()
    register = next(line for line in lines if line.startswith("  登记册 "))
    helping = next(line for line in lines if line.startswith("  -h, --help "))
    column = {width(line[:len(line) - len(line[2:].split("  ", 1)[1].lstrip())]) for line in (register, helping)}
    assert len(column) == 1, (register, helping)
