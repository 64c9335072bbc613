"""``merge``, ``init --join`` and ``exchange`` are given files by a user: what is not a
regular file (a folder, /dev/zero, a named pipe, a link to one) is refused at once,
before it is opened — a named pipe opened for reading waits for a writer for ever, which
is how ``taizhang merge`` given one used to hang."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hostile import tree_hashes
from support import taizhang

from tui.cli import main


@pytest.fixture
def master(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    home = tmp_path / "總支"
    assert main(["init", "--org", "測試村黨總支", "--branch", "第一支部", "--home", str(home)]) == 0
    assert main(["add", "members", "--set", "姓名=張桂英", "--set", "branch=第一支部", "--home", str(home)]) == 0
    capsys.readouterr()
    return home


def test_merge_refuses_a_folder_and_a_device(master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "給總支.tzb"
    folder.mkdir()
    before = tree_hashes(master)
    assert main(["merge", str(folder), "/dev/zero", "--home", str(master)]) == 1
    err = capsys.readouterr().err
    assert f"{folder} 不是一般的檔案(它是資料夾)" in err
    assert "/dev/zero 不是一般的檔案(它是設備)" in err
    assert tree_hashes(master) == before


def test_merge_and_join_given_a_named_pipe_return_at_once(master: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "給總支.tzb"
    os.mkfifo(pipe)
    linked = tmp_path / "連結.tzb"
    linked.symlink_to(pipe)
    before = tree_hashes(master)
    start = time.monotonic()
    # In processes of their own, with a timeout: a hang fails the test instead of the suite.
    merged = taizhang("merge", str(pipe), str(linked), "--lang", "en", home=master, timeout=60)
    joined = taizhang("init", "--join", str(pipe), "--code", "1234-5678-9012", home=tmp_path / "支部", timeout=60)
    assert merged.returncode == 1 and joined.returncode == 1
    assert f"{pipe} is not a regular file (it is a named pipe)" in merged.stderr
    assert f"{linked} is not a regular file (it is a named pipe)" in merged.stderr
    assert "命名管道" in joined.stderr and "Traceback" not in merged.stderr + joined.stderr
    assert time.monotonic() - start < 50
    assert tree_hashes(master) == before
    assert not (tmp_path / "支部").exists()


def test_exchange_skips_a_named_pipe_in_the_shared_folder(master: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "共用"
    shared.mkdir()
    assert main(["branch", "add", "第一支部", "--out", str(tmp_path / "一.enrol"), "--home", str(master)]) == 0
    capsys.readouterr()
    from storage.store import Store

    me = Store.open(master).settings.store.copy_id
    pipe = shared / f"taizhang-0123456789ab-to-{me}.tzb"  # named as a branch's bundle would be
    os.mkfifo(pipe)
    result = taizhang("exchange", str(shared), home=master, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"{pipe} 不是一般的檔案(它是命名管道)" in result.stderr and "Traceback" not in result.stderr
    assert any(p.name.endswith(".tzb") and p != pipe for p in shared.iterdir())  # its own bundle still written


def test_restore_from_a_named_pipe_or_a_folder_returns_at_once(tmp_path: Path) -> None:
    """``restore --from`` and ``--passphrase-file`` given a pipe (or a folder) are refused
    before the passphrase is asked and before anything is created; a pipe used to hang."""
    pipe = tmp_path / "整個台賬.tzbackup"
    os.mkfifo(pipe)
    secret = tmp_path / "密碼.txt"
    secret.write_text("a long enough passphrase\n", encoding="utf-8")
    new = tmp_path / "新的台賬"
    start = time.monotonic()
    from_pipe = taizhang("restore", "--from", str(pipe), "--passphrase-file", str(secret), home=new, timeout=60)
    from_folder = taizhang("restore", "--from", str(tmp_path), home=new, timeout=60)  # no passphrase asked first
    key_from_pipe = taizhang("restore", "--from", str(secret), "--passphrase-file", str(pipe), "--lang", "en",
                             home=new, timeout=60)
    assert time.monotonic() - start < 50
    assert from_pipe.returncode == from_folder.returncode == key_from_pipe.returncode == 1
    assert f"{pipe} 不是一般的檔案(它是命名管道)" in from_pipe.stderr
    assert f"{tmp_path} 不是一般的檔案(它是資料夾)" in from_folder.stderr
    assert f"{pipe} is not a regular file (it is a named pipe)" in key_from_pipe.stderr
    assert "Traceback" not in from_pipe.stderr + from_folder.stderr + key_from_pipe.stderr
    assert not new.exists()
