"""The event form on a database opened read-only: it shows everything and offers nothing
that would change the event or start something from it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from db.session import Database, open_database
from desktop.ui.events_page import EventsPage


@pytest.fixture
def read_only(demo_database: Database) -> Iterator[Database]:
    assert demo_database.path is not None
    database = open_database(demo_database.path, read_only=True)
    try:
        yield database
    finally:
        database.dispose()


def test_read_only_event_form_offers_no_changes(qtbot: QtBot, read_only: Database, answers) -> None:  # type: ignore[no-untyped-def]
    page = EventsPage(read_only)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.select_row(0)
    editor = page.editor
    assert editor.record_id == 1
    assert editor.read_only_notice.isVisibleTo(page)
    off = [
        editor.duplicate_button,
        editor.release_button,
        editor.org_up,
        editor.org_down,
        editor.org_remove,
        editor.org_pick,
        editor.part_up,
        editor.part_down,
        editor.part_sort,
        editor.part_remove,
        editor.paste_button,
        editor.org_role,
        editor.part_role,
    ]
    assert [b.objectName() for b in off if b.isEnabled()] == []
    assert editor.org_lookup.isReadOnly() and editor.person_lookup.isReadOnly()
    assert editor.affiliation_edit.isReadOnly()
    for table in (editor.org_table, editor.part_table):
        assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        assert table.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop
    # The cited positions are shown ticked but cannot be unticked.
    editor.part_table.selectRow(0)
    assert editor.cited_list.count() >= 1
    item = editor.cited_list.item(0)
    assert item.checkState() == Qt.CheckState.Checked
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    # Rows can still be selected and read; the preview is still composed.
    assert editor.preview_text().startswith("On November 19, the Seminar")
    # Loading again keeps everything off (the buttons are re-enabled on each load otherwise).
    assert editor.load(1)
    assert not editor.duplicate_button.isEnabled() and not editor.release_button.isEnabled()
    # Called directly, the actions refuse without asking anything.
    assert editor.duplicate() is None and editor.new_release() is None
    assert editor.open_paste() is None
    assert not editor.is_dirty()
    assert answers.asked == []


def test_writable_database_keeps_the_buttons(page: EventsPage) -> None:
    """The control: the same buttons are on when the database can be written."""
    editor = page.editor
    assert editor.duplicate_button.isEnabled() and editor.release_button.isEnabled()
    assert editor.part_sort.isEnabled() and editor.org_pick.isEnabled()
    editor.part_table.selectRow(0)
    assert editor.cited_list.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
