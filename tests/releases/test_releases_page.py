"""The Releases page driven like a user: edit and see the preview follow, override and
restore the lead, preflight, publish and freeze, print, export, copy, Last / Next."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from db import repository
from db.session import Database
from desktop.press.compose import compose_release
from desktop.press.render import render_txt
from desktop.ui.preview import SafeTextDocument
from desktop.ui.releases_page import ReleasesPage

Answers = Any  # tests/releases/conftest.py: the dialogs seam, scripted
REFERENCE_RELEASE_ID = 2  # the seminar of November 19, 2021 (demo data)

HOSTILE = '<img src="/dev/zero"> <a href="file:///etc/passwd">x</a>'


@pytest.fixture
def page(qtbot: QtBot, demo_database: Database, answers: Answers) -> ReleasesPage:
    widget = ReleasesPage(demo_database)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


def _preview_text(page: ReleasesPage) -> str:
    return page.editor.side.preview.toPlainText()


def _new_draft(page: ReleasesPage, qtbot: QtBot, headline: str = "Draft about the seminar") -> None:
    page.new_record()
    editor = page.editor
    qtbot.keyClicks(editor.headline_edit, headline)
    editor.date_edit.setDate(QDate(2021, 11, 25))
    editor.event_lookup.choose(1)
    editor.flush_preview()


def test_list_by_date_with_filters(page: ReleasesPage, qtbot: QtBot) -> None:
    model = page.model
    assert [model.row_at(i).publication_date.isoformat() for i in range(3)] == [  # type: ignore[union-attr]
        "2021-12-03",
        "2021-11-22",
        "2021-11-12",
    ]
    qtbot.keyClicks(page.search, "Ditchley")
    page.search.flush()
    assert model.rowCount() == 1
    page.search.clear()
    page.search.flush()
    page.status_filter.setCurrentIndex(page.status_filter.findData("draft"))
    assert model.rowCount() == 0
    page.status_filter.setCurrentIndex(0)
    page.year_filter.setCurrentIndex(page.year_filter.findData(2021))
    assert model.rowCount() == 3
    assert "3 releases" in page.count_label.text()


def test_editing_updates_the_preview_and_never_loads_resources(
    page: ReleasesPage, qtbot: QtBot, demo_database: Database
) -> None:
    _new_draft(page, qtbot)
    editor = page.editor
    assert "On November 19, the Seminar on International Cooperation" in _preview_text(page)
    loaded_before = SafeTextDocument.loaded_resources
    scroll = editor.side.preview.verticalScrollBar()
    qtbot.keyClicks(editor.body_edit, "Mr. CHEN Xiaogong (")
    editor.body_edit.insertPlainText("陈晓工")  # QTest types ASCII only; this is a paste
    qtbot.keyClicks(editor.body_edit, ") said it's done. ")
    editor.body_edit.insertPlainText(HOSTILE)  # pasted: kept exactly as it came
    with qtbot.waitSignal(editor.preview_updated, timeout=3000):
        pass
    text = _preview_text(page)
    assert "Mr. CHEN Xiaogong (陈晓工) said it’s done." in text  # typographic apostrophe
    assert HOSTILE in text  # shown as the literal text, not an image or a link
    assert SafeTextDocument.loaded_resources == loaded_before
    assert "<img" not in editor.side.preview.toHtml().replace("&lt;img", "")
    # The preview keeps its scroll position while the text changes.
    scroll.setValue(scroll.maximum() // 2)
    kept = scroll.value()
    qtbot.keyClicks(editor.body_edit, " More.")
    with qtbot.waitSignal(editor.preview_updated, timeout=3000):
        pass
    assert "More." in _preview_text(page)
    assert scroll.value() == kept
    assert editor.save()
    with demo_database.read() as session:
        stored = repository.get_release(session, editor.record_id or 0)
    assert stored.body.endswith("More.")
    assert stored.status == "draft"


def test_undo_restores_the_straight_quote(page: ReleasesPage, qtbot: QtBot) -> None:
    body = page.editor.body_edit
    page.new_record()
    qtbot.keyClicks(body, 'He said "yes')
    assert body.toPlainText() == "He said “yes"
    qtbot.keyClicks(body, '"')
    assert body.toPlainText() == "He said “yes”"
    body.undo()
    assert body.toPlainText() == 'He said “yes"'


def test_override_and_restore_the_lead(
    page: ReleasesPage, qtbot: QtBot, demo_database: Database, answers: Answers
) -> None:
    _new_draft(page, qtbot)
    editor = page.editor
    generated = editor.generated_lead()
    assert generated.startswith("On November 19,")
    qtbot.mouseClick(editor.override_button, Qt.MouseButton.LeftButton)
    assert editor.lead_edit.isVisible() and editor.lead_edit.toPlainText() == generated
    editor.lead_edit.moveCursor(editor.lead_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.lead_edit, " Edited by hand.")
    editor.flush_preview()
    assert editor.document is not None and editor.document.paragraphs[0].overridden
    assert "Edited by hand." in _preview_text(page)
    assert 'class="overridden"' in editor.side.preview.html_shown()
    assert editor.save()
    with demo_database.read() as session:
        stored = repository.get_release(session, editor.record_id or 0)
    assert stored.lead_override == f"{generated} Edited by hand."

    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    assert answers.texts("confirm")  # the hand-edited lead is not dropped silently
    assert not editor.lead_edit.isVisible()
    assert editor.save()
    editor.flush_preview()
    with demo_database.read() as session:
        stored = repository.get_release(session, editor.record_id or 0)
    assert stored.lead_override is None
    assert "Edited by hand." not in _preview_text(page)
    assert editor.document is not None and editor.document.paragraphs[0].generated


def test_preflight_lists_the_problems(
    page: ReleasesPage, qtbot: QtBot, demo_database: Database
) -> None:
    with demo_database.write() as session:
        event = repository.get_event(session, 1)
        person = repository.get_person(session, event.participants[0].person_id)
        repository.save_person(session, replace(person, honorific=""))
    _new_draft(page, qtbot)
    editor = page.editor
    editor.date_edit.setDate(QDate(2021, 11, 1))
    qtbot.keyClicks(
        editor.body_edit,
        "The Shenzhen Foundation for International Cooperation and Exchange thanked all.",
    )
    editor.flush_preview()
    items = [
        editor.side.preflight_list.item(i).text() for i in range(editor.side.preflight_list.count())
    ]
    joined = "\n".join(items)
    assert "CHEN Xiaogong has no honorific" in joined
    assert "is after the publication date" in joined
    assert (
        "names ‘Shenzhen Foundation for International Cooperation and Exchange’ in full" in joined
    )
    assert "still a draft" in joined
    assert "to check" in editor.side.preflight_title.text()


def test_publish_freezes_the_release(
    page: ReleasesPage, qtbot: QtBot, demo_database: Database, answers: Answers
) -> None:
    _new_draft(page, qtbot, "China Forum Hosts a Frozen Seminar")
    editor = page.editor
    assert editor.save()
    release_id = editor.record_id
    assert release_id is not None
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("published"))
    assert any(t.startswith("Publish ") for t in answers.texts("confirm"))
    with demo_database.read() as session:
        stored = repository.get_release(session, release_id)
    assert stored.status == "published" and stored.frozen_document
    assert editor.headline_edit.isReadOnly() and editor.body_edit.isReadOnly()
    assert editor.notice.isVisible()
    frozen = _preview_text(page)
    assert "Mr. ZHANG Lirong, Secretary General of China Forum" in frozen

    # A person's title changes after publication: the published text does not.
    with demo_database.write() as session:
        event = repository.get_event(session, 1)
        zhang = repository.get_person(session, event.participants[2].person_id)
        positions = (replace(zhang.positions[0], title="President"), *zhang.positions[1:])
        repository.save_person(session, replace(zhang, positions=positions))
    assert page.open_record(REFERENCE_RELEASE_ID)
    assert page.open_record(release_id)
    editor.flush_preview()
    assert _preview_text(page) == frozen
    with demo_database.read() as session:
        assert "Secretary General of China Forum" in render_txt(
            compose_release(session, release_id)
        )

    # Unpublishing (asked) brings the release back to the records.
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("draft"))
    assert any(t.startswith("Unpublish ") for t in answers.texts("confirm"))
    editor.flush_preview()
    assert "Mr. ZHANG Lirong, President of China Forum" in _preview_text(page)
    assert not editor.body_edit.isReadOnly()


def test_publishing_cancelled_changes_nothing(
    page: ReleasesPage, qtbot: QtBot, demo_database: Database, answers: Answers
) -> None:
    _new_draft(page, qtbot)
    assert page.editor.save()
    answers.confirm = False
    page.editor.status_combo.setCurrentIndex(page.editor.status_combo.findData("published"))
    assert page.editor.status_combo.currentData() == "draft"
    with demo_database.read() as session:
        assert repository.get_release(session, page.editor.record_id or 0).status == "draft"


def test_last_and_next_are_shown_and_open(page: ReleasesPage, qtbot: QtBot) -> None:
    assert page.open_record(REFERENCE_RELEASE_ID)
    editor = page.editor
    editor.flush_preview()
    assert "Ditchley" in editor.side.last_button.full_text()
    assert "Roundtable" in editor.side.next_button.full_text()
    qtbot.mouseClick(editor.side.next_button, Qt.MouseButton.LeftButton)
    assert editor.record_id == 3
    assert page.model.row_id(page.table.currentIndex().row()) == 3


def test_export_print_and_copy(
    page: ReleasesPage, qtbot: QtBot, answers: Answers, tmp_path: Path
) -> None:
    assert page.open_record(REFERENCE_RELEASE_ID)
    editor = page.editor
    editor.flush_preview()
    answers.save_as = str(tmp_path / "export")  # no extension typed: it is added
    written = editor.export("docx")
    assert written == str(tmp_path / "export.docx")
    assert docx.Document(written).paragraphs[0].text == editor.document.headline  # type: ignore[union-attr]
    suggested = answers.texts("save_file")[0]
    assert suggested.endswith(
        "2021-11-22 China Forum Hosts Seminar on International "
        "Cooperation of Shenzhen’s AI Enterprises.docx"
    )
    answers.save_as = str(tmp_path / "release.pdf")
    assert editor.export("pdf") == answers.save_as
    assert Path(answers.save_as).read_bytes().startswith(b"%PDF")

    answers.print_to = str(tmp_path / "printed.pdf")
    assert editor.print_release()
    assert answers.texts("print") == ["A4"]
    printed = pypdf.PdfReader(io.BytesIO(Path(answers.print_to).read_bytes()))
    assert "Shenzhen’s AI Enterprises" in printed.pages[0].extract_text()

    editor.copy(as_html=True)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and "<h1>China Forum Hosts Seminar" in mime.html()
    assert mime.text().startswith("China Forum Hosts Seminar")
    editor.copy(as_html=False)
    assert not QGuiApplication.clipboard().mimeData().hasHtml()


def test_export_progress_waits_before_showing_and_closes(
    page: ReleasesPage, qtbot: QtBot, answers: Answers, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from desktop.ui.print_export import PROGRESS_DELAY_MS, export_progress

    progress = export_progress(page, tmp_path / "r.pdf")
    assert progress.minimumDuration() == PROGRESS_DELAY_MS > 0  # a quick export never flashes
    assert progress.windowModality() == Qt.WindowModality.WindowModal
    progress.deleteLater()
    assert page.open_record(REFERENCE_RELEASE_ID)
    out = tmp_path / "out"
    out.mkdir()
    answers.save_as = str(out / "release.txt")
    assert page.editor.export("txt") == answers.save_as
    # Written in one piece (no temporary file left beside it), the dialog gone.
    assert [p.name for p in out.iterdir()] == ["release.txt"]
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]
    assert QApplication.overrideCursor() is None


def test_exporting_a_draft_asks_first(
    page: ReleasesPage, qtbot: QtBot, answers: Answers, tmp_path: Path
) -> None:
    _new_draft(page, qtbot)
    answers.confirm = False
    answers.save_as = str(tmp_path / "draft.txt")
    assert page.editor.export("txt") is None
    assert any("not approved yet" in t for t in answers.texts("confirm"))
    assert not (tmp_path / "draft.txt").exists()


def test_failed_export_says_one_sentence(
    page: ReleasesPage, answers: Answers, tmp_path: Path
) -> None:
    assert page.open_record(REFERENCE_RELEASE_ID)
    answers.save_as = str(tmp_path / "missing-folder" / "r.txt")
    assert page.editor.export("txt") is None
    (message,) = answers.texts("error")
    assert message.startswith("The release could not be written to") and "\n" not in message


def test_without_an_event_the_lead_says_there_is_none(page: ReleasesPage, qtbot: QtBot) -> None:
    page.new_record()
    editor = page.editor
    assert editor.event_lookup.value() is None
    assert editor.lead_state.text() == "none: choose the event to generate it"
    assert not editor.override_button.isEnabled()
    editor.event_lookup.choose(1)  # as picking it from the lookup does
    assert editor.lead_state.text() == "generated from the event’s records"
    assert editor.override_button.isEnabled()
