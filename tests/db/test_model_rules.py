"""The model's rules, through the same repository functions forms and the importer use."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from db import repository as repo
from db.errors import ConflictError, InUseError, ValidationError
from db.models import Organization, Position
from db.records import (
    EventOrganizationRecord,
    EventRecord,
    OrganizationRecord,
    ParticipantRecord,
    PersonRecord,
    PositionRecord,
)
from db.session import Database


def _org(database: Database, **fields: object) -> OrganizationRecord:
    with database.write() as session:
        return repo.save_organization(session, OrganizationRecord(**fields))  # type: ignore[arg-type]


def test_acronym_unique_ignoring_case(database: Database) -> None:
    _org(database, name="Shenzhen Artificial Intelligence Industry Association", acronym="SAIIA")
    with pytest.raises(ValidationError) as caught, database.write() as session:
        repo.save_organization(session, OrganizationRecord(name="Other body", acronym="saiia"))
    assert caught.value.for_field("acronym") == (
        "An organization named ‘Shenzhen Artificial Intelligence Industry Association’ "
        "already uses the acronym ‘saiia’."
    )
    with database.read() as session:
        assert session.query(Organization).count() == 1


def test_many_organizations_without_acronym(database: Database) -> None:
    _org(database, name="A")
    _org(database, name="B")
    with database.read() as session:
        assert session.query(Organization).count() == 2


def test_organization_cannot_be_its_own_parent(database: Database) -> None:
    tsinghua = _org(database, name="Tsinghua University")
    with pytest.raises(ValidationError) as caught, database.write() as session:
        repo.save_organization(session, replace(tsinghua, parent_id=tsinghua.id, parent_style="of"))
    assert caught.value.for_field("parent_id") == "Tsinghua University cannot be its own parent."


def test_parent_chain_never_forms_a_cycle(database: Database) -> None:
    top = _org(database, name="CPC Central Committee")
    mid = _org(database, name="Foreign Affairs Commission", parent_id=top.id, parent_style="of")
    low = _org(database, name="Office", parent_id=mid.id, parent_style="of")
    with pytest.raises(ValidationError) as caught, database.write() as session:
        repo.save_organization(session, replace(top, parent_id=low.id, parent_style="of"))
    message = caught.value.for_field("parent_id")
    assert message is not None and "cannot be placed under Office" in message
    with database.read() as session:
        assert repo.get_organization(session, top.id).parent_id is None  # type: ignore[arg-type]
    # The name cleared in the same edit: the sentence still reads well.
    with pytest.raises(ValidationError) as caught, database.write() as session:
        repo.save_organization(session, replace(top, name=" ", parent_id=low.id, parent_style="of"))
    assert caught.value.for_field("parent_id") == (
        "This organization cannot be placed under Office, because Office is already part of it."
    )


def test_subunit_style_needs_a_parent(database: Database) -> None:
    with pytest.raises(ValidationError) as caught, database.write() as session:
        repo.save_organization(session, OrganizationRecord(name="Office", parent_style="of"))
    assert caught.value.for_field("parent_id")


def test_position_end_before_start_refused(database: Database) -> None:
    org = _org(database, name="China Forum")
    bad = PositionRecord(
        organization_id=org.id, title="Expert", start_date="2020-05", end_date="2019"
    )
    with pytest.raises(ValidationError) as caught, database.write() as session:
        repo.save_person(session, PersonRecord(family_name="Chen", positions=(bad,)))
    assert (
        caught.value.for_field("positions[0].end_date") == "The end date is before the start date."
    )


def test_partial_dates_are_checked_and_normalised(database: Database) -> None:
    org = _org(database, name="China Forum")
    with pytest.raises(ValidationError) as caught, database.write() as session:
        repo.save_person(
            session,
            PersonRecord(
                family_name="Chen",
                positions=(
                    PositionRecord(organization_id=org.id, title="X", start_date="2019-13"),
                ),
            ),
        )
    assert "month" in (caught.value.for_field("positions[0].start_date") or "")
    with database.write() as session:
        saved = repo.save_person(
            session,
            PersonRecord(
                family_name="Chen",
                positions=(PositionRecord(organization_id=org.id, title="X", start_date="2019-6"),),
            ),
        )
    assert saved.positions[0].start_date == "2019-06"


def test_event_end_date_before_start_refused(database: Database) -> None:
    record = EventRecord(
        title="Seminar", start_date=dt.date(2021, 11, 19), end_date=dt.date(2021, 11, 18)
    )
    with pytest.raises(ValidationError) as caught, database.write() as session:
        repo.save_event(session, record)
    assert caught.value.for_field("end_date") == "The end date is before the start date."


def test_same_person_twice_in_one_event_refused(database: Database) -> None:
    with database.write() as session:
        person = repo.save_person(
            session, PersonRecord(honorific="Mr.", family_name="Cao", given_name="Cong")
        )
    twice = (ParticipantRecord(person.id), ParticipantRecord(person.id))  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught, database.write() as session:
        repo.save_event(
            session, EventRecord(title="S", start_date=dt.date(2021, 1, 1), participants=twice)
        )
    assert caught.value.for_field("participants[1].person_id") == (
        "Mr. CAO Cong is already a participant of this event."
    )


def test_referenced_organization_not_deletable(database: Database) -> None:
    saiia = _org(
        database, name="Shenzhen Artificial Intelligence Industry Association", acronym="SAIIA"
    )
    _org(database, name="Academic Committee", parent_id=saiia.id, parent_style="of")
    with database.write() as session:
        repo.save_person(
            session,
            PersonRecord(
                honorific="Mr.",
                family_name="Fan",
                given_name="Congming",
                positions=(PositionRecord(organization_id=saiia.id, title="Executive Chairman"),),
            ),
        )
        repo.save_event(
            session,
            EventRecord(
                title="Seminar on AI",
                start_date=dt.date(2021, 11, 19),
                organizations=(EventOrganizationRecord(saiia.id, "co_host"),),  # type: ignore[arg-type]
            ),
        )
    with pytest.raises(InUseError) as caught, database.write() as session:
        repo.delete_organization(session, saiia.id)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "1 sub-unit (Academic Committee)" in message
    assert "1 position (Mr. FAN Congming)" in message
    assert "1 event (Seminar on AI)" in message
    with database.read() as session:
        assert repo.get_organization(session, saiia.id).name.startswith("Shenzhen")  # type: ignore[arg-type]


def test_person_in_an_event_not_deletable(database: Database) -> None:
    with database.write() as session:
        person = repo.save_person(
            session, PersonRecord(honorific="Mr.", family_name="Cao", given_name="Cong")
        )
        repo.save_event(
            session,
            EventRecord(
                title="Dialogue",
                start_date=dt.date(2022, 3, 1),
                participants=(ParticipantRecord(person.id),),
            ),  # type: ignore[arg-type]
        )
    with (
        pytest.raises(InUseError, match=r"Mr\. CAO Cong cannot be deleted: .*Dialogue"),
        database.write() as session,
    ):
        repo.delete_person(session, person.id)  # type: ignore[arg-type]


def test_cited_position_cannot_be_removed(database: Database) -> None:
    org = _org(database, name="China Forum")
    with database.write() as session:
        person = repo.save_person(
            session,
            PersonRecord(
                family_name="Zhang",
                positions=(PositionRecord(organization_id=org.id, title="Secretary General"),),
            ),
        )
        repo.save_event(
            session,
            EventRecord(
                title="Roundtable",
                start_date=dt.date(2022, 3, 1),
                participants=(
                    ParticipantRecord(person.id, cited_position_ids=(person.positions[0].id,)),
                ),  # type: ignore[arg-type]
            ),
        )
    with pytest.raises(InUseError, match="cited for 1 event"), database.write() as session:
        repo.save_person(session, replace(person, positions=()))
    with database.read() as session:
        assert session.query(Position).count() == 1


def test_stale_save_refused_and_first_save_kept(database: Database) -> None:
    loaded = _org(database, name="China Forum")
    first = replace(loaded, city="Beijing")
    second = replace(loaded, city="Shanghai")
    with database.write() as session:
        repo.save_organization(session, first)
    with pytest.raises(ConflictError, match="changed elsewhere"), database.write() as session:
        repo.save_organization(session, second)
    with database.read() as session:
        assert repo.get_organization(session, loaded.id).city == "Beijing"  # type: ignore[arg-type]


def test_editing_positions_alone_bumps_the_person_version(database: Database) -> None:
    org = _org(database, name="China Forum")
    with database.write() as session:
        person = repo.save_person(session, PersonRecord(family_name="Wang"))
    with database.write() as session:
        updated = repo.save_person(
            session,
            replace(person, positions=(PositionRecord(organization_id=org.id, title="Head"),)),
        )
    assert updated.version > person.version
    with pytest.raises(ConflictError), database.write() as session:
        repo.save_person(session, replace(person, email="w@example.org"))


def test_failed_save_writes_nothing(database: Database) -> None:
    """One transaction: a save that fails half-way leaves no partial rows."""
    org = _org(database, name="China Forum")
    with pytest.raises(ValidationError), database.write() as session:
        repo.save_organization(session, OrganizationRecord(name="New body"))
        repo.save_person(
            session,
            PersonRecord(
                family_name="", positions=(PositionRecord(organization_id=org.id, title="X"),)
            ),
        )
    with database.read() as session:
        assert [o.name for o in session.query(Organization)] == ["China Forum"]
