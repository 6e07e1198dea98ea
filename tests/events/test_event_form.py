"""The event form on the demo seminar: reordering, removing, roles, the "still correct?"
prompt, duplicate people, validation, unsaved changes, conflicts, duplicate and release."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from db import repository as repo
from db.models import Position, PressRelease
from db.session import Database
from desktop.ui import dialogs
from desktop.ui.events_page import EventsPage
from desktop.ui.events_tables import ParticipantsModel
from desktop.ui.widgets import set_combo_value


def _names(page: EventsPage) -> list[str]:
    return [r.name for r in page.editor.part_model.rows()]


def _saved(database: Database, event_id: int = 1):  # type: ignore[no-untyped-def]
    with database.read() as session:
        return repo.get_event(session, event_id)


def test_move_up_down_and_drag_change_protocol_order_and_the_preview(
    page: EventsPage, demo_database: Database, answers
) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    assert "; and Mr. ZHAO Kefeng, Chairman" in editor.preview_text()
    editor.part_table.selectRow(8)
    editor.part_up.click()
    assert _names(page)[7:] == ["Mr. ZHAO Kefeng", "Mr. FAN Congming"]
    assert editor.part_table.currentIndex().row() == 7
    assert "; and Mr. FAN Congming, Executive Chairman of SAIIA." in editor.preview_text()
    assert editor.is_dirty()
    # Down again, then drag Mr. CAO Cong (row 6) to the top.
    editor.part_down.click()
    assert _names(page)[7:] == ["Mr. FAN Congming", "Mr. ZHAO Kefeng"]
    model = editor.part_model
    data = model.mimeData([model.index(6, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert _names(page)[:2] == ["Mr. CAO Cong", "Mr. CHEN Xiaogong"]
    # SFICE is now introduced in Mr. CAO's line, the first mention after the co-hosts.
    assert editor.preview_text().count("(SFICE)") == 1
    editor.save_button.click()
    assert not editor.is_dirty()
    with demo_database.read() as session:
        people = [p.person_id for p in repo.get_event(session, 1).participants]
    assert people == [7, 1, 2, 3, 4, 5, 6, 8, 9]


def test_removing_rows_and_changing_roles_are_saved_together(
    page: EventsPage, demo_database: Database, answers
) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    editor.org_table.selectRow(3)  # SAIIA
    editor.org_remove.click()
    editor.part_table.selectRow(0)  # Mr. CHEN Xiaogong
    editor.part_remove.click()
    # Mr. ZHAO becomes the moderator through the role cell's combo.
    index = editor.part_model.index(7, ParticipantsModel.ROLE)
    editor.part_table.setCurrentIndex(index)
    editor.part_table.edit(index)
    combo = editor.part_table.findChild(type(editor.org_role), "role_editor")
    assert combo is not None
    combo.setCurrentIndex(combo.findData("moderator"))
    editor.part_table.commitData(combo)
    editor.part_table.closeEditor(combo, QAbstractItemDelegate.EndEditHint.NoHint)
    lead = editor.preview_text()
    assert "The discussion was moderated by Mr. ZHAO Kefeng" in lead
    assert "CHEN Xiaogong" not in lead
    # SAIIA is no longer a co-host, so it is introduced in Mr. FAN's line.
    assert "and Tsinghua University’s Institute for AI International Governance (I-AIIG)." in lead
    assert (
        "Executive Chairman of Shenzhen Artificial Intelligence Industry Association (SAIIA)"
        in (lead)
    )
    editor.save_button.click()
    assert not editor.is_dirty(), editor.banner.text()
    saved = _saved(demo_database)
    assert [o.organization_id for o in saved.organizations] == [1, 2, 4]
    assert [p.person_id for p in saved.participants] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert saved.participants[-1].role == "moderator"
    # Revert after reload shows what was saved.
    editor.load(1)
    assert _names(page)[0] == "Professor ZHU Feng"


def test_sort_by_role_keeps_the_order_within_each_role(page: EventsPage, answers) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    model = editor.part_model
    model.setData(model.index(5, ParticipantsModel.ROLE), "chair")  # Mr. SUN
    model.setData(model.index(1, ParticipantsModel.ROLE), "attendee")  # Professor ZHU
    model.setData(model.index(8, ParticipantsModel.ROLE), "keynote_speaker")  # Mr. ZHAO
    editor.part_sort.click()
    assert _names(page) == [
        "Mr. SUN Huaizhong",
        "Mr. ZHAO Kefeng",
        "Mr. CHEN Xiaogong",
        "Mr. ZHANG Lirong",
        "Mr. WANG Xin",
        "Mr. LU Junqun",
        "Mr. CAO Cong",
        "Mr. FAN Congming",
        "Professor ZHU Feng",
    ]
    assert editor.preview_text().startswith("On November 19, the Seminar")
    assert "The speaker was Mr. ZHAO Kefeng" in editor.preview_text()


def test_the_same_person_twice_is_refused(page: EventsPage, user, demo_database, answers) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    user.lookup(editor.person_lookup, "Cao", "Mr. CAO Cong")
    assert editor.field_error("participants") == "" and len(_names(page)) == 9
    assert editor.part_message.text() == "Mr. CAO Cong is already a participant of this event."
    assert editor.part_message.isVisibleTo(editor)
    assert editor.part_table.currentIndex().row() == 6
    assert not editor.is_dirty()


def test_still_correct_prompt_keep_or_open_positions(
    page: EventsPage, user, demo_database: Database, qtbot: QtBot, answers
) -> None:  # type: ignore[no-untyped-def]
    with demo_database.write() as session:
        # The positions were entered in 2019 and last cited at the 2021 seminar.
        session.execute(update(Position).values(updated_at=dt.datetime(2019, 5, 1, 9, 0)))
    editor = page.editor
    page.new_record()
    user.type(editor.title_edit, "Roundtable on AI Governance")
    user.type(editor.start_field.edit, "2023-03-02")
    user.lookup(editor.person_lookup, "Cao", "Mr. CAO Cong")
    user.lookup(editor.person_lookup, "Zhao", "Mr. ZHAO Kefeng")
    notices = editor.stale_notices()
    assert sorted(notices) == [7, 9]
    assert notices[7].label.text() == (
        # SFICE is not a co-host here: written in full, as this release would print it.
        "Mr. CAO Cong was last recorded as Secretary General of the Shenzhen Foundation for "
        "International Cooperation and Exchange in 2021 — still correct?"
    )
    assert notices[7].isVisibleTo(editor)
    assert editor.part_model.index(0, ParticipantsModel.LINE).data().startswith("⚠")
    # Keep it: the notice goes, the row no longer warns, nothing else changes.
    notices[7].keep.click()
    assert sorted(editor.stale_notices()) == [9]
    assert not editor.part_model.index(0, ParticipantsModel.LINE).data().startswith("⚠")
    # Open the positions: the page asks the main window for the person.
    with qtbot.waitSignal(page.open_requested) as opened:
        editor.stale_notices()[9].open.click()
    assert opened.args == ["people", 9]
    # Mr. CHEN was last cited in 2021 too; his current position alone is ticked.
    user.lookup(editor.person_lookup, "Chen", "Mr. CHEN Xiaogong (陈晓工)")
    assert sorted(editor.stale_notices()) == [1, 9]
    assert editor.cited_list.count() == 2  # both of his positions are offered
    checked = [
        editor.cited_list.item(i).checkState() == Qt.CheckState.Checked
        for i in range(editor.cited_list.count())
    ]
    assert checked == [True, False]  # only the one current on the event date


def test_no_prompt_within_a_year_of_the_last_citation(page: EventsPage, user, answers) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    page.new_record()
    user.type(editor.start_field.edit, "2022-06-01")
    user.lookup(editor.person_lookup, "Cao", "Mr. CAO Cong")
    assert editor.stale_notices() == {}


def test_affiliation_replaces_the_positions(page: EventsPage, user, demo_database, answers) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    editor.part_table.selectRow(1)
    assert editor.cited_box.title() == "Cited for this event: Professor ZHU Feng"
    user.type(editor.affiliation_edit, "a scholar of international relations")
    assert "Professor ZHU Feng, a scholar of international relations;" in editor.preview_text()
    assert editor.part_model.row(1).line == (
        "Professor ZHU Feng, a scholar of international relations"
    )
    editor.save_button.click()
    assert _saved(demo_database).participants[1].affiliation == (
        "a scholar of international relations"
    )


def test_validation_end_before_start_and_bad_dates(
    page: EventsPage, user, demo_database, answers
) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    user.type(editor.end_field.edit, "2021-11-18")
    editor.save_button.click()
    assert editor.field_error("end_date") == "The end date is before the start date."
    assert editor.banner.text().startswith("Nothing was saved")
    assert editor.is_dirty()
    user.type(editor.end_field.edit, "next friday")
    editor.save_button.click()
    assert editor.field_error("end_date").startswith("‘next friday’ is not a date")
    user.type(editor.end_field.edit, "2021-11-20")
    assert editor.end_field.hint.text() == "Saturday, 20 November 2021"
    editor.save_button.click()
    assert editor.field_error("end_date") == ""
    assert _saved(demo_database).end_date == dt.date(2021, 11, 20)
    assert editor.preview_text().startswith("On November 19–20, the Seminar")


def test_dates_typed_from_a_registration_list_are_read_and_shown(
    page: EventsPage, user, demo_database, answers
) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    user.type(editor.end_field.edit, "Nov 20")
    assert editor.end_field.hint.text() == "not a date yet"
    for typed in ("Nov 20, 2021", "November 20 2021", "20 Nov, 2021", "2021/11/20", "20-11-2021"):
        user.type(editor.end_field.edit, typed)
        assert editor.end_field.hint.text() == "Saturday, 20 November 2021", typed
    editor.save_button.click()
    assert _saved(demo_database).end_date == dt.date(2021, 11, 20)


def test_no_host_is_a_warning_not_an_error(page: EventsPage, demo_database, answers) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    assert not editor.host_warning.isVisibleTo(editor)
    for _ in range(4):
        editor.org_table.selectRow(0)
        editor.org_remove.click()
    assert editor.host_warning.isVisibleTo(editor)
    editor.save_button.click()
    assert not editor.is_dirty()
    assert _saved(demo_database).organizations == ()
    assert "took place" in editor.preview_text()


def test_add_several_organizations_from_the_picker(
    page: EventsPage, user, demo_database, answers
) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    page.new_record()
    user.type(editor.title_edit, "Forum on Trade")
    picker = editor.open_picker()
    assert picker.isVisible()
    picker.search.setText("Shenzhen")
    picker.tick("Shenzhen Foreign Affairs Office")
    picker.tick("Shenzhen Artificial Intelligence Industry Association")
    picker.search.setText("")
    picker.tick("China Forum")
    set_combo_value(picker.role, "supporter")
    picker.buttons.accepted.emit()
    assert [(r.label, r.role) for r in editor.org_model.rows()] == [
        ("Shenzhen Foreign Affairs Office", "supporter"),
        ("Shenzhen Artificial Intelligence Industry Association (SAIIA)", "supporter"),
        ("China Forum", "supporter"),
    ]
    assert editor.host_warning.isVisibleTo(editor)


def test_unsaved_changes_are_never_lost_silently(
    page: EventsPage, user, demo_database, answers
) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    user.type(editor.attendance_edit, "about 40 guests")
    assert editor.is_dirty()
    # Cancel: stay, typing kept.
    answers.save_answer = dialogs.Answer.CANCEL
    page.new_record()
    assert answers.texts("save") == [
        "Seminar on International Cooperation in Artificial Intelligence in Shenzhen"
    ]
    assert editor.attendance_edit.text() == "about 40 guests" and editor.record_id == 1
    # Save: stored, then the new form.
    answers.save_answer = dialogs.Answer.SAVE
    page.new_record()
    assert editor.record_id is None
    assert _saved(demo_database).attendance_note == "about 40 guests"
    # Discard: a changed new form is dropped when another event is opened.
    user.type(editor.title_edit, "Draft event")
    answers.save_answer = dialogs.Answer.DISCARD
    page.select_row(0)
    assert editor.record_id == 1 and len(answers.texts("save")) == 3
    # An unchanged form never asks.
    page.new_record()
    assert len(answers.texts("save")) == 3


def test_conflict_keep_editing_then_reload(page: EventsPage, user, demo_database, answers) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    with demo_database.write() as session:
        theirs = repo.get_event(session, 1)
        repo.save_event(session, replace(theirs, venue="Futian Hotel"))
    user.type(editor.city_edit, "Shenzhen, Guangdong")
    editor.part_table.selectRow(8)
    editor.part_up.click()
    answers.conflict_answer = dialogs.ConflictChoice.KEEP_EDITING
    editor.save_button.click()
    assert answers.kinds() == ["conflict"]
    assert "changed elsewhere" in answers.texts("conflict")[0]
    assert editor.city_edit.text() == "Shenzhen, Guangdong" and editor.is_dirty()
    assert _names(page)[7] == "Mr. ZHAO Kefeng"
    assert _saved(demo_database).city == "Shenzhen"  # nothing overwritten
    answers.conflict_answer = dialogs.ConflictChoice.RELOAD
    editor.save_button.click()
    assert editor.venue_edit.text() == "Futian Hotel" and editor.city_edit.text() == "Shenzhen"
    assert not editor.is_dirty() and _names(page)[7] == "Mr. FAN Congming"


def test_duplicate_event_opens_the_copy(page: EventsPage, demo_database, answers) -> None:  # type: ignore[no-untyped-def]
    answers.duplicate_answer = (dt.date(2022, 11, 18), False)
    page.editor.duplicate_button.click()
    editor = page.editor
    assert editor.record_id not in (None, 1)
    assert editor.start_field.text() == "2022-11-18"
    assert editor.org_model.rowCount() == 4 and editor.part_model.rowCount() == 0
    assert page.model.rowCount() == 2
    assert page.table.currentIndex().row() == 0  # newest first
    assert page.year_filter.findData(2022) > 0
    answers.duplicate_answer = (dt.date(2023, 11, 17), True)
    page.select_row(1)
    editor.duplicate_button.click()
    assert editor.part_model.rowCount() == 9


def test_new_release_from_this_event(
    page: EventsPage, qtbot: QtBot, demo_database, answers
) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.open_requested) as opened:
        page.editor.release_button.click()
    key, release_id = opened.args
    assert key == "releases"
    with demo_database.read() as session:
        release = session.get(PressRelease, release_id)
        assert release is not None and release.event_id == 1 and release.status == "draft"
        assert len(session.scalars(select(PressRelease.id)).all()) == 4


def test_new_release_from_a_changed_form_saves_first(
    page: EventsPage, user, qtbot, demo_database, answers
) -> None:  # type: ignore[no-untyped-def]
    page.new_record()
    user.type(page.editor.title_edit, "Workshop on Data")
    with qtbot.waitSignal(page.open_requested):
        page.editor.release_button.click()
    assert answers.kinds() == ["confirm"]
    assert page.editor.record_id is not None and not page.editor.is_dirty()


@pytest.mark.parametrize(
    ("typed", "prints_as"),
    [
        ("Dr. Anna WEBER", "Dr. Anna WEBER"),
        ("Professor ZHU Feng", "Professor ZHU Feng"),
        ("Weber, Anna", "WEBER Anna"),
        ("Liu Wei", "LIU Wei"),
    ],
)
def test_a_new_person_reads_the_name_as_registration_lists_write_it(
    page: EventsPage, user, answers, typed: str, prints_as: str
) -> None:  # type: ignore[no-untyped-def]
    """The word in capitals is the family name (and says the order); a known honorific
    goes to its field; "Family, Given" loses the comma."""
    editor = page.editor
    user.lookup(editor.person_lookup, typed, "create")
    dialog = editor.person_source.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.preview.text() == prints_as
    assert "," not in dialog.family_name.text()
    dialog.reject()
