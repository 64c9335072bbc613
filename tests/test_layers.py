"""The layering contract, read from the source: every import of every module, at the top or
inside a function, as ``ast`` finds it (no module is run).

Three rooms, one direction of travel, tui → sync → storage, never back:
- ``storage`` imports no ``sync``, no ``tui`` and no ``textual``;
- ``sync`` imports no ``tui`` and no ``textual``;
- the command line (``tui/cli.py``, ``tui/commands/``) imports no ``textual`` and nothing of
  the app, except the one call that opens it;
- the app and its screens never import the command line.
The run-time checks (what ``taizhang find`` loads) are in test_import_hygiene.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

#: The one place the command line reaches into the app: `taizhang` with no command, or
#: `taizhang demo`, opens it (tui/commands/setup.py, open_app).
OPENS_THE_APP = {("tui/commands/setup.py", "tui.app")}


def imports_of(path: Path, root: Path) -> list[tuple[str, int]]:
    """(module, line) of every import in the file: ``import a.b``, ``from a.b import c``
    (as a.b and a.b.c), relative ones resolved, and importlib.import_module("a.b")."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = list(path.relative_to(root).with_suffix("").parts)[:-1]  # a module's package, or __init__'s own
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((module, node.lineno))
            found += [(f"{module}.{alias.name}", node.lineno) for alias in node.names if alias.name != "*"]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.args[0].value, node.lineno))
    return found


def within(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def is_command_line(rel: str) -> bool:
    return rel == "tui/cli.py" or rel.startswith("tui/commands/")


def breaches(root: Path) -> list[str]:
    """Every import that crosses a layer the wrong way, as "file:line imports module"."""
    found = []
    for path in sorted(p for top in ("storage", "sync", "tui") for p in (root / top).rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for module, line in imports_of(path, root):
            if rel.startswith("storage/"):
                wrong = within(module, "sync", "tui", "textual", "rich")
            elif rel.startswith("sync/"):
                wrong = within(module, "tui", "textual", "rich")
            elif is_command_line(rel):
                reaches_app = within(module, "tui") and not within(module, "tui.cli", "tui.commands")
                opens_it = any(rel == where and within(module, app) for where, app in OPENS_THE_APP)
                wrong = within(module, "textual", "rich") or (reaches_app and not opens_it)
            else:  # the app, its screens and widgets
                wrong = within(module, "tui.cli", "tui.commands")
            if wrong:
                found.append(f"{rel}:{line} imports {module}")
    return found


def test_every_import_keeps_to_the_layers() -> None:
    assert breaches(ROOT) == []


def test_the_tree_read_is_the_whole_tree() -> None:
    """The contract reads every module: the screens, the command line, storage and sync."""
    read = {p.relative_to(ROOT).as_posix() for top in ("storage", "sync", "tui") for p in (ROOT / top).rglob("*.py")}
    for module in ("storage/settings_file.py", "storage/index.py", "sync/report.py", "tui/cli.py",
                   "tui/commands/export.py", "tui/screens/sync_folder.py", "tui/app.py"):
        assert module in read
    said = {module for module, _ in imports_of(ROOT / "tui" / "screens" / "sync_folder.py", ROOT)}
    assert "sync.report.merge_report" in said  # imported inside a function, and found


def test_a_crossing_is_found_wherever_it_is_written(tmp_path: Path) -> None:
    """The checker itself: a wrong import inside a function, a relative one, one through
    importlib, and the app's modules reaching for the command line are all caught; the
    one call that opens the app is not."""
    files = {
        "storage/__init__.py": "",
        "storage/good.py": "from storage import index\nimport os\n",
        "storage/late.py": "def f():\n    from sync.report import merge_report\n",
        "storage/dynamic.py": "import importlib\nimportlib.import_module('tui.app')\n",
        "sync/__init__.py": "",
        "sync/rel.py": "from ..tui import app\n",
        "sync/fine.py": "from storage import index\n",
        "tui/__init__.py": "",
        "tui/cli.py": "from tui.commands.common import say\n",
        "tui/commands/__init__.py": "",
        "tui/commands/setup.py": "def open_app():\n    from tui.app import run_app\n",
        "tui/commands/bad.py": "def f():\n    from textual.app import App\n    from tui.screens.home import HomeScreen\n",
        "tui/screens/__init__.py": "",
        "tui/screens/home.py": "def f():\n    from tui.commands.sync import merge_report\n",
        "tui/app.py": "from textual.app import App\nfrom sync.report import merge_report\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = breaches(tmp_path)
    assert "storage/late.py:2 imports sync.report" in found
    assert "storage/dynamic.py:2 imports tui.app" in found
    assert "sync/rel.py:1 imports tui" in found
    assert "tui/commands/bad.py:2 imports textual.app" in found
    assert "tui/commands/bad.py:3 imports tui.screens.home" in found
    assert "tui/screens/home.py:2 imports tui.commands.sync" in found
    assert not [b for b in found if b.startswith(("storage/good.py", "sync/fine.py", "tui/cli.py",
                                                  "tui/commands/setup.py", "tui/app.py"))]
