"""What a register's table shows: its columns, the cells of a row, the order, the filter.

The table is drawn from the register's declaration (its list columns, their labels and
kinds) and its values are shown through :func:`storage.present.show_value`, as the
command line shows them. The filter matches the search keys of ``index.tsv`` exactly as
``taizhang find`` does: the query folded to simplified characters and lower case, found
inside a record's keys (simplified text, full pinyin, initials).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, overload

from storage import index
from storage.text import width

if TYPE_CHECKING:
    from storage.registers.base import Register
    from storage.store import Store
    from tui.widgets.table import Column

def columns_of(reg: Register, lang: str) -> list[Column]:
    from tui.widgets.table import Column

    out: list[Column] = []
    for name in reg.columns:
        label = reg.label(name, lang)
        spec = reg.fields.get(name)
        priority = reg.column_priority(name)
        if spec is None:  # derived: 應到, 實到 …
            out.append(Column(name, label, max(4, width(label)), right=True, priority=priority, least=4))
            continue
        kind = spec.field_kind  # widths by kind, never by the data (or its size)
        data = kind.column_width(spec, lang)
        out.append(Column(name, label, max(data, width(label)), right=kind.right, priority=priority, least=data))
    return out


class Cells:
    """The texts of a row, computed when first drawn and kept for the rows around."""

    def __init__(self, store: Store, reg: Register, lang: str, *, fields: Sequence[str] | None = None) -> None:
        self.store = store
        self.reg = reg
        self.lang = lang
        self.fields = list(fields or reg.columns)
        self.extra: dict[str, Callable[[dict[str, Any]], str]] = {}
        self._cache: OrderedDict[str, list[str]] = OrderedDict()
        self.preview: dict[str, dict[str, Any]] = {}  # rows read ahead of the whole file

    def clear(self) -> None:
        self._cache.clear()

    def record(self, rid: str) -> dict[str, Any]:
        if rid in self.preview:
            return self.preview[rid]
        return self.store.table(self.reg.slug)[rid]

    def __call__(self, rid: str) -> list[str]:
        cached = self._cache.get(rid)
        if cached is not None:
            self._cache.move_to_end(rid)
            return cached
        from storage.present import show_value

        record = self.record(rid)
        texts = [
            self.extra[f](record) if f in self.extra else show_value(self.store, self.reg, f, record, self.lang)
            for f in self.fields
        ]
        self._cache[rid] = texts
        if len(self._cache) > 4000:
            self._cache.popitem(last=False)
        return texts


def default_order(reg: Register) -> tuple[str | None, bool]:
    """Registers that begin with a date list the newest first; the others as entered."""
    first = reg.columns[0] if reg.columns else None
    spec = reg.fields.get(first) if first else None
    if spec is not None and spec.kind in ("date", "month"):
        return first, True
    return None, False


def sort_key(
    store: Store, reg: Register, field: str, lang: str, keys: Any = None
) -> Callable[[dict[str, Any]], tuple]:
    """How rows sort by ``field``. Given every record's search keys (id → keys, from
    index.tsv), names — a record's own, or the one a reference names — sort by pinyin,
    as a phone book does, not by code point. A value of the wrong type (a hand edit: a
    dict for a choice, "abc" for an amount) sorts last, by its text, rather than stop
    the sort."""
    key = _sort_key(store, reg, field, lang, keys)

    def tolerant(record: dict[str, Any]) -> tuple:
        try:
            return key(record)
        except (TypeError, ValueError, ArithmeticError):
            from storage.present import as_text

            return (2, as_text(record.get(field)))

    return tolerant


def _sort_key(
    store: Store, reg: Register, field: str, lang: str, keys: Any = None
) -> Callable[[dict[str, Any]], tuple]:
    spec = reg.fields.get(field)
    if spec is None:
        from storage.present import show_value

        def derived(record: dict[str, Any]) -> tuple:
            text = show_value(store, reg, field, record, lang)
            return (0, int(text)) if text.isdigit() else (1, text)

        return derived
    if spec.ref:
        ref = spec.ref  # a local, so that the nested function sees it is not None
        names: dict[str, str] = {}

        def referred(record: dict[str, Any]) -> tuple:
            value = record.get(field)
            if value is None:
                return (1, "")
            if isinstance(value, list):
                value = value[0] if value else ""
            if value not in names:
                simple = index.simplify(store.name_of(ref, value))
                names[value] = index.phone_book_key(index.name_keys(keys[value])) + "\t" + simple if keys and keys.get(value) else simple
            return (0, names[value])

        return referred
    if field == reg.name_field and keys:
        def by_sound(record: dict[str, Any]) -> tuple:
            value = record.get(field)
            if value in (None, ""):
                return (1, "")
            said = keys.get(record.get("id", ""))
            return (0, index.phone_book_key(index.name_keys(said)) + "\t" + str(value)) if said else (0, index.simplify(str(value)))

        return by_sound
    return spec.field_kind.sort_key(spec)


def narrow(query: str) -> str:
    """A query as the index compares it (張 → 张, ＺＧＹ → zgy, spaces dropped)."""
    return index.normalise_query(query)


class Scan:
    """The rows whose keys hold a query, found a slice at a time.

    A keystroke finds just enough rows to fill the screen, so its cost does not grow with
    the register; the rest of the scan runs in slices between keystrokes (the count on
    screen says "at least" until it is done). A query that extends the previous one
    scans only what that one found, then what it had not reached yet.
    """

    def __init__(self, keys: Sequence[str], query: str, parts: list[Sequence[int]]) -> None:
        self.keys = keys
        self.query = query
        self.parts = parts  # what is left to look at: lists of row numbers, or ranges
        self.part = 0
        self.at = 0
        self.hits: list[int] = []

    @classmethod
    def start(cls, keys: Sequence[str], query: str, previous: Scan | None) -> Scan:
        if previous is not None and previous.query and query.startswith(previous.query):
            rest = [previous.hits] + previous.remaining()
            return cls(keys, query, rest)
        return cls(keys, query, [range(len(keys))])

    def remaining(self) -> list[Sequence[int]]:
        if self.part >= len(self.parts):
            return []
        head = self.parts[self.part]
        return [head[self.at:], *self.parts[self.part + 1:]]

    @property
    def done(self) -> bool:
        return self.part >= len(self.parts)

    def run(self, *, until_hits: int | None = None, budget: int = 20000) -> None:
        """Look at up to ``budget`` rows, stopping early once ``until_hits`` are found."""
        keys, q, hits = self.keys, self.query, self.hits
        while self.part < len(self.parts) and budget > 0:
            part = self.parts[self.part]
            end = min(len(part), self.at + min(budget, 2000 if until_hits is not None else budget))
            chunk = part[self.at:end]
            hits.extend(i for i in chunk if q in keys[i])
            budget -= end - self.at
            self.at = end
            if self.at >= len(part):
                self.part += 1
                self.at = 0
            if until_hits is not None and len(hits) >= until_hits:
                return


class Found(Sequence[str]):
    """The ids of a scan's hits, as the table reads them (no list of ids is built)."""

    def __init__(self, base: Sequence[str], hits: list[int]) -> None:
        self.base = base
        self.hits = hits

    def __len__(self) -> int:
        return len(self.hits)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self.base[h] for h in self.hits[i]]
        return self.base[self.hits[i]]
