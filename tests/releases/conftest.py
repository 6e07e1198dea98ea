"""Releases test fixtures: the demo database's reference release, dialogs at the seam."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture(autouse=True)
def _temp_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """QSettings never touch the real user configuration in tests."""
    from PySide6.QtCore import QCoreApplication, QSettings

    folder: Path = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("ForumDeskTests")
    QCoreApplication.setApplicationName("ForumDeskTests")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield
