"""Wiring only: the QApplication, the database and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from db.errors import ForumDeskError
from db.session import Database, open_database

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


def open_or_explain(database_arg: str | None, *, demo: bool = False) -> Database | None:
    """Open the database; on failure show the one-sentence reason and return None."""
    from desktop.ui import dialogs

    try:
        database = open_database(database_arg, create=demo)
        if demo:
            from desktop.cli import freezer
            from desktop.exchange.demo import load_demo

            load_demo(database, freezer())
    except ForumDeskError as exc:
        dialogs.error(None, "Forum Desk cannot open the database", str(exc))
        return None
    return database


def run(database_arg: str | None, *, demo: bool = False) -> int:
    app = application()
    from desktop.ui import crash

    crash.install(app)
    database = open_or_explain(database_arg, demo=demo)
    if database is None:
        return 1
    from desktop.ui.main_window import MainWindow

    window = MainWindow(database, QSettings())
    window.show()
    try:
        return app.exec()
    finally:
        database.dispose()
