"""The README runs (issue 12): every command example of "The command line" and "The plan at
work", as written and in order, on the demo its quick start sets up — each one succeeds,
on the demo, as a shell would run it (a fresh user's home, the demo's own folder, the
``export`` line `taizhang demo` prints pasted).

The other sections' examples are not run here: sync needs two laptops and an enrolment
code told by phone, a whole-store backup a passphrase typed at a terminal, the benchmarks
minutes; their commands are tested in tests/sync, tests/storage/test_backups.py and
benchmarks/."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from support import ROOT

from tui.cli import main

SECTIONS = ("## The command line", "## The plan at work")
#: What some commands must show, beyond succeeding: proof that they ran on the demo.
SHOWS = {
    "registers": "黨員花名冊",
    "list": "李秀蘭",
    "show": "張桂英",
    "history": "0874-5123456",
    "delete": "李秀蘭",
    "find": "張桂英",
    "promote": "郝剛濤",
    "todo": "欠交黨費",
}
#: What no command may say: there is no store here (the demo's folder not pointed at).
NO_STORE = ("沒有台賬", "還沒有台賬", "Traceback")


def examples() -> list[str]:
    """The command lines of the sections' ```sh blocks, continuation lines joined."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines: list[str] = []
    for title in SECTIONS:
        section = text.split(title, 1)[1].split("\n## ", 1)[0]
        for block in re.findall(r"```sh\n(.+?)\n```", section, re.S):
            lines += [line.strip() for line in block.replace("\\\n", " ").splitlines() if line.strip()]
    return lines


def expand(word: str, variables: dict[str, str]) -> str:
    """$name and ~/ as the shell expands them."""
    word = re.sub(r"\$(\w+)", lambda m: variables[m.group(1)], word)
    return str(Path.home()) + word[1:] if word == "~" or word.startswith("~/") else word


def test_the_examples_are_the_ones_run() -> None:
    lines = examples()
    assert len(lines) >= 25 and lines[0].startswith("taizhang demo")
    assert any(line.startswith("export TAIZHANG_HOME=") for line in lines)


def test_every_example_runs_as_written_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    user = tmp_path / "user"  # a fresh machine: nothing in the user's home
    user.mkdir()
    monkeypatch.setenv("HOME", str(user))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    work = tmp_path / "taizhang"  # "in this folder": the checkout, with its examples
    shutil.copytree(ROOT / "examples", work / "examples")
    monkeypatch.chdir(work)
    variables: dict[str, str] = {}
    printed_export: str | None = None
    for line in examples():
        words = shlex.split(line, comments=True)
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            monkeypatch.setenv(name, expand(value, variables))
            assert printed_export is not None, "the README pastes a line the demo has not printed yet"
            assert Path(expand(value, variables)) == Path(printed_export), (line, printed_export)
            continue
        keep = None
        assignment = re.fullmatch(r"(\w+)=\$\(taizhang", words[0])
        if assignment:
            assert words[-1].endswith(")"), line
            keep, words = assignment.group(1), ["taizhang", *words[1:-1], words[-1][:-1]]
        assert words[0] == "taizhang", f"the README holds a command this test cannot run: {line}"
        argv = [expand(w, variables) for w in words[1:]]
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 0, (line, out, err)
        assert not any(words in out + err for words in NO_STORE), (line, out, err)
        expected = SHOWS.get(argv[0])
        assert expected is None or expected in out, (line, out, err)
        if keep:
            variables[keep] = out.strip()
        if argv[:2] == ["demo", "--no-tui"]:
            [pasted] = [row.strip() for row in out.splitlines() if row.strip().startswith("export TAIZHANG_HOME=")]
            printed_export = shlex.split(pasted)[1].partition("=")[2]
    assert variables.get("new") and printed_export is not None
    # They worked on the demo: its folder was rebuilt over that work, which was moved aside.
    demo = Path(printed_export)
    assert (demo / "settings.toml").exists() and list(demo.parent.glob(demo.name + ".before-demo-*"))
    assert (user / "台賬" / "settings.toml").exists()  # init made a store where it was told
