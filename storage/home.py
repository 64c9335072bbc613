"""Where the home folder is: ``--home DIR``, else ``$TAIZHANG_HOME``, else platformdirs'
user data folder. Kept apart from the settings so a look-up need not import pydantic."""

from __future__ import annotations

import os
from pathlib import Path


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
    return Path(home).expanduser() if home else default_home()
