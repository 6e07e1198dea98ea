"""The Events page: every event, newest first, filtered as you type and by year and kind;
the selected event's form on the right.

Interface the main window relies on: ``EventsPage(database, parent=None)`` is a
``desktop.ui.pages.Page`` with ``title = "Events"`` and ``settings_key = "events"``.
A release created from an event and a person's positions are opened through
``open_requested`` ("releases", id) / ("people", id).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from db.event_queries import EVENTS, NEWEST_FIRST, EventRow, event_years
from db.models import EventKind
from db.session import Database
from desktop.ui.events_editor import EventEditor
from desktop.ui.pages import MasterDetailPage
from desktop.ui.table_model import Column, WindowedTableModel
from desktop.ui.widgets import fill_year_filter


def _title_tip(row: EventRow) -> str:
    """The whole title, with the kind and city (hidden columns until shown)."""
    where = " · ".join(part for part in (row.kind, row.city) if part)
    return f"{row.title}\n{where}" if where else row.title


# The title takes what the compact columns leave; Kind and City start hidden (the title's
# tooltip names them; the header's context menu shows them).
COLUMNS: list[Column[EventRow]] = [
    Column("Date", lambda r: r.dates, "date", 96),
    Column("Kind", lambda r: r.kind, "kind", 80, hidden=True),
    Column("Title", lambda r: r.title, "title", 140, stretch=True, tip=_title_tip),
    Column("City", lambda r: r.city, "city", 80, hidden=True),
    Column("Hosts", lambda r: r.hosts, "hosts", 120, tooltip=True),
    Column("People", lambda r: str(r.participants), "participants", 52),
    Column("Release", lambda r: r.release_status, "release", 76, tooltip=True),
]


class EventsModel(WindowedTableModel[EventRow]):
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class EventsPage(MasterDetailPage):
    title = "Events"
    settings_key = "events"
    search_placeholder = "Search title, city, organizations, people"
    default_sizes = (580, 550)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        model = EventsModel(database, EVENTS, COLUMNS)
        model.set_query(NEWEST_FIRST)
        editor = EventEditor(database)
        super().__init__(database, model, editor, parent)
        self.editor: EventEditor = editor
        # Newest first (setup_view enabled sorting ascending on the date column).
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)

        self.year_filter = QComboBox()
        self.year_filter.setObjectName("events_year_filter")
        self.year_filter.setAccessibleName("Year")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("events_kind_filter")
        self.kind_filter.setAccessibleName("Kind of event")
        self.kind_filter.addItem("All kinds", None)
        for kind in EventKind:
            self.kind_filter.addItem(kind.label, kind.value)
        self.filter_bar.addWidget(self.year_filter)
        self.filter_bar.addWidget(self.kind_filter)
        self._fill_years()
        self.year_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("year", self.year_filter.currentData())
        )
        self.kind_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("kind", self.kind_filter.currentData())
        )
        self.editor.record_saved.connect(lambda _r: self._fill_years())
        self.editor.duplicated.connect(self._duplicated)
        self.editor.release_created.connect(self._release_created)
        self.editor.open_person_requested.connect(
            lambda person_id: self.open_requested.emit("people", person_id)
        )
        self.setTabOrder(self.search, self.year_filter)
        self.setTabOrder(self.year_filter, self.kind_filter)
        self.setTabOrder(self.kind_filter, self.table)

    def first_field(self) -> QWidget | None:
        return self.editor.title_edit

    def _fill_years(self) -> None:
        with self.database.read() as session:
            fill_year_filter(self.year_filter, event_years(session))

    def refresh(self) -> None:
        self._fill_years()
        super().refresh()

    def _duplicated(self, event_id: int) -> None:
        self._fill_years()
        self.model.refresh()
        if self.editor.load(event_id):
            self._select_id(event_id)
        self.status_message.emit("Duplicated the event; set its details and save.")

    def _release_created(self, release_id: int) -> None:
        self.model.refresh()
        self.status_message.emit("Created a draft release from the event.")
        self.open_requested.emit("releases", release_id)
