"""Plain, frozen records that cross from the data layer to forms, importers and the composer.

Widgets hold these, never live ORM objects; equality of two records is the dirty check.
Text fields use "" for empty (the database stores NULL); ``id`` is None for a new record
and ``version`` is the optimistic-lock counter it was loaded at (0 for new).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from db.models import (
    DateStyle,
    EventKind,
    NameOrder,
    OrgKind,
    OrgRole,
    ParentStyle,
    ParticipantRole,
    Phrasing,
    ReleaseStatus,
)


@dataclass(frozen=True)
class OrganizationRecord:
    id: int | None = None
    version: int = 0
    name: str = ""
    acronym: str = ""
    name_zh: str = ""
    kind: str = OrgKind.OTHER.value
    parent_id: int | None = None
    parent_style: str = ParentStyle.STANDALONE.value
    takes_the: bool = False
    city: str = ""
    country: str = ""
    website: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PositionRecord:
    """A person's position; its order is its place in ``PersonRecord.positions``."""

    id: int | None = None
    organization_id: int | None = None
    title: str = ""
    phrasing: str = Phrasing.TITLE_OF.value
    start_date: str = ""
    end_date: str = ""
    is_current: bool = True


@dataclass(frozen=True)
class PersonRecord:
    id: int | None = None
    version: int = 0
    honorific: str = ""
    family_name: str = ""
    given_name: str = ""
    name_order: str = NameOrder.FAMILY_FIRST.value
    name_zh: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    positions: tuple[PositionRecord, ...] = ()


@dataclass(frozen=True)
class EventOrganizationRecord:
    organization_id: int
    role: str = OrgRole.HOST.value


@dataclass(frozen=True)
class ParticipantRecord:
    person_id: int
    role: str = ParticipantRole.PANELIST.value
    # Positions cited for this event, in citation order.
    cited_position_ids: tuple[int, ...] = ()
    # Free text that replaces the cited positions when set.
    affiliation: str = ""


@dataclass(frozen=True)
class EventRecord:
    id: int | None = None
    version: int = 0
    title: str = ""
    title_takes_the: bool = True
    kind: str = EventKind.SEMINAR.value
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    city: str = ""
    venue: str = ""
    attendance_note: str = ""
    summary: str = ""
    notes: str = ""
    # In their order (hosts first by convention; the order is the list order).
    organizations: tuple[EventOrganizationRecord, ...] = ()
    # In protocol order.
    participants: tuple[ParticipantRecord, ...] = ()


@dataclass(frozen=True)
class ReleaseRecord:
    id: int | None = None
    version: int = 0
    event_id: int | None = None
    headline: str = ""
    publication_date: dt.date | None = None
    status: str = ReleaseStatus.DRAFT.value
    language: str = "en"
    series: str = ""
    template: str = "house_hosts"
    body: str = ""
    lead_override: str | None = None
    # Read-only here: set by publish / cleared by unpublish.
    frozen_document: str | None = field(default=None, compare=True)


@dataclass(frozen=True)
class HouseStyleRecord:
    version: int = 0
    house_organization_id: int | None = None
    family_name_caps: bool = True
    serial_comma: bool = True
    date_style: str = DateStyle.MONTH_DAY.value
    page_size: str = "A4"
    margin_mm: int = 25
    default_series: str = ""
