"""The ``forumdesk`` command: opens the app, or runs one task on a database and exits.

Every failure a user can cause (bad arguments, missing or malformed files, unreadable
databases) ends with one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from db.errors import ForumDeskError
from db.session import Database, demo_database_path, open_database
from desktop import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

log = logging.getLogger("forumdesk")

# Subcommands added by other parts of the app: name -> (configure parser, run).
Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and the exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _database_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # Subcommands repeat the option; SUPPRESS keeps them from resetting a value given
    # before the command ("forumdesk -d x.db demo").
    parser.add_argument(
        "--database",
        "-d",
        metavar="PATH_OR_URL",
        default=None if top else argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: $FORUMDESK_DATABASE, "
        "else forumdesk.db in your data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="forumdesk",
        description="Forum Desk: events, people, organizations and press releases "
        "for a policy forum's secretariat. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _database_option(parser, top=True)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a separate demo database filled with sample records "
        "(your own database is not touched)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", help="create a new, empty database file")
    init.add_argument("path", metavar="PATH", help="where to create the database file")

    demo = commands.add_parser("demo", help="load the demo data into the database")
    _database_option(demo)

    export = commands.add_parser("export-data", help="write all data to a JSON file")
    export.add_argument("file", metavar="FILE.json")
    _database_option(export)

    imp = commands.add_parser("import-data", help="add the records of a JSON file (all or nothing)")
    imp.add_argument("file", metavar="FILE.json")
    _database_option(imp)

    from desktop import release_cli

    release_cli.add_commands(commands, _database_option)

    backup = commands.add_parser("backup", help="back up the database now (into backups/)")
    _database_option(backup)
    backups = commands.add_parser("backups", help="list the database's backups, newest first")
    _database_option(backups)
    restore = commands.add_parser(
        "restore", help="replace the database with a backup (the current one is backed up)"
    )
    restore.add_argument("backup_file", metavar="BACKUP", help="a file listed by 'backups'")
    _database_option(restore)
    return parser


def _open(args: argparse.Namespace) -> Database:
    return open_database(getattr(args, "database", None))


def freezer() -> Callable[..., str] | None:
    """The composer's freeze function for published releases (None until it exists)."""
    try:
        from desktop.press.publishing import freeze_release
    except ImportError:  # pragma: no cover - only while the composer is being built
        return None
    return freeze_release


def _cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.path).expanduser()
    if path.exists():
        raise ForumDeskError(
            f"{path} already exists; choose a new file name (nothing was changed)."
        )
    database = open_database(path, create=True)
    database.dispose()
    print(f"Created a new Forum Desk database at {path.absolute()}")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from desktop.exchange.demo import load_demo

    database = _open(args)
    summary = load_demo(database, freezer())
    if summary is None:
        print(f"The demo data is already in {database.display_name}; nothing was changed.")
    else:
        print(f"Loaded the demo data into {database.display_name}: {summary}.")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop.exchange.json_format import export_data

    database = _open(args)
    summary = export_data(database, Path(args.file))
    print(f"Wrote {summary} to {args.file}.")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop.exchange.json_format import import_data

    path = Path(args.file)
    database = _open(args)
    if database.path is not None:
        from db.backup import take_backup

        take_backup(database.path, "before-import")
    summary = import_data(database, path, freezer())
    print(f"Imported {summary} from {path}.")
    return EXIT_OK


def _cmd_gui(args: argparse.Namespace) -> int:
    from desktop.app import run

    database_arg = args.database
    if args.demo:
        if database_arg:
            raise ForumDeskError("Use either --demo or --database, not both.")
        database_arg = str(demo_database_path())
    return run(database_arg, demo=args.demo)


def _sqlite_file(args: argparse.Namespace) -> Path:
    database = _open(args)
    database.dispose()
    if database.path is None:
        raise ForumDeskError(
            "Backups here are for database files; a database server is backed up by its "
            "administrator."
        )
    return database.path


def _cmd_backup(args: argparse.Namespace) -> int:
    from db.backup import take_backup

    print(f"Backed up to {take_backup(_sqlite_file(args), 'manual')}")
    return EXIT_OK


def _cmd_backups(args: argparse.Namespace) -> int:
    from db.backup import backups_dir, list_backups

    path = _sqlite_file(args)
    found = list_backups(path)
    if not found:
        print(f"There are no backups of {path} in {backups_dir(path)}.")
    for info in found:
        print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {info.reason_label:<20}  {info.path}")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from db.backup import restore_backup

    source = Path(args.backup_file).expanduser()
    if not source.is_file():
        raise ForumDeskError(f"There is no backup file at {source}.")
    path = _sqlite_file(args)
    safety = restore_backup(path, source)
    open_database(path).dispose()  # upgrades a backup taken by an older version
    print(f"Restored {source.name} into {path}; the previous contents are in {safety}.")
    return EXIT_OK


COMMANDS: dict[str | None, Handler] = {
    None: _cmd_gui,
    "init": _cmd_init,
    "demo": _cmd_demo,
    "export-data": _cmd_export,
    "import-data": _cmd_import,
    "backup": _cmd_backup,
    "backups": _cmd_backups,
    "restore": _cmd_restore,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from desktop import release_cli

    handler = COMMANDS.get(args.command) or release_cli.handler(args)
    try:
        return handler(args)
    except ForumDeskError as exc:
        print(f"forumdesk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("forumdesk: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # stdout closed early (e.g. piped into head); not an error worth a message
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the last line of defence: log it, say one sentence
        from desktop.logfile import write_log

        path = write_log(traceback.format_exc())
        print(
            f"forumdesk: unexpected error ({type(exc).__name__}: {exc}); "
            f"details were written to {path}.",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
