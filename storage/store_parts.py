"""What the parts of the Store share: one object's state, and the calls one part makes
on another. Each part (storage.store_records, _references, _index, _checkpoints) is a
StorePart, so a type checker sees what it may use; storage.store.Store sets it all up
and puts the parts together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.clock import HybridClock
    from storage.journal import Change, Journal
    from storage.messages import Notice
    from storage.registers.base import Register
    from storage.settings import Settings

Table = dict[str, dict[str, Any]]


class StorePart:
    """The state every part of the Store reads and writes (set in Store.__init__)."""

    home: Path
    settings: Settings
    readonly: bool
    journal: Journal
    clock: HybridClock
    listeners: list[Callable[[set[str]], None]]
    autocheckpoint: bool
    _tables: dict[str, Table]
    _pending: dict[str, list[Change]]  # changes read for a register not loaded yet
    _dirty: set[str]  # registers changed since the last checkpoint
    _end: int  # how far into the journal this process has read or written
    _seq: int  # the newest change number seen or made here
    _since_checkpoint: int
    _checkpoint_end: int
    _checkpoint_seq: int
    _unique: dict[tuple[str, str], dict[Any, str]]
    _index_lines: dict[str, str]
    _sound: dict[str, tuple[tuple[int, int, int], list[Mapping[str, Any]]]]
    _files: dict[str, tuple[int | None, int | None]]
    _repaired: bool

    if TYPE_CHECKING:  # what one part calls on another (each is defined once, in its part)
        @property
        def organisation(self) -> str: ...
        def transaction(self, timeout: float | None = None) -> AbstractContextManager[None]: ...
        def last_stamp(self) -> str: ...
        def _catch_up(self, initial: bool = False) -> set[str]: ...
        def _notice(self, notice: Notice) -> None: ...
        def register(self, name: str) -> Register: ...
        def table(self, slug: str) -> Table: ...
        def name_of(self, register: str, record: Mapping[str, Any] | str | None) -> str: ...
        def resolve_reference(self, register: str, text: str) -> str: ...
        def referring_to(self, record_id: str, slug: str) -> list[tuple[Register, dict[str, Any]]]: ...
        def _resolved(self, reg: Register, values: dict[str, Any]) -> dict[str, Any]: ...
        def _inherit_branch(self, reg: Register, values: dict[str, Any]) -> None: ...
        def _check_references(self, reg: Register, data: Mapping[str, Any]) -> None: ...
        def _check_unique(self, reg: Register, data: Mapping[str, Any], own_id: str | None,
                          also_taken: dict[str, set[Any]] | None = None) -> None: ...
        def _keep_unique(self, change: Change, record: Mapping[str, Any]) -> None: ...
        def _index_changes(self, changes: list[Change]) -> None: ...
        def _load(self, slug: str) -> Table: ...
