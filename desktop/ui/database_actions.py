"""Opening, creating and switching database files, and importing/exporting data — with a
clear way forward for every problem.

``open_or_explain`` is the one path by which the app opens a database (at start, File →
Open, Open Recent, New Database): each :mod:`db.fileguard` refusal gets its sentence and the
next steps that make sense for it, never a silently created empty file:

* missing → Locate… / New Database… / Cancel;
* read-only → Open Read-Only / Cancel;
* damaged → Restore a Backup… (when there is one) / Open Another File… / Cancel;
* locked by another program → Try Again / Open Another File… / Cancel;
* on a network share or in a synced folder → the sentence (with the server advice);
* held by another Forum Desk → who holds it, and Open Read-Only (see :mod:`desktop.ui.lock`).

Every question goes through :mod:`desktop.ui.dialogs`, the seam tests patch.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from db import backup
from db.errors import ForumDeskError
from db.fileguard import (
    DamagedDatabaseError,
    LockedDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    ReadOnlyDatabaseError,
    UnsafeLocationError,
    writable_problem,
)
from db.session import ENV_DATABASE, Database, default_database_path, open_database, sqlite_path
from db.session import to_url as _to_url
from desktop.ui import dialogs
from desktop.ui.lock import DatabaseInUse, DatabaseLock, open_with_lock

DATABASE_FILTER = "Forum Desk databases (*.db *.sqlite *.forumdesk);;All files (*)"
EXCHANGE_FILTER = "Forum Desk exchange files (*.json);;All files (*)"
RECENT_KEY = "recent/files"
RECENT_LIMIT = 8

LOCATE = "Locate…"
NEW_DATABASE = "New Database…"
OPEN_READ_ONLY = "Open Read-Only"
RESTORE_BACKUP = "Restore a Backup…"
OPEN_ANOTHER = "Open Another File…"
TRY_AGAIN = "Try Again"
REMOVE_FROM_LIST = "Remove from List"

CANNOT_OPEN = "Forum Desk cannot open the database"


@dataclass
class OpenedDatabase:
    """An open database and, for a file opened for editing, the lock held on it."""

    database: Database
    lock: DatabaseLock | None = None

    def close(self) -> None:
        self.database.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _initial_folder(path: Path | None) -> str:
    if path is not None and path.parent.is_dir():
        return str(path.parent)
    return str(Path.home())


def _with_suffix(name: str) -> Path:
    path = Path(name).expanduser()
    return path if path.suffix else path.with_suffix(".db")


# Opening --------------------------------------------------------------------------------


def open_or_explain(
    parent: QWidget | None,
    database_arg: str | os.PathLike[str] | None,
    *,
    create: bool = False,
    demo: bool = False,
) -> OpenedDatabase | None:
    """Open a database (``None``: ``$FORUMDESK_DATABASE`` or the default file), asking the
    user what to do about any problem; None when nothing was opened."""
    if database_arg is None:
        env = os.environ.get(ENV_DATABASE)
        database_arg = env or default_database_path()
        create = create or not env
    target: str | os.PathLike[str] = database_arg
    read_only = False
    for _attempt in range(20):  # each answer leads somewhere else; never loop forever
        try:
            opened = _open(parent, target, create=create or demo, read_only=read_only)
        except DatabaseInUse:
            return None  # the user declined read-only: nothing more to say
        except MissingDatabaseError as exc:
            choice = dialogs.ask_choice(
                parent,
                CANNOT_OPEN,
                missing_sentence(exc.path),
                [LOCATE, NEW_DATABASE],
                default=LOCATE,
            )
            if choice == LOCATE:
                found = dialogs.get_open_file_name(
                    parent, "Locate the Database", _initial_folder(exc.path), DATABASE_FILTER
                )
                if found is None:
                    return None
                target, create, read_only = found, False, False
                continue
            if choice == NEW_DATABASE:
                return new_database(parent, exc.path.parent)
            return None
        except ReadOnlyDatabaseError as exc:
            if not dialogs.confirm(parent, CANNOT_OPEN, str(exc), OPEN_READ_ONLY):
                return None
            target, read_only = exc.path, True
            continue
        except DamagedDatabaseError as exc:
            actions = [OPEN_ANOTHER]
            if exc.path.is_file() and backup.list_backups(exc.path):
                actions.insert(0, RESTORE_BACKUP)
            choice = dialogs.ask_choice(parent, CANNOT_OPEN, str(exc), actions, default=actions[0])
            if choice == RESTORE_BACKUP:
                if not restore_damaged(parent, exc.path):
                    return None
                target, create, read_only = exc.path, False, False
                continue
            if choice == OPEN_ANOTHER:
                found = choose_database_file(parent, exc.path)
                if found is None:
                    return None
                target, create, read_only = found, False, False
                continue
            return None
        except LockedDatabaseError as exc:
            choice = dialogs.ask_choice(
                parent, CANNOT_OPEN, str(exc), [TRY_AGAIN, OPEN_ANOTHER], default=TRY_AGAIN
            )
            if choice == TRY_AGAIN:
                continue
            if choice == OPEN_ANOTHER:
                found = choose_database_file(parent, exc.path)
                if found is None:
                    return None
                target, create, read_only = found, False, False
                continue
            return None
        except (NewerSchemaError, UnsafeLocationError, ForumDeskError) as exc:
            dialogs.error(parent, CANNOT_OPEN, str(exc))
            return None
        if demo and not _load_demo(parent, opened):
            return None
        return opened
    return None


def missing_sentence(path: Path) -> str:
    """The GUI's words for a missing file (the db's sentence names the CLI command)."""
    return (
        f"There is no database at {path}: it may have been moved, renamed or deleted. "
        "Locate the file, or create a new database."
    )


def _open(
    parent: QWidget | None,
    target: str | os.PathLike[str],
    *,
    create: bool,
    read_only: bool,
) -> OpenedDatabase:
    """Lock (for a file opened for editing), then open; the lock is released on failure."""
    path = sqlite_path(_to_url(target))
    lock: DatabaseLock | None = None
    if path is not None and not read_only:
        path = path.absolute()
        if not path.exists() and not create:
            raise MissingDatabaseError(path)
        lockable = not path.exists() or (path.is_file() and writable_problem(path) is None)
        if path.parent.is_dir() and lockable:
            try:
                held = open_with_lock(parent, path)
            except DatabaseInUse:
                raise
            except ForumDeskError as exc:
                # No lock file can be made next to it: it can still be looked at.
                raise ReadOnlyDatabaseError(path, "it cannot be locked for editing") from exc
            if held is None:
                read_only = True  # another Forum Desk has it; the user chose read-only
            lock = held
    try:
        database = open_database(target, create=create and not read_only, read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return OpenedDatabase(database, lock)


def _load_demo(parent: QWidget | None, opened: OpenedDatabase) -> bool:
    from desktop.cli import freezer
    from desktop.exchange.demo import load_demo

    try:
        load_demo(opened.database, freezer())
    except ForumDeskError as exc:
        opened.close()
        dialogs.error(parent, "The demo data was not loaded", str(exc))
        return False
    return True


def choose_database_file(parent: QWidget | None, near: Path | None = None) -> str | None:
    return dialogs.get_open_file_name(
        parent, "Open Database", _initial_folder(near), DATABASE_FILTER
    )


def new_database(parent: QWidget | None, folder: Path | None = None) -> OpenedDatabase | None:
    """File → New Database…: ask for a new file name and create an empty database there
    (an existing file is never replaced)."""
    start = str((folder or Path.home()) / "forumdesk.db")
    name = dialogs.get_save_file_name(parent, "New Database", start, DATABASE_FILTER)
    if name is None:
        return None
    path = _with_suffix(name)
    if path.exists():
        dialogs.error(
            parent,
            "No database was created",
            f"{path} already exists; choose a new file name (nothing was changed). To open "
            "it, use File → Open Database.",
        )
        return None
    return open_or_explain(parent, path, create=True)


def restore_damaged(parent: QWidget | None, path: Path) -> bool:
    """Replace a damaged file with one of its backups (the damaged file is kept aside)."""
    chosen = dialogs.choose_backup(parent, path)
    if chosen is None:
        return False
    try:
        backup.restore_backup(path, chosen)
    except ForumDeskError as exc:
        dialogs.error(parent, "The backup was not restored", str(exc))
        return False
    return True


# Recent files ----------------------------------------------------------------------------


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):
        return [value] if value else []
    if not isinstance(value, (list, tuple)):
        return []
    return [str(v) for v in value if str(v)]


def remember(settings: QSettings, database: Database) -> None:
    """Put an opened database file at the top of File → Open Recent."""
    if database.path is None:
        return
    path = str(database.path.absolute())
    files = [path, *(f for f in recent_files(settings) if f != path)][:RECENT_LIMIT]
    settings.setValue(RECENT_KEY, files)


def forget(settings: QSettings, path: str) -> None:
    settings.setValue(RECENT_KEY, [f for f in recent_files(settings) if f != path])


def open_recent(parent: QWidget | None, settings: QSettings, path: str) -> OpenedDatabase | None:
    """Open a file from the recent list; a file that is gone says so and offers to locate
    it or to take it off the list."""
    if not Path(path).exists():
        choice = dialogs.ask_choice(
            parent,
            "Database not found",
            f"{path} is no longer there: it may have been moved, renamed or deleted.",
            [LOCATE, REMOVE_FROM_LIST],
            default=LOCATE,
        )
        if choice == REMOVE_FROM_LIST:
            forget(settings, path)
            return None
        if choice != LOCATE:
            return None
        found = dialogs.get_open_file_name(
            parent, "Locate the Database", _initial_folder(Path(path)), DATABASE_FILTER
        )
        if found is None:
            return None
        opened = open_or_explain(parent, found)
        if opened is not None:
            forget(settings, path)
        return opened
    return open_or_explain(parent, path)


# Import and export -----------------------------------------------------------------------


def import_data(parent: QWidget | None, database: Database) -> str | None:
    """File → Import Data…: add the records of an exchange file, all or nothing.  The
    database is backed up first; problems are listed and nothing is written.  Returns a
    summary sentence, or None when nothing was imported."""
    from desktop.cli import freezer
    from desktop.exchange.json_format import ImportProblems
    from desktop.exchange.json_format import import_data as run_import

    if database.read_only:
        dialogs.error(
            parent,
            "Nothing was imported",
            f"{database.display_name} is open read-only; nothing can be imported into it.",
        )
        return None
    name = dialogs.get_open_file_name(parent, "Import Data", str(Path.home()), EXCHANGE_FILTER)
    if name is None:
        return None
    path = Path(name)
    try:
        if database.path is not None:
            backup.take_backup(database.path, "before-import")
        summary = run_import(database, path, freezer())
    except ImportProblems as exc:
        count = len(exc.problems)
        dialogs.show_problems(
            parent,
            "Nothing was imported",
            f"{path.name} was not imported: {count} problem{'s' if count != 1 else ''} "
            "need correcting in the file. Nothing was changed.",
            exc.problems,
        )
        return None
    except (ForumDeskError, OSError) as exc:
        dialogs.error(parent, "Nothing was imported", _sentence(exc))
        return None
    return f"Imported {summary} from {path.name}."


def export_data(parent: QWidget | None, database: Database) -> str | None:
    """File → Export Data…: every record into an exchange file; a summary or None."""
    from desktop.exchange.json_format import export_data as run_export

    start = Path.home() / f"{(database.path.stem if database.path else 'forumdesk')}.json"
    name = dialogs.get_save_file_name(parent, "Export Data", str(start), EXCHANGE_FILTER)
    if name is None:
        return None
    path = Path(name).expanduser()
    if not path.suffix:
        path = path.with_suffix(".json")
    try:
        summary = run_export(database, path)
    except (ForumDeskError, OSError) as exc:
        dialogs.error(parent, "Nothing was exported", _sentence(exc))
        return None
    return f"Exported {summary} to {path.name}."


def _sentence(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"The file could not be used{where}: {exc.strerror or exc}."
    return str(exc)
