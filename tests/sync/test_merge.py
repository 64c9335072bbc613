"""Merging: per field, conflicts kept, deletes that stay deleted, dues never doubled or
dropped, order-free and idempotent, authority over moved records, backups and restore."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from syncutil import Org, home_digest, records

from sync.conflicts import find, open_conflicts, resolve


@pytest.fixture
def org(tmp_path: Path) -> Org:
    return Org(tmp_path / "org")


def member(org: Org, short: str, name: str, **values: str) -> str:
    return org[short].add("members", {"name": name, **values})["id"]


def test_enrolment_gives_each_branch_its_view_and_the_same_master_owned_registers(org: Org) -> None:
    assert {r["name"] for r in org["b1"].records("branches")} == {"第一支部", "第二支部"}
    org["m"].add("regulations", {"name": "三會一課制度"})
    member(org, "m", "張桂英", branch="第一支部")
    member(org, "m", "李國華", branch="第二支部")
    org.send("m", "b1")
    org.send("m", "b2")
    assert [r["name"] for r in org["b1"].records("members")] == ["張桂英"]
    assert [r["name"] for r in org["b2"].records("members")] == ["李國華"]
    assert [r["name"] for r in org["b2"].records("regulations")] == ["三會一課制度"]


def test_edits_of_different_fields_both_survive(org: Org) -> None:
    rid = member(org, "b1", "張桂英")
    org.send("b1", "m")
    org["m"].edit(rid, {"address": "大寨村三組"})
    org["b1"].edit(rid, {"phone": "13812345678"})
    org.exchange_all()
    for short in ("m", "b1"):
        record = org[short].get(rid)[1]
        assert (record["address"], record["phone"]) == ("大寨村三組", "13812345678")
    assert not open_conflicts(org["m"]) and not open_conflicts(org["b1"])


def test_the_same_field_changed_on_two_copies_has_one_winner_everywhere_and_the_loser_kept(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = member(org, "b1", "張桂英")
    org.send("b1", "m")
    org["m"].edit(rid, {"phone": "13811111111"})
    monkeypatch.setenv("TAIZHANG_NOW", "2026-11-26T10:00:00")
    org["b1"].edit(rid, {"phone": "13922222222"})  # later on the clock: it wins
    org.exchange_all()
    assert org["m"].get(rid)[1]["phone"] == org["b1"].get(rid)[1]["phone"] == "13922222222"
    conflict = find(org["m"], rid[:8], "phone")
    assert (conflict.here, conflict.other) == ("13922222222", "13811111111")
    assert len(open_conflicts(org["b1"])) == 1
    resolve(org["m"], conflict, "13811111111")  # the 總支 decides: a new edit, which travels
    org.exchange_all()
    assert org["m"].get(rid)[1]["phone"] == org["b1"].get(rid)[1]["phone"] == "13811111111"
    assert not open_conflicts(org["m"]) and not open_conflicts(org["b1"])  # closed on both copies


@pytest.mark.parametrize("how", ["keep", "take the value it has"])
def test_keeping_the_winning_value_closes_the_conflict_on_every_copy(
    org: Org, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from sync.conflicts import keep

    rid = member(org, "b1", "張桂英")
    org.send("b1", "m")
    org["m"].edit(rid, {"phone": "13811111111"})
    monkeypatch.setenv("TAIZHANG_NOW", "2026-11-26T10:00:00")
    org["b1"].edit(rid, {"phone": "13922222222"})
    org.exchange_all()
    assert len(open_conflicts(org["m"])) == len(open_conflicts(org["b1"])) == 1
    monkeypatch.setenv("TAIZHANG_NOW", "2026-11-26T11:00:00")
    conflict = find(org["m"], rid[:8], "phone")
    if how == "keep":
        keep(org["m"], conflict)
    else:
        resolve(org["m"], conflict, "13922222222")
    assert not open_conflicts(org["m"])
    org.exchange_all()
    assert not open_conflicts(org["b1"])  # the choice travelled: closed on the branch too
    assert org["m"].get(rid)[1]["phone"] == org["b1"].get(rid)[1]["phone"] == "13922222222"


def test_a_deleted_record_is_not_brought_back_by_an_edit_but_the_edit_is_kept_as_a_conflict(org: Org) -> None:
    rid = member(org, "b1", "張桂英")
    org.send("b1", "m")
    org.send("m", "b1")
    org["b1"].delete(rid)
    org["m"].edit(rid, {"phone": "13811111111"})
    org.exchange_all()
    assert org["m"].get(rid)[1].get("_d") and org["b1"].get(rid)[1].get("_d")
    conflict = find(org["m"], rid[:8])
    assert conflict.kind == "deleted" and conflict.other == {"phone": "13811111111"}
    brought_back = resolve(org["m"], conflict, "restore")
    org.exchange_all()
    for short in ("m", "b1"):
        again = org[short].get(brought_back)[1]
        assert (again["name"], again["phone"], again.get("_d")) == ("張桂英", "13811111111", None)


def paid(org: Org, short: str) -> Decimal:
    return sum((Decimal(r["amount"]) for r in org[short].records("dues")), Decimal(0))


def test_a_payment_travels_once_however_often_its_bundle_is_merged(org: Org) -> None:
    rid = member(org, "b1", "張桂英")
    org["b1"].add("dues", {"member": rid, "period_from": "2026-10", "amount": "0.50", "paid_on": "2026-11-01"})
    bundle = org.export("b1", "m")
    for _ in range(3):
        org.merge("m", bundle)
    org.merge("m", org.export("b1", "m", full=True))
    assert paid(org, "m") == Decimal("0.50")
    assert len(org["m"].records("dues")) == 1


def test_one_payment_typed_on_two_copies_is_kept_twice_flagged_and_resolved_by_a_reversal(org: Org) -> None:
    rid = member(org, "b1", "張桂英")
    org.exchange_all()
    payment = {"member": rid, "period_from": "2026-10", "period_to": "2026-12", "amount": "1.50", "paid_on": "2026-11-01"}
    org["b1"].add("dues", payment)
    org["m"].add("dues", dict(payment, collector="王會計"))
    org.exchange_all()
    assert paid(org, "m") == paid(org, "b1") == Decimal("3.00")  # nothing dropped silently
    conflict = open_conflicts(org["m"])[0]
    assert conflict.kind == "duplicate"
    assert len(open_conflicts(org["b1"])) == 1
    resolve(org["m"], conflict, "one")
    org.exchange_all()
    assert paid(org, "m") == paid(org, "b1") == Decimal("1.50")
    assert not open_conflicts(org["m"]) and not open_conflicts(org["b1"])


def test_merging_is_order_free_and_replaying_an_old_bundle_changes_nothing(tmp_path: Path) -> None:
    org = Org(tmp_path / "org", share=True)
    a = member(org, "b1", "張桂英")
    first = org.export("b1", "m")
    org["b1"].edit(a, {"phone": "13812345678"})
    member(org, "b2", "李國華")
    second, third = org.export("b1", "m"), org.export("b2", "m")
    org.merge("m", third, second)  # newest first
    org.merge("m", first)  # the oldest last: already contained in the second
    journal = (org["m"].home / "journal.jsonl").read_bytes()
    before = home_digest(org["m"].home)
    plan = org.merge("m", first, second, third)
    assert not plan.changes and (org["m"].home / "journal.jsonl").read_bytes() == journal
    assert {k: v for k, v in home_digest(org["m"].home).items() if not k.startswith("sync/")} == \
        {k: v for k, v in before.items() if not k.startswith("sync/")}  # no backup, no journal line
    assert org["m"].get(a)[1]["phone"] == "13812345678"
    org.exchange_all()
    assert records(org["b1"]) == records(org["b2"]) == records(org["m"])


def test_a_record_moved_to_another_branch_arrives_there_whole_and_keeps_edits_made_meanwhile(org: Org) -> None:
    rid = member(org, "b1", "張桂英", phone="13800000000")
    org.exchange_all()
    org["m"].edit(rid, {"branch": "第二支部"})  # the member transfers
    org["b1"].edit(rid, {"address": "大寨村三組"})  # typed on the first branch before it heard
    org.exchange_all(rounds=3)
    for short in ("m", "b2"):
        record = org[short].get(rid)[1]
        assert (record["name"], record["phone"], record["address"], record["branch"]) == \
            ("張桂英", "13800000000", "大寨村三組", org.branch_id("b2"))
    assert org["b1"].get(rid)[1]["branch"] == org.branch_id("b2")  # it is told the member left


def test_a_dry_run_shows_and_changes_nothing(org: Org) -> None:
    member(org, "b1", "張桂英")
    bundle = org.export("b1", "m")
    before = home_digest(org["m"].home)
    plan = org.merge("m", bundle, dry_run=True)
    assert plan.accepted[0].by_register == {"members": [1, 0, 0]}
    assert home_digest(org["m"].home) == before


def test_a_backup_before_each_merge_and_restore_goes_back(org: Org) -> None:
    from storage.backups import backups, choose, restore

    member(org, "b1", "張桂英")
    before = records(org["m"])
    org.send("b1", "m")
    after = records(org["m"])
    assert before != after and len(backups(org["m"].home)) == 1
    undo = restore(org["m"].home, choose(org["m"].home, None))
    from storage.store import Store

    assert records(Store.open(org["m"].home)) == before
    restore(org["m"].home, undo)  # a restore can itself be undone
    assert records(Store.open(org["m"].home)) == after
    # what the restore took away comes back from the branch: its acknowledgements fell
    restore(org["m"].home, choose(org["m"].home, backups(org["m"].home)[0].name))
    org.stores["m"] = Store.open(org["m"].home)
    org.exchange_all()
    assert records(org["m"]) == after


def test_a_bundle_stamped_far_ahead_is_merged_with_a_word_about_that_laptops_clock(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from support import taizhang_here

    from storage.store import Store

    member(org, "b2", "李國華")
    on_time = org.export("b2", "m")
    monkeypatch.setenv("TAIZHANG_NOW", "2036-03-01T09:00:00")  # 第一支部's laptop thinks it is 2036
    member(org, "b1", "張桂英")
    ahead = org.export("b1", "m")
    monkeypatch.delenv("TAIZHANG_NOW")
    home = org["m"].home
    preview = json.loads(taizhang_here("merge", str(ahead), str(on_time), "--dry-run", "--json", home=home).stdout)
    assert preview["bundles"][0]["clock_ahead"]["days"] > 3000 and preview["bundles"][1]["clock_ahead"] is None
    done = taizhang_here("merge", str(ahead), str(on_time), "--lang", "en", home=home)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("days ahead of this laptop's clock") == 1 and "2036-03-01" in done.stderr
    assert "第一支部" in done.stderr and "第二支部" not in done.stderr
    assert {r["name"] for r in Store.open(home).records("members")} == {"張桂英", "李國華"}  # merged all the same


def test_a_payment_for_a_member_deleted_meanwhile_is_kept_and_pointed_out_on_both_sides(org: Org) -> None:
    import json

    from support import taizhang_here

    rid = member(org, "b1", "張桂英")
    org.send("b1", "m")
    org["m"].delete(rid)  # the 總支 deletes her, while 第一支部 still collects her dues
    org["b1"].add("dues", {"member": rid, "period_from": "2026-10", "amount": "0.50", "paid_on": "2026-11-01"})
    bundle = org.export("b1", "m")
    preview = json.loads(taizhang_here("merge", str(bundle), "--dry-run", "--json", home=org["m"].home).stdout)
    assert [(d["register"], d["name"], d["target_name"]) for d in preview["dangling"]] == [("dues", "張桂英", "張桂英")]
    done = taizhang_here("merge", str(bundle), home=org["m"].home)
    assert done.returncode == 0 and "1 筆記錄指向已刪除的記錄" in done.stderr and "黨費" in done.stderr
    org["m"].refresh()  # merged by another process
    assert paid(org, "m") == Decimal("0.50")  # kept, not lost
    plan = org.send("m", "b1")  # the delete reaches the branch, which holds the payment
    assert [(d[0], d[2], d[4]) for d in plan.dangling] == [("dues", "member", rid)]
    assert org.merge("b1", org.export("m", "b1", full=True)).dangling == []  # a replay says nothing new
