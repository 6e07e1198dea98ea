"""File → Trash…: what was deleted, restore it with its links, or empty the Trash (asks)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QTableWidgetItem, QWidget

from db import trash
from db.errors import ForumDeskError
from db.session import Database
from desktop.ui import dialogs
from desktop.ui.list_dialog import ButtonRole, Fit, ListDialog, Stretch


class TrashDialog(ListDialog):
    changed = Signal()  # something was restored or deleted for good: refresh the lists

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        self.database = database
        self.entries: list[trash.TrashEntry] = []
        self.restore_button = QPushButton("Restore")
        self.restore_button.setObjectName("trash_restore")
        self.empty_button = QPushButton("Empty Trash…")
        self.empty_button.setObjectName("trash_empty")
        super().__init__(
            "trash",
            "Trash",
            "Deleted records",
            [("Deleted", Fit), ("Kind", Fit), ("Record", Stretch)],
            [
                (self.restore_button, ButtonRole.ActionRole),
                (self.empty_button, ButtonRole.DestructiveRole),
            ],
            parent,
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty)
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
        row = self.selected_row()
        return None if row is None else self.entries[row]

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
