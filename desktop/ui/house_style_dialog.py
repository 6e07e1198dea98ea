"""File → House Style…: the secretariat's house style and the list of honorifics.

Saved in one transaction (``repository.save_house_style`` + ``save_honorifics``); the db's
rules are shown next to their fields; a house style changed elsewhere since the dialog
opened is never overwritten (reload or keep editing).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db import repository
from db.errors import ConflictError, FieldError, ForumDeskError, ValidationError
from db.models import DateStyle
from db.records import HouseStyleRecord
from db.session import Database
from desktop.ui import dialogs
from desktop.ui.editor import error_label, make_read_only, mark_invalid
from desktop.ui.lookup import LookupEdit, OrganizationSource
from desktop.ui.widgets import plain_label, set_combo_value

DATE_STYLE_LABELS = {
    DateStyle.MONTH_DAY.value: "November 19, 2021",
    DateStyle.DAY_MONTH.value: "19 November 2021",
}
PAGE_SIZES = ("A4", "Letter")
HONORIFIC_MAX = 60  # the column's width
EDITABLE = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


class HouseStyleDialog(QDialog):
    """Edit the house style; ``saved`` carries the record as stored."""

    saved = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("house_style_dialog")
        self.setWindowTitle("House Style")
        self.database = database
        self.loaded = HouseStyleRecord()
        self._errors: dict[str, tuple[QWidget, QLabel]] = {}

        intro = plain_label(
            "How every press release is written and printed. Changes apply to releases that "
            "are not yet published.",
            object_name="house_style_intro",
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")

        self.banner = plain_label(object_name="house_style_banner")
        self.banner.setProperty("role", "banner")
        self.banner.setWordWrap(True)
        self.banner.setContentsMargins(8, 6, 8, 6)
        self.banner.setVisible(False)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.house_organization = LookupEdit(database, OrganizationSource())
        self.house_organization.setPlaceholderText("Type to find the secretariat’s organization…")
        self._add(form, "House &organization:", self.house_organization, "house_organization_id")
        self.family_name_caps = QCheckBox("Family names in capitals (Mr. CHEN Xiaogong)")
        self._add(form, "Names:", self.family_name_caps, "family_name_caps")
        self.serial_comma = QCheckBox("Serial comma (A, B, and C)")
        self._add(form, "Lists:", self.serial_comma, "serial_comma")
        self.date_style = QComboBox()
        for value, label in DATE_STYLE_LABELS.items():
            self.date_style.addItem(label, value)
        self._add(form, "&Date style:", self.date_style, "date_style")
        self.page_size = QComboBox()
        for size in PAGE_SIZES:
            self.page_size.addItem(size, size)
        self._add(form, "&Page size:", self.page_size, "page_size")
        self.margin_mm = QSpinBox()
        # The db's rule (5 to 60 mm) as the spin box's range: a wrong margin cannot be typed.
        self.margin_mm.setRange(5, 60)
        self.margin_mm.setSuffix(" mm")
        self.margin_mm.setAccelerated(True)
        self._add(form, "&Margins:", self.margin_mm, "margin_mm")
        self.default_series = QComboBox()
        self.default_series.setEditable(True)
        self.default_series.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.default_series.setMinimumContentsLength(24)
        self._add(form, "Default &series:", self.default_series, "default_series")

        self.honorifics = QListWidget()
        self.honorifics.setObjectName("honorifics")
        self.honorifics.setAccessibleName("Honorifics")
        self.honorifics.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.honorifics.setMinimumHeight(140)
        self.add_button = QPushButton("&Add")
        self.add_button.setObjectName("honorific_add")
        self.remove_button = QPushButton("Re&move")
        self.remove_button.setObjectName("honorific_remove")
        self.up_button = QPushButton("Move &Up")
        self.up_button.setObjectName("honorific_up")
        self.down_button = QPushButton("Move Do&wn")
        self.down_button.setObjectName("honorific_down")
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.honorifics, 1)
        row.addLayout(side)
        honorific_box = QVBoxLayout()
        honorific_box.addLayout(row)
        honorific_hint = plain_label(
            "Offered in the person form, in this order. Double-click one to change it."
        )
        honorific_hint.setProperty("role", "muted")
        honorific_hint.setWordWrap(True)
        honorific_box.addWidget(honorific_hint)
        self.honorifics_error = error_label("honorifics_error")
        honorific_box.addWidget(self.honorifics_error)
        caption = QLabel("&Honorifics:")
        caption.setBuddy(self.honorifics)
        form.addRow(caption, honorific_box)
        self._errors["honorifics"] = (self.honorifics, self.honorifics_error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("house_style_save")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_honorific)
        self.remove_button.clicked.connect(self.remove_honorific)
        self.up_button.clicked.connect(lambda: self.move_honorific(-1))
        self.down_button.clicked.connect(lambda: self.move_honorific(1))
        self.honorifics.currentRowChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 560)
        self.load()
        if database.read_only:
            # Nothing typed here could be saved: show the settings without inviting edits.
            intro.setText(
                "This database is open read-only: the house style can be read here but not changed."
            )
            intro.setProperty("role", "notice")
            for widget in (
                self.house_organization,
                self.family_name_caps,
                self.serial_comma,
                self.date_style,
                self.page_size,
                self.margin_mm,
                self.default_series,
                self.add_button,
            ):
                make_read_only(widget)
            self.honorifics.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.save_button.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")

    def _add(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        widget.setObjectName(field)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        caption = QLabel(label)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(widget)
        error = error_label(f"{field}_error")
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(caption, box)
        self._errors[field] = (widget, error)

    # Values ---------------------------------------------------------------------------

    def load(self) -> None:
        """Show the stored house style and honorifics (dropping what was typed)."""
        from desktop.ui.releases_table import series_names

        with self.database.read() as session:
            self.loaded = repository.get_house_style(session)
            honorifics = repository.honorifics(session)
            series = series_names(session)
        record = self.loaded
        self.house_organization.set_value(record.house_organization_id)
        self.family_name_caps.setChecked(record.family_name_caps)
        self.serial_comma.setChecked(record.serial_comma)
        set_combo_value(self.date_style, record.date_style)
        set_combo_value(self.page_size, record.page_size)
        self.margin_mm.setValue(record.margin_mm)
        self.default_series.clear()
        self.default_series.addItems(series)
        self.default_series.setCurrentText(record.default_series)
        self.honorifics.clear()
        for text in honorifics:
            self._append(text)
        self.clear_errors()
        self._update_buttons()

    def record(self) -> HouseStyleRecord:
        """The house style as the dialog now says it."""
        return HouseStyleRecord(
            version=self.loaded.version,
            house_organization_id=self.house_organization.value(),
            family_name_caps=self.family_name_caps.isChecked(),
            serial_comma=self.serial_comma.isChecked(),
            date_style=str(self.date_style.currentData()),
            page_size=str(self.page_size.currentData()),
            margin_mm=self.margin_mm.value(),
            default_series=self.default_series.currentText().strip(),
        )

    def honorific_texts(self) -> list[str]:
        texts = [self.honorifics.item(i).text().strip() for i in range(self.honorifics.count())]
        return [t for t in texts if t]

    # Honorific list -------------------------------------------------------------------

    def _append(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(EDITABLE)
        self.honorifics.addItem(item)
        return item

    def add_honorific(self) -> None:
        item = self._append("")
        self.honorifics.setCurrentItem(item)
        self.honorifics.editItem(item)

    def remove_honorific(self) -> None:
        row = self.honorifics.currentRow()
        if row >= 0:
            self.honorifics.takeItem(row)
        self._update_buttons()

    def move_honorific(self, step: int) -> None:
        row = self.honorifics.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.honorifics.count():
            return
        item = self.honorifics.takeItem(row)
        self.honorifics.insertItem(target, item)
        self.honorifics.setCurrentRow(target)

    def _update_buttons(self, *_args: object) -> None:
        row = self.honorifics.currentRow()
        writable = not self.database.read_only
        self.remove_button.setEnabled(writable and row >= 0)
        self.up_button.setEnabled(writable and row > 0)
        self.down_button.setEnabled(writable and 0 <= row < self.honorifics.count() - 1)

    # Saving ---------------------------------------------------------------------------

    def check_honorifics(self, texts: list[str]) -> list[FieldError]:
        seen: set[str] = set()
        for text in texts:
            if len(text) > HONORIFIC_MAX:
                return [
                    FieldError(
                        "honorifics",
                        f"An honorific can be at most {HONORIFIC_MAX} characters long.",
                    )
                ]
            if text.casefold() in seen:
                return [FieldError("honorifics", f"‘{text}’ is in the list twice.")]
            seen.add(text.casefold())
        return []

    def save(self) -> bool:
        """Store the house style and honorifics in one transaction; True when saved."""
        record = self.record()
        texts = self.honorific_texts()
        problems = self.check_honorifics(texts)
        if problems:
            self.show_errors(problems)
            return False
        try:
            with self.database.write() as session:
                saved = repository.save_house_style(session, record)
                repository.save_honorifics(session, texts)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except ConflictError as exc:
            if dialogs.ask_conflict(self, str(exc)) is dialogs.ConflictChoice.RELOAD:
                self.load()
            return False
        except ForumDeskError as exc:
            dialogs.error(self, "The house style was not saved", str(exc))
            return False
        self.loaded = saved
        self.clear_errors()
        self.saved.emit(saved)
        self.accept()
        return True

    def show_errors(self, errors: list[FieldError]) -> None:
        self.clear_errors()
        loose: list[str] = []
        first: QWidget | None = None
        for error in errors:
            pair = self._errors.get(error.field)
            if pair is None:
                loose.append(error.message)
                continue
            widget, label = pair
            label.setText(error.message)
            label.setVisible(True)
            mark_invalid(widget, True)
            first = first or widget
        self.banner.setText(" ".join(["Nothing was saved.", *loose]))
        self.banner.setVisible(True)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        for widget, label in self._errors.values():
            label.clear()
            label.setVisible(False)
            mark_invalid(widget, False)
        self.banner.clear()
        self.banner.setVisible(False)

    def field_error(self, field: str) -> str:
        pair = self._errors.get(field)
        return pair[1].text() if pair and pair[1].isVisibleTo(self) else ""
