"""Every text of the plan's modules is in three languages, and the simplified is OpenCC's
conversion of the traditional (as for the registers' labels)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from opencc import OpenCC

from storage.i18n import Text

MODULES = ("storage.plan.items", "storage.plan.common", "storage.plan.targets", "storage.plan.checklist",
           "storage.plan.dues", "storage.plan.development", "storage.plan.todo", "storage.tables",
           "tui.commands.plan", "tui.commands.tables")


def texts(value: Any, where: str, depth: int = 0) -> Iterator[tuple[str, Text]]:
    if isinstance(value, Text):
        yield where, value
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{where}[{key}]", depth + 1)
    elif depth < 3 and isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            yield from texts(item, f"{where}[{i}]", depth + 1)
    elif depth < 3 and hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        for name in value.__dataclass_fields__:
            yield from texts(getattr(value, name), f"{where}.{name}", depth + 1)


def all_texts() -> list[tuple[str, Text]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if not attr.startswith("__"):
                found += list(texts(value, f"{name}.{attr}"))
    return found


def test_there_are_texts_to_check() -> None:
    assert len(all_texts()) > 150


def test_simplified_is_opencc_of_traditional() -> None:
    from support import as_the_mainland_writes

    convert = as_the_mainland_writes(OpenCC("t2s").convert)
    wrong = [f"{where}: {t.hant} → {t.hans}, OpenCC: {convert(t.hant)}" for where, t in all_texts()
             if t.hans != convert(t.hant)]
    assert not wrong, "\n".join(wrong)


#: English that quotes Chinese on purpose: the headers a roster has, the words it types.
QUOTES_CHINESE = {"storage.tables.NO_HEADER", "storage.tables.BAD_MAP"}


def test_english_is_english_and_placeholders_agree() -> None:
    import re

    for where, text in all_texts():
        if where not in QUOTES_CHINESE:
            assert not any("\u3400" <= ch <= "\u9fff" for ch in text.en), where
        names = [set(re.findall(r"{(\w*)}", v)) for v in text.variants()]
        assert names[0] == names[1] == names[2], where
