"""The Organizations page driven like a user, against a fresh real database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from db import repository
from db.models import Organization, Person
from db.session import Database, open_database
from desktop.ui import dialogs
from desktop.ui.organization_dialog import NewOrganizationDialog
from desktop.ui.organizations_page import OrganizationsPage
from tests.ui.helpers import click, pick, retype, type_text


@pytest.fixture
def page(qtbot, database: Database) -> OrganizationsPage:  # type: ignore[no-untyped-def]
    page = OrganizationsPage(database)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


@pytest.fixture
def demo_page(qtbot, demo_database: Database) -> OrganizationsPage:  # type: ignore[no-untyped-def]
    page = OrganizationsPage(demo_database)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


def _names(database: Database) -> list[str]:
    with database.read() as session:
        return list(
            session.scalars(
                select(Organization.name)
                .where(Organization.deleted_at.is_(None))
                .order_by(Organization.id)
            )
        )


def test_create_edit_and_reopen(qtbot, page: OrganizationsPage, database: Database) -> None:  # type: ignore[no-untyped-def]
    editor = page.organization_editor
    page.new_record()
    qtbot.keyClicks(editor.name, "Tsinghua University")
    type_text(qtbot, editor.name_zh, "清华大学")
    qtbot.keyClicks(editor.city, "Beijing")
    assert editor.is_dirty()
    assert editor.first_mention.text() == "Tsinghua University"
    click(qtbot, editor.save_button)

    assert _names(database) == ["Tsinghua University"]
    assert not editor.is_dirty()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Tsinghua University"
    assert page.table.currentIndex().row() == 0
    assert editor.heading.text() == "Tsinghua University"

    # A sub-unit under it, written possessively, with an acronym: the live lines follow.
    page.new_record()
    qtbot.keyClicks(editor.name, "Institute for AI International Governance")
    qtbot.keyClicks(editor.acronym, "I-AIIG")
    editor.takes_the.setChecked(True)
    pick(qtbot, editor.parent_lookup, "清华", "Tsinghua University")
    editor.parent_style.setCurrentIndex(editor.parent_style.findData("possessive"))
    assert editor.first_mention.text() == (
        "Tsinghua University’s Institute for AI International Governance (I-AIIG)"
    )
    assert editor.later_mention.text() == "I-AIIG"
    click(qtbot, editor.save_button)
    with database.read() as session:
        saved = repository.get_organization(session, 2)
    assert saved.parent_id == 1 and saved.acronym == "I-AIIG" and saved.takes_the

    # Reopen the first one: its sub-unit is listed; edit and save again.
    page.select_row(page.model.row_of_id(1))
    assert editor.record_id == 1
    assert editor.sub_units.item(0).text() == "Institute for AI International Governance (I-AIIG)"
    retype(qtbot, editor.city, "Haidian, Beijing")
    click(qtbot, editor.save_button)
    with database.read() as session:
        assert repository.get_organization(session, 1).city == "Haidian, Beijing"


def test_acronym_clash_is_shown_inline_and_nothing_is_lost(
    qtbot, demo_page: OrganizationsPage, demo_database: Database
) -> None:  # type: ignore[no-untyped-def]
    editor = demo_page.organization_editor
    before = _names(demo_database)
    demo_page.new_record()
    qtbot.keyClicks(editor.name, "South African Institute of International Affairs")
    qtbot.keyClicks(editor.acronym, "sfice")
    click(qtbot, editor.save_button)
    assert editor.field_error("acronym") == (
        "An organization named ‘Shenzhen Foundation for International Cooperation and "
        "Exchange’ already uses the acronym ‘sfice’."
    )
    assert editor.acronym.property("invalid") is True
    assert editor.banner.isVisible()
    assert _names(demo_database) == before
    assert editor.name.text() == "South African Institute of International Affairs"
    assert editor.is_dirty()
    # Correcting it saves, and the error goes away.
    retype(qtbot, editor.acronym, "SAIIA-ZA")
    click(qtbot, editor.save_button)
    assert editor.field_error("acronym") == ""
    assert not editor.banner.isVisible()
    assert len(_names(demo_database)) == len(before) + 1


def test_required_name_and_bad_website(qtbot, page: OrganizationsPage, database: Database) -> None:  # type: ignore[no-untyped-def]
    editor = page.organization_editor
    page.new_record()
    qtbot.keyClicks(editor.website, "not a site")
    click(qtbot, editor.save_button)
    assert editor.field_error("name") == "Enter the organization’s name."
    assert editor.field_error("website") == "‘not a site’ is not a web address."
    assert _names(database) == []


def test_parent_cycle_and_own_parent(
    qtbot, demo_page: OrganizationsPage, demo_database: Database
) -> None:  # type: ignore[no-untyped-def]
    editor = demo_page.organization_editor
    demo_page.open_record(3)  # Tsinghua University; I-AIIG (4) is under it
    assert editor.name.text() == "Tsinghua University"
    # The lookup never offers the organization itself as its parent.
    editor.parent_lookup.setFocus()
    qtbot.keyClicks(editor.parent_lookup, "Tsinghua")
    qtbot.waitUntil(lambda: bool(editor.parent_lookup.choices()))
    assert not any(c.startswith("Tsinghua University") for c in editor.parent_lookup.choices())
    pick(qtbot, editor.parent_lookup, "I-AIIG", "I-AIIG")
    editor.parent_style.setCurrentIndex(editor.parent_style.findData("of"))
    click(qtbot, editor.save_button)
    assert editor.field_error("parent_id") == (
        "Tsinghua University cannot be placed under Institute for AI International "
        "Governance, because Institute for AI International Governance is already part of "
        "Tsinghua University."
    )
    # Own parent (e.g. chosen before the rule existed) is refused with its sentence too.
    editor.parent_lookup.choose(3)
    click(qtbot, editor.save_button)
    assert editor.field_error("parent_id") == "Tsinghua University cannot be its own parent."
    with demo_database.read() as session:
        assert repository.get_organization(session, 3).parent_id is None


def test_refused_delete_names_what_uses_it(
    qtbot, demo_page: OrganizationsPage, demo_database: Database, answers
) -> None:  # type: ignore[no-untyped-def]
    demo_page.open_record(2)  # SFICE: a co-host and Mr. CAO's organization
    answers.confirm_answers = [True, False]  # move to the Trash? yes; with its uses? no
    demo_page.delete_record()
    assert answers.kinds() == ["confirm", "confirm"]
    first, offer = answers.texts("confirm")
    assert first.startswith(
        "Move Shenzhen Foundation for International Cooperation and Exchange to the Trash?"
    )
    assert offer.startswith(
        "Shenzhen Foundation for International Cooperation and Exchange cannot be deleted: "
        "it is still used by 1 position (Mr. CAO Cong)"
    )
    assert (
        "Move Shenzhen Foundation for International Cooperation and Exchange to the Trash "
        "together with its 1 position and 1 event role?" in offer
    )
    assert "Shenzhen Foundation for International Cooperation and Exchange" in _names(demo_database)
    assert demo_page.organization_editor.record_id == 2


def test_sub_units_block_the_trash_and_say_so(
    qtbot, demo_page: OrganizationsPage, demo_database: Database, answers
) -> None:  # type: ignore[no-untyped-def]
    with demo_database.read() as session:
        tsinghua = session.scalar(
            select(Organization.id).where(Organization.name == "Tsinghua University")
        )
    demo_page.open_record(tsinghua)
    demo_page.delete_record()
    # Nothing to offer: its sub-unit must be moved first.
    assert answers.kinds() == ["confirm", "error"]
    assert "1 sub-unit (Institute for AI International Governance)" in answers.texts("error")[0]
    assert "Tsinghua University" in _names(demo_database)


def test_in_use_organization_goes_to_the_trash_with_its_uses_and_comes_back(
    qtbot, demo_page: OrganizationsPage, demo_database: Database, answers
) -> None:  # type: ignore[no-untyped-def]
    from db import trash
    from desktop.ui.events_editor import EventEditor
    from desktop.ui.lookup import OrganizationSource
    from desktop.ui.people_page import PersonEditor

    sfice = "Shenzhen Foundation for International Cooperation and Exchange"
    demo_page.open_record(2)
    answers.confirm_answers = [True, True]
    demo_page.delete_record()
    assert answers.kinds() == ["confirm", "confirm"]
    # Gone from the list, the form, the lookups, the person's positions, the event.
    assert sfice not in _names(demo_database)
    assert demo_page.organization_editor.record_id is None
    shown = [demo_page.model.index(r, 0).data() for r in range(demo_page.model.rowCount())]
    assert sfice not in shown and len(shown) == 11
    assert demo_page.count_label.text() == "11 organizations"
    with demo_database.read() as session:
        offered = OrganizationSource().choices(session, "SFICE", 10)
        cao = session.scalar(select(Person.id).where(Person.family_name == "Cao"))
    assert offered == []
    person = PersonEditor(demo_database)
    qtbot.addWidget(person)
    person.load(cao)
    assert person.positions.positions() == ()
    event = EventEditor(demo_database)
    qtbot.addWidget(event)
    event.load(1)
    hosts = [event.org_model.index(r, 0).data() for r in range(event.org_model.rowCount())]
    assert len(hosts) == 3 and not any("Shenzhen Foundation" in h for h in hosts)

    with demo_database.write() as session:
        (entry,) = trash.trash_entries(session)
        assert entry.description == f"{sfice} (SFICE) (with 2 linked records)"
        trash.restore_batch(session, entry.batch)
    demo_page.refresh()
    assert sfice in _names(demo_database)
    person.load(cao)
    assert [p.title for p in person.positions.positions()] == ["Secretary General"]
    event.load(1)
    assert event.org_model.rowCount() == 4


def test_delete_unused_organization(
    qtbot, page: OrganizationsPage, database: Database, answers
) -> None:  # type: ignore[no-untyped-def]
    with database.write() as session:
        repository.save_organization(session, repository.OrganizationRecord(name="Temp"))
    page.refresh()
    page.select_row(0)
    answers.confirm_answer = False
    page.delete_record()
    assert _names(database) == ["Temp"]
    answers.confirm_answer = True
    page.delete_record()
    assert _names(database) == []
    assert page.model.rowCount() == 0
    assert page.organization_editor.record_id is None


def test_inline_create_from_parent_lookup(
    qtbot, page: OrganizationsPage, database: Database
) -> None:  # type: ignore[no-untyped-def]
    editor = page.organization_editor
    page.new_record()
    qtbot.keyClicks(editor.name, "School of International Relations")
    lookup = editor.parent_lookup
    lookup.setFocus()
    qtbot.keyClicks(lookup, "Nanjing University")
    qtbot.waitUntil(lambda: lookup.choices() == ["Create organization ‘Nanjing University’…"])
    lookup.pick(0)
    dialog = page.findChild(NewOrganizationDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.name.text() == "Nanjing University"
    type_text(qtbot, dialog.name_zh, "南京大学")
    with qtbot.waitSignal(dialog.finished_with) as blocker:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    new_id = blocker.args[0]
    assert isinstance(new_id, int)
    assert lookup.value() == new_id
    assert lookup.text() == "Nanjing University"
    editor.parent_style.setCurrentIndex(editor.parent_style.findData("at"))
    assert editor.first_mention.text() == "School of International Relations at Nanjing University"
    click(qtbot, editor.save_button)
    with database.read() as session:
        school = repository.get_organization(session, editor.record_id)
        parent = repository.get_organization(session, new_id)
    assert school.parent_id == new_id and parent.name_zh == "南京大学"


def test_unsaved_changes_prompt_when_switching_record(
    qtbot, demo_page: OrganizationsPage, answers
) -> None:  # type: ignore[no-untyped-def]
    editor = demo_page.organization_editor
    demo_page.open_record(3)
    # An unchanged form never asks.
    demo_page.select_row(demo_page.model.row_of_id(7))
    assert answers.asked == []
    assert editor.record_id == 7
    qtbot.keyClicks(editor.city, " (Xianlin)")
    answers.save_answer = dialogs.Answer.CANCEL
    demo_page.select_row(demo_page.model.row_of_id(3))
    assert answers.kinds() == ["save"]
    assert editor.record_id == 7 and editor.city.text() == "Nanjing (Xianlin)"
    assert demo_page.table.currentIndex().row() == demo_page.model.row_of_id(7)
    answers.save_answer = dialogs.Answer.DISCARD
    demo_page.select_row(demo_page.model.row_of_id(3))
    assert editor.record_id == 3
    demo_page.open_record(7)
    assert editor.city.text() == "Nanjing"
    qtbot.keyClicks(editor.city, " (Xianlin)")
    answers.save_answer = dialogs.Answer.SAVE
    demo_page.new_record()
    assert editor.record_id is None
    with demo_page.database.read() as session:
        assert repository.get_organization(session, 7).city == "Nanjing (Xianlin)"


def test_esc_reverts_after_asking(qtbot, demo_page: OrganizationsPage, answers) -> None:  # type: ignore[no-untyped-def]
    editor = demo_page.organization_editor
    demo_page.open_record(3)
    demo_page.window().activateWindow()
    qtbot.keyClicks(editor.city, "XYZ")
    answers.confirm_answer = False
    editor.revert_action.trigger()
    assert editor.city.text() == "BeijingXYZ"
    answers.confirm_answer = True
    editor.revert_action.trigger()
    assert editor.city.text() == "Beijing"
    assert not editor.is_dirty()


def test_conflict_from_a_second_session_keeps_typing(
    qtbot, demo_page: OrganizationsPage, db_path, answers
) -> None:  # type: ignore[no-untyped-def]
    editor = demo_page.organization_editor
    demo_page.open_record(5)
    qtbot.keyClicks(editor.notes, "Met them in Shenzhen.")
    other = open_database(db_path)
    try:
        with other.write() as session:
            record = repository.get_organization(session, 5)
            repository.save_organization(
                session, record.__class__(**{**record.__dict__, "city": "Guangzhou"})
            )
    finally:
        other.dispose()
    answers.conflict_answer = dialogs.ConflictChoice.KEEP_EDITING
    click(qtbot, editor.save_button)
    assert answers.kinds() == ["conflict"]
    assert "changed elsewhere" in answers.texts("conflict")[0]
    assert editor.notes.toPlainText() == "Met them in Shenzhen."
    assert editor.is_dirty()
    with demo_page.database.read() as session:
        stored = repository.get_organization(session, 5)
    assert stored.city == "Guangzhou" and stored.notes == ""
    # Reload shows theirs.
    answers.conflict_answer = dialogs.ConflictChoice.RELOAD
    click(qtbot, editor.save_button)
    assert editor.city.text() == "Guangzhou" and editor.notes.toPlainText() == ""
    assert not editor.is_dirty()
    QApplication.processEvents()


def test_every_input_has_names(page: OrganizationsPage) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    widgets = [
        w
        for cls in (QLineEdit, QComboBox, QPlainTextEdit, QAbstractButton)
        for w in page.findChildren(cls)
    ]
    assert len(widgets) > 15
    for widget in widgets:
        if widget.isVisibleTo(page) and widget.parent() is not None:
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
                continue
            assert widget.objectName(), widget
            assert widget.accessibleName() or isinstance(widget, QAbstractButton), (
                widget.objectName()
            )


def test_inline_dialog_makes_a_sub_unit_and_shows_its_mentions(
    qtbot, page: OrganizationsPage, database: Database
) -> None:  # type: ignore[no-untyped-def]
    with database.write() as session:
        repository.save_organization(
            session,
            repository.OrganizationRecord(
                name="Shenzhen Artificial Intelligence Industry Association",
                acronym="SAIIA",
                takes_the=True,
            ),
        )
    page.refresh()
    editor = page.organization_editor
    page.new_record()
    qtbot.keyClicks(editor.name, "Expert Panel")
    lookup = editor.parent_lookup
    lookup.setFocus()
    qtbot.keyClicks(lookup, "Academic Committee")
    qtbot.waitUntil(lambda: lookup.choices() == ["Create organization ‘Academic Committee’…"])
    lookup.pick(0)
    dialog = page.findChild(NewOrganizationDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.first_mention.text() == "Academic Committee"
    pick(qtbot, dialog.parent_lookup, "SAIIA", "Shenzhen Artificial")
    dialog.parent_style.setCurrentIndex(dialog.parent_style.findData("of"))
    dialog.takes_the.setChecked(True)
    # (A mention introduces only the organization's own acronym.)
    assert dialog.first_mention.text() == (
        "the Academic Committee of the Shenzhen Artificial Intelligence Industry Association"
    )
    assert dialog.later_mention.text() == dialog.first_mention.text()  # no acronym
    # The same rules (and sentences) as the page: a taken acronym is refused inline.
    type_text(qtbot, dialog.acronym, "SAIIA")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.field_error("acronym") == (
        "An organization named ‘Shenzhen Artificial Intelligence Industry Association’ "
        "already uses the acronym ‘SAIIA’."
    )
    dialog.acronym.clear()
    with qtbot.waitSignal(dialog.finished_with) as blocker:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    new_id = blocker.args[0]
    assert lookup.value() == new_id
    with database.read() as session:
        committee = repository.get_organization(session, new_id)
        saiia = session.scalar(select(Organization.id).where(Organization.acronym == "SAIIA"))
    assert (committee.parent_id, committee.parent_style, committee.takes_the) == (
        saiia,
        "of",
        True,
    )


def test_history_button_reverts_a_change_and_reloads_the_form(
    qtbot, demo_page: OrganizationsPage, demo_database: Database, answers
) -> None:  # type: ignore[no-untyped-def]
    editor = demo_page.organization_editor
    demo_page.new_record()
    assert not editor.history_button.isEnabled()
    demo_page.open_record(7)
    assert editor.history_button.isVisible() and editor.history_button.isEnabled()
    retype(qtbot, editor.city, "Xianlin")
    click(qtbot, editor.save_button)
    assert editor.city.text() == "Xianlin"
    click(qtbot, editor.history_button)
    dialog = editor.history_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "History — Nanjing University"
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))  # newest: the city change
    assert dialog.revert_selected()
    assert editor.city.text() == "Nanjing" and not editor.is_dirty()
    with demo_database.read() as session:
        assert repository.get_organization(session, 7).city == "Nanjing"
    dialog.reject()
    assert editor.history_dialog is None


def test_after_inline_create_the_lookup_has_focus_and_the_dialog_is_gone(
    qtbot, demo_database: Database, settings, answers
) -> None:  # type: ignore[no-untyped-def]
    import shiboken6

    from desktop.ui.main_window import MainWindow

    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page("organizations")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.current_page
    assert isinstance(page, OrganizationsPage)
    editor = page.organization_editor
    page.new_record()
    qtbot.keyClicks(editor.name, "School of Government")
    lookup = editor.parent_lookup

    def create(typed: str) -> NewOrganizationDialog:
        lookup.setFocus()
        lookup.selectAll()
        qtbot.keyClicks(lookup, typed)
        qtbot.waitUntil(lambda: lookup.choices() == [f"Create organization ‘{typed}’…"])
        lookup.pick(0)
        dialog = lookup.findChild(NewOrganizationDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    # Cancelled: the dialog goes, the lookup has the keyboard again.
    dialog = create("Nowhere College")
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    qtbot.waitUntil(lambda: window.isActiveWindow() and lookup.hasFocus())
    assert lookup.value() is None

    # Saved: the new parent chosen, the dialog gone, and Ctrl+S saves at once.
    dialog = create("Peking University")
    with qtbot.waitSignal(dialog.destroyed):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not lookup.findChildren(NewOrganizationDialog)
    qtbot.waitUntil(lambda: window.isActiveWindow() and lookup.hasFocus())
    assert lookup.text() == "Peking University"
    qtbot.keyClick(lookup, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.is_dirty() and editor.record_id is not None
    with demo_database.read() as session:
        school = repository.get_organization(session, editor.record_id)
    assert school.parent_id == lookup.value() is not None
