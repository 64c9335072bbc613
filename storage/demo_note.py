"""The line that points the command line at the demo (issue 12).

The demo lives in a folder of its own, so that it never touches a real store; the commands
use ``--home``, else ``$TAIZHANG_HOME``, else the user data folder. After building it,
``taizhang demo`` prints the one line to paste so that the commands that follow (the
README's, in order) work on the demo: ``export TAIZHANG_HOME=…`` (``set`` on Windows).
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from storage.i18n import Text

POINT_AT_DEMO = Text(
    "要讓後面的命令都用示範台賬,請先執行(貼到終端):",
    "要让后面的命令都用示范台账,请先执行(粘贴到终端):",
    "For the commands that follow to use the demo, first run (paste it into the terminal):",
)
ALREADY_POINTED = Text(
    "TAIZHANG_HOME 已指向示範台賬:命令都用它。",
    "TAIZHANG_HOME 已指向示范台账:命令都用它。",
    "TAIZHANG_HOME already points at the demo: the commands use it.",
)


def paste_line(home: Path, *, windows: bool | None = None) -> str:
    """``export TAIZHANG_HOME=<home>``, quoted for the shell (``set`` on Windows' cmd)."""
    if windows if windows is not None else os.name == "nt":
        return f'set "TAIZHANG_HOME={home}"'
    return f"export TAIZHANG_HOME={shlex.quote(str(home))}"


def pointed_at(home: Path) -> bool:
    """Whether $TAIZHANG_HOME already names ``home``."""
    env = os.environ.get("TAIZHANG_HOME")
    if not env:
        return False
    try:
        return Path(env).expanduser().resolve() == home.expanduser().resolve()
    except OSError:
        return False


def note(home: Path, lang: str) -> list[str]:
    """What ``demo`` says after building: the line to paste, or that none is needed."""
    if pointed_at(home):
        return [ALREADY_POINTED(lang)]
    return [POINT_AT_DEMO(lang), "  " + paste_line(home)]
