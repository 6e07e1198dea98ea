"""The two ordered tables of the event form: organizations (with roles) and participants
(in protocol order, with roles, cited positions and the line the release will print).

Both are small in-memory models over plain row objects: the form's one Save writes them.
Rows move with ``move_row`` (up/down buttons) or by drag and drop inside the view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from db.models import OrgRole, ParticipantRole
from db.records import EventOrganizationRecord, ParticipantRecord, PersonRecord
from desktop.ui.widgets import plain_tip

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

ROW_MIME = "application/x-forumdesk-event-row"
ROLE_VALUE = Qt.ItemDataRole.UserRole + 10
"""``index.data(ROLE_VALUE)`` on a role cell is the stored role value ("co_host")."""


@dataclass(frozen=True)
class OrganizationRow:
    organization_id: int
    label: str
    role: str = OrgRole.HOST.value

    def record(self) -> EventOrganizationRecord:
        return EventOrganizationRecord(self.organization_id, self.role)


@dataclass(frozen=True)
class ParticipantRow:
    person_id: int
    name: str
    person: PersonRecord
    role: str = ParticipantRole.PANELIST.value
    cited_position_ids: tuple[int, ...] = ()
    affiliation: str = ""
    # The line as the release will print it (filled in by the form after each change).
    line: str = ""
    # Set for a newly added person whose positions were last recorded long ago.
    stale_since: dt.date | None = None
    stale_kept: bool = field(default=False)

    def record(self) -> ParticipantRecord:
        return ParticipantRecord(
            person_id=self.person_id,
            role=self.role,
            cited_position_ids=self.cited_position_ids,
            affiliation=self.affiliation,
        )

    @property
    def needs_check(self) -> bool:
        return self.stale_since is not None and not self.stale_kept


def role_label(value: str, enum_cls: type[OrgRole] | type[ParticipantRole]) -> str:
    try:
        return enum_cls(value).label
    except ValueError:
        return value


class OrderedRowsModel(QAbstractTableModel, Generic[RowT]):
    """Rows in a meaningful order; reorder by ``move_row`` or internal drag and drop."""

    rows_changed = Signal()
    """Anything in the table changed (add, remove, move, role, cited positions)."""

    headers: tuple[str, ...] = ()
    role_column = -1
    role_enum: type[OrgRole] | type[ParticipantRole] = OrgRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    # Rows -------------------------------------------------------------------------

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row(self, number: int) -> RowT:
        return self._rows[number]

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append(self, row: RowT) -> int:
        number = len(self._rows)
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.append(row)
        self.endInsertRows()
        self.rows_changed.emit()
        return number

    def replace_row(self, number: int, row: RowT) -> None:
        if self._rows[number] == row:
            return
        self._rows[number] = row
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers) - 1))
        self.rows_changed.emit()

    def update_quietly(self, number: int, row: RowT) -> None:
        """Replace a row's derived values (its printed line) without counting as an edit."""
        if self._rows[number] != row:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers) - 1))

    def remove(self, numbers: Sequence[int]) -> None:
        for number in sorted(set(numbers), reverse=True):
            if 0 <= number < len(self._rows):
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._rows[number]
                self.endRemoveRows()
        self.rows_changed.emit()

    def move_row(self, source: int, target: int) -> bool:
        """Move one row so that it ends up at ``target`` (0-based, after the move)."""
        count = len(self._rows)
        if not (0 <= source < count and 0 <= target < count) or source == target:
            return False
        # Qt's destination is the row *before which* the row goes, counted before the move.
        destination = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(source))
        self.endMoveRows()
        self.rows_changed.emit()
        return True

    def reorder(self, order: Sequence[int]) -> None:
        """Put the rows in a new order given as indices into the current order."""
        new = [self._rows[i] for i in order]
        if new == self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        where = {old: new_pos for new_pos, old in enumerate(order)}
        self._rows = new
        self.changePersistentIndexList(
            old_persistent,
            [self.index(where[i.row()], i.column()) for i in old_persistent],
        )
        self.layoutChanged.emit()
        self.rows_changed.emit()

    # Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Dropping between rows.
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        if index.column() == self.role_column:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def role_of(self, row: RowT) -> str:
        return str(row.role)  # type: ignore[attr-defined]

    def with_role(self, row: RowT, role: str) -> RowT:
        return replace(row, role=role)  # type: ignore[type-var]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.role_column:
            return False
        if role not in (Qt.ItemDataRole.EditRole, ROLE_VALUE):
            return False
        try:
            self.role_enum(str(value))
        except ValueError:
            return False
        self.replace_row(index.row(), self.with_role(self._rows[index.row()], str(value)))
        return True

    def role_data(self, row: RowT, role: int) -> Any:
        if role == ROLE_VALUE or role == Qt.ItemDataRole.EditRole:
            return self.role_of(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return role_label(self.role_of(row), self.role_enum)
        return None

    # Drag and drop inside the table ----------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(ROW_MIME, QByteArray(",".join(map(str, rows[:1])).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        del row, column, parent
        return action == Qt.DropAction.MoveAction and data.hasFormat(ROW_MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dragged row before ``row`` (or onto ``parent``'s row, or to the end).

        The move is done here and False is returned, so the view does not also remove the
        source row as it would after a copy."""
        del column
        if not self.canDropMimeData(data, action, row, 0, parent):
            return False
        text = bytes(data.data(ROW_MIME).data()).decode()
        if not text:
            return False
        source = int(text)
        before = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        target = before - 1 if before > source else before
        self.move_row(source, max(0, min(target, len(self._rows) - 1)))
        return False


class OrganizationsModel(OrderedRowsModel[OrganizationRow]):
    ORGANIZATION, ROLE = range(2)
    headers = ("Organization", "Role")
    role_column = ROLE
    role_enum = OrgRole

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if index.column() == self.ROLE:
            return self.role_data(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(row.label)
        return None

    def records(self) -> tuple[EventOrganizationRecord, ...]:
        return tuple(r.record() for r in self._rows)


class ParticipantsModel(OrderedRowsModel[ParticipantRow]):
    NAME, ROLE, LINE = range(3)
    headers = ("Name", "Role", "As the release will print it")
    role_column = ROLE
    role_enum = ParticipantRole

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == self.ROLE:
            return self.role_data(row, role)
        if column == self.NAME and role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if column == self.LINE:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"⚠ {row.line}" if row.needs_check else row.line
            if role == Qt.ItemDataRole.ToolTipRole:
                if row.needs_check and row.stale_since is not None:
                    return f"Last recorded in {row.stale_since.year}: still correct?"
                return plain_tip(row.line)
        return None

    def records(self) -> tuple[ParticipantRecord, ...]:
        return tuple(r.record() for r in self._rows)

    def find_person(self, person_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.person_id == person_id:
                return number
        return None


class RoleDelegate(QStyledItemDelegate):
    """Edits a role cell with a combo of the roles (stored value in ``ROLE_VALUE``)."""

    def __init__(
        self, enum_cls: type[OrgRole] | type[ParticipantRole], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._enum = enum_cls

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        del option, index
        combo = QComboBox(parent)
        combo.setObjectName("role_editor")
        combo.setAccessibleName("Role")
        for member in self._enum:
            combo.addItem(member.label, member.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(ROLE_VALUE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
