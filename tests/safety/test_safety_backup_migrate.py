"""Backups (taken under load, thinned, restored) and upgrades that keep every row."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, String

from db import backup, migrate
from db.errors import DatabaseOpenError
from db.fileguard import DamagedDatabaseError
from db.session import Database, open_database

WRITER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
print("writing", flush=True)
n = 0
while True:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO honorific (text, sort_order) VALUES (?, ?)", (f"H{n}", n))
    conn.execute("UPDATE person SET notes = ? WHERE id = 1", ("y" * (n % 3000),))
    conn.execute("COMMIT")
    n += 1
"""


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
            )
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()


def test_backup_while_another_process_writes_is_sound_and_restores(
    demo_database: Database,
) -> None:
    path = demo_database.path
    assert path is not None
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        copies = [backup.take_backup(path, "periodic") for _ in range(3)]
    finally:
        writer.kill()
        writer.wait()
        assert writer.stdout is not None
        writer.stdout.close()
    for copy in copies:
        assert backup.integrity_problems(copy) == []
        assert backup.check_backup(copy) == migrate.head_revision()
    chosen = copies[1]
    expected = _dump(chosen)
    demo_database.dispose()
    safety = backup.restore_backup(path, chosen)
    assert safety.name.endswith("-before-restore.db") and safety.exists()
    assert _dump(path) == expected
    reopened = open_database(path)
    reopened.dispose()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(database: Database) -> None:
    path = database.path
    assert path is not None
    bad = backup.backups_dir(path) / f"{path.stem}-20240101-000000-000000-manual.db"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabaseError):
        backup.restore_backup(path, bad)
    assert path.read_bytes() == before


def test_thinning_keeps_recent_daily_weekly_monthly(tmp_path: Path) -> None:
    now = dt.datetime(2025, 6, 30, 12, 0)
    path = tmp_path / "f.db"
    folder = backup.backups_dir(path)
    folder.mkdir()
    stamps = [now - dt.timedelta(hours=6 * n) for n in range(4 * 400)]  # 4 a day for 400 days
    for stamp in stamps:
        name = f"f-{stamp.strftime(backup.STAMP_FORMAT)}-periodic.db"
        (folder / name).write_bytes(b"")
    removed = backup.thin(path, now)
    kept = backup.list_backups(path)
    assert len(kept) + len(removed) == len(stamps)
    assert len(kept) < 60
    kept_times = {b.taken_at for b in kept}
    assert set(stamps[: backup.KEEP_RECENT]) <= kept_times  # the newest ten
    days = {t.date() for t in kept_times}
    for n in range(backup.KEEP_DAYS):
        assert (now - dt.timedelta(days=n)).date() in days  # one a day for two weeks
    months = {(t.year, t.month) for t in kept_times}
    assert len(months) >= 12
    assert min(kept_times) > now - dt.timedelta(days=31 * backup.KEEP_MONTHS + 1)


def _seed_at_base(path: Path) -> Database:
    """A database at revision 0001 (the first release) holding the demo data.

    The demo is loaded at head and the file then migrated down to 0001, so the seed does
    not depend on today's models matching the old schema (and the downgrades run too)."""
    from desktop.cli import freezer
    from desktop.exchange.demo import load_demo

    database = open_database(path, create=True)
    load_demo(database, freezer())

    def downgrade(connection: Connection) -> None:
        config = migrate.alembic_config(database)
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")

    migrate.run_with_foreign_keys_off(database, downgrade)
    return database


def _dump_as(
    path: Path, like: dict[str, list[tuple[object, ...]]], old: Path
) -> dict[str, list[tuple[object, ...]]]:
    """The rows of ``path`` restricted to the columns each table had in the ``old`` file."""
    conn = sqlite3.connect(path)
    old_conn = sqlite3.connect(old)
    try:
        out = {}
        for table in like:
            columns = [r[1] for r in old_conn.execute(f'PRAGMA table_info("{table}")')]
            names = ", ".join(f'"{c}"' for c in columns)
            out[table] = sorted(conn.execute(f'SELECT {names} FROM "{table}"').fetchall(), key=repr)
        return out
    finally:
        conn.close()
        old_conn.close()


def test_upgrade_keeps_every_row_and_backs_up_first(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = _seed_at_base(path)
    assert migrate.current_revision(old) == "0001"
    old.dispose()
    before = _dump(path)
    assert sum(len(rows) for rows in before.values()) > 50
    database = open_database(path)
    try:
        assert migrate.current_revision(database) == migrate.head_revision() != "0001"
    finally:
        database.dispose()
    taken = backup.list_backups(path)
    assert [b.reason for b in taken] == ["before-upgrade"]
    assert _dump(taken[0].path) == before
    # Every row of every table survived, with the values it had (new columns aside).
    assert _dump_as(path, before, taken[0].path) == before
    with sqlite3.connect(path) as conn:
        stamps = conn.execute(
            "SELECT count(*) FROM honorific WHERE created_at IS NOT NULL"
        ).fetchone()
    assert stamps[0] == len(before["honorific"]) > 0


def _recreate_person_table(connection: Connection) -> None:
    """What a batch migration does to a parent table: copy, drop, rename."""
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    ops = Operations(MigrationContext.configure(connection))
    with ops.batch_alter_table("person", recreate="always") as batch:
        batch.alter_column("phone", existing_type=String(60), nullable=True)


def test_batch_migration_runs_with_foreign_keys_off(demo_database: Database) -> None:
    path = demo_database.path
    assert path is not None
    before = _dump(path)
    assert before["position"]
    migrate.run_with_foreign_keys_off(demo_database, _recreate_person_table)
    # With foreign keys on, dropping "person" would have cascaded into "position".
    assert _dump(path)["position"] == before["position"]
    with demo_database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_migration_that_breaks_links_is_rolled_back(demo_database: Database) -> None:
    path = demo_database.path
    assert path is not None
    before = _dump(path)

    def breaks(connection: Connection) -> None:
        connection.exec_driver_sql("DELETE FROM person")

    with pytest.raises(DatabaseOpenError, match="would damage it"):
        migrate.run_with_foreign_keys_off(demo_database, breaks)
    assert _dump(path) == before
