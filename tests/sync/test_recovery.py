"""Recovering a master: restored from an older backup (in place, or on a new laptop from
the whole-store file), it gets back through ``exchange`` every branch record it had lost:
its bundles' acknowledgements say what it holds now, and the branches send the rest.

Two things stood in the way: the master's exchange stayed silent when its state (restored
too) said it had nothing new to say, though the file in the folder was a later one that
acknowledged what it no longer held; and on a laptop whose clock is not ahead of the old
one's, its bundles looked older than its last one, so the branches kept that one's
acknowledgements."""

from __future__ import annotations

from pathlib import Path

import pytest
from syncutil import Org, records

from storage import backups
from storage.store import Store
from sync.exchange import exchange

PASSPHRASE = "總支的備份密碼 2026"


def run(org: Org, short: str, folder: Path) -> int:
    """One exchange; how many files it wrote."""
    return len(exchange(org[short], org.keyring(short), folder).written)


def settle(org: Org, folder: Path, rounds: int = 3) -> None:
    for _ in range(rounds):
        for short in ("m", "b1", "b2"):
            run(org, short, folder)


def own(org: Org, short: str) -> dict[str, list[dict]]:
    """The records of a branch's own that the branch holds, register by register."""
    branch = org.branch_id(short)
    held = records(org[short])
    return {slug: [r for r in held[slug]["live"] if r.get("branch") == branch] for slug in held
            if slug not in ("branches",)}


@pytest.mark.parametrize("where", ["in place", "on a new laptop", "on a new laptop whose clock is not ahead"])
def test_a_master_restored_from_an_older_backup_gets_every_branch_record_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    org = Org(tmp_path / "org")
    folder = tmp_path / "shared"
    folder.mkdir()
    org["b1"].add("members", {"name": "張桂英"})
    org["b2"].add("members", {"name": "李國華"})
    org["m"].add("regulations", {"name": "三會一課制度"})
    settle(org, folder)
    # the master backs up
    if where == "in place":
        saved = backups.make(org["m"].home, "manual")
    else:
        saved = tmp_path / "U盤" / "總支.tzbak"
        saved.parent.mkdir()
        backups.write_whole(org["m"].home, saved, PASSPHRASE)
    # the branches go on, and exchange with the master
    zhang = org["b1"].add("members", {"name": "王建軍"})["id"]
    org["b1"].add("dues", {"member": zhang, "period_from": "2026-10", "amount": "0.50", "paid_on": "2026-11-01"})
    org["b2"].add("members", {"name": "趙秀蘭"})
    org["b2"].edit(org["b2"].records("members")[0]["id"], {"phone": "13812345678"})
    settle(org, folder)
    # the master changes something after acknowledging them: each branch writes its file
    # anew, now empty of the records the master holds (it acknowledged them)
    org["m"].add("regulations", {"name": "黨費收繳制度"})
    settle(org, folder)
    wanted = {short: own(org, short) for short in ("b1", "b2")}
    for short in ("b1", "b2"):
        assert {r["id"] for r in records(org["m"])["members"]["live"]} >= {r["id"] for r in wanted[short]["members"]}
    # the master goes back to the older backup
    if where == "in place":
        backups.restore(org["m"].home, saved)
        org.stores["m"] = Store.open(org["m"].home)
    else:  # the laptop died; the file is restored on another one, days later (or so its clock says)
        if where == "on a new laptop":
            monkeypatch.setenv("TAIZHANG_NOW", "2026-12-10T09:00:00")
        new = tmp_path / "新筆記本"
        backups.restore_whole(saved, PASSPHRASE, new)
        org.stores["m"] = Store.open(new)
    lost = {r["name"] for r in org["m"].records("members")}
    assert lost == {"張桂英", "李國華"} and not org["m"].records("dues")
    settle(org, folder)
    held = records(org["m"])
    for short in ("b1", "b2"):
        for slug, rows in wanted[short].items():
            by_id = {r["id"]: r for r in held[slug]["live"]}
            assert all(by_id.get(r["id"]) == r for r in rows), (short, slug)
    assert {r["name"] for r in org["m"].records("members")} == {"張桂英", "李國華", "王建軍", "趙秀蘭"}
    assert [d["amount"] for d in org["m"].records("dues")] == ["0.50"]
    # what the master itself did after the backup is gone from it: only its own backup holds
    # the master's work (a branch sends only its own changes); the branches keep their copy
    assert {r["name"] for r in org["m"].records("regulations")} == {"三會一課制度"}
    assert {r["name"] for r in org["b1"].records("regulations")} == {"三會一課制度", "黨費收繳制度"}
    assert sum(run(org, short, folder) for short in ("m", "b1", "b2", "m", "b1", "b2")) == 0  # then all is quiet
