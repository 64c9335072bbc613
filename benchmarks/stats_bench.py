"""``taizhang stats`` at 300 and 100,000 members, beside reading the members register with
the standard library's json, and what the charting libraries cost to import.

    python benchmarks/stats_bench.py [--home DIR] [--repeat 5]

(also run by ``benchmarks/run.py``, on its 100,000-member store). Builds a 300-member demo,
and uses (or builds) the 100,000-member one. Whole processes, as a secretary runs them:

- ``stats --json`` as of today (the registers as they are);
- ``stats --json --as-of`` a day last year (the registers as they stood, from the journal);
- the reference: ``python -c "json.load(open('registers/members.json'))"``;
- import costs: ``rich.bar`` (the screen's charts) and matplotlib's Agg figure (the pictures),
  each beside ``python -c pass``.

Medians of ``--repeat`` runs; the machines are shared and noisy, so read the ratios.
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


def demo(members: int, home: Path | None) -> Path:
    home = home or Path(tempfile.gettempdir()) / f"taizhang-bench-{members}"
    if not (home / "settings.toml").exists():
        print(f"building a demo store of {members:,} members in {home} …", flush=True)
        subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--no-tui", "--members", str(members), "--home", str(home)],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return home


def process(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - started


def median(repeat: int, *args: str) -> float:
    return statistics.median(process(*args) for _ in range(repeat))


def row(what: str, ours: float, ref: float, ref_name: str) -> None:
    print(f"  {what:<40} {ours:>8.3f} s   {ref_name:<26} {ref:>8.3f} s   ratio {ours / ref:>6.2f}× its time")


def bench(home: Path, members: int, repeat: int) -> None:
    members_file = home / "registers" / "members.json"
    print(f"\n{members:,} members ({home}); medians of {repeat}")
    ref = median(repeat, "-c", f"import json; json.load(open({str(members_file)!r}, 'rb'))")
    row("taizhang stats --json (today)", median(repeat, "-m", "tui.cli", "stats", "--json", "--home", str(home)),
        ref, "json.load(members.json)")
    past = f"{int(os.environ['TAIZHANG_TODAY'][:4]) - 1}-06-30"
    row(f"taizhang stats --json --as-of {past}",
        median(repeat, "-m", "tui.cli", "stats", "--json", "--as-of", past, "--home", str(home)),
        ref, "json.load(members.json)")


def imports(repeat: int) -> None:
    print(f"\nimport cost of the charting libraries (whole process; medians of {repeat})")
    bare = median(repeat, "-c", "pass")
    textual = median(repeat, "-c", "import textual.app")
    row("import rich.bar (the screen's charts)", median(repeat, "-c", "import rich.bar"), bare, "python -c pass")
    row("  … after textual.app (as in the app)", median(repeat, "-c", "import textual.app, rich.bar"), textual,
        "import textual.app")
    row("import matplotlib Agg figure", median(repeat, "-c", "import matplotlib; matplotlib.use('Agg'); "
                                            "import matplotlib.figure, matplotlib.backends.backend_agg"), bare,
        "python -c pass")


def run(home: Path | None = None, repeat: int = 5) -> None:
    os.environ.setdefault("TAIZHANG_TODAY", "2026-11-26")
    repeat = max(1, repeat)
    bench(demo(300, None), 300, repeat)
    bench(demo(100_000, home), 100_000, max(1, min(repeat, 3)))  # each run reads ~200 MB
    imports(repeat)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="a 100,000-member demo store (built if missing)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    run(args.home, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
