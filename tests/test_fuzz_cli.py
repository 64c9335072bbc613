"""No input makes a traceback: random commands of the real parser, with options and values
a hostile or clumsy user would type (empty, huge, negative, control characters, lone
surrogates, full-width digits, Chinese, real ids), driven through ``main(argv)`` on a
small real store. Every run ends in 0, 1 or 2 with no uncaught exception, and a refusal
(1 or 2) leaves the home byte-for-byte as it was.

The commands are read from build_parser(), so a new command or option is fuzzed without
a word here. Left out: those that open the app or would block (no command; ``demo``,
which builds a whole store in a folder of its own and opens the app). Output goes to
strict UTF-8 streams, as a terminal's would: a lone surrogate written there fails.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import build_parser, main

LEFT_OUT = {("demo",)}
#: CI runs the same 150 examples every time (about 10 s of work); to search further,
#: TAIZHANG_FUZZ_EXAMPLES=5000 draws that many, new ones on each run.
EXAMPLES = int(os.environ.get("TAIZHANG_FUZZ_EXAMPLES", "150"))
SEARCHING = "TAIZHANG_FUZZ_EXAMPLES" in os.environ

HOSTILE = [
    "", " ", "0", "-0", "1", "-1", "-99999", "99999", "1e400", "-1e400", "1e-400", "1e999999999999999999",
    "NaN", "Infinity", str(10**30), "9" * 5000, "x" * 100_000, "1.5", "0x10", "1_000",
    "\x1b[2J", "\x00", "\x07", "a\x1b]0;pwned\x07b", "\x1b[6n", "\u202e", "\udcff", "\ud800", "line\nbreak", "\t",
    "２０２６", "２０２６年１３月", "１２．５", "１３８１２３４５６７８",
    "2026-13", "0000-01", "2101-01", "2026-11", "2026-02-30", "2026-11-26", "9999-12-31", "0001-01-01", "26", "2026",
    "張桂英", "李國華", "第一支部", "黨員花名冊", "党员花名册", "members", "dues", "meetings", "branches", "all",
    "done", "1.3", "col.style", "en", "zh-Hans", "out.xlsx", "out.csv", "out.tzb", ".", "=HYPERLINK(1)",
]
FIELDS = ["name", "姓名", "dues_base", "dues_class", "phone", "id_number", "身份證號", "birth_date", "joined_on",
          "branch", "amount", "period_from", "gender", "status", "attendance", "held_on", "kind", "", "x" * 300]


def hashes(home: Path) -> dict[str, str]:
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}


def commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command and sub-command of the real parser, with its own parser."""
    found: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        if path and path not in LEFT_OUT:
            found.append((path, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, (*path, name))

    walk(build_parser(), ())
    return found


COMMANDS = commands()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A small real store: two branches, members (one with dues), an applicant, a payment,
    a meeting. Built once; each example runs on a copy of its own."""
    from storage.store import Store

    os.environ["TAIZHANG_TODAY"] = "2026-11-26"
    home = tmp_path_factory.mktemp("fuzz") / "home"
    store = Store.create(home, organisation="測試村黨總支", branches=["第一支部", "第二支部"])
    member = store.add("members", {"name": "張桂英", "id_number": "11010519491231002X", "branch": "第一支部",
                                   "dues_class": "salaried", "dues_base": "3000", "phone": "13812345678"})
    other = store.add("members", {"name": "李國華", "branch": "第二支部", "dues_class": "farmer"})
    store.add("applicants", {"name": "王志強", "branch": "第一支部", "applied_on": "2025-03-01"})
    entry = store.add("dues", {"member": member["id"], "period_from": "2026-01", "period_to": "2026-06",
                               "amount": "90", "paid_on": "2026-06-20"})
    store.add("meetings", {"kind": "committee", "held_on": "2026-11-05", "branch": member["branch"],
                           "topic": "11月支部工作", "attendance": [{"member": member["id"], "status": "present"}]})
    store.checkpoint()
    store.close()
    ids = [member["id"], other["id"], entry["id"], member["id"][:8], member["branch"]]
    return {"home": home, "ids": ids}


def values(ids: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE), st.sampled_from(ids), st.text(max_size=12))


@st.composite
def invocations(draw: st.DrawFn, ids: list[str]) -> list[str]:
    path, parser = draw(st.sampled_from(COMMANDS))
    argv = list(path)
    value = values(ids)
    for action in parser._actions:
        if action.option_strings or isinstance(action, argparse._SubParsersAction):
            continue
        if action.nargs == "?" and draw(st.booleans()):
            continue
        count = draw(st.integers(1, 2)) if action.nargs == "+" else 1
        argv += [draw(value) for _ in range(count)]
    options = [a for a in parser._actions if a.option_strings and a.dest not in ("help", "home")]
    for action in draw(st.lists(st.sampled_from(options), max_size=4, unique_by=id)) if options else []:
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(flag)
        elif action.dest in ("sets", "set", "map"):
            argv += [flag, draw(st.sampled_from(FIELDS)) + "=" + draw(value)]
        else:
            argv += [flag, draw(value)]
    return argv


def run(argv: list[str]) -> tuple[int, str]:
    """main(argv) with stdout and stderr as strict UTF-8, as a terminal's are."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as leaving:  # argparse: usage (2) or --help (0)
            status = leaving.code if isinstance(leaving.code, int) else 0 if leaving.code is None else 2
    return status, err.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


@pytest.mark.slow
def test_no_command_line_ends_in_a_traceback(template: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAIZHANG_TODAY", "2026-11-26")
    scratch = Path(tempfile.mkdtemp(prefix="tz-fuzz-"))
    monkeypatch.setenv("XDG_DATA_HOME", str(scratch / "xdg"))  # never the user's own store
    monkeypatch.setenv("XDG_STATE_HOME", str(scratch / "state"))

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=not SEARCHING, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(invocations(template["ids"]))
    def one(argv: list[str]) -> None:
        work = Path(tempfile.mkdtemp(dir=scratch))
        home = work / "home"
        shutil.copytree(template["home"], home)
        monkeypatch.chdir(work)  # files a command writes (--to, --out) land here
        before = hashes(home)
        status, err = run([*argv, "--home", str(home)])
        assert status in (0, 1, 2), (argv, status, err)
        assert "Traceback" not in err
        if status:
            assert hashes(home) == before, f"{argv} was refused ({status}) yet changed the home:\n{err}"
        shutil.rmtree(work)

    try:
        one()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
