"""The small "New organization" dialog opened from a lookup, prefilled with what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
from db.models import OrgKind
from db.records import OrganizationRecord
from db.session import Database
from desktop.ui import dialogs
from desktop.ui.editor import error_label, mark_invalid
from desktop.ui.widgets import enum_combo, plain_label


def _looks_like_acronym(text: str) -> bool:
    return 1 < len(text) <= 12 and " " not in text and text.upper() == text


class NewOrganizationDialog(QDialog):
    """Name, acronym, Chinese name, kind, city, country — enough to pick it at once."""

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

        self.name = QLineEdit()
        self.acronym = QLineEdit()
        self.name_zh = QLineEdit()
        self.kind = enum_combo(OrgKind)
        self.takes_the = QCheckBox("Write “the” before the name in running text")
        self.city = QLineEdit()
        self.country = QLineEdit()
        self._errors: dict[str, tuple[QWidget, QLabel]] = {}
        for label, widget, field in (
            ("&Name:", self.name, "name"),
            ("&Acronym:", self.acronym, "acronym"),
            ("C&hinese name:", self.name_zh, "name_zh"),
            ("&Kind:", self.kind, "kind"),
            ("", self.takes_the, "takes_the"),
            ("C&ity:", self.city, "city"),
            ("C&ountry:", self.country, "country"),
        ):
            widget.setObjectName(f"new_org_{field}")
            widget.setAccessibleName(label.replace("&", "").rstrip(":") or "Takes “the”")
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
            error = error_label(f"new_org_{field}_error")
            form.addRow("", error)
            self._errors[field] = (widget, error)

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
        self.resize(480, self.sizeHint().height())
        self.finished.connect(self._finished)

    def record(self) -> OrganizationRecord:
        return OrganizationRecord(
            name=self.name.text(),
            acronym=self.acronym.text(),
            name_zh=self.name_zh.text(),
            kind=str(self.kind.currentData()),
            takes_the=self.takes_the.isChecked(),
            city=self.city.text(),
            country=self.country.text(),
        )

    def field_error(self, field: str) -> str:
        pair = self._errors.get(field)
        return pair[1].text() if pair and pair[1].isVisibleTo(self) else ""

    def save(self) -> None:
        for widget, error in self._errors.values():
            error.setVisible(False)
            error.clear()
            mark_invalid(widget, False)
        try:
            with self._database.write() as session:
                saved = repository.save_organization(session, self.record())
        except ValidationError as exc:
            for item in exc.errors:
                widget, error = self._errors.get(item.field, (self.name, self._errors["name"][1]))
                error.setText(item.message)
                error.setVisible(True)
                mark_invalid(widget, True)
            return
        except ForumDeskError as exc:
            dialogs.error(self, "The organization was not saved", str(exc))
            return
        self.created_id = saved.id
        self.accept()

    def _finished(self, _result: int) -> None:
        self.finished_with.emit(self.created_id)
