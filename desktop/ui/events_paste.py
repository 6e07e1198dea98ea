"""Paste participants from a registration spreadsheet into the event form.

Staff copy rows in Excel or LibreOffice (or a CSV file) and paste them here.  The preview
says for every row who it is — a person in the records, a new person (at an organization in
the records, or a new one) — or why it cannot be used.  "Add N Participants" creates the
new organizations and people in one transaction and hands the participants to the form,
where they are unsaved rows until the event's Save.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import repository
from db.errors import ForumDeskError
from db.models import ParticipantRole
from db.session import Database
from desktop.exchange import registration
from desktop.exchange.registration import EXISTING, NEW, PROBLEM, SKIPPED, Plan
from desktop.ui.widgets import enum_combo, plain_label, plain_tip, set_combo_value

PARSE_DELAY_MS = 200

_STATUS_COLOUR = {
    EXISTING: "#1e6b3a",
    NEW: "#1d4f91",
    SKIPPED: "#6b6b6b",
    PROBLEM: "#a4262c",
}


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


class PasteParticipantsDialog(QDialog):
    """Paste rows, check the preview, add them (see the module docstring)."""

    finished_with = Signal(list)
    """[(person id, role), …] in pasted order when added; [] when cancelled."""

    LINE, NAME, POSITION, ORGANIZATION, RESULT = range(5)

    def __init__(
        self,
        database: Database,
        present_person_ids: set[int],
        role: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paste_participants_dialog")
        self.setWindowTitle("Paste Participants from a Spreadsheet")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self._present = set(present_person_ids)
        self.plan = Plan(())
        self.added: list[tuple[int, str]] = []
        with database.read() as session:
            self._honorifics = repository.honorifics(session)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        intro = plain_label(
            "Copy the rows in Excel or LibreOffice (or from a CSV file) and paste them below. "
            "A first row naming the columns — Name, Honorific, Family name, Given name, "
            "Chinese name, Title, Organization, Email, Role — is recognised; without one, "
            "the columns are read as name, title, organization."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.text = QPlainTextEdit()
        self.text.setObjectName("paste_text")
        self.text.setAccessibleName("Pasted rows")
        self.text.setPlaceholderText(
            "Name\tTitle\tOrganization\tEmail\n"
            "Mr. CAO Cong\tSecretary General\tSFICE\tcao@example.org"
        )
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setTabChangesFocus(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text.setFont(mono)
        self.text.setTabStopDistance(self.text.fontMetrics().horizontalAdvance(" ") * 18)
        self.text.setFixedHeight(self.text.fontMetrics().height() * 6 + 12)
        layout.addWidget(self.text)

        tools = QHBoxLayout()
        self.paste_button = QPushButton("&Paste from Clipboard")
        self.paste_button.setObjectName("paste_clipboard_button")
        self.paste_button.setAutoDefault(False)
        self.role = enum_combo(ParticipantRole)
        self.role.setObjectName("paste_role")
        self.role.setAccessibleName("Role of rows without one")
        set_combo_value(self.role, role)
        role_caption = QLabel("Rows without a role are added as:")
        role_caption.setBuddy(self.role)
        tools.addWidget(self.paste_button)
        tools.addStretch(1)
        tools.addWidget(role_caption)
        tools.addWidget(self.role)
        layout.addLayout(tools)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("paste_preview")
        self.table.setAccessibleName("What will be added")
        self.table.setHorizontalHeaderLabels(
            ["Row", "Name", "Title", "Organization", "What happens"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(self.LINE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.RESULT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(self.NAME, 170)
        self.table.setColumnWidth(self.POSITION, 150)
        self.table.setColumnWidth(self.ORGANIZATION, 230)
        layout.addWidget(self.table, 1)

        self.summary = plain_label(object_name="paste_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.error = plain_label(object_name="paste_error")
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("paste_buttons")
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setObjectName("paste_add_button")
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PARSE_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.text.textChanged.connect(self._timer.start)
        self.role.currentIndexChanged.connect(self.refresh)
        self.paste_button.clicked.connect(self.paste_clipboard)
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(self._finished)
        self.resize(920, 600)
        self.refresh()

    # Reading ----------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Put pasted text in (as Ctrl+V would) and show the preview at once."""
        self.text.setPlainText(text)
        self.refresh()

    def paste_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if text:
            self.set_text(text)
        self.text.setFocus()

    def refresh(self) -> None:
        """Read the text and match it against the records now."""
        self._timer.stop()
        self.error.setVisible(False)
        sheet = registration.parse_sheet(self.text.toPlainText(), self._honorifics)
        try:
            with self._database.read() as session:
                self.plan = registration.plan(
                    session, sheet, str(self.role.currentData()), self._present
                )
        except ForumDeskError as exc:
            self.plan = Plan(())
            self._show_error(str(exc))
        self._fill_table()
        self._summarise()

    def _fill_table(self) -> None:
        rows = self.plan.rows
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(rows))
            for number, row in enumerate(rows):
                c = row.candidate
                name = row.name
                if c.name_zh and c.name_zh not in name:
                    name = f"{name} ({c.name_zh})" if name else c.name_zh
                role_text = ParticipantRole(row.role).label
                if row.status == EXISTING:
                    result = f"In the records · {role_text}"
                elif row.status == NEW:
                    result = f"New person · {role_text}"
                else:
                    # The sentence says it all ("… is already a participant; skipped.").
                    result = ""
                if row.message:
                    result = f"{result}. {row.message}" if result else row.message
                organization = row.organization if row.status == NEW else c.organization
                if row.status == NEW and row.new_organization:
                    organization = f"{c.organization} · new organization"
                cells = (str(c.line), name, c.title, organization, result)
                colour = QBrush(QColor(_STATUS_COLOUR[row.status]))
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setToolTip(plain_tip(text))
                    if column == self.RESULT:
                        item.setForeground(colour)
                    if column == self.LINE:
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    if row.status in (SKIPPED, PROBLEM) and column != self.RESULT:
                        item.setForeground(QBrush(QColor("#8a8a8a")))
                    if column == self.ORGANIZATION and row.new_organization:
                        font = QFont(item.font())
                        font.setItalic(True)
                        item.setFont(font)
                    self.table.setItem(number, column, item)
        self.table.resizeRowsToContents()

    def _summarise(self) -> None:
        plan = self.plan
        usable = len(plan.usable)
        if not plan.rows:
            self.summary.setText("Nothing pasted yet.")
        else:
            parts = []
            if plan.count(EXISTING):
                parts.append(f"{_plural(plan.count(EXISTING), 'person', 'people')} in the records")
            if plan.count(NEW):
                parts.append(f"{_plural(plan.count(NEW), 'new person', 'new people')}")
            new_orgs = len(plan.new_organizations)
            if new_orgs:
                parts.append(_plural(new_orgs, "new organization"))
            if plan.count(SKIPPED):
                parts.append(f"{plan.count(SKIPPED)} skipped")
            if plan.count(PROBLEM):
                parts.append(f"{plan.count(PROBLEM)} cannot be used")
            text = f"{_plural(len(plan.rows), 'row')}: {', '.join(parts)}."
            if plan.count(NEW) or new_orgs:
                text += (
                    " New people and organizations are added to the records when you click "
                    "Add; the participants are saved with the event."
                )
            if plan.unused_columns:
                text += " Columns not used: " + ", ".join(plan.unused_columns) + "."
            self.summary.setText(text)
        self.add_button.setText(
            f"Add {_plural(usable, 'Participant')}" if usable else "Add Participants"
        )
        self.add_button.setEnabled(usable > 0)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    # Adding -----------------------------------------------------------------------------

    def add(self) -> None:
        """Create what is new in one transaction, then close with the participants."""
        self.refresh()  # what is added is what the records say now
        if not self.plan.usable:
            return
        try:
            with self._database.write() as session:
                added = registration.create_planned(session, self.plan)
        except ForumDeskError as exc:
            self._show_error(f"Nothing was added: {exc}")
            return
        self.added = added
        self.accept()

    def _finished(self, _result: int) -> None:
        self.finished_with.emit(list(self.added))
