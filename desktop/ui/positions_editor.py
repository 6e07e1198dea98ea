"""The person form's positions table: title, organization, phrasing, dates, current, order.

Each position is one row of inputs with, under it, how a release will read it ("former
Deputy Director of the Office of …") and any error for that row.  Moving a row swaps the
values (ids travel with them), so the widgets and their tab order stay put.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.models import Phrasing
from db.records import PositionRecord
from db.session import Database
from desktop.press.phrases import Directory, position_reading
from desktop.ui.editor import error_label, mark_invalid
from desktop.ui.lookup import LookupEdit, OrganizationSource
from desktop.ui.smart_quotes import SmartQuotesLineEdit
from desktop.ui.widgets import enum_combo, plain_label, set_combo_value

PHRASING_LABELS = {
    Phrasing.TITLE_OF.value: "Title of organization",
    Phrasing.TITLE_AT.value: "Title at organization",
    Phrasing.ORG_TITLE.value: "Organization title",
    Phrasing.TITLE_ONLY.value: "Title only",
}

DATE_PLACEHOLDER = "year or yyyy-mm"

NESTED = re.compile(r"^positions\[(\d+)\]\.(\w+)$")


class PositionRow:
    """The widgets of one position."""

    def __init__(self, database: Database, number: int, parent: QWidget) -> None:
        n = number + 1
        self.position_id: int | None = None
        self.tools: QWidget | None = None
        self.title = SmartQuotesLineEdit(parent)  # printed in releases: curly quotes
        self.title.setPlaceholderText("Deputy Director")
        self.organization = LookupEdit(database, OrganizationSource(), parent)
        self.phrasing = enum_combo(Phrasing, parent, PHRASING_LABELS)
        # Created before the dates: the tab order follows the card (it sits beside
        # the phrasing).
        self.is_current = QCheckBox(parent)
        self.start_date = QLineEdit(parent)
        self.end_date = QLineEdit(parent)
        # The placeholder must never look like a stored date.
        width = self.start_date.fontMetrics().horizontalAdvance(DATE_PLACEHOLDER) + 28
        for edit in (self.start_date, self.end_date):
            edit.setPlaceholderText(DATE_PLACEHOLDER)
            edit.setMinimumWidth(width)
            edit.setMaximumWidth(width + 40)
            edit.setToolTip("A year (2019), a month (2019-06) or a day (2019-06-30)")
        self.up = QToolButton(parent)
        self.up.setText("▲")
        self.down = QToolButton(parent)
        self.down.setText("▼")
        self.remove = QToolButton(parent)
        self.remove.setText("✕")
        self.reading = plain_label(parent=parent)
        self.reading.setProperty("role", "reading")
        self.reading.setWordWrap(True)
        self.error = error_label(f"positions_{number}_error")
        self.error.setParent(parent)
        names = {
            "title": (self.title, "title"),
            "organization": (self.organization, "organization"),
            "phrasing": (self.phrasing, "phrasing"),
            "start_date": (self.start_date, "start date"),
            "end_date": (self.end_date, "end date"),
            "is_current": (self.is_current, "current"),
            "up": (self.up, "move up"),
            "down": (self.down, "move down"),
            "remove": (self.remove, "remove"),
            "reading": (self.reading, "reads as"),
        }
        for key, (widget, words) in names.items():
            widget.setObjectName(f"positions_{number}_{key}")
            widget.setAccessibleName(f"Position {n} {words}")
        self.up.setToolTip("Move this position up")
        self.down.setToolTip("Move this position down")
        self.remove.setToolTip("Remove this position")
        self.fields = {
            "title": self.title,
            "organization_id": self.organization,
            "phrasing": self.phrasing,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "is_current": self.is_current,
        }

    def widgets(self) -> list[QWidget]:
        return [
            self.title,
            self.organization,
            self.phrasing,
            self.start_date,
            self.end_date,
            self.is_current,
            self.up,
            self.down,
            self.remove,
            self.reading,
            self.error,
        ]

    def show(self, record: PositionRecord) -> None:
        self.position_id = record.id
        self.title.setText(record.title)
        self.organization.set_value(record.organization_id)
        set_combo_value(self.phrasing, record.phrasing)
        self.start_date.setText(record.start_date)
        self.end_date.setText(record.end_date)
        self.is_current.setChecked(record.is_current)

    def record(self) -> PositionRecord:
        return PositionRecord(
            id=self.position_id,
            organization_id=self.organization.value(),
            title=self.title.text(),
            phrasing=str(self.phrasing.currentData()),
            start_date=self.start_date.text(),
            end_date=self.end_date.text(),
            is_current=self.is_current.isChecked(),
        )


class PositionsEditor(QWidget):
    """Editable list of a person's positions; ``changed`` after any edit."""

    value_changed = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("positions")
        self.setAccessibleName("Positions")
        self._database = database
        self._loading = False
        self._read_only = False
        self.rows: list[PositionRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.cards = QVBoxLayout()
        self.cards.setSpacing(6)
        outer.addLayout(self.cards)
        self.empty = plain_label("No positions yet.")
        self.empty.setProperty("role", "muted")
        outer.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add Position")
        self.add_button.setObjectName("add_position")
        self.add_button.setAccessibleName("Add position")
        self.add_button.clicked.connect(self.add_position)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

    # Values ---------------------------------------------------------------------------

    def positions(self) -> tuple[PositionRecord, ...]:
        return tuple(row.record() for row in self.rows)

    def set_positions(self, positions: tuple[PositionRecord, ...]) -> None:
        self._loading = True
        try:
            while len(self.rows) < len(positions):
                self._append_row()
            while len(self.rows) > len(positions):
                self._pop_row()
            for row, record in zip(self.rows, positions, strict=True):
                row.show(record)
        finally:
            self._loading = False
        self._update_buttons()

    def add_position(self) -> None:
        records = (*self.positions(), PositionRecord())
        self.set_positions(records)
        self.rows[-1].title.setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed()

    def move(self, index: int, step: int) -> None:
        other = index + step
        if not (0 <= index < len(self.rows) and 0 <= other < len(self.rows)):
            return
        records = list(self.positions())
        records[index], records[other] = records[other], records[index]
        self.set_positions(tuple(records))
        self.rows[other].title.setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed()

    def remove_position(self, index: int) -> None:
        records = list(self.positions())
        del records[index]
        self.set_positions(tuple(records))
        self._changed()

    # Rows -----------------------------------------------------------------------------

    def _append_row(self) -> None:
        number = len(self.rows)
        row = PositionRow(self._database, number, self)
        card = QFrame(self)
        card.setObjectName(f"positions_{number}_card")
        card.setProperty("role", "card")
        # Four short rows (labels in one column, the move/remove buttons in a column on
        # the right) so that a card fits the form's width even in a 1024-pixel window.
        grid = QGridLayout(card)
        grid.setContentsMargins(8, 6, 6, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        row.is_current.setText("Current position")
        dates = QHBoxLayout()
        dates.setSpacing(6)
        dates.addWidget(row.start_date)
        to_caption = plain_label("to")
        to_caption.setBuddy(row.end_date)
        dates.addWidget(to_caption)
        dates.addWidget(row.end_date)
        dates.addStretch(1)
        phrasing = QHBoxLayout()
        phrasing.setSpacing(12)
        phrasing.addWidget(row.phrasing, 1)
        phrasing.addWidget(row.is_current)
        for line, (text, field) in enumerate(
            (
                ("Title:", row.title),
                ("Organization:", row.organization),
                ("Phrasing:", phrasing),
                ("From:", dates),
            )
        ):
            caption = plain_label(text)
            grid.addWidget(caption, line, 0, right)
            if isinstance(field, QWidget):
                caption.setBuddy(field)
                grid.addWidget(field, line, 1)
            else:
                caption.setBuddy(row.phrasing if line == 2 else row.start_date)
                grid.addLayout(field, line, 1)
        tools = QVBoxLayout()
        tools.setSpacing(2)
        for button in (row.up, row.down, row.remove):
            tools.addWidget(button)
        tools.addStretch(1)
        grid.addLayout(tools, 0, 2, 4, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(row.reading, 4, 0, 1, 3)
        grid.addWidget(row.error, 5, 0, 1, 3)
        row.tools = card
        self.cards.addWidget(card)
        card.show()  # at once, not when the layout's queued show runs
        # Tab goes through the new card after the previous one (or after what precedes
        # the positions, e.g. Notes), then on to "Add Position": a new widget would
        # otherwise land at the end of the window's focus chain.
        chain: list[QWidget] = [
            self.rows[-1].remove if self.rows else self._tab_predecessor(),
            row.title,
            row.organization,
            row.phrasing,
            row.is_current,
            row.start_date,
            row.end_date,
            row.up,
            row.down,
            row.remove,
            self.add_button,
        ]
        if chain[0] is self.add_button:
            chain = chain[1:]  # nothing before the positions (a positions editor alone)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for signal in (
            row.title.textChanged,
            row.start_date.textChanged,
            row.end_date.textChanged,
            row.phrasing.currentIndexChanged,
            row.is_current.toggled,
            row.organization.value_changed,
        ):
            signal.connect(self._changed)
        row.up.clicked.connect(lambda: self.move(self._index_of(row), -1))
        row.down.clicked.connect(lambda: self.move(self._index_of(row), 1))
        row.remove.clicked.connect(lambda: self.remove_position(self._index_of(row)))
        self.rows.append(row)

    def _tab_predecessor(self) -> QWidget:
        """The input Tab reaches just before "Add Position" (Notes on the person form)."""
        widget = self.add_button.previousInFocusChain()
        while widget is not self.add_button and not (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget = widget.previousInFocusChain()
        return widget

    def _index_of(self, row: PositionRow) -> int:
        return self.rows.index(row)

    def _pop_row(self) -> None:
        row = self.rows.pop()
        if row.tools is not None:
            self.cards.removeWidget(row.tools)
            row.tools.hide()
            row.tools.deleteLater()

    def set_read_only(self, read_only: bool) -> None:
        """Show the positions without inputs that invite changes (a read-only database)."""
        self._read_only = read_only
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.empty.setVisible(not self.rows)
        editable = not self._read_only
        self.add_button.setVisible(editable)
        for index, row in enumerate(self.rows):
            row.up.setEnabled(editable and index > 0)
            row.down.setEnabled(editable and index < len(self.rows) - 1)
            row.remove.setEnabled(editable)
            for edit in (row.title, row.organization, row.start_date, row.end_date):
                edit.setReadOnly(not editable)
            row.phrasing.setEnabled(editable)
            row.is_current.setEnabled(editable)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.value_changed.emit(self.positions())

    # Readings and errors --------------------------------------------------------------

    def update_readings(self, directory: Directory, on: dt.date) -> None:
        for row in self.rows:
            record = row.record()
            text = position_reading(record, on, directory) if record.title.strip() else ""
            row.reading.setText(f"Reads: {text}" if text else "")
            row.reading.setVisible(bool(text))

    def show_error(self, field: str, message: str) -> bool:
        match = NESTED.match(field)
        if not match:
            return False
        index, name = int(match.group(1)), match.group(2)
        if not 0 <= index < len(self.rows):
            return False
        row = self.rows[index]
        widget = row.fields.get(name, row.title)
        mark_invalid(widget, True)
        text = f"{row.error.text()} {message}".strip()
        row.error.setText(text)
        row.error.setVisible(True)
        return True

    def clear_errors(self) -> None:
        for row in self.rows:
            for widget in row.fields.values():
                mark_invalid(widget, False)
            row.error.clear()
            row.error.setVisible(False)

    def error_text(self, index: int) -> str:
        row = self.rows[index]
        return row.error.text() if row.error.isVisibleTo(self) else ""
