"""The store's read-ahead for screens: the first rows of a register without reading it whole."""

from __future__ import annotations

from storage.store import Store


def test_peek_gives_the_first_live_records_as_the_whole_read_would(store: Store) -> None:
    ids = [store.add("members", {"name": f"張{n}英", "branch": "第一支部"})["id"] for n in "一二三四五"]
    store.delete(ids[1])
    store.checkpoint()
    fresh = Store.open(store.home, readonly=True)
    assert not fresh.loaded("members")
    peeked = fresh.peek("members", 3)
    assert [r["id"] for r in peeked] == [ids[0], ids[2], ids[3]]
    assert not fresh.loaded("members")  # the peek did not read the whole file
    assert [r["id"] for r in fresh.records("members")][:3] == [r["id"] for r in peeked]
    assert fresh.file_size("members") > 0 and fresh.file_size("dues") == 0


def test_peek_declines_when_the_journal_holds_newer_changes(store: Store) -> None:
    store.add("members", {"name": "張桂英", "branch": "第一支部"})
    store.checkpoint()
    store.add("members", {"name": "李國華", "branch": "第一支部"})  # in the journal only
    fresh = Store.open(store.home, readonly=True)
    assert fresh.peek("members", 5) is None
    assert len(fresh.records("members")) == 2
    assert fresh.loaded("members") and len(fresh.peek("members", 5)) == 2
