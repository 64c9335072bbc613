"""The compact index that makes search instant: index.tsv, written and read here only.

A record's search keys (:mod:`storage.search_keys`: simplified text, pinyin, initials)
go into ``index.tsv``, one line per record version, beside what a result shows.
``taizhang find`` reads that one file and nothing else: no register files, no pydantic
models, no pinyin dictionary. This module is the one reader of its lines: the look-up,
the app's filter and name sort (:class:`SearchKeys`) and the home's branches
(:func:`branch_names`) all read them through :func:`fields_of` and :func:`read_head`,
and rank through :func:`closeness`.

index.tsv::

    #taizhang-index 2
    #reg <TAB> slug <TAB> title zh-Hant <TAB> zh-Hans <TAB> en        (one per register)
    name keys||other keys <TAB> id <TAB> register <TAB> branch id <TAB> name <TAB> detail <TAB> seq
    …
    #base
    (lines appended since the last rebuild; a later line for an id replaces earlier ones;
     a line whose register is "-" marks a deleted record)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from storage.files import append_durably, write_atomic

# The keys are computed in search_keys and named here as they always were ("as": exported).
from storage.search_keys import KEY_SEP as KEY_SEP
from storage.search_keys import NAME_READINGS_MAX as NAME_READINGS_MAX
from storage.search_keys import name_keys as name_keys
from storage.search_keys import name_readings as name_readings
from storage.search_keys import normalise_query as normalise_query
from storage.search_keys import phone_book_key as phone_book_key
from storage.search_keys import record_keys as record_keys
from storage.search_keys import simplify as simplify
from storage.search_keys import syllables as syllables
from storage.search_keys import text_keys as text_keys

INDEX_FILE = "index.tsv"
#: The layout of the keys: an index of another (version 1 keyed one reading per name and
#: folded fewer traditional forms) counts as no index, and is written afresh.
HEADER = "#taizhang-index 2"
BASE_END = "#base"

def _cell(value: Any) -> str:
    return str(value).replace("\t", " ").replace("\n", " ")


def index_line(
    *, keys: str, record_id: str, register: str, branch: str | None, name: str, detail: str, seq: int
) -> str:
    return "\t".join(
        (keys, record_id, register, branch or "", _cell(name), _cell(detail), str(seq))
    ) + "\n"


def deleted_line(record_id: str, seq: int) -> str:
    return "\t".join(("", record_id, "-", "", "", "", str(seq))) + "\n"


# -- the file ---------------------------------------------------------------------------


def write_base(
    home: Path, titles: Mapping[str, tuple[str, str, str]], lines: Iterable[str], seq: int = 0
) -> None:
    """Rewrite index.tsv from scratch (atomically): the registers' titles, then one line
    per live record, the branches' first (a look-up reads them to name each result's
    branch, and stops reading the head where they end)."""
    head = [HEADER + "\n", seq_marker(seq)]
    head += ["#reg\t" + "\t".join((slug, *t)) + "\n" for slug, t in titles.items()]
    body = "".join(head) + "".join(lines) + BASE_END + "\n"
    write_atomic(home / INDEX_FILE, body.encode())


def seq_marker(seq: int) -> str:
    """A line saying the index has caught up with the journal up to ``seq`` (changes that
    add no line, such as payments, still move it on)."""
    return f"#seq\t{seq}\n"


def append(home: Path, lines: list[str]) -> None:
    # Not fsynced: the journal is the durable record; a stale index is rebuilt from it.
    if lines:
        append_durably(home / INDEX_FILE, "".join(lines).encode(), sync=False)


def last_seq(home: Path) -> int:
    """The journal sequence the index has caught up with (-1 if there is no index, or one
    of another layout)."""
    path = home / INDEX_FILE
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return -1
    with open(path, "rb") as f:
        if f.read(len(HEADER) + 1) != (HEADER + "\n").encode():
            return -1
        f.seek(max(0, size - 65536))
        tail = f.read().decode("utf-8", "replace").splitlines()
    best = 0
    for line in tail:
        if line.startswith("#seq\t"):
            number = line[5:]
        elif line.startswith("#") or "\t" not in line:
            continue
        else:
            number = line.rsplit("\t", 1)[1]
        try:
            best = max(best, int(number))
        except ValueError:
            continue
    return best


def tail_bytes(home: Path) -> tuple[int, int]:
    """Bytes of the base and of the lines appended since it was written."""
    path = home / INDEX_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return 0, 0
    cut = data.find(b"\n" + BASE_END.encode() + b"\n")
    return (len(data), 0) if cut < 0 else (cut, len(data) - cut)


def compact(home: Path) -> None:
    """Fold the appended lines into the base: the latest line of each record wins, deleted
    records go. Text only, so no pinyin is computed again."""
    titles, live = _parse(home)
    seq = last_seq(home)
    ordered = sorted(live.values(), key=lambda parts: parts[REGISTER] != "branches")
    write_base(home, titles, ("\t".join(parts) + "\n" for parts in ordered), seq)



class Hit(dict[str, Any]):  # a dict so --json prints it as it is
    pass


# -- reading index.tsv: the one reader of its lines (find, the app's filter and sort, the home)

#: Where each field of a record's line stands.
KEYS, ID, REGISTER, BRANCH, NAME, DETAIL, SEQ = range(7)
DELETED = "-"  # the register of a line that marks a deleted record


def fields_of(line: str) -> list[str] | None:
    """A record's line as its fields (see the module's layout), or None: a comment, or a
    line cut off by a crash."""
    if line[:1] == "#":
        return None
    parts = line.split("\t")
    if len(parts) <= SEQ:
        return None
    parts[-1] = parts[-1].rstrip("\n")  # the last field only: a line read from the file ends so
    return parts


def _title_of(line: str) -> tuple[str, tuple[str, str, str]] | None:
    parts = line.rstrip("\n").split("\t")
    return (parts[1], (parts[2], parts[3], parts[4])) if len(parts) >= 5 else None


def read_head(lines: Iterable[str]) -> tuple[dict[str, tuple[str, str, str]], dict[str, str]]:
    """The head of the file: the registers' titles (slug → three titles), then the branches
    (id → name), which come first among the records (see :func:`write_base`). Stops where
    they end, so a look-up never reads the rest for them."""
    titles: dict[str, tuple[str, str, str]] = {}
    branches: dict[str, str] = {}
    for line in lines:
        if line.startswith("#"):
            if line.startswith("#reg\t"):
                title = _title_of(line)
                if title:
                    titles[title[0]] = title[1]
            elif line.startswith(BASE_END):
                break
            continue
        parts = fields_of(line)
        if parts is None or parts[REGISTER] != "branches":
            break
        branches[parts[ID]] = parts[NAME]
    return titles, branches


def branch_names(home: Path) -> list[str]:
    """The branches' names from the head of index.tsv, where they come first."""
    try:
        with open(home / INDEX_FILE, encoding="utf-8", errors="replace") as f:
            return list(read_head(f)[1].values())
    except OSError:
        return []


def closeness(q: str, keys: str) -> tuple[int, str]:
    """How well a record's keys meet a query, best lowest: the name itself, then a name that
    begins so, then the rest; then where the name sorts in a phone book."""
    own = name_keys(keys)
    near = 0 if q in own else 1 if any(k.startswith(q) for k in own) else 2
    return near, phone_book_key(own)


class SearchKeys:
    """Every record's search keys, read from ``index.tsv`` once and then followed as lines
    are appended (a save here or in another process). A rebuilt index is read afresh."""

    def __init__(self, home: Path) -> None:
        self.path = home / INDEX_FILE
        self.keys: dict[str, str] = {}
        self.by_register: dict[str, set[str]] = {}
        self._where: dict[str, str] = {}
        self._offset = 0
        self._ident: tuple[int, int] | None = None

    def refresh(self) -> bool:
        """Read what is new; returns whether anything changed."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            changed = bool(self.keys)
            self.keys, self._offset, self._ident = {}, 0, None
            self.by_register, self._where = {}, {}
            return changed
        ident = (st.st_ino, st.st_dev)
        if ident != self._ident or st.st_size < self._offset:
            self.keys, self._offset, self._ident = {}, 0, ident
            self.by_register, self._where = {}, {}
        if st.st_size == self._offset:
            return False
        keys, where, by_register = self.keys, self._where, self.by_register
        with open(self.path, "rb") as f:
            f.seek(self._offset)
            for raw in f:  # line by line: a 100,000-record index is never held twice
                if not raw.endswith(b"\n"):
                    break  # a line still being written: read it next time
                self._offset += len(raw)
                parts = fields_of(raw.decode("utf-8", "replace"))
                if parts is None:
                    continue
                rid, slug = parts[ID], parts[REGISTER]
                old = where.get(rid)
                if old is not None and old != slug:
                    by_register[old].discard(rid)
                if slug == DELETED:
                    keys.pop(rid, None)
                    where.pop(rid, None)
                else:
                    keys[rid] = parts[KEYS]
                    if old != slug:
                        where[rid] = slug
                        by_register.setdefault(slug, set()).add(rid)
        return True

    def find(self, slug: str, query: str, limit: int = 30) -> list[str]:
        """Ids of ``slug`` whose keys hold the query, ranked as ``taizhang find`` ranks:
        the name itself, then a name that begins so, then the rest; then by pinyin."""
        q = normalise_query(query)
        if not q:
            return []
        keys = self.keys
        hits = [rid for rid in self.by_register.get(slug, ()) if q in keys[rid]]

        def rank(rid: str) -> tuple[int, str, str]:
            return (*closeness(q, keys[rid]), rid)

        if len(hits) > 5000:  # a one-letter query: rank the nearest ones only
            close = [h for h in hits if rank(h)[0] < 2]
            hits = close if len(close) >= limit else hits[:5000]
        hits.sort(key=rank)
        return hits[:limit]


def _parse(home: Path) -> tuple[dict[str, tuple[str, str, str]], dict[str, list[str]]]:
    try:
        text = (home / INDEX_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, {}
    titles: dict[str, tuple[str, str, str]] = {}
    live: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("#reg\t"):
            title = _title_of(line)
            if title:
                titles[title[0]] = title[1]
        parts = fields_of(line)
        if parts is None:
            continue
        if parts[REGISTER] == DELETED:
            live.pop(parts[ID], None)
        else:
            live[parts[ID]] = parts
    return titles, live


def _decoded_lines(data: bytes) -> Iterator[str]:
    """The lines of ``data`` one at a time, decoded as they are read (the head is short;
    the records after it are never decoded)."""
    at = 0
    while at < len(data):
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        yield data[at:end].decode("utf-8", "replace")
        at = end + 1


def _lines_containing(data: bytes, needle: bytes) -> list[bytes]:
    """The lines of ``data`` whose keys (the text before the first tab) contain ``needle``.

    Works on the raw bytes: UTF-8 lets a substring be found without decoding, and
    ``bytes.find`` runs at memory speed, so 100,000 records cost a few milliseconds.
    """
    found: list[bytes] = []
    pos = data.find(needle)
    while pos >= 0:
        start = data.rfind(b"\n", 0, pos) + 1
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end
        tab = data.find(b"\t", start, end)
        if tab > pos and data[start:start + 1] != b"#":
            found.append(data[start:end])
        pos = data.find(needle, end)
    return found


def find(home: Path, query: str, *, register: str | None = None, limit: int = 20) -> list[Hit]:
    """Records whose keys contain the query, best first.

    Ranked: the name itself, then a name that starts with the query, then the rest;
    within each, members before other registers, then by pinyin as a phone book is.
    """
    q = normalise_query(query)
    if not q:
        return []
    try:
        data = (home / INDEX_FILE).read_bytes()
    except FileNotFoundError:
        return []
    marker = b"\n" + BASE_END.encode() + b"\n"
    cut = data.find(marker)
    base, tail = (data[:cut + 1], data[cut + len(marker):]) if cut >= 0 else (data, b"")

    newer: dict[str, list[str]] = {}
    for raw in tail.decode("utf-8", "replace").splitlines():
        parts = fields_of(raw)
        if parts is not None:
            newer[parts[ID]] = parts

    candidates: list[list[str]] = []
    for raw_line in _lines_containing(base, q.encode()):
        parts = fields_of(raw_line.decode("utf-8", "replace"))
        if parts is not None and parts[ID] not in newer:
            candidates.append(parts)
    candidates += [p for p in newer.values() if p[REGISTER] != DELETED and q in p[KEYS]]
    if register:
        candidates = [p for p in candidates if p[REGISTER] == register]

    titles, branches = read_head(_decoded_lines(base))
    for parts in newer.values():
        if parts[REGISTER] == "branches":
            branches[parts[ID]] = parts[NAME]
        elif parts[REGISTER] == DELETED:
            branches.pop(parts[ID], None)

    order = {slug: i for i, slug in enumerate(titles)}

    def rank(parts: list[str]) -> tuple[int, int, str]:
        near, sound = closeness(q, parts[KEYS])
        return (near, order.get(parts[REGISTER], 99), sound)

    candidates.sort(key=rank)
    return [
        Hit(
            id=parts[ID],
            register=parts[REGISTER],
            titles=list(titles.get(parts[REGISTER], (parts[REGISTER],) * 3)),
            branch=branches.get(parts[BRANCH], ""),
            name=parts[NAME],
            detail=parts[DETAIL],
        )
        for parts in (candidates[:limit] if limit > 0 else candidates)
    ]


def resolve_prefix(home: Path, prefix: str) -> list[tuple[str, str]]:
    """(id, register) of every live record whose id starts with ``prefix``."""
    _, live = _parse(home)
    return [(rid, parts[REGISTER]) for rid, parts in live.items() if rid.startswith(prefix)]

