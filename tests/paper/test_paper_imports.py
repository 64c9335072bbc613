"""Printing's libraries are loaded when printing, never on the app's start or by find."""

from __future__ import annotations

import sys
from pathlib import Path

from support import taizhang
from test_import_hygiene import loaded_after

PRINTING = {"fpdf", "docx", "storage.paper"}


def top_and_paper(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(m for m in sys.modules if m.split('.')[0] in ('fpdf', 'docx') or m == 'storage.paper'))"
    import subprocess

    from support import ROOT, cli_env

    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=cli_env(), cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return {m.split(".")[0] if not m.startswith("storage.") else m for m in out.stdout.split()}


def test_find_the_parser_and_the_app_load_no_printing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert taizhang("init", "--org", "測試", "--branch", "第一支部", home=home).returncode == 0
    assert taizhang("add", "members", "--set", "name=張桂英", "--set", "branch=第一支部", home=home).returncode == 0
    assert not top_and_paper("from tui.cli import build_parser; build_parser()") & PRINTING
    assert not top_and_paper(f"from tui.cli import main\nassert main(['find', 'zgy', '--home', {str(home)!r}]) == 0") & PRINTING
    assert not top_and_paper("import tui.app") & PRINTING
    assert "fpdf" not in loaded_after("import tui.app")


def test_printing_loads_them(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert taizhang("init", "--org", "測試", "--branch", "第一支部", home=home).returncode == 0
    target = tmp_path / "x.pdf"
    found = top_and_paper(f"from tui.cli import main\nassert main(['print', 'branches', '--to', {str(target)!r}, "
                          f"'--home', {str(home)!r}]) == 0")
    assert {"fpdf", "storage.paper"} <= found  # the probe sees them when they are there
