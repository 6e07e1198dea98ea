"""The windowed table model: qtmodeltester, paging on demand, SQL sort, 10,000-row search."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView
from sqlalchemy import insert

from db.models import Person
from db.queries import ORGANIZATIONS, PEOPLE
from db.session import Database
from desktop.ui.organizations_page import organization_columns
from desktop.ui.people_page import PeoplePage, people_columns
from desktop.ui.table_model import WindowedTableModel
from tests.ui.helpers import type_text

SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"]
ZH = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"]


def fill_people(database: Database, count: int) -> None:
    rows = [
        {
            "family_name": SURNAMES[i % 10],
            "given_name": f"Given{i:05d}",
            "name_order": "family_first",
            "name_zh": f"{ZH[i % 10]}{'晓' if i % 7 == 0 else '明'}{'工' if i % 11 == 0 else '华'}",
            "honorific": "Dr.",
            "version": 1,
        }
        for i in range(count)
    ]
    with database.engine.begin() as conn:
        conn.execute(insert(Person), rows)


def test_people_model_passes_qtmodeltester(qtmodeltester, demo_database: Database) -> None:  # type: ignore[no-untyped-def]
    model = WindowedTableModel(demo_database, PEOPLE, people_columns())
    assert model.rowCount() == 9
    qtmodeltester.check(model)


def test_organization_model_passes_qtmodeltester(qtmodeltester, demo_database: Database) -> None:  # type: ignore[no-untyped-def]
    model = WindowedTableModel(demo_database, ORGANIZATIONS, organization_columns())
    assert model.rowCount() == 12
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 1).data() == "SFICE"
    qtmodeltester.check(model)


def test_windowed_model_fetches_only_the_pages_looked_at(qtmodeltester, database: Database) -> None:  # type: ignore[no-untyped-def]
    fill_people(database, 10_000)
    model = WindowedTableModel(database, PEOPLE, people_columns())
    assert model.rowCount() == 10_000
    assert model.pages_fetched == 0
    last = model.index(9_999, 0).data()  # jump straight to the end
    assert last == "Dr. ZHOU Given09999"
    assert model.pages_fetched == 1
    model.index(0, 0).data()
    model.index(150, 0).data()
    assert model.pages_fetched == 2
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "Dr. ZHOU Given09999"
    # Zhou, Zhao, Zhang, Yang, Wu, then Wang: id 1 (Wang, lowest id) ends the Wang block
    assert model.row_of_id(1) == 5_999


def test_filtering_a_10000_row_list(qtbot, database: Database) -> None:  # type: ignore[no-untyped-def]
    fill_people(database, 10_000)
    page = PeoplePage(database)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    header = page.table.verticalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert page.model.rowCount() == 10_000
    assert page.count_label.text() == "10,000 people"
    fetched = page.model.pages_fetched
    assert fetched <= 2  # only what is on screen

    started = time.perf_counter()
    type_text(qtbot, page.search, "晓工")
    qtbot.waitUntil(lambda: page.model.query.search == "晓工")
    elapsed = time.perf_counter() - started
    # i % 7 == 0 and i % 11 == 0: every 77th person
    assert page.model.rowCount() == len([i for i in range(10_000) if i % 77 == 0])
    assert all("晓工" in page.model.index(r, 1).data() for r in range(page.model.rowCount()))
    assert page.count_label.text() == "130 people found"
    assert elapsed < 5

    page.search.clear()
    qtbot.keyClicks(page.search, "given0999")
    qtbot.waitUntil(lambda: page.model.query.search == "given0999")
    assert page.model.rowCount() == 10
    # Jumping to the end of the full list is one page fetch, not a scan.
    page.search.clear()
    page.search.flush()
    before = page.model.pages_fetched
    page.table.scrollToBottom()
    page.model.index(page.model.rowCount() - 1, 0).data()
    assert page.model.pages_fetched - before <= 2
