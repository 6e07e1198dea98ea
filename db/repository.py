"""Loading, saving and deleting records.  Every function takes the session first and never
commits: the caller's ``Database.write()`` block is the transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import dates, trash, validation
from db.errors import ConflictError, InUseError, NotFoundError
from db.models import (
    Base,
    CitedPosition,
    Event,
    EventOrganization,
    EventParticipant,
    Honorific,
    HouseStyle,
    Organization,
    Person,
    Position,
    PressRelease,
    ReleaseStatus,
)
from db.naming import format_name
from db.records import (
    EventOrganizationRecord,
    EventRecord,
    HouseStyleRecord,
    OrganizationRecord,
    ParticipantRecord,
    PersonRecord,
    PositionRecord,
    ReleaseRecord,
)

M = TypeVar("M", bound=Base)


def _text(value: str | None) -> str | None:
    """Form text to database value: stripped, empty becomes NULL."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _str(value: str | None) -> str:
    return value or ""


def _load(session: Session, model: type[M], record_id: int, what: str) -> M:
    obj = session.get(model, record_id)
    if obj is None or getattr(obj, "deleted_at", None) is not None:
        raise NotFoundError(f"This {what} no longer exists; it may have been deleted.")
    return obj


def _for_update(session: Session, model: type[M], record_id: int, version: int, what: str) -> M:
    """The row to change, refusing when someone saved it since the caller loaded it."""
    obj = session.get(model, record_id)
    if obj is None or getattr(obj, "deleted_at", None) is not None:
        raise ConflictError(
            f"This {what} was deleted elsewhere after you opened it; your changes were not saved."
        )
    if obj.version != version:  # type: ignore[attr-defined]
        raise ConflictError(
            f"This {what} was changed elsewhere after you opened it "
            f"(by another window or user). Your changes were not saved: reload to see "
            f"theirs, or keep editing."
        )
    return obj


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _names(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit} more"
    return shown


# Organizations ------------------------------------------------------------------------


def organization_record(obj: Organization) -> OrganizationRecord:
    return OrganizationRecord(
        id=obj.id,
        version=obj.version,
        name=obj.name,
        acronym=_str(obj.acronym),
        name_zh=_str(obj.name_zh),
        kind=obj.kind,
        parent_id=obj.parent_id,
        parent_style=obj.parent_style,
        takes_the=obj.takes_the,
        city=_str(obj.city),
        country=_str(obj.country),
        website=_str(obj.website),
        notes=_str(obj.notes),
    )


def get_organization(session: Session, organization_id: int) -> OrganizationRecord:
    return organization_record(_load(session, Organization, organization_id, "organization"))


def save_organization(session: Session, record: OrganizationRecord) -> OrganizationRecord:
    validation.raise_if(validation.check_organization(session, record))
    if record.id is None:
        obj = Organization()
        session.add(obj)
    else:
        obj = _for_update(session, Organization, record.id, record.version, "organization")
    obj.name = record.name.strip()
    obj.acronym = _text(record.acronym)
    obj.acronym_key = obj.acronym.lower() if obj.acronym else None
    obj.name_zh = _text(record.name_zh)
    obj.kind = record.kind
    obj.parent_id = record.parent_id
    obj.parent_style = record.parent_style
    obj.takes_the = record.takes_the
    obj.city = _text(record.city)
    obj.country = _text(record.country)
    obj.website = _text(record.website)
    obj.notes = _text(record.notes)
    session.flush()
    return organization_record(obj)


def organization_usage(session: Session, organization_id: int) -> list[str]:
    """What still refers to the organization, as phrases ("2 positions (…)")."""
    uses: list[str] = []
    children = session.scalars(
        select(Organization.name).where(
            Organization.parent_id == organization_id, Organization.deleted_at.is_(None)
        )
    ).all()
    if children:
        uses.append(f"{_plural(len(children), 'sub-unit')} ({_names(list(children))})")
    holders = session.execute(
        select(Person.honorific, Person.family_name, Person.given_name, Person.name_order)
        .join(Position, Position.person_id == Person.id)
        .where(
            Position.organization_id == organization_id,
            Position.deleted_at.is_(None),
            Person.deleted_at.is_(None),
        )
    ).all()
    if holders:
        names = [format_name(*row) for row in holders]
        uses.append(f"{_plural(len(holders), 'position')} ({_names(names)})")
    events = session.scalars(
        select(Event.title)
        .join(EventOrganization, EventOrganization.event_id == Event.id)
        .where(
            EventOrganization.organization_id == organization_id,
            Event.deleted_at.is_(None),
            EventOrganization.deleted_at.is_(None),
        )
        .distinct()
    ).all()
    if events:
        uses.append(f"{_plural(len(events), 'event')} ({_names(list(events))})")
    house = session.get(HouseStyle, 1)
    if house is not None and house.house_organization_id == organization_id:
        uses.append("the house style (it is the house organization)")
    return uses


def _join_uses(uses: list[str]) -> str:
    if len(uses) == 1:
        return uses[0]
    return ", ".join(uses[:-1]) + " and " + uses[-1]


def delete_organization(session: Session, organization_id: int) -> None:
    """Move an unused organization to the Trash (``db.trash.trash_organization`` can take
    its positions and event roles along)."""
    obj = _load(session, Organization, organization_id, "organization")
    uses = organization_usage(session, organization_id)
    if uses:
        raise InUseError(f"{obj.name} cannot be deleted: it is still used by {_join_uses(uses)}.")
    trash.move_to_trash(session, [obj])


# People and positions -----------------------------------------------------------------


def position_record(obj: Position) -> PositionRecord:
    return PositionRecord(
        id=obj.id,
        organization_id=obj.organization_id,
        title=obj.title,
        phrasing=obj.phrasing,
        start_date=_str(obj.start_date),
        end_date=_str(obj.end_date),
        is_current=obj.is_current,
    )


def person_record(obj: Person) -> PersonRecord:
    return PersonRecord(
        id=obj.id,
        version=obj.version,
        honorific=_str(obj.honorific),
        family_name=obj.family_name,
        given_name=_str(obj.given_name),
        name_order=obj.name_order,
        name_zh=_str(obj.name_zh),
        email=_str(obj.email),
        phone=_str(obj.phone),
        notes=_str(obj.notes),
        positions=tuple(position_record(p) for p in obj.positions if p.deleted_at is None),
    )


def get_person(session: Session, person_id: int) -> PersonRecord:
    return person_record(_load(session, Person, person_id, "person"))


def _position_citations(session: Session, position_id: int) -> list[str]:
    return list(
        session.scalars(
            select(Event.title)
            .join(EventParticipant, EventParticipant.event_id == Event.id)
            .join(CitedPosition, CitedPosition.participant_id == EventParticipant.id)
            .where(CitedPosition.position_id == position_id, Event.deleted_at.is_(None))
        ).all()
    )


def save_person(session: Session, record: PersonRecord) -> PersonRecord:
    validation.raise_if(validation.check_person(session, record))
    if record.id is None:
        obj = Person()
        session.add(obj)
    else:
        obj = _for_update(session, Person, record.id, record.version, "person")
    obj.honorific = _text(record.honorific)
    obj.family_name = record.family_name.strip()
    obj.given_name = _text(record.given_name)
    obj.name_order = record.name_order
    obj.name_zh = _text(record.name_zh)
    obj.email = _text(record.email)
    obj.phone = _text(record.phone)
    obj.notes = _text(record.notes)
    existing = {p.id: p for p in obj.positions if p.deleted_at is None}
    kept: list[Position] = []
    for order, pos in enumerate(record.positions):
        if pos.id is not None and pos.id in existing:
            row = existing.pop(pos.id)
        else:
            row = Position()
            obj.positions.append(row)
        row.organization_id = pos.organization_id
        row.title = pos.title.strip()
        row.phrasing = pos.phrasing
        row.start_date = dates.normalize_partial(pos.start_date) if pos.start_date.strip() else None
        row.end_date = dates.normalize_partial(pos.end_date) if pos.end_date.strip() else None
        row.is_current = pos.is_current
        row.sort_order = order
        kept.append(row)
    for removed in existing.values():
        events = _position_citations(session, removed.id)
        if events:
            raise InUseError(
                f"The position ‘{removed.title}’ cannot be removed: it is cited for "
                f"{_plural(len(events), 'event')} ({_names(events)})."
            )
        obj.positions.remove(removed)
    session.flush()
    if record.id is not None and obj.version == record.version:
        # Child rows changed without the parent's columns changing still count as an edit
        # of the person: bump the version so a second window sees the conflict.
        obj.updated_at = dt.datetime.now()
        session.flush()
    return person_record(obj)


def person_usage(session: Session, person_id: int) -> list[str]:
    events = session.scalars(
        select(Event.title)
        .join(EventParticipant, EventParticipant.event_id == Event.id)
        .where(
            EventParticipant.person_id == person_id,
            Event.deleted_at.is_(None),
            EventParticipant.deleted_at.is_(None),
        )
    ).all()
    if events:
        return [f"{_plural(len(events), 'event')} ({_names(list(events))})"]
    return []


def delete_person(session: Session, person_id: int) -> None:
    obj = _load(session, Person, person_id, "person")
    uses = person_usage(session, person_id)
    if uses:
        name = format_name(obj.honorific, obj.family_name, obj.given_name, obj.name_order)
        raise InUseError(f"{name} cannot be deleted: they take part in {_join_uses(uses)}.")
    trash.trash_person_rows(session, obj)  # with the positions


# Events -------------------------------------------------------------------------------


def event_record(obj: Event) -> EventRecord:
    return EventRecord(
        id=obj.id,
        version=obj.version,
        title=obj.title,
        title_takes_the=obj.title_takes_the,
        kind=obj.kind,
        start_date=obj.start_date,
        end_date=obj.end_date,
        city=_str(obj.city),
        venue=_str(obj.venue),
        attendance_note=_str(obj.attendance_note),
        summary=_str(obj.summary),
        notes=_str(obj.notes),
        organizations=tuple(
            EventOrganizationRecord(organization_id=eo.organization_id, role=eo.role)
            for eo in obj.organizations
            if eo.deleted_at is None
        ),
        participants=tuple(
            ParticipantRecord(
                person_id=ep.person_id,
                role=ep.role,
                cited_position_ids=tuple(c.position_id for c in ep.cited),
                affiliation=_str(ep.affiliation),
            )
            for ep in obj.participants
            if ep.deleted_at is None
        ),
    )


def get_event(session: Session, event_id: int) -> EventRecord:
    return event_record(_load(session, Event, event_id, "event"))


def save_event(session: Session, record: EventRecord) -> EventRecord:
    validation.raise_if(validation.check_event(session, record))
    if record.id is None:
        obj = Event()
        session.add(obj)
    else:
        obj = _for_update(session, Event, record.id, record.version, "event")
    obj.title = record.title.strip()
    obj.title_takes_the = record.title_takes_the
    obj.kind = record.kind
    assert record.start_date is not None  # validated
    obj.start_date = record.start_date
    obj.end_date = record.end_date
    obj.city = _text(record.city)
    obj.venue = _text(record.venue)
    obj.attendance_note = _text(record.attendance_note)
    obj.summary = _text(record.summary)
    obj.notes = _text(record.notes)

    # Organizations are matched by (organization, role), participants by person, so that
    # unchanged rows keep their identity and the unique constraints never see a transient
    # duplicate during the flush.
    # Trashed rows (an organization moved to the Trash with its event roles) are kept for
    # the restore, never matched or removed here.
    orgs = {(eo.organization_id, eo.role): eo for eo in obj.organizations if eo.deleted_at is None}
    for order, item in enumerate(record.organizations):
        eo = orgs.pop((item.organization_id, item.role), None)
        if eo is None:
            eo = EventOrganization(organization_id=item.organization_id, role=item.role)
            obj.organizations.append(eo)
        eo.sort_order = order
    for eo in orgs.values():
        obj.organizations.remove(eo)

    people = {ep.person_id: ep for ep in obj.participants if ep.deleted_at is None}
    for order, part in enumerate(record.participants):
        ep = people.pop(part.person_id, None)
        if ep is None:
            ep = EventParticipant(person_id=part.person_id)
            obj.participants.append(ep)
        ep.role = part.role
        ep.sort_order = order
        ep.affiliation = _text(part.affiliation)
        current = [c.position_id for c in ep.cited]
        if current != list(part.cited_position_ids):
            _check_cited_positions(session, part)
            ep.cited.clear()
            session.flush()
            for n, position_id in enumerate(part.cited_position_ids):
                ep.cited.append(CitedPosition(position_id=position_id, sort_order=n))
    for ep in people.values():
        obj.participants.remove(ep)
    session.flush()
    if record.id is not None and obj.version == record.version:
        obj.updated_at = dt.datetime.now()
        session.flush()
    return event_record(obj)


def _check_cited_positions(session: Session, part: ParticipantRecord) -> None:
    for position_id in part.cited_position_ids:
        position = session.get(Position, position_id)
        if position is None or position.person_id != part.person_id:
            from db.errors import FieldError, ValidationError

            raise ValidationError(
                [FieldError("participants", "A cited position does not belong to that person.")]
            )


def event_usage(session: Session, event_id: int) -> list[str]:
    releases = session.scalars(
        select(PressRelease.headline).where(
            PressRelease.event_id == event_id, PressRelease.deleted_at.is_(None)
        )
    ).all()
    if releases:
        return [f"{_plural(len(releases), 'release')} ({_names(list(releases))})"]
    return []


def delete_event(session: Session, event_id: int) -> None:
    obj = _load(session, Event, event_id, "event")
    uses = event_usage(session, event_id)
    if uses:
        raise InUseError(f"{obj.title} cannot be deleted: it is used by {_join_uses(uses)}.")
    trash.trash_event_rows(session, obj)  # with its organizations and participants


# Releases -----------------------------------------------------------------------------


def release_record(obj: PressRelease) -> ReleaseRecord:
    return ReleaseRecord(
        id=obj.id,
        version=obj.version,
        event_id=obj.event_id,
        headline=obj.headline,
        publication_date=obj.publication_date,
        status=obj.status,
        language=obj.language,
        series=_str(obj.series),
        template=obj.template,
        body=obj.body,
        lead_override=obj.lead_override,
        frozen_document=obj.frozen_document,
    )


def get_release(session: Session, release_id: int) -> ReleaseRecord:
    return release_record(_load(session, PressRelease, release_id, "release"))


def save_release(session: Session, record: ReleaseRecord) -> ReleaseRecord:
    """Save the editable fields.  Status changes to or from published go through
    ``publish_release`` / ``unpublish_release``."""
    validation.raise_if(validation.check_release(session, record))
    if record.id is None:
        obj = PressRelease()
        session.add(obj)
        if record.status == ReleaseStatus.PUBLISHED.value:
            raise ConflictError("A new release cannot be saved as published; publish it instead.")
    else:
        obj = _for_update(session, PressRelease, record.id, record.version, "release")
        was_published = obj.status == ReleaseStatus.PUBLISHED.value
        if was_published != (record.status == ReleaseStatus.PUBLISHED.value):
            raise ConflictError(
                "Use Publish or Unpublish to change whether a release is published."
            )
        if was_published and (
            record.headline.strip() != obj.headline
            or record.body != obj.body
            or record.event_id != obj.event_id
            or record.lead_override != obj.lead_override
        ):
            raise ConflictError("A published release is read-only; unpublish it before editing.")
    if record.event_id is not None:
        # No autoflush: the new, still empty release must not be flushed by this lookup.
        with session.no_autoflush:
            _load(session, Event, record.event_id, "event")
    obj.event_id = record.event_id
    obj.headline = record.headline.strip()
    obj.publication_date = record.publication_date
    obj.status = record.status
    obj.language = record.language.strip()
    obj.series = _text(record.series)
    obj.template = record.template
    obj.body = record.body
    obj.lead_override = record.lead_override
    session.flush()
    return release_record(obj)


def publish_release(
    session: Session, release_id: int, version: int, frozen_document: str
) -> ReleaseRecord:
    """Freeze the composed document and mark the release published."""
    obj = _for_update(session, PressRelease, release_id, version, "release")
    if obj.publication_date is None:
        from db.errors import FieldError, ValidationError

        raise ValidationError(
            [FieldError("publication_date", "A published release needs its publication date.")]
        )
    obj.status = ReleaseStatus.PUBLISHED.value
    obj.frozen_document = frozen_document
    obj.published_at = dt.datetime.now()
    session.flush()
    return release_record(obj)


def unpublish_release(session: Session, release_id: int, version: int) -> ReleaseRecord:
    """Back to draft: the release follows the records again."""
    obj = _for_update(session, PressRelease, release_id, version, "release")
    obj.status = ReleaseStatus.DRAFT.value
    obj.frozen_document = None
    obj.published_at = None
    session.flush()
    return release_record(obj)


def delete_release(session: Session, release_id: int) -> None:
    obj = _load(session, PressRelease, release_id, "release")
    trash.move_to_trash(session, [obj])


# House style and honorifics -----------------------------------------------------------


def get_house_style(session: Session) -> HouseStyleRecord:
    obj = session.get(HouseStyle, 1)
    if obj is None:
        return HouseStyleRecord()
    return HouseStyleRecord(
        version=obj.version,
        house_organization_id=obj.house_organization_id,
        family_name_caps=obj.family_name_caps,
        serial_comma=obj.serial_comma,
        date_style=obj.date_style,
        page_size=obj.page_size,
        margin_mm=obj.margin_mm,
        default_series=_str(obj.default_series),
    )


def save_house_style(session: Session, record: HouseStyleRecord) -> HouseStyleRecord:
    validation.raise_if(validation.check_house_style(record))
    obj = session.get(HouseStyle, 1)
    if obj is None:
        obj = HouseStyle(id=1)
        session.add(obj)
    elif obj.version != record.version:
        raise ConflictError(
            "The house style was changed elsewhere after you opened it; reload it first."
        )
    obj.house_organization_id = record.house_organization_id
    obj.family_name_caps = record.family_name_caps
    obj.serial_comma = record.serial_comma
    obj.date_style = record.date_style
    obj.page_size = record.page_size
    obj.margin_mm = record.margin_mm
    obj.default_series = _text(record.default_series)
    session.flush()
    return get_house_style(session)


def honorifics(session: Session) -> list[str]:
    return list(session.scalars(select(Honorific.text).order_by(Honorific.sort_order)).all())


def save_honorifics(session: Session, texts: list[str]) -> None:
    wanted = [t.strip() for t in texts if t.strip()]
    existing = {h.text: h for h in session.scalars(select(Honorific)).all()}
    for order, text in enumerate(dict.fromkeys(wanted)):
        row = existing.pop(text, None)
        if row is None:
            row = Honorific(text=text)
            session.add(row)
        row.sort_order = order
    for row in existing.values():
        session.delete(row)
    session.flush()


def row_dict(obj: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}
