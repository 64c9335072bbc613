"""The catalogue of registers: every register declared once, found by slug or title.

The declarations live in :mod:`storage.registers`, one module per group; this module
gathers them in the plan's order (一卡、二表、三簿、十冊, then the rest).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from storage.i18n import HANT

if TYPE_CHECKING:
    from storage.fields import Choices
    from storage.i18n import Text
    from storage.registers.base import Place, Register

_GROUP_ORDER = ("card", "forms", "books", "rolls", "other")


@lru_cache(maxsize=1)
def _all() -> dict[str, Register]:
    from storage.registers import books, card, forms, organisation, rolls

    found: dict[str, Register] = {}
    for module in (card, forms, books, rolls, organisation):
        for register in module.REGISTERS:
            if register.slug in found:
                raise ValueError(f"register {register.slug} declared twice")
            found[register.slug] = register
    return found


def registers() -> list[Register]:
    """Every register, in the plan's order."""

    def order(reg: Register) -> tuple[int, int]:
        place = reg.places[0] if reg.places else None
        return (_GROUP_ORDER.index(place.group) if place else len(_GROUP_ORDER),
                place.number if place else 0)

    return sorted(_all().values(), key=order)


def slugs() -> list[str]:
    return [r.slug for r in registers()]


def plan_book() -> list[tuple[Place, Register]]:
    """一卡、二表、三簿、十冊 as the plan lists them: sixteen places, fifteen registers
    (the member roster and the member form are one collection)."""
    places = [(place, reg) for reg in _all().values() for place in reg.places]
    return sorted(places, key=lambda pr: (_GROUP_ORDER.index(pr[0].group), pr[0].number))


def get(name: str) -> Register | None:
    """A register from its slug or any of its titles, in any of the three languages."""
    registry = _all()
    if name in registry:
        return registry[name]
    key = name.strip().lower()
    for reg in registry.values():
        titles = [*reg.title.variants(), *(t for p in reg.places for t in p.title.variants())]
        if key == reg.slug or key in (t.lower() for t in titles):
            return reg
    return None


def _named(pairs: list[tuple[str, Text]]) -> Text:
    """Names as people know them beside what is typed: 姓名 name、性別 gender … (in English
    the typed names, which are the English words)."""
    from storage.i18n import EN, HANS, Text

    chinese = {lang: "、".join(f"{title(lang)} {slug}" for slug, title in pairs) for lang in (HANT, HANS)}
    return Text(chinese[HANT], chinese[HANS], ", ".join(f"{slug} ({title(EN)})" for slug, title in pairs))


def registers_named() -> Text:
    """Every register for a message that lists them: 黨員花名冊 members、…"""
    return _named([(r.slug, r.title) for r in registers()])


def fields_named(register: Register) -> Text:
    """A register's fields for a message that lists them: 姓名 name、性別 gender …"""
    return _named([(name, spec.label) for name, spec in register.fields.items()])


def register_title(slug: str, lang: str = HANT) -> str:
    reg = get(slug)
    return reg.title(lang) if reg else slug


def choices(name: str) -> Choices | None:
    _all()  # the registers' modules declare the choices
    from storage.fields import Choices

    return Choices.registry.get(name)
