"""End to end, through the command line (its main(), as each command runs): a master, two
branches enrolled from files, edits on all three, bundles merged in different orders and
again, a same-field conflict resolved, an exchange through a shared folder, and the same
records everywhere at the end."""

from __future__ import annotations

import json
from pathlib import Path

from support import taizhang_here


def ok(*args: str, home: Path, **env: str) -> str:
    result = taizhang_here(*args, home=home, **env)
    assert result.returncode == 0, f"{args}: {result.stderr}"
    return result.stdout


def everything(home: Path) -> dict[str, object]:
    """How many records each register holds, and ``list --json`` of those that hold any."""
    counts = {r["slug"]: r["count"] for r in json.loads(ok("registers", "--json", home=home))}
    lists = {slug: sorted(json.loads(ok("list", slug, "--json", home=home)), key=lambda r: r["id"])
             for slug, count in counts.items() if count}
    return {"counts": counts, **lists}


def test_a_master_and_two_branches_converge_through_the_command_line(tmp_path: Path) -> None:
    m, b1, b2 = tmp_path / "總支", tmp_path / "第一支部", tmp_path / "第二支部"
    ok("init", "--org", "示範村黨總支", "--branch", "第一支部", "--branch", "第二支部", home=m)
    with open(m / "settings.toml", "a", encoding="utf-8") as f:
        f.write('\n[sync]\nshare = ["*"]\n')  # every branch sees every branch's records
    enrolled = ok("branch", "add", "第一支部", "--out", str(tmp_path / "一.enrol"), home=m)
    master_fingerprint = enrolled.split("金鑰指紋:")[1].split("\n")[0]
    code_one = enrolled.split("登記碼:")[1].split("\n")[0]
    code_two = ok("branch", "add", "第二支部", "--out", str(tmp_path / "二.enrol"), home=m).split("登記碼:")[1].split("\n")[0]
    joined = ok("init", "--join", str(tmp_path / "一.enrol"), "--code", code_one, home=b1)
    assert master_fingerprint in joined  # the same fingerprint, to read out over the phone
    ok("init", "--join", str(tmp_path / "二.enrol"), "--code", code_two, home=b2)

    zhang = ok("add", "members", "--set", "姓名=張桂英", "--set", "聯繫電話=13800000001", home=b1).strip()
    li = ok("add", "members", "--set", "姓名=李國華", home=b2).strip()
    ok("add", "regulations", "--set", "名稱=三會一課制度", home=m)
    ok("add", "members", "--set", "姓名=王建軍", "--set", "branch=第一支部", home=m)
    refused = taizhang_here("add", "members", "--set", "姓名=趙六", "--set", "branch=第二支部", home=b1)
    assert refused.returncode == 1 and "第二支部" in refused.stderr  # a branch types only its own

    one, two = tmp_path / "b1-1.tzb", tmp_path / "b2-1.tzb"
    ok("export", "--to", str(one), home=b1)
    ok("export", "--to", str(two), home=b2)
    assert "張桂英".encode() not in one.read_bytes()  # encrypted: a lost stick shows nothing
    preview = ok("merge", str(two), str(one), "--dry-run", home=m)
    assert "試合併" in preview and "+1" in preview
    ok("merge", str(two), str(one), home=m)  # second branch first
    again = ok("merge", str(one), home=m)
    assert "沒有新內容" in again
    for short, home in (("第一支部", b1), ("第二", b2)):
        bundle = tmp_path / f"m-{home.name}.tzb"
        ok("export", "--to", str(bundle), "--for", short, home=m)
        ok("merge", str(bundle), home=home)
    assert {r["name"] for r in json.loads(ok("list", "members", "--json", home=b2))} == {"張桂英", "李國華", "王建軍"}

    # the same field changed on the master and on the first branch, the branch later
    ok("edit", zhang[:8], "--set", "聯繫電話=13911111111", home=m)
    ok("edit", zhang[:8], "--set", "聯繫電話=13722222222", home=b1, TAIZHANG_NOW="2026-11-26T15:00:00")
    ok("add", "dues", "--set", f"member={li}", "--set", "period_from=2026-10", "--set", "amount=0.50",
       "--set", "paid_on=2026-11-20", home=b2)
    up, down = tmp_path / "b1-2.tzb", tmp_path / "m-b1-2.tzb"
    ok("export", "--to", str(up), home=b1)
    ok("export", "--to", str(down), "--for", "第一支部", home=m)
    ok("merge", str(down), home=b1)  # this time the master's bundle is merged first
    merged = ok("merge", str(up), home=m)
    assert "衝突 1 個" in merged
    listed = json.loads(ok("conflicts", "--json", home=m))
    assert [(c["field"], c["here"], c["other"]) for c in listed] == [("phone", "13722222222", "13911111111")]
    ok("resolve", listed[0]["id"], "--take", "13911111111", home=m)
    assert json.loads(ok("conflicts", "--json", home=m)) == []

    shared = tmp_path / "共用資料夾"
    shared.mkdir()
    for home in (b1, b2, m, b1, b2, m, b1, b2):
        ok("exchange", str(shared), home=home)
    final = {home.name: everything(home) for home in (m, b1, b2)}
    assert final[b1.name] == final[m.name] and final[b2.name] == final[m.name]
    zhang_now = next(r for r in final[m.name]["members"] if r["id"] == zhang)
    assert zhang_now["phone"] == "13911111111"
    assert [d["amount"] for d in final[m.name]["dues"]] == ["0.50"]
    for home in (m, b1, b2):
        assert json.loads(ok("conflicts", "--json", home=home)) == []  # closed on every copy

    backups = ok("restore", "--list", home=m).split()
    assert backups, "a backup before each merge"
    confirm = taizhang_here("restore", home=m)
    assert confirm.returncode == 1 and "--yes" in confirm.stderr
    ok("restore", backups[0], "--yes", home=m)
    assert len(everything(m)["members"]) < 3  # back before the branches' members came
    for home in (m, b1, b2, m):  # the master tells what it holds now; the branches send again
        ok("exchange", str(shared), home=home)
    after = everything(m)  # what the branches made came back to the master
    assert {r["name"] for r in after["members"]} == {"張桂英", "李國華", "王建軍"}
    assert [d["amount"] for d in after["dues"]] == ["0.50"]
    # the master's own edits after that backup are gone (it went back); the branch's edit stands
    assert next(r for r in after["members"] if r["id"] == zhang)["phone"] == "13722222222"
