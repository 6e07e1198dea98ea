"""Paste from Spreadsheet…: registration rows become participants of the event form —
existing people matched, new people (and their organizations) created in one transaction,
the participants unsaved rows until the event's Save."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db import repository
from db.models import Organization, Person
from db.session import Database
from desktop.ui.events_page import EventsPage
from desktop.ui.events_paste import PasteParticipantsDialog

ROWS = (
    "Name\tTitle\tOrganization\tE-mail\n"
    "Mr. CAO Cong\tSecretary General\tSFICE\t\n"
    "Dr. Anna WEBER\tResearch Fellow\tSAIIA\tanna.weber@example.de\n"
    "Ms. LI Na\tDirector\tGreater Bay Institute (GBI)\t\n"
)


def _counts(database: Database) -> tuple[int, int]:
    with database.read() as session:
        people = session.scalar(select(func.count()).select_from(Person))
        orgs = session.scalar(select(func.count()).select_from(Organization))
    return people or 0, orgs or 0


def _open(qtbot: QtBot, page: EventsPage) -> PasteParticipantsDialog:
    page.editor.paste_button.click()
    dialog = page.editor.paste_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _results(dialog: PasteParticipantsDialog) -> list[str]:
    table = dialog.table
    return [table.item(r, PasteParticipantsDialog.RESULT).text() for r in range(table.rowCount())]


def test_paste_three_rows_into_a_new_event_and_save(
    page: EventsPage, qtbot: QtBot, demo_database: Database
) -> None:
    page.new_record()
    editor = page.editor
    qtbot.keyClicks(editor.title_edit, "Workshop on AI Standards")
    editor.start_field.set_value(dt.date(2024, 3, 5))
    people_before, orgs_before = _counts(demo_database)

    QGuiApplication.clipboard().setText(ROWS)
    dialog = _open(qtbot, page)
    assert not dialog.add_button.isEnabled()
    dialog.paste_button.click()
    assert _results(dialog) == [
        "In the records · Panelist. In the records (found by name).",
        "New person · Panelist",
        "New person · Panelist",
    ]
    org_cells = [dialog.table.item(r, dialog.ORGANIZATION).text() for r in range(3)]
    assert org_cells == [
        "SFICE",
        "Shenzhen Artificial Intelligence Industry Association (SAIIA)",
        "Greater Bay Institute (GBI) · new organization",
    ]
    assert dialog.summary.text().startswith(
        "3 rows: 1 person in the records, 2 new people, 1 new organization."
    )
    assert dialog.add_button.text() == "Add 3 Participants"
    # Nothing is written before the user confirms.
    assert _counts(demo_database) == (people_before, orgs_before)

    with qtbot.waitSignal(dialog.finished_with) as signal:
        dialog.add_button.click()
    assert len(signal.args[0]) == 3
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _counts(demo_database) == (people_before + 2, orgs_before + 1)

    names = [r.name for r in editor.part_model.rows()]
    assert names == ["Mr. CAO Cong", "Dr. Anna WEBER", "Ms. LI Na"]
    lines = [r.line for r in editor.part_model.rows()]
    assert lines[1] == (
        "Dr. Anna WEBER, Research Fellow of Shenzhen Artificial Intelligence Industry Association"
    )
    assert lines[2] == "Ms. LI Na, Director of Greater Bay Institute"
    assert "Dr. Anna WEBER, Research Fellow of" in editor.preview_text()
    assert editor.is_dirty() and editor.record_id is None  # unsaved rows in the form

    assert editor.save(), editor.banner.text()
    with demo_database.read() as session:
        event = repository.get_event(session, editor.record_id or 0)
        weber = repository.get_person(session, event.participants[1].person_id)
        li = repository.get_person(session, event.participants[2].person_id)
        gbi = repository.get_organization(session, li.positions[0].organization_id or 0)
    assert event.participants[0].person_id == 7  # Mr. CAO Cong
    assert [p.role for p in event.participants] == ["panelist"] * 3
    assert event.participants[1].cited_position_ids == (weber.positions[0].id,)
    assert weber.email == "anna.weber@example.de"
    assert (gbi.name, gbi.acronym) == ("Greater Bay Institute", "GBI")


def test_existing_participants_are_skipped_and_cancel_adds_nothing(
    page: EventsPage, qtbot: QtBot, demo_database: Database
) -> None:
    editor = page.editor
    before = [r.person_id for r in editor.part_model.rows()]
    people_before, orgs_before = _counts(demo_database)
    dialog = _open(qtbot, page)
    set_role = dialog.role.findData("attendee")
    dialog.role.setCurrentIndex(set_role)
    dialog.set_text(
        "Zhao Kefeng\tChairman\tSAIIA\n"
        "\tDirector\tSAIIA\n"
        "Ms. LI Na\tDirector\tGreater Bay Institute\tli@example.org\tModerator\textra\n"
    )
    assert _results(dialog) == [
        "Mr. ZHAO Kefeng is already a participant of this event; skipped.",
        "Row 2 has no name (only ‘Director’, ‘SAIIA’).",
        "New person · Moderator. One cell beyond the known columns was left out: ‘extra’.",
    ]
    assert dialog.add_button.text() == "Add 1 Participant"
    with qtbot.waitSignal(dialog.finished_with) as signal:
        dialog.reject()
    assert signal.args == [[]]
    assert _counts(demo_database) == (people_before, orgs_before)
    assert [r.person_id for r in editor.part_model.rows()] == before
    assert not editor.is_dirty()


@pytest.mark.parametrize("text", ["", "\n\t\n", "Name\tTitle\n"])
def test_nothing_to_add(page: EventsPage, qtbot: QtBot, text: str) -> None:
    dialog = _open(qtbot, page)
    dialog.set_text(text)
    assert not dialog.add_button.isEnabled()
    assert dialog.summary.text() == "Nothing pasted yet."
    dialog.add()  # Enter on a disabled button does nothing either
    assert dialog.isVisible()
    dialog.reject()
