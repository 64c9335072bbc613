"""settings.toml and where the home folder is.

The home is ``--home DIR``, else ``$TAIZHANG_HOME``, else platformdirs' user data
folder. Its settings.toml says which version of the store wrote it, which copy this is
(the 總支's master or a 支部's), and what the plan leaves to each place (how often each
meeting is held, the goals the plan leaves blank, the farmers' dues …).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from storage.files import write_atomic
from storage.home import default_home, demo_home, resolve_home  # noqa: F401 (re-exported)
from storage.i18n import Text
from storage.messages import StoreError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The version of the store's layout this program writes. See :mod:`storage.migrate`.
SCHEMA_VERSION = 2

SETTINGS_FILE = "settings.toml"

BAD_SETTINGS = Text(
    "設定檔 {path} 有誤:{detail}。請改正該項,或刪去它以使用預設值。",
    "设定档 {path} 有误:{detail}。请改正该项,或删去它以使用默认值。",
    "The settings file {path} is wrong: {detail}. Correct that entry, or delete it to use "
    "the default.",
)


class _Section(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)


class StoreSection(_Section):
    schema_version: int = SCHEMA_VERSION
    copy_id: str
    role: Literal["master", "branch"] = "master"
    organisation: str
    branch: str | None = None  # the branch a branch copy belongs to (its record id)
    demo: bool = False
    created: str = ""


class UiSection(_Section):
    language: str = ""  # "", zh-Hant, zh-Hans or en: empty means from LANG
    ascii_borders: bool = False
    mouse: bool = False
    theme: str = "taizhang"


class MeetingFrequency(_Section):
    """How many of each kind of meeting each branch holds: per month, quarter, half or year."""

    general: str = "quarterly"
    committee: str = "monthly"
    group: str = "monthly"
    lecture: str = "quarterly"
    theme_day: str = "monthly"
    study: str = "monthly"
    democratic_life: str = "yearly"
    organisational_life: str = "yearly"
    appraisal: str = "yearly"


class DuesSection(_Section):
    farmer_monthly: str = "0.50"  # 元; a branch's own figure overrides it
    student_monthly: str = "0.20"


class Settings(_Section):
    store: StoreSection
    ui: UiSection = Field(default_factory=UiSection)
    meetings: MeetingFrequency = Field(default_factory=MeetingFrequency)
    dues: DuesSection = Field(default_factory=DuesSection)

    def to_toml(self) -> bytes:
        import tomli_w

        data = self.model_dump(mode="json", exclude_none=True)
        return tomli_w.dumps(data).encode()


def read_raw(home: Path) -> dict[str, Any] | None:
    path = home / SETTINGS_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise StoreError(BAD_SETTINGS, path=str(path), detail=str(error)) from None


def parse(home: Path, raw: dict[str, Any]) -> Settings:
    try:
        return Settings.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StoreError(BAD_SETTINGS, path=str(home / SETTINGS_FILE), detail=f"{where}: {first['msg']}") from None


def load(home: Path) -> Settings | None:
    raw = read_raw(home)
    return None if raw is None else parse(home, raw)


def save(home: Path, settings: Settings) -> None:
    write_atomic(home / SETTINGS_FILE, settings.to_toml())
