"""Pages of the main window: the ``Page`` interface and the master–detail page.

The main window only talks to pages through ``Page``: title, unsaved changes, asking before
leaving, the standard commands (New, Save, Revert, Delete, Find) and saving/restoring the
layout.  ``MasterDetailPage`` is a list (windowed model + debounced search) on the left and
an ``Editor`` on the right; People and Organizations are a few lines each on top of it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.ui.editor import Editor
from desktop.ui.table_model import WindowedTableModel, fit_columns, setup_view
from desktop.ui.widgets import SearchBox, plain_label


class Page(QWidget):
    """One page of the main window.  Subclasses override what applies to them."""

    title = ""
    """Shown in the navigation pane and the window title ("People")."""
    settings_key = ""
    """Group name for QSettings ("people")."""
    has_records = False
    """Whether New / Save / Revert / Delete apply (a placeholder page says False)."""

    dirty_changed = Signal(bool)
    """The page's form became changed / unchanged (drives the window's ``[*]``)."""
    status_message = Signal(str)
    """A short message for the status bar ("Saved Tsinghua University.")."""
    open_requested = Signal(str, int)
    """Ask the main window to show a record on another page: (settings_key, record id)."""

    def has_unsaved_changes(self) -> bool:
        return False

    def maybe_leave(self) -> bool:
        """Before leaving the page or closing: ask about unsaved changes; False = stay."""
        return True

    def focus_search(self) -> None:
        """Ctrl+F."""

    def new_record(self) -> None:
        """Ctrl+N."""

    def save(self) -> bool:
        """Ctrl+S; True when saved or nothing to save."""
        return True

    def revert(self) -> None:
        """Esc / File → Revert: drop the form's changes after asking."""

    def delete_record(self) -> None:
        """File → Delete: ask, then delete the shown record."""

    def refresh(self) -> None:
        """Re-read lists (after data changed elsewhere, e.g. an import)."""

    def open_record(self, record_id: int) -> bool:
        """Show one record (asks about unsaved changes first); False if not shown."""
        del record_id
        return False

    def save_state(self, settings: QSettings) -> None:
        """Store splitter positions, column widths… under ``settings_key``."""
        del settings

    def restore_state(self, settings: QSettings) -> None:
        del settings


class PlaceholderPage(Page):
    """A page whose issue has not landed yet."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title or self.title
        layout = QVBoxLayout(self)
        label = plain_label(text)
        label.setObjectName("placeholder_text")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setProperty("role", "placeholder")
        layout.addWidget(label)


class MasterDetailPage(Page):
    """A searchable list of records on the left, the selected record's form on the right.

    Subclasses pass the model and the editor; extra filter widgets (year, kind…) can be
    added to ``self.filter_bar`` and call ``self.model.set_filter(name, value)``.
    """

    has_records = True
    search_placeholder = "Search"
    default_sizes = (520, 610)
    """Splitter sizes before the user moves it (list, form[, more panes])."""

    def __init__(
        self,
        database: Database,
        model: WindowedTableModel[Any],
        editor: Editor[Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.model = model
        self.editor = editor
        self._guard = False

        self.search = SearchBox(self.search_placeholder)
        self.search.setObjectName(f"{self.settings_key}_search")
        self.search.setAccessibleName(f"Search {self.title.lower()}")
        self.table = QTableView()
        self.table.setObjectName(f"{self.settings_key}_table")
        self.table.setAccessibleName(f"{self.title} list")
        setup_view(self.table, model)
        self.count_label = plain_label(object_name=f"{self.settings_key}_count")
        self.count_label.setProperty("role", "muted")

        left = QWidget()
        left.setObjectName("list_pane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.setSpacing(6)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.setSpacing(6)
        self.filter_bar.addWidget(self.search, 1)
        left_layout.addLayout(self.filter_bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"{self.settings_key}_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(editor)
        # A smaller or larger window changes the list's width; the form keeps the width it
        # needs (so it never grows a horizontal scroll bar in a 1024-pixel window).
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes(list(self.default_sizes))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.search.search_changed.connect(self.model.set_search)
        self.model.modelReset.connect(self._model_reset)
        self.model.count_changed.connect(self._show_count)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.editor.dirty_changed.connect(self.dirty_changed)
        self.editor.record_saved.connect(self._saved)
        self.editor.record_deleted.connect(self._deleted)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.editor)
        self._show_count(self.model.rowCount())

    # Page interface ---------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return self.editor.is_dirty()

    def maybe_leave(self) -> bool:
        return self.editor.maybe_leave()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_record(self) -> None:
        if not self.editor.maybe_leave():
            return
        self.editor.load(None)
        self._select_id(None)
        first = self.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def first_field(self) -> QWidget | None:
        """The input that gets focus for a new record (override)."""
        return None

    def save(self) -> bool:
        return self.editor.save()

    def revert(self) -> None:
        self.editor.revert_asking()

    def delete_record(self) -> None:
        self.editor.delete()

    def refresh(self) -> None:
        self.model.refresh()

    def open_record(self, record_id: int) -> bool:
        if record_id == self.editor.record_id:
            return True
        if not self.editor.maybe_leave():
            return False
        if not self.editor.load(record_id):
            return False
        self._select_id(record_id)
        return True

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.settings_key}/splitter", self.splitter.saveState())
        settings.setValue(f"{self.settings_key}/columns", self.table.horizontalHeader().saveState())
        if self.editor.record_id is not None:
            settings.setValue(f"{self.settings_key}/record", self.editor.record_id)

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value(f"{self.settings_key}/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        columns = settings.value(f"{self.settings_key}/columns")
        if isinstance(columns, QByteArray):
            self.table.horizontalHeader().restoreState(columns)
            fit_columns(self.table)
            # The header remembers the sort indicator: apply it to the model in SQL.
            header = self.table.horizontalHeader()
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    # List ↔ form ------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        """Select a list row as a click would (asking about unsaved changes)."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _select_id(self, record_id: int | None) -> None:
        """Move the list's selection to a record without reloading the form."""
        self._guard = True
        try:
            row = None if record_id is None else self.model.row_of_id(record_id)
            selection = self.table.selectionModel()
            if row is None:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.NoUpdate)
            else:
                index = self.model.index(row, 0)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
        finally:
            self._guard = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._guard or not current.isValid():
            return
        record_id = self.model.row_id(current.row())
        if record_id is None or record_id == self.editor.record_id:
            return
        if not self.editor.maybe_leave():
            # Stay: put the selection back on the record being edited.
            self._select_id(self.editor.record_id)
            return
        self.editor.load(record_id)
        self._select_id(record_id)

    def _model_reset(self) -> None:
        if self.editor.record_id is not None:
            self._select_id(self.editor.record_id)

    def _show_count(self, count: int) -> None:
        # "1 event", "2 events", "1 person", "9 people" (the title is the plural).
        noun = self.editor.what if count == 1 else self.title.lower()
        if self.model.query.search or self.model.query.filters:
            self.count_label.setText(f"{count:,} {noun} found")
        else:
            self.count_label.setText(f"{count:,} {noun}")

    def _saved(self, record: Any) -> None:
        self.model.refresh()
        self._select_id(getattr(record, "id", None))
        self.status_message.emit(f"Saved {self.editor.record_name(record)}.")

    def _deleted(self, record_id: int) -> None:
        del record_id
        self.model.refresh()
        self._select_id(None)
        self.status_message.emit(f"Moved the {self.editor.what} to the Trash.")
