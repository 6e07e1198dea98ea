"""The demo data: the November 2021 seminar of the reference release, and its series."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import select

from db.models import Event
from db.session import Database
from desktop.exchange.json_format import Freezer, ImportSummary, import_document, read_file


def demo_file() -> Path:
    return Path(str(resources.files("resources").joinpath("demo/demo.json")))


def demo_loaded(database: Database) -> bool:
    """Whether the demo event is already in the database (loading twice changes nothing)."""
    document = read_file(demo_file())
    first = document["events"][0]
    with database.read() as session:
        found = session.execute(
            select(Event.id).where(Event.title == first["title"], Event.deleted_at.is_(None))
        ).first()
    return found is not None


def load_demo(database: Database, freezer: Freezer | None = None) -> ImportSummary | None:
    """Load the demo data; None when it was already there."""
    if demo_loaded(database):
        return None
    path = demo_file()
    document = read_file(path)
    with database.write() as session:
        return import_document(session, document, "the demo data", freezer)
