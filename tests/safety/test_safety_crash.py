"""An unexpected exception in a save slot: dialog, log, rollback, form intact, next save works."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db import repository
from db.models import Person
from db.session import Database
from desktop.ui import crash
from desktop.ui.people_page import PersonEditor


@pytest.fixture
def handler(qapp: QApplication) -> Iterator[crash.CrashHandler]:
    installed = crash.install(qapp)
    yield installed
    installed.uninstall()
    installed.setParent(None)
    installed.deleteLater()


def _people(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


@pytest.mark.qt_no_exception_capture
def test_exception_in_save_slot_shows_dialog_logs_and_next_save_works(
    qtbot: QtBot,
    database: Database,
    handler: crash.CrashHandler,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = PersonEditor(database)
    qtbot.addWidget(editor)
    editor.load(None)
    editor.show()
    qtbot.keyClicks(editor.family_name, "CHEN")
    qtbot.keyClicks(editor.given_name, "Xiaogong")

    real_save = repository.save_person
    calls: list[int] = []

    def fails_once_after_writing(session: Any, record: Any) -> Any:
        saved = real_save(session, record)  # rows are flushed into the transaction…
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("injected failure after the rows were written")  # …then boom
        return saved

    monkeypatch.setattr(repository, "save_person", fails_once_after_writing)
    # The save button's slot raises; PySide hands the exception to sys.excepthook.
    editor.save_button.click()
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    dialog = handler.dialog
    assert dialog is not None
    assert "injected failure" in dialog.message.text()
    assert "forumdesk.log" in dialog.message.text()
    log = crash.log_path().read_text(encoding="utf-8")
    assert "RuntimeError: injected failure after the rows were written" in log
    assert "fails_once_after_writing" in log
    dialog.copy_button.click()
    assert "injected failure" in QGuiApplication.clipboard().text()
    dialog.show_button.click()
    dialog.grab().save("/tmp/crash_dialog.png")
    # The transaction was rolled back; the form still holds the typing.
    assert _people(database) == 0
    assert editor.family_name.text() == "CHEN" and editor.given_name.text() == "Xiaogong"
    assert editor.is_dirty()
    dialog.close()
    qtbot.waitUntil(lambda: handler.dialog is None)
    # The app carries on: the next save works.
    assert editor.save()
    assert _people(database) == 1
    assert not editor.is_dirty()
