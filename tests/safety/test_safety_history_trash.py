"""Change history, revert, the Trash, and conflicting saves from two sessions."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from db import history, repository, trash
from db.errors import ConflictError, InUseError, NotFoundError, ValidationError
from db.models import ChangeLog, EventOrganization, Organization, Position
from db.records import OrganizationRecord, PersonRecord, PositionRecord
from db.session import Database


def _org_by_acronym(database: Database, acronym: str) -> OrganizationRecord:
    with database.read() as session:
        org_id = session.scalar(select(Organization.id).where(Organization.acronym == acronym))
        assert org_id is not None
        return repository.get_organization(session, org_id)


def test_every_save_is_recorded_with_who_and_what(database: Database) -> None:
    with database.write() as session:
        saved = repository.save_person(
            session, PersonRecord(family_name="CHEN", given_name="Xiaogong", email="")
        )
    with database.write() as session:
        repository.save_person(session, dataclasses.replace(saved, email="chen@example.org"))
    with database.read() as session:
        changes = history.record_history(session, "person", saved.id or 0)
    assert [c.action for c in changes] == ["update", "insert"]
    update = changes[0]
    assert update.user == history.current_user()
    assert update.changes == {"email": (None, "chen@example.org")}
    assert changes[1].changes["family_name"] == (None, "CHEN")


def test_revert_restores_the_old_values_as_a_new_change(database: Database) -> None:
    with database.write() as session:
        saved = repository.save_organization(
            session, OrganizationRecord(name="China Forum", city="Beijing", acronym="CF")
        )
    with database.write() as session:
        repository.save_organization(
            session, dataclasses.replace(saved, city="Shanghai", notes="moved")
        )
    with database.read() as session:
        change = history.record_history(session, "organization", saved.id or 0)[0]
    with database.write() as session:
        history.revert_change(session, change.id)
    with database.read() as session:
        org = repository.get_organization(session, saved.id or 0)
        latest = history.record_history(session, "organization", saved.id or 0)[0]
    assert (org.city, org.notes) == ("Beijing", "")
    assert latest.action == "revert"
    assert latest.changes["city"] == ("Shanghai", "Beijing")


def test_revert_refuses_when_the_field_changed_again(database: Database) -> None:
    with database.write() as session:
        saved = repository.save_organization(session, OrganizationRecord(name="A", city="X"))
    with database.write() as session:
        second = repository.save_organization(session, dataclasses.replace(saved, city="Y"))
    with database.write() as session:
        repository.save_organization(session, dataclasses.replace(second, city="Z"))
    with database.read() as session:
        older = history.record_history(session, "organization", saved.id or 0)[1]
    with pytest.raises(ConflictError, match="changed again"), database.write() as session:
        history.revert_change(session, older.id)
    with database.read() as session:
        assert repository.get_organization(session, saved.id or 0).city == "Z"


def test_position_changes_show_in_the_persons_history_and_revert(database: Database) -> None:
    with database.write() as session:
        org = repository.save_organization(session, OrganizationRecord(name="China Forum"))
        person = repository.save_person(
            session,
            PersonRecord(
                family_name="LI",
                positions=(PositionRecord(organization_id=org.id, title="Expert"),),
            ),
        )
    with database.write() as session:
        position = dataclasses.replace(person.positions[0], title="Senior Expert")
        repository.save_person(session, dataclasses.replace(person, positions=(position,)))
    with database.read() as session:
        change = history.record_history(session, "person", person.id or 0)[0]
    assert change.table_name == "position"
    assert change.changes == {"title": ("Expert", "Senior Expert")}
    with database.write() as session:
        history.revert_change(session, change.id)
    with database.read() as session:
        assert repository.get_person(session, person.id or 0).positions[0].title == "Expert"


def test_second_session_saving_a_stale_person_is_refused(database: Database) -> None:
    with database.write() as session:
        saved = repository.save_person(session, PersonRecord(family_name="WANG"))
    # Two users load the same person…
    with database.read() as session:
        first = repository.get_person(session, saved.id or 0)
    with database.read() as session:
        second = repository.get_person(session, saved.id or 0)
    # …the first saves, then the second.
    with database.write() as session:
        repository.save_person(session, dataclasses.replace(first, email="first@example.org"))
    with pytest.raises(ConflictError, match="changed elsewhere"), database.write() as session:
        repository.save_person(session, dataclasses.replace(second, email="second@example.org"))
    with database.read() as session:
        assert repository.get_person(session, saved.id or 0).email == "first@example.org"


def test_delete_moves_to_trash_and_restore_brings_it_back(database: Database) -> None:
    with database.write() as session:
        org = repository.save_organization(session, OrganizationRecord(name="Unused Institute"))
        repository.delete_organization(session, org.id or 0)
    with database.read() as session:
        with pytest.raises(NotFoundError):
            repository.get_organization(session, org.id or 0)
        entries = trash.trash_entries(session)
        assert [(e.kind, e.name) for e in entries] == [("Organization", "Unused Institute")]
        assert history.record_history(session, "organization", org.id or 0)[0].action == "trash"
    with database.write() as session:
        trash.restore_batch(session, entries[0].batch)
    with database.read() as session:
        assert repository.get_organization(session, org.id or 0).name == "Unused Institute"
        assert trash.trash_entries(session) == []


def test_organization_comes_back_from_trash_with_positions_and_event_roles(
    demo_database: Database,
) -> None:
    org = _org_by_acronym(demo_database, "SFICE")
    with demo_database.read() as session:
        uses = repository.organization_usage(session, org.id or 0)
        n_positions = session.scalar(select(func.count()).where(Position.organization_id == org.id))
        n_roles = session.scalar(
            select(func.count()).where(EventOrganization.organization_id == org.id)
        )
    assert uses and (n_positions or n_roles)
    # The ordinary delete is still refused, naming the uses.
    with pytest.raises(InUseError, match="cannot be deleted"), demo_database.write() as session:
        repository.delete_organization(session, org.id or 0)
    with demo_database.write() as session:
        batch = trash.trash_organization(session, org.id or 0, with_dependents=True)
    with demo_database.read() as session:
        assert repository.organization_usage(session, org.id or 0) == []
        entry = trash.trash_entries(session)[0]
        assert entry.batch == batch and entry.extra == n_positions + n_roles
        # Hidden from the event's and the people's records.
        live = session.scalar(
            select(func.count()).where(
                Position.organization_id == org.id, Position.deleted_at.is_(None)
            )
        )
        assert live == 0
    # Saving the event meanwhile keeps the trashed role for the restore.
    with demo_database.write() as session:
        event = repository.get_event(session, 1)
        repository.save_event(session, dataclasses.replace(event, notes="edited meanwhile"))
    # Another organization cannot take the acronym while the holder is in the Trash.
    with pytest.raises(ValidationError, match="in the Trash"), demo_database.write() as session:
        repository.save_organization(session, OrganizationRecord(name="Other", acronym="sfice"))
    with demo_database.write() as session:
        assert trash.restore_batch(session, batch) == 1 + n_positions + n_roles
    with demo_database.read() as session:
        assert repository.organization_usage(session, org.id or 0) == uses
        assert repository.get_organization(session, org.id or 0).acronym == "SFICE"


def test_empty_trash_deletes_for_good(demo_database: Database) -> None:
    org = _org_by_acronym(demo_database, "SFICE")
    with demo_database.write() as session:
        trash.trash_organization(session, org.id or 0, with_dependents=True)
    with demo_database.write() as session:
        assert trash.empty_trash(session) > 1
    with demo_database.read() as session:
        assert session.get(Organization, org.id) is None
        assert trash.trash_entries(session) == []
        deletions = session.scalar(
            select(func.count()).where(
                ChangeLog.action == "delete",
                ChangeLog.table_name == "organization",
                ChangeLog.record_id == org.id,
            )
        )
        assert deletions == 1
    with demo_database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
