"""The rules a record must follow before it is saved — shared by forms, importer and CLI.

Each ``check_*`` function returns a list of FieldError (empty when the record is fine);
``validate_*`` raises ValidationError.  Messages are one human sentence each.
"""

from __future__ import annotations

import enum
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import dates
from db.errors import FieldError, ValidationError
from db.models import (
    DateStyle,
    EventKind,
    NameOrder,
    Organization,
    OrgKind,
    OrgRole,
    ParentStyle,
    ParticipantRole,
    Person,
    Phrasing,
    ReleaseStatus,
)
from db.naming import format_name
from db.records import (
    EventRecord,
    HouseStyleRecord,
    OrganizationRecord,
    PersonRecord,
    PositionRecord,
    ReleaseRecord,
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ACRONYM = re.compile(r"^[\w&.\-/]+$")


def _choice(value: str, allowed: type[enum.Enum], field: str, what: str) -> list[FieldError]:
    values = [m.value for m in allowed]
    if value not in values:
        return [FieldError(field, f"‘{value}’ is not a known {what}.")]
    return []


def check_organization(session: Session, record: OrganizationRecord) -> list[FieldError]:
    errors: list[FieldError] = []
    name = record.name.strip()
    if not name:
        errors.append(FieldError("name", "Enter the organization’s name."))
    acronym = record.acronym.strip()
    if acronym:
        if not _ACRONYM.match(acronym):
            errors.append(
                FieldError(
                    "acronym",
                    f"‘{acronym}’ cannot be an acronym: use letters, digits and - & . / only.",
                )
            )
        else:
            holder = session.execute(
                select(Organization.name, Organization.deleted_at).where(
                    Organization.acronym_key == acronym.lower(),
                    Organization.id != (record.id or -1),
                )
            ).first()
            if holder is not None and holder.deleted_at is not None:
                # A trashed organization keeps its acronym so that it can be restored.
                errors.append(
                    FieldError(
                        "acronym",
                        f"The organization ‘{holder.name}’ in the Trash still uses the acronym "
                        f"‘{acronym}’; restore it, or empty the Trash first.",
                    )
                )
            elif holder is not None:
                errors.append(
                    FieldError(
                        "acronym",
                        f"An organization named ‘{holder.name}’ already uses the acronym "
                        f"‘{acronym}’.",
                    )
                )
    errors += _choice(record.kind, OrgKind, "kind", "kind of organization")
    errors += _choice(record.parent_style, ParentStyle, "parent_style", "way of writing a sub-unit")
    if record.parent_id is not None:
        errors += _check_parent(session, record, name)
    elif record.parent_style != ParentStyle.STANDALONE.value:
        errors.append(
            FieldError(
                "parent_id",
                "Choose the parent organization, or write this organization standalone.",
            )
        )
    website = record.website.strip()
    if website and (" " in website or "." not in website):
        errors.append(FieldError("website", f"‘{website}’ is not a web address."))
    return errors


def _check_parent(session: Session, record: OrganizationRecord, name: str) -> list[FieldError]:
    # A name not typed yet: "This organization … is already part of it."
    subject, again = (name, name) if name else ("This organization", "it")
    if record.id is not None and record.parent_id == record.id:
        return [FieldError("parent_id", f"{subject} cannot be its own parent.")]
    parent = session.get(Organization, record.parent_id)
    if parent is None or parent.deleted_at is not None:
        return [FieldError("parent_id", "The chosen parent organization no longer exists.")]
    # Walk up from the parent: meeting ourselves means a cycle.
    seen: set[int] = set()
    current: Organization | None = parent
    while current is not None and current.id not in seen:
        if record.id is not None and current.id == record.id:
            return [
                FieldError(
                    "parent_id",
                    f"{subject} cannot be placed under {parent.name}, "
                    f"because {parent.name} is already part of {again}.",
                )
            ]
        seen.add(current.id)
        current = current.parent
    return []


def check_position(position: PositionRecord, index: int) -> list[FieldError]:
    """Rules for one position; fields are named ``positions[i].field``."""
    prefix = f"positions[{index}]."
    errors: list[FieldError] = []
    if not position.title.strip():
        errors.append(FieldError(prefix + "title", "Enter the title of the position."))
    errors += _choice(position.phrasing, Phrasing, prefix + "phrasing", "phrasing")
    if position.organization_id is None and position.phrasing != Phrasing.TITLE_ONLY.value:
        errors.append(
            FieldError(
                prefix + "organization_id",
                "Choose the organization of this position, or phrase it as the title alone.",
            )
        )
    start = end = None
    for name in ("start_date", "end_date"):
        text = getattr(position, name).strip()
        if not text:
            continue
        try:
            dates.parse_partial(text)
        except ValueError as exc:
            errors.append(FieldError(prefix + name, str(exc)))
            continue
        if name == "start_date":
            start = text
        else:
            end = text
    if start and end and dates.latest(end) < dates.earliest(start):
        errors.append(FieldError(prefix + "end_date", "The end date is before the start date."))
    return errors


def check_person(session: Session, record: PersonRecord) -> list[FieldError]:
    errors: list[FieldError] = []
    if not record.family_name.strip():
        errors.append(FieldError("family_name", "Enter the family name."))
    errors += _choice(record.name_order, NameOrder, "name_order", "name order")
    email = record.email.strip()
    if email and not _EMAIL.match(email):
        errors.append(FieldError("email", f"‘{email}’ is not an email address."))
    phone = record.phone.strip()
    if phone and not re.fullmatch(r"[\d\s()+\-./ext]+", phone):
        errors.append(FieldError("phone", f"‘{phone}’ is not a phone number."))
    for index, position in enumerate(record.positions):
        errors += check_position(position, index)
        if position.organization_id is not None:
            org = session.get(Organization, position.organization_id)
            if org is None or org.deleted_at is not None:
                errors.append(
                    FieldError(
                        f"positions[{index}].organization_id",
                        "The organization of this position no longer exists.",
                    )
                )
    return errors


def check_event(session: Session, record: EventRecord) -> list[FieldError]:
    errors: list[FieldError] = []
    if not record.title.strip():
        errors.append(FieldError("title", "Enter the event’s title."))
    errors += _choice(record.kind, EventKind, "kind", "kind of event")
    if record.start_date is None:
        errors.append(FieldError("start_date", "Enter the date the event starts."))
    elif record.end_date is not None and record.end_date < record.start_date:
        errors.append(FieldError("end_date", "The end date is before the start date."))
    seen_orgs: set[tuple[int, str]] = set()
    for index, org in enumerate(record.organizations):
        errors += _choice(org.role, OrgRole, f"organizations[{index}].role", "role")
        errors += _check_event_organization(session, org.organization_id, index)
        key = (org.organization_id, org.role)
        if key in seen_orgs:
            name = session.get(Organization, org.organization_id)
            errors.append(
                FieldError(
                    f"organizations[{index}].organization_id",
                    f"{name.name if name else 'This organization'} is listed twice "
                    f"as {OrgRole(org.role).label.lower()}.",
                )
            )
        seen_orgs.add(key)
    seen_people: set[int] = set()
    for index, participant in enumerate(record.participants):
        errors += _choice(participant.role, ParticipantRole, f"participants[{index}].role", "role")
        errors += _check_event_person(session, participant.person_id, index)
        if participant.person_id in seen_people:
            person = session.get(Person, participant.person_id)
            label = (
                format_name(
                    person.honorific, person.family_name, person.given_name, person.name_order
                )
                if person
                else "This person"
            )
            errors.append(
                FieldError(
                    f"participants[{index}].person_id",
                    f"{label} is already a participant of this event.",
                )
            )
        seen_people.add(participant.person_id)
    return errors


def _check_event_organization(
    session: Session, organization_id: int, index: int
) -> list[FieldError]:
    """An event's organization must still be there (a form opened before it was moved to
    the Trash would otherwise fail in the database, or link a trashed record)."""
    field = f"organizations[{index}].organization_id"
    org = session.get(Organization, organization_id)
    if org is None:
        return [FieldError(field, "This organization no longer exists; remove it from the event.")]
    if org.deleted_at is not None:
        return [
            FieldError(
                field,
                f"{org.name} is in the Trash; restore it from the Trash, or remove it from "
                "the event.",
            )
        ]
    return []


def _check_event_person(session: Session, person_id: int, index: int) -> list[FieldError]:
    field = f"participants[{index}].person_id"
    person = session.get(Person, person_id)
    if person is None:
        return [FieldError(field, "This person no longer exists; remove them from the event.")]
    if person.deleted_at is not None:
        name = format_name(
            person.honorific, person.family_name, person.given_name, person.name_order
        )
        return [
            FieldError(
                field,
                f"{name} is in the Trash; restore them from the Trash, or remove them from "
                "the event.",
            )
        ]
    return []


def check_release(session: Session, record: ReleaseRecord) -> list[FieldError]:
    del session
    errors: list[FieldError] = []
    if not record.headline.strip():
        errors.append(FieldError("headline", "Enter the headline."))
    errors += _choice(record.status, ReleaseStatus, "status", "status")
    if record.status == ReleaseStatus.PUBLISHED.value and record.publication_date is None:
        errors.append(
            FieldError("publication_date", "A published release needs its publication date.")
        )
    if not record.language.strip():
        errors.append(FieldError("language", "Choose the release’s language."))
    return errors


def check_house_style(record: HouseStyleRecord) -> list[FieldError]:
    errors = _choice(record.date_style, DateStyle, "date_style", "date style")
    if record.page_size not in ("A4", "Letter"):
        errors.append(FieldError("page_size", "The page size must be A4 or Letter."))
    if not 5 <= record.margin_mm <= 60:
        errors.append(FieldError("margin_mm", "Margins must be between 5 and 60 mm."))
    return errors


def raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)
