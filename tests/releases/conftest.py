"""Releases test fixtures: the demo database's reference release composed (``answers`` and
the Qt settings come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from db import repository
from db.records import HouseStyleRecord
from db.session import Database
from desktop.press.compose import compose_release
from desktop.press.document import ReleaseDocument

REFERENCE_RELEASE_ID = 2  # the seminar of November 19, 2021 (demo data)


@pytest.fixture
def reference(demo_database: Database) -> tuple[ReleaseDocument, HouseStyleRecord]:
    with demo_database.read() as session:
        return compose_release(session, REFERENCE_RELEASE_ID), repository.get_house_style(session)
