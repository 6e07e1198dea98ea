"""Consistent backups of a Forum Desk SQLite file: take, list, thin, check and restore.

Where: a ``backups/`` folder next to the database file (created owner-only, 0700), so the
backups travel with the file and a second database in another folder keeps its own; the
files are named ``<database stem>-<YYYYmmdd-HHMMSS-ffffff>-<reason>.db`` and are readable by
the owner only (0600).

How: always through SQLite's online backup API (a consistent snapshot even while another
process writes), never a file copy.  The copy is written to a temporary name, synced and
then renamed, so a crash never leaves a half-written backup under a backup's name.

When (the callers): at start and every 30 minutes of editing (the desktop app), before every
schema upgrade (:mod:`db.migrate`), before an import or merge, and before a restore.

Thinning keeps the 10 newest copies, the newest of each of the last 14 days, of each of the
last 8 weeks and of each of the last 12 months, and the newest copy taken before an upgrade
or a restore; older copies are deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.errors import ForumDeskError
from db.fileguard import DamagedDatabaseError, check_file, owner_only, read_only_uri

BACKUP_DIR_NAME = "backups"
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
KEEP_RECENT = 10
KEEP_DAYS = 14
KEEP_WEEKS = 8
KEEP_MONTHS = 12
ALWAYS_KEEP_NEWEST = ("before-upgrade", "before-restore")
REASONS = {
    "start": "at start",
    "periodic": "while editing",
    "manual": "by hand",
    "before-upgrade": "before an upgrade",
    "before-import": "before an import",
    "before-merge": "before a merge",
    "before-restore": "before a restore",
    "damaged": "damaged file set aside",
}
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.db$")


class BackupError(ForumDeskError):
    """A backup could not be taken or restored (the sentence says why)."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason.replace("-", " "))


def backups_dir(database_path: Path) -> Path:
    return database_path.absolute().parent / BACKUP_DIR_NAME


def _ensure_dir(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def take_backup(
    database_path: Path,
    reason: str = "manual",
    *,
    now: dt.datetime | None = None,
    thin_afterwards: bool = True,
) -> Path:
    """Copy the database through the backup API into its ``backups/`` folder."""
    if not re.fullmatch(r"[a-z-]+", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    folder = backups_dir(database_path)
    stamp = (now or dt.datetime.now()).strftime(STAMP_FORMAT)
    target = folder / f"{database_path.stem}-{stamp}-{reason}.db"
    partial = target.with_name(target.name + ".partial")
    try:
        _ensure_dir(folder)
        if partial.exists():
            partial.unlink()
        fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)
        source = sqlite3.connect(str(database_path), timeout=30)
        try:
            destination = sqlite3.connect(str(partial))
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode = DELETE")
            finally:
                destination.close()
        finally:
            source.close()
        owner_only(partial)
        _fsync(partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):  # e.g. "backups" is a file, not a folder
            partial.unlink(missing_ok=True)
        raise BackupError(
            f"A backup of {database_path} could not be written to {folder} ({exc})."
        ) from exc
    if thin_afterwards:
        thin(database_path)
    return target


def list_backups(database_path: Path) -> list[BackupInfo]:
    """The database's backups, newest first."""
    folder = backups_dir(database_path)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or match["stem"] != database_path.stem or not path.is_file():
            continue
        taken = dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
        found.append(BackupInfo(path, taken, match["reason"], path.stat().st_size))
    found.sort(key=lambda b: b.taken_at, reverse=True)
    return found


def backups_to_keep(backups: list[BackupInfo], now: dt.datetime) -> set[Path]:
    """The thinning policy (see the module text); ``backups`` newest first."""
    keep: set[Path] = {b.path for b in backups[:KEEP_RECENT]}
    buckets: dict[tuple[str, object], Path] = {}
    for backup in backups:  # newest first: the first seen per bucket is the newest
        age = now - backup.taken_at
        day = backup.taken_at.date()
        keys: list[tuple[str, object]] = []
        if age <= dt.timedelta(days=KEEP_DAYS):
            keys.append(("day", day))
        if age <= dt.timedelta(weeks=KEEP_WEEKS):
            keys.append(("week", tuple(day.isocalendar())[:2]))
        if age <= dt.timedelta(days=31 * KEEP_MONTHS):
            keys.append(("month", (day.year, day.month)))
        for reason in ALWAYS_KEEP_NEWEST:
            if backup.reason == reason:
                keys.append(("reason", reason))
        for key in keys:
            if key not in buckets:
                buckets[key] = backup.path
    keep.update(buckets.values())
    return keep


def thin(database_path: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups the policy no longer keeps; returns what was deleted."""
    backups = list_backups(database_path)
    keep = backups_to_keep(backups, now or dt.datetime.now())
    removed: list[Path] = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except OSError:
                pass
    return removed


def check_backup(path: Path, known_revisions: list[str] | None = None) -> str:
    """Refuse a damaged backup (full ``integrity_check``); returns its schema revision."""
    if known_revisions is None:
        from db.migrate import known_revisions as all_known

        known_revisions = all_known()
    revision = check_file(path, known_revisions=known_revisions)
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(path, f"The backup {path.name} is damaged ({exc}).") from exc
    finally:
        conn.close()
    if [tuple(r) for r in result] != [("ok",)]:
        raise DamagedDatabaseError(
            path, f"The backup {path.name} is damaged ({result[0][0]}); choose another backup."
        )
    return revision


def integrity_problems(database_path: Path) -> list[str]:
    """``integrity_check`` and ``foreign_key_check`` of a file: empty when all is well."""
    conn = sqlite3.connect(read_only_uri(database_path), uri=True, timeout=30)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [
            f"row {r[1]} of {r[0]} points to a missing row of {r[2]}"
            for r in conn.execute("PRAGMA foreign_key_check")
        ]
        return problems
    finally:
        conn.close()


def restore_backup(database_path: Path, backup_path: Path) -> Path:
    """Replace the database's contents with a backup's.

    The backup is checked first; the current file is backed up (or, when it is too damaged
    for that, set aside as it is) before anything changes.  Returns that safety copy.
    Close every connection to the database first (``Database.dispose()``) and open it
    again afterwards, which also upgrades a backup taken by an older version.
    """
    check_backup(backup_path)
    safety: Path
    try:
        safety = take_backup(database_path, "before-restore")
        damaged = False
    except BackupError:
        if not database_path.exists():
            raise
        folder = backups_dir(database_path)
        _ensure_dir(folder)
        stamp = dt.datetime.now().strftime(STAMP_FORMAT)
        safety = folder / f"{database_path.stem}-{stamp}-damaged.db"
        shutil.copyfile(database_path, safety)  # a damaged file is kept byte for byte
        owner_only(safety)
        damaged = True
    if damaged:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(database_path) + suffix).unlink(missing_ok=True)
    try:
        source = sqlite3.connect(read_only_uri(backup_path), uri=True)
        try:
            destination = sqlite3.connect(str(database_path), timeout=30)
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode = WAL")
            finally:
                destination.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(
            f"{backup_path.name} could not be restored into {database_path} ({exc}); the "
            f"file as it was is kept in {safety}."
        ) from exc
    owner_only(database_path)
    return safety
