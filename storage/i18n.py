"""Languages: traditional Chinese (the plan's own), simplified Chinese, English.

Every text a user reads is a :class:`Text` holding all three, so that a label or a
message is written once, in one place, and the language is chosen when it is shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

HANT = "zh-Hant"
HANS = "zh-Hans"
EN = "en"
LANGUAGES = (HANT, HANS, EN)

# What people type for a language, in settings or on the command line.
_ALIASES = {
    "zh-hant": HANT, "hant": HANT, "zh_tw": HANT, "zh-tw": HANT, "zh_hk": HANT,
    "zh-hk": HANT, "zh_mo": HANT, "traditional": HANT, "繁體": HANT, "繁体": HANT,
    "zh-hans": HANS, "hans": HANS, "zh_cn": HANS, "zh-cn": HANS, "zh_sg": HANS,
    "zh-sg": HANS, "simplified": HANS, "簡體": HANS, "简体": HANS,
    "en": EN, "english": EN, "英文": EN,
}


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of text in the three languages."""

    hant: str
    hans: str
    en: str

    def __call__(self, lang: str = HANT, /, **params: object) -> str:
        text = self.hans if lang == HANS else self.en if lang == EN else self.hant
        return text.format(**params) if params else text

    def variants(self) -> tuple[str, str, str]:
        return (self.hant, self.hans, self.en)


def normalise_language(value: str | None) -> str | None:
    """A language code from what a person or a setting says, or None if unknown."""
    if not value:
        return None
    key = value.strip().lower().replace(" ", "")
    if key in _ALIASES:
        return _ALIASES[key]
    return _ALIASES.get(key.split(".")[0])


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language LANG and friends ask for.

    zh_CN and zh_SG mean simplified; zh_TW, zh_HK and anything else mean traditional,
    as the plan is written. English is chosen only in the settings, never from LANG,
    since an English LANG on a village laptop usually means nobody set it.
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if not value:
            continue
        head = value.split(":")[0].split(".")[0].replace("-", "_").lower()
        if head in ("zh_cn", "zh_sg", "zh_hans", "zh_hans_cn"):
            return HANS
        if head.startswith("zh"):
            return HANT
        return HANT
    return HANT
