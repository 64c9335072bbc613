"""Sync at 100,000 records: 20 branch bundles of 5,000 changes each, exported and merged
into the master, each figure beside the standard library doing the same JSON.

    python benchmarks/sync_bench.py [--home DIR] [--repeat 3]

(also run by ``benchmarks/run.py``). Builds (or reuses) the 100,000-member demo store,
then, in a scratch copy of it:

- enrols 20 of its branches (keys pinned; not timed), gives each branch's copy what
  enrolment would (the branches, its members) and 5,000 changes of its own: 1,500 edits
  of its members, 500 new members, 3,000 dues payments;
- **export**: the 20 branches write their bundles (select, sign, compress, encrypt),
  against ``json.dumps`` of the same changes written to 20 files;
- **merge**: the master merges the 20 bundles in one ``merge`` (verify, authorise,
  plan, back up, one journal append, the index), against ``json.loads`` of the same
  changes read from those 20 files; and the same as a whole ``taizhang merge`` process,
  which also opens the store and checkpoints at the end, with its peak memory beside
  that of a process that only ``json.load``s the two registers a merge must hold.

Goal: the merge under 5 s. Medians of ``--repeat`` runs (each on a fresh copy).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BRANCHES = 20
PER_BRANCH = 5_000
EDITS, NEW_MEMBERS = 1_500, 500  # the rest are dues payments


def base_store(home: Path | None) -> Path:
    home = home or Path(tempfile.gettempdir()) / "taizhang-bench-100000"
    if not (home / "settings.toml").exists():
        print(f"building a demo store of 100,000 members in {home} (about a minute) …", flush=True)
        subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--no-tui", "--members", "100000", "--home", str(home)],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return home


def branch_changes(store: Any, branch: str, copy: str, start_ms: int, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """5,000 changes a branch's copy could have made: edits, new members, dues."""
    given = "桂英國華建軍秀蘭志強明德春梅玉珍"
    changes: list[dict[str, Any]] = []
    counter = 0

    def stamp() -> str:
        nonlocal counter
        counter += 1
        return f"{start_ms:013d}-{counter:06d}-{copy}"

    def change(op: str, reg: str, rec: str, fields: dict[str, list[Any]]) -> dict[str, Any]:
        return {"hlc": stamp(), "at": "2026-11-26T09:00:00+08:00", "copy": copy, "op": op, "reg": reg, "rec": rec,
                "branch": branch, "fields": fields}

    for n in range(EDITS):
        member = members[n % len(members)]
        field, value = [("phone", f"139{n:08d}"), ("address", f"大寨村{n % 9 + 1}組"),
                        ("party_group", f"第{n % 4 + 1}黨小組")][n % 3]
        changes.append(change("update", "members", member["id"], {field: [member.get(field), value]}))
    new_ids = []
    for n in range(NEW_MEMBERS):
        rid = f"{copy}-m{n:05d}"
        new_ids.append(rid)
        name = f"{given[n % 16]}{given[n // 16 % 16]}{given[(n * 7) % 16]}"
        changes.append(change("create", "members", rid, {"name": [None, name], "branch": [None, branch],
                                                         "status": [None, "full"], "mobile": [None, False],
                                                         "phone": [None, f"137{n:08d}"]}))
    payers = [m["id"] for m in members] + new_ids
    for n in range(PER_BRANCH - EDITS - NEW_MEMBERS):
        month = f"{2027 + n // len(payers) // 12}-{n // len(payers) % 12 + 1:02d}"  # months not yet paid
        changes.append(change("create", "dues", f"{copy}-d{n:05d}", {
            "member": [None, payers[n % len(payers)]], "period_from": [None, month],
            "period_to": [None, month], "amount": [None, "0.50"],
            "paid_on": [None, "2026-11-20"], "branch": [None, branch]}))
    return changes


def setup(base: Path, work: Path) -> tuple[Path, list[tuple[Any, Any, Any]], list[list[dict[str, Any]]]]:
    """A master copy of the base store, 20 enrolled branch copies with their changes."""
    from storage import clock
    from storage.store import Store
    from sync.enrol import master_peer
    from sync.keys import Identity, Keyring, Peer
    from sync.outgoing import record_changes
    from sync.state import Vector

    master_home = work / "master"
    shutil.copytree(base, master_home, ignore=shutil.ignore_patterns("backups", ".lock"))
    master = Store.open(master_home)
    keyring = Keyring.load(master_home)
    with master.transaction():
        identity = keyring.own(master.settings.store.copy_id)
    master_entry = master_peer(master, identity)
    members = master.records("members")
    by_branch: dict[str, list[dict[str, Any]]] = {}
    for member in members:
        by_branch.setdefault(member.get("branch"), []).append(member)
    branch_ids = sorted((b for b in by_branch if b), key=lambda b: -len(by_branch[b]))[:BRANCHES]
    copies, all_changes = [], []
    held = Vector(master_home).current(master_home / "journal.jsonl")  # a master that synced before has it
    start_ms = max([clock.wall_ms()] + [int(s[:13]) for s in held.values()]) + 60_000  # after all it holds
    for n, branch in enumerate(branch_ids):
        mine = Identity.generate(f"bench{n:02d}")
        keyring.pin(Peer(copy=mine.copy, role="branch", name=master.name_of("branches", branch),
                         sign_public=mine.sign_public, box_public=mine.box_public, branch=branch))
        home = work / f"branch{n:02d}"
        store = Store.create(home, organisation=master.organisation, role="branch", copy_id=mine.copy, branch=branch)
        branch_ring = Keyring(home, mine, {master_entry.copy: master_entry})
        branch_ring.save_identity()
        branch_ring.save_peers()
        changes = branch_changes(master, branch, mine.copy, start_ms + n, by_branch[branch])
        # What enrolment gives a branch's copy (the branches, its own members), so that its
        # changes refer to records it holds, as a real copy's do (export checks they do).
        seed = [c for record in master.table("branches").values() for c in record_changes("branches", record)]
        seed += [c for record in by_branch[branch] for c in record_changes("members", record)]
        with store.transaction():
            store.apply_changes(seed)
            store.apply_changes(changes)
        copies.append((store, branch_ring, master_entry))
        all_changes.append(changes)
    keyring.save_peers()
    master.close()
    return master_home, copies, all_changes


def peak_of(code: str, *args: str) -> float:
    """Run ``code`` (with ``args`` as sys.argv[1:]) in a process of its own; its peak
    resident memory in MB, as the process itself reads it at exit (VmHWM: a child's
    rusage would count the pages it shared with this big process before its exec)."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as out:
        wrapper = ("import atexit, sys\n"
                   "peak_file = sys.argv.pop(1)\n"
                   "def note():\n"
                   "    with open('/proc/self/status') as f, open(peak_file, 'w') as o:\n"
                   "        o.write(next(l for l in f if l.startswith('VmHWM')).split()[1])\n"
                   "atexit.register(note)\n" + code)
        subprocess.run([sys.executable, "-c", wrapper, out.name, *args], check=True, stdout=subprocess.DEVNULL,
                       cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        return int(open(out.name).read()) / 1024  # kB


def median(values: list[float]) -> float:
    return statistics.median(values)


def row(what: str, ours: float, ref: float, ref_name: str, goal: str = "") -> None:
    print(f"{what:<44} {ours:>8.3f} s   {ref_name:<40} {ref:>8.3f} s   {ours / ref:>6.1f}× the reference   {goal}")


def run(home: Path | None = None, repeat: int = 3) -> None:
    os.environ.setdefault("TAIZHANG_TODAY", "2026-11-26")
    from storage.store import Store
    from sync.keys import Keyring
    from sync.merge import backup_before_merge, commit, merge, read_bundles
    from sync.merge import plan as make_plan
    from sync.outgoing import export

    base = base_store(home)
    repeat = max(1, min(repeat, 3))  # each run copies a 300 MB store
    exports, dumps, merges, loads, processes, first_scans = [], [], [], [], [], []
    peaks: list[float] = []
    held: list[float] = []
    steps: list[list[float]] = []
    checkpoints: list[float] = []
    new_lines = 0
    for _ in range(repeat):
        work = Path(tempfile.mkdtemp(prefix="taizhang-sync-bench-"))
        try:
            master_home, copies, all_changes = setup(base, work)
            bundles = work / "bundles"
            started = time.perf_counter()
            paths = []
            for n, (store, ring, master_entry) in enumerate(copies):
                path = bundles / f"b{n:02d}.tzb"
                export(store, ring, master_entry, path)
                paths.append(path)
            exports.append(time.perf_counter() - started)

            plain = work / "plain"
            plain.mkdir()
            started = time.perf_counter()
            for n, changes in enumerate(all_changes):  # the reference: the same changes as JSON lines
                (plain / f"b{n:02d}.jsonl").write_text(
                    "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in changes), encoding="utf-8")
            dumps.append(time.perf_counter() - started)
            started = time.perf_counter()
            for path in sorted(plain.iterdir()):
                [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            loads.append(time.perf_counter() - started)

            scratch = work / "master-cli"
            shutil.copytree(master_home, scratch)
            stepwise_home = work / "master-steps"
            shutil.copytree(master_home, stepwise_home)
            master = Store.open(master_home)
            keyring = Keyring.load(master_home)
            started = time.perf_counter()  # merge() as the program runs it
            plan, _ = merge(master, keyring, paths)
            merges.append(time.perf_counter() - started)
            assert not plan.refused, plan.refused[0].refused.message("en")
            new_lines = len(plan.changes)
            started = time.perf_counter()
            master.checkpoint()
            checkpoints.append(time.perf_counter() - started)
            master.close()

            stepwise = Store.open(stepwise_home)  # the same merge step by step, to show where the time goes
            marks = [time.perf_counter()]
            incoming = read_bundles(stepwise, keyring, paths)
            marks.append(time.perf_counter())
            plan = make_plan(stepwise, incoming)
            marks.append(time.perf_counter())
            backup_before_merge(stepwise)
            marks.append(time.perf_counter())
            plan = commit(stepwise, plan, keyring, incoming)
            marks.append(time.perf_counter())
            steps.append([b - a for a, b in zip(marks, marks[1:])])
            stepwise.close()
            shutil.rmtree(stepwise_home, ignore_errors=True)

            started = time.perf_counter()
            peak = peak_of("import runpy; sys.argv[0] = 'taizhang'; runpy.run_module('tui.cli', run_name='__main__')",
                           "merge", *map(str, paths), "--home", str(scratch))
            processes.append(time.perf_counter() - started)
            peaks.append(peak)
            tables = [str(scratch / "registers" / f"{slug}.json") for slug in ("members", "dues")]
            held.append(peak_of("import json; [json.load(open(p, 'rb')) for p in sys.argv[1:]]", *tables))

            (master_home / "sync" / "vector.json").unlink()
            started = time.perf_counter()
            from sync.state import Vector

            Vector(master_home).current(master_home / "journal.jsonl", save=False)
            first_scans.append(time.perf_counter() - started)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    total = BRANCHES * PER_BRANCH
    print(f"{BRANCHES} branches × {PER_BRANCH} changes = {total} changes into a master of 100,000 members "
          f"({new_lines} appended); medians of {repeat}")
    row(f"export: {BRANCHES} bundles", median(exports), median(dumps), f"json.dumps + write, {BRANCHES} files")
    row(f"merge: {BRANCHES} bundles (in a running process)", median(merges), median(loads),
        f"json.loads of the same, {BRANCHES} files", "goal: < 5 s")
    print("  the same, step by step:")
    names = ("read and verify", "authorise and plan (loads the tables)", "backup", "one journal append (store)")
    for n, name in enumerate(names):
        print(f"    {name:<40} {median([s[n] for s in steps]):>8.3f} s")
    print(f"{'  then the store checkpoints (when it closes)':<44} {median(checkpoints):>8.3f} s")
    row("taizhang merge (a whole process)", median(processes), median(loads), "json.loads of the same",
        "opens, merges, checkpoints")
    print(f"{'  (once: the vector of a 193 MB journal, uncached)':<44} {median(first_scans):>8.3f} s")
    print(f"{'taizhang merge: peak memory':<44} {median(peaks):>6.0f} MB   {'json.load of members + dues':<40} "
          f"{median(held):>6.0f} MB   {median(peaks) / median(held):>6.1f}× the reference")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="a 100,000-member demo store to start from (built if missing)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(args.home, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
