"""``exchange DIR``: both directions through a shared folder; a file is merged once; a
link that leads out of the folder is not followed; a quiet folder stays quiet."""

from __future__ import annotations

import os
from pathlib import Path

from syncutil import Org, records

from storage.backups import backups
from sync.exchange import exchange, file_name


def run(org: Org, short: str, folder: Path):  # type: ignore[no-untyped-def]
    org.current = short
    return exchange(org[short], org.keyring(short), folder)


def test_three_copies_converge_through_one_folder_and_then_it_stays_quiet(tmp_path: Path) -> None:
    org = Org(tmp_path / "org", share=True)
    folder = tmp_path / "shared"
    folder.mkdir()
    org["b1"].add("members", {"name": "張桂英"})
    org["b2"].add("members", {"name": "李國華"})
    org["m"].add("regulations", {"name": "三會一課制度"})
    for short in ("b1", "b2", "m", "b1", "b2"):
        run(org, short, folder)
    assert records(org["b1"]) == records(org["b2"]) == records(org["m"])
    names = sorted(p.name for p in folder.iterdir())
    me = org["m"].settings.store.copy_id
    assert file_name(org["b1"].settings.store.copy_id, me) in names and len(names) == 4  # one file per direction
    for _ in range(3):  # the last acknowledgements travel; then nobody has anything to say
        written = [run(org, short, folder).written for short in ("m", "b1", "b2")]
        if not any(written):
            break
    assert not any(written)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    merges = len(backups(org["m"].home))
    quiet = run(org, "m", folder)
    assert quiet.merged is None and quiet.written == [] and len(backups(org["m"].home)) == merges
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_link_out_of_the_shared_folder_is_not_followed(tmp_path: Path) -> None:
    org = Org(tmp_path / "org")
    folder = tmp_path / "shared"
    folder.mkdir()
    org["b1"].add("members", {"name": "張桂英"})
    outside = org.export("b1", "m", name="outside.tzb")  # a real bundle, but outside the folder
    link = folder / file_name("intruder", org["m"].settings.store.copy_id)
    os.symlink(outside, link)
    result = run(org, "m", folder)
    assert [p for p, _ in result.skipped] == [link]
    assert "符號連結" in result.skipped[0][1].message()
    assert org["m"].records("members") == []
