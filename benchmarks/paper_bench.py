"""Printing: the year's binder for a village of 300 members, and a register of 100,000 rows
to PDF beside writing the same rows as CSV.

    python benchmarks/paper_bench.py [--repeat 3] [--big-repeat 1] [--home300 DIR] [--home100k DIR]

Builds (or reuses, read-only) the 300-member and the 100,000-member demo stores, as
benchmarks/backup_bench.py does, then:

- **binder**: ``taizhang print binder`` to PDF and to DOCX (storage.paper.print_to): time
  and pages;
- **register**: the 100,000-member roll (黨員花名冊, every column, split into parts with
  the name on each) to PDF, beside ``taizhang export members --to FILE.csv`` of the same
  rows (storage.tables.export): each time, and the ratio.

Medians of the repeats; the machines are shared and noisy, so read the ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from backup_bench import demo  # noqa: E402  (builds a demo store once, in the temp folder)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall-clock and CPU seconds (the CPU time says more on a machine shared with
    others), and the last result."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    return statistics.median(times), statistics.median(cpu), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the 300-member figures (median)")
    parser.add_argument("--big-repeat", type=int, default=1, help="runs of the 100,000-row figures (median)")
    parser.add_argument("--home300", type=Path, help="a 300-member demo store (built if absent)")
    parser.add_argument("--home100k", type=Path, help="a 100,000-member demo store (built if absent)")
    args = parser.parse_args(argv)

    from storage.paper import print_to
    from storage.store import Store
    from storage.tables import export

    out = Path(tempfile.mkdtemp(prefix="taizhang-paper-bench-"))
    village = Store.open(demo(300, args.home300), readonly=True)
    village.records("members")  # loaded once, as the app has it
    print(f"village: {village.count('members')} members, {village.count('meetings')} meetings, "
          f"{village.count('dues')} dues entries")
    print("                   wall (s)   CPU (s)")
    seconds, cpu, done = timed(lambda: print_to(village, "binder", out / "binder.pdf"), args.repeat)
    size = (out / "binder.pdf").stat().st_size
    print(f"binder to PDF      {seconds:8.2f}  {cpu:8.2f}   {done.pages} pages   {size / 1e6:.1f} MB   "
          f"({cpu / done.pages * 1000:.0f} ms CPU a page)")
    seconds, cpu, _ = timed(lambda: print_to(village, "binder", out / "binder.docx"), args.repeat)
    print(f"binder to DOCX     {seconds:8.2f}  {cpu:8.2f}   {(out / 'binder.docx').stat().st_size / 1e6:.1f} MB")

    big = Store.open(demo(100_000, args.home100k), readonly=True)
    started = time.perf_counter()
    rows = len(big.records("members"))
    print(f"\nregister: 黨員花名冊, {rows:,} rows (loaded in {time.perf_counter() - started:.1f} s, not counted)")
    csv_seconds, csv_cpu, _ = timed(lambda: export(big, "members", out / "members.csv"), args.big_repeat)
    pdf_seconds, pdf_cpu, done = timed(lambda: print_to(big, "members", out / "members.pdf"), args.big_repeat)
    print("                   wall (s)   CPU (s)")
    print(f"CSV                {csv_seconds:8.2f}  {csv_cpu:8.2f}   {(out / 'members.csv').stat().st_size / 1e6:.1f} MB")
    print(f"PDF                {pdf_seconds:8.2f}  {pdf_cpu:8.2f}   {done.pages:,} pages   "
          f"{(out / 'members.pdf').stat().st_size / 1e6:.1f} MB")
    print(f"PDF / CSV          {pdf_seconds / csv_seconds:8.1f}  {pdf_cpu / csv_cpu:8.1f}   ×")
    print(f"\n(files in {out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
