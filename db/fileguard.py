"""Checks on a database file before Forum Desk opens it — never modifying the file.

Every check reads only (``open(..., "rb")`` and SQLite's ``mode=ro``), so a refused file keeps
its exact bytes.  Each refusal is a :class:`~db.errors.DatabaseOpenError` subclass whose text
is one sentence naming the file and the next step; the GUI tells the kinds apart by class:

* :class:`MissingDatabaseError` — offer "Locate…" or "Create a new database…";
* :class:`ReadOnlyDatabaseError` — offer "Open read-only";
* :class:`LockedDatabaseError` — another program holds the file; offer to try again;
* :class:`DamagedDatabaseError` — offer File → Backups (restore a backup);
* :class:`NewerSchemaError` — update Forum Desk or open another file;
* :class:`UnsafeLocationError` — network share or synced folder: use a database server.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from db.errors import DatabaseOpenError

SQLITE_HEADER = b"SQLite format 3\x00"
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "fuse.sshfs",
        "sshfs",
        "afpfs",
        "ncpfs",
        "9p",
        "fuse.rclone",
        "davfs",
        "fuse.davfs2",
        "webdav",
        "fuse.gvfsd-fuse",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.ceph",
    }
)
SYNCED_FOLDER_NAMES = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "icloud drive",
    "icloud",
    "mobile documents",
    "box sync",
    "pcloud drive",
    "nextcloud",
    "owncloud",
    "my drive",
    "sync.com",
    "mega",
)
SERVER_ADVICE = (
    "Several people sharing one database should use the shared-server mode instead: "
    "start Forum Desk with --database and a database server URL "
    "(for example postgresql://server/forumdesk)."
)


class MissingDatabaseError(DatabaseOpenError):
    """The file does not exist (it was moved, renamed or deleted)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"There is no database at {path}: it may have been moved, renamed or deleted. "
            f"Locate the file, or create a new database (forumdesk init {path})."
        )


class ReadOnlyDatabaseError(DatabaseOpenError):
    """The file (or its folder) cannot be written; it can still be opened read-only."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"{path} cannot be changed ({reason}). Open it read-only to look at it, or copy "
            "it to a folder where you may write."
        )


class LockedDatabaseError(DatabaseOpenError):
    """Another program holds an exclusive lock on the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is locked by another program that is writing to it. Close that program "
            "(or wait until it finishes) and try again, or open another file."
        )


class DamagedDatabaseError(DatabaseOpenError):
    """Not a usable Forum Desk database: damaged, truncated, empty or another kind of file."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(message)


class NewerSchemaError(DatabaseOpenError):
    """Written by a newer Forum Desk (an Alembic revision this version does not know)."""

    def __init__(self, path_or_name: str, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"{path_or_name} was written by a newer version of Forum Desk (schema "
            f"{revision}). Update Forum Desk to open it, or open another file; it was not "
            "changed."
        )


class UnsafeLocationError(DatabaseOpenError):
    """The file lies on a network share or in a synced folder."""

    def __init__(self, path: Path, where: str) -> None:
        self.path = path
        super().__init__(
            f"{path} is on {where}; SQLite database files there get corrupted when two "
            f"computers write at once. Move it to a local folder. {SERVER_ADVICE}"
        )


# Location ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mount:
    mount_point: str
    fs_type: str
    source: str


def _unescape_mount(text: str) -> str:
    # /proc/mounts escapes space, tab, newline and backslash as octal.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        text = text.replace(code, char)
    return text


def parse_mounts(text: str) -> list[Mount]:
    mounts: list[Mount] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append(Mount(_unescape_mount(fields[1]), fields[2], _unescape_mount(fields[0])))
    return mounts


def read_mounts() -> list[Mount]:
    try:
        return parse_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []  # not Linux: only the synced-folder check applies


def mount_of(path: Path, mounts: Iterable[Mount]) -> Mount | None:
    """The mount holding ``path`` (the longest mount point that contains it)."""
    text = str(path)
    best: Mount | None = None
    for mount in mounts:
        point = mount.mount_point.rstrip("/") or "/"
        inside = text == point or text.startswith(point + "/") or point == "/"
        if inside and (best is None or len(point) >= len(best.mount_point.rstrip("/") or "/")):
            best = mount
    return best


def unsafe_location(path: Path, mounts: Iterable[Mount] | None = None) -> str | None:
    """Why ``path`` is an unsafe place for an SQLite file ("a network share (nfs)"), or None."""
    resolved = Path(os.path.realpath(path))
    mount = mount_of(resolved, read_mounts() if mounts is None else mounts)
    if mount is not None:
        fs = mount.fs_type.lower()
        if (
            fs in NETWORK_FS_TYPES
            or fs.split(".")[-1] in NETWORK_FS_TYPES
            or (mount.source.startswith("//"))
        ):
            return f"a network share ({mount.fs_type} at {mount.mount_point})"
    for part in resolved.parts[:-1]:
        lowered = part.lower()
        for name in SYNCED_FOLDER_NAMES:
            if lowered == name or lowered.startswith(name + " ") or lowered.startswith(name + "-"):
                return f"a synced folder ({part})"
    return None


def check_location(path: Path, mounts: Iterable[Mount] | None = None) -> None:
    where = unsafe_location(path, mounts)
    if where is not None:
        raise UnsafeLocationError(path, where)


# The file itself -----------------------------------------------------------------------


def read_only_uri(path: Path) -> str:
    return path.absolute().as_uri() + "?mode=ro"


def check_file(path: Path, *, known_revisions: Iterable[str], timeout: float = 2.0) -> str:
    """Refuse, without modifying it, a file that is not a usable Forum Desk database.

    Returns its Alembic revision.  ``read_only`` problems are reported last, so that a
    damaged read-only file is called damaged.
    """
    if not path.exists():
        raise MissingDatabaseError(path)
    if path.is_dir():
        raise DamagedDatabaseError(
            path, f"{path} is a folder, not a Forum Desk database file. Choose the .db file."
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except PermissionError as exc:
        raise DamagedDatabaseError(
            path, f"{path} cannot be read: you do not have permission to open it."
        ) from exc
    if size == 0:
        raise DamagedDatabaseError(
            path,
            f"{path} is empty (0 bytes), so it is not a Forum Desk database. Restore a backup "
            "(File → Backups), or create a new database with File → New database.",
        )
    if header[:16] != SQLITE_HEADER:
        raise DamagedDatabaseError(
            path,
            f"{path} is not a Forum Desk database (it is not an SQLite file). Open another "
            "file, or restore a backup (File → Backups).",
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_size and page_count and size < page_size * page_count and not _has_wal(path):
        raise DamagedDatabaseError(
            path,
            f"{path} is truncated (it is shorter than its own header says). Restore a backup "
            "(File → Backups), or open another file.",
        )
    revision = _inspect(path, timeout)
    known = set(known_revisions)
    if revision is not None and revision not in known:
        raise NewerSchemaError(str(path), revision)
    return revision or ""


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _damaged(path: Path, detail: str) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        path,
        f"{path} is damaged ({detail}). Restore a backup (File → Backups), or open another "
        "file; it was not changed.",
    )


def _inspect(path: Path, timeout: float) -> str | None:
    """Quick integrity check and the Alembic revision, on a read-only connection."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=timeout)
    except sqlite3.Error as exc:
        raise _damaged(path, str(exc)) from exc
    try:
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise LockedDatabaseError(path) from exc
            raise _damaged(path, str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise _damaged(path, str(exc)) from exc
        if not result or result[0][0] != "ok":
            first = result[0][0] if result else "no answer"
            raise _damaged(path, f"integrity check: {first}")
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            raise DamagedDatabaseError(
                path,
                f"{path} is an SQLite file but not a Forum Desk database. Open another file.",
            )
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from exc
    finally:
        conn.close()


def writable_problem(path: Path) -> str | None:
    """Why SQLite could not write the file (it also needs its folder for the journal)."""
    # The permission bits count too: an administrator may write anything, but a file
    # someone marked read-only is meant to stay unchanged.
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK | os.X_OK) or not path.parent.stat().st_mode & 0o222:
        return f"its folder {path.parent} is read-only"
    return None


def check_writable(path: Path) -> None:
    problem = writable_problem(path)
    if problem is not None:
        raise ReadOnlyDatabaseError(path, problem)


def owner_only(path: Path) -> None:
    """Make a file holding personal data readable by its owner only (best effort)."""
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
