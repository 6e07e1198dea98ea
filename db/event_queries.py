"""The events list in SQL: newest first, filter as you type, by year and kind, page by page.

``EVENTS`` is a :class:`db.queries.ListSpec` (count, fetch with offset/limit, row_of), so the
windowed table model pages it like the People and Organizations lists.  Search words match
the title, the city, the names and acronyms of the event's organizations and the names of
its participants (Latin or Chinese, any part).  Qt-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, case, exists, extract, func, or_, select
from sqlalchemy.orm import Session, aliased

from db.models import (
    Event,
    EventKind,
    EventOrganization,
    EventParticipant,
    Organization,
    OrgRole,
    Person,
    PressRelease,
    ReleaseStatus,
)
from db.queries import ListQuery, ListSpec, contains

_HOST_ROLES = (OrgRole.HOST.value, OrgRole.CO_HOST.value)
_STATUS_RANK = {
    ReleaseStatus.DRAFT.value: 1,
    ReleaseStatus.IN_REVIEW.value: 2,
    ReleaseStatus.APPROVED.value: 3,
    ReleaseStatus.PUBLISHED.value: 4,
}
_RANK_STATUS = {rank: status for status, rank in _STATUS_RANK.items()}


@dataclass(frozen=True)
class EventRow:
    """One line of the events list."""

    id: int
    start_date: dt.date
    end_date: dt.date | None
    dates: str
    kind: str
    title: str
    city: str
    hosts: str
    participants: int
    release_status: str


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_span(start: dt.date, end: dt.date | None) -> str:
    """ "19 Nov 2021", "18–19 Nov 2021", "30 Nov – 2 Dec 2021", "30 Dec 2021 – 2 Jan 2022"."""
    first = f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
    if end is None or end <= start:
        return first
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day}–{end.day} {_MONTHS[end.month - 1]} {end.year}"
    if end.year == start.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {end.day} {_MONTHS[end.month - 1]} {end.year}"
    return f"{first} – {end.day} {_MONTHS[end.month - 1]} {end.year}"


def kind_label(value: str) -> str:
    try:
        return EventKind(value).label
    except ValueError:
        return value


def status_label(rank: int | None, releases: int) -> str:
    """The furthest status among the event's releases ("Published", "Draft", "—")."""
    if not releases or rank is None:
        return "—"
    label = ReleaseStatus(_RANK_STATUS[rank]).label
    return label if releases == 1 else f"{label} ({releases} releases)"


def _hosts_column() -> Any:
    """Hosts and co-hosts in their order, by acronym when they have one."""
    org = aliased(Organization)
    eo = aliased(EventOrganization)
    ordered = (
        select(func.coalesce(org.acronym, org.name).label("label"))
        .select_from(eo)
        .join(org, org.id == eo.organization_id)
        .where(
            eo.event_id == Event.id,
            eo.role.in_(_HOST_ROLES),
            eo.deleted_at.is_(None),
            org.deleted_at.is_(None),
        )
        .order_by(eo.sort_order, eo.id)
        .correlate(Event)
        .subquery()
    )
    return select(func.group_concat(ordered.c.label, ", ")).scalar_subquery().label("hosts")


_participants = (
    select(func.count(EventParticipant.id))
    .where(EventParticipant.event_id == Event.id, EventParticipant.deleted_at.is_(None))
    .correlate(Event)
    .scalar_subquery()
    .label("participant_count")
)
_release_rank = (
    select(
        func.max(
            case(
                *((PressRelease.status == s, r) for s, r in _STATUS_RANK.items()),
                else_=0,
            )
        )
    )
    .where(PressRelease.event_id == Event.id, PressRelease.deleted_at.is_(None))
    .correlate(Event)
    .scalar_subquery()
    .label("release_rank")
)
_release_count = (
    select(func.count(PressRelease.id))
    .where(PressRelease.event_id == Event.id, PressRelease.deleted_at.is_(None))
    .correlate(Event)
    .scalar_subquery()
    .label("release_count")
)
_hosts = _hosts_column()


def _event_search(term: str) -> ColumnElement[bool]:
    org = aliased(Organization)
    eo = aliased(EventOrganization)
    person = aliased(Person)
    ep = aliased(EventParticipant)
    in_orgs = exists(
        select(eo.id)
        .select_from(eo)
        .join(org, org.id == eo.organization_id)
        .where(
            eo.event_id == Event.id,
            eo.deleted_at.is_(None),
            or_(contains(org.name, term), contains(org.acronym, term), contains(org.name_zh, term)),
        )
        .correlate(Event)
    )
    in_people = exists(
        select(ep.id)
        .select_from(ep)
        .join(person, person.id == ep.person_id)
        .where(
            ep.event_id == Event.id,
            ep.deleted_at.is_(None),
            or_(
                contains(person.family_name, term),
                contains(person.given_name, term),
                contains(person.name_zh, term),
            ),
        )
        .correlate(Event)
    )
    return or_(contains(Event.title, term), contains(Event.city, term), in_orgs, in_people)


def _year_filter(value: Any) -> ColumnElement[bool]:
    return extract("year", Event.start_date) == int(value)


def _kind_filter(value: Any) -> ColumnElement[bool]:
    return Event.kind == str(value)


def _event_row(row: Row[Any]) -> EventRow:
    return EventRow(
        id=row.id,
        start_date=row.start_date,
        end_date=row.end_date,
        dates=date_span(row.start_date, row.end_date),
        kind=kind_label(row.kind),
        title=row.title,
        city=row.city or "",
        hosts=row.hosts or "",
        participants=int(row.participant_count or 0),
        release_status=status_label(row.release_rank, int(row.release_count or 0)),
    )


EVENTS: ListSpec[EventRow] = ListSpec(
    from_clause=Event.__table__,
    id_column=Event.id,
    columns=(
        Event.id,
        Event.start_date,
        Event.end_date,
        Event.kind,
        Event.title,
        Event.city,
        _hosts,
        _participants,
        _release_rank,
        _release_count,
    ),
    to_row=_event_row,
    search_term=_event_search,
    sort_keys={
        "date": (Event.start_date,),
        "kind": (Event.kind,),
        "title": (func.lower(Event.title),),
        "city": (func.lower(Event.city),),
        "hosts": (func.lower(_hosts),),
        "participants": (_participants,),
        "release": (_release_rank,),
    },
    default_sort="date",
    deleted=Event.deleted_at,
    filters={"year": _year_filter, "kind": _kind_filter},
)

NEWEST_FIRST = ListQuery(sort_key="date", descending=True)
"""The list's opening query: newest events first."""


def count_events(session: Session, query: ListQuery = NEWEST_FIRST) -> int:
    return EVENTS.count(session, query)


def fetch_events(
    session: Session, query: ListQuery = NEWEST_FIRST, offset: int = 0, limit: int = 200
) -> list[EventRow]:
    return EVENTS.fetch(session, query, offset, limit)


def event_years(session: Session) -> list[int]:
    """The years that have events, newest first (for the year filter)."""
    year = extract("year", Event.start_date)
    rows = session.execute(
        select(year).where(Event.deleted_at.is_(None)).group_by(year).order_by(year.desc())
    ).scalars()
    return [int(y) for y in rows if y is not None]
