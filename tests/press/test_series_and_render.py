"""Last / Next through the series, page templates, the release CLI's render command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from db import repository
from db.records import ReleaseRecord
from db.session import Database
from desktop.press import publishing
from desktop.press.compose import compose_release, compose_release_record
from desktop.press.document import Paragraph, ReleaseDocument, SeriesLink
from desktop.press.render import (
    html_environment,
    render_html,
    render_html_fragment,
    render_md,
    render_txt,
    text_environment,
)

D = dt.date


def _add(database: Database, headline: str, day: dt.date | None, publish: bool) -> int:
    with database.write() as session:
        saved = repository.save_release(
            session,
            ReleaseRecord(headline=headline, publication_date=day, series="S", body="Text."),
        )
        assert saved.id is not None
        if publish:
            publishing.publish(session, saved.id, saved.version)
        return saved.id


def _links(database: Database, release_id: int) -> tuple[str | None, str | None]:
    with database.read() as session:
        doc = compose_release(session, release_id)
    return (
        doc.last.headline if doc.last else None,
        doc.next.headline if doc.next else None,
    )


def test_last_and_next_follow_publication_dating_and_removal(database: Database) -> None:
    a = _add(database, "A", D(2021, 1, 1), True)
    b = _add(database, "B", D(2021, 2, 1), True)
    c = _add(database, "C", D(2021, 3, 1), False)
    assert _links(database, b) == ("A", None)
    assert _links(database, c) == ("B", None)  # a draft sees its published neighbours
    with database.write() as session:
        publishing.publish(session, c, repository.get_release(session, c).version)
    assert _links(database, b) == ("A", "C")
    # Re-dating A after C moves it to the end of the series.
    with database.write() as session:
        rec = repository.get_release(session, a)
        from dataclasses import replace

        repository.save_release(session, replace(rec, publication_date=D(2021, 4, 1)))
    assert _links(database, b) == (None, "C")
    assert _links(database, c) == ("B", "A")
    with database.write() as session:
        publishing.unpublish(session, c, repository.get_release(session, c).version)
    assert _links(database, b) == (None, "A")
    with database.write() as session:
        repository.delete_release(session, a)
    assert _links(database, b) == (None, None)


def test_unsaved_release_preview(database: Database) -> None:
    _add(database, "A", D(2021, 1, 1), True)
    with database.read() as session:
        doc = compose_release_record(
            session,
            ReleaseRecord(headline="  New  one ", series="S", body="One.\n\n\nTwo\nlines."),
        )
    assert doc.headline == "New one"
    assert [p.text for p in doc.paragraphs] == ["One.", "Two\nlines."]
    assert doc.last == SeriesLink(1, "A") and doc.next is None
    assert '<p class="written">Two<br>\nlines.</p>' in render_html_fragment(doc)


def test_lead_override_replaces_the_generated_lead(demo_database: Database) -> None:
    with demo_database.read() as session:
        record = repository.get_release(session, 2)
        from dataclasses import replace

        doc = compose_release_record(session, replace(record, lead_override="By hand."))
    assert doc.paragraphs[0] == Paragraph("By hand.", "overridden")
    assert doc.lead is not None and doc.lead.overridden


DOC = ReleaseDocument(
    headline='Forum on "AI" & <Law>',
    paragraphs=(Paragraph("First <b>bold</b> & 中文.", "generated"), Paragraph("* not a list")),
    last=SeriesLink(1, "Earlier & <older>"),
)


def test_text_is_verbatim() -> None:
    assert render_txt(DOC) == (
        'Forum on "AI" & <Law>\n\n\nFirst <b>bold</b> & 中文.\n\n\n* not a list\n\n\n'
        "Last:Earlier & <older>\n"
    )


def test_html_is_escaped_and_standalone() -> None:
    page = render_html(DOC)
    assert "<b>" not in page and "<Law>" not in page
    assert "First &lt;b&gt;bold&lt;/b&gt; &amp; 中文." in page
    assert "<title>Forum on &#34;AI&#34; &amp; &lt;Law&gt;</title>" in page
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    fragment = render_html_fragment(DOC)
    assert fragment.startswith("<article") and "<html" not in fragment
    assert 'class="next"' not in fragment


def test_markdown_escapes_markup() -> None:
    md = render_md(DOC)
    assert md.startswith('# Forum on "AI" & \\<Law\\>\n')
    assert "\\* not a list" in md
    assert "**Last:** Earlier & \\<older\\>" in md


def test_environments_fail_loudly_and_escape_as_set() -> None:
    assert html_environment().autoescape is True
    assert text_environment().autoescape is False
    with pytest.raises(jinja2.UndefinedError):
        text_environment().from_string("{{ typo }}").render()
    with pytest.raises(jinja2.UndefinedError):
        html_environment().from_string("{{ doc.typo }}").render(doc=DOC)


def forumdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert fragment in lines[0]


def test_cli_render_formats_and_errors(
    demo_database: Database, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "release.html"
    ok = forumdesk("release", "render", "2", "--format", "html", "-o", str(out), "-d", str(db_path))
    assert ok.returncode == 0, ok.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    md = forumdesk("release", "render", "2", "-f", "md", "-d", str(db_path))
    assert md.stdout.startswith("# China Forum Hosts Seminar")
    one_line_error(forumdesk("release", "render", "99", "-d", str(db_path)), "no release 99")
    one_line_error(
        forumdesk("release", "render", "2", "--format", "odt", "-d", str(db_path)),
        "not a release format",
    )
    one_line_error(forumdesk("release", "render", "two", "-d", str(db_path)), "not a release id")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    one_line_error(
        forumdesk("release", "render", "2", "-o", str(blocker / "x.txt"), "-d", str(db_path)),
        "Cannot write",
    )
    one_line_error(
        forumdesk("release", "render", "2", "-o", str(tmp_path / "no" / "x"), "-d", str(db_path)),
        "does not exist",
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
