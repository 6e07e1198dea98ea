"""One writer per database file: a ``QLockFile`` next to it (``forumdesk.db.lock``).

A second Forum Desk on the same file is told which user, computer and process holds it and
may open it read-only.  A lock left by a process that was killed or crashed on this
computer is stale and taken over silently (Qt checks whether the process still runs).

Use :func:`open_with_lock` at start and whenever another file is opened: it returns the
lock to keep (``None`` when read-only) or raises when the user declines.
"""

from __future__ import annotations

import contextlib
import os
import pwd
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QWidget

from db.errors import ForumDeskError
from desktop.ui import dialogs


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    app: str
    user: str

    def sentence(self, database_path: Path) -> str:
        who = f"{self.user} on {self.host}" if self.user else self.host
        return (
            f"{database_path.name} is already open in Forum Desk ({who}, process {self.pid}). "
            "Only one window may change it at a time: open it read-only to look at it, or "
            "close the other window first."
        )


class DatabaseInUse(ForumDeskError):
    """Another Forum Desk holds the file; ``holder`` says who."""

    def __init__(self, database_path: Path, holder: LockHolder) -> None:
        self.database_path = database_path
        self.holder = holder
        super().__init__(holder.sentence(database_path))


def lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lock")


def _user_of(path: Path) -> str:
    try:
        return pwd.getpwuid(path.stat().st_uid).pw_name
    except (OSError, KeyError):
        return ""


class DatabaseLock:
    """The lock on one database file, held while the window edits it."""

    def __init__(self, database_path: Path) -> None:
        self.database_path = database_path
        self.path = lock_path(database_path)
        self._lock = QLockFile(str(self.path))
        # Never stale by age (a long lunch is not a crash); stale when its process is gone.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> None:
        """Take the lock (taking over a stale one) or raise :class:`DatabaseInUse`."""
        if self._lock.tryLock(0):
            with contextlib.suppress(OSError):
                os.chmod(self.path, 0o600)
            return
        holder = self.holder()
        if holder is None:
            raise ForumDeskError(
                f"{self.database_path.name} cannot be locked for editing ({self._lock.error().name}); "
                "open it read-only, or check that its folder is writable."
            )
        raise DatabaseInUse(self.database_path, holder)

    def holder(self) -> LockHolder | None:
        info = self._lock.getLockInfo()  # (pid, host, app); pid 0 when unreadable
        if not isinstance(info, tuple) or len(info) < 3 or not info[-3]:
            return None
        pid, host, app = info[-3:]
        return LockHolder(int(pid), str(host), str(app), _user_of(self.path))

    def is_held(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def open_with_lock(parent: QWidget | None, database_path: Path) -> DatabaseLock | None:
    """Lock the file for editing; if another Forum Desk has it, offer to open read-only.

    Returns the lock (keep it until the file is closed), or ``None`` when the user chose
    read-only.  Raises :class:`DatabaseInUse` when the user declines both.
    """
    lock = DatabaseLock(database_path)
    try:
        lock.acquire()
        return lock
    except DatabaseInUse as exc:
        if dialogs.confirm(parent, "Database in use", str(exc), "Open Read-Only"):
            return None
        raise
