"""The People page: a searchable list of people and the person form with positions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db import queries, repository
from db.models import NameOrder
from db.queries import PEOPLE, PersonRow
from db.records import HouseStyleRecord, PersonRecord
from db.session import Database
from desktop.press.phrases import person_name
from desktop.ui.directory import DatabaseDirectory
from desktop.ui.editor import Editor
from desktop.ui.pages import MasterDetailPage
from desktop.ui.positions_editor import PositionsEditor
from desktop.ui.smart_quotes import SmartQuotesLineEdit
from desktop.ui.table_model import Column, WindowedTableModel
from desktop.ui.widgets import (
    day_text,
    enum_combo,
    plain_label,
    plain_tip,
    read_only_list,
    set_combo_value,
)

NAME_ORDER_LABELS = {
    NameOrder.FAMILY_FIRST.value: "Family name first (CHEN Xiaogong)",
    NameOrder.GIVEN_FIRST.value: "Given name first (John SMITH)",
}


def people_columns() -> list[Column[PersonRow]]:
    return [
        Column("Name", lambda r: r.name, "name", 150, tooltip=True),
        Column("Chinese", lambda r: r.name_zh, "name_zh", 60),
        Column(
            "Organization",
            lambda r: r.organization,
            "organization",
            100,
            stretch=True,
            tooltip=True,
        ),
        Column("Title", lambda r: r.title, "title", 110, tooltip=True),
        Column("Email", lambda r: r.email, "email", 110, tooltip=True),
    ]


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(4)
    return form


class PersonEditor(Editor[PersonRecord]):
    what = "person"
    history_table = "person"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self.directory = DatabaseDirectory(database)
        self.house_style = HouseStyleRecord()

        name_box = QGroupBox("Name")
        name_form = form_layout()
        name_box.setLayout(name_form)
        self.honorific = QComboBox()
        self.honorific.setEditable(True)
        self.honorific.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Names reach the release: O'Brien is typed as O’Brien (Ctrl+Z: straight again).
        self.family_name = SmartQuotesLineEdit()
        self.given_name = SmartQuotesLineEdit()
        self.name_order = enum_combo(NameOrder, labels=NAME_ORDER_LABELS)
        self.name_zh = QLineEdit()
        self.add_field(name_form, "&Honorific:", self.honorific, "honorific")
        self.add_field(name_form, "&Family name:", self.family_name, "family_name")
        self.add_field(name_form, "&Given name:", self.given_name, "given_name")
        self.add_field(name_form, "Name &order:", self.name_order, "name_order")
        self.add_field(name_form, "&Chinese name:", self.name_zh, "name_zh")
        self.printed_name = plain_label(object_name="printed_name")
        self.printed_name.setProperty("role", "preview")
        self.printed_name.setAccessibleName("Name as printed")
        # Wraps: a long pasted name must not widen the form beyond the window.
        self.printed_name.setWordWrap(True)
        name_form.addRow("Prints as:", self.printed_name)
        self.content_layout.addWidget(name_box)

        contact_box = QGroupBox("Contact")
        contact_form = form_layout()
        contact_box.setLayout(contact_form)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.add_field(contact_form, "&Email:", self.email, "email")
        self.add_field(contact_form, "&Phone:", self.phone, "phone")
        self.add_field(contact_form, "&Notes:", self.notes, "notes")
        self.content_layout.addWidget(contact_box)

        positions_box = QGroupBox("Positions (in the order they are cited)")
        positions_layout = QVBoxLayout(positions_box)
        self.positions = PositionsEditor(database)
        positions_layout.addWidget(self.positions)
        self.watch(self.positions)
        self.content_layout.addWidget(positions_box)

        events_box = QGroupBox("Events")
        events_layout = QVBoxLayout(events_box)
        self.events = read_only_list("person_events", "Events this person took part in")
        events_layout.addWidget(self.events)
        self.content_layout.addWidget(events_box)
        self.content_layout.addStretch(1)

        self.setTabOrder(self.honorific, self.family_name)
        self.setTabOrder(self.family_name, self.given_name)
        self.setTabOrder(self.given_name, self.name_order)
        self.setTabOrder(self.name_order, self.name_zh)
        self.setTabOrder(self.name_zh, self.email)
        self.setTabOrder(self.email, self.phone)
        self.setTabOrder(self.phone, self.notes)
        self.load(None)

    # Editor hooks ---------------------------------------------------------------------

    def blank_record(self) -> PersonRecord:
        return PersonRecord()

    def read(self, session: Session, record_id: int) -> PersonRecord:
        return repository.get_person(session, record_id)

    def write(self, session: Session, record: PersonRecord) -> PersonRecord:
        return repository.save_person(session, record)

    def remove(self, session: Session, record_id: int) -> None:
        repository.delete_person(session, record_id)

    def show_record(self, record: PersonRecord) -> None:
        self.honorific.setEditText(record.honorific)
        self.family_name.setText(record.family_name)
        self.given_name.setText(record.given_name)
        set_combo_value(self.name_order, record.name_order)
        self.name_zh.setText(record.name_zh)
        self.email.setText(record.email)
        self.phone.setText(record.phone)
        self.notes.setPlainText(record.notes)
        self.positions.set_positions(record.positions)

    def collect(self, loaded: PersonRecord) -> PersonRecord:
        return PersonRecord(
            id=loaded.id,
            version=loaded.version,
            honorific=self.honorific.currentText(),
            family_name=self.family_name.text(),
            given_name=self.given_name.text(),
            name_order=str(self.name_order.currentData()),
            name_zh=self.name_zh.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
            positions=self.positions.positions(),
        )

    def record_name(self, record: PersonRecord) -> str:
        name = person_name(record, self.house_style)
        return name or "the new person"

    def refresh_related(self, session: Session, record: PersonRecord) -> None:
        self.directory.clear()
        self.house_style = repository.get_house_style(session)
        current = self.honorific.currentText()
        self.honorific.blockSignals(True)
        self.honorific.clear()
        self.honorific.addItems(repository.honorifics(session))
        self.honorific.setEditText(current)
        self.honorific.blockSignals(False)
        self.events.clear()
        if record.id is not None:
            for line in queries.person_events(session, record.id):
                text = f"{day_text(line.start_date)}  {line.title} ({line.role})"
                item = QListWidgetItem(text)
                item.setToolTip(plain_tip(text))
                item.setData(Qt.ItemDataRole.UserRole, line.id)
                self.events.addItem(item)
        if not self.events.count():
            self.events.addItem("No events yet.")
            self.events.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def update_previews(self) -> None:
        record = self.current()
        self.printed_name.setText(person_name(record, self.house_style) or "—")
        self.positions.update_readings(self.directory, dt.date.today())

    def show_nested_error(self, field: str, message: str) -> bool:
        return self.positions.show_error(field, message)

    def clear_nested_errors(self) -> None:
        self.positions.clear_errors()


class PeoplePage(MasterDetailPage):
    title = "People"
    settings_key = "people"
    search_placeholder = "Search name, Chinese name, title, organization…"
    default_sizes = (600, 530)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        editor = PersonEditor(database)
        model = WindowedTableModel(database, PEOPLE, people_columns())
        super().__init__(database, model, editor, parent)
        self.person_editor = editor
        self.person_editor.events.itemActivated.connect(self._open_event)

    def first_field(self) -> QWidget | None:
        return self.person_editor.honorific

    def _open_event(self, item: QListWidgetItem) -> None:
        event_id = item.data(Qt.ItemDataRole.UserRole)
        if event_id is not None:
            self.open_requested.emit("events", int(event_id))
