"""List queries for the windowed tables and lookups: filter, sort, count and page in SQL.

A ``ListSpec`` describes one list (its FROM clause, columns, search condition, sort keys and
extra filters); ``count``/``fetch``/``row_of`` run it with a ``ListQuery`` so that a table of
100,000 rows only ever loads the page being looked at.  Search is plain ``LIKE '%…%'`` so
that any part of a Chinese name matches ("晓工" finds 陈晓工).  Qt-free.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Row,
    case,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from db.models import (
    Event,
    EventOrganization,
    EventParticipant,
    Organization,
    OrgKind,
    OrgRole,
    ParticipantRole,
    Person,
    Position,
)
from db.naming import format_name

RowT = TypeVar("RowT")

SearchBuilder = Callable[[str], ColumnElement[bool]]
FilterBuilder = Callable[[Any], ColumnElement[bool]]


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's wildcards escaped (use with ``escape="\\\\"``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive (for ASCII) substring match; any part of a Chinese name matches."""
    result: ColumnElement[bool] = column.like(like_pattern(text), escape="\\")
    return result


def search_terms(text: str) -> list[str]:
    """Words of a search; every word must match somewhere."""
    return [word for word in text.split() if word]


@dataclass(frozen=True)
class ListQuery:
    """What the user asked of a list: search text, sort key and direction, extra filters."""

    search: str = ""
    sort_key: str = ""
    descending: bool = False
    filters: tuple[tuple[str, Any], ...] = ()

    def with_filter(self, name: str, value: Any) -> ListQuery:
        """A copy with filter ``name`` set to ``value`` (None removes it)."""
        kept = tuple((k, v) for k, v in self.filters if k != name)
        if value is not None:
            kept += ((name, value),)
        return ListQuery(self.search, self.sort_key, self.descending, kept)


@dataclass
class ListSpec(Generic[RowT]):
    """One list: FROM clause, columns, and how search, sort keys and filters are written.

    ``deleted`` is the trash marker of the main table (rows with a value are never listed).
    Sort keys map to SQL expressions; the id always breaks ties so pages are stable.
    """

    from_clause: FromClause
    id_column: Any
    columns: Sequence[Any]
    to_row: Callable[[Row[Any]], RowT]
    search_term: SearchBuilder
    sort_keys: Mapping[str, Sequence[Any]]
    default_sort: str
    deleted: Any = None
    filters: Mapping[str, FilterBuilder] = field(default_factory=dict)

    def conditions(self, query: ListQuery) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if self.deleted is not None:
            conds.append(self.deleted.is_(None))
        for term in search_terms(query.search):
            conds.append(self.search_term(term))
        for name, value in query.filters:
            builder = self.filters.get(name)
            if builder is not None:
                conds.append(builder(value))
        return conds

    def order_by(self, query: ListQuery) -> list[Any]:
        exprs = self.sort_keys.get(query.sort_key) or self.sort_keys[self.default_sort]
        ordered = [e.desc() if query.descending else e.asc() for e in exprs]
        ordered.append(self.id_column.desc() if query.descending else self.id_column.asc())
        return ordered

    def count(self, session: Session, query: ListQuery) -> int:
        stmt = (
            select(func.count(self.id_column))
            .select_from(self.from_clause)
            .where(*self.conditions(query))
        )
        return int(session.execute(stmt).scalar_one())

    def fetch(self, session: Session, query: ListQuery, offset: int, limit: int) -> list[RowT]:
        stmt = (
            select(*self.columns)
            .select_from(self.from_clause)
            .where(*self.conditions(query))
            .order_by(*self.order_by(query))
            .offset(offset)
            .limit(limit)
        )
        return [self.to_row(row) for row in session.execute(stmt)]

    def row_of(self, session: Session, query: ListQuery, record_id: int) -> int | None:
        """Position (0-based) of a record in the filtered, sorted list, or None if absent."""
        numbered = (
            select(
                self.id_column.label("rid"),
                func.row_number().over(order_by=self.order_by(query)).label("rn"),
            )
            .select_from(self.from_clause)
            .where(*self.conditions(query))
            .subquery()
        )
        found = session.execute(
            select(numbered.c.rn).where(numbered.c.rid == record_id)
        ).scalar_one_or_none()
        return None if found is None else int(found) - 1


# People -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    name_zh: str
    organization: str
    title: str
    email: str
    family_name: str = ""
    given_name: str = ""


def _current_position_column(column: Any) -> Any:
    """The person's first current position's ``column`` (title or organization name)."""
    pos = aliased(Position)
    org = aliased(Organization)
    return (
        select(column(pos, org))
        .select_from(pos)
        .outerjoin(org, org.id == pos.organization_id)
        .where(pos.person_id == Person.id, pos.is_current.is_(True), pos.deleted_at.is_(None))
        .order_by(pos.sort_order, pos.id)
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )


def _person_search(term: str) -> ColumnElement[bool]:
    pos = aliased(Position)
    org = aliased(Organization)
    in_positions = exists(
        select(pos.id)
        .select_from(pos)
        .outerjoin(org, org.id == pos.organization_id)
        .where(
            pos.person_id == Person.id,
            pos.deleted_at.is_(None),
            or_(
                contains(pos.title, term),
                contains(org.name, term),
                contains(org.acronym, term),
                contains(org.name_zh, term),
            ),
        )
        .correlate(Person)
    )
    return or_(
        contains(Person.family_name, term),
        contains(Person.given_name, term),
        contains(Person.name_zh, term),
        contains(Person.email, term),
        in_positions,
    )


_current_title = _current_position_column(lambda pos, org: pos.title).label("current_title")
_current_org = _current_position_column(lambda pos, org: org.name).label("current_org")


def _person_row(row: Row[Any]) -> PersonRow:
    return PersonRow(
        id=row.id,
        name=format_name(row.honorific, row.family_name, row.given_name, row.name_order),
        name_zh=row.name_zh or "",
        organization=row.current_org or "",
        title=row.current_title or "",
        email=row.email or "",
        family_name=row.family_name,
        given_name=row.given_name or "",
    )


PEOPLE: ListSpec[PersonRow] = ListSpec(
    from_clause=Person.__table__,
    id_column=Person.id,
    columns=(
        Person.id,
        Person.honorific,
        Person.family_name,
        Person.given_name,
        Person.name_order,
        Person.name_zh,
        Person.email,
        _current_title,
        _current_org,
    ),
    to_row=_person_row,
    search_term=_person_search,
    sort_keys={
        "name": (func.lower(Person.family_name), func.lower(Person.given_name)),
        "name_zh": (Person.name_zh,),
        "organization": (_current_org,),
        "title": (_current_title,),
        "email": (func.lower(Person.email),),
    },
    default_sort="name",
    deleted=Person.deleted_at,
)


# Organizations ------------------------------------------------------------------------

_parent = aliased(Organization, name="parent_org")


@dataclass(frozen=True)
class OrganizationRow:
    id: int
    name: str
    acronym: str
    kind: str
    parent: str
    city: str
    name_zh: str = ""


def _kind_label(value: str) -> str:
    try:
        return OrgKind(value).label
    except ValueError:
        return value


def _organization_row(row: Row[Any]) -> OrganizationRow:
    return OrganizationRow(
        id=row.id,
        name=row.name,
        acronym=row.acronym or "",
        kind=_kind_label(row.kind),
        parent=row.parent_name or "",
        city=row.city or "",
        name_zh=row.name_zh or "",
    )


def _organization_search(term: str) -> ColumnElement[bool]:
    return or_(
        contains(Organization.name, term),
        contains(Organization.acronym, term),
        contains(Organization.name_zh, term),
        contains(Organization.city, term),
        contains(_parent.name, term),
    )


ORGANIZATIONS: ListSpec[OrganizationRow] = ListSpec(
    from_clause=Organization.__table__.outerjoin(_parent, _parent.id == Organization.parent_id),
    id_column=Organization.id,
    columns=(
        Organization.id,
        Organization.name,
        Organization.acronym,
        Organization.name_zh,
        Organization.kind,
        Organization.city,
        _parent.name.label("parent_name"),
    ),
    to_row=_organization_row,
    search_term=_organization_search,
    sort_keys={
        "name": (func.lower(Organization.name),),
        "acronym": (func.lower(Organization.acronym),),
        "kind": (Organization.kind,),
        "parent": (func.lower(_parent.name),),
        "city": (func.lower(Organization.city),),
    },
    default_sort="name",
    deleted=Organization.deleted_at,
    filters={"kind": lambda value: Organization.kind == value},
)


# Lookups ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One entry of a lookup: the record id, the text shown and a grey detail."""

    id: int
    label: str
    detail: str = ""


def _organization_choice_label(name: str, acronym: str | None) -> str:
    return f"{name} ({acronym})" if acronym else name


def organization_choices(
    session: Session, text: str, limit: int = 20, exclude_id: int | None = None
) -> list[Choice]:
    """Organizations whose name, acronym or Chinese name contain every typed word."""
    parent = aliased(Organization)
    stmt = (
        select(
            Organization.id,
            Organization.name,
            Organization.acronym,
            Organization.name_zh,
            parent.name.label("parent_name"),
        )
        .select_from(Organization)
        .outerjoin(parent, parent.id == Organization.parent_id)
        .where(Organization.deleted_at.is_(None))
    )
    for term in search_terms(text):
        stmt = stmt.where(
            or_(
                contains(Organization.name, term),
                contains(Organization.acronym, term),
                contains(Organization.name_zh, term),
            )
        )
    if exclude_id is not None:
        stmt = stmt.where(Organization.id != exclude_id)
    wanted = text.strip().lower()
    # Exact acronym first, then names that start with the text, then the rest.
    rank: Any = literal(0)
    if wanted:
        rank = case(
            (func.lower(func.coalesce(Organization.acronym, "")) == wanted, 0),
            (func.lower(Organization.name).like(like_pattern(wanted)[1:], escape="\\"), 1),
            else_=2,
        )
    stmt = stmt.order_by(rank, func.lower(Organization.name), Organization.id).limit(limit)
    choices = []
    for row in session.execute(stmt):
        detail = " · ".join(p for p in (row.name_zh, row.parent_name) if p)
        choices.append(Choice(row.id, _organization_choice_label(row.name, row.acronym), detail))
    return choices


def organization_label(session: Session, organization_id: int) -> str:
    row = session.execute(
        select(Organization.name, Organization.acronym).where(Organization.id == organization_id)
    ).one_or_none()
    return "" if row is None else _organization_choice_label(row.name, row.acronym)


def person_choices(
    session: Session, text: str, limit: int = 20, exclude_id: int | None = None
) -> list[Choice]:
    """People whose name, Chinese name, email, titles or organizations contain every word."""
    stmt = select(
        Person.id,
        Person.honorific,
        Person.family_name,
        Person.given_name,
        Person.name_order,
        Person.name_zh,
        _current_title,
        _current_org,
    ).where(Person.deleted_at.is_(None))
    for term in search_terms(text):
        stmt = stmt.where(_person_search(term))
    if exclude_id is not None:
        stmt = stmt.where(Person.id != exclude_id)
    terms = search_terms(text)
    # Names that start with the first word typed come first (typing "zh" wants ZHANG and
    # ZHU before someone whose organization is in Shenzhen), then names containing it,
    # then matches on titles and organizations only.
    rank: Any = literal(0)
    if terms:
        starts = like_pattern(terms[0])[1:]
        name_columns = (Person.family_name, Person.given_name, Person.name_zh)
        rank = case(
            (or_(*(c.like(starts, escape="\\") for c in name_columns)), 0),
            (or_(*(contains(c, terms[0]) for c in name_columns)), 1),
            else_=2,
        )
    stmt = stmt.order_by(
        rank, func.lower(Person.family_name), func.lower(Person.given_name), Person.id
    ).limit(limit)
    choices = []
    for row in session.execute(stmt):
        name = format_name(row.honorific, row.family_name, row.given_name, row.name_order)
        if row.name_zh:
            name = f"{name} ({row.name_zh})"
        detail = ", ".join(p for p in (row.current_title, row.current_org) if p)
        choices.append(Choice(row.id, name, detail))
    return choices


def person_label(session: Session, person_id: int) -> str:
    row = session.execute(
        select(Person.honorific, Person.family_name, Person.given_name, Person.name_order).where(
            Person.id == person_id
        )
    ).one_or_none()
    return "" if row is None else format_name(*row)


# Read-only lists shown in forms --------------------------------------------------------


@dataclass(frozen=True)
class EventLine:
    id: int
    start_date: dt.date
    title: str
    role: str


def _role_label(value: str, enum_cls: type[OrgRole] | type[ParticipantRole]) -> str:
    try:
        return enum_cls(value).label
    except ValueError:
        return value


def _event_lines(
    session: Session,
    link: Any,
    column: Any,
    record_id: int,
    roles: type[OrgRole] | type[ParticipantRole],
) -> list[EventLine]:
    """Events linked to a record through ``link`` (participant or organization role),
    newest first, with the role as the user reads it; trashed rows left out."""
    rows = session.execute(
        select(Event.id, Event.start_date, Event.title, link.role)
        .join(link, link.event_id == Event.id)
        .where(column == record_id, Event.deleted_at.is_(None), link.deleted_at.is_(None))
        .order_by(Event.start_date.desc(), Event.id.desc())
    ).all()
    return [EventLine(r.id, r.start_date, r.title, _role_label(r.role, roles)) for r in rows]


def person_events(session: Session, person_id: int) -> list[EventLine]:
    """The events a person took part in, newest first."""
    return _event_lines(
        session, EventParticipant, EventParticipant.person_id, person_id, ParticipantRole
    )


def organization_events(session: Session, organization_id: int) -> list[EventLine]:
    """The events an organization had a role in, newest first."""
    return _event_lines(
        session, EventOrganization, EventOrganization.organization_id, organization_id, OrgRole
    )


@dataclass(frozen=True)
class SubUnitLine:
    id: int
    name: str
    acronym: str


def organization_sub_units(session: Session, organization_id: int) -> list[SubUnitLine]:
    rows = session.execute(
        select(Organization.id, Organization.name, Organization.acronym)
        .where(Organization.parent_id == organization_id, Organization.deleted_at.is_(None))
        .order_by(func.lower(Organization.name))
    ).all()
    return [SubUnitLine(r.id, r.name, r.acronym or "") for r in rows]


@dataclass(frozen=True)
class HolderLine:
    person_id: int
    name: str
    title: str
    is_current: bool


def organization_people(session: Session, organization_id: int) -> list[HolderLine]:
    """People holding (or who held) positions at the organization: current ones first."""
    rows = session.execute(
        select(
            Person.id,
            Person.honorific,
            Person.family_name,
            Person.given_name,
            Person.name_order,
            Position.title,
            Position.is_current,
        )
        .join(Position, Position.person_id == Person.id)
        .where(
            Position.organization_id == organization_id,
            Position.deleted_at.is_(None),
            Person.deleted_at.is_(None),
        )
        .order_by(Position.is_current.desc(), func.lower(Person.family_name), Person.id)
    ).all()
    return [
        HolderLine(
            r.id,
            format_name(r.honorific, r.family_name, r.given_name, r.name_order),
            r.title,
            bool(r.is_current),
        )
        for r in rows
    ]


def organizations_by_id(session: Session, ids: Sequence[int]) -> dict[int, Organization]:
    """Organizations (with their parents loaded on access) for phrasing; empty ids -> {}."""
    if not ids:
        return {}
    objs = session.scalars(select(Organization).where(Organization.id.in_(list(ids)))).all()
    return {o.id: o for o in objs}
