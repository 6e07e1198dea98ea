"""``forumdesk release …``: list releases and render one in a chosen format."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from db.errors import ForumDeskError
from db.models import PressRelease
from db.session import open_database


def add_commands(commands: Any, database_option: Callable[[argparse.ArgumentParser], None]) -> None:
    release = commands.add_parser("release", help="list releases, or render one")
    database_option(release)
    sub = release.add_subparsers(dest="release_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="one line per release: id, date, status, headline")
    database_option(listing)


def _list(args: argparse.Namespace) -> int:
    database = open_database(args.database)
    with database.read() as session:
        rows = session.execute(
            select(
                PressRelease.id,
                PressRelease.publication_date,
                PressRelease.status,
                PressRelease.headline,
            )
            .where(PressRelease.deleted_at.is_(None))
            .order_by(
                PressRelease.publication_date.is_(None),
                PressRelease.publication_date,
                PressRelease.id,
            )
        ).all()
    for rid, date, status, headline in rows:
        print(f"{rid}\t{date.isoformat() if date else ''}\t{status}\t{headline}")
    return 0


def handler(args: argparse.Namespace) -> Callable[[argparse.Namespace], int]:
    if args.command == "release" and args.release_command == "list":
        return _list
    raise ForumDeskError(f"Unknown command {args.command!r}.")  # pragma: no cover
