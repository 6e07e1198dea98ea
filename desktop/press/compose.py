"""Compose a release from records: the generated lead, the written paragraphs, the series.

Entry points for the GUI (all take a SQLAlchemy session to look records up, never write):

- ``compose_release(session, release_id)``: a saved release, as it reads now (a published
  release from its frozen document, with live Last / Next).
- ``compose_release_record(session, record, event=None)``: the live preview of a release
  being edited (unsaved ``ReleaseRecord``, optionally with an unsaved ``EventRecord``).
- ``compose_lead(session, event, style, template)``: the generated first paragraph of an
  unsaved ``EventRecord`` (the Events form's preview strip), as text and HTML.
- ``participant_lines`` / ``participant_line``: "Mr. CAO Cong, Secretary General of SFICE"
  exactly as in this event's release (acronyms introduced earlier in the lead).
- ``organization_mentions`` / ``position_reading``: for the Organizations and People forms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import repository
from db.errors import ForumDeskError, NotFoundError
from db.models import (
    Event,
    EventKind,
    EventParticipant,
    Organization,
    OrgRole,
    ParticipantRole,
    Person,
    ReleaseStatus,
)
from db.records import (
    EventRecord,
    HouseStyleRecord,
    OrganizationRecord,
    ParticipantRecord,
    PersonRecord,
    PositionRecord,
    ReleaseRecord,
)
from desktop.press import phrases, render, series
from desktop.press.document import Paragraph, ReleaseDocument
from desktop.press.phrases import Directory, Mentions

_BLANK_LINES = re.compile(r"\n[ \t]*\n")

_KIND_NOUNS = {EventKind.OTHER.value: "event"}
_SPEAKER_ROLES = (ParticipantRole.KEYNOTE_SPEAKER.value, ParticipantRole.SPEAKER.value)
_MODERATOR_ROLES = (ParticipantRole.MODERATOR.value, ParticipantRole.CHAIR.value)


class SessionDirectory:
    """A Directory reading through a session, in bulk where it can (``preload``): a few
    queries per release however many people and organizations it names.  Trashed records
    count as absent."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._orgs: dict[int, OrganizationRecord | None] = {}
        self._people: dict[int, PersonRecord | None] = {}

    def _load_orgs(self, ids: Iterable[int]) -> None:
        """Read organizations and, level by level, their parents."""
        wanted = {i for i in ids if i not in self._orgs}
        while wanted:
            rows = self.session.scalars(
                select(Organization).where(
                    Organization.id.in_(wanted), Organization.deleted_at.is_(None)
                )
            ).all()
            for obj in rows:
                self._orgs[obj.id] = repository.organization_record(obj)
            for org_id in wanted:
                self._orgs.setdefault(org_id, None)
            wanted = {
                o.parent_id
                for o in rows
                if o.parent_id is not None and o.parent_id not in self._orgs
            }

    def organization(self, organization_id: int) -> OrganizationRecord | None:
        if organization_id not in self._orgs:
            self._load_orgs([organization_id])
        return self._orgs[organization_id]

    def preload(self, person_ids: Iterable[int], organization_ids: Iterable[int] = ()) -> None:
        """Read these people with their positions, and the organizations they and
        ``organization_ids`` refer to, in a handful of queries."""
        wanted = [i for i in set(person_ids) if i not in self._people]
        org_ids = set(organization_ids)
        if wanted:
            rows = self.session.scalars(
                select(Person)
                .where(Person.id.in_(wanted), Person.deleted_at.is_(None))
                .options(selectinload(Person.positions))
            ).all()
            for obj in rows:
                record = repository.person_record(obj)
                self._people[obj.id] = record
                org_ids.update(
                    p.organization_id for p in record.positions if p.organization_id is not None
                )
            for person_id in wanted:
                self._people.setdefault(person_id, None)
        self._load_orgs(org_ids)

    def person(self, person_id: int) -> PersonRecord | None:
        if person_id not in self._people:
            self.preload([person_id])
        return self._people[person_id]


def load_event(session: Session, event_id: int) -> EventRecord:
    """repository.get_event, with the event's rows read in a few queries."""
    obj = session.scalars(
        select(Event)
        .where(Event.id == event_id, Event.deleted_at.is_(None))
        .options(
            selectinload(Event.organizations),
            selectinload(Event.participants).selectinload(EventParticipant.cited),
        )
    ).first()
    if obj is None:
        raise NotFoundError("This event no longer exists; it may have been deleted.")
    return repository.event_record(obj)


@dataclass(frozen=True)
class _Overlay:
    """A Directory with some unsaved records laid over another."""

    base: Directory
    organizations: Mapping[int, OrganizationRecord] = field(default_factory=dict)

    def organization(self, organization_id: int) -> OrganizationRecord | None:
        found = self.organizations.get(organization_id)
        return found if found is not None else self.base.organization(organization_id)

    def person(self, person_id: int) -> PersonRecord | None:
        return self.base.person(person_id)


def _directory(source: Session | Directory, event: EventRecord | None = None) -> Directory:
    if not isinstance(source, Session):
        return source
    directory = SessionDirectory(source)
    if event is not None:
        directory.preload(
            (p.person_id for p in event.participants),
            (o.organization_id for o in event.organizations),
        )
    return directory


# The lead -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Lead:
    """The generated first paragraph.  ``text`` is plain, ``html`` escaped for an HTML
    view; ``lines`` maps each person in it to their line ("Mr. CAO Cong, Secretary General
    of SFICE") as written there."""

    text: str
    html: str
    lines: Mapping[int, str]


class _LeadContext:
    """What a lead template may use: facts as values, and ``orgs``/``people`` that write
    organizations and people in order of appearance (so acronyms are introduced once)."""

    def __init__(
        self,
        event: EventRecord,
        directory: Directory,
        style: HouseStyleRecord,
        mentions: Mentions,
        publication_date: dt.date | None,
    ) -> None:
        self.directory = directory
        self.style = style
        self.mentions = mentions
        self.on = event.start_date or dt.date.today()
        self.lines: dict[int, str] = {}
        self.event = event
        self.publication_date = publication_date

    def orgs(self, ids: Sequence[int]) -> str:
        texts = [self.mentions.org(i) for i in ids]
        return phrases.join_list(texts, serial_comma=self.style.serial_comma)

    def people(self, participants: Sequence[ParticipantRecord]) -> str:
        texts = []
        for part in participants:
            line = phrases.participant_line(
                part, self.on, self.directory, self.mentions, self.style
            )
            self.lines.setdefault(part.person_id, line)
            texts.append(line)
        return phrases.join_list(texts, serial_comma=self.style.serial_comma)

    def values(self) -> dict[str, Any]:
        event = self.event
        directory = self.directory

        def orgs_in(*roles: str) -> list[int]:
            return [
                o.organization_id
                for o in event.organizations
                if o.role in roles and directory.organization(o.organization_id) is not None
            ]

        def people_in(*roles: str) -> list[ParticipantRecord]:
            return [
                p
                for p in event.participants
                if p.role in roles and directory.person(p.person_id) is not None
            ]

        title = phrases.normalize_space(event.title)
        return {
            "date": phrases.event_dates(
                event.start_date,
                event.end_date,
                publication_date=self.publication_date,
                date_style=self.style.date_style,
            ),
            "when": phrases.event_when(
                event.start_date,
                event.end_date,
                publication_date=self.publication_date,
                date_style=self.style.date_style,
            ),
            "event": f"the {title}" if title and event.title_takes_the else title,
            "kind": _KIND_NOUNS.get(event.kind, event.kind.replace("_", " ")),
            "city": phrases.normalize_space(event.city),
            "venue": phrases.normalize_space(event.venue),
            "attendance": phrases.normalize_space(event.attendance_note).rstrip("."),
            "hosts": orgs_in(OrgRole.HOST.value),
            "co_hosts": orgs_in(OrgRole.CO_HOST.value),
            "organizers": orgs_in(OrgRole.ORGANIZER.value),
            "co_organizers": orgs_in(OrgRole.CO_ORGANIZER.value),
            "supporters": orgs_in(OrgRole.SUPPORTER.value, OrgRole.SPONSOR.value),
            "participating": orgs_in(OrgRole.PARTICIPATING.value),
            "panelists": people_in(ParticipantRole.PANELIST.value),
            "speakers": people_in(*_SPEAKER_ROLES),
            "moderators": people_in(*_MODERATOR_ROLES),
            "orgs": self.orgs,
            "people": self.people,
        }


def compose_lead(
    source: Session | Directory,
    event: EventRecord,
    style: HouseStyleRecord,
    template: str = "house_hosts",
    *,
    publication_date: dt.date | None = None,
    html: bool = True,
    later_text: str = "",
) -> Lead:
    """The generated first paragraph for an event record, saved or not.

    ``source`` is a session (records are looked up through it) or any Directory.  Without
    a ``publication_date`` the year is shown only for an event spanning two years.
    ``later_text`` is what follows the lead (the written paragraphs): an organization the
    lead names once is introduced with its acronym when that text uses the acronym.
    Raises render.TemplateError (a ForumDeskError) for an unknown template.
    """
    directory = _directory(source, event)
    # Pass 1 counts mentions: an acronym never used a second time is not introduced.
    counting = Mentions(directory, introduce=None)
    render.render_lead(
        template, _LeadContext(event, directory, style, counting, publication_date).values()
    )
    introduce = counting.used_twice() | _used_later(counting, directory, later_text)
    final = _LeadContext(event, directory, style, Mentions(directory, introduce), publication_date)
    text = phrases.normalize_space(render.render_lead(template, final.values()))
    html_text = ""
    if html:
        html_context = _LeadContext(
            event, directory, style, Mentions(directory, introduce), publication_date
        )
        html_text = phrases.normalize_space(
            render.render_lead(template, html_context.values(), html=True)
        )
    return Lead(text=text, html=html_text, lines=dict(final.lines))


def _used_later(counting: Mentions, directory: Directory, text: str) -> frozenset[int]:
    """Organizations the lead names once whose acronym the later text uses as a word."""
    if not text.strip():
        return frozenset()
    used = set()
    for org_id in counting.counts:
        org = directory.organization(org_id)
        acronym = org.acronym.strip() if org is not None else ""
        if acronym and re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            used.add(org_id)
    return frozenset(used)


def participant_lines(
    source: Session | Directory,
    event: EventRecord,
    style: HouseStyleRecord,
    template: str = "house_hosts",
    *,
    publication_date: dt.date | None = None,
) -> dict[int, str]:
    """person id → "Mr. CAO Cong, Secretary General of SFICE" as in this event's release.

    People the lead template does not name (guests, attendees) get their line as it would
    read on its own (no acronym introduced)."""
    directory = _directory(source, event)
    lead = compose_lead(
        directory, event, style, template, publication_date=publication_date, html=False
    )
    lines = dict(lead.lines)
    on = event.start_date or dt.date.today()
    for part in event.participants:
        if part.person_id not in lines:
            lines[part.person_id] = phrases.participant_line(
                part, on, directory, Mentions(directory), style
            )
    return lines


def participant_line(
    source: Session | Directory,
    event: EventRecord,
    person_id: int,
    style: HouseStyleRecord,
    template: str = "house_hosts",
    *,
    publication_date: dt.date | None = None,
) -> str:
    """One participant's line as it will appear in this event's release ("" if absent)."""
    lines = participant_lines(source, event, style, template, publication_date=publication_date)
    return lines.get(person_id, "")


@dataclass(frozen=True)
class OrganizationMentions:
    """How an organization reads in running text: ``first`` the first mention, ``later``
    every later one (they are equal for an organization without an acronym)."""

    first: str
    later: str


def organization_mentions(
    source: Session | Directory, organization: int | OrganizationRecord
) -> OrganizationMentions:
    """("Tsinghua University’s Institute for AI International Governance (I-AIIG)",
    "I-AIIG") for a saved organization (by id) or the record being edited in a form."""
    directory = _directory(source)
    if isinstance(organization, OrganizationRecord):
        key = organization.id if organization.id is not None else -1
        directory = _Overlay(directory, {key: organization})
    else:
        key = organization
    first, later = phrases.first_and_later(key, directory)
    return OrganizationMentions(first, later)


def position_reading(
    source: Session | Directory, position: PositionRecord, as_of: dt.date | None = None
) -> str:
    """A position as a release of an event on ``as_of`` (default today) would cite it,
    organizations in full: "former Deputy Director of the Office of the Foreign Affairs
    Commission of the CPC Central Committee"."""
    return phrases.position_reading(position, as_of or dt.date.today(), _directory(source))


# The release --------------------------------------------------------------------------


def written_paragraphs(text: str, source: str = "written") -> tuple[Paragraph, ...]:
    """Paragraphs separated by blank lines; each kept as typed except for its ends."""
    parts = (p.strip() for p in _BLANK_LINES.split(text.replace("\r\n", "\n")))
    return tuple(
        Paragraph(p, "overridden" if source == "overridden" else "written") for p in parts if p
    )


def compose_release_record(
    session: Session,
    record: ReleaseRecord,
    *,
    event: EventRecord | None = None,
    style: HouseStyleRecord | None = None,
) -> ReleaseDocument:
    """The release as the records say now (the live preview; ignores any frozen text).

    ``event`` replaces the saved event (e.g. one being edited); otherwise the record's
    event is read.  A ``lead_override`` replaces the generated lead."""
    style = style or repository.get_house_style(session)
    if event is None and record.event_id is not None:
        try:
            event = load_event(session, record.event_id)
        except NotFoundError:
            event = None
    paragraphs: tuple[Paragraph, ...] = ()
    if record.lead_override is not None and record.lead_override.strip():
        paragraphs = written_paragraphs(record.lead_override, "overridden")
    elif event is not None:
        lead = compose_lead(
            session,
            event,
            style,
            record.template,
            publication_date=record.publication_date,
            html=False,
            later_text=record.body,
        )
        if lead.text:
            paragraphs = (Paragraph(lead.text, "generated"),)
    paragraphs += written_paragraphs(record.body)
    last, following = series.neighbours(
        session,
        release_id=record.id,
        series=record.series,
        publication_date=record.publication_date,
    )
    return ReleaseDocument(
        headline=phrases.normalize_space(record.headline),
        paragraphs=paragraphs,
        publication_date=record.publication_date,
        status=record.status,
        series=record.series,
        language=record.language,
        template=record.template,
        release_id=record.id,
        event_id=record.event_id,
        last=last,
        next=following,
    )


def compose_release(session: Session, release_id: int) -> ReleaseDocument:
    """A saved release as it reads now: published ones from their frozen document (later
    edits of people and organizations do not change them), with live Last / Next."""
    record = repository.get_release(session, release_id)
    if record.status == ReleaseStatus.PUBLISHED.value and record.frozen_document:
        last, following = series.neighbours(
            session,
            release_id=record.id,
            series=record.series,
            publication_date=record.publication_date,
        )
        base = ReleaseDocument(
            headline=record.headline,
            publication_date=record.publication_date,
            status=record.status,
            series=record.series,
            language=record.language,
            template=record.template,
            release_id=record.id,
            event_id=record.event_id,
            last=last,
            next=following,
        )
        try:
            return base.with_frozen(record.frozen_document)
        except ValueError as exc:
            raise ForumDeskError(
                f"The published text of release {release_id} cannot be read; unpublish "
                f"and publish it again to rebuild it."
            ) from exc
    return compose_release_record(session, record)
