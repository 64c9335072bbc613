"""A bundle is as untrusted as a stranger's spreadsheet: every value it carries passes the
register's model as a local save would have written it, or the whole bundle is refused
— named (sender, register, record, field, what is wrong) and the store left byte for
byte as it was. And a copy does not sign its own journal lines when they hold what no
save could have written (a hand edit)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from syncutil import Org, home_digest

from storage import catalogue
from storage.fields import id_check_character
from storage.i18n import EN, HANS, HANT
from storage.records import validate
from storage.store import compact
from sync import bundle
from sync.keys import Keyring
from sync.merge import merge
from sync.messages import SyncError
from sync.outgoing import bundle_stamp, changes_for, export, sender_info


def id_number(first17: str) -> str:
    return first17 + id_check_character(first17)


#: 身份證號 with an X at the end (the form a save writes: upper case).
ENDS_IN_X = next(n for n in (id_number(f"5303231968031{k:03d}1"[:17]) for k in range(1000)) if n.endswith("X"))


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Org:
    import os

    os.environ["TAIZHANG_TODAY"] = "2026-11-26"  # module scope: before the autouse fixture runs
    made = Org(tmp_path_factory.mktemp("forged") / "org")
    first = made["b1"].add("members", {"name": "張桂英", "phone": "13812345678"})
    made["b2"].add("members", {"name": "李國華"})
    made.exchange_all()
    made.first_member = first["id"]  # type: ignore[attr-defined]
    return made


def stamp(org: Org, src: str = "b1") -> str:
    return org[src].clock.tick()


def created(org: Org, rid: str, values: dict[str, Any], reg: str = "members", src: str = "b1",
            branch: str = "b1") -> dict[str, Any]:
    """A creation exactly as a save on ``src`` writes it (then a test spoils one value)."""
    register = catalogue.get(reg)
    assert register is not None
    data = compact(validate(register, {"branch": org.branch_id(branch), **values}))
    return {"hlc": stamp(org, src), "at": "", "copy": org[src].settings.store.copy_id, "op": "create", "reg": reg,
            "rec": rid, "branch": data.get("branch"), "fields": {k: [None, v] for k, v in data.items()}}


def updated(org: Org, rid: str, fields: dict[str, list[Any]], reg: str = "members", src: str = "b1") -> dict[str, Any]:
    return {"hlc": stamp(org, src), "at": "", "copy": org[src].settings.store.copy_id, "op": "update", "reg": reg,
            "rec": rid, "branch": org.branch_id(src), "fields": fields}


def signed(org: Org, changes: list[dict[str, Any]], name: str, src: str = "b1", dst: str = "m") -> Path:
    """A bundle of ``changes``, signed with ``src``'s own key: what a laptop that signs
    whatever it is given (broken, or in a stranger's hands) would send."""
    store = org[src]
    keyring = Keyring.load(store.home)
    path = org.root / "forged" / name
    bundle.write(path, identity=keyring.identity, sender=sender_info(store), recipient=org.peer(src, dst),
                 organisation=store.organisation, changes=changes, acks={}, created=bundle_stamp(store), at="",
                 full=False)
    return path


def refused(org: Org, path: Path, short: str = "m") -> dict[str, str]:
    """Merge ``path``; assert it was refused whole and changed nothing; its message in each language."""
    store = org[short]
    before = home_digest(store.home)
    plan, saved = merge(store, Keyring.load(store.home), [path])
    assert saved is None and not plan.changes and not plan.conflicts
    assert [i.path for i in plan.refused] == [path], "the bundle was not refused"
    assert home_digest(store.home) == before
    messages = {lang: plan.refused[0].refused.message(lang) for lang in (HANT, HANS, EN)}
    for text in messages.values():
        assert str(path) in text
        assert not any(ch in text for ch in "\x1b\x07\x00\x9b\u202e"), "a raw control character in a message"
    assert "台賬沒有改動" in messages[HANT] and "nothing in the store was changed" in messages[EN].lower()
    return messages


def merged(org: Org, *paths: Path, short: str = "m") -> Any:
    store = org[short]
    plan, _ = merge(store, Keyring.load(store.home), list(paths))
    assert not plan.refused, plan.refused[0].refused.message(EN)
    return plan


def names_it(messages: dict[str, str], rid: str, label: str, *, register: str = "黨員花名冊",
             sender: str = "第一支部") -> None:
    text = messages[HANT]
    assert sender in text and register in text and rid[:8] in text and f"「{label}」" in text, text


# -- one test per kind of value no save writes ------------------------------------------------


def test_a_value_of_the_wrong_type_refuses_the_bundle(org: Org) -> None:
    mine = org.first_member  # type: ignore[attr-defined]
    path = signed(org, [updated(org, mine, {"gender": [None, {"x": 1}]})], "type.tzb")
    messages = refused(org, path)
    names_it(messages, mine, "性別")
    assert "張桂英" in messages[HANT]  # the record by its name too
    assert "Gender" in messages[EN] and "Party members" in messages[EN]
    assert "gender" not in org["m"].get(mine)[1]


def test_a_choice_that_is_not_one_refuses_the_bundle(org: Org) -> None:
    bad = created(org, "m-phd", {"name": "王博士", "education": "bachelor"})
    bad["fields"]["education"][1] = "phd"
    messages = refused(org, signed(org, [bad], "choice.tzb"))
    names_it(messages, "m-phd", "文化程度")
    assert "phd" in messages[HANT] and "本科" in messages[HANT]  # what it holds, and what it may hold


def test_a_reference_to_a_record_that_is_nowhere_refuses_the_bundle(org: Org) -> None:
    nowhere = "00000000-0000-4000-8000-00000000dead"
    payment = created(org, "d-nowhere", {"member": org.first_member, "period_from": "2026-09",  # type: ignore[attr-defined]
                                          "amount": "0.50", "paid_on": "2026-11-01"}, reg="dues")
    payment["fields"]["member"][1] = nowhere
    messages = refused(org, signed(org, [payment], "nowhere.tzb"))
    names_it(messages, "d-nowhere", "黨員", register="黨費收繳冊")
    assert nowhere[:8] in messages[HANT]

    payment = created(org, "d-notid", {"member": org.first_member, "period_from": "2026-09",  # type: ignore[attr-defined]
                                        "amount": "0.50", "paid_on": "2026-11-01"}, reg="dues")
    payment["fields"]["member"][1] = "../../etc/passwd"
    messages = refused(org, signed(org, [payment], "not-an-id.tzb"))
    assert "不是記錄的編號" in messages[HANT]


def test_a_reference_to_a_record_made_by_a_bundle_merged_with_it_or_deleted_here_is_kept(org: Org) -> None:
    member = created(org, "m-new-in-a", {"name": "趙新"})
    payment = created(org, "d-for-new", {"member": "m-new-in-a", "period_from": "2026-09", "amount": "0.50",
                                         "paid_on": "2026-11-01"}, reg="dues")
    plan = merged(org, signed(org, [member], "a.tzb"), signed(org, [payment], "b.tzb"))
    assert len(plan.changes) == 2
    gone = org["m"].add("members", {"name": "錢已刪", "branch": "第一支部"})["id"]
    org["m"].delete(gone)
    payment = created(org, "d-for-gone", {"member": gone, "period_from": "2026-09", "amount": "0.50",
                                          "paid_on": "2026-11-01"}, reg="dues")
    payment["fields"]["member"][1] = gone  # validate() does not look records up: as typed on the branch before
    plan = merged(org, signed(org, [payment], "for-deleted.tzb"))
    assert plan.dangling  # kept, and pointed out (as the merge already does)


def test_a_value_past_the_size_limits_refuses_the_bundle(org: Org) -> None:
    mine = org.first_member  # type: ignore[attr-defined]
    messages = refused(org, signed(org, [updated(org, mine, {"note": [None, "長" * 50_001]})], "long-note.tzb"))
    names_it(messages, mine, "備註")
    assert "50000" in messages[HANT]
    messages = refused(org, signed(org, [updated(org, mine, {"address": [None, "大" * 1_001]})], "long-address.tzb"))
    names_it(messages, mine, "家庭住址")
    assert "1000" in messages[HANT]


def test_control_characters_refuse_the_bundle_and_are_shown_escaped(org: Org) -> None:
    mine = org.first_member  # type: ignore[attr-defined]
    hostile = "大寨村\x1b]0;pwned\x07"
    messages = refused(org, signed(org, [updated(org, mine, {"address": [None, hostile]})], "escape.tzb"))
    names_it(messages, mine, "家庭住址")
    assert "\\x1b" in messages[HANT]
    for name, value in (("party_group", "第一\u202e組"), ("note", "一\x00二"), ("workplace", "x\ny")):
        refused(org, signed(org, [updated(org, mine, {name: [None, value]})], f"control-{name}.tzb"))
    # a name that holds an escape is not echoed raw either (the record is named by it)
    named = created(org, "m-escaped-name", {"name": "王五"})
    named["fields"]["name"][1] = "王\x1b[2J五"
    messages = refused(org, signed(org, [named], "escaped-name.tzb"))
    assert "\\x1b" in messages[HANT]


def test_a_value_not_in_the_form_a_save_writes_refuses_the_bundle(org: Org) -> None:
    mine = org.first_member  # type: ignore[attr-defined]
    for field, value, expected in (
        ("id_number", ENDS_IN_X.lower(), ENDS_IN_X),   # a save writes an upper-case X
        ("phone", "138 1234 5678", "13812345678"),     # a save writes the digits
        ("mobile", 1, "true"),                         # a save writes true, not 1
        ("dues_base", 2500, "2500.00"),                # a save writes money as text, to the fen
        ("address", "  大寨村  ", "大寨村"),             # a save strips the spaces
        ("address", "無", None),                        # a save writes nothing, not 無
    ):
        messages = refused(org, signed(org, [updated(org, mine, {field: [None, value]})], f"form-{field}.tzb"))
        assert mine[:8] in messages[HANT]
        if expected:
            assert expected in messages[HANT], messages[HANT]
    payment = created(org, "d-float", {"member": mine, "period_from": "2026-09", "amount": "0.50",
                                       "paid_on": "2026-11-01"}, reg="dues")
    payment["fields"]["amount"][1] = 0.5
    names_it(refused(org, signed(org, [payment], "float.tzb")), "d-float", "金額(元)", register="黨費收繳冊")


def test_a_creation_is_a_whole_record(org: Org) -> None:
    nameless = created(org, "m-nameless", {"name": "無名"})
    del nameless["fields"]["name"]
    names_it(refused(org, signed(org, [nameless], "nameless.tzb")), "m-nameless", "姓名")
    no_status = created(org, "m-no-status", {"name": "孫無狀"})
    del no_status["fields"]["status"]  # a save writes the default
    names_it(refused(org, signed(org, [no_status], "no-status.tzb")), "m-no-status", "正式/預備")
    female = created(org, "m-contradiction", {"name": "周矛盾", "id_number": id_number("53032319680312001")})
    female["fields"]["gender"][1] = "female"  # the number says male: no save writes both
    names_it(refused(org, signed(org, [female], "contradiction.tzb")), "m-contradiction", "性別")
    deletion = {**updated(org, org.first_member, {"phone": [None, "13900000000"]}), "op": "delete"}  # type: ignore[attr-defined]
    refused(org, signed(org, [deletion], "delete-with-values.tzb"))


def test_one_bad_value_refuses_the_good_changes_with_it(org: Org) -> None:
    mine = org.first_member  # type: ignore[attr-defined]
    good = updated(org, mine, {"party_group": [None, "第三黨小組"]})
    bad = updated(org, mine, {"education": [None, "phd"]})
    refused(org, signed(org, [good, bad], "good-and-bad.tzb"))
    assert org["m"].get(mine)[1].get("party_group") != "第三黨小組"


def test_the_lower_case_x_of_an_old_store_passes_when_its_upgrade_comes_with_it(org: Org) -> None:
    """Format 1 kept 身份證號 as typed; its upgrade wrote the normalised number as a later
    change of the record, and both travel in the first bundle after it."""
    old = created(org, "m-format-1", {"name": "吳舊版", "id_number": ENDS_IN_X})
    old["fields"]["id_number"][1] = ENDS_IN_X.lower()
    upgrade = updated(org, "m-format-1", {"id_number": [ENDS_IN_X.lower(), ENDS_IN_X]})
    merged(org, signed(org, [old, upgrade], "format-1.tzb"))
    assert org["m"].get("m-format-1")[1]["id_number"] == ENDS_IN_X
    alone = created(org, "m-format-1b", {"name": "吳單獨", "id_number": ENDS_IN_X})
    alone["fields"]["id_number"][1] = ENDS_IN_X.lower()
    refused(org, signed(org, [alone], "format-1-alone.tzb"))


def test_a_master_may_send_a_branch_references_to_records_it_does_not_show_it(org: Org) -> None:
    theirs = org["m"].records("members", branch="第二支部")[0]["id"]
    mine = org.first_member  # type: ignore[attr-defined]
    pairing = created(org, "p-across", {"member": mine, "partner": "鄭能人"}, reg="pairings", src="m")
    activity = created(org, "a-across", {"held_on": "2026-11-01", "theme": "學習", "participants": [mine, theirs]},
                       reg="member_activities", src="m")
    plan = merged(org, signed(org, [pairing, activity], "master-across.tzb", src="m", dst="b1"), short="b1")
    assert len(plan.changes) == 2
    assert theirs not in org["b1"].table("members")  # it points at a record b1 is not shown: fine there
    bad = created(org, "a-bad", {"held_on": "2026-11-01", "theme": "學習"}, reg="member_activities", src="m")
    bad["fields"]["participants"] = [None, [mine, "not an id!"]]
    refused(org, signed(org, [bad], "master-not-an-id.tzb", src="m", dst="b1"), short="b1")


def test_honest_edits_that_together_break_a_cross_field_rule_merge_and_check_lists_them(tmp_path: Path) -> None:
    """The 總支 corrects a member's birth date while the branch corrects her joining date:
    each edit was valid where it was made; together she joined before she was born.
    Nothing refuses an honest bundle; taizhang check names the record."""
    from storage.check import check_home

    org = Org(tmp_path / "org")
    rid = org["b1"].add("members", {"name": "馮兩改", "birth_date": "1970-01-01", "joined_on": "2000-01-01"})["id"]
    org.exchange_all()
    org["m"].edit(rid, {"birth_date": "1990-05-05"})
    org["b1"].edit(rid, {"joined_on": "1985-01-01"})
    merged(org, org.export("b1", "m"))
    merged(org, org.export("m", "b1"), short="b1")
    for short in ("m", "b1"):
        record = org[short].get(rid)[1]
        assert (record["birth_date"], record["joined_on"]) == ("1990-05-05", "1985-01-01")
        problems = [p.message(HANT) for p in check_home(org[short].home).problems]
        assert any("馮兩改" in p and "入黨日期" in p for p in problems), problems


def test_the_same_person_registered_on_two_copies_merges_and_check_lists_both(tmp_path: Path) -> None:
    """身份證號 is unique within a copy; two copies may each register the same person (a
    transfer typed on both sides). Refusing would block an honest bundle for good: both
    records merge, and taizhang check names the pair for the secretary to settle."""
    from storage.check import check_home

    org = Org(tmp_path / "org")
    number = id_number("53032319700101002")
    org["b1"].add("members", {"name": "陳同人", "id_number": number})
    org["m"].add("members", {"name": "陳同人", "id_number": number, "branch": "第二支部"})
    merged(org, org.export("b1", "m"))
    assert len([r for r in org["m"].records("members") if r.get("id_number") == number]) == 2
    problems = [p.message(HANT) for p in check_home(org["m"].home).problems]
    assert any(number[-4:] in p and "陳同人" in p and "黨員花名冊" in p and "身份證號" in p for p in problems), problems
    assert not any(number in p for p in problems)  # masked, as lists show it


# -- the forged bundle, end to end -------------------------------------------------------------


def hand_edit(home: Path, rid: str, values: dict[str, Any]) -> int:
    """Edit the journal line that created ``rid`` as a person with a text editor would
    (and drop the caches that remember where lines end); returns its line number."""
    journal = home / "journal.jsonl"
    lines = journal.read_bytes().split(b"\n")
    for number, line in enumerate(lines, start=1):
        if line and json.loads(line).get("rec") == rid and json.loads(line).get("op") == "create":
            change = json.loads(line)
            for name, value in values.items():
                if value is None:
                    change["fields"].pop(name, None)
                else:
                    change["fields"][name] = [None, value]
            lines[number - 1] = json.dumps(change, ensure_ascii=False, separators=(",", ":")).encode()
            journal.write_bytes(b"\n".join(lines))
            for cache in (home / "state.json", home / "sync" / "vector.json"):
                cache.unlink(missing_ok=True)
            return number
    raise AssertionError("no such line")


HOSTILE = {"gender": {"x": 1}, "id_number": "abc", "education": "phd",
           "address": "大寨村\x1b]0;pwned\x07", "note": "備" * (5 << 20)}


def test_a_hand_edited_journal_is_not_signed_and_its_forged_bundle_is_refused_whole(tmp_path: Path) -> None:
    from support import taizhang_here

    org = Org(tmp_path / "org")
    org["b1"].add("members", {"name": "張桂英", "phone": "13812345678"})
    org.exchange_all()
    shown = org["m"].records("members")[0]["id"]
    victim = org["b1"].add("members", {"name": "何被改", "phone": "13912345678"})["id"]
    org["b1"].close()
    line = hand_edit(org["b1"].home, victim, HOSTILE)

    # The branch's own taizhang refuses to sign it, and says which line and what to do.
    branch_before = home_digest(org["b1"].home)
    out = tmp_path / "b1.tzb"
    result = taizhang_here("export", "--to", str(out), home=org["b1"].home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"第 {line} 行" in result.stderr and "journal.jsonl" in result.stderr
    assert "黨員花名冊" in result.stderr and victim[:8] in result.stderr and "taizhang check" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert not out.exists()
    english = taizhang_here("export", "--to", str(out), "--lang", "en", home=org["b1"].home)
    assert english.returncode == 1 and f"line {line}" in english.stderr and "Nothing was exported" in english.stderr
    assert home_digest(org["b1"].home) == branch_before

    # A laptop that signs anyway: the branch's own keys, the lower-level writer, no check.
    from storage.store import Store

    branch = Store.open(org["b1"].home)
    keyring = Keyring.load(branch.home)
    master = keyring.master()
    changes = changes_for(branch, master, {}, full=False)
    assert any(c["rec"] == victim and c["fields"].get("gender") == [None, {"x": 1}] for c in changes)
    forged = tmp_path / "forged.tzb"
    bundle.write(forged, identity=keyring.identity, sender=sender_info(branch), recipient=master,
                 organisation=branch.organisation, changes=changes, acks={}, created=bundle_stamp(branch),
                 at="", full=False)
    assert forged.stat().st_size < bundle.file_limit()

    master_home = org["m"].home
    before = home_digest(master_home)
    result = taizhang_here("merge", str(forged), home=master_home)
    assert result.returncode == 1, result.stdout + result.stderr
    for part in ("第一支部", "黨員花名冊", victim[:8], "何被改", "台賬沒有改動"):
        assert part in result.stderr, (part, result.stderr)
    assert any(f"「{label}」" in result.stderr for label in ("性別", "身份證號", "文化程度", "家庭住址", "備註"))
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert home_digest(master_home) == before

    # The master's copy is as it was, and everything that broke on it before still works.
    listed = taizhang_here("list", "members", home=master_home)
    assert listed.returncode == 0 and "張桂英" in listed.stdout and "何被改" not in listed.stdout
    assert taizhang_here("show", shown[:8], home=master_home).returncode == 0
    exported = taizhang_here("export", "all", "--to", str(tmp_path / "all.xlsx"), home=master_home)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "all.xlsx").stat().st_size > 0


def test_each_hostile_value_alone_is_refused_by_the_exporter_naming_its_field(tmp_path: Path) -> None:
    org = Org(tmp_path / "org", branches=("第一支部",))
    labels = {"gender": "性別", "id_number": "身份證號", "education": "文化程度", "address": "家庭住址", "note": "備註"}
    for name, value in HOSTILE.items():
        victim = org["b1"].add("members", {"name": "何被改"})["id"]
        org["b1"].close()
        line = hand_edit(org["b1"].home, victim, {name: value})
        from storage.store import Store

        store = Store.open(org["b1"].home)
        keyring = Keyring.load(store.home)
        with pytest.raises(SyncError) as refusal:
            export(store, keyring, keyring.master(), tmp_path / f"{name}.tzb")
        message = refusal.value.message(HANT)
        assert f"第 {line} 行" in message and f"「{labels[name]}」" in message, message
        assert not (tmp_path / f"{name}.tzb").exists()
        hand_edit(store.home, victim, {name: None})  # mended by hand again, so the next one is alone
        org.stores["b1"] = Store.open(store.home)


def test_a_bundle_of_more_changes_than_the_limit_is_refused_before_it_is_opened(
        org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = org.first_member  # type: ignore[attr-defined]
    changes = [updated(org, mine, {"phone": [None, f"1390000000{n}"]}) for n in range(3)]
    path = signed(org, changes, "many.tzb")
    monkeypatch.setenv("TAIZHANG_BUNDLE_MAX_CHANGES", "2")
    messages = refused(org, path)
    assert "3 項變更" in messages[HANT] and "上限 2 項" in messages[HANT]
    assert "TAIZHANG_BUNDLE_MAX_CHANGES" in messages[EN]
    monkeypatch.delenv("TAIZHANG_BUNDLE_MAX_CHANGES")
    merged(org, path)


def test_the_exporter_refuses_a_line_that_is_not_a_change_or_points_at_nothing(tmp_path: Path) -> None:
    from storage.store import Store

    org = Org(tmp_path / "org", branches=("第一支部",))
    for edit, named in (({"phone": "13812345678"}, None),  # becomes no [old, new] pair below
                        ({"branch": "00000000-0000-4000-8000-00000000dead"}, "所屬支部")):
        victim = org["b1"].add("members", {"name": "何被改"})["id"]
        org["b1"].close()
        line = hand_edit(org["b1"].home, victim, edit)
        if named is None:
            journal = org["b1"].home / "journal.jsonl"
            lines = journal.read_text(encoding="utf-8").split("\n")
            change = json.loads(lines[line - 1])
            change["fields"]["phone"] = "13812345678"  # a value, not a pair
            lines[line - 1] = json.dumps(change, ensure_ascii=False, separators=(",", ":"))
            journal.write_text("\n".join(lines), encoding="utf-8")
        store = Store.open(org["b1"].home)
        keyring = Keyring.load(store.home)
        before = home_digest(store.home)
        with pytest.raises(SyncError) as refusal:
            export(store, keyring, keyring.master(), tmp_path / "out.tzb")
        message = refusal.value.message(HANT)
        assert f"第 {line} 行" in message, message
        if named:
            assert f"「{named}」" in message and "本副本沒有" in message
        assert home_digest(store.home) == before and not (tmp_path / "out.tzb").exists()
        hand_edit(store.home, victim, {"phone": None, "branch": org.branch_id("b1")})
        org.stores["b1"] = Store.open(store.home)


def test_an_exchange_through_a_folder_signs_nothing_from_a_hand_edited_journal(tmp_path: Path) -> None:
    from storage.store import Store
    from sync.exchange import exchange

    org = Org(tmp_path / "org", branches=("第一支部",))
    victim = org["b1"].add("members", {"name": "何被改"})["id"]
    org["b1"].close()
    line = hand_edit(org["b1"].home, victim, {"education": "phd"})
    store = Store.open(org["b1"].home)
    folder = tmp_path / "shared"
    folder.mkdir()
    result = exchange(store, Keyring.load(store.home), folder)
    assert not result.written and list(folder.iterdir()) == []
    assert [f"第 {line} 行" in error.message(HANT) and "「文化程度」" in error.message(HANT)
            for _, error in result.skipped] == [True]
