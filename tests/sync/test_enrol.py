"""Enrolment files: checked whole, and their keys opened only with the one-time code the
總支 tells the branch apart from the file."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from support import ROOT, cli_env, taizhang

from storage.store import Store
from sync import enrol
from sync.keys import Keyring, b64
from sync.messages import SyncError


@pytest.fixture
def enrolled(tmp_path: Path) -> tuple[Store, Path, str]:
    master = Store.create(tmp_path / "m", organisation="測試村黨總支", branches=["第一支部", "第二支部"])
    master.add("members", {"name": "張桂英", "branch": "第一支部", "id_number": "530323199001011234"})
    file = tmp_path / "b1.enrol"
    code = enrol.add_branch(master, "第一支部", file)[3]
    return master, file, code


def test_the_code_opens_the_file_typed_any_way_people_type_it(enrolled: tuple[Store, Path, str], tmp_path: Path) -> None:
    _, file, code = enrolled
    assert len(code) == 14 and code.replace("-", "").isdigit()
    typed = " ".join(code.replace("-", "")[i:i + 3] for i in range(0, 12, 3)).translate(
        str.maketrans("0123456789", "０１２３４５６７８９"))  # full-width, in threes
    branch, identity, _ = enrol.join(tmp_path / "b1", file, typed)
    assert [r["name"] for r in branch.records("members")] == ["張桂英"]
    assert Keyring.load(branch.home).identity.sign_public == identity.sign_public


@pytest.mark.parametrize(("code", "what"), [(None, "--code"), ("1234", "12 digits"), ("1234-5678-90ab", "12 digits"),
                                             ("0000-0000-0000", "Wrong enrolment code")])
def test_without_the_right_code_nothing_is_made(enrolled: tuple[Store, Path, str], tmp_path: Path,
                                                  code: str | None, what: str) -> None:
    _, file, right = enrolled
    if code == "0000-0000-0000" and right == code:
        code = "1111-1111-1111"
    with pytest.raises(SyncError) as refused:
        enrol.join(tmp_path / "b1", file, code)
    assert what in refused.value.message("en") and str(file) in refused.value.message("en")
    assert not (tmp_path / "b1").exists()


def test_a_lost_file_shows_no_record_and_no_private_key(enrolled: tuple[Store, Path, str], tmp_path: Path) -> None:
    _, file, code = enrolled
    data = file.read_bytes()
    _, identity, _ = enrol.join(tmp_path / "b1", file, code)
    for secret in (identity.sign_private, identity.box_private):
        assert secret not in data and b64(secret).encode() not in data
    assert "張桂英".encode() not in data and b"530323199001011234" not in data


def test_a_file_changed_on_the_way_is_refused_even_with_its_code(enrolled: tuple[Store, Path, str], tmp_path: Path) -> None:
    _, file, code = enrolled
    with zipfile.ZipFile(file) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = json.loads(parts["enrolment.json"])
    body["branch"]["name"] = "第二支部"
    parts["enrolment.json"] = json.dumps(body).encode()
    forged = tmp_path / "forged.enrol"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(SyncError) as refused:
        enrol.join(tmp_path / "b1", forged, code)
    assert "signature" in refused.value.message("en")
    assert not (tmp_path / "b1").exists()


def test_the_code_is_costly_to_guess_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from sync.keys import Identity

    monkeypatch.delenv("TAIZHANG_ENROL_SCRYPT_LOG2")
    sealed = enrol.seal_keys(Identity.generate("abc"), enrol.new_code())
    assert (sealed["kdf"], sealed["log2n"]) == ("scrypt", enrol.SCRYPT_LOG2) and enrol.SCRYPT_LOG2 >= 17


def test_the_command_line_says_how_to_give_the_code_and_asks_for_it_at_a_terminal(
    enrolled: tuple[Store, Path, str], tmp_path: Path
) -> None:
    _, file, code = enrolled
    piped = taizhang("init", "--join", str(file), home=tmp_path / "b1")
    assert piped.returncode == 1 and "--code" in piped.stderr and "登記碼" in piped.stderr
    assert not (tmp_path / "b1").exists()

    # at a terminal it asks, as a person would be asked
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "tui.cli", "init", "--join", str(file), "--home", str(tmp_path / "b1")],
                               stdin=follower, stdout=follower, stderr=follower, env=cli_env(), cwd=ROOT)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while "登記碼".encode() not in seen and time.monotonic() < deadline:
        seen += os.read(leader, 4096)
    os.write(leader, code.encode() + b"\n")
    try:
        while chunk := os.read(leader, 4096):
            seen += chunk
    except OSError:  # the terminal closes when the program ends
        pass
    assert process.wait(timeout=60) == 0, seen.decode(errors="replace")
    assert "總支金鑰指紋" in seen.decode(errors="replace")
    assert (tmp_path / "b1" / "settings.toml").exists()
