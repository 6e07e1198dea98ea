"""A page shown again reflects what was saved on another page (or in a dialog) meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from db import repository
from db.session import Database
from desktop.ui.main_window import MainWindow

CHEN = 1  # demo: Mr. CHEN Xiaogong, Expert at China Forum and Deputy Director of the Office
OFFICE = 11


def _window(qtbot, database: Database, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_person_form_drops_a_position_trashed_with_its_organization(
    qtbot, demo_database: Database, settings: QSettings, answers
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_database, settings)
    window.open_record("people", CHEN)
    people = window.current_page
    person = people.person_editor  # type: ignore[attr-defined]
    assert [p.organization_id for p in person.current().positions] == [1, OFFICE]

    window.open_record("organizations", OFFICE)
    organizations = window.current_page.organization_editor  # type: ignore[attr-defined]
    answers.confirm_answers = [True, True]  # Move to Trash? / … together with its position?
    assert organizations.delete()

    assert window.show_page("people")
    assert [p.organization_id for p in person.current().positions] == [1]
    assert not person.is_dirty()
    # An edit then saves (it failed on the trashed position the form still held).
    person.phone.setText("+86 755 0000")
    assert person.save()
    assert answers.kinds() == ["confirm", "confirm"]
    with demo_database.read() as session:
        stored = repository.get_person(session, CHEN)
    assert stored.phone == "+86 755 0000"
    assert [p.organization_id for p in stored.positions] == [1]


def test_the_organizations_list_shows_one_made_in_another_window_once_shown_again(
    qtbot, demo_database: Database, settings: QSettings, answers
) -> None:  # type: ignore[no-untyped-def]
    from db.records import OrganizationRecord

    window = _window(qtbot, demo_database, settings)
    window.show_page("organizations")
    page = window.current_page
    before = page.model.rowCount()  # type: ignore[attr-defined]
    window.show_page("people")
    with demo_database.write() as session:  # e.g. the inline New Organization dialog
        repository.save_organization(session, OrganizationRecord(name="Harbour Institute"))
    window.show_page("organizations")
    assert page.model.rowCount() == before + 1  # type: ignore[attr-defined]
    # Nothing saved since: showing it again reads nothing (and asks nothing).
    window.show_page("people")
    window.show_page("organizations")
    assert answers.asked == []
