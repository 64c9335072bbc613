"""Where the home folder is: ``--home DIR``, else ``$TAIZHANG_HOME``, else platformdirs'
user data folder. Kept apart from the settings so a look-up need not import pydantic."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from storage.i18n import Text


def default_home() -> Path:
    env = os.environ.get("TAIZHANG_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("taizhang", appauthor=False))


def demo_home() -> Path:
    """The demo's own folder, never the user's real store."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("taizhang-demo", appauthor=False))


def resolve_home(home: str | os.PathLike[str] | None) -> Path:
    """The home folder ``--home`` names (else the default); refused when it, or a folder
    it would be made in, is a file (``--home /etc/passwd``)."""
    path = Path(home).expanduser() if home else default_home()
    for place in (path, *path.parents):
        try:
            mode = place.stat().st_mode
        except OSError:  # missing, or a name the system cannot take (too long, …): said when used
            continue
        if stat.S_ISDIR(mode):
            break
        from storage.messages import StoreError

        raise StoreError(NOT_A_FOLDER, path=str(place))
    return path


NOT_A_FOLDER = Text(
    "{path} 是一個檔案,不是資料夾。台賬要放在資料夾裡:請用 --home 指定一個資料夾(已有的台賬,或一個新位置)。",
    "{path} 是一个文件,不是文件夹。台账要放在文件夹里:请用 --home 指定一个文件夹(已有的台账,或一个新位置)。",
    "{path} is a file, not a folder. A store is kept in a folder: give one with --home (an "
    "existing store, or a new place).",
)
