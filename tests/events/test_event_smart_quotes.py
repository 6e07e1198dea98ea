"""Typographic quotes as you type in the event's title, attendance note, venue and summary:
the release prints the house style’s ’ “ ”; Undo gives the straight one back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db import repository
from db.session import Database
from desktop.ui.events_page import EventsPage


def _retype(qtbot: QtBot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def test_title_apostrophe_prints_typographic_in_the_release(
    page: EventsPage, qtbot: QtBot, demo_database: Database
) -> None:
    editor = page.editor
    _retype(qtbot, editor.title_edit, "Seminar on Shenzhen's AI Enterprises")
    assert editor.title_edit.text() == "Seminar on Shenzhen’s AI Enterprises"
    assert "the Seminar on Shenzhen’s AI Enterprises" in editor.preview_text()
    assert "'" not in editor.preview_text()
    _retype(qtbot, editor.attendance_edit, 'members of the "AI Club" in Shenzhen')
    assert editor.attendance_edit.text() == "members of the “AI Club” in Shenzhen"
    assert "members of the “AI Club” in Shenzhen" in editor.preview_text()
    _retype(qtbot, editor.venue_edit, "Founders' Hall")
    assert editor.venue_edit.text() == "Founders’ Hall"
    _retype(qtbot, editor.summary_edit, "'Open' talks, don't miss")
    assert editor.summary_edit.toPlainText() == "‘Open’ talks, don’t miss"
    assert editor.save(), editor.banner.text()
    with demo_database.read() as session:
        saved = repository.get_event(session, 1)
    assert saved.title == "Seminar on Shenzhen’s AI Enterprises"
    assert saved.attendance_note == "members of the “AI Club” in Shenzhen"
    assert saved.venue == "Founders’ Hall"
    assert saved.summary == "‘Open’ talks, don’t miss"


def test_undo_restores_the_straight_quote(page: EventsPage, qtbot: QtBot) -> None:
    editor = page.editor
    title = editor.title_edit
    _retype(qtbot, title, "Shenzhen'")
    assert title.text() == "Shenzhen’"
    # Ctrl+Z right after the quote: the straight one is back, and typing goes on.
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == "Shenzhen'"
    qtbot.keyClicks(title, "s")
    assert title.text() == "Shenzhen's"
    assert "Shenzhen's" in editor.preview_text()
    summary = editor.summary_edit
    _retype(qtbot, summary, 'He said "yes"')
    assert summary.toPlainText() == "He said “yes”"
    qtbot.keyClick(summary, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert summary.toPlainText() == 'He said “yes"'
    qtbot.keyClicks(summary, ' (12" screen)')
    assert summary.toPlainText() == 'He said “yes" (12” screen)'
    # The title's undo from a menu or a shortcut behaves the same.
    _retype(qtbot, title, '12"')
    title.undo()
    qtbot.keyClicks(title, " screen")
    assert title.text() == '12" screen'
