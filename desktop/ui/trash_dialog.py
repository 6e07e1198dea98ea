"""File → Trash…: what was deleted, restore it with its links, or empty the Trash (asks)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import trash
from db.errors import ForumDeskError
from db.session import Database
from desktop.ui import dialogs


class TrashDialog(QDialog):
    changed = Signal()  # something was restored or deleted for good: refresh the lists

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trash_dialog")
        self.setWindowTitle("Trash")
        self.database = database
        self.entries: list[trash.TrashEntry] = []

        self.intro = QLabel()
        self.intro.setObjectName("trash_intro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("trash_table")
        self.table.setAccessibleName("Deleted records")
        self.table.setHorizontalHeaderLabels(["Deleted", "Kind", "Record"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.restore_button = QPushButton("Restore")
        self.restore_button.setObjectName("trash_restore")
        self.empty_button = QPushButton("Empty Trash…")
        self.empty_button.setObjectName("trash_empty")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 400)
        self.refresh()

    def refresh(self) -> None:
        with self.database.read() as session:
            self.entries = trash.trash_entries(session)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, text in enumerate(
                [entry.local_time.strftime("%Y-%m-%d %H:%M"), entry.kind, entry.description]
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.intro.setText(
            "The Trash is empty."
            if not self.entries
            else "Deleted records stay here until the Trash is emptied. Restoring one brings "
            "back what was deleted with it (positions, roles at events)."
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = not self.database.read_only
        self.restore_button.setEnabled(writable and self.selected() is not None)
        self.empty_button.setEnabled(writable and bool(self.entries))

    def selected(self) -> trash.TrashEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def restore_selected(self) -> bool:
        entry = self.selected()
        if entry is None:
            return False
        try:
            with self.database.write() as session:
                trash.restore_batch(session, entry.batch)
        except ForumDeskError as exc:
            dialogs.error(self, f"{entry.name} was not restored", str(exc))
            return False
        self.refresh()
        self.changed.emit()
        return True

    def empty(self) -> bool:
        count = len(self.entries)
        if not count or not dialogs.confirm(
            self,
            "Empty Trash",
            f"Delete the {count} item{'s' if count != 1 else ''} in the Trash for good? This "
            "cannot be undone (except by restoring a backup).",
            "Empty Trash",
            destructive=True,
        ):
            return False
        try:
            with self.database.write() as session:
                trash.empty_trash(session)
        except ForumDeskError as exc:
            dialogs.error(self, "The Trash was not emptied", str(exc))
            return False
        self.refresh()
        self.changed.emit()
        return True
