"""Pausing Python's cycle collector while building or changing large structures.

Parsing a 50 MB register or 100,000 merged changes allocates millions of containers;
each allocation burst triggers collections that walk every live object, the registers
already in memory included. Nothing built here forms cycles that need collecting, so
the collector is paused for the work and resumed after (reference counting still frees
everything as usual).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import wraps
from typing import Any, Callable, Iterator, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_depth = 0


@contextmanager
def paused() -> Iterator[None]:
    global _depth
    was_enabled = gc.isenabled() if _depth == 0 else False
    _depth += 1
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        _depth -= 1
        if was_enabled:
            gc.enable()


def pausing(fn: F) -> F:
    """A function that runs with the collector paused."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with paused():
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
