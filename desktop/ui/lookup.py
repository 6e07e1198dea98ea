"""Type-ahead lookup of a record (organization, parent, person) with inline create.

``LookupEdit`` is a line edit whose pop-up list is filled from SQL as the user types (name,
acronym, Chinese name…).  When nothing matches, the list offers "Create organization
‘what was typed’…"; choosing it asks the source to open a small creation dialog, and the new
record comes back selected.  ``value()`` is the chosen id (None when nothing is chosen).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget
from sqlalchemy.orm import Session

from db import queries
from db.queries import Choice
from db.session import Database

CREATE_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 1

Created = Callable[[int | None], None]


class LookupSource(Protocol):
    """What a lookup looks up: choices for typed text, the label of an id, creation."""

    noun: str  # "organization"

    def choices(self, session: Session, text: str, limit: int) -> list[Choice]: ...

    def label(self, session: Session, record_id: int) -> str: ...

    def create(self, parent: QWidget, database: Database, text: str, done: Created) -> None:
        """Open a (window-modal, non-blocking) dialog to create a record prefilled with
        ``text``; call ``done(new_id)`` when saved or ``done(None)`` when cancelled."""
        ...


class OrganizationSource:
    """Organizations by name, acronym or Chinese name; creates through a small dialog."""

    noun = "organization"

    def __init__(self, exclude_id: Callable[[], int | None] | None = None) -> None:
        self._exclude_id = exclude_id

    def choices(self, session: Session, text: str, limit: int) -> list[Choice]:
        exclude = self._exclude_id() if self._exclude_id else None
        return queries.organization_choices(session, text, limit, exclude_id=exclude)

    def label(self, session: Session, record_id: int) -> str:
        return queries.organization_label(session, record_id)

    def create(self, parent: QWidget, database: Database, text: str, done: Created) -> None:
        from desktop.ui.organization_dialog import NewOrganizationDialog

        dialog = NewOrganizationDialog(database, text, parent)
        dialog.finished_with.connect(done)
        # Gone once closed (saved, cancelled or the window closed): no dialog per use
        # kept alive under the lookup.
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


class PersonSource:
    """People by name, Chinese name, email, titles or organizations (no inline create
    here: the Events page supplies a source that creates a person with a position)."""

    noun = "person"

    def choices(self, session: Session, text: str, limit: int) -> list[Choice]:
        return queries.person_choices(session, text, limit)

    def label(self, session: Session, record_id: int) -> str:
        return queries.person_label(session, record_id)

    def create(self, parent: QWidget, database: Database, text: str, done: Created) -> None:
        done(None)


class LookupEdit(QLineEdit):
    """A line edit that picks a record by typing; ``value_changed(id or None)``."""

    value_changed = Signal(object)
    create_requested = Signal(str)
    """Emitted with the typed text when "Create …" is chosen (before the dialog opens)."""

    LIMIT = 15
    DELAY_MS = 120

    def __init__(
        self,
        database: Database,
        source: LookupSource,
        parent: QWidget | None = None,
        *,
        can_create: bool = True,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._source = source
        self._value: int | None = None
        self._label = ""
        self._can_create = can_create
        self.setPlaceholderText(f"Type to find an {source.noun}…")
        self.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.refresh_choices)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._finished)

    def event(self, event: QEvent) -> bool:
        # Esc while the pop-up is open only closes the pop-up: the form's Esc (revert, after
        # asking) must not see it.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self._completer.popup().isVisible()
        ):
            event.accept()
            return True
        return super().event(event)

    # Value ------------------------------------------------------------------------

    def value(self) -> int | None:
        return self._value

    def set_value(self, record_id: int | None) -> None:
        """Show a record (or nothing) without emitting ``value_changed``."""
        label = ""
        if record_id is not None:
            with self._database.read() as session:
                label = self._source.label(session, record_id)
        self._value = record_id
        self._label = label
        with QSignalBlocker(self):
            self.setText(label)
            self.setCursorPosition(0)

    def choose(self, record_id: int | None) -> None:
        """Pick a record as if the user had chosen it (emits ``value_changed``)."""
        old = self._value
        self.set_value(record_id)
        if record_id != old:
            self.value_changed.emit(record_id)

    # Choices ----------------------------------------------------------------------

    def popup(self):  # type: ignore[no-untyped-def]
        return self._completer.popup()

    def choices(self) -> list[str]:
        """The texts now offered in the pop-up (for tests and accessibility)."""
        return [self._model.item(i).text() for i in range(self._model.rowCount())]

    def _typed(self, text: str) -> None:
        if self._value is not None and text != self._label:
            # Typing over a chosen record un-chooses it: never keep a stale link.
            self._value = None
            self._label = ""
            self.value_changed.emit(None)
        self._timer.start()

    def refresh_choices(self) -> None:
        """Query now and show the pop-up (the timer calls this after a pause in typing)."""
        self._timer.stop()
        text = self.text().strip()
        with self._database.read() as session:
            found = self._source.choices(session, text, self.LIMIT)
        self._model.clear()
        for choice in found:
            shown = f"{choice.label}  —  {choice.detail}" if choice.detail else choice.label
            item = QStandardItem(shown)
            item.setData(choice.id, ID_ROLE)
            item.setData(choice.label, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self._model.appendRow(item)
        if not found and text and self._can_create:
            item = QStandardItem(f"Create {self._source.noun} ‘{text}’…")
            item.setData(text, CREATE_ROLE)
            item.setEditable(False)
            self._model.appendRow(item)
        if self._model.rowCount() and self.hasFocus():
            self._completer.complete()
        elif not self._model.rowCount():
            self._completer.popup().hide()

    def pick(self, row: int) -> None:
        """Choose the pop-up's row as if clicked."""
        self._activated(self._model.index(row, 0))

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        create_text = index.data(CREATE_ROLE)
        self._completer.popup().hide()
        if create_text:
            self.create_requested.emit(create_text)
            self._source.create(self, self._database, create_text, self._created)
            return
        self.choose(int(index.data(ID_ROLE)))

    def _created(self, record_id: int | None) -> None:
        if record_id is not None:
            self.choose(record_id)
        # Back to the form at once, its window active, so that Ctrl+S saves straight away.
        self.window().activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finished(self) -> None:
        self._timer.stop()
        text = self.text().strip()
        if not text:
            if self._value is not None:
                self.choose(None)
            return
        if self._value is not None:
            if text != self._label:
                with QSignalBlocker(self):
                    self.setText(self._label)
            return
        # Typed but not picked: accept an exact, single match (e.g. the acronym).
        with self._database.read() as session:
            found = self._source.choices(session, text, 2)
        exact = [
            c
            for c in found
            if text.lower() in (c.label.lower(), c.label.split(" (")[0].lower())
            or f"({text.lower()})" in c.label.lower()
        ]
        if len(exact) == 1:
            self.choose(exact[0].id)
