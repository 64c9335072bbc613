"""Backups at 300 and 100,000 members, each figure beside ``tar`` doing the same to the
same folder in the same run, and their size beside the home's.

    python benchmarks/backup_bench.py [--home DIR] [--repeat 3]

(also run by ``benchmarks/run.py``, on its 100,000-member store). Builds a 300-member
demo, and uses (or builds) the 100,000-member one; in a scratch copy of each:

- **backup**: a local backup (``storage.backups.make``, as before every merge: copy,
  hash, compress, manifest, fsync) against ``tar czf`` of the same folder;
- **restore**: ``taizhang restore`` in place (read and check the backup whole, back up
  the present, swap) against ``tar xzf`` of that tar.gz into an empty folder;
- **backup --to**: the whole store, sealed under a passphrase (scrypt at its real cost,
  ChaCha20-Poly1305), against ``tar czf``; **restore --from** against ``tar xzf``;
- **sizes**: one local backup, the whole-store file and the tar.gz, beside the home's
  files; and the ``[backup] keep`` backups kept, beside the home.

Medians of ``--repeat`` runs; the machines are shared and noisy, so read the ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSPHRASE = "benchmark passphrase"


def demo(members: int, home: Path | None) -> Path:
    home = home or Path(tempfile.gettempdir()) / f"taizhang-bench-{members}"
    if not (home / "settings.toml").exists():
        print(f"building a demo store of {members:,} members in {home} …", flush=True)
        subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--no-tui", "--members", str(members), "--home", str(home)],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return home


def timed(fn: Callable[[], Any], repeat: int, before: Callable[[], Any] = lambda: None) -> float:
    times = []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def row(what: str, ours: float, ref: float, ref_name: str) -> None:
    print(f"  {what:<44} {ours:>8.3f} s   {ref_name:<28} {ref:>8.3f} s   {ref / ours:>5.2f}× as fast")


def size_row(what: str, size: int, ref: int, ref_name: str) -> None:
    print(f"  {what:<44} {size / 2**20:>8.1f} MB  {ref_name:<28} {ref / 2**20:>8.1f} MB  {size / ref:>5.2f}× its size")


def bench(base: Path, members: int, repeat: int) -> None:
    from storage import archive, backups

    work = Path(tempfile.mkdtemp(prefix="taizhang-backup-bench-"))
    try:
        home = work / "home"
        shutil.copytree(base, home, ignore=shutil.ignore_patterns("backups", ".lock"))
        files = archive.included(home, keys=True)
        home_size = sum(path.stat().st_size for _, path in files)
        names = sorted({relative.split("/")[0] for relative, _ in files})
        reference = work / "reference.tar.gz"

        def tar_czf() -> None:
            subprocess.run(["tar", "czf", str(reference), "-C", str(home), *names], check=True)

        def fresh(folder: Path) -> Callable[[], None]:
            def make() -> None:
                shutil.rmtree(folder, ignore_errors=True)
            return make

        unpacked = work / "unpacked"

        def tar_xzf() -> None:
            unpacked.mkdir()
            subprocess.run(["tar", "xzf", str(reference), "-C", str(unpacked)], check=True)

        print(f"\n{members:,} members: the home's files {home_size / 2**20:.1f} MB ({len(files)} files); "
              f"medians of {repeat}")
        czf = timed(tar_czf, repeat)
        xzf = timed(tar_xzf, repeat, fresh(unpacked))
        made: list[Path] = []
        row("backup (before every merge)", timed(lambda: made.append(backups.make(home, "bench")), repeat), czf, "tar czf")
        row("restore (check, back up the present, swap)", timed(lambda: backups.restore(home, made[0]), repeat), xzf,
            "tar xzf")
        stick = work / "stick.tzbak"
        row("backup --to (whole store, encrypted)", timed(lambda: backups.write_whole(home, stick, PASSPHRASE), repeat),
            czf, "tar czf")
        new = work / "new"
        row("restore --from (decrypt, check, place)",
            timed(lambda: backups.restore_whole(stick, PASSPHRASE, new), repeat, fresh(new)), xzf, "tar xzf")
        local = made[-1].stat().st_size
        size_row("one local backup", local, home_size, "the home's files")
        size_row("the whole-store file", stick.stat().st_size, home_size, "the home's files")
        size_row("tar czf of the same", reference.stat().st_size, home_size, "the home's files")
        keep = backups.keep_of(home)
        size_row(f"{keep} local backups (kept by default)", local * keep, home_size, "the home's files")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(home: Path | None = None, repeat: int = 3) -> None:
    os.environ.setdefault("TAIZHANG_TODAY", "2026-11-26")
    os.environ.pop("TAIZHANG_BACKUP_SCRYPT_LOG2", None)  # the real cost
    repeat = max(1, min(repeat, 3))  # each run copies and compresses a 300 MB store
    bench(demo(300, None), 300, repeat)
    bench(demo(100_000, home), 100_000, repeat)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="a 100,000-member demo store (built if missing)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(args.home, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
