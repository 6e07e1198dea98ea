"""The editor lifecycle, written once: load → edit → changed → validate → save → refresh.

A form subclasses ``Editor`` and supplies six small hooks (blank/read/write/remove a record,
show a record in its widgets, collect a record from them).  The base class does the rest:
dirty tracking by record equality, one ``database.write()`` transaction per save,
validation messages from ``db`` shown next to their fields, conflicts (reload or keep
editing — the user's typing stays), revert, delete with confirmation, and asking
Save / Discard / Cancel before anything would drop unsaved changes.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.errors import (
    ConflictError,
    FieldError,
    ForumDeskError,
    InUseError,
    NotFoundError,
    ValidationError,
)
from db.session import Database
from desktop.ui import dialogs
from desktop.ui.widgets import ElidedLabel, plain_label

R = TypeVar("R")


def _accessible(text: str) -> str:
    return text.replace("&", "").rstrip(":").strip()


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        repolish(widget)


class FieldSlot:
    """A registered field: its input widget and the error line shown under it."""

    def __init__(self, name: str, widget: QWidget, error_label: QLabel) -> None:
        self.name = name
        self.widget = widget
        self.error_label = error_label

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        mark_invalid(self.widget, bool(message))


def make_read_only(widget: QWidget) -> None:
    """Show an input's value without letting it be changed (text stays selectable)."""
    if hasattr(widget, "set_read_only"):
        widget.set_read_only(True)
    elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QDateEdit, QSpinBox)):
        widget.setReadOnly(True)
    else:
        widget.setEnabled(False)


def error_label(object_name: str) -> QLabel:
    label = plain_label(object_name=object_name)
    label.setProperty("role", "field-error")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class _FormContent(QWidget):
    """The scrolled form: never squeezed below its natural height (it scrolls instead)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.sizeHint().height())


class Editor(QWidget, Generic[R]):
    """Base class of every record form.  See the module docstring for the lifecycle."""

    what = "record"
    """What the record is called in sentences ("organization", "person", "event")."""
    history_table = ""
    """The table whose History the form shows ("person", "organization", "event",
    "press_release"); "" hides the History button."""

    dirty_changed = Signal(bool)
    """The form became changed (True) or unchanged (False) compared to what was loaded."""
    record_loaded = Signal(object)
    """A record (or a blank new one) was shown; emitted after load, save and revert."""
    record_saved = Signal(object)
    """Saved: the record as stored (with its id and new version)."""
    record_deleted = Signal(int)
    """The record with this id was deleted."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._loaded: R = self.blank_record()
        self._baseline: R = self._loaded
        self._loading = False
        self._dirty = False
        self._fields: dict[str, FieldSlot] = {}
        self._watched: list[QWidget] = []
        self.history_dialog: QWidget | None = None
        """The open History dialog (None when closed)."""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        # Elided with the whole name as its tooltip: a long title never widens the form.
        self.heading = ElidedLabel()
        self.heading.setObjectName("editor_heading")
        self.heading.setAccessibleName(f"Shown {self.what}")
        self.heading.setProperty("role", "heading")
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.35)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setContentsMargins(16, 12, 16, 4)
        outer.addWidget(self.heading)

        self.banner = plain_label(object_name="error_banner")
        self.banner.setProperty("role", "banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setContentsMargins(16, 8, 16, 8)
        outer.addWidget(self.banner)

        self.read_only_notice = plain_label(
            "This database is open read-only: you can read and print, but not change anything.",
            object_name="read_only_notice",
        )
        self.read_only_notice.setProperty("role", "notice")
        self.read_only_notice.setWordWrap(True)
        self.read_only_notice.setContentsMargins(16, 6, 16, 6)
        self.read_only_notice.setVisible(False)
        outer.addWidget(self.read_only_notice)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("editor_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.content = _FormContent()
        self.content.setObjectName("editor_content")
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(16, 8, 16, 16)
        self.content_layout.setSpacing(12)
        self.scroll.setWidget(self.content)
        outer.addWidget(self.scroll, 1)

        buttons = QFrame()
        buttons.setObjectName("editor_buttons")
        buttons.setProperty("role", "button-bar")
        row = QHBoxLayout(buttons)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(6)
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setObjectName("delete_button")
        self.delete_button.setAccessibleName(f"Delete {self.what}")
        self.delete_button.setToolTip(f"Move this {self.what} to the Trash (File → Trash)")
        self.history_button = QPushButton("&History…")
        self.history_button.setObjectName("history_button")
        self.history_button.setAccessibleName(f"History of this {self.what}")
        self.history_button.setToolTip(f"Who changed this {self.what}, when; revert a change")
        self.history_button.setVisible(bool(self.history_table))
        self.revert_button = QPushButton("&Revert")
        self.revert_button.setObjectName("revert_button")
        self.revert_button.setAccessibleName("Revert changes")
        self.save_button = QPushButton("&Save")
        self.save_button.setObjectName("save_button")
        self.save_button.setAccessibleName(f"Save {self.what}")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        for button in (
            self.delete_button,
            self.history_button,
            self.revert_button,
            self.save_button,
        ):
            # As narrow as the text (not the style's 80-pixel minimum): the footer never
            # makes a narrow form (the Releases page's middle pane) wider.
            text = button.text().replace("&", "")
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 16)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row.addWidget(self.delete_button)
        row.addWidget(self.history_button)
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        outer.addWidget(buttons)
        self.delete_button.clicked.connect(self.delete)
        self.history_button.clicked.connect(self.show_history)
        self.revert_button.clicked.connect(self.revert_asking)
        self.save_button.clicked.connect(self.save)

        # Esc reverts (after asking) when focus is anywhere inside the form.
        self.revert_action = QAction("Revert", self)
        self.revert_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.revert_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.revert_action.triggered.connect(self.revert_asking)
        self.addAction(self.revert_action)

    # Hooks for subclasses -----------------------------------------------------------

    def blank_record(self) -> R:
        """The record a "New" form starts from."""
        raise NotImplementedError

    def read(self, session: Session, record_id: int) -> R:
        """Load one record (``repository.get_*``)."""
        raise NotImplementedError

    def write(self, session: Session, record: R) -> R:
        """Validate and store one record (``repository.save_*``), returning what was stored."""
        raise NotImplementedError

    def remove(self, session: Session, record_id: int) -> None:
        """Delete one record (``repository.delete_*``); raises InUseError while in use."""
        raise NotImplementedError

    def show_record(self, record: R) -> None:
        """Put the record's values into the widgets."""
        raise NotImplementedError

    def collect(self, loaded: R) -> R:
        """The record as the widgets now say it (id and version from ``loaded``)."""
        raise NotImplementedError

    def record_name(self, record: R) -> str:
        """How the record is named in questions ("Tsinghua University")."""
        return f"this {self.what}"

    def heading_text(self, record: R) -> str:
        """The form's heading for a stored record (elided to fit; tooltip when cut)."""
        return self.record_name(record)

    def delete_in_use(self, session_error: InUseError, record_id: int) -> bool:
        """The delete was refused because the record is in use: offer another way (e.g.
        trash it with what uses it).  True when the record was removed after all."""
        del record_id
        dialogs.error(self, f"{self.record_name(self._loaded)} is still in use", str(session_error))
        return False

    def refresh_related(self, session: Session, record: R) -> None:
        """Fill read-only related lists after a load or save (optional)."""

    def update_previews(self) -> None:
        """Recompute live lines (printed name, mentions…) after any change (optional)."""

    def show_nested_error(self, field: str, message: str) -> bool:
        """Show an error for a field that is not a registered widget (e.g. table cells
        such as ``positions[2].end_date``); return False to show it in the banner."""
        del field, message
        return False

    def clear_nested_errors(self) -> None:
        """Remove the marks ``show_nested_error`` made (optional)."""

    # Building forms -----------------------------------------------------------------

    def add_field(
        self,
        form: QFormLayout,
        label: str,
        widget: QWidget,
        field: str | None = None,
        *,
        watch: bool = True,
    ) -> QWidget:
        """Add a labelled input to a form layout, with its error line under it.

        The widget gets an object name (the field name) and an accessible name (the label);
        ``field`` is the record attribute the db rules use in their FieldErrors.
        """
        name = field or _accessible(label).lower().replace(" ", "_")
        if not widget.objectName():
            widget.setObjectName(name)
        if not widget.accessibleName():
            widget.setAccessibleName(_accessible(label))
        caption = QLabel(label)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(widget)
        form.addRow(caption, widget)
        if field:
            error = error_label(f"{field}_error")
            form.addRow("", error)
            self._fields[field] = FieldSlot(field, widget, error)
        if watch:
            self.watch(widget)
        return widget

    def register_field(self, field: str, widget: QWidget, error: QLabel) -> None:
        """Register a field laid out by hand (its error label placed by the caller)."""
        self._fields[field] = FieldSlot(field, widget, error)

    def watch(self, widget: QWidget) -> None:
        """Recompute "changed" whenever the widget is edited."""
        self._watched.append(widget)
        if hasattr(widget, "value_changed"):
            widget.value_changed.connect(self.changed)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            widget.textChanged.connect(self.changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.changed)
            if widget.isEditable():
                widget.editTextChanged.connect(self.changed)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(self.changed)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(self.changed)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self.changed)
        else:  # pragma: no cover - a programming error, found at once
            raise TypeError(f"Editor.watch does not know {type(widget).__name__}")

    # State ----------------------------------------------------------------------------

    @property
    def loaded(self) -> R:
        """The record as last loaded or saved."""
        return self._loaded

    @property
    def record_id(self) -> int | None:
        return getattr(self._loaded, "id", None)

    def current(self) -> R:
        return self.collect(self._loaded)

    def is_dirty(self) -> bool:
        return self._dirty

    def changed(self, *_args: Any) -> None:
        """Slot for every edit: recompute dirtiness and the live previews."""
        if self._loading:
            return
        self._set_dirty(self.current() != self._baseline)
        self.update_previews()

    @property
    def read_only(self) -> bool:
        """The database cannot be written: the form only shows records."""
        return bool(getattr(self.database, "read_only", False))

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty and not self.read_only)
        self.revert_button.setEnabled(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _show_loaded(self, record: R) -> None:
        self._loaded = record
        self._loading = True
        try:
            self.show_record(record)
            try:
                with self.database.read() as session:
                    self.refresh_related(session, record)
            except ForumDeskError:
                pass  # related lists are a courtesy; the form itself is loaded
        finally:
            self._loading = False
        self._baseline = self.current()
        self.clear_errors()
        self._set_dirty(False)
        self.delete_button.setEnabled(self.record_id is not None and not self.read_only)
        self.history_button.setEnabled(self.record_id is not None)
        if self.read_only:
            self._show_read_only()
        self.heading.set_full_text(self._heading_for(record))
        self.update_previews()
        self.record_loaded.emit(record)

    def _heading_for(self, record: R) -> str:
        if self.record_id is not None:
            return self.heading_text(record)
        # A blank form on a read-only database is not a new record: nothing can be added.
        return "Nothing selected" if self.read_only else f"New {self.what}"

    def _show_read_only(self) -> None:
        """A read-only database: no input invites typing that could not be saved."""
        self.read_only_notice.setVisible(True)
        for button in (self.save_button, self.delete_button):
            button.setToolTip("This database is open read-only.")
        for widget in self._watched:
            make_read_only(widget)

    # Lifecycle ------------------------------------------------------------------------

    def load(self, record_id: int | None) -> bool:
        """Show a stored record (or a blank new one for None).  Does not ask: call
        ``maybe_leave()`` first.  False if the record no longer exists."""
        if record_id is None:
            self._show_loaded(self.blank_record())
            return True
        try:
            with self.database.read() as session:
                record = self.read(session, record_id)
        except NotFoundError as exc:
            dialogs.error(self, f"Cannot open this {self.what}", str(exc))
            return False
        self._show_loaded(record)
        return True

    def load_record(self, record: R) -> None:
        """Show a record that is already at hand (e.g. a prefilled new record), unchanged."""
        self._show_loaded(record)

    def prefill(self, record: R) -> None:
        """Show a new record with some values typed in: the form counts as changed."""
        self._show_loaded(self.blank_record())
        self._loading = True
        try:
            self.show_record(record)
        finally:
            self._loading = False
        self.changed()

    def reload(self) -> bool:
        """Load the stored version again, dropping the form's changes."""
        record_id = self.record_id
        if record_id is None:
            self.revert()
            return True
        if not self.load(record_id):
            self.record_deleted.emit(record_id)
            self._show_loaded(self.blank_record())
            return False
        return True

    def revert(self) -> None:
        """Restore the values as loaded (no database access)."""
        self._show_loaded(self._loaded)

    def revert_asking(self) -> None:
        """Esc / Revert: drop the changes after asking (an unchanged form does nothing)."""
        if not self._dirty:
            return
        if dialogs.confirm(
            self,
            "Revert",
            f"Discard your changes to {self.record_name(self._loaded)}?",
            "Discard Changes",
            destructive=True,
        ):
            self.revert()

    def save(self) -> bool:
        """Validate and store in one transaction; True when saved (or nothing to save)."""
        record = self.current()
        if not self._dirty and self.record_id is not None:
            return True
        try:
            with self.database.write() as session:
                saved = self.write(session, record)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except ConflictError as exc:
            choice = dialogs.ask_conflict(self, str(exc))
            if choice is dialogs.ConflictChoice.RELOAD:
                self.reload()
            return False
        except ForumDeskError as exc:
            dialogs.error(self, f"The {self.what} was not saved", str(exc))
            return False
        self._show_loaded(saved)
        self.record_saved.emit(saved)
        return True

    def delete(self) -> bool:
        """Ask, then delete; refused with the db's sentence while the record is in use."""
        record_id = self.record_id
        if record_id is None:
            if self._dirty and dialogs.confirm(
                self,
                f"Discard new {self.what}",
                f"Discard the new {self.what}? It has not been saved.",
                "Discard",
                destructive=True,
            ):
                self.revert()
            return False
        name = self.record_name(self._loaded)
        if not dialogs.confirm(
            self,
            f"Delete {self.what}",
            f"Move {name} to the Trash? You can restore it from File → Trash until the "
            "Trash is emptied.",
            "Move to Trash",
            destructive=True,
        ):
            return False
        try:
            with self.database.write() as session:
                self.remove(session, record_id)
        except InUseError as exc:
            if not self.delete_in_use(exc, record_id):
                return False
        except ForumDeskError as exc:
            dialogs.error(self, f"The {self.what} was not deleted", str(exc))
            return False
        self.forget_deleted(record_id)
        return True

    def forget_deleted(self, record_id: int) -> None:
        """The record went to the Trash: show a blank form and tell the page."""
        self._show_loaded(self.blank_record())
        self.record_deleted.emit(record_id)

    def show_history(self) -> None:
        """History…: the loaded record's changes; a revert reloads the form (after asking
        about unsaved changes first, so nothing typed is lost silently)."""
        record_id = self.record_id
        if record_id is None or not self.history_table:
            return
        if not self.maybe_leave():
            return
        from desktop.ui.history_view import HistoryDialog

        dialog = HistoryDialog(
            self.database, self.history_table, record_id, self.record_name(self._loaded), self
        )
        dialog.reverted.connect(self._after_revert)
        self.history_dialog = dialog  # tests drive the open dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(self._history_closed)
        dialog.open()

    def _history_closed(self, _result: int) -> None:
        dialog, self.history_dialog = self.history_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _after_revert(self) -> None:
        if self.reload():
            self.record_saved.emit(self._loaded)

    def maybe_leave(self) -> bool:
        """Before the form is left: ask Save / Discard / Cancel if changed.  False = stay."""
        if not self._dirty:
            return True
        answer = dialogs.ask_save_discard_cancel(self, self.record_name(self.current()))
        if answer is dialogs.Answer.SAVE:
            return self.save()
        if answer is dialogs.Answer.DISCARD:
            self.revert()
            return True
        return False

    # Validation display ---------------------------------------------------------------

    def show_errors(self, errors: list[FieldError]) -> None:
        """Mark each field and say one sentence next to it; others go to the banner."""
        self.clear_errors()
        loose: list[str] = []
        first: QWidget | None = None
        for error in errors:
            slot = self._fields.get(error.field)
            if slot is not None:
                if not slot.error_label.isVisible() or not slot.error_label.text():
                    slot.show_error(error.message)
                if first is None:
                    first = slot.widget
            elif not self.show_nested_error(error.field, error.message):
                loose.append(error.message)
        count = len(errors)
        head = (
            "Nothing was saved: one thing needs correcting."
            if count == 1
            else f"Nothing was saved: {count} things need correcting."
        )
        self.banner.setText(" ".join([head, *loose]))
        self.banner.setVisible(True)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(first)

    def clear_errors(self) -> None:
        for slot in self._fields.values():
            slot.show_error("")
        self.clear_nested_errors()
        self.banner.clear()
        self.banner.setVisible(False)

    def field_error(self, field: str) -> str:
        """The message shown next to a field ("" if none) — what the user reads."""
        slot = self._fields.get(field)
        if slot is None or not slot.error_label.isVisibleTo(self):
            return ""
        return slot.error_label.text()

    def field_widget(self, field: str) -> QWidget | None:
        slot = self._fields.get(field)
        return None if slot is None else slot.widget
