"""Pausing Python's cycle collector while building or changing large structures.

Parsing a 50 MB register or 100,000 merged changes allocates millions of containers;
each allocation burst triggers collections that walk every live object, the registers
already in memory included. Nothing built here forms cycles that need collecting, so
the collector is paused for the work and resumed after (reference counting still frees
everything as usual). After a big load what survives is moved out of the collector's
sight (``gc.freeze``): the registers stay for the life of the process, and walking them
at the next collection would cost a quarter of a second for nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
FREEZE_AFTER = 100_000  # containers made while paused
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
            if gc.get_count()[0] > FREEZE_AFTER:
                # What was built is long-lived (loaded registers) or already freed; left
                # young, the first collection after this would walk all of it once more.
                gc.freeze()
            gc.enable()


def pausing(fn: F) -> F:
    """A function that runs with the collector paused."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with paused():
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
