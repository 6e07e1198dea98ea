"""The demo release against the secretariat's real release, and proof its lead is generated."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from db import repository
from db.session import Database
from desktop.press import publishing
from desktop.press.compose import compose_release
from desktop.press.render import render_html, render_txt

# The same file as tests/conftest.py's REFERENCE_RELEASE: ../shared/reference from the repo.
REFERENCE_RELEASE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "seminar-2021-11-19.txt"
)

DEMO_RELEASE = 2
SAIIA = 5
CAO_CONG = 7
ZHAO_KEFENG = 9


def comparable(text: str) -> str:
    """The two allowed differences: blank lines between blocks, a space after Last:/Next:."""
    text = text.replace("\r\n", "\n")
    text = re.sub(r"^(Last|Next):[ \t]*", r"\1:", text, flags=re.MULTILINE)
    text = re.sub(r"\n(?:[ \t]*\n)+", "\n\n", text)
    return text.rstrip("\n")


def reference() -> str:
    return REFERENCE_RELEASE.read_text(encoding="utf-8")


def txt(database: Database, release_id: int = DEMO_RELEASE) -> str:
    with database.read() as session:
        return render_txt(compose_release(session, release_id))


def lead_of(text: str) -> str:
    return text.split("\n\n\n")[1]


def test_the_comparison_only_forgives_the_two_allowances() -> None:
    ref = reference()
    assert comparable(ref.replace("Last:", "Last: ").replace("\n\n\n", "\n\n")) == comparable(ref)
    assert comparable(ref.replace("China Forum’s", "China Forum's")) == comparable(
        ref.replace("China Forum’s", "China Forum's")
    )
    assert comparable(ref.replace("Shenzhen’s", "Shenzhen's")) != comparable(ref)
    assert comparable(ref.replace("; and Mr.", ", and Mr.")) != comparable(ref)


def test_demo_release_equals_the_reference(demo_database: Database) -> None:
    assert comparable(txt(demo_database)) == comparable(reference())


def test_cli_renders_the_reference(demo_database: Database, db_path: Path) -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "desktop", "release", "render", str(DEMO_RELEASE)),
            *("--format", "txt", "-d", str(db_path)),
        ],
        capture_output=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert comparable(result.stdout.decode("utf-8")) == comparable(reference())


def test_demo_releases_were_frozen_at_load(demo_database: Database) -> None:
    with demo_database.read() as session:
        record = repository.get_release(session, DEMO_RELEASE)
        doc = compose_release(session, DEMO_RELEASE)
    assert record.status == "published"
    assert record.frozen_document is not None
    assert doc.frozen
    assert doc.paragraphs[0].generated
    assert not doc.paragraphs[1].generated


def test_published_release_keeps_its_text_after_edits(demo_database: Database) -> None:
    with demo_database.write() as session:
        org = repository.get_organization(session, SAIIA)
        repository.save_organization(session, replace(org, acronym="SZAIA"))
    assert comparable(txt(demo_database)) == comparable(reference())


def _unpublish(database: Database) -> None:
    with database.write() as session:
        record = repository.get_release(session, DEMO_RELEASE)
        publishing.unpublish(session, DEMO_RELEASE, record.version)


def test_the_lead_is_generated_from_the_records(demo_database: Database) -> None:
    _unpublish(demo_database)
    assert comparable(txt(demo_database)) == comparable(reference())

    # The acronym: introduced once, then used alone — also as a parent.
    with demo_database.write() as session:
        org = repository.get_organization(session, SAIIA)
        repository.save_organization(session, replace(org, acronym="SZAIA"))
    lead = lead_of(txt(demo_database))
    assert "Shenzhen Artificial Intelligence Industry Association (SZAIA)." in lead
    assert "Mr. FAN Congming, Executive Chairman of SZAIA;" in lead
    assert "Mr. ZHAO Kefeng, Chairman of the Academic Committee of SZAIA." in lead
    assert "SAIIA" not in lead

    # A person's title.
    with demo_database.write() as session:
        cao = repository.get_person(session, CAO_CONG)
        position = replace(cao.positions[0], title="President")
        repository.save_person(session, replace(cao, positions=(position,)))
    lead = lead_of(txt(demo_database))
    assert "; Mr. CAO Cong, President of SFICE;" in lead
    assert "Secretary General of SFICE" not in lead

    # The protocol order: ZHAO Kefeng first.
    with demo_database.write() as session:
        event = repository.get_event(session, 1)
        parts = event.participants
        moved = (parts[-1], *parts[:-1])
        repository.save_event(session, replace(event, participants=moved))
    lead = lead_of(txt(demo_database))
    assert (
        "Among the panelists were Mr. ZHAO Kefeng, Chairman of the Academic Committee of "
        "SZAIA; Mr. CHEN Xiaogong, China Forum Expert" in lead
    )
    assert lead.endswith(
        "Mr. FAN Congming, Executive Chairman of SZAIA. The seminar also brought together "
        "more than 30 representatives from AI enterprises based in Shenzhen."
    )
    # The hand-written paragraph follows unchanged.
    assert txt(demo_database).split("\n\n\n")[2] == reference().split("\n\n\n")[2]


def test_acronym_first_mention_moves_with_the_order(demo_database: Database) -> None:
    """With SAIIA no longer a co-host, its first mention is inside a panelist's title."""
    _unpublish(demo_database)
    with demo_database.write() as session:
        event = repository.get_event(session, 1)
        orgs = tuple(o for o in event.organizations if o.organization_id != SAIIA)
        repository.save_event(session, replace(event, organizations=orgs))
    lead = lead_of(txt(demo_database))
    assert (
        "with the Shenzhen Foundation for International Cooperation and Exchange (SFICE) and "
        in lead
    )
    assert (
        "Mr. FAN Congming, Executive Chairman of Shenzhen Artificial Intelligence Industry "
        "Association (SAIIA); and Mr. ZHAO Kefeng, Chairman of the Academic Committee of SAIIA."
    ) in lead


def test_republishing_freezes_the_new_text(demo_database: Database) -> None:
    _unpublish(demo_database)
    with demo_database.write() as session:
        cao = repository.get_person(session, CAO_CONG)
        position = replace(cao.positions[0], title="President")
        repository.save_person(session, replace(cao, positions=(position,)))
        record = repository.get_release(session, DEMO_RELEASE)
        publishing.publish(session, DEMO_RELEASE, record.version)
    with demo_database.write() as session:
        cao = repository.get_person(session, CAO_CONG)
        position = replace(cao.positions[0], title="Honorary President")
        repository.save_person(session, replace(cao, positions=(position,)))
    text = txt(demo_database)
    assert "Mr. CAO Cong, President of SFICE;" in text


def test_html_of_the_demo_release(demo_database: Database) -> None:
    with demo_database.read() as session:
        page = render_html(compose_release(session, DEMO_RELEASE))
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>China Forum Hosts Seminar on International Cooperation of Shenzhen’s" in page
    assert '<p class="generated">On November 19, the Seminar' in page
    assert "Last:</span> China Forum Experts at Ditchley Conference" in page
