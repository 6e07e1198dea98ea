"""File → Backups…: list the automatic backups and restore one; and the backup timer.

:class:`AutoBackup` takes a backup when the app starts and then every 30 minutes while
something was saved (the newest ``change_log`` id moved).  :class:`BackupsDialog` lists
the database's backups and restores the chosen one after asking (the current file is backed
up first and the backup's integrity checked, see :func:`db.backup.restore_backup`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QTableWidgetItem, QWidget
from sqlalchemy import func, select

from db import backup
from db.errors import ForumDeskError
from db.models import ChangeLog
from db.session import Database
from desktop.ui import dialogs
from desktop.ui.list_dialog import ButtonRole, Fit, ListDialog, Stretch

PERIOD_MS = 30 * 60 * 1000


def _last_change(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.max(ChangeLog.id))) or 0


class AutoBackup(QObject):
    """Backups at start and every 30 minutes of editing (only when something changed)."""

    backed_up = Signal(str)  # the backup's path
    failed = Signal(str)  # one sentence

    def __init__(
        self, database: Database, parent: QObject | None = None, period_ms: int = PERIOD_MS
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auto_backup")
        self.database = database
        self.timer = QTimer(self)
        self.timer.setInterval(period_ms)
        self.timer.timeout.connect(self.tick)
        self._marker = -1

    def start(self) -> None:
        """Back up now (the start backup) and then periodically."""
        self.backup("start")
        self.timer.start()

    def tick(self) -> None:
        if _last_change(self.database) != self._marker:
            self.backup("periodic")

    def backup(self, reason: str) -> Path | None:
        path = self.database.path
        if path is None or self.database.read_only:
            return None
        try:
            marker = _last_change(self.database)
            target = backup.take_backup(path, reason)
        except ForumDeskError as exc:
            self.failed.emit(str(exc))
            return None
        self._marker = marker
        self.backed_up.emit(str(target))
        return target


class BackupsDialog(ListDialog):
    """Lists the backups of the open database file; restores one."""

    restored = Signal(str)  # the database path: reopen it (it may need an upgrade)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        self.database = database
        self.backups: list[backup.BackupInfo] = []
        self.backup_button = QPushButton("Back Up Now")
        self.backup_button.setObjectName("backup_now")
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setObjectName("restore_backup")
        super().__init__(
            "backups",
            "Backups",
            "Backups",
            [("Taken", Fit), ("Why", Stretch), ("Size", Fit)],
            [
                (self.backup_button, ButtonRole.ActionRole),
                (self.restore_button, ButtonRole.ActionRole),
            ],
            parent,
        )
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.resize(560, 420)
        self.refresh()

    def refresh(self) -> None:
        path = self.database.path
        if path is None:
            self.intro.setText(
                "This database lives on a database server; its backups are made by the "
                "server's administrator."
            )
            self.backups = []
        else:
            self.backups = backup.list_backups(path)
            self.intro.setText(
                f"Forum Desk backs up {path.name} when it starts, every 30 minutes while you "
                f"edit, and before upgrades, imports and restores. The copies are kept in "
                f"{backup.backups_dir(path)}."
            )
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            values = [
                info.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                info.reason_label.capitalize(),
                f"{max(1, round(info.size / 1024))} KB",
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.backup_button.setEnabled(path is not None and not self.database.read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and not self.database.read_only)

    def selected(self) -> backup.BackupInfo | None:
        row = self.selected_row()
        return None if row is None else self.backups[row]

    def back_up_now(self) -> None:
        path = self.database.path
        if path is None:
            return
        try:
            backup.take_backup(path, "manual")
        except ForumDeskError as exc:
            dialogs.error(self, "No backup was made", str(exc))
        self.refresh()

    def restore_selected(self) -> bool:
        info = self.selected()
        path = self.database.path
        if info is None or path is None:
            return False
        when = info.taken_at.strftime("%Y-%m-%d %H:%M")
        if not dialogs.confirm(
            self,
            "Restore backup",
            f"Replace the contents of {path.name} with the backup taken {when}? Everything "
            "saved since then will be replaced; the current contents are backed up first, "
            "so this can be undone from this list.",
            "Restore",
            destructive=True,
        ):
            return False
        self.database.dispose()
        try:
            backup.restore_backup(path, info.path)
        except ForumDeskError as exc:
            dialogs.error(self, "The backup was not restored", str(exc))
            self.refresh()
            return False
        self.refresh()
        dialogs.inform(self, "Backup restored", f"{path.name} now holds the backup taken {when}.")
        self.restored.emit(str(path))
        return True
