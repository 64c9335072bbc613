"""settings.toml as plain data, and the language rule: the one reader of the file.

Two ways to read it, one file: :func:`read_raw` for :mod:`storage.settings`, which
validates what it reads (pydantic) and refuses a damaged file with a message; and
:func:`plain` for what must stay quick (``taizhang find``, the home's first paint, the
language of a message), which imports no pydantic and takes a damaged file for none.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from storage.i18n import Text, language_from_environment, normalise_language

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SETTINGS_FILE = "settings.toml"

BAD_SETTINGS = Text(
    "設定檔 {path} 有誤:{detail}。請改正該項,或刪去它以使用預設值。",
    "设置文件 {path} 有误:{detail}。请改正该项,或删去它以使用默认值。",
    "The settings file {path} is wrong: {detail}. Correct that entry, or delete it to use "
    "the default.",
)


def read_raw(home: Path) -> dict[str, Any] | None:
    """The file's TOML, None if there is none; a file that is not TOML is refused, naming it."""
    from storage.messages import StoreError

    path = home / SETTINGS_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        raw: dict[str, Any] = tomllib.loads(data.decode("utf-8"))  # (tomli, for Python 3.10, brings no types)
        return raw
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise StoreError(BAD_SETTINGS, path=str(path), detail=str(error)) from None


def plain(home: Path) -> dict[str, Any] | None:
    """The file's TOML without a question asked: None if there is none, {} if it cannot be
    read or is not TOML (the store, opened next, says what is wrong with it)."""
    try:
        return read_raw(home)
    except Exception:  # StoreError (not TOML), OSError (not readable, --home a file …)
        return {}


def section(raw: dict[str, Any] | None, name: str) -> dict[str, Any]:
    """One [section] of plain settings; {} where a hand edit made it something else."""
    found = (raw or {}).get(name)
    return found if isinstance(found, dict) else {}


def ui_setting(home: Path, name: str, default: Any) -> Any:
    """One [ui] setting (mouse, ascii_borders …) read quickly, else ``default``."""
    return section(plain(home), "ui").get(name, default)


def named(value: Any) -> str | None:
    """The language ``value`` names (zh-Hant, zh-Hans, en), else None."""
    return normalise_language(value) if isinstance(value, str) else None


def language(chosen: Any = None, setting: Any = None) -> str:
    """The language a person sees: the one chosen (--lang, a key in the app), else the one
    the settings name ([ui] language), else what LANG asks for. Anything that names no
    language (a typo, a number a hand edit left) counts as not given."""
    return named(chosen) or named(setting) or language_from_environment()


def language_at(home: Path | None, chosen: Any = None) -> str:
    """:func:`language` with the setting read from ``home``'s settings.toml (not read when a
    language was chosen, or there is no home)."""
    if home is None or named(chosen):
        return language(chosen)
    return language(None, section(plain(home), "ui").get("language"))
