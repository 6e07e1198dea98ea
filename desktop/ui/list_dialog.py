"""A dialog around one read-only, single-selection table: the shape of Backups and Trash."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

Stretch = QHeaderView.ResizeMode.Stretch
Fit = QHeaderView.ResizeMode.ResizeToContents
ButtonRole = QDialogButtonBox.ButtonRole


class ListDialog(QDialog):
    """An intro line, a table of rows and a Close button with the dialog's own actions.

    Subclasses fill ``self.table`` in ``refresh()`` and enable their buttons in
    ``_update_buttons()``, which runs whenever the selection changes.
    """

    def __init__(
        self,
        name: str,
        title: str,
        table_name: str,
        columns: Sequence[tuple[str, QHeaderView.ResizeMode]],
        actions: Sequence[tuple[QPushButton, QDialogButtonBox.ButtonRole]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_dialog")
        self.setWindowTitle(title)

        self.intro = QLabel()
        self.intro.setObjectName(f"{name}_intro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(columns))
        self.table.setObjectName(f"{name}_table")
        self.table.setAccessibleName(table_name)
        self.table.setHorizontalHeaderLabels([label for label, _mode in columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, (_label, mode) in enumerate(columns):
            header.setSectionResizeMode(column, mode)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button, role in actions:
            buttons.addButton(button, role)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:  # pragma: no cover - overridden
        pass
