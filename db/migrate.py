"""Schema upgrades through Alembic, with a backup copy before an existing file changes."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.errors import DatabaseOpenError
from db.session import Database, backup_sqlite, timestamp

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(database: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    return config


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_revision(database: Database) -> str | None:
    """The file's revision; refuses one written by a newer Forum Desk."""
    revision = current_revision(database)
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    if revision is not None:
        try:
            script.get_revision(revision)
        except Exception as exc:
            raise DatabaseOpenError(
                f"{database.display_name} was written by a newer version of Forum Desk "
                f"(schema {revision}). Update Forum Desk, or open another file."
            ) from exc
    elif _has_foreign_tables(database):
        raise DatabaseOpenError(
            f"{database.display_name} is an SQLite file but not a Forum Desk database. "
            "Open another file."
        )
    return revision


def _has_foreign_tables(database: Database) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(database.engine).get_table_names())


def upgrade_to_head(database: Database) -> list[Path]:
    """Bring the schema to head.  Returns the backups made (one per upgraded file)."""
    revision = check_revision(database)
    head = head_revision()
    if revision == head:
        return []
    backups: list[Path] = []
    if revision is not None and database.path is not None:
        target = database.path.with_name(
            f"{database.path.stem}.before-upgrade-{timestamp()}{database.path.suffix or '.db'}"
        )
        backups.append(backup_sqlite(database.path, target))
    with database.engine.begin() as connection:
        config = alembic_config(database)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backups
