"""The events list on the page: newest first, search as you type, year and kind filters."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from db import event_ops
from db.session import Database
from desktop.ui.events_page import EventsPage
from desktop.ui.events_tables import OrganizationRow, OrganizationsModel


def test_list_filters_and_models(page: EventsPage, demo_database: Database, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    with demo_database.write() as session:
        event_ops.duplicate_event(session, 1, dt.date(2023, 5, 4), False)
    page.refresh()
    model = page.model
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "4 May 2023"  # newest first
    assert model.index(1, 4).data() == "China Forum, SFICE, I-AIIG, SAIIA"
    assert model.index(1, 5).data() == "9" and model.index(1, 6).data() == "Published"
    assert [page.year_filter.itemText(i) for i in range(page.year_filter.count())] == [
        "All years",
        "2023",
        "2021",
    ]
    page.year_filter.setCurrentIndex(2)
    assert model.rowCount() == 1 and page.count_label.text() == "1 event found"
    page.year_filter.setCurrentIndex(0)
    page.search.setText("cao")  # a participant's name
    page.search.flush()
    assert model.rowCount() == 1 and model.index(0, 0).data() == "19 Nov 2021"
    page.search.setText("")
    page.search.flush()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("lecture"))
    assert model.rowCount() == 0
    page.kind_filter.setCurrentIndex(0)
    qtmodeltester.check(model)
    qtmodeltester.check(page.editor.part_model)
    qtmodeltester.check(page.editor.org_model)


def test_ordered_rows_model_moves(qtbot: QtBot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = OrganizationsModel()
    model.set_rows([OrganizationRow(i, f"Org {i}") for i in range(4)])
    assert model.move_row(0, 3)
    assert [r.organization_id for r in model.rows()] == [1, 2, 3, 0]
    assert not model.move_row(3, 4)  # past the end: nothing happens
    model.reorder([3, 0, 1, 2])
    assert [r.organization_id for r in model.rows()] == [0, 1, 2, 3]
    qtmodeltester.check(model)
