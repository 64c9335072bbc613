"""A merge killed at any instant leaves the store as it was before or as it is after the
merge, never between: verify everything, back up, then one journal append (all lines or
none) is the commit point. A backup killed at any instant leaves nothing that restore
would take and is not whole."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, cli_env
from syncutil import Org, records

from storage.check import check_home
from storage.journal import NOTE_SET_ASIDE
from storage.store import Store
from sync.keys import Keyring
from sync.merge import merge


def test_a_merge_killed_at_any_instant_leaves_the_store_before_or_after(tmp_path: Path) -> None:
    from storage import backups

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
        for saved in backups.listing(victim):  # the backup the merge makes first: whole, or not there
            backups.verify(saved.path)
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


# -- backups killed at any instant ---------------------------------------------------------


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo of 3,000 members (a backup then takes long enough to be killed half-way),
    built once; each test works on its own copy."""
    home = tmp_path_factory.mktemp("kill") / "demo"
    env = cli_env(TAIZHANG_TODAY="2026-11-26")
    built = subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--no-tui", "--members", "3000",
                            "--home", str(home)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert built.returncode == 0, built.stderr
    return home


@pytest.fixture
def demo(demo_home: Path, tmp_path: Path) -> Path:
    home = tmp_path / "demo"
    shutil.copytree(demo_home, home)
    return home


def killed_at_random(argv: list[str], rounds: int, seed: int, after: Any) -> None:
    """Run ``taizhang argv`` once whole to time it, then ``rounds`` times killed at a
    random instant of that time, calling ``after()`` after each kill."""
    def start() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "tui.cli", *argv], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT, env=cli_env())

    started = time.monotonic()
    whole = start()
    _, err = whole.communicate(timeout=300)
    assert whole.returncode == 0, err
    duration = time.monotonic() - started
    after()
    rng = random.Random(seed)
    for _ in range(rounds):
        child = start()
        time.sleep(rng.uniform(0.0, duration * 1.1))
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate(timeout=60)
        assert "Traceback" not in err, err
        after()


def test_a_backup_killed_at_any_instant_never_leaves_one_that_restore_takes_and_is_not_whole(demo: Path) -> None:
    from storage import backups
    from storage.messages import StoreError

    home = demo
    before = records(Store.open(home))
    checked: set[str] = set()
    partials_seen = 0

    def after() -> None:
        nonlocal partials_seen
        for found in backups.listing(home):  # every backup restore would offer is whole
            if found.name not in checked:
                backups.verify(found.path)
                checked.add(found.name)
        for partial in (home / "backups").glob(".partial-*"):
            partials_seen += 1  # a half-written one: never listed, never chosen
            with pytest.raises(StoreError):
                backups.choose(home, partial.name)

    killed_at_random(["backup", "--home", str(home)], rounds=10, seed=10, after=after)
    found = backups.listing(home)
    assert 1 <= len(found) <= backups.keep_of(home)
    assert {b.name for b in found} <= checked
    assert partials_seen, "no kill landed while a backup was written"
    backups.restore(home, found[0].path)
    assert records(Store.open(home)) == before


def test_a_whole_store_backup_killed_at_any_instant_is_refused_or_restored_whole(demo: Path, tmp_path: Path) -> None:
    from storage import backups
    from storage.messages import StoreError

    home = demo
    before = records(Store.open(home))
    stick = tmp_path / "stick"
    stick.mkdir()
    secret = tmp_path / "passphrase"
    secret.write_text("大寨村的老槐樹 1968\n", encoding="utf-8")
    target = stick / "taizhang.tzbak"
    outcomes = {"restored": 0, "refused": 0}
    counter = iter(range(1000))

    def after() -> None:
        for left in sorted(stick.iterdir()):  # the file, or a partial one beside it
            new = tmp_path / f"new-{next(counter)}"
            try:
                backups.restore_whole(left, "大寨村的老槐樹 1968", new)
            except StoreError as refused:
                assert "damaged or incomplete" in refused.message("en") and not new.exists(), refused.message("en")
                outcomes["refused"] += 1
            else:
                assert records(Store.open(new)) == before  # taken only whole
                outcomes["restored"] += 1
            left.unlink()

    killed_at_random(["backup", "--to", str(target), "--passphrase-file", str(secret), "--home", str(home)],
                     rounds=10, seed=11, after=after)
    assert outcomes["restored"] and outcomes["refused"], outcomes  # the kills landed on both sides
