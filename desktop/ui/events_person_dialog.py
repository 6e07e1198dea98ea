"""Create a person *and* their position from the participants lookup, in one small dialog.

Opened window-modal (not blocking) with what was typed: "Cao Cong" fills family and given
name, Chinese characters fill the Chinese name.  The position's organization is a lookup
with its own inline create.  Saved in one transaction; the new person comes back selected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db import queries, repository
from db.errors import ForumDeskError, ValidationError
from db.models import NameOrder, Phrasing
from db.naming import format_name
from db.queries import Choice
from db.records import PersonRecord, PositionRecord
from db.session import Database
from desktop.exchange.registration import has_chinese, split_typed_name
from desktop.ui import dialogs
from desktop.ui.editor import error_label
from desktop.ui.field_errors import FieldErrors
from desktop.ui.lookup import Created, LookupEdit, OrganizationSource
from desktop.ui.widgets import enum_combo, plain_label, set_combo_value

_PHRASING_LABELS = {
    Phrasing.TITLE_OF.value: "Title of organization",
    Phrasing.TITLE_AT.value: "Title at organization",
    Phrasing.ORG_TITLE.value: "Organization title (“China Forum Expert”)",
    Phrasing.TITLE_ONLY.value: "Title alone",
}


class NewParticipantDialog(QDialog):
    """Honorific, name, Chinese name and one position: enough to cite them at once."""

    finished_with = Signal(object)
    """The new person's id, or None when cancelled."""

    def __init__(self, database: Database, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_participant_dialog")
        self.setWindowTitle("New Person")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self.created_id: int | None = None

        layout = QVBoxLayout(self)
        intro = plain_label(
            "Add the person and their position; complete them later on the People page."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self._errors = FieldErrors(self, fallback="family_name")
        person_box = QGroupBox("Person")
        person_form = QFormLayout(person_box)
        self.honorific = QComboBox()
        self.honorific.setEditable(True)
        with database.read() as session:
            self.honorific.addItems(["", *repository.honorifics(session)])
        self.family_name = QLineEdit()
        self.given_name = QLineEdit()
        self.name_order = enum_combo(
            NameOrder,
            labels={
                NameOrder.FAMILY_FIRST.value: "Family name first (CHEN Xiaogong)",
                NameOrder.GIVEN_FIRST.value: "Given name first (Anna MÜLLER)",
            },
        )
        self.name_zh = QLineEdit()
        self.preview = plain_label(object_name="new_person_preview")
        self.preview.setProperty("role", "muted")
        for label, widget, name in (
            ("&Honorific:", self.honorific, "honorific"),
            ("&Family name:", self.family_name, "family_name"),
            ("&Given name:", self.given_name, "given_name"),
            ("Name &order:", self.name_order, "name_order"),
            ("C&hinese name:", self.name_zh, "name_zh"),
        ):
            self._add(person_form, label, widget, name)
        person_form.addRow("Prints as:", self.preview)
        layout.addWidget(person_box)

        position_box = QGroupBox("Position")
        position_form = QFormLayout(position_box)
        self.title = QLineEdit()
        self.title.setPlaceholderText("Secretary General")
        self.organization = LookupEdit(database, OrganizationSource())
        self.phrasing = enum_combo(Phrasing, labels=_PHRASING_LABELS)
        self.start_date = QLineEdit()
        self.start_date.setPlaceholderText("2019, 2019-06 or 2019-06-30")
        self.is_current = QCheckBox("Holds this position now")
        self.is_current.setChecked(True)
        for label, widget, name in (
            ("&Title:", self.title, "positions[0].title"),
            ("Or&ganization:", self.organization, "positions[0].organization_id"),
            ("&Phrasing:", self.phrasing, "positions[0].phrasing"),
            ("&Since:", self.start_date, "positions[0].start_date"),
            ("", self.is_current, "positions[0].is_current"),
        ):
            self._add(position_form, label, widget, name)
        layout.addWidget(position_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("new_person_buttons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        text = " ".join(text.split())
        if has_chinese(text):
            self.name_zh.setText(text)
        elif text:
            typed = split_typed_name(
                text, [self.honorific.itemText(i) for i in range(self.honorific.count())]
            )
            if typed.honorific:
                self.honorific.setCurrentText(typed.honorific)
            self.family_name.setText(typed.family)
            self.given_name.setText(typed.given)
            set_combo_value(self.name_order, typed.order)
        for widget in (self.family_name, self.given_name):
            widget.textChanged.connect(self._update_preview)
        self.honorific.editTextChanged.connect(self._update_preview)
        self.name_order.currentIndexChanged.connect(self._update_preview)
        self._update_preview()
        self.resize(520, self.sizeHint().height())
        self.finished.connect(self._finished)

    def _add(self, form: QFormLayout, label: str, widget: QWidget, name: str) -> None:
        plain = name.split(".")[-1]
        widget.setObjectName(f"new_person_{plain}")
        widget.setAccessibleName(label.replace("&", "").rstrip(":") or "Current")
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, widget)
        error = error_label(f"new_person_{plain}_error")
        form.addRow("", error)
        self._errors.add(name, widget, error)

    def _update_preview(self) -> None:
        self.preview.setText(
            format_name(
                self.honorific.currentText(),
                self.family_name.text(),
                self.given_name.text(),
                str(self.name_order.currentData()),
            )
        )

    def record(self) -> PersonRecord:
        position = PositionRecord(
            organization_id=self.organization.value(),
            title=self.title.text().strip(),
            phrasing=str(self.phrasing.currentData()),
            start_date=self.start_date.text().strip(),
            is_current=self.is_current.isChecked(),
        )
        return PersonRecord(
            honorific=self.honorific.currentText().strip(),
            family_name=self.family_name.text(),
            given_name=self.given_name.text(),
            name_order=str(self.name_order.currentData()),
            name_zh=self.name_zh.text(),
            positions=(position,) if position.title or position.organization_id else (),
        )

    def field_error(self, name: str) -> str:
        return self._errors.message(name)

    def save(self) -> None:
        self._errors.clear()
        try:
            with self._database.write() as session:
                saved = repository.save_person(session, self.record())
        except ValidationError as exc:
            self._errors.show(exc)
            return
        except ForumDeskError as exc:
            dialogs.error(self, "The person was not saved", str(exc))
            return
        self.created_id = saved.id
        self.accept()

    def _finished(self, _result: int) -> None:
        self.finished_with.emit(self.created_id)


class ParticipantSource:
    """People by name, Chinese name or organization; "Create person ‘…’" opens
    :class:`NewParticipantDialog` (a person with their position)."""

    noun = "person"

    def __init__(self) -> None:
        self.last_dialog: NewParticipantDialog | None = None

    def choices(self, session: Session, text: str, limit: int) -> list[Choice]:
        return queries.person_choices(session, text, limit)

    def label(self, session: Session, record_id: int) -> str:
        return queries.person_label(session, record_id)

    def create(self, parent: QWidget, database: Database, text: str, done: Created) -> None:
        dialog = NewParticipantDialog(database, text, parent)
        dialog.finished_with.connect(done)
        self.last_dialog = dialog
        dialog.open()
