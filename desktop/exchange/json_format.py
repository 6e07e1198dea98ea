"""The JSON exchange format: export everything, import all-or-nothing.

The format is documented in docs/exchange-format.md.  Records refer to each other by the
``id`` they have *in the file*; ids are renumbered 1..n on export so that export → import
into an empty database → export gives an identical file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import repository, validation
from db.errors import ForumDeskError, InUseError, ValidationError
from db.models import (
    Event,
    Organization,
    Person,
    PressRelease,
    ReleaseStatus,
)
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
from db.session import Database

FORMAT_NAME = "forumdesk-exchange"
FORMAT_VERSION = 1

# Called for a published release that the file gives without its frozen text.
Freezer = Callable[[Session, int], str]


class ImportProblems(ForumDeskError):
    """The file cannot be imported; ``problems`` lists each with its place in the file."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{path} was not imported ({count} problem{'s' if count != 1 else ''}; nothing was changed):"
        super().__init__(head + "\n" + "\n".join(f"  {p}" for p in problems))


@dataclass(frozen=True)
class ImportSummary:
    organizations: int
    people: int
    events: int
    releases: int

    def __str__(self) -> str:
        return (
            f"{self.organizations} organizations, {self.people} people, "
            f"{self.events} events and {self.releases} releases"
        )


# Export -------------------------------------------------------------------------------


def _stamp(value: dt.datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="seconds") if value else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_document(session: Session) -> dict[str, Any]:
    """Everything in the database as one JSON-ready document."""
    orgs = session.scalars(
        select(Organization).where(Organization.deleted_at.is_(None)).order_by(Organization.id)
    ).all()
    org_ids = {o.id: n for n, o in enumerate(orgs, 1)}
    people = session.scalars(
        select(Person).where(Person.deleted_at.is_(None)).order_by(Person.id)
    ).all()
    person_ids = {p.id: n for n, p in enumerate(people, 1)}
    position_ids: dict[int, int] = {}
    for person in people:
        for position in person.positions:
            if position.deleted_at is None:
                position_ids[position.id] = len(position_ids) + 1
    events = session.scalars(
        select(Event).where(Event.deleted_at.is_(None)).order_by(Event.id)
    ).all()
    event_ids = {e.id: n for n, e in enumerate(events, 1)}
    releases = session.scalars(
        select(PressRelease).where(PressRelease.deleted_at.is_(None)).order_by(PressRelease.id)
    ).all()

    style = repository.get_house_style(session)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "house_style": {
            "house_organization": org_ids.get(style.house_organization_id or -1),
            "family_name_caps": style.family_name_caps,
            "serial_comma": style.serial_comma,
            "date_style": style.date_style,
            "page_size": style.page_size,
            "margin_mm": style.margin_mm,
            "default_series": style.default_series or None,
        },
        "honorifics": repository.honorifics(session),
        "organizations": [
            {
                "id": org_ids[o.id],
                "name": o.name,
                "acronym": o.acronym,
                "name_zh": o.name_zh,
                "kind": o.kind,
                "parent": org_ids.get(o.parent_id) if o.parent_id else None,
                "parent_style": o.parent_style,
                "takes_the": o.takes_the,
                "city": o.city,
                "country": o.country,
                "website": o.website,
                "notes": o.notes,
                "created_at": _stamp(o.created_at),
                "updated_at": _stamp(o.updated_at),
            }
            for o in orgs
        ],
        "people": [
            {
                "id": person_ids[p.id],
                "honorific": p.honorific,
                "family_name": p.family_name,
                "given_name": p.given_name,
                "name_order": p.name_order,
                "name_zh": p.name_zh,
                "email": p.email,
                "phone": p.phone,
                "notes": p.notes,
                "created_at": _stamp(p.created_at),
                "updated_at": _stamp(p.updated_at),
                "positions": [
                    {
                        "id": position_ids[pos.id],
                        "organization": org_ids.get(pos.organization_id)
                        if pos.organization_id
                        else None,
                        "title": pos.title,
                        "phrasing": pos.phrasing,
                        "start_date": pos.start_date,
                        "end_date": pos.end_date,
                        "is_current": pos.is_current,
                    }
                    for pos in p.positions
                    if pos.deleted_at is None
                ],
            }
            for p in people
        ],
        "events": [
            {
                "id": event_ids[e.id],
                "title": e.title,
                "title_takes_the": e.title_takes_the,
                "kind": e.kind,
                "start_date": _day(e.start_date),
                "end_date": _day(e.end_date),
                "city": e.city,
                "venue": e.venue,
                "attendance_note": e.attendance_note,
                "summary": e.summary,
                "notes": e.notes,
                "created_at": _stamp(e.created_at),
                "updated_at": _stamp(e.updated_at),
                "organizations": [
                    {"organization": org_ids[eo.organization_id], "role": eo.role}
                    for eo in e.organizations
                    if eo.deleted_at is None and eo.organization_id in org_ids
                ],
                "participants": [
                    {
                        "person": person_ids[ep.person_id],
                        "role": ep.role,
                        "positions": [
                            position_ids[c.position_id]
                            for c in ep.cited
                            if c.position_id in position_ids
                        ],
                        "affiliation": ep.affiliation,
                    }
                    for ep in e.participants
                    if ep.deleted_at is None and ep.person_id in person_ids
                ],
            }
            for e in events
        ],
        "releases": [
            {
                "id": n,
                "event": event_ids.get(r.event_id) if r.event_id else None,
                "headline": r.headline,
                "publication_date": _day(r.publication_date),
                "status": r.status,
                "language": r.language,
                "series": r.series,
                "template": r.template,
                "body": r.body,
                "lead_override": r.lead_override,
                "frozen_document": json.loads(r.frozen_document) if r.frozen_document else None,
                "published_at": _stamp(r.published_at),
                "created_at": _stamp(r.created_at),
                "updated_at": _stamp(r.updated_at),
            }
            for n, r in enumerate(releases, 1)
        ],
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename: a failed write never truncates ``path``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)  # the file holds personal data
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_data(database: Database, path: Path) -> ImportSummary:
    with database.read() as session:
        document = export_document(session)
    if not Path(path).parent.exists():
        raise ForumDeskError(f"The folder {Path(path).parent} does not exist.")
    write_atomic(Path(path), dumps(document))
    return ImportSummary(
        len(document["organizations"]),
        len(document["people"]),
        len(document["events"]),
        len(document["releases"]),
    )


# Import -------------------------------------------------------------------------------


_REFERENCE_FIELDS = ("organization_id", "person_id", "event_id")


class _Skipped(Exception):
    """A record refers to another that had problems of its own; it is not checked further."""


class _Reader:
    """Checks shapes and types, collecting problems with their place in the file."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, place: str, message: str) -> None:
        self.problems.append(f"{place}: {message}")

    def items(self, doc: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        value = doc.get(key, [])
        if not isinstance(value, list):
            self.problem(key, "must be a list.")
            return []
        out = []
        for n, item in enumerate(value):
            place = f"{key}[{n}]"
            if not isinstance(item, dict):
                self.problem(place, "must be an object.")
                continue
            out.append((place, item))
        return out

    def text(self, item: dict[str, Any], key: str, place: str, required: bool = False) -> str:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(f"{place}.{key}", "is missing.")
            return ""
        if not isinstance(value, str):
            self.problem(f"{place}.{key}", f"must be text, not {json.dumps(value)}.")
            return ""
        return value

    def flag(self, item: dict[str, Any], key: str, place: str, default: bool) -> bool:
        value = item.get(key, default)
        if not isinstance(value, bool):
            self.problem(f"{place}.{key}", "must be true or false.")
            return default
        return value

    def integer(self, item: dict[str, Any], key: str, place: str) -> int | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"{place}.{key}", f"must be a whole number, not {json.dumps(value)}.")
            return None
        return value

    def day(self, item: dict[str, Any], key: str, place: str) -> dt.date | None:
        value = item.get(key)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.problem(
                f"{place}.{key}",
                f"{json.dumps(value, ensure_ascii=False)} is not a date (YYYY-MM-DD).",
            )
            return None

    def stamp(self, item: dict[str, Any], key: str, place: str) -> dt.datetime | None:
        value = item.get(key)
        if value is None:
            return None
        try:
            return dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.problem(f"{place}.{key}", f"{json.dumps(value)} is not a date and time.")
            return None


def read_file(path: Path) -> dict[str, Any]:
    """Parse the file, with one clear sentence for the usual ways a file is wrong."""
    path = Path(path)
    if not path.exists():
        raise ForumDeskError(f"There is no file at {path}.")
    if path.is_dir():
        raise ForumDeskError(f"{path} is a folder, not a Forum Desk data file.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ForumDeskError(
            f"{path} is not a Forum Desk data file (it is not UTF-8 text)."
        ) from exc
    except OSError as exc:
        raise ForumDeskError(f"{path} cannot be read: {exc.strerror}.") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ForumDeskError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ForumDeskError(
            f"{path} is not a Forum Desk data file (its “format” is not {FORMAT_NAME})."
        )
    version = document.get("version")
    if version != FORMAT_VERSION:
        raise ForumDeskError(
            f"{path} uses version {version} of the exchange format; this Forum Desk reads version {FORMAT_VERSION}."
        )
    return document


def _validation_problems(reader: _Reader, place: str, error: ForumDeskError) -> None:
    if isinstance(error, ValidationError):
        for field_error in error.errors:
            reader.problem(f"{place}.{field_error.field}", field_error.message)
    else:
        reader.problem(place, str(error))


def import_document(
    session: Session, document: dict[str, Any], source: str, freezer: Freezer | None = None
) -> ImportSummary:
    """Add the document's records to the database through the session.

    Validates everything; on any problem raises ImportProblems listing them all.  The
    caller's transaction then rolls back, so nothing is written.
    """
    reader = _Reader()
    org_map: dict[int, int] = {}
    person_map: dict[int, int] = {}
    position_map: dict[int, int] = {}
    event_map: dict[int, int] = {}
    stamps: list[tuple[Any, dt.datetime | None, dt.datetime | None]] = []

    # Ids that stand in the file but whose record had problems of its own: a reference to
    # one is not reported again, and the referring record is skipped (``blocked``).
    failed: dict[str, set[int]] = {
        "organization": set(),
        "person": set(),
        "position": set(),
        "event": set(),
    }
    blocked = [False]

    def ref(mapping: dict[int, int], value: Any, place: str, what: str) -> int | None:
        if value is None:
            return None
        if value in failed[what] and not isinstance(value, bool):
            blocked[0] = True
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value not in mapping:
            reader.problem(
                place, f"refers to {what} {json.dumps(value)}, which is not in the file."
            )
            return None
        return mapping[value]

    def file_id(item: dict[str, Any], place: str, seen: set[int]) -> int | None:
        value = reader.integer(item, "id", place)
        if value is None:
            reader.problem(f"{place}.id", "is missing.")
        elif value in seen:
            reader.problem(f"{place}.id", f"{value} is used twice.")
            return None
        else:
            seen.add(value)
        return value

    # Organizations: first without parents (parents may come later in the file).
    org_items = reader.items(document, "organizations")
    seen: set[int] = set()
    pending_parents: list[tuple[str, dict[str, Any], OrganizationRecord]] = []
    for place, item in org_items:
        fid = file_id(item, place, seen)
        record = OrganizationRecord(
            name=reader.text(item, "name", place, required=True),
            acronym=reader.text(item, "acronym", place),
            name_zh=reader.text(item, "name_zh", place),
            kind=reader.text(item, "kind", place) or "other",
            parent_style="standalone",
            takes_the=reader.flag(item, "takes_the", place, False),
            city=reader.text(item, "city", place),
            country=reader.text(item, "country", place),
            website=reader.text(item, "website", place),
            notes=reader.text(item, "notes", place),
        )
        try:
            saved = repository.save_organization(session, record)
        except ForumDeskError as exc:
            _validation_problems(reader, place, exc)
            if fid is not None:
                failed["organization"].add(fid)
            continue
        if fid is not None:
            org_map[fid] = saved.id  # type: ignore[assignment]
        stamps.append(
            (
                session.get(Organization, saved.id),
                reader.stamp(item, "created_at", place),
                reader.stamp(item, "updated_at", place),
            )
        )
        pending_parents.append((place, item, saved))
    for place, item, saved in pending_parents:
        blocked[0] = False
        parent = ref(org_map, item.get("parent"), f"{place}.parent", "organization")
        style = reader.text(item, "parent_style", place) or "standalone"
        if blocked[0] or (parent is None and style == "standalone"):
            continue
        try:
            repository.save_organization(
                session,
                OrganizationRecord(
                    **{
                        **saved.__dict__,
                        "parent_id": parent,
                        "parent_style": style,
                        "version": session.get(Organization, saved.id).version,  # type: ignore[union-attr]
                    }
                ),
            )
        except ForumDeskError as exc:
            _validation_problems(reader, place, exc)

    # People with their positions (position ids are unique across the whole file).
    seen = set()
    seen_positions: set[int] = set()
    for place, item in reader.items(document, "people"):
        fid = file_id(item, place, seen)
        blocked[0] = False
        positions: list[PositionRecord] = []
        position_fids: list[int | None] = []
        raw_positions = item.get("positions", [])
        if not isinstance(raw_positions, list):
            reader.problem(f"{place}.positions", "must be a list.")
            raw_positions = []
        for n, pos in enumerate(raw_positions):
            pplace = f"{place}.positions[{n}]"
            if not isinstance(pos, dict):
                reader.problem(pplace, "must be an object.")
                continue
            pfid = reader.integer(pos, "id", pplace)
            if pfid is not None and pfid in seen_positions:
                # Never remap: every citation of the id would cite the later position.
                reader.problem(f"{pplace}.id", f"{pfid} is used twice.")
                pfid = None
            elif pfid is not None:
                seen_positions.add(pfid)
            position_fids.append(pfid)
            positions.append(
                PositionRecord(
                    organization_id=ref(
                        org_map, pos.get("organization"), f"{pplace}.organization", "organization"
                    ),
                    title=reader.text(pos, "title", pplace, required=True),
                    phrasing=reader.text(pos, "phrasing", pplace) or "title_of",
                    start_date=reader.text(pos, "start_date", pplace),
                    end_date=reader.text(pos, "end_date", pplace),
                    is_current=reader.flag(pos, "is_current", pplace, True),
                )
            )
        record_p = PersonRecord(
            honorific=reader.text(item, "honorific", place),
            family_name=reader.text(item, "family_name", place, required=True),
            given_name=reader.text(item, "given_name", place),
            name_order=reader.text(item, "name_order", place) or "family_first",
            name_zh=reader.text(item, "name_zh", place),
            email=reader.text(item, "email", place),
            phone=reader.text(item, "phone", place),
            notes=reader.text(item, "notes", place),
            positions=tuple(positions),
        )
        try:
            if blocked[0]:
                # It refers to a record with problems of its own: check its own fields,
                # but do not save it.
                for error in validation.check_person(session, record_p):
                    if not error.field.endswith(_REFERENCE_FIELDS):
                        reader.problem(f"{place}.{error.field}", error.message)
                raise _Skipped
            saved_person = repository.save_person(session, record_p)
        except (ForumDeskError, _Skipped) as exc:
            if not isinstance(exc, _Skipped):
                _validation_problems(reader, place, exc)
            if fid is not None:
                failed["person"].add(fid)
            failed["position"].update(p for p in position_fids if p is not None)
            continue
        if fid is not None:
            person_map[fid] = saved_person.id  # type: ignore[assignment]
        for pfid, saved_pos in zip(position_fids, saved_person.positions, strict=True):
            if pfid is not None:
                position_map[pfid] = saved_pos.id  # type: ignore[assignment]
        stamps.append(
            (
                session.get(Person, saved_person.id),
                reader.stamp(item, "created_at", place),
                reader.stamp(item, "updated_at", place),
            )
        )

    # Events with their organizations and participants.
    seen = set()
    for place, item in reader.items(document, "events"):
        fid = file_id(item, place, seen)
        blocked[0] = False
        orgs: list[EventOrganizationRecord] = []
        for n, eo in enumerate(item.get("organizations", []) or []):
            oplace = f"{place}.organizations[{n}]"
            if not isinstance(eo, dict):
                reader.problem(oplace, "must be an object.")
                continue
            oid = ref(org_map, eo.get("organization"), f"{oplace}.organization", "organization")
            if oid is not None:
                orgs.append(EventOrganizationRecord(oid, reader.text(eo, "role", oplace) or "host"))
        parts: list[ParticipantRecord] = []
        for n, ep in enumerate(item.get("participants", []) or []):
            pplace = f"{place}.participants[{n}]"
            if not isinstance(ep, dict):
                reader.problem(pplace, "must be an object.")
                continue
            pid = ref(person_map, ep.get("person"), f"{pplace}.person", "person")
            cited = [
                ref(position_map, v, f"{pplace}.positions[{k}]", "position")
                for k, v in enumerate(ep.get("positions", []) or [])
            ]
            if pid is not None:
                parts.append(
                    ParticipantRecord(
                        person_id=pid,
                        role=reader.text(ep, "role", pplace) or "panelist",
                        cited_position_ids=tuple(c for c in cited if c is not None),
                        affiliation=reader.text(ep, "affiliation", pplace),
                    )
                )
        record_e = EventRecord(
            title=reader.text(item, "title", place, required=True),
            title_takes_the=reader.flag(item, "title_takes_the", place, True),
            kind=reader.text(item, "kind", place) or "seminar",
            start_date=reader.day(item, "start_date", place),
            end_date=reader.day(item, "end_date", place),
            city=reader.text(item, "city", place),
            venue=reader.text(item, "venue", place),
            attendance_note=reader.text(item, "attendance_note", place),
            summary=reader.text(item, "summary", place),
            notes=reader.text(item, "notes", place),
            organizations=tuple(orgs),
            participants=tuple(parts),
        )
        try:
            if blocked[0]:
                # It refers to a record with problems of its own: check its own fields,
                # but do not save it.
                for error in validation.check_event(session, record_e):
                    if not error.field.endswith(_REFERENCE_FIELDS):
                        reader.problem(f"{place}.{error.field}", error.message)
                raise _Skipped
            saved_event = repository.save_event(session, record_e)
        except (ForumDeskError, _Skipped) as exc:
            if not isinstance(exc, _Skipped):
                _validation_problems(reader, place, exc)
            if fid is not None:
                failed["event"].add(fid)
            continue
        if fid is not None:
            event_map[fid] = saved_event.id  # type: ignore[assignment]
        stamps.append(
            (
                session.get(Event, saved_event.id),
                reader.stamp(item, "created_at", place),
                reader.stamp(item, "updated_at", place),
            )
        )

    # Releases.
    seen = set()
    releases = 0
    for place, item in reader.items(document, "releases"):
        file_id(item, place, seen)
        blocked[0] = False
        status = reader.text(item, "status", place) or "draft"
        frozen = item.get("frozen_document")
        if frozen is not None and not isinstance(frozen, dict):
            reader.problem(f"{place}.frozen_document", "must be an object or null.")
            frozen = None
        lead_override = item.get("lead_override")
        if lead_override is not None and not isinstance(lead_override, str):
            reader.problem(f"{place}.lead_override", "must be text or null.")
            lead_override = None
        record_r = ReleaseRecord(
            event_id=ref(event_map, item.get("event"), f"{place}.event", "event"),
            headline=reader.text(item, "headline", place, required=True),
            publication_date=reader.day(item, "publication_date", place),
            status=ReleaseStatus.DRAFT.value if status == ReleaseStatus.PUBLISHED.value else status,
            language=reader.text(item, "language", place) or "en",
            series=reader.text(item, "series", place),
            template=reader.text(item, "template", place) or "house_hosts",
            body=reader.text(item, "body", place),
            lead_override=lead_override,
        )
        try:
            if blocked[0]:
                # It refers to a record with problems of its own: check its own fields,
                # but do not save it.
                for error in validation.check_release(session, record_r):
                    if not error.field.endswith(_REFERENCE_FIELDS):
                        reader.problem(f"{place}.{error.field}", error.message)
                raise _Skipped
            saved_release = repository.save_release(session, record_r)
        except (ForumDeskError, _Skipped) as exc:
            if not isinstance(exc, _Skipped):
                _validation_problems(reader, place, exc)
            continue
        releases += 1
        obj = session.get(PressRelease, saved_release.id)
        assert obj is not None
        if status == ReleaseStatus.PUBLISHED.value:
            if record_r.publication_date is None:
                reader.problem(
                    f"{place}.publication_date", "A published release needs its publication date."
                )
                continue
            obj.status = ReleaseStatus.PUBLISHED.value
            obj.published_at = reader.stamp(item, "published_at", place) or dt.datetime.now()
            if frozen is not None:
                obj.frozen_document = json.dumps(frozen, ensure_ascii=False)
            stamps.append(
                (
                    obj,
                    reader.stamp(item, "created_at", place),
                    reader.stamp(item, "updated_at", place),
                )
            )
        else:
            stamps.append(
                (
                    obj,
                    reader.stamp(item, "created_at", place),
                    reader.stamp(item, "updated_at", place),
                )
            )

    # House style and honorifics.
    style_doc = document.get("house_style")
    if style_doc is not None:
        if not isinstance(style_doc, dict):
            reader.problem("house_style", "must be an object.")
        else:
            current = repository.get_house_style(session)
            margin = reader.integer(style_doc, "margin_mm", "house_style")
            try:
                repository.save_house_style(
                    session,
                    HouseStyleRecord(
                        version=current.version,
                        house_organization_id=ref(
                            org_map,
                            style_doc.get("house_organization"),
                            "house_style.house_organization",
                            "organization",
                        ),
                        family_name_caps=reader.flag(
                            style_doc, "family_name_caps", "house_style", True
                        ),
                        serial_comma=reader.flag(style_doc, "serial_comma", "house_style", True),
                        date_style=reader.text(style_doc, "date_style", "house_style")
                        or "month_day",
                        page_size=reader.text(style_doc, "page_size", "house_style") or "A4",
                        margin_mm=margin if margin is not None else 25,
                        default_series=reader.text(style_doc, "default_series", "house_style"),
                    ),
                )
            except ForumDeskError as exc:
                _validation_problems(reader, "house_style", exc)
    names = document.get("honorifics")
    if names is not None:
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            reader.problem("honorifics", "must be a list of texts.")
        else:
            merged = repository.honorifics(session)
            merged += [n for n in names if n not in merged]
            repository.save_honorifics(session, merged)

    if reader.problems:
        raise ImportProblems(source, reader.problems)

    session.flush()
    if freezer is not None:
        for obj in session.scalars(
            select(PressRelease).where(
                PressRelease.status == ReleaseStatus.PUBLISHED.value,
                PressRelease.frozen_document.is_(None),
            )
        ).all():
            obj.frozen_document = freezer(session, obj.id)
        session.flush()
    # The file's timestamps are kept, so that export → import → export is identical.
    for obj, created, updated in stamps:
        if obj is None:
            continue
        if created is not None:
            obj.created_at = created
        if updated is not None:
            obj.updated_at = updated
    session.flush()
    return ImportSummary(len(org_map), len(person_map), len(event_map), releases)


def import_data(database: Database, path: Path, freezer: Freezer | None = None) -> ImportSummary:
    """Import a file all-or-nothing, in one transaction."""
    document = read_file(path)
    try:
        with database.write() as session:
            return import_document(session, document, str(path), freezer)
    except InUseError as exc:  # pragma: no cover - import only adds
        raise ForumDeskError(str(exc)) from exc
