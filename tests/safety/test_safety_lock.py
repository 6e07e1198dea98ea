"""A second Forum Desk on the same file: told who holds it, may open read-only; stale locks
from killed processes are taken over."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui import dialogs, lock

HOLDER = """
import sys
from PySide6.QtCore import QLockFile
held = QLockFile(sys.argv[1])
held.setStaleLockTime(0)
assert held.tryLock(0)
print("locked", flush=True)
sys.stdin.read()
"""


def test_second_instance_is_told_who_holds_the_file(qapp: QApplication, db_path: Path) -> None:
    first = lock.DatabaseLock(db_path)
    first.acquire()
    try:
        with pytest.raises(lock.DatabaseInUse) as raised:
            lock.DatabaseLock(db_path).acquire()
        holder = raised.value.holder
        assert holder.pid == os.getpid()
        assert holder.host == socket.gethostname()
        message = str(raised.value)
        assert f"process {os.getpid()}" in message and "read-only" in message
        assert holder.user and holder.user in message
    finally:
        first.release()
    second = lock.DatabaseLock(db_path)
    second.acquire()  # free again once released
    second.release()


def test_user_may_choose_read_only(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(parent: object, title: str, text: str, action: str = "OK", **_: object) -> bool:
        asked.append(text)
        return action == "Open Read-Only"

    monkeypatch.setattr(dialogs, "confirm", answer)
    first = lock.open_with_lock(None, db_path)
    assert first is not None
    try:
        assert lock.open_with_lock(None, db_path) is None  # read-only: no lock taken
        assert "already open in Forum Desk" in asked[0]
    finally:
        first.release()


def test_stale_lock_of_a_killed_process_is_taken_over(qapp: QApplication, db_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock.lock_path(db_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(lock.DatabaseInUse):
            lock.DatabaseLock(db_path).acquire()  # alive: refused
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert lock.lock_path(db_path).exists()  # the killed process left its lock behind
    taken = lock.DatabaseLock(db_path)
    taken.acquire()
    assert taken.holder() is not None and taken.holder().pid == os.getpid()  # type: ignore[union-attr]
    taken.release()
