"""The main window: pages, title bar [*], unsaved-changes prompts, shortcuts, settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

from db import repository
from db.session import Database
from desktop.ui import dialogs
from desktop.ui.main_window import MainWindow
from desktop.ui.people_page import PeoplePage
from tests.ui.helpers import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def _window(qtbot, database: Database, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_pages_menus_and_title(qtbot, demo_database: Database, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_database, settings)
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == ["Events", "Releases", "People", "Organizations"]
    assert [
        m.title() for m in (window.file_menu, window.edit_menu, window.view_menu, window.help_menu)
    ] == [
        "&File",
        "&Edit",
        "&View",
        "&Help",
    ]
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert str(demo_database.display_name) in window.windowTitle()
    assert window.windowTitle().endswith("[*] — Forum Desk")
    assert window.show_page("people")
    page = window.current_page
    assert isinstance(page, PeoplePage)
    page.select_row(0)
    assert not window.isWindowModified()
    qtbot.keyClicks(page.person_editor.phone, "1")
    assert window.isWindowModified()
    window.save_action.trigger()
    assert not window.isWindowModified()


def test_switching_page_and_closing_ask_about_changes(
    qtbot, demo_database: Database, settings: QSettings, answers
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_database, settings)
    window.show_page("organizations")
    page = window.current_page
    page.open_record(1)
    editor = page.organization_editor  # type: ignore[attr-defined]
    qtbot.keyClicks(editor.city, " West")
    answers.save_answer = dialogs.Answer.CANCEL
    assert not window.show_page("people")
    assert window.current_page is page and window.navigation.currentRow() == 3
    assert editor.city.text() == "Beijing West"
    # Closing the window asks too; Cancel keeps it open with the typing.
    assert not window.close()
    assert window.isVisible() and editor.city.text() == "Beijing West"
    assert answers.kinds() == ["save", "save"]
    answers.save_answer = dialogs.Answer.DISCARD
    assert window.close()
    with demo_database.read() as session:
        assert repository.get_organization(session, 1).city == "Beijing"


def test_unchanged_window_closes_without_asking_and_remembers_layout(
    qtbot, demo_database: Database, settings: QSettings, answers
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_database, settings)
    window.show_page("organizations")
    window.resize(760, 560)  # within the offscreen screen (restoreGeometry clamps to it)
    window.splitter.setSizes([180, 580])
    assert window.close()
    assert answers.asked == []
    again = _window(qtbot, demo_database, settings)
    assert again.current_page.settings_key == "organizations"
    assert again.navigation.currentRow() == 3
    assert (again.size().width(), again.size().height()) == (760, 560)
    assert abs(again.splitter.sizes()[0] - 180) <= 12  # the default would be 150


def test_keyboard_shortcuts(qtbot, demo_database: Database, settings: QSettings, answers) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_database, settings)
    window.show_page("people")
    window.activateWindow()
    page = window.current_page
    assert isinstance(page, PeoplePage)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.person_editor
    assert editor.record_id is None and editor.honorific.hasFocus()
    qtbot.keyClicks(editor.family_name, "Okafor")
    qtbot.keyClick(editor.family_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.record_id is not None
    qtbot.keyClicks(editor.given_name, "Ada")
    answers.confirm_answer = True
    qtbot.keyClick(editor.given_name, Qt.Key.Key_Escape)
    assert answers.kinds() == ["confirm"]
    assert editor.given_name.text() == "" and not editor.is_dirty()
