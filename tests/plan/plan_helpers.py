"""Helpers for the plan's tests: small hand-made stores where every answer is known."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file of a home and its bytes, to prove a refusal changed nothing."""
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*"))
            if p.is_file() and p.name != ".lock"}


@pytest.fixture
def add(store):  # type: ignore[no-untyped-def]
    """add(register, **values) -> the new record's id."""

    def adding(register: str, **values: Any) -> str:
        return store.add(register, values)["id"]

    return adding
