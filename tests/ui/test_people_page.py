"""The People page driven like a user, against a fresh real database."""

from __future__ import annotations

import pytest

from db import repository
from db.records import OrganizationRecord, PersonRecord
from db.session import Database, open_database
from desktop.ui import dialogs
from desktop.ui.people_page import PeoplePage
from tests.ui.helpers import click, pick, retype, type_text


def _page(qtbot, database: Database) -> PeoplePage:  # type: ignore[no-untyped-def]
    page = PeoplePage(database)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


@pytest.fixture
def org_database(database: Database) -> Database:
    with database.write() as session:
        cpc = repository.save_organization(
            session, OrganizationRecord(name="CPC Central Committee")
        )
        fac = repository.save_organization(
            session,
            OrganizationRecord(
                name="Foreign Affairs Commission",
                parent_id=cpc.id,
                parent_style="of",
                takes_the=True,
            ),
        )
        repository.save_organization(
            session,
            OrganizationRecord(name="Office", parent_id=fac.id, parent_style="of", takes_the=True),
        )
        repository.save_organization(session, OrganizationRecord(name="China Forum"))
    return database


def test_create_person_with_positions_and_reopen(qtbot, org_database: Database) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, org_database)
    editor = page.person_editor
    page.new_record()
    qtbot.keyClicks(editor.honorific.lineEdit(), "Mr.")
    qtbot.keyClicks(editor.family_name, "Chen")
    qtbot.keyClicks(editor.given_name, "Xiaogong")
    type_text(qtbot, editor.name_zh, "陈晓工")
    assert editor.printed_name.text() == "Mr. CHEN Xiaogong"

    click(qtbot, editor.positions.add_button)
    row = editor.positions.rows[0]
    qtbot.keyClicks(row.title, "Expert")
    pick(qtbot, row.organization, "China For", "China Forum")
    row.phrasing.setCurrentIndex(row.phrasing.findData("org_title"))
    click(qtbot, editor.positions.add_button)
    row2 = editor.positions.rows[1]
    qtbot.keyClicks(row2.title, "Deputy Director")
    pick(qtbot, row2.organization, "Office", "Office")
    row2.is_current.setChecked(False)
    assert row2.reading.text() == (
        "Reads: former Deputy Director of the Office of the Foreign Affairs Commission of "
        "CPC Central Committee"
    )
    assert row.reading.text() == "Reads: China Forum Expert"
    click(qtbot, editor.save_button)

    assert not editor.is_dirty()
    with org_database.read() as session:
        saved = repository.get_person(session, editor.record_id)
    assert (saved.honorific, saved.family_name, saved.given_name, saved.name_zh) == (
        "Mr.",
        "Chen",
        "Xiaogong",
        "陈晓工",
    )
    assert [p.title for p in saved.positions] == ["Expert", "Deputy Director"]
    assert page.model.index(0, 0).data() == "Mr. CHEN Xiaogong"
    assert page.model.index(0, 2).data() == "China Forum"

    # Reorder: move the second position up, save, reopen: order kept.
    click(qtbot, editor.positions.rows[1].up)
    assert editor.positions.rows[0].title.text() == "Deputy Director"
    click(qtbot, editor.save_button)
    page.new_record()
    page.select_row(0)
    assert editor.positions.rows[0].title.text() == "Deputy Director"
    assert editor.positions.rows[1].organization.text() == "China Forum"
    with org_database.read() as session:
        assert [p.title for p in repository.get_person(session, editor.record_id).positions] == [
            "Deputy Director",
            "Expert",
        ]


def test_validation_rules_are_shown_inline(qtbot, org_database: Database) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, org_database)
    editor = page.person_editor
    page.new_record()
    qtbot.keyClicks(editor.email, "chen at example")
    click(qtbot, editor.positions.add_button)
    row = editor.positions.rows[0]
    qtbot.keyClicks(row.title, "Director")
    pick(qtbot, row.organization, "China", "China Forum")
    qtbot.keyClicks(row.start_date, "2020-05")
    qtbot.keyClicks(row.end_date, "2019")
    click(qtbot, editor.save_button)
    assert editor.field_error("family_name") == "Enter the family name."
    assert editor.field_error("email") == "‘chen at example’ is not an email address."
    assert editor.positions.error_text(0) == "The end date is before the start date."
    assert row.end_date.property("invalid") is True
    assert page.model.rowCount() == 0
    # Nothing typed was lost; fixing the fields saves.
    qtbot.keyClicks(editor.family_name, "Chen")
    retype(qtbot, editor.email, "chen@example.org")
    retype(qtbot, row.end_date, "2021")
    click(qtbot, editor.save_button)
    assert editor.field_error("email") == ""
    assert editor.positions.error_text(0) == ""
    assert page.model.rowCount() == 1


def test_position_needs_an_organization_unless_title_only(qtbot, org_database: Database) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, org_database)
    editor = page.person_editor
    page.new_record()
    qtbot.keyClicks(editor.family_name, "Li")
    click(qtbot, editor.positions.add_button)
    qtbot.keyClicks(editor.positions.rows[0].title, "Independent Scholar")
    click(qtbot, editor.save_button)
    assert "Choose the organization of this position" in editor.positions.error_text(0)
    row = editor.positions.rows[0]
    row.phrasing.setCurrentIndex(row.phrasing.findData("title_only"))
    click(qtbot, editor.save_button)
    assert editor.record_id is not None


def test_refused_delete_of_a_participant(qtbot, demo_database: Database, answers) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_database)
    page.open_record(1)
    assert page.person_editor.events.count() == 1
    page.delete_record()
    assert answers.kinds() == ["confirm", "error"]
    assert answers.texts("error")[0].startswith(
        "Mr. CHEN Xiaogong cannot be deleted: they take part in 1 event (Seminar on"
    )
    with demo_database.read() as session:
        assert repository.get_person(session, 1).family_name == "Chen"


def test_search_finds_chinese_name_by_any_part(qtbot, demo_database: Database) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_database)
    type_text(qtbot, page.search, "晓工")
    qtbot.waitUntil(lambda: page.model.query.search == "晓工")
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Mr. CHEN Xiaogong"
    assert page.count_label.text() == "1 person found"
    page.search.clear()
    qtbot.keyClicks(page.search, "SFICE")  # an organization's acronym
    qtbot.waitUntil(lambda: page.model.query.search == "SFICE")
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Mr. CAO Cong"
    retype(qtbot, page.search, "dean")  # a title
    qtbot.waitUntil(lambda: page.model.query.search == "dean")
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Professor ZHU Feng"


def test_conflict_with_second_session_keeps_typing(
    qtbot, demo_database: Database, db_path, answers
) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_database)
    editor = page.person_editor
    page.open_record(2)
    qtbot.keyClicks(editor.email, "zhu@example.org")
    other = open_database(db_path)
    try:
        with other.write() as session:
            record = repository.get_person(session, 2)
            repository.save_person(
                session, PersonRecord(**{**record.__dict__, "phone": "+86 10 1234"})
            )
    finally:
        other.dispose()
    click(qtbot, editor.save_button)
    assert answers.kinds() == ["conflict"]
    assert editor.email.text() == "zhu@example.org" and editor.is_dirty()
    with demo_database.read() as session:
        stored = repository.get_person(session, 2)
    assert stored.email == "" and stored.phone == "+86 10 1234"


def test_unsaved_prompt_when_switching_person(qtbot, demo_database: Database, answers) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_database)
    editor = page.person_editor
    page.select_row(0)
    first = editor.record_id
    qtbot.keyClicks(editor.phone, "123")
    answers.save_answer = dialogs.Answer.CANCEL
    page.select_row(1)
    assert answers.kinds() == ["save"] and editor.record_id == first
    assert editor.phone.text() == "123"
    answers.save_answer = dialogs.Answer.SAVE
    page.select_row(1)
    assert editor.record_id != first
    with demo_database.read() as session:
        assert repository.get_person(session, first).phone == "123"


def test_keyboard_only_entry_of_a_person_with_two_positions(
    qtbot, org_database: Database, settings, answers
) -> None:  # type: ignore[no-untyped-def]
    """A registration-sheet row typed without the mouse: Tab from Notes goes through each
    position card and on to "Add Position"; the lookup works with Down and Enter; Ctrl+S
    saves from the last date field."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    window = MainWindow(org_database, settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_page("people")
    editor = window.current_page.person_editor  # type: ignore[attr-defined]

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        # Through the window, as the keyboard delivers it (pop-ups get their keys first).
        QTest.keyClick(window.windowHandle(), key, modifier)

    def typed(text: str) -> None:
        QTest.keyClicks(QApplication.focusWidget(), text)

    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is editor.honorific
    typed("Dr.")
    for text in ("Li", "Wei"):
        press(Qt.Key.Key_Tab)
        typed(text)
    press(Qt.Key.Key_Tab)  # name order
    press(Qt.Key.Key_Tab)
    typed("li.wei@example.org")  # Chinese name left empty
    assert editor.name_zh.text() == "li.wei@example.org"
    editor.name_zh.clear()
    press(Qt.Key.Key_Tab)
    typed("li.wei@example.org")
    press(Qt.Key.Key_Tab)
    typed("+86 10 1234")
    press(Qt.Key.Key_Tab)
    typed("from the registration sheet")
    for number, (title, org, start, end, label) in enumerate(
        (
            ("Expert", "China For", "2018", "", "China Forum"),
            ("Deputy Director", "Office", "2015", "2017", "Office"),
        )
    ):
        # Tab reaches "Add Position" after Notes, then after the last card.
        while QApplication.focusWidget() is not editor.positions.add_button:
            press(Qt.Key.Key_Tab)
            assert editor.positions.isAncestorOf(QApplication.focusWidget()), "Tab left the form"
        press(Qt.Key.Key_Space)
        row = editor.positions.rows[number]
        assert QApplication.focusWidget() is row.title
        typed(title)
        press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is row.organization
        typed(org)
        qtbot.waitUntil(
            lambda row=row, label=label: (
                any(label in c for c in row.organization.choices())
                and row.organization.popup().isVisible()
            )
        )
        press(Qt.Key.Key_Down)
        press(Qt.Key.Key_Return)
        assert row.organization.value() is not None
        press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is row.phrasing
        press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is row.is_current
        if end:
            press(Qt.Key.Key_Space)
        press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is row.start_date
        typed(start)
        press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is row.end_date
        typed(end)
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert not editor.is_dirty()
    with org_database.read() as session:
        saved = repository.get_person(session, editor.record_id)
    assert (saved.honorific, saved.family_name, saved.given_name, saved.email, saved.phone) == (
        "Dr.",
        "Li",
        "Wei",
        "li.wei@example.org",
        "+86 10 1234",
    )
    assert [(p.title, p.start_date, p.end_date, p.is_current) for p in saved.positions] == [
        ("Expert", "2018", "", True),
        ("Deputy Director", "2015", "2017", False),
    ]
    assert editor.positions.rows[1].reading.text().startswith("Reads: former Deputy Director")


def test_read_only_database_forms_do_not_invite_typing(
    qtbot, demo_database: Database, answers
) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.organizations_page import OrganizationsPage

    read_only = open_database(demo_database.path, read_only=True)
    try:
        page = _page(qtbot, read_only)
        editor = page.person_editor
        page.select_row(0)
        assert editor.read_only_notice.isVisibleTo(page)
        row = editor.positions.rows[0]
        assert row.title.isReadOnly() and row.organization.isReadOnly()
        assert not row.is_current.isEnabled() and not row.remove.isEnabled()
        assert not editor.positions.add_button.isVisibleTo(page)
        assert not editor.delete_button.isEnabled() and not editor.save_button.isEnabled()
        qtbot.keyClicks(row.title, "x")
        qtbot.keyClicks(editor.phone, "1")
        assert not editor.is_dirty()
        # Moving to another person after "typing" asks nothing: nothing was changed.
        page.select_row(1)
        assert editor.positions.rows[0].title.isReadOnly()
        assert answers.asked == []

        orgs = OrganizationsPage(read_only)
        qtbot.addWidget(orgs)
        orgs.select_row(0)
        org_editor = orgs.organization_editor
        assert org_editor.name.isReadOnly() and org_editor.parent_lookup.isReadOnly()
        assert not org_editor.kind.isEnabled() and not org_editor.delete_button.isEnabled()
    finally:
        read_only.dispose()


def test_a_long_pasted_name_does_not_widen_the_form(qtbot, demo_database: Database) -> None:  # type: ignore[no-untyped-def]
    """A whole registration-sheet row pasted into one field: the "Prints as" line wraps
    instead of pushing the form wider than its pane (a horizontal scroll bar)."""
    from PySide6.QtWidgets import QApplication

    page = _page(qtbot, demo_database)
    editor = page.person_editor
    page.select_row(0)
    editor.given_name.setFocus()
    editor.given_name.selectAll()
    editor.given_name.insert(
        "Wei Professor Tsinghua University Beijing li.wei@example.org +86 10 1234 "
        "registered 2021-11-01 vegetarian needs a visa letter"
    )
    for _ in range(3):  # let the layouts settle (posted LayoutRequest events)
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    assert "vegetarian" in editor.printed_name.text()
    assert editor.scroll.horizontalScrollBar().maximum() == 0


def test_read_only_blank_form_is_not_headed_new(qtbot, demo_database: Database) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.organizations_page import OrganizationsPage

    writable = _page(qtbot, demo_database)
    assert writable.person_editor.heading.full_text() == "New person"
    read_only = open_database(demo_database.path, read_only=True)
    try:
        page = _page(qtbot, read_only)
        editor = page.person_editor
        assert editor.record_id is None
        assert editor.heading.full_text() == "Nothing selected"
        page.select_row(0)
        assert editor.heading.full_text() not in ("Nothing selected", "New person")
        orgs = OrganizationsPage(read_only)
        qtbot.addWidget(orgs)
        assert orgs.organization_editor.heading.full_text() == "Nothing selected"
    finally:
        read_only.dispose()
