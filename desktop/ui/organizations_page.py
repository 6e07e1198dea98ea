"""The Organizations page: a searchable list and the organization form with live mentions."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db import queries, repository
from db.models import OrgKind, ParentStyle
from db.queries import ORGANIZATIONS, OrganizationRow
from db.records import OrganizationRecord
from db.session import Database
from desktop.press.phrases import first_and_later
from desktop.ui.directory import EDITED_ID, DatabaseDirectory
from desktop.ui.editor import Editor
from desktop.ui.lookup import LookupEdit, OrganizationSource
from desktop.ui.pages import MasterDetailPage
from desktop.ui.people_page import form_layout
from desktop.ui.table_model import Column, WindowedTableModel
from desktop.ui.widgets import enum_combo, plain_label, read_only_list, set_combo_value

PARENT_STYLE_LABELS = {
    ParentStyle.STANDALONE.value: "On its own (Shenzhen Foreign Affairs Office)",
    ParentStyle.POSSESSIVE.value: "Parent’s unit (Tsinghua University’s Institute …)",
    ParentStyle.OF.value: "Unit of the parent (the Office … of the CPC Central Committee)",
    ParentStyle.AT.value: "Unit at the parent (the School … at Nanjing University)",
}


def organization_columns() -> list[Column[OrganizationRow]]:
    return [
        Column("Name", lambda r: r.name, "name", 260, tooltip=True),
        Column("Acronym", lambda r: r.acronym, "acronym", 80),
        Column("Kind", lambda r: r.kind, "kind", 130),
        Column("Parent", lambda r: r.parent, "parent", 170, tooltip=True),
        Column("City", lambda r: r.city, "city", 90),
    ]


class OrganizationEditor(Editor[OrganizationRecord]):
    what = "organization"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self.directory = DatabaseDirectory(database)

        box = QGroupBox("Organization")
        form = form_layout()
        box.setLayout(form)
        self.name = QLineEdit()
        self.acronym = QLineEdit()
        self.acronym.setMaximumWidth(160)
        self.name_zh = QLineEdit()
        self.kind = enum_combo(OrgKind)
        self.parent_lookup = LookupEdit(
            database, OrganizationSource(exclude_id=lambda: self.record_id)
        )
        self.parent_style = enum_combo(ParentStyle, labels=PARENT_STYLE_LABELS)
        self.takes_the = QCheckBox("Write “the” before the name in running text")
        self.add_field(form, "&Name:", self.name, "name")
        self.add_field(form, "&Acronym:", self.acronym, "acronym")
        self.add_field(form, "C&hinese name:", self.name_zh, "name_zh")
        self.add_field(form, "&Kind:", self.kind, "kind")
        self.add_field(form, "&Parent:", self.parent_lookup, "parent_id")
        self.add_field(form, "&Under its parent:", self.parent_style, "parent_style")
        self.add_field(form, "Article:", self.takes_the, "takes_the")
        self.content_layout.addWidget(box)

        mentions = QGroupBox("In a release")
        mentions_form = form_layout()
        mentions.setLayout(mentions_form)
        self.first_mention = plain_label(object_name="first_mention")
        self.first_mention.setAccessibleName("First mention")
        self.later_mention = plain_label(object_name="later_mention")
        self.later_mention.setAccessibleName("Later mentions")
        for label in (self.first_mention, self.later_mention):
            label.setProperty("role", "preview")
            label.setWordWrap(True)
        mentions_form.addRow("First mention:", self.first_mention)
        mentions_form.addRow("Later mentions:", self.later_mention)
        self.content_layout.addWidget(mentions)

        where = QGroupBox("Where and notes")
        where_form = form_layout()
        where.setLayout(where_form)
        self.city = QLineEdit()
        self.country = QLineEdit()
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.add_field(where_form, "C&ity:", self.city, "city")
        self.add_field(where_form, "C&ountry:", self.country, "country")
        self.add_field(where_form, "&Website:", self.website, "website")
        self.add_field(where_form, "No&tes:", self.notes, "notes")
        self.content_layout.addWidget(where)

        related = QGroupBox("Related")
        related_layout = QHBoxLayout(related)
        self.sub_units = read_only_list("sub_units", "Sub-units")
        self.people = read_only_list("organization_people", "People with positions here")
        self.events = read_only_list("organization_events", "Events")
        for title, widget in (
            ("Sub-units", self.sub_units),
            ("People", self.people),
            ("Events", self.events),
        ):
            column = QVBoxLayout()
            caption = plain_label(title)
            caption.setProperty("role", "column-header")
            column.addWidget(caption)
            column.addWidget(widget)
            related_layout.addLayout(column, 1)
        self.content_layout.addWidget(related)
        self.content_layout.addStretch(1)

        order = [
            self.name,
            self.acronym,
            self.name_zh,
            self.kind,
            self.parent_lookup,
            self.parent_style,
            self.takes_the,
            self.city,
            self.country,
            self.website,
            self.notes,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self.load(None)

    # Editor hooks ---------------------------------------------------------------------

    def blank_record(self) -> OrganizationRecord:
        return OrganizationRecord()

    def read(self, session: Session, record_id: int) -> OrganizationRecord:
        return repository.get_organization(session, record_id)

    def write(self, session: Session, record: OrganizationRecord) -> OrganizationRecord:
        return repository.save_organization(session, record)

    def remove(self, session: Session, record_id: int) -> None:
        repository.delete_organization(session, record_id)

    def show_record(self, record: OrganizationRecord) -> None:
        self.name.setText(record.name)
        self.acronym.setText(record.acronym)
        self.name_zh.setText(record.name_zh)
        set_combo_value(self.kind, record.kind)
        self.parent_lookup.set_value(record.parent_id)
        set_combo_value(self.parent_style, record.parent_style)
        self.takes_the.setChecked(record.takes_the)
        self.city.setText(record.city)
        self.country.setText(record.country)
        self.website.setText(record.website)
        self.notes.setPlainText(record.notes)

    def collect(self, loaded: OrganizationRecord) -> OrganizationRecord:
        return OrganizationRecord(
            id=loaded.id,
            version=loaded.version,
            name=self.name.text(),
            acronym=self.acronym.text(),
            name_zh=self.name_zh.text(),
            kind=str(self.kind.currentData()),
            parent_id=self.parent_lookup.value(),
            parent_style=str(self.parent_style.currentData()),
            takes_the=self.takes_the.isChecked(),
            city=self.city.text(),
            country=self.country.text(),
            website=self.website.text(),
            notes=self.notes.toPlainText(),
        )

    def record_name(self, record: OrganizationRecord) -> str:
        return record.name.strip() or "the new organization"

    def refresh_related(self, session: Session, record: OrganizationRecord) -> None:
        self.directory.clear()
        for widget in (self.sub_units, self.people, self.events):
            widget.clear()
        if record.id is not None:
            for unit in queries.organization_sub_units(session, record.id):
                text = f"{unit.name} ({unit.acronym})" if unit.acronym else unit.name
                self._add(self.sub_units, text, unit.id)
            for holder in queries.organization_people(session, record.id):
                former = "" if holder.is_current else "former "
                self._add(self.people, f"{holder.name} — {former}{holder.title}", holder.person_id)
            for line in queries.organization_events(session, record.id):
                self._add(
                    self.events, f"{line.start_date:%Y-%m-%d}  {line.title} ({line.role})", line.id
                )
        for widget, empty in (
            (self.sub_units, "No sub-units."),
            (self.people, "No one yet."),
            (self.events, "No events yet."),
        ):
            if not widget.count():
                item = QListWidgetItem(empty)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                widget.addItem(item)

    @staticmethod
    def _add(widget: QListWidget, text: str, record_id: int) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        item.setToolTip(text)
        widget.addItem(item)

    def update_previews(self) -> None:
        record = self.current()
        key = record.id if record.id is not None else EDITED_ID
        self.directory.override(key, record)
        if not record.name.strip():
            self.first_mention.setText("—")
            self.later_mention.setText("—")
            return
        first, later = first_and_later(key, self.directory)
        self.first_mention.setText(first)
        self.later_mention.setText(later)


class OrganizationsPage(MasterDetailPage):
    title = "Organizations"
    settings_key = "organizations"
    search_placeholder = "Search name, acronym, Chinese name, city…"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        editor = OrganizationEditor(database)
        model = WindowedTableModel(database, ORGANIZATIONS, organization_columns())
        super().__init__(database, model, editor, parent)
        self.organization_editor = editor
        editor.sub_units.itemActivated.connect(self._open_organization)
        editor.people.itemActivated.connect(self._open_person)
        editor.events.itemActivated.connect(self._open_event)

    def first_field(self) -> QWidget | None:
        return self.organization_editor.name

    def _open_organization(self, item: QListWidgetItem) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole)
        if record_id is not None:
            self.open_record(int(record_id))

    def _open_person(self, item: QListWidgetItem) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole)
        if record_id is not None:
            self.open_requested.emit("people", int(record_id))

    def _open_event(self, item: QListWidgetItem) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole)
        if record_id is not None:
            self.open_requested.emit("events", int(record_id))
