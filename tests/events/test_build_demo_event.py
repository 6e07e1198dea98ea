"""The Done-when test: the reference seminar built from an empty database through the forms,
its generated first paragraph equal to the reference release's, word for word."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from db import repository as repo
from db.session import Database
from desktop.ui.events_page import EventsPage
from desktop.ui.organizations_page import OrganizationsPage
from desktop.ui.people_page import PeoplePage
from desktop.ui.widgets import set_combo_value

# The same file as tests/conftest.py's REFERENCE_RELEASE.
REFERENCE_RELEASE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "seminar-2021-11-19.txt"
)


def reference_lead() -> str:
    text = REFERENCE_RELEASE.read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return blocks[1]  # blocks[0] is the headline


def _create_sub_units(database: Database, qtbot: QtBot, user, answers) -> None:  # type: ignore[no-untyped-def]
    """Organizations that hang under a parent are made on the Organizations page (the
    event form's inline dialog has no parent field); the parents are created inline from
    the parent lookup."""
    orgs = OrganizationsPage(database)
    qtbot.addWidget(orgs)
    orgs.resize(1280, 800)
    orgs.show()
    editor = orgs.editor

    def sub_unit(name, parent, style, *, acronym="", create_parent=None):  # type: ignore[no-untyped-def]
        orgs.new_record()
        user.type(editor.name, name)
        if acronym:
            user.type(editor.acronym, acronym)
        editor.takes_the.setChecked(True)
        if create_parent is None:
            user.lookup(editor.parent_lookup, parent)
        else:
            user.lookup(editor.parent_lookup, parent, "create")
            user.fill_org_dialog(user.new_org_dialog(editor), **create_parent)
        set_combo_value(editor.parent_style, style)
        editor.save_button.click()
        assert not editor.is_dirty(), (editor.banner.text(), answers.asked)

    sub_unit(
        "Institute for AI International Governance",
        "Tsinghua University",
        "possessive",
        acronym="I-AIIG",
        create_parent={},
    )
    sub_unit("School of International Relations", "Nanjing University", "at", create_parent={})
    sub_unit(
        "Foreign Affairs Commission",
        "CPC Central Committee",
        "of",
        create_parent={"takes_the": True},
    )
    sub_unit("Office", "Foreign Affairs Commission", "of")
    sub_unit(
        "Academic Committee",
        "SAIIA",
        "of",
        create_parent={"name": "Shenzhen Artificial Intelligence Industry Association"},
    )


def _create_chen_xiaogong(database: Database, qtbot: QtBot, user, answers) -> None:  # type: ignore[no-untyped-def]
    """Two positions, one of them former: entered on the People page."""
    people = PeoplePage(database)
    qtbot.addWidget(people)
    people.resize(1280, 800)
    people.show()
    editor = people.editor
    people.new_record()
    editor.honorific.setCurrentText("Mr.")
    user.type(editor.family_name, "Chen")
    user.type(editor.given_name, "Xiaogong")
    user.type(editor.name_zh, "陈晓工")
    positions = editor.positions
    positions.add_button.click()
    first = positions.rows[0]
    user.type(first.title, "Expert")
    # China Forum does not exist yet: created from the position's lookup.
    user.lookup(first.organization, "China Forum", "create")
    user.fill_org_dialog(user.new_org_dialog(positions))
    set_combo_value(first.phrasing, "org_title")
    positions.add_button.click()
    second = positions.rows[1]
    user.type(second.title, "Deputy Director")
    user.lookup(second.organization, "Office")
    second.is_current.setChecked(False)
    editor.save_button.click()
    assert not editor.is_dirty(), (editor.banner.text(), answers.asked)


def test_demo_event_built_from_an_empty_database_through_the_form(
    database: Database,
    qtbot: QtBot,
    user,
    answers,  # type: ignore[no-untyped-def]
) -> None:
    _create_sub_units(database, qtbot, user, answers)
    _create_chen_xiaogong(database, qtbot, user, answers)

    page = EventsPage(database)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    editor = page.editor
    page.new_record()
    user.type(
        editor.title_edit,
        "Seminar on International Cooperation in Artificial Intelligence in Shenzhen",
    )
    user.type(editor.start_field.edit, "2021-11-19")
    user.type(editor.city_edit, "Shenzhen")
    user.type(
        editor.attendance_edit, "more than 30 representatives from AI enterprises based in Shenzhen"
    )

    # Organizations: the host, then three co-hosts (SFICE created inline with its acronym).
    set_combo_value(editor.org_role, "host")
    user.lookup(editor.org_lookup, "China Forum")
    set_combo_value(editor.org_role, "co_host")
    user.lookup(editor.org_lookup, "SFICE", "create")
    user.fill_org_dialog(
        user.new_org_dialog(editor),
        name="Shenzhen Foundation for International Cooperation and Exchange",
        takes_the=True,
    )
    user.lookup(editor.org_lookup, "I-AIIG", "Institute for AI International Governance (I-AIIG)")
    user.lookup(
        editor.org_lookup, "SAIIA", "Shenzhen Artificial Intelligence Industry Association (SAIIA)"
    )
    assert [(r.label, r.role) for r in editor.org_model.rows()] == [
        ("China Forum", "host"),
        ("Shenzhen Foundation for International Cooperation and Exchange (SFICE)", "co_host"),
        ("Institute for AI International Governance (I-AIIG)", "co_host"),
        ("Shenzhen Artificial Intelligence Industry Association (SAIIA)", "co_host"),
    ]

    # Participants: Chen Xiaogong found by part of his Chinese name; both positions cited.
    user.lookup(editor.person_lookup, "晓工", "Mr. CHEN Xiaogong (陈晓工)")
    editor.cite(1, ["China Forum Expert", "former Deputy Director"])

    def new_person(typed, honorific, title, org, phrasing="title_of", create_org=None, pick=None):  # type: ignore[no-untyped-def]
        user.lookup(editor.person_lookup, typed, "create")
        dialog = editor.person_source.last_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.honorific.setCurrentText(honorific)
        user.type(dialog.title, title)
        if create_org is not None:
            user.lookup(dialog.organization, org, "create")
            user.fill_org_dialog(user.new_org_dialog(dialog), **create_org)
        else:
            user.lookup(dialog.organization, org, pick)
        set_combo_value(dialog.phrasing, phrasing)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        assert not dialog.isVisible(), dialog.field_error("family_name")

    # Entered as the registration list had them; the protocol order is fixed below.
    new_person("Zhang Lirong", "Mr.", "Secretary General", "China Forum")
    new_person("Zhu Feng", "Professor", "Executive Dean", "School of International Relations")
    new_person(
        "Wang Xin", "Mr.", "Head of Corporate Cooperation", "China Forum", phrasing="title_at"
    )
    new_person(
        "Lu Junqun",
        "Mr.",
        "Secretary General",
        "I-AIIG",
        pick="Institute for AI International Governance (I-AIIG)",
    )
    new_person(
        "Sun Huaizhong",
        "Mr.",
        "Deputy Director",
        "Shenzhen Foreign Affairs Office",
        create_org={},
    )
    new_person(
        "Cao Cong",
        "Mr.",
        "Secretary General",
        "SFICE",
        pick="Shenzhen Foundation for International Cooperation and Exchange (SFICE)",
    )
    new_person("Zhao Kefeng", "Mr.", "Chairman", "Academic Committee")
    new_person(
        "Fan Congming",
        "Mr.",
        "Executive Chairman",
        "SAIIA",
        pick="Shenzhen Artificial Intelligence Industry Association (SAIIA)",
    )
    names = [r.name for r in editor.part_model.rows()]
    assert len(names) == 9

    # Protocol order: Professor ZHU before Mr. ZHANG, Mr. FAN before Mr. ZHAO.
    editor.part_table.selectRow(names.index("Professor ZHU Feng"))
    editor.part_up.click()
    editor.part_table.selectRow(names.index("Mr. FAN Congming"))
    editor.part_up.click()
    assert [r.name for r in editor.part_model.rows()] == [
        "Mr. CHEN Xiaogong",
        "Professor ZHU Feng",
        "Mr. ZHANG Lirong",
        "Mr. WANG Xin",
        "Mr. LU Junqun",
        "Mr. SUN Huaizhong",
        "Mr. CAO Cong",
        "Mr. FAN Congming",
        "Mr. ZHAO Kefeng",
    ]

    # The preview strip, before saving, reads exactly as the reference release.
    assert editor.preview_text() == reference_lead()
    # Each row shows the line as the release prints it (acronyms as introduced there).
    lines = {r.name: r.line for r in editor.part_model.rows()}
    assert lines["Mr. CAO Cong"] == "Mr. CAO Cong, Secretary General of SFICE"
    assert lines["Mr. ZHAO Kefeng"] == (
        "Mr. ZHAO Kefeng, Chairman of the Academic Committee of SAIIA"
    )

    editor.save_button.click()
    assert not editor.is_dirty(), (editor.banner.text(), answers.asked)
    assert answers.asked == []
    with database.read() as session:
        saved = repo.get_event(session, editor.record_id or 0)
    assert saved.start_date == dt.date(2021, 11, 19) and saved.end_date is None
    assert [o.role for o in saved.organizations] == ["host", "co_host", "co_host", "co_host"]
    assert len(saved.participants) == 9
    assert len(saved.participants[0].cited_position_ids) == 2
    assert page.model.rowCount() == 1
    # Reopened from the database, the form says the same.
    editor.load(saved.id)
    assert editor.preview_text() == reference_lead()
