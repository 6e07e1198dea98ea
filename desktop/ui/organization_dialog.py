"""The small "New organization" dialog opened from a lookup, prefilled with what was typed.

It can make a sub-unit at once (parent lookup, how it is written under its parent, "the"),
and shows how the new organization will read in a release on first and later mention.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db import repository
from db.errors import ForumDeskError, ValidationError
from db.models import OrgKind, ParentStyle
from db.records import OrganizationRecord
from db.session import Database
from desktop.press.phrases import first_and_later
from desktop.ui import dialogs
from desktop.ui.directory import EDITED_ID, DatabaseDirectory
from desktop.ui.editor import error_label
from desktop.ui.field_errors import FieldErrors
from desktop.ui.lookup import LookupEdit, OrganizationSource
from desktop.ui.smart_quotes import SmartQuotesLineEdit
from desktop.ui.widgets import enum_combo, mention_labels, plain_label

PARENT_STYLE_LABELS = {
    ParentStyle.STANDALONE.value: "On its own (Shenzhen Foreign Affairs Office)",
    ParentStyle.POSSESSIVE.value: "Parent’s unit (Tsinghua University’s Institute …)",
    ParentStyle.OF.value: "Unit of the parent (the Office … of the CPC Central Committee)",
    ParentStyle.AT.value: "Unit at the parent (the School … at Nanjing University)",
}


def parent_style_combo() -> QComboBox:
    """How a sub-unit is written under its parent; narrower than its long examples."""
    combo = enum_combo(ParentStyle, labels=PARENT_STYLE_LABELS)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    return combo


def _looks_like_acronym(text: str) -> bool:
    return 1 < len(text) <= 12 and " " not in text and text.upper() == text


class NewOrganizationDialog(QDialog):
    """Name, acronym, Chinese name, kind, parent, city, country — enough to pick it at once
    and to print it right."""

    finished_with = Signal(object)
    """The new organization's id, or None when cancelled."""

    def __init__(self, database: Database, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_organization_dialog")
        self.setWindowTitle("New Organization")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self.created_id: int | None = None

        layout = QVBoxLayout(self)
        intro = plain_label("Add the organization; you can complete it later on its page.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)

        self.name = SmartQuotesLineEdit()  # printed in releases: curly quotes as typed
        self.acronym = QLineEdit()
        self.name_zh = QLineEdit()
        self.kind = enum_combo(OrgKind)
        self.parent_lookup = LookupEdit(database, OrganizationSource())
        self.parent_style = parent_style_combo()
        self.takes_the = QCheckBox("Write “the” before the name in running text")
        self.city = QLineEdit()
        self.country = QLineEdit()
        self._errors = FieldErrors(self, fallback="name")
        for label, widget, field in (
            ("&Name:", self.name, "name"),
            ("&Acronym:", self.acronym, "acronym"),
            ("C&hinese name:", self.name_zh, "name_zh"),
            ("&Kind:", self.kind, "kind"),
            ("&Parent:", self.parent_lookup, "parent_id"),
            ("&Under its parent:", self.parent_style, "parent_style"),
            ("Article:", self.takes_the, "takes_the"),
            ("C&ity:", self.city, "city"),
            ("C&ountry:", self.country, "country"),
        ):
            widget.setObjectName(f"new_org_{field}")
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            caption = QLabel(label)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
            error = error_label(f"new_org_{field}_error")
            form.addRow("", error)
            self._errors.add(field, widget, error)
        self.takes_the.setAccessibleName("Takes “the”")

        # How it will read (the same composer rules as the Organizations page).
        self._directory = DatabaseDirectory(database)
        self.first_mention, self.later_mention = mention_labels("new_org_")
        form.addRow("First mention:", self.first_mention)
        form.addRow("Later mentions:", self.later_mention)
        for line in (self.name, self.acronym, self.name_zh):
            line.textChanged.connect(self.update_mentions)
        self.parent_lookup.value_changed.connect(self.update_mentions)
        self.parent_style.currentIndexChanged.connect(self.update_mentions)
        self.takes_the.toggled.connect(self.update_mentions)

        # Prefill: an all-capitals word is probably an acronym, anything else the name.
        text = text.strip()
        if _looks_like_acronym(text):
            self.acronym.setText(text)
        elif any("\u4e00" <= ch <= "\u9fff" for ch in text):
            self.name_zh.setText(text)
        else:
            self.name.setText(text)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("new_org_buttons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.update_mentions()
        self.resize(520, self.sizeHint().height())
        self.finished.connect(self._finished)

    def update_mentions(self, *_args: object) -> None:
        record = self.record()
        if not record.name.strip():
            self.first_mention.setText("—")
            self.later_mention.setText("—")
            return
        self._directory.override(EDITED_ID, record)
        first, later = first_and_later(EDITED_ID, self._directory)
        self.first_mention.setText(first)
        self.later_mention.setText(later)

    def record(self) -> OrganizationRecord:
        return OrganizationRecord(
            name=self.name.text(),
            acronym=self.acronym.text(),
            name_zh=self.name_zh.text(),
            kind=str(self.kind.currentData()),
            parent_id=self.parent_lookup.value(),
            parent_style=str(self.parent_style.currentData()),
            takes_the=self.takes_the.isChecked(),
            city=self.city.text(),
            country=self.country.text(),
        )

    def field_error(self, field: str) -> str:
        return self._errors.message(field)

    def save(self) -> None:
        self._errors.clear()
        try:
            with self._database.write() as session:
                saved = repository.save_organization(session, self.record())
        except ValidationError as exc:
            self._errors.show(exc)
            return
        except ForumDeskError as exc:
            dialogs.error(self, "The organization was not saved", str(exc))
            return
        self.created_id = saved.id
        self.accept()

    def _finished(self, _result: int) -> None:
        self.finished_with.emit(self.created_id)
