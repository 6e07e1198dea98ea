"""The Organizations page: a searchable list and the organization form with live mentions."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import queries, repository, trash
from db.errors import ForumDeskError, InUseError
from db.models import (
    EventOrganization,
    HouseStyle,
    Organization,
    OrgKind,
    Position,
)
from db.queries import ORGANIZATIONS, OrganizationRow
from db.records import OrganizationRecord
from db.session import Database
from desktop.press.phrases import first_and_later
from desktop.ui import dialogs
from desktop.ui.directory import EDITED_ID, DatabaseDirectory
from desktop.ui.editor import Editor
from desktop.ui.lookup import LookupEdit, OrganizationSource
from desktop.ui.organization_dialog import parent_style_combo
from desktop.ui.pages import MasterDetailPage
from desktop.ui.people_page import form_layout
from desktop.ui.smart_quotes import SmartQuotesLineEdit
from desktop.ui.table_model import Column, WindowedTableModel
from desktop.ui.widgets import (
    day_text,
    enum_combo,
    fit_list_height,
    mention_labels,
    plain_label,
    plain_tip,
    read_only_list,
    set_combo_value,
)


def organization_columns() -> list[Column[OrganizationRow]]:
    return [
        Column("Name", lambda r: r.name, "name", 140, tooltip=True, stretch=True),
        Column("Acronym", lambda r: r.acronym, "acronym", 70),
        Column("Kind", lambda r: r.kind, "kind", 110, tooltip=True),
        Column("Parent", lambda r: r.parent, "parent", 120, tooltip=True),
        Column("City", lambda r: r.city, "city", 80, tooltip=True),
    ]


class OrganizationEditor(Editor[OrganizationRecord]):
    what = "organization"
    history_table = "organization"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self.directory = DatabaseDirectory(database)

        box = QGroupBox("Organization")
        form = form_layout()
        box.setLayout(form)
        self.name = SmartQuotesLineEdit()  # printed in releases: curly quotes as typed
        self.acronym = QLineEdit()
        self.acronym.setMaximumWidth(160)
        self.name_zh = QLineEdit()
        self.kind = enum_combo(OrgKind)
        self.parent_lookup = LookupEdit(
            database, OrganizationSource(exclude_id=lambda: self.record_id)
        )
        self.parent_style = parent_style_combo()
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
        self.first_mention, self.later_mention = mention_labels()
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

        # One above the other, each as wide as the form: an event title or a person's
        # title is read in full (elided with a tooltip only in a very narrow window).
        related = QGroupBox("Related")
        related_layout = QVBoxLayout(related)
        related_layout.setSpacing(4)
        self.sub_units = read_only_list("sub_units", "Sub-units")
        self.people = read_only_list("organization_people", "People with positions here")
        self.events = read_only_list("organization_events", "Events")
        for title, widget in (
            ("Sub-units", self.sub_units),
            ("People", self.people),
            ("Events", self.events),
        ):
            caption = plain_label(title)
            caption.setProperty("role", "column-header")
            caption.setBuddy(widget)
            related_layout.addWidget(caption)
            related_layout.addWidget(widget)
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
                text = f"{day_text(line.start_date)}  {line.title} ({line.role})"
                self._add(self.events, text, line.id)
        for widget, empty in (
            (self.sub_units, "No sub-units."),
            (self.people, "No one yet."),
            (self.events, "No events yet."),
        ):
            if not widget.count():
                item = QListWidgetItem(empty)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                widget.addItem(item)
            fit_list_height(widget)

    @staticmethod
    def _add(widget: QListWidget, text: str, record_id: int) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        item.setToolTip(plain_tip(text))
        widget.addItem(item)

    def delete_in_use(self, session_error: InUseError, record_id: int) -> bool:
        """Refused because people hold positions here or events name it: offer to move it
        to the Trash together with those positions and event roles (they come back with
        it).  Sub-units and the house organization must be changed first."""
        name = self.record_name(self.loaded)
        with self.database.read() as session:
            uses = trash_dependents(session, record_id)
        positions, roles, blocked = uses
        if blocked or not (positions or roles):
            dialogs.error(self, f"{name} is still in use", str(session_error))
            return False
        together = " and ".join(
            part
            for part in (
                _count(positions, "position"),
                _count(roles, "event role"),
            )
            if part
        )
        if not dialogs.confirm(
            self,
            "Organization in use",
            f"{session_error} Move {name} to the Trash together with its {together}? "
            "Restoring it from the Trash brings them back.",
            "Move All to Trash",
            destructive=True,
        ):
            return False
        try:
            with self.database.write() as session:
                trash.trash_organization(session, record_id, with_dependents=True)
        except ForumDeskError as exc:
            dialogs.error(self, f"{name} was not moved to the Trash", str(exc))
            return False
        return True

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


def _count(number: int, noun: str) -> str:
    if not number:
        return ""
    return f"1 {noun}" if number == 1 else f"{number} {noun}s"


def trash_dependents(session: Session, organization_id: int) -> tuple[int, int, bool]:
    """(positions, event roles) that would go to the Trash with the organization, and
    whether something blocks that (a sub-unit, or it is the house organization)."""
    positions = session.scalar(
        select(func.count())
        .select_from(Position)
        .where(Position.organization_id == organization_id, Position.deleted_at.is_(None))
    )
    roles = session.scalar(
        select(func.count())
        .select_from(EventOrganization)
        .where(
            EventOrganization.organization_id == organization_id,
            EventOrganization.deleted_at.is_(None),
        )
    )
    sub_units = session.scalar(
        select(func.count())
        .select_from(Organization)
        .where(Organization.parent_id == organization_id, Organization.deleted_at.is_(None))
    )
    house = session.get(HouseStyle, 1)
    is_house = house is not None and house.house_organization_id == organization_id
    return int(positions or 0), int(roles or 0), bool(sub_units) or is_house


class OrganizationsPage(MasterDetailPage):
    title = "Organizations"
    settings_key = "organizations"
    search_placeholder = "Search name, acronym, Chinese name, city…"
    default_sizes = (590, 540)

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
