"""The Releases page: every release by publication date (newest first), filtered as you
type and by status and year; the selected release's form, and beside it the live preview,
the series' Last / Next (click to open), the preflight list and print / export.

Interface the main window relies on: ``ReleasesPage(database, parent=None)`` is a
``desktop.ui.pages.Page`` with ``title = "Releases"`` and ``settings_key = "releases"``.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from db.session import Database
from desktop.ui.pages import MasterDetailPage
from desktop.ui.releases_editor import ReleaseEditor
from desktop.ui.releases_table import (
    COLUMNS,
    NEWEST_FIRST,
    RELEASES,
    STATUS_LABELS,
    ReleasesModel,
    release_years,
)
from desktop.ui.widgets import fill_year_filter


class ReleasesPage(MasterDetailPage):
    title = "Releases"
    settings_key = "releases"
    search_placeholder = "Search headline, series, event"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        model = ReleasesModel(database, RELEASES, COLUMNS)
        model.set_query(NEWEST_FIRST)
        editor = ReleaseEditor(database)
        super().__init__(database, model, editor, parent)
        self.editor: ReleaseEditor = editor
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.splitter.addWidget(editor.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([330, 430, 370])

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("releases_status_filter")
        self.status_filter.setAccessibleName("Status")
        self.status_filter.addItem("All statuses", None)
        for value, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, value)
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("releases_year_filter")
        self.year_filter.setAccessibleName("Year")
        # The filters go on a row of their own under the search box: the list pane is
        # narrow beside the form and the preview.
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.year_filter, 1)
        pane = self.search.parentWidget()
        pane_layout = pane.layout() if pane is not None else None
        if isinstance(pane_layout, QVBoxLayout):
            pane_layout.insertLayout(1, filters)
        else:  # pragma: no cover - the framework's list pane changed shape
            self.filter_bar.addLayout(filters)
        self._fill_years()
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("status", self.status_filter.currentData())
        )
        self.year_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("year", self.year_filter.currentData())
        )
        self.editor.record_saved.connect(lambda _r: self._fill_years())
        self.editor.published_changed.connect(self.model.refresh)
        self.editor.open_release_requested.connect(self.open_record)
        self.setTabOrder(self.search, self.status_filter)
        self.setTabOrder(self.status_filter, self.year_filter)
        self.setTabOrder(self.year_filter, self.table)
        if self.model.rowCount():
            self.select_row(0)
        else:
            self.editor.load(None)

    def first_field(self) -> QWidget | None:
        return self.editor.headline_edit

    def _fill_years(self) -> None:
        with self.database.read() as session:
            fill_year_filter(self.year_filter, release_years(session))

    def refresh(self) -> None:
        self._fill_years()
        super().refresh()
        self.editor.flush_preview()

    def save_state(self, settings: QSettings) -> None:
        super().save_state(settings)
        settings.setValue("releases/preview_splitter", self.editor.side.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        state = settings.value("releases/preview_splitter")
        if isinstance(state, QByteArray):
            self.editor.side.splitter.restoreState(state)
