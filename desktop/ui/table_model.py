"""A windowed table model: row count from SQL, rows fetched by page on demand, sort and
filter in SQL.  One small subclass (or instance) per list; no QSortFilterProxyModel.

The model knows the total row count (``SELECT COUNT``), so the scroll bar is right and the
last row can be reached at once; it loads fixed-size pages (``OFFSET/LIMIT``) as they are
painted and keeps a few of them.  Views should use fixed row heights: see ``setup_view``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QTableView,
    QWidget,
)

from db.queries import ListQuery, ListSpec
from db.session import Database
from desktop.ui.widgets import plain_tip

RowT = TypeVar("RowT")

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""``index.data(ID_ROLE)`` is the record id of the row."""


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """One column: header, how to get the text from a row, and the SQL sort key (or "")."""

    header: str
    text: Callable[[RowT], str]
    sort_key: str = ""
    width: int = 160
    """Starting width; the ``stretch`` column instead takes what the others leave."""
    tooltip: bool = False
    """Show the cell's text as its tooltip (for columns that are often elided)."""
    stretch: bool = False
    """This column fills the list's width (at least ``width``); one per list."""
    hidden: bool = False
    """Hidden until shown from the header's context menu."""
    tip: Callable[[RowT], str] | None = None
    """A tooltip of its own (e.g. the title with the columns that are hidden)."""


class WindowedTableModel(QAbstractTableModel, Generic[RowT]):
    """Read-only list of rows from a ``ListSpec``; ``row_id(row)`` gives the record id."""

    PAGE_SIZE = 200
    MAX_PAGES = 6

    count_changed = Signal(int)
    """Emitted with the new row count after a reset (search, filter, sort, refresh)."""

    def __init__(
        self,
        database: Database,
        spec: ListSpec[RowT],
        columns: list[Column[RowT]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._spec = spec
        self._columns = columns
        self._query = ListQuery(sort_key=spec.default_sort)
        self._pages: OrderedDict[int, list[RowT]] = OrderedDict()
        self._count = self._read_count()
        self.pages_fetched = 0  # for tests and the benchmark

    # Query ------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def columns(self) -> list[Column[RowT]]:
        return self._columns

    def set_query(self, query: ListQuery) -> None:
        if query != self._query:
            self._query = query
            self.refresh()

    def set_search(self, text: str) -> None:
        q = self._query
        self.set_query(ListQuery(text, q.sort_key, q.descending, q.filters))

    def set_filter(self, name: str, value: Any) -> None:
        """Set an extra filter declared in the spec (None removes it)."""
        self.set_query(self._query.with_filter(name, value))

    def refresh(self) -> None:
        """Forget cached pages and re-count (after a save, delete or a new search)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._read_count()
        self.endResetModel()
        self.count_changed.emit(self._count)

    def _read_count(self) -> int:
        with self._database.read() as session:
            return self._spec.count(session, self._query)

    def _page(self, number: int) -> list[RowT]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        with self._database.read() as session:
            page = self._spec.fetch(session, self._query, number * self.PAGE_SIZE, self.PAGE_SIZE)
        self.pages_fetched += 1
        self._pages[number] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # Rows -------------------------------------------------------------------------

    def row_at(self, row: int) -> RowT | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // self.PAGE_SIZE)
        offset = row % self.PAGE_SIZE
        # The table may have changed since the count: a short page means a stale count.
        return page[offset] if offset < len(page) else None

    def row_id(self, row: int) -> int | None:
        item = self.row_at(row)
        return None if item is None else int(item.id)  # type: ignore[attr-defined]

    def row_of_id(self, record_id: int) -> int | None:
        """The row showing ``record_id`` under the current search and sort, or None."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if item.id == record_id:  # type: ignore[attr-defined]
                    return number * self.PAGE_SIZE + offset
        with self._database.read() as session:
            return self._spec.row_of(session, self._query, record_id)

    # QAbstractTableModel ----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE):
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        if role == ID_ROLE:
            return item.id  # type: ignore[attr-defined]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            # Names are shown literally (never as HTML) in tooltips too.
            if column.tip is not None:
                return plain_tip(column.tip(item))
            return plain_tip(column.text(item)) if column.tooltip else None
        return column.text(item)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
            return None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].sort_key
        if not key:
            return
        q = self._query
        self.set_query(ListQuery(q.search, key, order == Qt.SortOrder.DescendingOrder, q.filters))

    def sort_column(self) -> int:
        for number, column in enumerate(self._columns):
            if column.sort_key and column.sort_key == self._query.sort_key:
                return number
        return 0


class _SortArrowStyle(QProxyStyle):
    """Fusion draws an ascending sort as a down arrow; desktop users (Windows Explorer,
    macOS Finder) read ▲ as ascending (A→Z, oldest first) and ▼ as descending."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            flipped = QStyleOptionHeader(option)
            up, down = (
                QStyleOptionHeader.SortIndicator.SortUp,
                QStyleOptionHeader.SortIndicator.SortDown,
            )
            if option.sortIndicator == up:
                flipped.sortIndicator = down
            elif option.sortIndicator == down:
                flipped.sortIndicator = up
            super().drawPrimitive(element, flipped, painter, widget)
            return
        super().drawPrimitive(element, option, painter, widget)


_ARROW_STYLE: list[_SortArrowStyle] = []


def _arrow_style() -> _SortArrowStyle:
    if not _ARROW_STYLE:
        _ARROW_STYLE.append(_SortArrowStyle("Fusion"))
    return _ARROW_STYLE[0]


class _ColumnFitter(QObject):
    """Keeps the list as wide as its pane: the stretch column takes the width the other
    columns leave (never less than its own starting width), so nothing needs a horizontal
    scroll bar unless the pane is really narrow.  Other columns keep the widths the user
    gives them; text that does not fit is elided (with a tooltip where it matters)."""

    def __init__(self, view: QTableView, stretch: int, minimum: int) -> None:
        super().__init__(view)
        self.setObjectName("column_fitter")
        self._view = view
        self._stretch = stretch
        self._minimum = minimum
        view.viewport().installEventFilter(self)
        header = view.horizontalHeader()
        header.sectionResized.connect(self._section_resized)
        header.sectionCountChanged.connect(lambda _old, _new: self.fit())
        self._fitting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _section_resized(self, section: int, _old: int, _new: int) -> None:
        if not self._fitting and section != self._stretch:
            self.fit()

    def fit(self) -> None:
        header = self._view.horizontalHeader()
        if self._stretch >= header.count() or header.isSectionHidden(self._stretch):
            return
        others = sum(
            header.sectionSize(i)
            for i in range(header.count())
            if i != self._stretch and not header.isSectionHidden(i)
        )
        width = max(self._minimum, self._view.viewport().width() - others)
        if header.sectionSize(self._stretch) != width:
            self._fitting = True
            try:
                header.resizeSection(self._stretch, width)
            finally:
                self._fitting = False


def fit_columns(view: QTableView) -> None:
    """Fit the stretch column again (after the header's state was restored)."""
    fitter = view.findChild(_ColumnFitter, "column_fitter")
    if fitter is not None:
        fitter.fit()


def _column_menu(view: QTableView, model: WindowedTableModel[Any], pos: QPoint) -> None:
    header = view.horizontalHeader()
    menu = QMenu(view)
    menu.setObjectName("columns_menu")
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    for number, column in enumerate(model.columns):
        action = menu.addAction(column.header)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(number))
        # The last visible column cannot be hidden (the list would be empty).
        action.setEnabled(shown != [number])
        action.toggled.connect(lambda on, n=number: set_column_shown(view, n, on))
    menu.popup(header.mapToGlobal(pos))


def set_column_shown(view: QTableView, column: int, shown: bool) -> None:
    """Show or hide a list column (the header's context menu does this)."""
    view.horizontalHeader().setSectionHidden(column, not shown)
    fit_columns(view)


def setup_view(view: QTableView, model: WindowedTableModel[Any]) -> None:
    """A list view over a windowed model: fixed row height, row selection, SQL sorting,
    the stretch column filling the pane, columns shown or hidden from the header's menu."""
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    # Fixed heights: Qt never measures rows, so 100,000 rows cost nothing until painted.
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    horizontal = view.horizontalHeader()
    horizontal.setStyle(_arrow_style())
    horizontal.setHighlightSections(False)
    horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    horizontal.setMinimumSectionSize(36)
    horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    stretch = next((n for n, c in enumerate(model.columns) if c.stretch), None)
    horizontal.setStretchLastSection(stretch is None)
    for number, column in enumerate(model.columns):
        view.setColumnWidth(number, column.width)
        horizontal.setSectionHidden(number, column.hidden)
    if stretch is not None:
        _ColumnFitter(view, stretch, model.columns[stretch].width)
    horizontal.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    horizontal.customContextMenuRequested.connect(lambda pos: _column_menu(view, model, pos))
    # Sorting goes to the model (SQL ORDER BY); set the indicator before enabling so that
    # enabling does not trigger a sort by column 0.
    order = Qt.SortOrder.DescendingOrder if model.query.descending else Qt.SortOrder.AscendingOrder
    horizontal.setSortIndicator(model.sort_column(), order)
    view.setSortingEnabled(True)
