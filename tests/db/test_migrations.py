"""The schema is made only by migrations; they reach head and match the models."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from db.errors import DatabaseOpenError
from db.migrate import current_revision, head_revision
from db.models import Base
from db.session import Database, open_database


def test_new_database_is_at_head(database: Database) -> None:
    assert current_revision(database) == head_revision()


def test_migrations_match_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_new_database_has_foreign_keys_and_wal(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_new_database_is_seeded_with_house_style_and_honorifics(database: Database) -> None:
    from db import repository

    with database.read() as session:
        assert "Professor" in repository.honorifics(session)
        assert repository.get_house_style(session).serial_comma is True


def test_missing_file_is_never_created(tmp_path: Path) -> None:
    target = tmp_path / "typo.db"
    with pytest.raises(DatabaseOpenError, match="There is no database at"):
        open_database(target)
    assert not target.exists()


def test_file_from_a_newer_forum_desk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    database = open_database(path, create=True)
    database.dispose()
    # A revision this Forum Desk does not know: written by a newer version.
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        for table in tables:
            conn.execute(f'DROP TABLE "{table}"')
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    with pytest.raises(DatabaseOpenError, match="newer version of Forum Desk"):
        open_database(path)
