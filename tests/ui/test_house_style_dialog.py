"""File → House Style…: edit, validate inline, save in one transaction, conflicts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from db import repository
from db.session import Database, open_database
from desktop.ui import dialogs
from desktop.ui.house_style_dialog import HouseStyleDialog
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import OFFSCREEN_NOISE, click, pick

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def window(qtbot, demo_database: Database, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(demo_database, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_dialog(window: MainWindow) -> HouseStyleDialog:
    window.house_style_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, HouseStyleDialog) and dialog.isVisible()
    return dialog


def test_edit_and_save_house_style(qtbot, window: MainWindow, answers) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(window)
    with window.database.read() as session:
        stored = repository.get_house_style(session)
        honorifics = repository.honorifics(session)
    assert dialog.house_organization.value() == stored.house_organization_id
    assert dialog.honorific_texts() == honorifics
    pick(qtbot, dialog.house_organization, "Tsinghua", "Tsinghua University")
    dialog.family_name_caps.setChecked(False)
    dialog.serial_comma.setChecked(False)
    dialog.date_style.setCurrentIndex(dialog.date_style.findData("day_month"))
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("Letter"))
    dialog.margin_mm.setValue(20)
    dialog.default_series.setCurrentText("Forum Notes")
    # Honorifics: add one, move it to the top, remove the last.
    click(qtbot, dialog.add_button)
    item = dialog.honorifics.currentItem()
    item.setText("Amb.")
    for _ in range(dialog.honorifics.count() - 1):
        click(qtbot, dialog.up_button)
    assert dialog.honorifics.currentRow() == 0 and not dialog.up_button.isEnabled()
    dialog.honorifics.setCurrentRow(dialog.honorifics.count() - 1)
    click(qtbot, dialog.remove_button)
    expected = ["Amb.", *honorifics[:-1]]
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    with window.database.read() as session:
        saved = repository.get_house_style(session)
        assert repository.honorifics(session) == expected
        tsinghua = repository.get_organization(session, saved.house_organization_id or 0)
    assert tsinghua.name == "Tsinghua University"
    assert (saved.family_name_caps, saved.serial_comma) == (False, False)
    assert (saved.date_style, saved.page_size, saved.margin_mm) == ("day_month", "Letter", 20)
    assert saved.default_series == "Forum Notes"
    assert window.statusBar().currentMessage() == "Saved the house style."
    # The person form now offers the new list and prints names the new way.
    window.show_page("people")
    editor = window.current_page.person_editor  # type: ignore[attr-defined]
    editor.load(1)
    assert editor.honorific.itemText(0) == "Amb."
    assert editor.printed_name.text() == "Mr. Chen Xiaogong"


def test_bad_values_are_explained_inline_and_nothing_is_saved(
    qtbot, window: MainWindow, answers
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(window)
    with window.database.read() as session:
        before = repository.get_house_style(session)
    # The db's margin rule is the spin box's range: a wrong margin cannot be entered.
    dialog.margin_mm.setValue(3)
    assert dialog.margin_mm.value() == 5
    dialog.margin_mm.setValue(75)
    assert dialog.margin_mm.value() == 60
    click(qtbot, dialog.add_button)
    dialog.honorifics.currentItem().setText(dialog.honorifics.item(0).text())
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.field_error("honorifics") == "‘Mr.’ is in the list twice."
    assert dialog.honorifics.property("invalid") is True
    assert dialog.banner.text() == "Nothing was saved."
    dialog.honorifics.currentItem().setText("Right Honourable " * 4)
    click(qtbot, dialog.save_button)
    assert dialog.field_error("honorifics") == "An honorific can be at most 60 characters long."
    with window.database.read() as session:
        assert repository.get_house_style(session) == before
    assert answers.asked == []


def test_changed_elsewhere_is_never_overwritten(
    qtbot, window: MainWindow, answers, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(window)
    other = open_database(db_path)
    try:
        with other.write() as session:
            style = repository.get_house_style(session)
            repository.save_house_style(session, replace(style, margin_mm=30))
    finally:
        other.dispose()
    dialog.margin_mm.setValue(15)
    answers.conflict_answer = dialogs.ConflictChoice.KEEP_EDITING
    click(qtbot, dialog.save_button)
    assert answers.kinds() == ["conflict"]
    assert dialog.isVisible() and dialog.margin_mm.value() == 15  # the typing stays
    with window.database.read() as session:
        assert repository.get_house_style(session).margin_mm == 30
    answers.conflict_answer = dialogs.ConflictChoice.RELOAD
    click(qtbot, dialog.save_button)
    assert dialog.margin_mm.value() == 30
    dialog.margin_mm.setValue(15)
    click(qtbot, dialog.save_button)
    with window.database.read() as session:
        assert repository.get_house_style(session).margin_mm == 15


def test_read_only_database_shows_but_does_not_invite_changes(
    qtbot, demo_database: Database, db_path: Path, settings: QSettings, answers
) -> None:  # type: ignore[no-untyped-def]
    read_only = open_database(db_path, read_only=True)
    try:
        window = MainWindow(read_only, settings)
        qtbot.addWidget(window)
        dialog = open_dialog(window)
        assert "read-only" in dialog.findChild(QLabel, "house_style_intro").text()
        assert not dialog.save_button.isEnabled()
        assert dialog.margin_mm.isReadOnly() and dialog.house_organization.isReadOnly()
        assert not dialog.serial_comma.isEnabled() and not dialog.add_button.isEnabled()
        margin = dialog.margin_mm.value()
        qtbot.keyClick(dialog.margin_mm, Qt.Key.Key_Up)
        assert dialog.margin_mm.value() == margin
        # Saving anyway (bypassing the button) is one sentence, never a traceback.
        assert not dialog.save()
        (sentence,) = answers.texts("error")
        assert sentence.endswith("is open read-only; changes cannot be saved.")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
    finally:
        read_only.dispose()
