"""--home and --lang mean the same wherever they are written: before the command (as
``git -C`` is), after it, or after an action; given twice with different values, they are
bad usage. Every command of the parser is run every way, in-process."""

from __future__ import annotations

import argparse
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cli import build_parser, main


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command and action that runs something, with its parser."""
    if path and parser.get_default("run") is not None:
        yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


def plausible(path: tuple[str, ...], parser: argparse.ArgumentParser, scratch: Path) -> list[str]:
    """Arguments a user might give: every positional and every required option."""
    values = {"register": "members", "id": "9872ef", "query": "zgy", "item": "1.3", "member": "張桂英",
              "entry": "9872ef", "who": "張桂英", "files": str(scratch / "給總支.tzb"), "folder": str(scratch),
              "file": str(scratch / "花名冊.csv"), "name": "大寨支部", "to": str(scratch / "台賬.xlsx"),
              "out": str(scratch / "大寨.enrol")}
    args: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if not action.option_strings and (action.nargs != "?" or action.dest in values):
            args.append(values.get(action.dest, "x"))
        elif action.option_strings and action.required:
            args += [action.option_strings[0], values.get(action.dest, "x")]
    for group in parser._mutually_exclusive_groups:
        if group.required:
            args.append(group._group_actions[-1].option_strings[0])
    extra = {("init",): ["--org", "測試村黨總支"], ("demo",): ["--no-tui", "--members", "10"]}
    return args + extra.get(path, [])


def ways(path: tuple[str, ...], args: list[str], home: Path) -> dict[str, list[str]]:
    """The same command with --home and --lang before it, after it, between, and mixed."""
    options = ["--home", str(home), "--lang", "en"]
    found = {
        "before": [*options, *path, *args],
        "after": [*path, *args, *options],
        "mixed": ["--lang", "en", *path, *args, "--home", str(home)],
    }
    if len(path) > 1:  # between the command and its action: taizhang dues --home DIR pay …
        found["between"] = [path[0], *options, *path[1:], *args]
    return found


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_command_reads_home_and_lang_wherever_they_are_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    decoy = tmp_path / "default"  # where a command that ignored --home would go
    assert main(["init", "--org", "別的總支", "--branch", "第一支部", "--home", str(decoy)]) == 0
    monkeypatch.setenv("TAIZHANG_HOME", str(decoy))
    decoy_before = tree(decoy)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    home = tmp_path / "村"
    capsys.readouterr()
    ran = []
    for path, parser in commands(build_parser()):
        args = plausible(path, parser, scratch)
        outcomes = {}
        for way, argv in ways(path, args, home).items():
            home.mkdir()
            try:
                code = main(argv)
            except SystemExit as exit:
                code = exit.code
            out, err = capsys.readouterr()
            outcomes[way] = (code, out, err, sorted(tree(home)))  # names: a new store's copy id is random
            shutil.rmtree(home)
        code, out, err, _ = outcomes["after"]
        assert all(o == outcomes["after"] for o in outcomes.values()), (path, outcomes)
        assert code != 2, (path, err)  # the arguments were good usage
        assert str(home) in out + err, (path, out, err)  # it worked on (or refused) the folder given
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in (out + err).replace(str(home), "")
                       .replace("測試村黨總支", "").replace("示範村黨總支", "")), (path, out, err)  # in English
        ran.append(path)
    assert tree(decoy) == decoy_before  # nothing went to the default store
    assert {("add",), ("init",), ("demo",), ("dues", "pay"), ("branch", "add"), ("find",), ("check",)} <= set(ran)


def test_a_store_made_with_home_before_the_command_is_the_one_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    village = tmp_path / "村"
    assert main(["--home", str(village), "init", "--org", "測試村黨總支", "--branch", "第一支部"]) == 0
    assert main(["--home", str(village), "add", "members", "--set", "姓名=張桂英", "--set", "branch=第一支部"]) == 0
    assert main(["--home", str(village), "--lang", "en", "list", "members", "--json"]) == 0
    capsys.readouterr()
    assert main(["list", "members", "--home", str(village) + "/", "--json"]) == 0  # the same folder, spelt otherwise
    assert "張桂英" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["--home", "{a}", "add", "members", "--set", "姓名=張桂英", "--home", "{b}"],
    ["--home", "{a}", "dues", "--home", "{b}", "pay", "張桂英"],
    ["dues", "--home", "{a}", "pay", "張桂英", "--home", "{b}"],
    ["--lang", "en", "list", "members", "--home", "{a}", "--lang", "zh-Hans"],
])
def test_two_different_values_are_bad_usage_naming_both(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    a, b = tmp_path / "甲村", tmp_path / "乙村"
    for folder in (a, b):
        assert main(["init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(folder)]) == 0
    before = {folder: tree(folder) for folder in (a, b)}
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit:
        main([arg.format(a=a, b=b) for arg in argv])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    if "--lang" in argv[4:]:
        assert "en" in err and "zh-Hans" in err
    else:
        assert str(a) in err and str(b) in err and "給了兩個不同的值" in err
    assert {folder: tree(folder) for folder in (a, b)} == before
