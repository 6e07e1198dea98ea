"""Preflight: what would embarrass the secretariat if the release went out as it is.

Qt-free checks over a release (saved or being edited), its event and the composed text:

- a person named in the release with no honorific, or with no position cited;
- a release with no event, or an event with no host;
- an acronym introduced in parentheses but never used again;
- a hand-written paragraph naming an organization in full after its acronym was introduced;
- an event date after the publication date, or no publication date;
- a draft (not approved) release about to be printed or exported as final.

Each finding is one sentence a secretariat user understands, with the field it concerns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import repository
from db.errors import NotFoundError
from db.models import Organization, OrgRole, ParticipantRole, ReleaseStatus
from db.records import EventRecord, HouseStyleRecord, ReleaseRecord
from desktop.press import phrases
from desktop.press.compose import SessionDirectory, compose_release_record
from desktop.press.document import ReleaseDocument

Severity = Literal["problem", "note"]

# "(SFICE)", "(I-AIIG)", "(UN-Habitat)": a parenthesised token that starts with a capital.
_INTRODUCTION = re.compile(r"\((?P<acronym>[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9])\)")
# People the lead names; guests and attendees are not printed.
_NAMED_ROLES = frozenset(
    {
        ParticipantRole.PANELIST.value,
        ParticipantRole.SPEAKER.value,
        ParticipantRole.KEYNOTE_SPEAKER.value,
        ParticipantRole.MODERATOR.value,
        ParticipantRole.CHAIR.value,
    }
)
_READY = frozenset({ReleaseStatus.APPROVED.value, ReleaseStatus.PUBLISHED.value})


@dataclass(frozen=True)
class Finding:
    """One thing to look at before print.  ``field``: what it concerns ("event",
    "publication_date", "body", "lead", "status", "person:3", "organization:2")."""

    severity: Severity
    message: str
    field: str = ""


def _date(day: dt.date) -> str:
    return f"{phrases.MONTHS[day.month - 1]} {day.day}, {day.year}"


def _word(acronym: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])")


def _event_findings(session: Session, event: EventRecord, style: HouseStyleRecord) -> list[Finding]:
    found: list[Finding] = []
    directory = SessionDirectory(session)
    hosts = [
        o
        for o in event.organizations
        if o.role == OrgRole.HOST.value and directory.organization(o.organization_id) is not None
    ]
    if not hosts:
        title = phrases.normalize_space(event.title)
        co_hosts = [
            o
            for o in event.organizations
            if o.role == OrgRole.CO_HOST.value
            and directory.organization(o.organization_id) is not None
        ]
        if co_hosts:
            # The lead still reads ("was co-hosted by …"); what is missing is the host.
            message = (
                f"The event ‘{title}’ has co-hosts but no host, so the lead says only that "
                "it was co-hosted; give one organization the role Host."
            )
        else:
            message = f"The event ‘{title}’ has no host, so the lead cannot say who hosted it."
        found.append(Finding("problem", message, "event"))
    on = event.start_date or dt.date.today()
    for part in event.participants:
        if part.role not in _NAMED_ROLES:
            continue
        person = directory.person(part.person_id)
        if person is None:
            continue
        name = phrases.person_name(person, style) or f"Person {part.person_id}"
        if not person.honorific.strip():
            found.append(
                Finding(
                    "problem",
                    f"{name} has no honorific (Mr., Ms., Dr., Professor …).",
                    f"person:{part.person_id}",
                )
            )
        if part.affiliation.strip():
            continue
        if not part.cited_position_ids:
            held = phrases.positions_as_of(person, on)
            if held:
                message = (
                    f"{name} has no position cited for this event; the release uses the "
                    "positions held on the event date."
                )
            else:
                message = (
                    f"{name} has no position cited for this event, so the release names "
                    "them without a title."
                )
            found.append(Finding("problem", message, f"person:{part.person_id}"))
    return found


def _text_findings(session: Session, doc: ReleaseDocument) -> list[Finding]:
    """Acronyms introduced but unused; organizations in full after their acronym."""
    found: list[Finding] = []
    texts = [p.text for p in doc.paragraphs]
    introductions: dict[str, tuple[int, int]] = {}  # acronym -> (paragraph, offset)
    for index, text in enumerate(texts):
        for match in _INTRODUCTION.finditer(text):
            introductions.setdefault(match.group("acronym"), (index, match.end()))
    if not introductions:
        return found
    organizations = session.execute(
        select(Organization.id, Organization.name, Organization.acronym).where(
            Organization.acronym.in_(list(introductions)), Organization.deleted_at.is_(None)
        )
    ).all()
    for org_id, name, acronym in organizations:
        if not acronym:
            continue
        index, offset = introductions[acronym]
        pattern = _word(acronym)
        later = [texts[index][offset:], *texts[index + 1 :]]
        if not any(pattern.search(text) for text in later):
            found.append(
                Finding(
                    "problem",
                    f"The acronym {acronym} is introduced but never used again; write "
                    f"‘{name}’ without it.",
                    f"organization:{org_id}",
                )
            )
        full = phrases.normalize_space(name)
        if not full:
            continue
        for number, paragraph in enumerate(doc.paragraphs):
            if paragraph.source != "written" and paragraph.source != "overridden":
                continue
            text = paragraph.text if number != index else paragraph.text[offset:]
            if number < index or full not in text:
                continue
            found.append(
                Finding(
                    "problem",
                    f"Paragraph {number + 1} names ‘{full}’ in full after its acronym was "
                    f"introduced; write {acronym}.",
                    "lead" if paragraph.source == "overridden" else "body",
                )
            )
            break
    return found


def preflight(
    session: Session,
    record: ReleaseRecord,
    *,
    event: EventRecord | None = None,
    document: ReleaseDocument | None = None,
    exporting: bool = False,
) -> tuple[Finding, ...]:
    """Every finding for ``record`` (saved or being edited), problems first.

    ``event`` replaces the saved event (one being edited); ``document`` is the composed
    release when the caller already has it (the preview); ``exporting`` adds the warning
    for a release that is not approved yet."""
    style = repository.get_house_style(session)
    found: list[Finding] = []
    if event is None and record.event_id is not None:
        try:
            event = repository.get_event(session, record.event_id)
        except NotFoundError:
            event = None
    if event is None:
        if record.lead_override is None or not record.lead_override.strip():
            found.append(
                Finding(
                    "note",
                    "The release is not linked to an event, so it has no generated lead.",
                    "event",
                )
            )
    else:
        found.extend(_event_findings(session, event, style))
    if record.publication_date is None:
        found.append(Finding("problem", "The release has no publication date.", "publication_date"))
    elif (
        event is not None
        and event.start_date is not None
        and event.start_date > record.publication_date
    ):
        found.append(
            Finding(
                "problem",
                f"The event ({_date(event.start_date)}) is after the publication date "
                f"({_date(record.publication_date)}).",
                "publication_date",
            )
        )
    if not record.headline.strip():
        found.append(Finding("problem", "The release has no headline.", "headline"))
    if document is None:
        document = compose_release_record(session, record, event=event, style=style)
    found.extend(_text_findings(session, document))
    if exporting and record.status not in _READY:
        label = record.status.replace("_", " ")
        found.append(
            Finding(
                "problem",
                f"This release is still {'a draft' if label == 'draft' else label} and not "
                "approved; printed or exported now, it would read as final.",
                "status",
            )
        )
    order = {"problem": 0, "note": 1}
    return tuple(sorted(found, key=lambda f: order[f.severity]))
