"""The release form on a database opened read-only: no publishing, unpublishing or lead
override; printing, exporting and copying stay available."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from db import repository
from db.records import ReleaseRecord
from db.session import Database, open_database
from desktop.ui.releases_page import ReleasesPage

Answers = Any  # tests/releases/conftest.py


DRAFT_ID = 4  # the draft the fixture adds after the demo's three published releases


@pytest.fixture
def with_draft(demo_database: Database) -> Database:
    with demo_database.write() as session:
        draft = repository.save_release(
            session,
            ReleaseRecord(event_id=1, headline="Draft: the seminar", series="China Forum News"),
        )
    assert draft.id == DRAFT_ID and draft.status == "draft"
    return demo_database


@pytest.fixture
def read_only(with_draft: Database) -> Iterator[Database]:
    assert with_draft.path is not None
    database = open_database(with_draft.path, read_only=True)
    try:
        yield database
    finally:
        database.dispose()


def _open(qtbot: QtBot, database: Database, release_id: int) -> ReleasesPage:
    page = ReleasesPage(database)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    assert page.open_record(release_id)
    return page


@pytest.mark.parametrize("release_id", [2, DRAFT_ID])
def test_read_only_release_form(
    qtbot: QtBot, read_only: Database, answers: Answers, release_id: int
) -> None:
    page = _open(qtbot, read_only, release_id)
    editor = page.editor
    assert editor.read_only_notice.isVisibleTo(page)
    assert not editor.status_combo.isEnabled()
    assert not editor.override_button.isEnabled()
    assert not editor.restore_button.isEnabled()
    assert not editor.template_combo.isEnabled()
    # Reading is fine: print, export and copy stay.
    side = editor.side
    for action in (side.print_action, side.preview_action, side.copy_text_action):
        assert action.isEnabled()
    assert side.export_button.isEnabled()
    editor.copy(as_html=False)
    # Called directly, nothing changes and nothing is asked.
    was = editor.loaded
    assert not editor.publish() or editor.is_published
    assert editor.unpublish() is (not editor.is_published)
    editor.override_lead()
    assert editor.loaded == was and not editor.is_dirty()
    assert answers.asked == []


def test_writable_release_form_offers_status_and_override(
    qtbot: QtBot, with_draft: Database, answers: Answers
) -> None:
    """The control: on a writable database the same controls are on for a draft."""
    page = _open(qtbot, with_draft, DRAFT_ID)
    editor = page.editor
    assert editor.status_combo.isEnabled()
    assert editor.override_button.isEnabled()
    assert not editor.read_only_notice.isVisibleTo(page)
