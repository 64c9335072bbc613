"""Time, in one place, so tests and snapshots can fix it.

``TAIZHANG_TODAY=2026-11-26`` (or ``TAIZHANG_NOW=2026-11-26T09:00:00``) pins the clock;
the demo, the snapshots and the plan's targets use it to stay deterministic.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timezone

#: The day rules that want a past date judge by, while a change made on another laptop is
#: checked (:func:`judging_on`); None: this laptop's today.
_JUDGED_ON: ContextVar[date | None] = ContextVar("judged_on", default=None)


def now() -> datetime:
    pinned = os.environ.get("TAIZHANG_NOW")
    if pinned:
        value = datetime.fromisoformat(pinned)
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    pinned_day = os.environ.get("TAIZHANG_TODAY")
    if pinned_day:
        return datetime.combine(date.fromisoformat(pinned_day), datetime.min.time(), timezone.utc)
    return datetime.now(timezone.utc).astimezone()


def today() -> date:
    judged = _JUDGED_ON.get()
    if judged is not None:
        return judged
    pinned_day = os.environ.get("TAIZHANG_TODAY")
    if pinned_day:
        return date.fromisoformat(pinned_day)
    return now().date()


@contextmanager
def judging_on(day: date) -> Iterator[None]:
    """Rules that refuse a date after today (a birth, a meeting held) judge as of ``day``
    meanwhile: a value saved on a laptop whose calendar was a day or two ahead was valid
    there, and is judged as it was then, not by this laptop's today."""
    token = _JUDGED_ON.set(day)
    try:
        yield
    finally:
        _JUDGED_ON.reset(token)


def wall_ms() -> int:
    """Milliseconds since the epoch, as the hybrid logical clock reads them."""
    if os.environ.get("TAIZHANG_NOW") or os.environ.get("TAIZHANG_TODAY"):
        return int(now().timestamp() * 1000)
    return time.time_ns() // 1_000_000


DAY_MS = 24 * 3600 * 1000
#: How far apart a stamp and this laptop's clock may be before the user is told: a
#: laptop's date reset or set wrong, either way (a day covers time zones and drift).
CLOCK_SLACK_MS = DAY_MS


def local_time(ms: int) -> datetime:
    """Milliseconds since the epoch (a stamp's), as this laptop's local time."""
    return datetime.fromtimestamp(ms / 1000, timezone.utc).astimezone()


class HybridClock:
    """A hybrid logical clock (Kulkarni et al.): wall time in ms plus a counter.

    Stamps are strings that sort as the clock orders them, ``MMMMMMMMMMMMM-CCCCCC-COPY``:
    13 digits of milliseconds, a 6-digit counter, and the copy that made the change, so
    two copies never make the same stamp and a tie is broken by copy id. A laptop whose
    clock runs behind still stamps after everything it has seen, so its edits are not
    silently older than what it has merged.
    """

    __slots__ = ("copy", "ms", "counter")

    def __init__(self, copy: str, last: str | None = None) -> None:
        self.copy = copy
        self.ms = 0
        self.counter = 0
        if last:
            self.observe(last)

    def tick(self) -> str:
        wall = wall_ms()
        if wall > self.ms:
            self.ms, self.counter = wall, 0
        else:
            self.counter += 1
            if self.counter > 999_999:  # only with a pinned clock: borrow the next ms
                self.ms, self.counter = self.ms + 1, 0
        return f"{self.ms:013d}-{self.counter:06d}-{self.copy}"

    def observe(self, stamp: str) -> None:
        """Move past a stamp seen from another copy (or read back from the journal)."""
        ms, counter = parse_stamp(stamp)[:2]
        if (ms, counter) > (self.ms, self.counter):
            self.ms, self.counter = ms, counter


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    ms, counter, copy = stamp.split("-", 2)
    return int(ms), int(counter), copy
