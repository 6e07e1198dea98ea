"""Esc in a lookup's pop-up closes the pop-up; it does not revert the form."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from db.session import Database
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import type_text


def test_escape_in_a_lookup_pop_up_keeps_the_typing(
    qtbot, demo_database: Database, settings: QSettings, answers
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_record("organizations", 2)
    editor = window.current_page.organization_editor  # type: ignore[attr-defined]
    qtbot.keyClicks(editor.city, " West")
    lookup = editor.parent_lookup
    lookup.setFocus()
    type_text(qtbot, lookup, "Ts")
    lookup.refresh_choices()
    popup = lookup.popup()
    assert popup.isVisible()

    answers.confirm_answer = True  # were the form asked to revert, it would revert
    qtbot.keyClick(popup, Qt.Key.Key_Escape)

    assert not popup.isVisible()
    assert answers.asked == []
    assert editor.city.text() == "Shenzhen West" and editor.is_dirty()
    assert lookup.text() == "Ts"
    # With the pop-up closed, Esc is the form's again: revert, after asking.
    qtbot.keyClick(lookup, Qt.Key.Key_Escape)
    assert answers.kinds() == ["confirm"]
    assert editor.city.text() == "Shenzhen" and not editor.is_dirty()
