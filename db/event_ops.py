"""What the Events form does besides load and save: duplicate an event for a series, sort
participants by role, spot positions that may be out of date, start a release.  Qt-free;
every function takes the session first and never commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import repository
from db.models import (
    Event,
    EventParticipant,
    HouseStyle,
    OrgRole,
    ParticipantRole,
    Position,
)
from db.records import EventRecord, ParticipantRecord, ReleaseRecord

PROTOCOL_ROLE_ORDER: tuple[str, ...] = (
    ParticipantRole.CHAIR.value,
    ParticipantRole.KEYNOTE_SPEAKER.value,
    ParticipantRole.SPEAKER.value,
    ParticipantRole.MODERATOR.value,
    ParticipantRole.PANELIST.value,
    ParticipantRole.GUEST.value,
    ParticipantRole.ATTENDEE.value,
)
"""Roles in protocol order: "sort by role" puts chairs first and attendees last."""


def role_rank(role: str) -> int:
    try:
        return PROTOCOL_ROLE_ORDER.index(role)
    except ValueError:
        return len(PROTOCOL_ROLE_ORDER)


def sort_by_role(participants: Sequence[ParticipantRecord]) -> tuple[ParticipantRecord, ...]:
    """By role in protocol order, keeping the current order within each role (stable)."""
    return tuple(sorted(participants, key=lambda p: role_rank(p.role)))


def sort_indices_by_role(roles: Sequence[str]) -> list[int]:
    """The new order of rows with these roles, as indices into the current order."""
    return sorted(range(len(roles)), key=lambda i: role_rank(roles[i]))


# Duplicating an event -----------------------------------------------------------------


def duplicate_record(
    record: EventRecord, new_start_date: dt.date, *, copy_participants: bool
) -> EventRecord:
    """An unsaved copy on a new date: same title, kind, place and organizations with their
    roles; the participants (roles, cited positions, affiliations) only when asked.  The
    attendance note, summary and notes describe one occurrence and are left empty."""
    end = None
    if record.end_date is not None and record.start_date is not None:
        end = new_start_date + (record.end_date - record.start_date)
    return replace(
        record,
        id=None,
        version=0,
        start_date=new_start_date,
        end_date=end,
        attendance_note="",
        summary="",
        notes="",
        participants=record.participants if copy_participants else (),
    )


def duplicate_event(
    session: Session, event_id: int, new_start_date: dt.date, copy_participants: bool
) -> EventRecord:
    """Save a copy of an event on a new date (see :func:`duplicate_record`); returns it."""
    original = repository.get_event(session, event_id)
    copy = duplicate_record(original, new_start_date, copy_participants=copy_participants)
    return repository.save_event(session, copy)


# "Still correct?" ---------------------------------------------------------------------


def a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # February 29
        return day.replace(year=day.year - 1, day=28)


def last_recorded(
    session: Session, person_id: int, *, on_or_before: dt.date, exclude_event_id: int | None
) -> dt.date | None:
    """When the person's positions were last confirmed before an event on ``on_or_before``:
    the latest of the other events they took part in (up to that day) and the last edit of
    their positions.  None when they have no positions (there is nothing to confirm)."""
    edited = session.execute(
        select(func.max(Position.updated_at)).where(
            Position.person_id == person_id, Position.deleted_at.is_(None)
        )
    ).scalar_one_or_none()
    if edited is None:
        return None
    stmt = (
        select(func.max(Event.start_date))
        .join(EventParticipant, EventParticipant.event_id == Event.id)
        .where(
            EventParticipant.person_id == person_id,
            EventParticipant.deleted_at.is_(None),
            Event.deleted_at.is_(None),
            Event.start_date <= on_or_before,
        )
    )
    if exclude_event_id is not None:
        stmt = stmt.where(Event.id != exclude_event_id)
    cited: dt.date | None = session.execute(stmt).scalar_one_or_none()
    edited_day = edited.date() if isinstance(edited, dt.datetime) else edited
    return max(d for d in (cited, edited_day) if d is not None)


def stale_since(
    session: Session, person_id: int, event_date: dt.date, exclude_event_id: int | None = None
) -> dt.date | None:
    """The date the person's positions were last recorded, when that is more than a year
    before the event (the form then asks "still correct?"); otherwise None."""
    last = last_recorded(
        session, person_id, on_or_before=event_date, exclude_event_id=exclude_event_id
    )
    if last is not None and last < a_year_before(event_date):
        return last
    return None


# A release from an event --------------------------------------------------------------


def release_template_for(session: Session, event: EventRecord) -> str:
    """``house_hosts`` when the house organization hosts the event, else ``house_experts``."""
    house = session.execute(select(HouseStyle.house_organization_id)).scalar_one_or_none()
    hosting = {
        o.organization_id
        for o in event.organizations
        if o.role in (OrgRole.HOST.value, OrgRole.CO_HOST.value)
    }
    if house is not None and house not in hosting:
        return "house_experts"
    return "house_hosts"


def new_release_for_event(session: Session, event_id: int) -> ReleaseRecord:
    """Save a draft release linked to a saved event: headline from the event's title, the
    house style's series, the lead template that fits who hosted it."""
    event = repository.get_event(session, event_id)
    style = repository.get_house_style(session)
    record = ReleaseRecord(
        event_id=event_id,
        headline=event.title,
        series=style.default_series,
        template=release_template_for(session, event),
    )
    return repository.save_release(session, record)


def has_host(event: EventRecord) -> bool:
    """Whether someone hosts the event (a release's lead needs a host or co-host)."""
    return any(o.role in (OrgRole.HOST.value, OrgRole.CO_HOST.value) for o in event.organizations)
