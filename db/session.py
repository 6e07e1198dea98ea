"""Opening a Forum Desk database: location, connection settings, migrations, sessions.

One short session per user action (open, save, delete, import): ``db.read()`` for looking,
``db.write()`` for changing.  Functions elsewhere in ``db`` take the session as their
first argument and never commit; ``write()`` commits or rolls back.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db.errors import ConflictError, DatabaseOpenError

APP_NAME = "ForumDesk"
BUSY_TIMEOUT_MS = 5000
ENV_DATABASE = "FORUMDESK_DATABASE"


def data_dir() -> Path:
    """The user's data directory for Forum Desk (created on demand)."""
    override = os.environ.get("FORUMDESK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "forumdesk.db"


def demo_database_path() -> Path:
    """The demo runs on a database of its own, never the user's real one."""
    return data_dir() / "demo.db"


def to_url(path_or_url: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a file path or an URL given as text."""
    text = os.fspath(path_or_url)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().absolute())


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    database = parsed.database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 would otherwise open transactions itself; we issue BEGIN ourselves.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
    del mode  # in-memory databases answer "memory"; that is fine
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_begin(connection: Any) -> None:
    # Writes begin IMMEDIATE: a deferred read-then-write transaction fails at once with
    # "database is locked" under a second writer, whatever the busy timeout.
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    path = sqlite_path(url) if read_only else None
    if path is not None:
        # mode=ro: SQLite itself refuses every write, and never creates the file.
        uri = path.absolute().as_uri() + "?mode=ro"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)

        engine = create_engine("sqlite://", creator=connect, future=True)
    else:
        engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_connect_read_only if read_only else _on_connect)
        event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


class Database:
    """An open Forum Desk database: an engine and the two kinds of session.

    Every write session records what it changes in ``change_log`` (:mod:`db.history`).
    """

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        from db import history

        self.url = url
        self.read_only = read_only
        self.engine = make_engine(url, read_only=read_only)
        self.path = sqlite_path(url)
        write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._read_factory = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._write_factory = sessionmaker(bind=write_engine, expire_on_commit=False)
        history.install(self._write_factory)

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; whatever it changes is rolled back."""
        session = self._read_factory()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        if self.read_only:
            raise DatabaseOpenError(
                f"{self.display_name} is open read-only; changes cannot be saved."
            )
        session = self._write_factory()
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError(
                "This record was changed elsewhere while you were saving; your changes "
                "were not saved. Reload to see the other changes, or keep editing."
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    path_or_url: str | os.PathLike[str] | None = None,
    *,
    create: bool = False,
    upgrade: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (and bring up to date) a Forum Desk database.

    ``None`` means ``$FORUMDESK_DATABASE`` or else the default file in the user's data
    directory, which is created on first start.  Any other path that does not exist is an
    error (:class:`db.fileguard.MissingDatabaseError`) unless ``create`` is set: a mistyped
    path never silently creates an empty database.  An existing file is checked without
    being modified (:func:`db.fileguard.check_file`); each kind of bad file raises its own
    :class:`DatabaseOpenError` subclass.  ``read_only`` opens with SQLite's ``mode=ro``.
    """
    from db import fileguard, migrate  # local: alembic is only needed when opening

    if path_or_url is None:
        env = os.environ.get(ENV_DATABASE)
        if env:
            path_or_url = env
        else:
            path_or_url = default_database_path()
            create = True
    url = to_url(path_or_url)
    try:
        make_url(url)
    except Exception as exc:
        raise DatabaseOpenError(
            f"‘{path_or_url}’ is neither a file path nor a database URL."
        ) from exc
    path = sqlite_path(url)
    created = False
    if path is not None:
        if not path.exists() and not path.is_symlink():
            if not create or read_only:
                raise fileguard.MissingDatabaseError(path)
            if not path.parent.is_dir():
                raise DatabaseOpenError(f"The folder {path.parent} does not exist.")
            fileguard.check_location(path)
            try:
                # Created owner-only: the database holds personal data.
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except OSError as exc:
                raise DatabaseOpenError(f"{path} cannot be created ({exc.strerror}).") from exc
            os.close(fd)
            created = True
        else:
            fileguard.check_location(path)
            revision = fileguard.check_file(path, known_revisions=migrate.known_revisions())
            if not read_only:
                fileguard.check_writable(path)
            elif revision != migrate.head_revision():
                raise DatabaseOpenError(
                    f"{path} was written by an older version of Forum Desk and must be "
                    "upgraded before it can be read, which needs write access. Open a copy "
                    "in a folder where you may write."
                )
    try:
        database = Database(url, read_only=read_only)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise DatabaseOpenError(
            f"Forum Desk cannot use the database ‘{path_or_url}’: its driver is not "
            f"installed or the address is not understood ({exc})."
        ) from exc
    try:
        if upgrade and not read_only:
            migrate.upgrade_to_head(database)
        else:
            migrate.check_revision(database)
    except BaseException as exc:
        database.dispose()
        if created and path is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        if isinstance(exc, (OperationalError, SADatabaseError)):
            raise DatabaseOpenError(
                f"{database.display_name} cannot be opened: {exc.orig}."
            ) from exc
        raise
    return database


def table_names(database: Database) -> list[str]:
    return inspect(database.engine).get_table_names()
