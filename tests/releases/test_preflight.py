"""Preflight: each check fires on a release with that problem, and stays quiet without it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from db import repository
from db.models import OrgRole
from db.records import ReleaseRecord
from db.session import Database
from desktop.press.preflight import Finding, preflight

SFICE_NAME = "Shenzhen Foundation for International Cooperation and Exchange"


def _messages(findings: tuple[Finding, ...]) -> list[str]:
    return [f.message for f in findings]


def _draft(database: Database, **changes: object) -> ReleaseRecord:
    with database.read() as session:
        reference = repository.get_release(session, 2)
    return replace(
        reference,
        id=None,
        version=0,
        status="draft",
        frozen_document=None,
        **changes,  # type: ignore[arg-type]
    )


def test_the_reference_release_is_clean(demo_database: Database) -> None:
    with demo_database.read() as session:
        record = repository.get_release(session, 2)
        assert preflight(session, record) == ()
        assert preflight(session, record, exporting=True) == ()  # published


def test_a_release_with_problems(demo_database: Database) -> None:
    with demo_database.write() as session:
        event = repository.get_event(session, 1)
        zhu = repository.get_person(session, event.participants[1].person_id)
        repository.save_person(session, replace(zhu, honorific=""))
        # No host any more, and the second panelist has no position cited.
        orgs = tuple(
            replace(o, role=OrgRole.CO_HOST.value) if o.role == OrgRole.HOST.value else o
            for o in event.organizations
        )
        parts = list(event.participants)
        parts[1] = replace(parts[1], cited_position_ids=())
        repository.save_event(
            session, replace(event, organizations=orgs, participants=tuple(parts))
        )
    record = _draft(
        demo_database,
        publication_date=dt.date(2021, 11, 18),  # the day before the seminar
        body=f"Representatives met.\n\nThe {SFICE_NAME} thanked everyone.",
    )
    with demo_database.read() as session:
        findings = preflight(session, record, exporting=True)
    text = "\n".join(_messages(findings))
    assert "has co-hosts but no host, so the lead says only that it was co-hosted" in text
    assert "ZHU Feng has no honorific" in text
    assert "ZHU Feng has no position cited for this event" in text
    assert (
        "The event (November 19, 2021) is after the publication date (November 18, 2021)." in text
    )
    assert f"Paragraph 3 names ‘{SFICE_NAME}’ in full after its acronym was introduced" in text
    assert "still a draft" in text
    assert all(f.severity == "problem" for f in findings)
    fields = {f.field for f in findings}
    assert {"event", "publication_date", "body", "status"} <= fields


def test_acronym_introduced_but_never_used(demo_database: Database) -> None:
    lead = (
        "On November 19, the seminar was hosted by China Forum with the "
        f"{SFICE_NAME} (SFICE). SFICE and the Tsinghua University Institute (I-AIIG) took part."
    )
    record = _draft(demo_database, lead_override=lead, body="")
    with demo_database.read() as session:
        findings = preflight(session, record)
    messages = _messages(findings)
    assert any(
        m.startswith("The acronym I-AIIG is introduced but never used again") for m in messages
    )
    assert not any("The acronym SFICE" in m for m in messages)


def test_full_name_before_the_acronym_is_fine(demo_database: Database) -> None:
    record = _draft(demo_database, body="Representatives met the panelists.")
    with demo_database.read() as session:
        assert preflight(session, record) == ()


def test_no_event_and_no_date(demo_database: Database) -> None:
    record = _draft(demo_database, event_id=None, publication_date=None, headline=" ")
    with demo_database.read() as session:
        findings = preflight(session, record)
    assert _messages(findings) == [
        "The release has no publication date.",
        "The release has no headline.",
        "The release is not linked to an event, so it has no generated lead.",
    ]
    assert findings[-1].severity == "note"


def test_draft_warning_only_when_exporting_and_not_approved(demo_database: Database) -> None:
    draft = _draft(demo_database, body="")
    approved = replace(draft, status="approved")
    with demo_database.read() as session:
        assert not any(f.field == "status" for f in preflight(session, draft))
        assert any(f.field == "status" for f in preflight(session, draft, exporting=True))
        assert not any(f.field == "status" for f in preflight(session, approved, exporting=True))


def test_no_organizations_at_all_means_nobody_hosted(demo_database: Database) -> None:
    with demo_database.write() as session:
        event = repository.get_event(session, 1)
        repository.save_event(session, replace(event, organizations=()))
    with demo_database.read() as session:
        messages = _messages(preflight(session, _draft(demo_database)))
    title = "Seminar on International Cooperation in Artificial Intelligence in Shenzhen"
    assert f"The event ‘{title}’ has no host, so the lead cannot say who hosted it." in messages
