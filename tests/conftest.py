"""Shared fixtures: a fresh real SQLite database per test, the demo data, Qt settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Real Qt widgets, no display: set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from db.session import Database, open_database

REPO_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = REPO_ROOT.parent / "shared" / "reference"
REFERENCE_RELEASE = REFERENCE_DIR / "seminar-2021-11-19.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the developer's real data folder, settings or database."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("FORUMDESK_DATA_DIR", str(home))
    monkeypatch.delenv("FORUMDESK_DATABASE", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "forumdesk.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """A fresh, migrated database file."""
    db = open_database(db_path, create=True)
    yield db
    db.dispose()


@pytest.fixture
def demo_database(database: Database) -> Database:
    """A fresh database holding the demo data."""
    from desktop.cli import freezer
    from desktop.exchange.demo import load_demo

    load_demo(database, freezer())
    return database


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests that use qtbot are GUI tests (so `-m "not gui"` runs the Qt-free suite).
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
