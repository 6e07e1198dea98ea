"""Opening bad files: each gives its sentence and leaves the file byte-for-byte unchanged."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from db import fileguard
from db.errors import DatabaseOpenError
from db.fileguard import (
    DamagedDatabaseError,
    LockedDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    ReadOnlyDatabaseError,
    UnsafeLocationError,
)
from db.records import PersonRecord
from db.repository import save_person
from db.session import Database, open_database


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_db(path: Path) -> Path:
    database = open_database(path, create=True)
    with database.write() as session:
        for n in range(40):
            save_person(session, PersonRecord(family_name=f"Person{n}", notes="x" * 500))
    database.dispose()
    return path


def zero_length(path: Path) -> None:
    path.write_bytes(b"")


def not_sqlite(path: Path) -> None:
    path.write_text("Name,Email\nCHEN Xiaogong,chen@example.org\n", encoding="utf-8")


def truncated(path: Path) -> None:
    make_db(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def damaged(path: Path) -> None:
    make_db(path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # Scribble over the b-tree pages after the schema page.
    for offset in range(page, len(data), page):
        data[offset : offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


def foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.close()


def newer_schema(path: Path) -> None:
    make_db(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()


BAD_FILES: dict[str, tuple[Callable[[Path], None], type[DatabaseOpenError], str]] = {
    "zero-length": (zero_length, DamagedDatabaseError, "is empty (0 bytes)"),
    "not sqlite": (not_sqlite, DamagedDatabaseError, "not an SQLite file"),
    "truncated": (truncated, DamagedDatabaseError, "is truncated"),
    "damaged": (damaged, DamagedDatabaseError, "is damaged"),
    "other sqlite": (foreign_sqlite, DamagedDatabaseError, "not a Forum Desk database"),
    "newer schema": (newer_schema, NewerSchemaError, "newer version of Forum Desk"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_refused_and_unchanged(tmp_path: Path, kind: str) -> None:
    make, error, fragment = BAD_FILES[kind]
    path = tmp_path / "records.db"
    make(path)
    before = checksum(path)
    with pytest.raises(error) as raised:
        open_database(path)
    message = str(raised.value)
    assert fragment in message
    assert str(path) in message
    assert "Traceback" not in message
    assert checksum(path) == before
    # The CLI says the same in one line.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "export-data",
            str(tmp_path / "out.json"),
            "-d",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert checksum(path) == before


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "records.db"
    folder.mkdir()
    with pytest.raises(DamagedDatabaseError, match="is a folder"):
        open_database(folder)
    assert list(folder.iterdir()) == []


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "moved.db"
    with pytest.raises(MissingDatabaseError, match="Locate the file, or create a new database"):
        open_database(path)
    assert not path.exists()


def test_read_only_file_is_refused_then_opens_read_only(tmp_path: Path) -> None:
    path = make_db(tmp_path / "records.db")
    path.chmod(0o400)
    before = checksum(path)
    with pytest.raises(ReadOnlyDatabaseError, match="Open it read-only"):
        open_database(path)
    database = open_database(path, read_only=True)
    try:
        with database.read() as session:
            from sqlalchemy import func, select

            from db.models import Person

            assert session.scalar(select(func.count()).select_from(Person)) == 40
        with pytest.raises(DatabaseOpenError, match="read-only"), database.write():
            pass
        with database.engine.connect() as connection, pytest.raises(Exception, match="readonly"):
            connection.exec_driver_sql("DELETE FROM person")
    finally:
        database.dispose()
    assert checksum(path) == before


def test_locked_file_gives_its_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_db(tmp_path / "records.db")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE person SET notes = 'held' WHERE id = 1")
    try:
        real = fileguard.check_file
        monkeypatch.setattr(
            fileguard, "check_file", lambda p, **kw: real(p, **{**kw, "timeout": 0.2})
        )
        with pytest.raises(LockedDatabaseError, match="locked by another program"):
            open_database(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize(
    ("mounts", "path", "fragment"),
    [
        ("srv:/export /mnt/team nfs4 rw 0 0\n", "/mnt/team/forumdesk.db", "network share (nfs4"),
        ("//nas/share /media/share cifs rw 0 0\n", "/media/share/a/b.db", "network share (cifs"),
        ("me@host: /home/u/remote fuse.sshfs rw 0 0\n", "/home/u/remote/x.db", "network share"),
        ("", "/home/u/OneDrive - Forum/forumdesk.db", "synced folder (OneDrive - Forum)"),
        ("", "/home/u/Dropbox/forumdesk.db", "synced folder (Dropbox)"),
        ("", "/home/u/Google Drive/forumdesk.db", "synced folder (Google Drive)"),
    ],
)
def test_network_shares_and_synced_folders_are_refused(
    mounts: str, path: str, fragment: str
) -> None:
    table = fileguard.parse_mounts("/dev/sda1 / ext4 rw 0 0\n" + mounts)
    with pytest.raises(UnsafeLocationError) as raised:
        fileguard.check_location(Path(path), table)
    assert fragment in str(raised.value)
    assert "shared-server mode" in str(raised.value) and "--database" in str(raised.value)


def test_local_paths_are_fine() -> None:
    table = fileguard.parse_mounts("/dev/sda1 / ext4 rw 0 0\nsrv:/x /mnt/team nfs rw 0 0\n")
    assert fileguard.unsafe_location(Path("/home/u/Documents/forumdesk.db"), table) is None
    assert fileguard.unsafe_location(Path("/mnt/teamwork/forumdesk.db"), table) is None


def test_connection_settings(database: Database) -> None:
    with database.write() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        # BEGIN IMMEDIATE: the write lock is held from the start of the transaction.
        other = sqlite3.connect(database.path, timeout=0, isolation_level=None)  # type: ignore[arg-type]
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_database_and_backups_are_owner_only(tmp_path: Path) -> None:
    from db.backup import take_backup

    path = tmp_path / "new.db"
    open_database(path, create=True).dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    backup = take_backup(path, "manual")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    assert os.stat(path).st_size > 0
