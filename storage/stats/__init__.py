"""黨內統計: the figures of the annual statistical bulletin for the organisation and each
branch, as of a day, beside the year before (see storage.stats.report).

Nothing here is imported on the app's start or by ``taizhang find``: the statistics are
asked for, and pay for what they read then. For a past day the registers are read as
they stood then, from the journal (storage.stats.as_of).
"""

from __future__ import annotations

from storage.stats.report import ALL, Report, Scope, statistics

__all__ = ["ALL", "Report", "Scope", "statistics"]
