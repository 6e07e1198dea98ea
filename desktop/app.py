"""Wiring only: the QApplication, the database (locked, backed up) and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.database_actions import OpenedDatabase

ORGANIZATION = "ForumDesk"
APPLICATION = "Forum Desk"
STYLESHEET = Path(__file__).resolve().parent.parent / "resources" / "stylesheets" / "forumdesk.qss"


def application() -> QApplication:
    """The QApplication, configured once (style, stylesheet, names for QSettings)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setStyle("Fusion")
    if STYLESHEET.exists():
        app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8"))
    return app


def open_or_explain(
    database_arg: str | None, *, demo: bool = False, parent: QWidget | None = None
) -> OpenedDatabase | None:
    """Open the database for the window, locked for editing (or read-only when the user
    chose that); every problem is explained with its next steps.  None = nothing opened.
    See :func:`desktop.ui.database_actions.open_or_explain`."""
    from desktop.ui import database_actions

    return database_actions.open_or_explain(parent, database_arg, demo=demo)


def run(database_arg: str | None, *, demo: bool = False) -> int:
    app = application()
    from desktop.ui import crash

    crash.install(app)
    opened = open_or_explain(database_arg, demo=demo)
    if opened is None:
        return 1
    from desktop.ui import database_actions
    from desktop.ui.main_window import MainWindow

    settings = QSettings()
    window = MainWindow(opened.database, settings, lock=opened.lock)
    database_actions.remember(settings, opened.database)
    window.start_auto_backup()
    window.show()
    try:
        return app.exec()
    finally:
        # The window may have switched databases: close the one it shows now.
        OpenedDatabase(window.database, window.lock).close()
