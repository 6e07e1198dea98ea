"""Schema upgrades through Alembic: a backup first, foreign keys off, checks afterwards.

SQLite cannot alter most columns, so Alembic's batch mode copies a table, drops the old one
and renames the copy.  With foreign keys on, dropping a parent table with ``ON DELETE
CASCADE`` children silently deletes the children; so an upgrade runs with foreign keys off
(a pragma that only works outside a transaction) and, before committing, runs
``foreign_key_check`` and ``integrity_check`` — any problem rolls the whole upgrade back.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from db.errors import DatabaseOpenError
from db.fileguard import NewerSchemaError
from db.session import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(database: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    return config


def _script() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def known_revisions() -> list[str]:
    return [rev.revision for rev in _script().walk_revisions()]


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_revision(database: Database) -> str | None:
    """The file's revision; refuses one written by a newer Forum Desk."""
    revision = current_revision(database)
    if revision is not None:
        if revision not in known_revisions():
            raise NewerSchemaError(database.display_name, revision)
    elif _has_foreign_tables(database):
        raise DatabaseOpenError(
            f"{database.display_name} is a database but not a Forum Desk database. "
            "Open another file."
        )
    return revision


def _has_foreign_tables(database: Database) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(database.engine).get_table_names())


def _raw_execute(connection: Connection, sql: str) -> None:
    """Run ``sql`` on the driver connection, outside any transaction SQLAlchemy began."""
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(sql)


def upgrade_to_head(database: Database) -> list[Path]:
    """Bring the schema to head.  Returns the backups made (one per upgraded file)."""
    revision = check_revision(database)
    if revision == head_revision():
        return []
    backups: list[Path] = []
    if revision is not None and database.path is not None:
        from db.backup import take_backup

        backups.append(take_backup(database.path, "before-upgrade"))
    run_with_foreign_keys_off(database, lambda connection: _alembic_upgrade(database, connection))
    return backups


def _alembic_upgrade(database: Database, connection: Connection) -> None:
    config = alembic_config(database)
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def run_with_foreign_keys_off(database: Database, change: object) -> None:
    """Run ``change(connection)`` in one transaction with foreign keys off, then check.

    On SQLite, a ``foreign_key_check`` or ``integrity_check`` problem rolls everything back
    and raises :class:`DatabaseOpenError`; other databases just run the change.
    """
    assert callable(change)
    sqlite = database.engine.dialect.name == "sqlite"
    with database.engine.connect() as connection:
        if sqlite:
            # Outside a transaction, or SQLite ignores the pragma.
            _raw_execute(connection, "PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                change(connection)
                if sqlite:
                    problems = _check(connection)
                    if problems:
                        raise DatabaseOpenError(
                            f"Upgrading {database.display_name} would damage it "
                            f"({'; '.join(problems[:3])}); nothing was changed. Please report "
                            "this to whoever supports Forum Desk."
                        )
        finally:
            if sqlite:
                _raw_execute(connection, "PRAGMA foreign_keys = ON")


def _check(connection: Connection) -> list[str]:
    problems = [
        f"row {row[1]} of {row[0]} points to a missing row of {row[2]}"
        for row in connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    ]
    problems += [
        str(row[0])
        for row in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        if row[0] != "ok"
    ]
    return problems
