"""The four pages at a desktop size with the demo data: what a secretariat user sees fits.

At the width a 1280-pixel window leaves for a page (and at 1024): forms have no horizontal
scroll bar, the list's stretch column fills the pane, long headings are elided with the
whole text as a tooltip, counts read "1 event", dates read alike in every list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from db.session import Database
from desktop.ui.events_page import EventsPage
from desktop.ui.organizations_page import OrganizationsPage
from desktop.ui.pages import MasterDetailPage
from desktop.ui.people_page import PeoplePage
from desktop.ui.positions_editor import DATE_PLACEHOLDER
from desktop.ui.releases_page import ReleasesPage
from desktop.ui.table_model import set_column_shown

PAGES = [PeoplePage, OrganizationsPage, EventsPage, ReleasesPage]


def _show(qtbot, page: QWidget, width: int, height: int = 740) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)


@pytest.mark.parametrize("width", [1130, 874])  # a 1280 / 1024 window minus navigation
@pytest.mark.parametrize("page_class", PAGES, ids=lambda c: c.__name__)
def test_form_fits_its_pane_and_has_history(
    qtbot, demo_database: Database, page_class: type[MasterDetailPage], width: int
) -> None:  # type: ignore[no-untyped-def]
    page = page_class(demo_database)
    _show(qtbot, page, width)
    page.select_row(0)
    qtbot.waitUntil(lambda: page.editor.record_id is not None)
    editor = page.editor
    qtbot.waitUntil(lambda: not editor.scroll.horizontalScrollBar().isVisible())
    assert editor.history_button.isVisible() and editor.history_button.isEnabled()
    assert editor.delete_button.text() == "&Delete…"
    # The heading is one line that never widens the form; cut text has a tooltip.
    heading = editor.heading
    assert heading.width() <= editor.width()
    if heading.elided:
        assert heading.text().endswith("…") and heading.toolTip() == heading.full_text()
    else:
        assert heading.toolTip() == ""
    if width == 1130:
        # The stretch column fills the list: nothing hides behind a horizontal scroll bar.
        assert not page.table.horizontalScrollBar().isVisible()


def test_release_heading_is_the_headline_elided_without_quotes(
    qtbot, demo_database: Database
) -> None:  # type: ignore[no-untyped-def]
    page = ReleasesPage(demo_database)
    _show(qtbot, page, 1130)
    assert page.open_record(2)
    heading = page.editor.heading
    headline = "China Forum Hosts Seminar on International Cooperation of Shenzhen’s AI Enterprises"
    assert heading.full_text() == headline
    assert heading.elided and heading.toolTip() == headline
    assert heading.text().startswith("China Forum Hosts") and heading.text().endswith("…")
    assert "‘" not in heading.text()


def test_lists_read_dates_alike_newest_first_with_a_descending_arrow(
    qtbot, demo_database: Database
) -> None:  # type: ignore[no-untyped-def]
    releases = ReleasesPage(demo_database)
    events = EventsPage(demo_database)
    for page in (releases, events):
        _show(qtbot, page, 1130)
        header = page.table.horizontalHeader()
        assert header.sortIndicatorSection() == 0
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert [releases.model.index(r, 0).data() for r in range(3)] == [
        "3 Dec 2021",
        "22 Nov 2021",
        "12 Nov 2021",
    ]
    assert events.model.index(0, 0).data() == "19 Nov 2021"
    assert events.count_label.text() == "1 event" and releases.count_label.text() == "3 releases"
    # Hidden columns are named in the stretch column's tooltip and can be shown.
    tip = releases.model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[1:] == [
        "Series: China Forum News",
        "Event: Seminar on International Cooperation in Artificial Intelligence in Shenzhen",
    ]
    assert releases.table.isColumnHidden(4)
    set_column_shown(releases.table, 4, True)
    assert not releases.table.isColumnHidden(4)


def test_position_dates_have_a_placeholder_that_is_not_a_date(
    qtbot, demo_database: Database
) -> None:  # type: ignore[no-untyped-def]
    page = PeoplePage(demo_database)
    _show(qtbot, page, 1130)
    page.select_row(0)
    row = page.person_editor.positions.rows[0]
    assert DATE_PLACEHOLDER == "year or yyyy-mm"
    for edit in (row.start_date, row.end_date):
        assert edit.text() == "" and edit.placeholderText() == DATE_PLACEHOLDER
        # Wide enough to show the whole placeholder.
        assert edit.width() >= edit.fontMetrics().horizontalAdvance(DATE_PLACEHOLDER)
    for button in (row.up, row.down, row.remove):
        assert button.isVisible()
        assert button.mapTo(page, button.rect().topRight()).x() < page.width()
