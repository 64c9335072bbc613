"""No torn files and no lost updates: writers killed mid-save, two writers at once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from support import ROOT, cli_env, taizhang

from storage.store import Store

WRITER = r"""
import sys, os
from storage.store import Store
store = Store.open(sys.argv[1])
tag = sys.argv[2]
n = 0
while True:
    n += 1
    record = store.add("members", {"name": "測試" + "甲乙丙丁戊己庚辛"[n % 8], "branch": "第一支部",
                                   "phone": "138%08d" % n, "address": tag + str(n)})
    if n % 3 == 0:
        store.edit(record["id"], {"party_group": "第%d黨小組" % (n % 5)})
    # Only once save() has returned does the record count as saved.
    sys.stdout.write(record["id"] + "\n")
    sys.stdout.flush()
    if n % 40 == 0:
        store.checkpoint()
"""


def start_writer(home: Path, tag: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), tag],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=cli_env(**env),
    )


def test_a_writer_killed_at_any_instant_leaves_every_saved_record_readable(store: Store) -> None:
    rng = random.Random(7)
    saved: set[str] = set()
    kills = 30
    for round_no in range(kills):
        writer = start_writer(store.home, f"r{round_no}-", TAIZHANG_CHECKPOINT_EVERY="25")
        # Past start-up (its first save, however long a loaded machine takes to get there),
        # then a random instant into the saves and checkpoints.
        assert writer.stdout is not None
        first = writer.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.6))
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate()
        assert "Traceback" not in err, err
        saved |= {line for line in (first + out).splitlines() if len(line) == 36}
        # Whatever instant it died at, the store opens and holds every saved record.
        reopened = Store.open(store.home)
        ids = {r["id"] for r in reopened.records("members")}
        assert saved <= ids, f"round {round_no}: lost {len(saved - ids)} saved records"
        assert not list(store.home.glob("journal.jsonl.append.damaged-*"))  # its notes always describe the journal
    assert len(saved) > kills  # the writers did get work done between the kills
    result = taizhang("check", home=store.home)
    assert result.returncode == 0, result.stderr
    # Every register file on disk is whole JSON.
    for path in (store.home / "registers").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


def test_two_writers_on_one_home_lose_no_update(store: Store) -> None:
    code = r"""
import sys
from storage.store import Store
store = Store.open(sys.argv[1])
for n in range(60):
    store.add("members", {"name": "併發" + sys.argv[2], "branch": "第二支部", "address": sys.argv[2] + str(n)})
print("done")
"""
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(store.home), tag], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, cwd=ROOT, env=cli_env())
        for tag in ("甲", "乙")
    ]
    # Reads work all along, while both write.
    readers = 0
    while any(p.poll() is None for p in procs):
        listed = taizhang("list", "members", "--json", home=store.home)
        assert listed.returncode == 0, listed.stderr
        readers += 1
    for p in procs:
        out, err = p.communicate()
        assert p.returncode == 0 and "done" in out, err
    rows = Store.open(store.home).records("members")
    assert len(rows) == 120
    assert {r["address"] for r in rows} == {f"{t}{n}" for t in "甲乙" for n in range(60)}
    assert readers >= 1


def test_a_second_writer_that_cannot_get_the_lock_is_refused_clearly(store: Store) -> None:
    store.lock.acquire()
    try:
        result = taizhang("add", "members", "--set", "name=李四", "--set", "branch=第一支部",
                          home=store.home, TAIZHANG_LOCK_TIMEOUT="0.3")
    finally:
        store.lock.release()
    assert result.returncode == 1
    assert "另一個 taizhang 程序正在寫入" in result.stderr
    assert Store.open(store.home).count("members") == 0
    # Reads are not refused while a writer holds the lock.
    store.lock.acquire()
    try:
        assert taizhang("list", "branches", home=store.home).returncode == 0
    finally:
        store.lock.release()


def test_a_process_sees_what_another_saved_before_it_writes(store: Store) -> None:
    other = Store.open(store.home)
    first = store.add("members", {"name": "張桂英", "branch": "第一支部"})
    # `other` has not read the journal since; its next write catches up first.
    other.edit(first["id"], {"phone": "13812345678"})
    store.edit(first["id"], {"address": "大寨村12號"})
    final = Store.open(store.home).get(first["id"])[1]
    assert final["phone"] == "13812345678" and final["address"] == "大寨村12號"
    assert os.path.exists(store.home / "journal.jsonl")
