"""SQLAlchemy ORM classes: the tables of a Forum Desk database (and nothing else)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class StrEnum(enum.StrEnum):
    """An enum whose values are the strings stored in the database."""

    @property
    def label(self) -> str:
        """Human label: 'think_tank' -> 'Think tank'."""
        return self.value.replace("_", " ").capitalize()


class OrgKind(StrEnum):
    THINK_TANK = "think_tank"
    UNIVERSITY = "university"
    GOVERNMENT_BODY = "government_body"
    PARTY_BODY = "party_body"
    COMPANY = "company"
    INDUSTRY_ASSOCIATION = "industry_association"
    FOUNDATION = "foundation"
    MEDIA = "media"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    OTHER = "other"


class ParentStyle(StrEnum):
    """How a sub-unit is written under its parent in running text."""

    STANDALONE = "standalone"  # "Shenzhen Foreign Affairs Office"
    POSSESSIVE = "possessive"  # "Tsinghua University’s Institute for AI International Governance"
    OF = "of"  # "the Office of the Foreign Affairs Commission of the CPC Central Committee"
    AT = "at"  # "the School of International Relations at Nanjing University"


class NameOrder(StrEnum):
    FAMILY_FIRST = "family_first"  # CHEN Xiaogong
    GIVEN_FIRST = "given_first"  # John SMITH


class Phrasing(StrEnum):
    """How a position's title is joined to its organization."""

    TITLE_OF = "title_of"  # "Secretary General of China Forum"
    TITLE_AT = "title_at"  # "Head of Corporate Cooperation at China Forum"
    ORG_TITLE = "org_title"  # "China Forum Expert"
    TITLE_ONLY = "title_only"  # "Independent Scholar"


class EventKind(StrEnum):
    SEMINAR = "seminar"
    ROUNDTABLE = "roundtable"
    CONFERENCE = "conference"
    FORUM = "forum"
    WORKSHOP = "workshop"
    DIALOGUE = "dialogue"
    LECTURE = "lecture"
    MEETING = "meeting"
    VISIT = "visit"
    OTHER = "other"


class OrgRole(StrEnum):
    HOST = "host"
    CO_HOST = "co_host"
    ORGANIZER = "organizer"
    CO_ORGANIZER = "co_organizer"
    SUPPORTER = "supporter"
    SPONSOR = "sponsor"
    PARTICIPATING = "participating"

    @property
    def label(self) -> str:
        return {"co_host": "Co-host", "co_organizer": "Co-organizer"}.get(
            self.value,
            "Participating organization" if self is OrgRole.PARTICIPATING else super().label,
        )


class ParticipantRole(StrEnum):
    PANELIST = "panelist"
    SPEAKER = "speaker"
    KEYNOTE_SPEAKER = "keynote_speaker"
    MODERATOR = "moderator"
    CHAIR = "chair"
    GUEST = "guest"
    ATTENDEE = "attendee"


class ReleaseStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"


class DateStyle(StrEnum):
    MONTH_DAY = "month_day"  # November 19, 2021
    DAY_MONTH = "day_month"  # 19 November 2021


def _enum_values(enum_cls: type[enum.Enum]) -> str:
    return ", ".join(repr(m.value) for m in enum_cls)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Stamped:
    """Created/updated timestamps and an optimistic-lock version: every table but the log."""

    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime,
        nullable=False,
        server_default=func.current_timestamp(),
        onupdate=func.current_timestamp(),
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # A stale save (someone else saved since we loaded) raises StaleDataError.
        return {"version_id_col": cls.version}


class Tracked(Stamped):
    """Stamped, plus the trash marker of the records staff delete and restore."""

    # Set when the record is moved to the Trash; rows with a value are hidden from lists,
    # lookups and releases.  ``trash_batch`` groups rows trashed together so that restore
    # brings back a record with its links.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    trash_batch: Mapped[str | None] = mapped_column(String(36), nullable=True)


class Organization(Tracked, Base):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    acronym: Mapped[str | None] = mapped_column(String(40))
    # Lower-cased acronym, unique when set: the case-insensitive uniqueness rule in SQL.
    acronym_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    name_zh: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40), nullable=False, default=OrgKind.OTHER.value)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    parent_style: Mapped[str] = mapped_column(
        String(20), nullable=False, default=ParentStyle.STANDALONE.value
    )
    takes_the: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    city: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str | None] = mapped_column(String(120))
    website: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Organization | None] = relationship(
        remote_side="Organization.id", back_populates="children"
    )
    children: Mapped[list[Organization]] = relationship(back_populates="parent")
    positions: Mapped[list[Position]] = relationship(back_populates="organization")


class Person(Tracked, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    honorific: Mapped[str | None] = mapped_column(String(60))
    family_name: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    given_name: Mapped[str | None] = mapped_column(String(120))
    name_order: Mapped[str] = mapped_column(
        String(20), nullable=False, default=NameOrder.FAMILY_FIRST.value
    )
    name_zh: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)

    positions: Mapped[list[Position]] = relationship(
        back_populates="person", order_by="Position.sort_order", cascade="all, delete-orphan"
    )


class Position(Tracked, Base):
    """A person's title at an organization.  "Former" is derived, never typed."""

    __tablename__ = "position"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    phrasing: Mapped[str] = mapped_column(
        String(20), nullable=False, default=Phrasing.TITLE_OF.value
    )
    # Partial ISO dates: "2019", "2019-06" or "2019-06-30".
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))
    is_current: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    person: Mapped[Person] = relationship(back_populates="positions")
    organization: Mapped[Organization | None] = relationship(back_populates="positions")


class Event(Tracked, Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    # Whether running text writes "the Seminar on …".
    title_takes_the: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False, default=EventKind.SEMINAR.value)
    start_date: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    city: Mapped[str | None] = mapped_column(String(120))
    venue: Mapped[str | None] = mapped_column(String(300))
    attendance_note: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    organizations: Mapped[list[EventOrganization]] = relationship(
        back_populates="event",
        order_by="EventOrganization.sort_order",
        cascade="all, delete-orphan",
    )
    participants: Mapped[list[EventParticipant]] = relationship(
        back_populates="event",
        order_by="EventParticipant.sort_order",
        cascade="all, delete-orphan",
    )


class EventOrganization(Tracked, Base):
    __tablename__ = "event_organization"
    __table_args__ = (UniqueConstraint("event_id", "organization_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), nullable=False, index=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    role: Mapped[str] = mapped_column(String(30), nullable=False, default=OrgRole.HOST.value)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    event: Mapped[Event] = relationship(back_populates="organizations")
    organization: Mapped[Organization] = relationship()


class EventParticipant(Tracked, Base):
    __tablename__ = "event_participant"
    __table_args__ = (UniqueConstraint("event_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), nullable=False, index=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    role: Mapped[str] = mapped_column(
        String(30), nullable=False, default=ParticipantRole.PANELIST.value
    )
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # Free text that replaces the cited positions when set.
    affiliation: Mapped[str | None] = mapped_column(Text)

    event: Mapped[Event] = relationship(back_populates="participants")
    person: Mapped[Person] = relationship()
    cited: Mapped[list[CitedPosition]] = relationship(
        back_populates="participant",
        order_by="CitedPosition.sort_order",
        cascade="all, delete-orphan",
    )


class CitedPosition(Stamped, Base):
    """A position cited for a participant at one event (in the order they are cited)."""

    __tablename__ = "cited_position"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participant.id", ondelete="CASCADE"), primary_key=True
    )
    position_id: Mapped[int] = mapped_column(
        ForeignKey("position.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    participant: Mapped[EventParticipant] = relationship(back_populates="cited")
    position: Mapped[Position] = relationship()


class PressRelease(Tracked, Base):
    __tablename__ = "press_release"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="RESTRICT"), index=True
    )
    headline: Mapped[str] = mapped_column(String(500), nullable=False)
    publication_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(
        String(20), nullable=False, default=ReleaseStatus.DRAFT.value
    )
    language: Mapped[str] = mapped_column(String(10), nullable=False, default="en")
    series: Mapped[str | None] = mapped_column(String(120), index=True)
    # Name of the lead template in resources/templates (e.g. "house_hosts").
    template: Mapped[str] = mapped_column(String(60), nullable=False, default="house_hosts")
    # The paragraphs staff write by hand, separated by blank lines.
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # A hand-edited lead that replaces the generated one for this release (None = generated).
    lead_override: Mapped[str | None] = mapped_column(Text)
    # Set on publication: the composed document as JSON, so later edits of people,
    # positions or organizations no longer change a published release.
    frozen_document: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    event: Mapped[Event | None] = relationship()


class Honorific(Stamped, Base):
    """The editable list of honorifics offered in the person form."""

    __tablename__ = "honorific"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class HouseStyle(Stamped, Base):
    """One row: the secretariat's house style."""

    __tablename__ = "house_style"

    id: Mapped[int] = mapped_column(primary_key=True)
    house_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL")
    )
    family_name_caps: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    serial_comma: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    date_style: Mapped[str] = mapped_column(
        String(20), nullable=False, default=DateStyle.MONTH_DAY.value
    )
    page_size: Mapped[str] = mapped_column(String(10), nullable=False, default="A4")
    margin_mm: Mapped[int] = mapped_column(Integer, nullable=False, default=25)
    default_series: Mapped[str | None] = mapped_column(String(120))

    house_organization: Mapped[Organization | None] = relationship()


class ChangeLog(Base):
    """One saved change: who, when, which record, which fields from what to what.

    Append-only: ``at`` is its timestamp, and it is never edited, so it has no version."""

    __tablename__ = "change_log"
    # History lookups go by record (migration 0002).
    __table_args__ = (Index("ix_change_log_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp(), index=True
    )
    user: Mapped[str] = mapped_column(String(120), nullable=False)
    table_name: Mapped[str] = mapped_column(String(60), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    # insert, update, trash, restore, revert
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    # JSON: {"field": [old, new], ...}
    changes: Mapped[str] = mapped_column(Text, nullable=False, default="{}")


TRACKED_TABLES: tuple[type[Tracked], ...] = (
    Organization,
    Person,
    Position,
    Event,
    EventOrganization,
    EventParticipant,
    PressRelease,
)
