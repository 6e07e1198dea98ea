"""The History of one record: who changed what, when — and "Revert This Change".

``HistoryDialog(database, "person", person_id)`` (tables: organization, person, event,
press_release) lists the record's changes and those of its parts (a person's positions, an
event's organizations and participants), newest first, one row per changed field.
Reverting saves a new change through the repository, so validation and conflicts apply;
``reverted`` is emitted so the form can reload.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import history
from db.errors import ForumDeskError
from db.session import Database
from desktop.ui import dialogs
from desktop.ui.widgets import plain_tip

ACTION_LABELS = {
    "insert": "Created",
    "update": "Changed",
    "delete": "Removed",
    "trash": "Moved to Trash",
    "restore": "Restored from Trash",
    "revert": "Reverted",
}
CHANGE_ROLE = Qt.ItemDataRole.UserRole


class HistoryDialog(QDialog):
    reverted = Signal()

    def __init__(
        self,
        database: Database,
        table_name: str,
        record_id: int,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(f"History — {title}" if title else "History")
        self.database = database
        self.table_name = table_name
        self.record_id = record_id
        self.changes: list[history.Change] = []

        self.heading = QLabel()
        self.heading.setObjectName("history_heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("history_tree")
        self.tree.setAccessibleName("Changes")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["When", "Who", "Change", "Before → after"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.revert_button = QPushButton("Revert This Change…")
        self.revert_button.setObjectName("history_revert")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.revert_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.revert_button.clicked.connect(self.revert_selected)
        self.tree.itemSelectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        with self.database.read() as session:
            self.changes = history.record_history(session, self.table_name, self.record_id)
            for change in self.changes:
                what = ACTION_LABELS.get(change.action, change.action.capitalize())
                if change.table_name != self.table_name:
                    what += f" ({change.what})"
                top = QTreeWidgetItem(
                    [change.local_time.strftime("%Y-%m-%d %H:%M"), change.user, what, ""]
                )
                top.setData(0, CHANGE_ROLE, change.id)
                for field, (old, new) in sorted(change.changes.items()):
                    if field in history.TRASH_COLUMNS:
                        continue
                    before = history.describe_value(session, field, old)
                    after = history.describe_value(session, field, new)
                    child = QTreeWidgetItem(
                        ["", "", history.field_label(field), f"{_short(before)} → {_short(after)}"]
                    )
                    child.setData(0, CHANGE_ROLE, change.id)
                    child.setToolTip(3, plain_tip(f"{before}\n→\n{after}"))
                    top.addChild(child)
                self.tree.addTopLevelItem(top)
                top.setExpanded(True)
        count = len(self.changes)
        self.heading.setText(
            "No saved changes yet."
            if not count
            else f"{count} saved change{'s' if count != 1 else ''}, newest first. Select one "
            "to revert it: the old values are saved as a new change."
        )
        self._update_buttons()

    def selected_change(self) -> history.Change | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        change_id = items[0].data(0, CHANGE_ROLE)
        return next((c for c in self.changes if c.id == change_id), None)

    def _update_buttons(self) -> None:
        change = self.selected_change()
        self.revert_button.setEnabled(
            change is not None and history.can_revert(change) and not self.database.read_only
        )

    def revert_selected(self) -> bool:
        change = self.selected_change()
        if change is None:
            return False
        when = change.local_time.strftime("%Y-%m-%d %H:%M")
        if not dialogs.confirm(
            self,
            "Revert change",
            f"Revert the change {change.user} made on {when}? The old values are saved as a "
            "new change, which can itself be reverted.",
            "Revert",
        ):
            return False
        try:
            with self.database.write() as session:
                history.revert_change(session, change.id)
        except ForumDeskError as exc:
            dialogs.error(self, "The change was not reverted", str(exc))
            return False
        self.refresh()
        self.reverted.emit()
        return True


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
