"""The four calls the forms use, against the demo database (as the GUI will call them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from db import repository
from db.records import EventOrganizationRecord, EventRecord, ParticipantRecord, ReleaseRecord
from db.session import Database
from desktop.press import (
    compose_lead,
    compose_release_record,
    organization_mentions,
    participant_line,
    position_reading,
    render_html_fragment,
)


def test_live_preview_of_an_unsaved_release(demo_database: Database) -> None:
    with demo_database.read() as session:
        record = ReleaseRecord(
            event_id=1,
            headline="Draft & <notes>",
            publication_date=dt.date(2022, 1, 10),
            series="China Forum News",
            body="More to come.",
        )
        doc = compose_release_record(session, record)
    assert doc.paragraphs[0].generated
    assert doc.paragraphs[0].text.startswith("On November 19, 2021, the Seminar")
    assert doc.last is not None and doc.last.release_id == 3 and doc.next is None
    assert "<h1>Draft &amp; &lt;notes&gt;</h1>" in render_html_fragment(doc)


def test_events_form_preview_strip_from_an_unsaved_event(demo_database: Database) -> None:
    with demo_database.read() as session:
        style = repository.get_house_style(session)
        event = EventRecord(
            title="Workshop on Data",
            kind="workshop",
            start_date=dt.date(2021, 11, 18),
            end_date=dt.date(2021, 11, 19),
            organizations=(
                EventOrganizationRecord(1, "host"),
                EventOrganizationRecord(2, "co_host"),
            ),
            participants=(ParticipantRecord(7, cited_position_ids=(8,)),),
        )
        lead = compose_lead(session, event, style, "house_hosts")
    assert lead.text == (
        "On November 18–19, the Workshop on Data was hosted by China Forum with the Shenzhen "
        "Foundation for International Cooperation and Exchange (SFICE). The panelist was "
        "Mr. CAO Cong, Secretary General of SFICE."
    )
    assert lead.lines == {7: "Mr. CAO Cong, Secretary General of SFICE"}


def test_participant_row_line_as_in_this_events_release(demo_database: Database) -> None:
    with demo_database.read() as session:
        style = repository.get_house_style(session)
        event = repository.get_event(session, 1)
        assert participant_line(session, event, 7, style) == (
            "Mr. CAO Cong, Secretary General of SFICE"
        )
        assert participant_line(session, event, 1, style) == (
            "Mr. CHEN Xiaogong, China Forum Expert and former Deputy Director of the Office of "
            "the Foreign Affairs Commission of the CPC Central Committee"
        )
        # Without the co-hosts, SFICE is named once only: not introduced.
        alone = replace(event, organizations=event.organizations[:1])
        assert participant_line(session, alone, 7, style) == (
            "Mr. CAO Cong, Secretary General of the Shenzhen Foundation for International "
            "Cooperation and Exchange"
        )


def test_organization_and_position_readings_for_the_forms(demo_database: Database) -> None:
    with demo_database.read() as session:
        iaiig = organization_mentions(session, 4)
        assert (iaiig.first, iaiig.later) == (
            "Tsinghua University’s Institute for AI International Governance (I-AIIG)",
            "I-AIIG",
        )
        committee = organization_mentions(session, 6)
        assert (
            committee.first
            == committee.later
            == ("the Academic Committee of Shenzhen Artificial Intelligence Industry Association")
        )
        edited = replace(repository.get_organization(session, 2), acronym="SF")
        assert organization_mentions(session, edited).later == "SF"
        chen = repository.get_person(session, 1)
        assert position_reading(session, chen.positions[1]) == (
            "former Deputy Director of the Office of the Foreign Affairs Commission of the CPC "
            "Central Committee"
        )
        assert position_reading(session, chen.positions[0]) == "China Forum Expert"
