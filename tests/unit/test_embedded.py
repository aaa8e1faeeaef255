"""The embedded server's pitfalls (the four of db/embedded.py), checked without starting it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from iacs.db.embedded import _prune_dead_handles, _remove_stale_pid_file


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])  # noqa: S607 - a process that is gone once waited for
    proc.wait()
    return proc.pid


def test_dead_handles_are_pruned(tmp_path: Path) -> None:
    dead = _dead_pid()
    (tmp_path / ".handle_pids.json").write_text(json.dumps([os.getpid(), dead]))
    _prune_dead_handles(tmp_path)
    assert json.loads((tmp_path / ".handle_pids.json").read_text()) == [os.getpid()]


def test_a_pid_file_naming_another_process_is_removed_not_trusted(tmp_path: Path) -> None:
    # pid 1 is alive but is not a postgres of this folder: the library must never signal it.
    (tmp_path / "postmaster.pid").write_text(f"1\n{tmp_path}\n")
    _remove_stale_pid_file(tmp_path)
    assert not (tmp_path / "postmaster.pid").exists()


def test_a_pid_file_of_a_dead_process_is_removed(tmp_path: Path) -> None:
    (tmp_path / "postmaster.pid").write_text(f"{_dead_pid()}\n{tmp_path}\n")
    _remove_stale_pid_file(tmp_path)
    assert not (tmp_path / "postmaster.pid").exists()


def test_a_garbled_pid_file_is_removed(tmp_path: Path) -> None:
    (tmp_path / "postmaster.pid").write_text("not a pid\n")
    _remove_stale_pid_file(tmp_path)
    assert not (tmp_path / "postmaster.pid").exists()
