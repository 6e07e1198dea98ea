"""Wiring only: the QApplication, the database and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from db.session import open_database


def run(database_arg: str | None, *, demo: bool = False) -> int:
    database = open_database(database_arg, create=demo)
    if demo:
        from desktop.cli import freezer
        from desktop.exchange.demo import load_demo

        load_demo(database, freezer())
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle(f"Forum Desk — {database.display_name}")
    label = QLabel("Forum Desk")
    label.setTextFormat(label.textFormat().PlainText)
    window.setCentralWidget(label)
    window.resize(1100, 720)
    window.show()
    return app.exec()
