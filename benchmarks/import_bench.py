"""Refusing a zip bomb: how long, and how much memory, an import takes to refuse a 2 MB
workbook that would unpack to 2 GiB, beside an import of a three-row roster (the cost of
starting the command at all) and beside openpyxl reading a smaller bomb whole (what an
import did before its limits).

    python benchmarks/import_bench.py [--unpacked-gib 2] [--reference-mib 256] [--repeat 3]

Each figure is a process of its own: wall time, and peak resident memory from wait4.
Run by benchmarks/run.py too (it needs no large store).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def measured(*argv: str) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB and exit status of one process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TAIZHANG_TODAY": os.environ.get("TAIZHANG_TODAY", "2026-11-26")}
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, child.returncode


def median_of(repeat: int, *argv: str) -> tuple[float, float, int]:
    runs = [measured(*argv) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def refusal_in_process(bomb: Path) -> tuple[float, int]:
    """Seconds and peak bytes allocated (tracemalloc) to refuse the bomb, the modules
    already loaded: the work of the refusal alone."""
    import tracemalloc

    import openpyxl  # noqa: F401 (loaded before, as in a running app)

    from storage.messages import StoreError
    from storage.tables import read_rows

    def refuse() -> None:
        try:
            read_rows(bomb)
        except StoreError:
            return
        raise SystemExit("the bomb was read, not refused")

    refuse()  # the first call imports the settings' models: a cost of starting, measured below
    tracemalloc.start()
    start = time.perf_counter()
    refuse()
    spent = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return spent, peak


def run(home: Path | None = None, repeat: int = 3, unpacked_gib: float = 2, reference_mib: int = 256) -> None:
    from hostile import zip_bomb

    py = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        store = root / "home"
        subprocess.run([py, "-m", "tui.cli", "init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(store)],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
        roster = root / "roster.csv"
        roster.write_text("姓名,所在支部\n張桂英,第一支部\n李國華,第一支部\n", encoding="utf-8-sig")
        start = time.perf_counter()
        bomb = zip_bomb(root / "bomb.xlsx", int(unpacked_gib * (1 << 30)))
        made = time.perf_counter() - start
        print(f"a bomb of {bomb.stat().st_size / 1e6:.1f} MB unpacking to {unpacked_gib:g} GiB, made in {made:.1f} s")

        def importing(path: Path) -> list[str]:
            return [py, "-m", "tui.cli", "import", "members", str(path), "--dry-run", "--home", str(store)]

        plain_time, plain_mem, _ = median_of(repeat, *importing(roster))
        bomb_time, bomb_mem, status = median_of(repeat, *importing(bomb))
        refusing, peak = refusal_in_process(bomb)
        print(f"{'refusing the bomb (read_rows, in process)':<44} {refusing * 1000:>7.2f} ms {peak / 1024:>6.1f} KiB allocated at peak   "
              f"goal well under 1 s: {'met' if refusing < 0.1 else 'NOT met'}")
        print(f"{'import of a 3-row roster (dry run)':<44} {plain_time:>7.3f} s {plain_mem:>8.1f} MiB   (a whole process)")
        print(f"{'import of the bomb, refused':<44} {bomb_time:>7.3f} s {bomb_mem:>8.1f} MiB   exit {status}   "
              f"(over the roster: {bomb_time - plain_time:+.3f} s, {bomb_mem - plain_mem:+.1f} MiB)")
        if reference_mib:
            small = zip_bomb(root / "small-bomb.xlsx", reference_mib << 20)
            reading = (f"from openpyxl import load_workbook; wb = load_workbook({str(small)!r}, read_only=True); "
                       f"[r for r in wb.worksheets[0].iter_rows(values_only=True)]")
            ref_time, ref_mem, _ = measured(py, "-c", reading)
            print(f"{f'openpyxl reading a {reference_mib} MiB bomb whole':<44} {ref_time:>7.3f} s {ref_mem:>8.1f} MiB   "
                  f"(what an import did before its limits; ×{unpacked_gib * 1024 / reference_mib:g} for the bomb above)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--unpacked-gib", type=float, default=2)
    parser.add_argument("--reference-mib", type=int, default=256, help="0: skip the openpyxl reference")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(repeat=args.repeat, unpacked_gib=args.unpacked_gib, reference_mib=args.reference_mib)
    return 0


if __name__ == "__main__":
    sys.exit(main())
