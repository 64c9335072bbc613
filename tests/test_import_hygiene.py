"""What an import drags in, at run time: storage and sync never load Textual; find and list
never load pypinyin. (What each module may import is read from the source in test_layers.py.)"""

from __future__ import annotations

import subprocess
import sys

from support import ROOT, cli_env


def loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=cli_env(), cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def test_storage_and_sync_do_not_import_textual() -> None:
    modules = loaded_after(
        "import storage, sync\n"
        "import pkgutil, importlib\n"
        "for package in (storage, sync):  # every module of both, not a chosen few\n"
        "    for m in pkgutil.walk_packages(package.__path__, package.__name__ + '.'): importlib.import_module(m.name)\n"
        "from storage import catalogue; catalogue.registers()"
    )
    assert "textual" not in modules and "rich" not in modules


def test_the_command_line_imports_no_screen_to_build_its_parser() -> None:
    modules = loaded_after("from tui.cli import build_parser; build_parser()")
    assert not modules & {"textual", "pydantic", "pypinyin", "opencc", "rich"}


def test_find_and_list_load_neither_textual_nor_pypinyin(tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    from support import taizhang

    assert taizhang("init", "--org", "測試", "--branch", "第一支部", home=home).returncode == 0
    assert taizhang("add", "members", "--set", "name=張桂英", "--set", "branch=第一支部", home=home).returncode == 0
    for command in (["find", "zgy"], ["list", "members"]):
        modules = loaded_after(
            "import sys\nfrom tui.cli import main\n"
            f"sys.argv = ['taizhang', *{command!r}, '--home', {str(home)!r}]\n"
            "code = main(sys.argv[1:])\nassert code == 0, code"
        )
        assert "textual" not in modules and "pypinyin" not in modules, command
    find_modules = loaded_after(
        "from tui.cli import main\n"
        f"assert main(['find', 'zgy', '--home', {str(home)!r}]) == 0"
    )
    assert "pydantic" not in find_modules and "opencc" not in find_modules
