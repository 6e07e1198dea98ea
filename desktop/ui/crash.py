"""Unexpected errors: a short dialog with "Copy details", the traceback in a log file, and the
app keeps running with the user's unsaved form as it was.

``install(app)`` sets ``sys.excepthook`` (PySide reports exceptions raised in slots through
it) and ``threading.excepthook``, and points ``faulthandler`` at the same log so native
crashes leave a trace too.  The current transaction needs no extra step: every change runs
in a ``Database.write()`` block, which rolls back when an exception leaves it.

The dialog is opened window-modal but without a nested event loop (``open()``), so a crash
inside a slot returns to the running app, and tests can look at the real dialog.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.logfile import log_path, open_log, write_log


def format_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    from desktop import __version__

    stamp = dt.datetime.now().isoformat(timespec="seconds")
    lines = "".join(traceback.format_exception(exc_type, exc, tb))
    return (
        f"--- {stamp} Forum Desk {__version__}, Python {platform.python_version()}, "
        f"{platform.platform()}\n{lines}\n"
    )


class CrashDialog(QDialog):
    """ "Something went wrong" — one sentence, the log's place, and a Copy details button."""

    def __init__(self, parent: QWidget | None, summary: str, details: str, log: Path) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle("Forum Desk — unexpected error")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.details = details

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel()
        self.message.setObjectName("crash_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setText(
            f"Something went wrong: {summary}\n\n"
            "What you were doing was not finished and nothing half-done was saved. Your "
            "unsaved changes are still in the form: you can try again or save them.\n\n"
            f"The details were written to {log}."
        )
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detail_view = QPlainTextEdit(details)
        self.detail_view.setObjectName("crash_details")
        self.detail_view.setReadOnly(True)
        self.detail_view.setAccessibleName("Error details")
        self.detail_view.setVisible(False)

        self.copy_button = QPushButton("Copy Details")
        self.copy_button.setObjectName("crash_copy")
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button = QPushButton("Show Details")
        self.show_button.setObjectName("crash_show_details")
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self._toggle_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("crash_close")
        close.setDefault(True)

        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.detail_view, 1)
        layout.addWidget(buttons)
        self.resize(520, 220)

    def add(self, summary: str, details: str) -> None:
        """Another error while the dialog is still open: keep both details."""
        self.details += details
        self.detail_view.setPlainText(self.details)
        del summary

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.details)

    def _toggle_details(self, shown: bool) -> None:
        self.detail_view.setVisible(shown)
        self.show_button.setText("Hide Details" if shown else "Show Details")
        self.resize(self.width(), 460 if shown else 220)


class CrashHandler(QObject):
    """Installed once per app: routes unexpected exceptions to the log and the dialog."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("crash_handler")
        self.app = app
        self.dialog: CrashDialog | None = None
        self.count = 0
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._fault_file: IO[str] | None = None

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook
        try:
            self._fault_file = open_log()
            faulthandler.enable(file=self._fault_file, all_threads=True)
        except OSError:  # pragma: no cover - an unwritable data folder
            self._fault_file = None

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None

    def _thread_hook(self, args: Any) -> None:
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.app.quit()
            return
        details = format_report(exc_type, exc, tb)
        try:
            log = write_log(details)
        except OSError:
            log = log_path()
            sys.stderr.write(details)
        self.count += 1
        if threading.current_thread() is not threading.main_thread():
            return  # widgets belong to the main thread; the log has it
        summary = self.summary(exc_type, exc)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(summary, details)
            return
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(parent, summary, details, log)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.open()

    def _forget(self) -> None:
        self.dialog = None

    @staticmethod
    def summary(exc_type: type[BaseException], exc: BaseException) -> str:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        if len(text) > 160:
            text = text[:157] + "…"
        return f"{exc_type.__name__}: {text}" if text else exc_type.__name__


def install(app: QApplication) -> CrashHandler:
    """Install the crash handler for ``app`` (idempotent); returns it."""
    existing = app.findChild(CrashHandler, "crash_handler")
    if existing is not None:
        return existing
    handler = CrashHandler(app)
    handler.install()
    return handler
