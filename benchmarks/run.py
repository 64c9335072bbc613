"""The store's speed at 100,000 records, each figure beside its reference, as a ratio.

    python benchmarks/run.py [--members 100000] [--home DIR] [--repeat 7]

Builds (or reuses) a demo store of that size, then measures in the same run:

- save one edit in a running app (the store open, the register loaded) against TinyDB's
  default JSONStorage inserting one document into the same 100,000 documents;
- ``taizhang find zgy`` as a whole process against ``python -c 'import json; json.load(...)'``
  of the members file;
- ``taizhang list members`` as a whole process against the same.

Medians over ``--repeat`` runs; the machines are shared and noisy, so read the ratios.
Other benchmarks in this folder (tui_*, sync_*) are run by this command too when present.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(*argv: str) -> None:
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})


def big_store(members: int, home: Path | None) -> Path:
    home = home or Path(tempfile.gettempdir()) / f"taizhang-bench-{members}"
    if not (home / "settings.toml").exists():
        print(f"building a demo store of {members} members in {home} …", flush=True)
        start = time.perf_counter()
        process(sys.executable, "-m", "tui.cli", "demo", "--no-tui", "--members", str(members), "--home", str(home))
        print(f"  built in {time.perf_counter() - start:.1f} s (goal: under 120 s)", flush=True)
    return home


def row(what: str, ours: float, ref: float, ref_name: str, unit: str = "s", goal: str = "") -> None:
    ratio = ref / ours if ours else float("inf")
    print(f"{what:<38} {ours * (1000 if unit == 'ms' else 1):>9.3f} {unit}   "
          f"{ref_name:<34} {ref * (1000 if unit == 'ms' else 1):>9.3f} {unit}   "
          f"{ratio:>7.1f}× faster   {goal}")


def bench_save(home: Path, repeat: int) -> None:
    import shutil

    from tinydb import TinyDB

    from storage.store import Store

    work = Path(tempfile.mkdtemp()) / "home"
    shutil.copytree(home, work, ignore=shutil.ignore_patterns("backups"))
    store = Store.open(work)
    store.autocheckpoint = False  # a checkpoint is the occasional rewrite; measured apart below
    members = store.records("members")
    targets = [m["id"] for m in members[:repeat * 3]]
    counter = iter(range(10**6))

    def one_edit() -> None:
        rid = targets[next(counter) % len(targets)]
        store.edit(rid, {"phone": f"139{next(counter):08d}"})

    one_edit()  # warm: the pinyin dictionary loads on the first save of a session
    ours = median_time(one_edit, repeat * 3)

    # TinyDB's default storage on the same documents: every insert rewrites the file.
    tiny_path = work / "tinydb-members.json"
    docs = [{k: v for k, v in m.items() if not k.startswith("_")} for m in members]
    db = TinyDB(tiny_path)
    db.table("members").insert_multiple(docs)
    sample = dict(docs[0], id="bench")
    ref = median_time(lambda: db.table("members").insert(sample), max(3, repeat // 2))
    row(f"save one edit ({len(members):,} members)", ours, ref, "TinyDB JSONStorage insert", "ms",
        f"goal ≥30× and <10 ms: {'met' if ref / ours >= 30 and ours < 0.010 else 'NOT met'}")
    checkpoint = median_time(store.checkpoint, 1)
    print(f"{'  (a checkpoint, every 2000 saves)':<38} {checkpoint:>9.3f} s   amortised {checkpoint / 2000 * 1000:.3f} ms per save")
    db.close()
    shutil.rmtree(work.parent, ignore_errors=True)


def bench_commands(home: Path, repeat: int) -> None:
    py = sys.executable
    members_file = home / "registers" / "members.json"
    ref = median_time(lambda: process(py, "-c", f"import json; json.load(open({str(members_file)!r}, 'rb'))"), repeat)
    find = median_time(lambda: process(py, "-m", "tui.cli", "find", "zgy", "--home", str(home)), repeat)
    row("taizhang find zgy (whole process)", find, ref, "python -c json.load(members.json)", "s",
        f"goal <0.3 s and faster than json.load: {'met' if find < 0.3 and find < ref else 'NOT met'}")
    listing = median_time(lambda: process(py, "-m", "tui.cli", "list", "members", "--home", str(home)), repeat)
    row("taizhang list members (whole process)", listing, ref, "python -c json.load(members.json)", "s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only-store", action="store_true", help="skip the other benchmark files")
    args = parser.parse_args()
    os.environ.setdefault("TAIZHANG_TODAY", "2026-11-26")
    home = big_store(args.members, args.home)
    print(f"\nstore: {home}  (medians of {args.repeat} runs; ratio = reference / ours)\n")
    bench_save(home, args.repeat)
    bench_commands(home, args.repeat)
    if not args.only_store:
        for path in sorted(Path(__file__).parent.glob("*_bench.py")):
            spec = importlib.util.spec_from_file_location(path.stem, path)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            if hasattr(module, "run"):
                print(f"\n== {path.name} ==")
                module.run(home=home, repeat=args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
