"""The events list in SQL (filter, sort, count, page) and the Events form's Qt-free helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import update

from db import event_ops
from db import repository as repo
from db.event_queries import (
    EVENTS,
    NEWEST_FIRST,
    count_events,
    date_span,
    event_years,
    fetch_events,
)
from db.models import Position
from db.queries import ListQuery
from db.records import (
    EventOrganizationRecord,
    EventRecord,
    OrganizationRecord,
    ParticipantRecord,
    PersonRecord,
    PositionRecord,
)
from db.session import Database


@pytest.fixture
def listed(demo_database: Database) -> Database:
    """The demo seminar plus three more events: a 2019 roundtable, a 2022 forum and a
    two-day 2021 workshop without organizations."""
    with demo_database.write() as session:
        org = repo.save_organization(session, OrganizationRecord(name="Ditchley Foundation"))
        person = repo.save_person(
            session,
            PersonRecord(
                honorific="Dr.",
                family_name="Müller",
                given_name="Anna",
                name_order="given_first",
                name_zh="穆安娜",
            ),
        )
        repo.save_event(
            session,
            EventRecord(
                title="Roundtable on Trade",
                kind="roundtable",
                start_date=dt.date(2019, 3, 5),
                city="Oxford",
                organizations=(EventOrganizationRecord(org.id or 0, "host"),),
                participants=(ParticipantRecord(person.id or 0),),
            ),
        )
        repo.save_event(
            session,
            EventRecord(title="Forum on Climate", kind="forum", start_date=dt.date(2022, 6, 1)),
        )
        repo.save_event(
            session,
            EventRecord(
                title="Workshop on Data",
                kind="workshop",
                start_date=dt.date(2021, 11, 30),
                end_date=dt.date(2021, 12, 2),
                city="Beijing",
            ),
        )
    return demo_database


def _titles(database: Database, query: ListQuery = NEWEST_FIRST) -> list[str]:
    with database.read() as session:
        return [row.title for row in fetch_events(session, query)]


def test_newest_first_with_every_column(listed: Database) -> None:
    with listed.read() as session:
        rows = fetch_events(session)
    assert [r.title for r in rows] == [
        "Forum on Climate",
        "Workshop on Data",
        "Seminar on International Cooperation in Artificial Intelligence in Shenzhen",
        "Roundtable on Trade",
    ]
    seminar = rows[2]
    assert seminar.dates == "19 Nov 2021"
    assert seminar.kind == "Seminar"
    assert seminar.city == "Shenzhen"
    # Hosts and co-hosts in their order, by acronym where there is one.
    assert seminar.hosts == "China Forum, SFICE, I-AIIG, SAIIA"
    assert seminar.participants == 9
    assert seminar.release_status == "Published"
    workshop = rows[1]
    assert workshop.dates == "30 Nov – 2 Dec 2021"
    assert (workshop.hosts, workshop.participants, workshop.release_status) == ("", 0, "—")


def test_filter_as_you_type_over_title_city_organizations_and_people(listed: Database) -> None:
    def found(text: str) -> list[str]:
        return _titles(listed, ListQuery(search=text, sort_key="date", descending=True))

    assert found("climate") == ["Forum on Climate"]
    assert found("oxford") == ["Roundtable on Trade"]
    assert found("ditchley") == ["Roundtable on Trade"]  # organization name
    assert found("SFICE") == [
        "Seminar on International Cooperation in Artificial Intelligence in Shenzhen"
    ]
    assert found("müller") == ["Roundtable on Trade"]  # participant name
    assert found("安娜") == ["Roundtable on Trade"]  # any part of a Chinese name
    assert found("晓工") == [
        "Seminar on International Cooperation in Artificial Intelligence in Shenzhen"
    ]
    assert found("beijing data") == ["Workshop on Data"]  # every word must match
    assert found("100%") == []  # LIKE wildcards are literal


def test_filter_by_year_and_kind_and_count(listed: Database) -> None:
    with listed.read() as session:
        assert event_years(session) == [2022, 2021, 2019]
        in_2021 = NEWEST_FIRST.with_filter("year", 2021)
        assert count_events(session, in_2021) == 2
        assert count_events(session, in_2021.with_filter("kind", "workshop")) == 1
        assert count_events(session, NEWEST_FIRST.with_filter("kind", "lecture")) == 0
        assert count_events(session) == 4


def test_sorting_and_paging_happen_in_sql(listed: Database) -> None:
    assert _titles(listed, ListQuery(sort_key="title")) == [
        "Forum on Climate",
        "Roundtable on Trade",
        "Seminar on International Cooperation in Artificial Intelligence in Shenzhen",
        "Workshop on Data",
    ]
    assert _titles(listed, ListQuery(sort_key="participants", descending=True))[0].startswith(
        "Seminar"
    )
    with listed.read() as session:
        page = EVENTS.fetch(session, NEWEST_FIRST, 1, 2)
        assert [r.title for r in page] == ["Workshop on Data", page[1].title]
        assert page[1].title.startswith("Seminar")
        assert EVENTS.row_of(session, NEWEST_FIRST, page[1].id) == 2


def test_date_spans() -> None:
    assert date_span(dt.date(2021, 11, 19), None) == "19 Nov 2021"
    assert date_span(dt.date(2021, 11, 18), dt.date(2021, 11, 19)) == "18–19 Nov 2021"
    assert date_span(dt.date(2021, 12, 30), dt.date(2022, 1, 2)) == "30 Dec 2021 – 2 Jan 2022"


def test_sort_by_role_keeps_current_order_within_a_role() -> None:
    parts = (
        ParticipantRecord(1, "panelist"),
        ParticipantRecord(2, "attendee"),
        ParticipantRecord(3, "moderator"),
        ParticipantRecord(4, "panelist"),
        ParticipantRecord(5, "chair"),
    )
    assert [p.person_id for p in event_ops.sort_by_role(parts)] == [5, 3, 1, 4, 2]
    assert event_ops.sort_indices_by_role([p.role for p in parts]) == [4, 2, 0, 3, 1]


def test_duplicate_event_with_and_without_participants(demo_database: Database) -> None:
    with demo_database.write() as session:
        bare = event_ops.duplicate_event(session, 1, dt.date(2022, 11, 18), False)
        full = event_ops.duplicate_event(session, 1, dt.date(2023, 11, 17), True)
    with demo_database.read() as session:
        original = repo.get_event(session, 1)
        bare = repo.get_event(session, bare.id or 0)
        full = repo.get_event(session, full.id or 0)
    assert bare.id != original.id and bare.title == original.title
    assert bare.start_date == dt.date(2022, 11, 18) and bare.end_date is None
    assert bare.organizations == original.organizations
    assert bare.participants == () and bare.attendance_note == ""
    assert full.participants == original.participants


def test_duplicate_keeps_the_length_of_a_multi_day_event() -> None:
    record = EventRecord(
        id=7, title="Workshop", start_date=dt.date(2021, 11, 30), end_date=dt.date(2021, 12, 2)
    )
    copy = event_ops.duplicate_record(record, dt.date(2022, 2, 27), copy_participants=False)
    assert (copy.id, copy.start_date, copy.end_date) == (
        None,
        dt.date(2022, 2, 27),
        dt.date(2022, 3, 1),
    )


def test_stale_positions_are_those_last_recorded_over_a_year_before(
    demo_database: Database,
) -> None:
    with demo_database.write() as session:
        # The demo positions were entered long ago: backdate their last edit.
        session.execute(update(Position).values(updated_at=dt.datetime(2019, 5, 1, 9, 0)))
    with demo_database.read() as session:
        # Cited at the seminar of 2021-11-19: fine a year later, stale after that.
        assert event_ops.stale_since(session, 7, dt.date(2022, 11, 19)) is None
        assert event_ops.stale_since(session, 7, dt.date(2023, 1, 10)) == dt.date(2021, 11, 19)
        # For the seminar itself, its own citation does not count.
        assert event_ops.stale_since(session, 7, dt.date(2021, 11, 19), 1) == dt.date(2019, 5, 1)
    with demo_database.write() as session:
        person = repo.get_person(session, 7)
        repo.save_person(
            session,
            replace(
                person,
                positions=(
                    *person.positions,
                    PositionRecord(title="Advisor", phrasing="title_only"),
                ),
            ),
        )
    with demo_database.read() as session:
        # A position edited today confirms the record.
        assert event_ops.stale_since(session, 7, dt.date(2023, 1, 10)) is None


def test_person_without_positions_is_never_stale(database: Database) -> None:
    with database.write() as session:
        person = repo.save_person(session, PersonRecord(family_name="Li"))
    with database.read() as session:
        assert event_ops.stale_since(session, person.id or 0, dt.date(2030, 1, 1)) is None


def test_new_release_from_an_event(demo_database: Database) -> None:
    with demo_database.write() as session:
        release = event_ops.new_release_for_event(session, 1)
    assert release.id is not None and release.status == "draft"
    assert release.event_id == 1 and release.series == "China Forum News"
    assert release.template == "house_hosts"
    assert release.headline.startswith("Seminar on International Cooperation")


def test_house_experts_template_when_the_house_does_not_host(database: Database) -> None:
    with database.write() as session:
        other = repo.save_organization(session, OrganizationRecord(name="Ditchley Foundation"))
        event = repo.save_event(
            session,
            EventRecord(
                title="Conference",
                start_date=dt.date(2021, 11, 1),
                organizations=(EventOrganizationRecord(other.id or 0, "host"),),
            ),
        )
        assert event_ops.has_host(event)
        assert not event_ops.has_host(EventRecord())
        # No house organization set: the house is assumed to host.
        assert event_ops.release_template_for(session, event) == "house_hosts"
