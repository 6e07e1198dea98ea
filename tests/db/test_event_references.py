"""An event saved from a form opened before one of its organizations or people went to the
Trash (or was deleted for good) is refused with a sentence, never a database error."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from db import repository, trash
from db.errors import ValidationError
from db.models import EventOrganization, EventParticipant
from db.session import Database


def test_an_organization_moved_to_the_trash_cannot_be_added_back_by_a_stale_form(
    demo_database: Database,
) -> None:
    with demo_database.read() as session:
        opened = repository.get_event(session, 1)
    co_host = next(o for o in opened.organizations if o.role == "co_host")
    with demo_database.write() as session:
        trash.trash_organization(session, co_host.organization_id, with_dependents=True)
    with demo_database.read() as session:
        fresh = repository.get_event(session, 1)
        rows_before = session.scalar(select(func.count()).select_from(EventOrganization))
    assert co_host not in fresh.organizations
    stale = dataclasses.replace(fresh, organizations=opened.organizations)
    with pytest.raises(ValidationError) as caught, demo_database.write() as session:
        repository.save_event(session, stale)
    [error] = caught.value.errors
    index = opened.organizations.index(co_host)
    assert error.field == f"organizations[{index}].organization_id"
    assert "in the Trash" in error.message
    with demo_database.read() as session:
        assert repository.get_event(session, 1) == fresh
        assert session.scalar(select(func.count()).select_from(EventOrganization)) == rows_before


def test_a_person_or_organization_that_does_not_exist_is_refused(demo_database: Database) -> None:
    with demo_database.read() as session:
        event = repository.get_event(session, 1)
    ghost_part = dataclasses.replace(
        event.participants[0], person_id=9999, cited_position_ids=(), affiliation=""
    )
    ghost_org = dataclasses.replace(event.organizations[0], organization_id=9999)
    record = dataclasses.replace(
        event,
        participants=(*event.participants, ghost_part),
        organizations=(*event.organizations, ghost_org),
    )
    with pytest.raises(ValidationError) as caught, demo_database.write() as session:
        repository.save_event(session, record)
    fields = {e.field: e.message for e in caught.value.errors}
    assert fields == {
        f"organizations[{len(event.organizations)}].organization_id": (
            "This organization no longer exists; remove it from the event."
        ),
        f"participants[{len(event.participants)}].person_id": (
            "This person no longer exists; remove them from the event."
        ),
    }
    with demo_database.read() as session:
        assert repository.get_event(session, 1) == event
        assert session.scalar(select(func.count()).select_from(EventParticipant)) == len(
            event.participants
        )


def test_a_person_in_the_trash_is_named_when_a_stale_form_adds_them(
    demo_database: Database,
) -> None:
    from db.records import PersonRecord

    with demo_database.write() as session:
        loner = repository.save_person(session, PersonRecord(family_name="LONER"))
    assert loner.id is not None
    with demo_database.write() as session:
        repository.delete_person(session, loner.id)
    with demo_database.read() as session:
        event = repository.get_event(session, 1)
    part = dataclasses.replace(
        event.participants[0], person_id=loner.id, cited_position_ids=(), affiliation=""
    )
    with pytest.raises(ValidationError) as caught, demo_database.write() as session:
        repository.save_event(session, dataclasses.replace(event, participants=(part,)))
    [error] = caught.value.errors
    assert error.field == "participants[0].person_id"
    assert error.message == (
        "LONER is in the Trash; restore them from the Trash, or remove them from the event."
    )
