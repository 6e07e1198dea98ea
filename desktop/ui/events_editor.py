"""The event form: details, organizations, participants in protocol order, the release's
first paragraph as you type, and the actions that start from an event (duplicate, release).

Everything on the form — details, table rows, roles, order, cited positions — is one
``EventRecord`` saved in one transaction through the shared ``Editor`` lifecycle.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)
from sqlalchemy.orm import Session

from db import event_ops, queries, repository
from db.errors import FieldError, ForumDeskError, ValidationError
from db.models import EventKind, OrgRole, ParticipantRole
from db.records import EventRecord, HouseStyleRecord, PersonRecord
from db.session import Database
from desktop.press import compose, phrases
from desktop.ui import dialogs
from desktop.ui.editor import Editor, error_label, mark_invalid
from desktop.ui.events_paste import PasteParticipantsDialog
from desktop.ui.events_person_dialog import ParticipantSource
from desktop.ui.events_tables import (
    OrderedRowsModel,
    OrganizationRow,
    OrganizationsModel,
    ParticipantRow,
    ParticipantsModel,
    RoleDelegate,
)
from desktop.ui.lookup import LookupEdit, OrganizationSource
from desktop.ui.smart_quotes import SmartQuotesLineEdit, SmartQuotesTextEdit
from desktop.ui.widgets import enum_combo, plain_label, plain_tip, set_combo_value

PREVIEW_DELAY_MS = 150
# ISO, the day-first forms, and the month-first forms of English registration lists
# ("Dec 1, 2023", "December 1 2023").  A slash date is day-first (19/11/2021).
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d %b, %Y",
    "%d %B, %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
)


def parse_date(text: str) -> dt.date:
    """A typed date: ISO (2021-11-19) or the common day-first forms; ValueError if not."""
    text = " ".join(text.split())
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(
        f"‘{text}’ is not a date: write it as 2021-11-19 or pick it from the calendar."
    )


class DateField(QWidget):
    """A date typed as text (empty allowed) with a calendar pop-up button."""

    value_changed = Signal(object)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaximumWidth(130)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip("Pick from the calendar")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button.setMenu(menu)
        self.hint = plain_label()
        self.hint.setProperty("role", "muted")
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addWidget(self.hint, 1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._changed)
        self.calendar.clicked.connect(self._picked)

    def setObjectName(self, name: str) -> None:
        super().setObjectName(f"{name}_field")
        self.edit.setObjectName(name)
        self.button.setObjectName(f"{name}_calendar")

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.button.setAccessibleName(f"{name}: calendar")

    def text(self) -> str:
        return self.edit.text().strip()

    def value(self) -> dt.date | None:
        """The date, or None when empty or not a date (see ``problem``)."""
        try:
            return parse_date(self.text()) if self.text() else None
        except ValueError:
            return None

    def problem(self) -> str:
        """One sentence when the text is not a date, else ""."""
        if not self.text():
            return ""
        try:
            parse_date(self.text())
        except ValueError as exc:
            return str(exc)
        return ""

    def set_value(self, value: dt.date | None) -> None:
        self.edit.setText(value.isoformat() if value else "")

    def _sync_calendar(self) -> None:
        value = self.value() or dt.date.today()
        self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def _picked(self, date: QDate) -> None:
        self.edit.setText(date.toString("yyyy-MM-dd"))
        menu = self.button.menu()
        if menu is not None:
            menu.hide()

    def _changed(self, _text: str) -> None:
        value = self.value()
        if value is not None:
            self.hint.setText(value.strftime("%A, %-d %B %Y"))
        else:
            # Said at once rather than only on Save: the reading is how the user checks
            # that "01/12/2023" was taken as 1 December.
            self.hint.setText("not a date yet" if self.text() else "")
        self.value_changed.emit(value)


class OrganizationPicker(QDialog):
    """Tick several organizations and add them in one go, all in one role."""

    finished_with = Signal(list, str)
    """(organization ids in the order ticked, role) — or ([], "") when cancelled."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organization_picker")
        self.setWindowTitle("Add Organizations")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self._ticked: list[int] = []
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setObjectName("picker_search")
        self.search.setAccessibleName("Find organizations")
        self.search.setPlaceholderText("Type to narrow the list…")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("picker_list")
        self.list.setAccessibleName("Organizations")
        self.list.setUniformItemSizes(True)
        self.role = enum_combo(OrgRole)
        self.role.setObjectName("picker_role")
        self.role.setAccessibleName("Role")
        role_row = QHBoxLayout()
        role_row.addWidget(QLabel("Add as:"))
        role_row.addWidget(self.role, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add")
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(role_row)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self.refresh)
        self.list.itemChanged.connect(self._item_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(self._finished)
        self.resize(460, 420)
        self.refresh()

    def refresh(self) -> None:
        with self._database.read() as session:
            found = queries.organization_choices(session, self.search.text(), 300)
        with QSignalBlocker(self.list):
            self.list.clear()
            for choice in found:
                text = f"{choice.label}  —  {choice.detail}" if choice.detail else choice.label
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, choice.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = choice.id in self._ticked
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.list.addItem(item)

    def tick(self, label_start: str) -> None:
        """Tick the first listed organization whose label starts with the text (tests)."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.text().startswith(label_start):
                item.setCheckState(Qt.CheckState.Checked)
                return
        raise LookupError(label_start)

    def _item_changed(self, item: QListWidgetItem) -> None:
        org_id = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked and org_id not in self._ticked:
            self._ticked.append(org_id)
        elif item.checkState() != Qt.CheckState.Checked and org_id in self._ticked:
            self._ticked.remove(org_id)

    def _finished(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.finished_with.emit(list(self._ticked), str(self.role.currentData()))
        else:
            self.finished_with.emit([], "")


def _small_button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(tip)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    return button


def _setup_table(view: QTableView, model: OrderedRowsModel[object], name: str) -> None:
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.SelectedClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)
    view.setDragDropOverwriteMode(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(True)


class StaleNotice(QFrame):
    """ "Mr. CAO Cong was last recorded as … in 2019 — still correct?" [Keep] [Positions…]"""

    keep_clicked = Signal(int)
    open_clicked = Signal(int)

    def __init__(self, person_id: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_id = person_id
        self.setObjectName(f"stale_notice_{person_id}")
        self.setProperty("role", "notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "StaleNotice { background: #fff8e1; border: 1px solid #e6c96b; border-radius: 4px; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = plain_label(text, object_name="stale_text")
        self.label.setWordWrap(True)
        self.keep = _small_button("Keep It", "keep_button", "Keep the recorded position")
        self.open = _small_button(
            "Open Positions…", "open_positions_button", "Open the person’s positions"
        )
        row.addWidget(self.label, 1)
        row.addWidget(self.keep)
        row.addWidget(self.open)
        self.keep.clicked.connect(lambda: self.keep_clicked.emit(self.person_id))
        self.open.clicked.connect(lambda: self.open_clicked.emit(self.person_id))


class EventEditor(Editor[EventRecord]):
    """The event form (see the module docstring)."""

    what = "event"
    history_table = "event"

    release_created = Signal(int)
    """A draft release was created from this event (its id)."""
    duplicated = Signal(int)
    """A copy of the event was saved (its id)."""
    open_person_requested = Signal(int)
    """The user wants to see a person's positions (person id)."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        self._style: HouseStyleRecord | None = None
        super().__init__(database, parent)
        self.setObjectName("event_editor")
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.person_source = ParticipantSource()
        self._build_actions()
        self._build_details()
        self._build_organizations()
        self._build_participants()
        self.content_layout.addStretch(1)
        self._build_preview()
        self._show_loaded(self.blank_record())

    # Building -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.duplicate_button = _small_button(
            "D&uplicate…", "duplicate_button", "Duplicate this event on a new date"
        )
        self.release_button = _small_button(
            "New Re&lease from This Event",
            "new_release_button",
            "Create a draft release from this event",
        )
        row.addStretch(1)
        row.addWidget(self.duplicate_button)
        row.addWidget(self.release_button)
        self.content_layout.addLayout(row)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.release_button.clicked.connect(self.new_release)

    def _build_details(self) -> None:
        box = QGroupBox("Details")
        box.setObjectName("details_group")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = SmartQuotesLineEdit()
        self.title_edit.setPlaceholderText("Seminar on International Cooperation in …")
        self.add_field(form, "&Title:", self.title_edit, "title")
        self.title_takes_the = QCheckBox("Write “the” before the title in running text")
        self.add_field(form, "", self.title_takes_the, "title_takes_the")
        self.kind_combo = enum_combo(EventKind)
        self.add_field(form, "&Kind:", self.kind_combo, "kind")
        self.start_field = DateField("2021-11-19")
        self.add_field(form, "&Start:", self.start_field, "start_date")
        self.end_field = DateField("one day")
        self.end_field.setToolTip("Leave empty for a one-day event.")
        self.add_field(form, "&End:", self.end_field, "end_date")
        self.city_edit = QLineEdit()
        self.add_field(form, "C&ity:", self.city_edit, "city")
        self.venue_edit = SmartQuotesLineEdit()
        self.add_field(form, "&Venue:", self.venue_edit, "venue")
        self.attendance_edit = SmartQuotesLineEdit()
        self.attendance_edit.setPlaceholderText(
            "more than 30 representatives from AI enterprises based in Shenzhen"
        )
        self.add_field(form, "&Attendance:", self.attendance_edit, "attendance_note")
        self.summary_edit = SmartQuotesTextEdit()
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.add_field(form, "Su&mmary:", self.summary_edit, "summary")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.add_field(form, "&Notes:", self.notes_edit, "notes")
        self.content_layout.addWidget(box)

    def _build_organizations(self) -> None:
        box = QGroupBox("Organizations")
        box.setObjectName("organizations_group")
        layout = QVBoxLayout(box)
        self.org_model = OrganizationsModel(self)
        self.org_table = QTableView()
        _setup_table(self.org_table, self.org_model, "organizations_table")  # type: ignore[arg-type]
        self.org_table.setAccessibleName("Organizations of the event")
        self.org_table.setItemDelegateForColumn(
            OrganizationsModel.ROLE, RoleDelegate(OrgRole, self.org_table)
        )
        # The name takes the width the role leaves (the role is never pushed out of view).
        org_header = self.org_table.horizontalHeader()
        org_header.setStretchLastSection(False)
        org_header.setSectionResizeMode(
            OrganizationsModel.ORGANIZATION, QHeaderView.ResizeMode.Stretch
        )
        self.org_table.setColumnWidth(OrganizationsModel.ROLE, 150)
        self.org_table.setMinimumHeight(self.org_table.verticalHeader().defaultSectionSize() * 5)
        self.org_up = _small_button("Up", "org_up_button", "Move the organization up")
        self.org_down = _small_button("Down", "org_down_button", "Move the organization down")
        self.org_remove = _small_button("Remove", "org_remove_button", "Remove the organization")
        side = QVBoxLayout()
        for button in (self.org_up, self.org_down, self.org_remove):
            side.addWidget(button)
        side.addStretch(1)
        table_row = QHBoxLayout()
        table_row.addWidget(self.org_table, 1)
        table_row.addLayout(side)
        layout.addLayout(table_row)

        add_row = QHBoxLayout()
        self.org_lookup = LookupEdit(self.database, OrganizationSource())
        self.org_lookup.setObjectName("add_organization")
        self.org_lookup.setAccessibleName("Add organization")
        self.org_lookup.setPlaceholderText("Add an organization: type its name or acronym…")
        self.org_role = enum_combo(OrgRole)
        self.org_role.setObjectName("add_organization_role")
        self.org_role.setAccessibleName("Role of the organization to add")
        self.org_pick = _small_button(
            "Add Several…", "add_several_button", "Pick several organizations at once"
        )
        add_row.addWidget(self.org_lookup, 1)
        add_row.addWidget(QLabel("as"))
        add_row.addWidget(self.org_role)
        add_row.addWidget(self.org_pick)
        layout.addLayout(add_row)
        self.org_message = error_label("organizations_error")
        layout.addWidget(self.org_message)
        self.host_warning = plain_label(
            "No host or co-host yet: the release’s first paragraph needs one.",
            object_name="host_warning",
        )
        self.host_warning.setProperty("role", "warning")
        self.host_warning.setVisible(False)
        layout.addWidget(self.host_warning)
        self.content_layout.addWidget(box)

        self.org_model.rows_changed.connect(self.changed)
        self.org_lookup.value_changed.connect(self._org_picked)
        self.org_up.clicked.connect(lambda: self._move(self.org_table, self.org_model, -1))
        self.org_down.clicked.connect(lambda: self._move(self.org_table, self.org_model, +1))
        self.org_remove.clicked.connect(lambda: self._remove(self.org_table, self.org_model))
        self.org_pick.clicked.connect(self.open_picker)
        self.picker: OrganizationPicker | None = None

    def _build_participants(self) -> None:
        box = QGroupBox("Participants (in protocol order)")
        box.setObjectName("participants_group")
        layout = QVBoxLayout(box)
        self.part_model = ParticipantsModel(self)
        self.part_table = QTableView()
        _setup_table(self.part_table, self.part_model, "participants_table")  # type: ignore[arg-type]
        self.part_table.setAccessibleName("Participants of the event")
        self.part_table.setItemDelegateForColumn(
            ParticipantsModel.ROLE, RoleDelegate(ParticipantRole, self.part_table)
        )
        self.part_table.setColumnWidth(ParticipantsModel.NAME, 150)
        self.part_table.setColumnWidth(ParticipantsModel.ROLE, 95)
        self.part_table.setMinimumHeight(self.part_table.verticalHeader().defaultSectionSize() * 11)
        self.part_up = _small_button("Up", "part_up_button", "Move the participant up")
        self.part_down = _small_button("Down", "part_down_button", "Move the participant down")
        self.part_sort = _small_button(
            "Sort by Role", "sort_by_role_button", "Sort by role, then the current order"
        )
        self.part_remove = _small_button("Remove", "part_remove_button", "Remove the participant")
        side = QVBoxLayout()
        for button in (self.part_up, self.part_down, self.part_sort, self.part_remove):
            side.addWidget(button)
        side.addStretch(1)
        table_row = QHBoxLayout()
        table_row.addWidget(self.part_table, 1)
        table_row.addLayout(side)
        layout.addLayout(table_row)

        add_row = QHBoxLayout()
        self.person_lookup = LookupEdit(self.database, self.person_source)
        self.person_lookup.setObjectName("add_participant")
        self.person_lookup.setAccessibleName("Add participant")
        self.person_lookup.setPlaceholderText(
            "Add a participant: type a name, Chinese name or organization…"
        )
        self.part_role = enum_combo(ParticipantRole)
        self.part_role.setObjectName("add_participant_role")
        self.part_role.setAccessibleName("Role of the participant to add")
        self.paste_button = _small_button(
            "Paste from Spreadsheet…",
            "paste_participants_button",
            "Add participants from rows copied in a registration spreadsheet",
        )
        add_row.addWidget(self.person_lookup, 1)
        add_row.addWidget(QLabel("as"))
        add_row.addWidget(self.part_role)
        layout.addLayout(add_row)
        # On a row of its own: the lookup keeps the width to show what is typed.
        paste_row = QHBoxLayout()
        paste_row.addWidget(self.paste_button)
        paste_row.addStretch(1)
        layout.addLayout(paste_row)
        self.part_message = error_label("participants_error")
        layout.addWidget(self.part_message)
        self.notices = QVBoxLayout()
        self.notices.setSpacing(4)
        layout.addLayout(self.notices)
        self._notice_widgets: dict[int, StaleNotice] = {}

        # The selected participant: positions cited, or a free-text affiliation.
        self.cited_box = QGroupBox("Cited for this event")
        self.cited_box.setObjectName("cited_group")
        cited = QFormLayout(self.cited_box)
        self.cited_list = QListWidget()
        self.cited_list.setObjectName("cited_positions")
        self.cited_list.setAccessibleName("Positions cited for this event")
        self.cited_list.setWordWrap(True)
        self.cited_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.cited_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cited_list.setMaximumHeight(self.fontMetrics().height() * 5 + 12)
        self.affiliation_edit = QLineEdit()
        self.affiliation_edit.setObjectName("affiliation")
        self.affiliation_edit.setAccessibleName("Free-text affiliation")
        self.affiliation_edit.setPlaceholderText("Instead of the positions, e.g. “a historian”")
        cited.addRow("Positions:", self.cited_list)
        cited.addRow("Or affiliation:", self.affiliation_edit)
        self.cited_box.setEnabled(False)
        layout.addWidget(self.cited_box)
        self.content_layout.addWidget(box)

        self.part_model.rows_changed.connect(self.changed)
        self.person_lookup.value_changed.connect(self._person_picked)
        self.part_up.clicked.connect(lambda: self._move(self.part_table, self.part_model, -1))
        self.part_down.clicked.connect(lambda: self._move(self.part_table, self.part_model, +1))
        self.part_sort.clicked.connect(self.sort_by_role)
        self.paste_button.clicked.connect(self.open_paste)
        self.paste_dialog: PasteParticipantsDialog | None = None
        self.part_remove.clicked.connect(lambda: self._remove(self.part_table, self.part_model))
        self.part_table.selectionModel().currentRowChanged.connect(self._show_cited)
        self.part_model.modelReset.connect(self._show_cited)
        self.part_model.rowsMoved.connect(self._show_cited)
        self.cited_list.itemChanged.connect(self._cited_changed)
        self.affiliation_edit.textEdited.connect(self._affiliation_edited)

    def _build_preview(self) -> None:
        strip = QFrame()
        strip.setObjectName("preview_strip")
        strip.setProperty("role", "preview")
        strip.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(strip)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(2)
        caption = plain_label("First paragraph of the release", object_name="preview_caption")
        caption.setProperty("role", "muted")
        self.preview = plain_label(object_name="preview_text")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setAccessibleName("Generated first paragraph")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setStyleSheet("QLabel { color: #1f2d3d; }")
        text_scroll = QScrollArea()
        text_scroll.setObjectName("preview_scroll")
        text_scroll.setWidgetResizable(True)
        text_scroll.setFrameShape(QFrame.Shape.NoFrame)
        text_scroll.viewport().setAutoFillBackground(False)
        self.preview.setAutoFillBackground(False)
        text_scroll.setWidget(self.preview)
        column.addWidget(caption)
        column.addWidget(text_scroll, 1)
        strip.setStyleSheet(
            "QFrame#preview_strip { background: #f7f9fc; border: none;"
            " border-top: 1px solid #c9d3e0; }"
        )
        # The form and the preview share the height; the user can drag the divider.
        self.body_splitter = QSplitter(Qt.Orientation.Vertical)
        self.body_splitter.setObjectName("event_body_splitter")
        self.body_splitter.setChildrenCollapsible(False)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.replaceWidget(self.scroll, self.body_splitter)
        self.body_splitter.addWidget(self.scroll)
        self.body_splitter.addWidget(strip)
        self.body_splitter.setStretchFactor(0, 1)
        self.body_splitter.setStretchFactor(1, 0)
        self.body_splitter.setSizes([560, 120])
        strip.setMinimumHeight(70)

    # Editor hooks ---------------------------------------------------------------------

    def blank_record(self) -> EventRecord:
        return EventRecord(start_date=dt.date.today())

    def read(self, session: Session, record_id: int) -> EventRecord:
        return repository.get_event(session, record_id)

    def write(self, session: Session, record: EventRecord) -> EventRecord:
        problems = [
            FieldError(name, field.problem())
            for name, field in (("start_date", self.start_field), ("end_date", self.end_field))
            if field.problem()
        ]
        if problems:
            raise ValidationError(problems)
        return repository.save_event(session, record)

    def remove(self, session: Session, record_id: int) -> None:
        repository.delete_event(session, record_id)

    def record_name(self, record: EventRecord) -> str:
        title = " ".join(record.title.split())
        return title or "this event"

    def show_record(self, record: EventRecord) -> None:
        self.title_edit.setText(record.title)
        self.title_edit.setCursorPosition(0)  # a long title shows its start
        self.title_takes_the.setChecked(record.title_takes_the)
        set_combo_value(self.kind_combo, record.kind)
        self.start_field.set_value(record.start_date)
        self.end_field.set_value(record.end_date)
        self.city_edit.setText(record.city)
        self.venue_edit.setText(record.venue)
        self.attendance_edit.setText(record.attendance_note)
        self.attendance_edit.setCursorPosition(0)
        self.summary_edit.setPlainText(record.summary)
        self.notes_edit.setPlainText(record.notes)
        with self.database.read() as session:
            self._style = repository.get_house_style(session)
            org_rows = [
                OrganizationRow(
                    o.organization_id,
                    queries.organization_label(session, o.organization_id),
                    o.role,
                )
                for o in record.organizations
            ]
            part_rows = []
            for p in record.participants:
                person = self._person(session, p.person_id)
                part_rows.append(
                    ParticipantRow(
                        person_id=p.person_id,
                        name=queries.person_label(session, p.person_id),
                        person=person,
                        role=p.role,
                        cited_position_ids=p.cited_position_ids,
                        affiliation=p.affiliation,
                    )
                )
        self.org_model.set_rows(org_rows)
        self.part_model.set_rows(part_rows)
        self.org_lookup.set_value(None)
        self.person_lookup.set_value(None)
        self.org_message.setVisible(False)
        self.part_message.setVisible(False)
        self._sync_notices()
        self.refresh_preview()

    def collect(self, loaded: EventRecord) -> EventRecord:
        return replace(
            loaded,
            title=self.title_edit.text(),
            title_takes_the=self.title_takes_the.isChecked(),
            kind=str(self.kind_combo.currentData()),
            start_date=self.start_field.value(),
            end_date=self.end_field.value(),
            city=self.city_edit.text(),
            venue=self.venue_edit.text(),
            attendance_note=self.attendance_edit.text(),
            summary=self.summary_edit.toPlainText(),
            notes=self.notes_edit.toPlainText(),
            organizations=self.org_model.records(),
            participants=self.part_model.records(),
        )

    def changed(self, *args: object) -> None:
        super().changed(*args)
        # A date that is not a date leaves the record as loaded, but it is still an edit
        # (Save must say what is wrong rather than do nothing).
        if not self._loading and (self.start_field.problem() or self.end_field.problem()):
            self._set_dirty(True)

    def update_previews(self) -> None:
        self.host_warning.setVisible(
            bool(self.org_model.rowCount() or self.part_model.rowCount())
            and not event_ops.has_host(self.current())
        )
        has_id = self.record_id is not None
        writable = not self.read_only
        self.duplicate_button.setEnabled(has_id and writable)
        self.release_button.setEnabled((has_id or self.is_dirty()) and writable)
        self._preview_timer.start()

    def _show_read_only(self) -> None:
        """A read-only database: besides the inputs, nothing that would change the event
        (rows, order, roles, cited positions) or start from it (duplicate, release) is
        offered; reading, selecting rows and copying stay possible."""
        super()._show_read_only()
        tip = "This database is open read-only."
        for button in (
            self.duplicate_button,
            self.release_button,
            self.org_up,
            self.org_down,
            self.org_remove,
            self.org_pick,
            self.part_up,
            self.part_down,
            self.part_sort,
            self.part_remove,
            self.paste_button,
            self.org_role,
            self.part_role,
        ):
            button.setEnabled(False)
            button.setToolTip(tip)
        for lookup in (self.org_lookup, self.person_lookup):
            lookup.setReadOnly(True)
            lookup.setPlaceholderText("")
        self.affiliation_edit.setReadOnly(True)
        for table in (self.org_table, self.part_table):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setDragEnabled(False)
            table.setAcceptDrops(False)
            table.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self._show_cited()

    def show_nested_error(self, field: str, message: str) -> bool:
        match = re.match(r"(organizations|participants)\[(\d+)\]", field)
        if field in ("participants", "organizations") or match:
            which = match.group(1) if match else field
            table, label = (
                (self.part_table, self.part_message)
                if which == "participants"
                else (self.org_table, self.org_message)
            )
            label.setText(message)
            label.setVisible(True)
            mark_invalid(table, True)
            if match:
                table.selectRow(int(match.group(2)))
            return True
        return False

    def clear_nested_errors(self) -> None:
        for table, label in (
            (self.part_table, self.part_message),
            (self.org_table, self.org_message),
        ):
            label.clear()
            label.setVisible(False)
            mark_invalid(table, False)

    # Preview and printed lines ---------------------------------------------------------

    def style_record(self, session: Session) -> HouseStyleRecord:
        if self._style is None:
            self._style = repository.get_house_style(session)
        return self._style

    def refresh_preview(self) -> None:
        """Compose the first paragraph and every participant's line now."""
        self._preview_timer.stop()
        record = self.current()
        try:
            with self.database.read() as session:
                style = self.style_record(session)
                template = event_ops.release_template_for(session, record)
                lead = compose.compose_lead(session, record, style, template, html=False)
                lines = compose.participant_lines(session, record, style, template)
        except ForumDeskError as exc:
            self.preview.setText(str(exc))
            return
        self.preview.setText(lead.text or "Add a title and a date to see the first paragraph.")
        for number, row in enumerate(self.part_model.rows()):
            self.part_model.update_quietly(
                number, replace(row, line=lines.get(row.person_id, row.name))
            )
        self._sync_notices()

    def preview_text(self) -> str:
        """The first paragraph as shown now (composed at once, not after the pause)."""
        if self._preview_timer.isActive():
            self.refresh_preview()
        return self.preview.text()

    # Organizations ---------------------------------------------------------------------

    def _org_picked(self, org_id: int | None) -> None:
        if org_id is None:
            return
        self.add_organizations([org_id], str(self.org_role.currentData()))
        self.org_lookup.set_value(None)
        self.org_lookup.clear()

    def add_organizations(self, ids: Sequence[int], role: str) -> None:
        """Add organizations in one role; one already listed in that role is skipped."""
        present = {(r.organization_id, r.role) for r in self.org_model.rows()}
        skipped = []
        with self.database.read() as session:
            for org_id in ids:
                label = queries.organization_label(session, org_id)
                if (org_id, role) in present:
                    skipped.append(label)
                    continue
                present.add((org_id, role))
                self.org_model.append(OrganizationRow(org_id, label, role))
        self.org_message.setText(
            f"{', '.join(skipped)} {'is' if len(skipped) == 1 else 'are'} already listed "
            f"as {OrgRole(role).label.lower()}."
            if skipped
            else ""
        )
        self.org_message.setVisible(bool(skipped))
        if ids and not skipped:
            self.org_table.selectRow(self.org_model.rowCount() - 1)

    def open_picker(self) -> OrganizationPicker:
        self.picker = OrganizationPicker(self.database, self)
        set_combo_value(self.picker.role, self.org_role.currentData())
        self.picker.finished_with.connect(self._picked_several)
        self.picker.open()
        return self.picker

    def _picked_several(self, ids: list[int], role: str) -> None:
        if ids:
            self.add_organizations(ids, role)

    # Participants ----------------------------------------------------------------------

    def _person(self, session: Session, person_id: int) -> PersonRecord:
        try:
            return repository.get_person(session, person_id)
        except ForumDeskError:
            return PersonRecord(id=person_id)

    def _event_date(self) -> dt.date:
        return self.start_field.value() or dt.date.today()

    def _person_picked(self, person_id: int | None) -> None:
        if person_id is None:
            return
        self.add_participant(person_id, str(self.part_role.currentData()))
        self.person_lookup.set_value(None)
        self.person_lookup.clear()

    def _new_row(self, session: Session, person_id: int, role: str) -> ParticipantRow:
        """A participant row with the positions held on the event date cited."""
        person = self._person(session, person_id)
        on = self._event_date()
        cited = tuple(p.id for p in phrases.positions_as_of(person, on) if p.id is not None)
        stale = event_ops.stale_since(session, person_id, on, exclude_event_id=self.record_id)
        return ParticipantRow(
            person_id=person_id,
            name=queries.person_label(session, person_id),
            person=person,
            role=role,
            cited_position_ids=cited,
            stale_since=stale,
        )

    def add_participant(self, person_id: int, role: str) -> bool:
        """Add a person with the positions they held on the event date cited; refused when
        they already take part."""
        with self.database.read() as session:
            if self.part_model.find_person(person_id) is not None:
                name = queries.person_label(session, person_id)
                self.part_message.setText(f"{name} is already a participant of this event.")
                self.part_message.setVisible(True)
                self.part_table.selectRow(self.part_model.find_person(person_id) or 0)
                return False
            row = self._new_row(session, person_id, role)
        self.part_message.setVisible(False)
        number = self.part_model.append(row)
        self.part_table.selectRow(number)
        self.refresh_preview()
        return True

    def add_participants(self, pairs: Sequence[tuple[int, str]]) -> int:
        """Add several people (person id, role) at the end, in order; anyone already taking
        part is left where they are.  The number added."""
        added = 0
        with self.database.read() as session:
            for person_id, role in pairs:
                if self.part_model.find_person(person_id) is None:
                    self.part_model.append(self._new_row(session, person_id, role))
                    added += 1
        if added:
            self.part_message.setVisible(False)
            self.part_table.selectRow(self.part_model.rowCount() - 1)
            self.refresh_preview()
        return added

    def open_paste(self) -> PasteParticipantsDialog | None:
        """Paste from Spreadsheet…: the dialog (window-modal, not blocking)."""
        if self.read_only:
            return None
        present = {row.person_id for row in self.part_model.rows()}
        dialog = PasteParticipantsDialog(
            self.database, present, str(self.part_role.currentData()), self
        )
        dialog.finished_with.connect(self._pasted)
        self.paste_dialog = dialog
        dialog.open()
        return dialog

    def _pasted(self, pairs: list[tuple[int, str]]) -> None:
        dialog, self.paste_dialog = self.paste_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if pairs:
            self.add_participants(pairs)

    def sort_by_role(self) -> None:
        roles = [row.role for row in self.part_model.rows()]
        self.part_model.reorder(event_ops.sort_indices_by_role(roles))

    def _show_cited(self, *_args: object) -> None:
        number = self.part_table.currentIndex().row()
        with QSignalBlocker(self.cited_list):
            self.cited_list.clear()
            if not 0 <= number < self.part_model.rowCount():
                self.cited_box.setEnabled(False)
                self.cited_box.setTitle("Cited for this event")
                self.affiliation_edit.clear()
                return
            row = self.part_model.row(number)
            self.cited_box.setEnabled(True)
            self.cited_box.setTitle(f"Cited for this event: {row.name}")
            on = self._event_date()
            with self.database.read() as session:
                for position in row.person.positions:
                    if position.id is None:
                        continue
                    text = compose.position_reading(session, position, on)
                    item = QListWidgetItem(text or position.title)
                    item.setToolTip(plain_tip(text or position.title))
                    item.setData(Qt.ItemDataRole.UserRole, position.id)
                    if self.read_only:
                        # The ticks are shown, not offered.
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                    else:
                        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    checked = position.id in row.cited_position_ids
                    item.setCheckState(
                        Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    )
                    self.cited_list.addItem(item)
            if not row.person.positions:
                item = QListWidgetItem("No positions recorded; use the affiliation.")
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.cited_list.addItem(item)
        with QSignalBlocker(self.affiliation_edit):
            self.affiliation_edit.setText(row.affiliation)

    def _current_participant(self) -> int | None:
        number = self.part_table.currentIndex().row()
        return number if 0 <= number < self.part_model.rowCount() else None

    def _cited_changed(self, _item: QListWidgetItem) -> None:
        number = self._current_participant()
        if number is None:
            return
        checked = {
            int(self.cited_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.cited_list.count())
            if self.cited_list.item(i).checkState() == Qt.CheckState.Checked
        }
        row = self.part_model.row(number)
        # Cited in the person's own order of positions.
        ids = tuple(p.id for p in row.person.positions if p.id in checked)
        self.part_model.replace_row(number, replace(row, cited_position_ids=ids))

    def _affiliation_edited(self, text: str) -> None:
        number = self._current_participant()
        if number is not None:
            row = self.part_model.row(number)
            self.part_model.replace_row(number, replace(row, affiliation=text))

    def cite(self, person_id: int, position_texts: Sequence[str]) -> None:
        """Tick exactly the positions whose reading starts with one of the texts (tests and
        keyboard users: select the row, then the checkboxes)."""
        number = self.part_model.find_person(person_id)
        if number is None:
            raise LookupError(person_id)
        self.part_table.selectRow(number)
        for i in range(self.cited_list.count()):
            item = self.cited_list.item(i)
            wanted = any(item.text().startswith(t) for t in position_texts)
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    # "Still correct?" ------------------------------------------------------------------

    def _sync_notices(self) -> None:
        wanted: dict[int, str] = {}
        for row in self.part_model.rows():
            if row.needs_check and row.stale_since is not None:
                where = row.line
                if where.startswith(f"{row.name}, "):
                    where = where[len(row.name) + 2 :]
                elif where == row.name:
                    where = "having no position"
                wanted[row.person_id] = (
                    f"{row.name} was last recorded as {where} in {row.stale_since.year} "
                    f"— still correct?"
                )
        for person_id in list(self._notice_widgets):
            if person_id not in wanted:
                self._notice_widgets.pop(person_id).deleteLater()
        for person_id, text in wanted.items():
            notice = self._notice_widgets.get(person_id)
            if notice is None:
                notice = StaleNotice(person_id, text)
                notice.keep_clicked.connect(self.keep_position)
                notice.open_clicked.connect(self.open_person_requested)
                self.notices.addWidget(notice)
                notice.show()  # a layout only shows a late-added child after a queued call
                self._notice_widgets[person_id] = notice
            elif notice.label.text() != text:
                notice.label.setText(text)

    def stale_notices(self) -> dict[int, StaleNotice]:
        return dict(self._notice_widgets)

    def keep_position(self, person_id: int) -> None:
        number = self.part_model.find_person(person_id)
        if number is not None:
            row = self.part_model.row(number)
            self.part_model.update_quietly(number, replace(row, stale_kept=True))
        self._sync_notices()

    # Moving and removing rows ------------------------------------------------------------

    def _move(self, table: QTableView, model: OrderedRowsModel[object], step: int) -> None:
        number = table.currentIndex().row()
        if number < 0:
            return
        if model.move_row(number, number + step):
            table.selectRow(number + step)

    def _remove(self, table: QTableView, model: OrderedRowsModel[object]) -> None:
        number = table.currentIndex().row()
        if number < 0:
            return
        model.remove([number])
        if model.rowCount():
            table.selectRow(min(number, model.rowCount() - 1))
        self.refresh_preview()

    # Actions that start from the event ---------------------------------------------------

    def _saved_first(self, action: str) -> bool:
        """An action that needs the stored event: save the changes first (after asking)."""
        if not self.is_dirty() and self.record_id is not None:
            return True
        if not dialogs.confirm(
            self,
            action,
            f"Save {self.record_name(self.current())} first? {action} starts from the saved event.",
            "Save",
        ):
            return False
        return self.save() and self.record_id is not None

    def new_release(self) -> int | None:
        """Create a draft release linked to the event; emits ``release_created``."""
        if self.read_only or not self._saved_first("New release"):
            return None
        record_id = self.record_id
        assert record_id is not None
        try:
            with self.database.write() as session:
                release = event_ops.new_release_for_event(session, record_id)
        except ForumDeskError as exc:
            dialogs.error(self, "No release was created", str(exc))
            return None
        assert release.id is not None
        self.release_created.emit(release.id)
        return release.id

    def duplicate(self) -> int | None:
        """Ask for the new date (and whether to copy participants), save the copy."""
        if self.read_only or not self._saved_first("Duplicate"):
            return None
        record_id = self.record_id
        assert record_id is not None
        answer = dialogs.ask_duplicate_event(
            self, self.record_name(self.loaded), self.loaded.start_date or dt.date.today()
        )
        if answer is None:
            return None
        new_date, copy_participants = answer
        try:
            with self.database.write() as session:
                copy = event_ops.duplicate_event(session, record_id, new_date, copy_participants)
        except ForumDeskError as exc:
            dialogs.error(self, "The event was not duplicated", str(exc))
            return None
        assert copy.id is not None
        self.duplicated.emit(copy.id)
        return copy.id
