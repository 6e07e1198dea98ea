"""Every modal question the app asks, in one place — the one seam tests patch.

Callers use the module attribute (``dialogs.confirm(...)``, never ``from dialogs import
confirm``) so that ``monkeypatch.setattr(dialogs, "confirm", ...)`` reaches every caller.
All text is shown as plain text: names typed by users are never interpreted as HTML.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


class Answer(enum.Enum):
    """Reply to "Save your changes?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class ConflictChoice(enum.Enum):
    """Reply to "This record was changed elsewhere"."""

    RELOAD = "reload"
    KEEP_EDITING = "keep_editing"


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        # Only our own fixed sentences go here: Qt guesses its format from the text.
        box.setInformativeText(informative)
    return box


def ask_save_discard_cancel(parent: QWidget | None, what: str) -> Answer:
    """ "Save the changes to ‘what’?" — Save / Discard / Cancel (Save is the default)."""
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        "Unsaved changes",
        f"Save the changes to {what}?",
        "If you don’t save, your changes will be lost.",
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    result = box.exec()
    if result == QMessageBox.StandardButton.Save:
        return Answer.SAVE
    if result == QMessageBox.StandardButton.Discard:
        return Answer.DISCARD
    return Answer.CANCEL


def confirm(
    parent: QWidget | None, title: str, text: str, action: str = "OK", *, destructive: bool = False
) -> bool:
    """A yes/no question with a named action button; Cancel is the safe default."""
    box = _box(
        parent,
        QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
        title,
        text,
    )
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel if destructive else ok)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text).exec()


def error(parent: QWidget | None, title: str, text: str) -> None:
    """One sentence saying what went wrong (never a traceback)."""
    _box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ask_conflict(parent: QWidget | None, text: str) -> ConflictChoice:
    """The record changed elsewhere: reload theirs (losing ours) or keep editing."""
    box = _box(parent, QMessageBox.Icon.Warning, "Changed elsewhere", text)
    reload = box.addButton("Reload Their Version", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep Editing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return ConflictChoice.RELOAD if box.clickedButton() is reload else ConflictChoice.KEEP_EDITING


def about(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.NoIcon, title, text)
    box.exec()


def get_open_file_name(
    parent: QWidget | None, caption: str, directory: str = "", filter: str = ""
) -> str | None:
    """A file to open, or None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, caption, directory, filter)
    return name or None


def get_save_file_name(
    parent: QWidget | None, caption: str, directory: str = "", filter: str = ""
) -> str | None:
    """A file to write, or None when cancelled (the dialog asks before overwriting)."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, directory, filter)
    return name or None


def get_existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str | None:
    name = QFileDialog.getExistingDirectory(parent, caption, directory)
    return name or None


def ask_duplicate_event(
    parent: QWidget | None, title: str, start: datetime.date
) -> tuple[datetime.date, bool] | None:
    """Duplicate an event: the new start date and whether to copy the participants, or
    None when cancelled.  (Events page.)"""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import (
        QCheckBox,
        QDateEdit,
        QDialog,
        QDialogButtonBox,
        QFormLayout,
        QLabel,
    )

    dialog = QDialog(parent)
    dialog.setWindowTitle("Duplicate Event")
    form = QFormLayout(dialog)
    intro = QLabel(f"A copy of {title} with the same organizations and roles.")
    intro.setTextFormat(Qt.TextFormat.PlainText)
    intro.setWordWrap(True)
    form.addRow(intro)
    date = QDateEdit(QDate(start.year + 1, start.month, min(start.day, 28)))
    date.setCalendarPopup(True)
    date.setDisplayFormat("yyyy-MM-dd")
    form.addRow("New &start date:", date)
    copy = QCheckBox("Copy the participants too")
    form.addRow("", copy)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    picked = date.date()
    return datetime.date(picked.year(), picked.month(), picked.day()), copy.isChecked()


def print_dialog(parent: QWidget | None, printer: QPrinter) -> bool:
    """Qt's print dialog for ``printer``; True when the user chose Print."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print Release")
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def print_preview(
    parent: QWidget | None, printer: QPrinter, paint: Callable[[QPrinter], None]
) -> None:
    """Qt's print preview; ``paint(printer)`` draws the pages (and prints from the preview)."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print Preview")
    dialog.paintRequested.connect(paint)
    dialog.resize(900, 1000)
    dialog.exec()


def ask_choice(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[str],
    *,
    default: str | None = None,
    informative: str = "",
) -> str | None:
    """A sentence and a few named actions ("Locate…", "New Database…") plus Cancel; the
    chosen action's text, or None for Cancel / Esc."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text, informative)
    buttons = {
        box.addButton(choice, QMessageBox.ButtonRole.AcceptRole): choice for choice in choices
    }
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(cancel)
    chosen_default = next((b for b, c in buttons.items() if c == default), None)
    box.setDefaultButton(chosen_default or cancel)
    box.exec()
    clicked = box.clickedButton()
    return next((c for b, c in buttons.items() if b is clicked), None)


def show_problems(parent: QWidget | None, title: str, text: str, problems: Sequence[str]) -> None:
    """A sentence and a readable, copyable list of problems (e.g. an import's)."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setObjectName("problems_dialog")
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    intro = QLabel()
    intro.setTextFormat(Qt.TextFormat.PlainText)
    intro.setWordWrap(True)
    intro.setText(text)
    layout.addWidget(intro)
    listing = QListWidget()
    listing.setObjectName("problems_list")
    listing.setAccessibleName("Problems")
    listing.setWordWrap(True)
    listing.setAlternatingRowColors(True)
    listing.addItems(list(problems))
    layout.addWidget(listing, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    copy = buttons.addButton("Copy List", QDialogButtonBox.ButtonRole.ActionRole)

    def copy_list() -> None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(text + "\n" + "\n".join(problems))

    copy.clicked.connect(copy_list)
    copy.setAutoDefault(False)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setDefault(True)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(640, 360)
    dialog.exec()


def choose_backup(parent: QWidget | None, database_path: Path) -> Path | None:
    """Pick one of a database file's backups (newest first) to restore; None = Cancel."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout

    from db import backup

    found = backup.list_backups(database_path)
    dialog = QDialog(parent)
    dialog.setObjectName("choose_backup_dialog")
    dialog.setWindowTitle("Restore a Backup")
    layout = QVBoxLayout(dialog)
    intro = QLabel()
    intro.setTextFormat(Qt.TextFormat.PlainText)
    intro.setWordWrap(True)
    intro.setText(
        f"Choose the backup of {database_path.name} to restore. The file as it is now is "
        "kept in the backups folder first."
        if found
        else f"There are no backups of {database_path.name} in {backup.backups_dir(database_path)}."
    )
    layout.addWidget(intro)
    listing = QListWidget()
    listing.setAccessibleName("Backups")
    for info in found:
        listing.addItem(f"{info.taken_at:%Y-%m-%d %H:%M:%S} — {info.reason_label}")
    if found:
        listing.setCurrentRow(0)
    layout.addWidget(listing, 1)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Restore")
    buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(found))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(480, 320)
    if dialog.exec() != QDialog.DialogCode.Accepted or listing.currentRow() < 0:
        return None
    return found[listing.currentRow()].path
