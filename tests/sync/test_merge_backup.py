"""The backup a merge makes is kept only if the merge commits anything: the same bundle
merged twice leaves one backup, not two, and never costs an older backup its place among
those kept; the merges' backups are pruned to the number kept."""

from __future__ import annotations

from pathlib import Path

from syncutil import Org

from storage.backups import backups, listing
from storage.settings import load


def names(home: Path) -> list[str]:
    return [b.name for b in listing(home)]


def test_a_merge_keeps_its_backup_and_a_merge_of_nothing_new_leaves_none(tmp_path: Path) -> None:
    org = Org(tmp_path / "org")
    org["b1"].add("members", {"name": "張桂英"})
    bundle = org.export("b1", "m")
    before = names(org["m"].home)

    first = org.merge("m", bundle)
    after_first = names(org["m"].home)
    assert first.changes and len(after_first) == len(before) + 1
    assert [r["name"] for r in org["m"].records("members")] == ["張桂英"]

    again = org.merge("m", bundle)  # the same file again: every change is here already
    assert not again.changes and not again.conflicts
    assert names(org["m"].home) == after_first  # no second backup, none lost
    assert not list((org["m"].home / "backups").glob(".partial-*"))


def test_the_merges_backup_is_pruned_to_those_kept(tmp_path: Path) -> None:
    org = Org(tmp_path / "org")
    keep = load(org["m"].home).backup.keep
    given = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"
    for n in range(keep + 2):
        org["b1"].add("members", {"name": "張" + given[n % len(given)] + given[n // len(given)]})
        org.send("b1", "m")
    kept = backups(org["m"].home)
    assert len(kept) == keep
    assert len(org["m"].records("members")) == keep + 2
