"""settings.toml and where the home folder is.

The home is ``--home DIR``, else ``$TAIZHANG_HOME``, else platformdirs' user data
folder. Its settings.toml says which version of the store wrote it, which copy this is
(the 總支's master or a 支部's), and what the plan leaves to each place (how often each
meeting is held, the goals the plan leaves blank, the farmers' dues …).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from storage.files import write_atomic
from storage.i18n import Text
from storage.messages import StoreError
from storage.settings_file import BAD_SETTINGS

# The one reader of the file, and its name: named here as well ("as" marks them exported)
# for the modules that read them as settings.read_raw and settings.SETTINGS_FILE.
from storage.settings_file import SETTINGS_FILE as SETTINGS_FILE
from storage.settings_file import read_raw as read_raw

#: The version of the store's layout this program writes. See :mod:`storage.migrate`.
SCHEMA_VERSION = 2

BAD_ORGANISATION = Text(
    "組織名稱「{name}」{detail}",
    "组织名称「{name}」{detail}",
    "The organisation's name '{name}' {detail}",
)


def organisation_name(value: str) -> str:
    """The organisation's name as it may be kept: the text policy of every record's fields
    (it heads every screen and every printed page)."""
    from pydantic_core import PydanticCustomError

    from storage.fields import check_text
    from storage.messages import Problem

    try:
        text = check_text(value.strip(), multiline=False)
    except PydanticCustomError as error:
        from storage.i18n import LANGUAGES
        from storage.text import visible

        problem = Problem("", error.type, dict(error.context or {}))
        name = visible(value, lines=False)
        if len(name) > 40:
            name = name[:39] + "…"
        raise StoreError(Text(*(BAD_ORGANISATION(lang, name=name, detail=problem.message(lang))
                                for lang in LANGUAGES))) from None
    if not text:
        raise StoreError(Text("請給出組織名稱。", "请给出组织名称。", "Give the organisation's name."))
    return text


class _Section(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)


class StoreSection(_Section):
    schema_version: int = SCHEMA_VERSION
    copy_id: str
    role: Literal["master", "branch"] = "master"
    # Checked where a name enters (init, enrolment: organisation_name), not where one is
    # read: a store an older version named with a control character still opens, and
    # shows it escaped like any other stored text.
    organisation: str
    branch: str | None = None  # the branch a branch copy belongs to (its record id)
    demo: bool = False
    demo_journal: str = ""  # a demo's journal as built ("size:sha256"): a second `demo` spares it if it differs
    created: str = ""


class UiSection(_Section):
    language: str = ""  # "", zh-Hant, zh-Hans or en: empty means from LANG
    # "ascii": no emoji, no block glyphs (▔▁), ASCII borders; "auto": so under TERM=linux
    # and the like (tui.themes.ascii_glyphs); "unicode": the full set whatever TERM says.
    glyphs: Literal["auto", "unicode", "ascii"] = "auto"
    ascii_borders: bool = False  # the older switch: true is glyphs = "ascii"
    mouse: bool = False
    theme: str = "taizhang"
    export_folder: str = ""  # where the app's exports go, chosen at the first one ("": ask)


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

    @field_validator("farmer_monthly", mode="before")
    @classmethod
    def _farmer_range(cls, value: Any) -> str:
        """Within the 2008 rules' range, as a branch's own figure (0.5 or "0.50" alike)."""
        from storage.fields import parse_money_between
        from storage.plan.dues import FARMER_RANGE

        return str(parse_money_between(value, *FARMER_RANGE))
    warn_months: int = 3  # months in arrears before a warning
    alert_months: int = 6  # grounds for being dropped
    advance_months: int = 6  # how far ahead a payment may reach
    tracked_from: str | None = None  # YYYY-MM the book starts; else its first entry


class TargetGoals(_Section):
    """The plan's yearly goals. The plan writes some as xx (farmers trained): those are
    blank until set here, and the target shows no goal."""

    study_per_month: int = 1
    rectifications_per_leader: int = 2
    posts_percent: float = 80
    satisfaction_percent: float = 90
    reserve_cadres: int = 5
    new_activists: int = 10
    new_members: int = 3
    new_members_young: int = 3
    young_age: int = 30  # "30歲以下": younger than this when admitted
    new_members_women: int = 1
    farmers_trained: int | None = None  # 每年培訓農民xx人次: the plan leaves it blank
    technique_kinds: int = 5
    films: int = 12
    star_rate_percent: float = 80
    income_growth_percent: float = 15
    cadre_links: int = 6
    member_links: int = 10


class PhasesSection(_Section):
    """The three phases of the campaign. The plan writes the years as xx: ``year`` is the
    year of 宣傳動員 (default: this year); any date given here overrides the plan's months."""

    year: int | None = None
    mobilisation_from: date | None = None
    mobilisation_to: date | None = None
    implementation_from: date | None = None
    implementation_to: date | None = None
    review_from: date | None = None
    review_to: date | None = None


class LimitsSection(_Section):
    """How much a file given to ``import`` may hold. Past any of these it is refused
    before it is read, with the limit named; a larger roster raises the limit here.

    256 MiB is the size of a sync bundle too, and twice the 134 MB that this program's
    own export of 100,000 members takes unpacked; 64 sheets leaves room beside the 24 of
    an ``export all``; 200,000 rows is twice the largest store the benchmarks build; a
    cell may hold what the longest field may (storage.fields.LONG_TEXT_MAX), no more; real
    workbooks pack 5 to 15 times, so a part packed more than 100 times is a zip bomb."""

    import_megabytes: int = Field(default=256, gt=0)  # MiB, unpacked: the CSV, or every part of the workbook
    import_sheets: int = Field(default=64, gt=0)
    import_rows: int = Field(default=200_000, gt=0)
    import_columns: int = Field(default=1_000, gt=0)
    cell_characters: int = Field(default=50_000, gt=0)  # = storage.fields.LONG_TEXT_MAX (a test keeps them equal)
    packing_ratio: int = Field(default=100, gt=0)  # a part over 1 MiB unpacked may be at most this many times its packed size

    @property
    def import_bytes(self) -> int:
        return self.import_megabytes << 20


class BackupSection(_Section):
    """Backups: how many local ones are kept (made before every merge and restore, in the
    home's backups folder), and after how many days without a whole-store backup (the
    file taken off the laptop) the 待辦 list says so; 0 never reminds."""

    keep: int = Field(default=10, ge=1, le=1000)
    remind_days: int = Field(default=30, ge=0, le=3650)


class Settings(_Section):
    store: StoreSection
    ui: UiSection = Field(default_factory=UiSection)
    meetings: MeetingFrequency = Field(default_factory=MeetingFrequency)
    dues: DuesSection = Field(default_factory=DuesSection)
    targets: TargetGoals = Field(default_factory=TargetGoals)
    phases: PhasesSection = Field(default_factory=PhasesSection)
    limits: LimitsSection = Field(default_factory=LimitsSection)
    backup: BackupSection = Field(default_factory=BackupSection)

    def to_toml(self) -> bytes:
        import tomli_w

        data = self.model_dump(mode="json", exclude_none=True)
        return tomli_w.dumps(data).encode()


def parse(home: Path, raw: dict[str, Any]) -> Settings:
    try:
        return Settings.model_validate(raw)
    except ValidationError as error:
        from storage.i18n import LANGUAGES
        from storage.messages import FIELD_ERRORS, Problem

        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        path = str(home / SETTINGS_FILE)
        if first["type"] in FIELD_ERRORS:  # worded as a form words it, in each language
            problem = Problem(where, first["type"], dict(first.get("ctx") or {}))
            raise StoreError(Text(*(BAD_SETTINGS(lang, path=path, detail=problem.message(lang).rstrip("。."))
                                    for lang in LANGUAGES))) from None
        raise StoreError(BAD_SETTINGS, path=path, detail=f"{where}: {first['msg']}") from None


def load(home: Path) -> Settings | None:
    raw = read_raw(home)
    return None if raw is None else parse(home, raw)


def save(home: Path, settings: Settings) -> None:
    write_atomic(home / SETTINGS_FILE, settings.to_toml())
