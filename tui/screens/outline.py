"""What the home shows before the store is open: the organisation (settings.toml read as
plain TOML: storage.settings_file), its branches (the head of index.tsv: storage.index)
and the registers' outline.

The registers are declared as pydantic models, and importing them costs more than
Textual's own start. Their outline (group, title, slug in the home's order) is derived
from the catalogue once and kept in the user's cache folder, keyed by the declarations'
files, so the home paints at once and the store opens behind it. A cache that is
missing, stale or unreadable is rebuilt from the catalogue; nothing is written to the
home folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from storage.i18n import Text

#: (group, title, slug) for each line of the home.
Outline = list[tuple[str, Text, str]]
Groups = dict[str, Text]


def outline_from_catalogue() -> Outline:
    """The plan's sixteen places (the member collection twice, as 登記表 and 花名冊), then
    the other registers."""
    from storage import catalogue

    entries: Outline = [(place.group, place.title, reg.slug) for place, reg in catalogue.plan_book()]
    placed = {slug for _, _, slug in entries}
    entries += [("other", reg.title, reg.slug) for reg in catalogue.registers() if reg.slug not in placed]
    return entries


def _declarations_key() -> str:
    """Names, sizes and times of the files that declare the registers."""
    import importlib.util

    spec = importlib.util.find_spec("storage")
    if spec is None or not spec.submodule_search_locations:
        return ""
    root = Path(list(spec.submodule_search_locations)[0])
    files = [root / "catalogue.py", root / "i18n.py", *sorted((root / "registers").glob("*.py"))]
    digest = hashlib.sha256()
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        digest.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _cache_file() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("taizhang", appauthor=False)) / "outline.json"


def outline() -> tuple[Outline, Groups, bool]:
    """The home's outline, the groups' names, and whether they came from the cache (no
    catalogue imported)."""
    key = _declarations_key()
    path = _cache_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") == key and key:
            entries = [(g, Text(*t), s) for g, t, s in data["entries"]]
            return entries, {g: Text(*t) for g, t in data["groups"].items()}, True
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from storage.registers.base import GROUPS

    entries = outline_from_catalogue()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        body = {"key": key, "entries": [(g, list(t.variants()), s) for g, t, s in entries],
                "groups": {g: list(t.variants()) for g, t in GROUPS.items()}}
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # no cache folder: the outline is derived again next time
    return entries, dict(GROUPS), False
