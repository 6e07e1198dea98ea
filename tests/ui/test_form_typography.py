"""Typographic quotes as you type in the fields whose text reaches a release (names,
position titles, organization names); contact and code-like fields keep what is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db import repository
from db.records import OrganizationRecord
from db.session import Database
from desktop.ui.organization_dialog import NewOrganizationDialog
from desktop.ui.organizations_page import OrganizationsPage
from desktop.ui.people_page import PeoplePage
from tests.ui.helpers import click, pick


def test_person_name_and_title_curl_as_typed_and_undo_gives_the_straight_one(
    qtbot, database: Database
) -> None:  # type: ignore[no-untyped-def]
    with database.write() as session:
        repository.save_organization(session, OrganizationRecord(name="China Forum"))
    page = PeoplePage(database)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    editor = page.person_editor
    page.new_record()
    qtbot.keyClicks(editor.honorific.lineEdit(), "Ms.")
    qtbot.keyClicks(editor.family_name, "O'Brien")
    qtbot.keyClicks(editor.given_name, "Mary'")
    assert editor.given_name.text() == "Mary’"
    qtbot.keyClick(editor.given_name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.given_name.text() == "Mary'"  # undo: the straight one, as typed
    qtbot.keyClick(editor.given_name, Qt.Key.Key_Backspace)
    editor.name_order.setCurrentIndex(editor.name_order.findData("given_first"))
    assert editor.printed_name.text() == "Ms. Mary O’BRIEN"
    # Contact fields keep straight quotes (an address is not prose).
    qtbot.keyClicks(editor.email, "mary.o'brien@example.org")
    assert editor.email.text() == "mary.o'brien@example.org"

    click(qtbot, editor.positions.add_button)
    row = editor.positions.rows[0]
    qtbot.keyClicks(row.title, 'Head of the "AI for Good" Programme')
    pick(qtbot, row.organization, "China For", "China Forum")
    row.phrasing.setCurrentIndex(row.phrasing.findData("title_at"))
    assert row.reading.text() == "Reads: Head of the “AI for Good” Programme at China Forum"
    click(qtbot, editor.save_button)
    assert not editor.is_dirty(), editor.banner.text()
    with database.read() as session:
        saved = repository.get_person(session, editor.record_id or 0)
    assert (saved.family_name, saved.given_name, saved.email) == (
        "O’Brien",
        "Mary",
        "mary.o'brien@example.org",
    )
    assert saved.positions[0].title == "Head of the “AI for Good” Programme"


def test_organization_names_curl_as_typed_on_the_page_and_in_the_inline_dialog(
    qtbot, database: Database
) -> None:  # type: ignore[no-untyped-def]
    page = OrganizationsPage(database)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    editor = page.organization_editor
    page.new_record()
    qtbot.keyClicks(editor.name, "Children's Institute")
    qtbot.keyClicks(editor.acronym, "CI'")
    qtbot.keyClicks(editor.website, "https://example.org/'ci'")
    assert editor.first_mention.text() == "Children’s Institute (CI')"
    assert editor.website.text() == "https://example.org/'ci'"
    editor.acronym.clear()

    lookup = editor.parent_lookup
    lookup.setFocus()
    qtbot.keyClicks(lookup, "Xi")
    qtbot.waitUntil(lambda: lookup.choices() == ["Create organization ‘Xi’…"])
    lookup.pick(0)
    dialog = page.findChild(NewOrganizationDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.name.setFocus()
    dialog.name.end(False)
    qtbot.keyClicks(dialog.name, "'an Jiaotong University")
    assert dialog.first_mention.text() == "Xi’an Jiaotong University"
    with qtbot.waitSignal(dialog.finished_with) as blocker:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    editor.parent_style.setCurrentIndex(editor.parent_style.findData("at"))
    assert editor.first_mention.text() == "Children’s Institute at Xi’an Jiaotong University"
    click(qtbot, editor.save_button)
    with database.read() as session:
        parent = repository.get_organization(session, blocker.args[0])
        child = repository.get_organization(session, editor.record_id or 0)
    assert (parent.name, child.name) == ("Xi’an Jiaotong University", "Children’s Institute")
