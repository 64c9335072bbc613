"""The README's quick start stays true: CI runs exactly its test command."""

from __future__ import annotations

import re

from support import ROOT


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_the_quick_start_is_two_commands() -> None:
    install_and_demo, install_and_test = quick_start()
    assert install_and_demo.endswith("taizhang demo")
    assert "pytest" in install_and_test and "venv" in install_and_test


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert quick_start()[1] in ci


def test_the_readmes_examples_pass_the_programs_own_checks() -> None:
    import re

    from storage.fields import parse_id_number, parse_phone

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    numbers = re.findall(r"身份證號=(\w+)", text)
    assert numbers and all(parse_id_number(n) == n for n in numbers), numbers
    phones = re.findall(r"(?:phone=|聯繫電話=)([\d-]+)", text)
    assert phones and all(parse_phone(p) == p for p in phones), phones
