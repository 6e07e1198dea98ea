"""The Trash: deleting a record sets ``deleted_at``; restore brings it back with its links.

Rows moved to the Trash together share a ``trash_batch`` (a UUID) and come back together.
Trashed rows are hidden from lists, lookups and releases (every query filters
``deleted_at IS NULL``).  Emptying the Trash deletes the rows for good and is the only real
delete; the UI asks first.

Acronyms: a trashed organization still holds its acronym (the unique key stays), so a restore
can never clash; saving another organization with that acronym is refused with a sentence
that says the holder is in the Trash.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.errors import ConflictError, ForumDeskError, InUseError, NotFoundError
from db.models import (
    CitedPosition,
    Event,
    EventOrganization,
    EventParticipant,
    HouseStyle,
    Organization,
    Person,
    Position,
    PressRelease,
)
from db.naming import format_name

# Main records first: the first trashed row of a batch in this order names the batch.
MAIN_TABLES: tuple[type[Any], ...] = (Organization, Person, Event, PressRelease)
CHILD_TABLES: tuple[type[Any], ...] = (Position, EventOrganization, EventParticipant)
KIND = {
    "organization": "Organization",
    "person": "Person",
    "event": "Event",
    "press_release": "Release",
    "position": "Position",
    "event_organization": "Event role",
    "event_participant": "Participant",
}


def new_batch() -> str:
    return str(uuid.uuid4())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def move_to_trash(session: Session, rows: list[Any], batch: str | None = None) -> str:
    """Mark ``rows`` as trashed in one batch (already trashed rows are left as they are)."""
    batch = batch or new_batch()
    when = _now()
    for row in rows:
        if row.deleted_at is None:
            row.deleted_at = when
            row.trash_batch = batch
    session.flush()
    return batch


def _live(session: Session, model: type[Any], record_id: int, what: str) -> Any:
    obj = session.get(model, record_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFoundError(f"This {what} no longer exists; it may have been deleted.")
    return obj


def trash_organization(session: Session, organization_id: int, *, with_dependents: bool) -> str:
    """Move an organization to the Trash; with its positions and event roles if asked.

    Without ``with_dependents`` an organization still in use is refused (``InUseError``
    naming the uses, the ordinary delete).  Sub-units and the house style are never
    trashed along: they must be changed first.
    """
    from db import repository

    obj = _live(session, Organization, organization_id, "organization")
    if not with_dependents:
        repository.delete_organization(session, organization_id)
        return str(obj.trash_batch)
    children = session.scalars(
        select(Organization.name).where(
            Organization.parent_id == organization_id, Organization.deleted_at.is_(None)
        )
    ).all()
    if children:
        raise InUseError(
            f"{obj.name} cannot be moved to the Trash: it still has sub-units "
            f"({', '.join(children[:3])}{' …' if len(children) > 3 else ''}). Move or delete "
            "them first."
        )
    house = session.get(HouseStyle, 1)
    if house is not None and house.house_organization_id == organization_id:
        raise InUseError(
            f"{obj.name} cannot be moved to the Trash: it is the house organization. Choose "
            "another house organization in the house style first."
        )
    positions = session.scalars(
        select(Position).where(
            Position.organization_id == organization_id, Position.deleted_at.is_(None)
        )
    ).all()
    roles = session.scalars(
        select(EventOrganization).where(
            EventOrganization.organization_id == organization_id,
            EventOrganization.deleted_at.is_(None),
        )
    ).all()
    return move_to_trash(session, [obj, *positions, *roles])


def trash_person_rows(session: Session, person: Person) -> str:
    rows: list[Any] = [person, *(p for p in person.positions if p.deleted_at is None)]
    return move_to_trash(session, rows)


def trash_event_rows(session: Session, event: Event) -> str:
    rows: list[Any] = [event]
    rows += [eo for eo in event.organizations if eo.deleted_at is None]
    rows += [ep for ep in event.participants if ep.deleted_at is None]
    return move_to_trash(session, rows)


# Listing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrashEntry:
    batch: str
    deleted_at: dt.datetime  # UTC
    kind: str  # "Organization"
    name: str  # "Shanghai Institutes for International Studies"
    extra: int  # rows trashed along (positions, event roles …)

    @property
    def local_time(self) -> dt.datetime:
        return self.deleted_at.replace(tzinfo=dt.UTC).astimezone()

    @property
    def description(self) -> str:
        if not self.extra:
            return self.name
        linked = "linked record" if self.extra == 1 else "linked records"
        return f"{self.name} (with {self.extra} {linked})"


def _row_name(row: Any) -> str:
    if isinstance(row, Organization):
        return row.name + (f" ({row.acronym})" if row.acronym else "")
    if isinstance(row, Person):
        return format_name(row.honorific, row.family_name, row.given_name, row.name_order)
    if isinstance(row, Event):
        return row.title
    if isinstance(row, PressRelease):
        return row.headline
    if isinstance(row, Position):
        return row.title
    return f"{KIND.get(row.__tablename__, row.__tablename__)} {row.id}"


def batch_rows(session: Session, batch: str) -> list[Any]:
    rows: list[Any] = []
    for model in MAIN_TABLES + CHILD_TABLES:
        rows += session.scalars(select(model).where(model.trash_batch == batch)).all()
    return [r for r in rows if r.deleted_at is not None]


def trash_entries(session: Session) -> list[TrashEntry]:
    """What is in the Trash, one entry per batch, most recently deleted first."""
    batches: dict[str, list[Any]] = {}
    for model in MAIN_TABLES + CHILD_TABLES:
        for row in session.scalars(select(model).where(model.deleted_at.is_not(None))):
            batches.setdefault(row.trash_batch or f"row:{model.__tablename__}:{row.id}", []).append(
                row
            )
    entries = []
    for batch, rows in batches.items():
        main = rows[0]
        entries.append(
            TrashEntry(
                batch=batch,
                deleted_at=max(r.deleted_at for r in rows),
                kind=KIND.get(main.__tablename__, main.__tablename__),
                name=_row_name(main),
                extra=len(rows) - 1,
            )
        )
    entries.sort(key=lambda e: e.deleted_at, reverse=True)
    return entries


# Restoring -----------------------------------------------------------------------------


def _missing_link(session: Session, row: Any, batch: set[int]) -> str | None:
    """Why ``row`` cannot come back: a record it points to is gone or still trashed."""
    links: list[tuple[type[Any], int | None, str]] = []
    if isinstance(row, Organization):
        links.append((Organization, row.parent_id, "its parent organization"))
    if isinstance(row, Position):
        links += [
            (Person, row.person_id, "the person"),
            (Organization, row.organization_id, "its organization"),
        ]
    if isinstance(row, EventOrganization):
        links += [
            (Event, row.event_id, "the event"),
            (Organization, row.organization_id, "the organization"),
        ]
    if isinstance(row, EventParticipant):
        links += [(Event, row.event_id, "the event"), (Person, row.person_id, "the person")]
    if isinstance(row, PressRelease):
        links.append((Event, row.event_id, "its event"))
    for model, target_id, what in links:
        if target_id is None:
            continue
        target = session.get(model, target_id)
        if target is None:
            return f"{_row_name(row)} cannot be restored: {what} was deleted for good."
        if target.deleted_at is not None and id(target) not in batch:
            return (
                f"{_row_name(row)} cannot be restored while {what}, {_row_name(target)}, is in "
                "the Trash; restore that first."
            )
    return None


def restore_batch(session: Session, batch: str) -> int:
    """Bring back every row trashed in ``batch``; returns how many."""
    if batch.startswith("row:"):
        _, table, raw_id = batch.split(":")
        model = next(m for m in MAIN_TABLES + CHILD_TABLES if m.__tablename__ == table)
        row = session.get(model, int(raw_id))
        rows = [row] if row is not None and row.deleted_at is not None else []
    else:
        rows = batch_rows(session, batch)
    if not rows:
        raise NotFoundError("That item is no longer in the Trash.")
    members = {id(r) for r in rows}
    for row in rows:
        problem = _missing_link(session, row, members)
        if problem:
            raise ConflictError(problem)
    for row in rows:
        row.deleted_at = None
        row.trash_batch = None
    session.flush()
    return len(rows)


# Emptying ------------------------------------------------------------------------------


def empty_trash(session: Session) -> int:
    """Delete every trashed row for good (the caller has asked).  Returns how many."""
    count = 0
    try:
        trashed_positions = select(Position.id).where(Position.deleted_at.is_not(None))
        session.execute(
            delete(CitedPosition).where(CitedPosition.position_id.in_(trashed_positions))
        )
        trashed_participants = select(EventParticipant.id).where(
            EventParticipant.deleted_at.is_not(None)
        )
        session.execute(
            delete(CitedPosition).where(CitedPosition.participant_id.in_(trashed_participants))
        )
        # Through the ORM so that history records each deletion.
        for model in (EventParticipant, EventOrganization, Position, PressRelease, Event, Person):
            for row in session.scalars(select(model).where(model.deleted_at.is_not(None))).all():
                session.delete(row)
                count += 1
            session.flush()
        orgs = session.scalars(
            select(Organization).where(Organization.deleted_at.is_not(None))
        ).all()
        # Sub-units before their parents.
        session.execute(
            update(Organization)
            .where(Organization.id.in_([o.id for o in orgs]))
            .values(parent_id=None)
            .execution_options(synchronize_session="fetch")
        )
        for org in orgs:
            session.delete(org)
            count += 1
        session.flush()
    except IntegrityError as exc:
        raise ForumDeskError(
            "The Trash could not be emptied because a record outside it still uses something "
            "in it; nothing was deleted."
        ) from exc
    return count
