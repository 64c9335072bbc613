"""A merge killed at any instant leaves the store as it was before or as it is after the
merge, never between: verify everything, back up, then one journal append (all lines or
none) is the commit point."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from support import ROOT, cli_env
from syncutil import Org, records

from storage.check import check_home
from storage.journal import NOTE_SET_ASIDE
from storage.store import Store
from sync.keys import Keyring
from sync.merge import merge


def test_a_merge_killed_at_any_instant_leaves_the_store_before_or_after(tmp_path: Path) -> None:
    org = Org(tmp_path / "org")
    branch = org["b1"]
    given = "桂英國華建軍秀蘭志強明德春梅玉珍"
    names = [f"張{given[n % 16]}{given[n // 16 % 16]}{given[n // 256 % 16]}" for n in range(1500)]
    ids = branch.add_many("members", [{"name": name, "phone": f"138{n:08d}"} for n, name in enumerate(names)])
    with branch.transaction():
        for rid in ids[:300]:
            branch.edit(rid, {"address": "大寨村"})
    for rid in ids[300:700:2]:
        branch.add("dues", {"member": rid, "period_from": "2026-10", "amount": "0.50", "paid_on": "2026-11-01"})
    bundle = org.export("b1", "m")
    master = org["m"].home
    pristine = tmp_path / "pristine"
    shutil.copytree(master, pristine)
    before = records(Store.open(pristine))
    done = tmp_path / "done"
    shutil.copytree(pristine, done)
    merged = Store.open(done)
    merge(merged, Keyring.load(done), [bundle])
    after = records(Store.open(done))
    assert before != after

    def start(home: Path) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "tui.cli", "merge", str(bundle), "--home", str(home)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=cli_env())

    started = time.monotonic()
    whole = start(victim := tmp_path / "timing")
    shutil.copytree(pristine, victim)  # the child waits for nothing: give it the home at once
    whole.communicate(timeout=120)
    duration = time.monotonic() - started
    rng = random.Random(4)
    outcomes = {"before": 0, "after": 0}
    for round_no in range(14):
        victim = tmp_path / f"victim-{round_no}"
        shutil.copytree(pristine, victim)
        child = start(victim)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate(timeout=60)
        assert "Traceback" not in err, err
        seen = records(Store.open(victim))  # a reader, before any writer settles anything
        assert seen in (before, after), f"round {round_no}: the store is between before and after"
        store = Store.open(victim)
        with store.transaction():  # the next writer settles a pending append
            pass
        # What a killed writer leaves is always a note that describes the journal: settled
        # (kept or cut, and said so), never set aside as damaged.
        assert not [n for n in store.notices if n.text is NOTE_SET_ASIDE], store.notices
        assert not list(victim.glob("journal.jsonl.append.damaged-*"))
        settled = records(Store.open(victim))
        assert settled in (before, after) and (seen == after) <= (settled == after)
        assert not check_home(victim).problems
        outcomes["after" if settled == after else "before"] += 1
        merge(Store.open(victim), Keyring.load(victim), [bundle])  # and merging again finishes the job
        assert records(Store.open(victim)) == after
    assert outcomes["before"] and outcomes["after"], outcomes  # the kills did land on both sides
