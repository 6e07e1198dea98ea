"""Names that look like HTML are shown literally everywhere: lists, tooltips, headings,
related lists, lookups' pop-ups, history, trash and the dialogs.

A name such as ``<img src="/dev/zero">`` rendered as rich text makes Qt read the file (a
frozen window); ``<b>Bold</b>`` would at least show in bold without its tags.  The test fills a
real database with such names, walks every page, form and dialog of the main window and
checks every label, tooltip and item tooltip a user can see.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QLabel, QTabBar

from db import repository
from db.records import (
    EventOrganizationRecord,
    EventRecord,
    OrganizationRecord,
    ParticipantRecord,
    PersonRecord,
    PositionRecord,
    ReleaseRecord,
)
from db.session import Database
from desktop.ui.main_window import MainWindow, page_editor

HOSTILE = '<img src="/dev/zero"><b>Bold</b> & Co'
TAGS = ("<img", "<b>")


def _rich(text: str) -> bool:
    """Qt would render this text (a tooltip, an auto-format label) as HTML with our tags."""
    return bool(text) and QtGui.mightBeRichText(text) and any(t in text for t in TAGS)


def _model_problems(
    model: QAbstractItemModel, where: str, parent: QModelIndex | None = None
) -> list[str]:
    parent = QModelIndex() if parent is None else parent
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model (QListWidget's): one column
        columns = 1
    found: list[str] = []
    for row in range(min(model.rowCount(parent), 200)):
        for column in range(columns):
            index = model.index(row, column, parent)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and _rich(tip):
                found.append(f"{where} row {row} column {column} tooltip {tip!r}")
            if column == 0 and columns > 1 and model.rowCount(index) > 0:
                found += _model_problems(model, where, index)
    return found


def rich_text_problems() -> list[str]:
    """Every place on screen where user text would be interpreted as rich text."""
    found: list[str] = []
    for widget in QApplication.allWidgets():
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        shown_as_html = isinstance(widget, QLabel) and (
            widget.textFormat() == Qt.TextFormat.RichText
            or (
                widget.textFormat() == Qt.TextFormat.AutoText
                and QtGui.mightBeRichText(widget.text())
            )
        )
        if shown_as_html and any(t in widget.text() for t in TAGS):  # type: ignore[attr-defined]
            found.append(f"{name} text {widget.text()!r}")  # type: ignore[attr-defined]
        if _rich(widget.toolTip()):
            found.append(f"{name} tooltip {widget.toolTip()!r}")
        if (
            isinstance(widget, QAbstractItemView)
            and not isinstance(widget, QHeaderView)
            and widget.model() is not None
        ):
            found += _model_problems(widget.model(), name)
        if isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                if _rich(widget.tabToolTip(tab)):
                    found.append(f"{name} tab tooltip {widget.tabToolTip(tab)!r}")
    return found


def _hostile_records(database: Database) -> dict[str, int]:
    with database.write() as session:
        org = repository.save_organization(
            session, OrganizationRecord(name=HOSTILE, acronym="B&C", city=HOSTILE, notes=HOSTILE)
        )
        unit = repository.save_organization(
            session,
            OrganizationRecord(name=f"Unit {HOSTILE}", parent_id=org.id, parent_style="of"),
        )
        person = repository.save_person(
            session,
            PersonRecord(
                honorific="Ms.",
                family_name=HOSTILE,
                given_name="<b>Ann</b>",
                email="ann@example.org",
                positions=(PositionRecord(organization_id=org.id, title=f"Head {HOSTILE}"),),
            ),
        )
        event = repository.save_event(
            session,
            EventRecord(
                title=f"<b>Seminar</b> {HOSTILE}",
                start_date=dt.date(2021, 11, 19),
                city=HOSTILE,
                organizations=(EventOrganizationRecord(organization_id=org.id),),
                participants=(
                    ParticipantRecord(
                        person_id=person.id,  # type: ignore[arg-type]
                        cited_position_ids=(person.positions[0].id,),  # type: ignore[arg-type]
                    ),
                ),
            ),
        )
        release = repository.save_release(
            session,
            ReleaseRecord(
                event_id=event.id,
                headline=f"<b>Headline</b> {HOSTILE}",
                publication_date=dt.date(2021, 11, 20),
                series=HOSTILE,
                body=f"{HOSTILE} spoke.",
            ),
        )
        second = repository.save_release(
            session,
            ReleaseRecord(
                event_id=event.id,
                headline=f"<img src=x> next {HOSTILE}",
                publication_date=dt.date(2021, 12, 20),
                series=HOSTILE,
            ),
        )
        trashed = repository.save_organization(
            session, OrganizationRecord(name=f"Gone {HOSTILE}", acronym="GONE")
        )
    with database.write() as session:
        repository.save_organization(
            session,
            OrganizationRecord(
                **{
                    **repository.get_organization(session, org.id).__dict__,  # type: ignore[arg-type]
                    "city": f"New {HOSTILE}",
                }
            ),
        )
        repository.delete_organization(session, trashed.id)  # type: ignore[arg-type]
    return {
        "organization": org.id,  # type: ignore[dict-item]
        "unit": unit.id,  # type: ignore[dict-item]
        "person": person.id,  # type: ignore[dict-item]
        "event": event.id,  # type: ignore[dict-item]
        "release": release.id,  # type: ignore[dict-item]
        "second": second.id,  # type: ignore[dict-item]
    }


def _close_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = window.dialog
    assert dialog is not None
    editor = page_editor(window.current_page)
    own = editor is not None and dialog is editor.history_dialog
    dialog.reject()
    if own:
        qtbot.waitUntil(lambda: editor.history_dialog is None)  # the form's own History…
    else:
        qtbot.waitUntil(lambda: window.dialog is None)


def test_user_text_that_looks_like_html_is_shown_literally_everywhere(
    qtbot, database: Database, settings: QSettings, answers
) -> None:  # type: ignore[no-untyped-def]
    ids = _hostile_records(database)
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)

    problems: list[str] = []
    for key, record_id in (
        ("organizations", ids["organization"]),
        ("organizations", ids["unit"]),
        ("people", ids["person"]),
        ("events", ids["event"]),
        ("releases", ids["release"]),
        ("releases", ids["second"]),
    ):
        window.open_record(key, record_id)
        editor = page_editor(window.current_page)
        assert editor is not None and editor.record_id == record_id
        # The heading is elided in a narrow form: its tooltip holds the whole name.
        editor.heading.resize(40, editor.heading.height())
        assert editor.heading.full_text()
        problems += [f"{key}: {p}" for p in rich_text_problems()]
        window.show_history()
        problems += [f"{key} history: {p}" for p in rich_text_problems()]
        _close_dialog(qtbot, window)

    window.show_trash()
    trash_texts = [
        window.dialog.table.item(r, 2).text()  # type: ignore[union-attr]
        for r in range(window.dialog.table.rowCount())  # type: ignore[union-attr]
    ]
    assert any(HOSTILE in t for t in trash_texts)
    problems += [f"trash: {p}" for p in rich_text_problems()]
    _close_dialog(qtbot, window)

    # A lookup's pop-up lists the hostile names as typed.
    window.open_record("organizations", ids["unit"])
    editor = page_editor(window.current_page)
    parent = editor.parent_lookup  # type: ignore[union-attr]
    parent.setText("Bold")
    parent.refresh_choices()
    assert any(HOSTILE in c for c in parent.choices())
    problems += [f"lookup: {p}" for p in rich_text_problems()]

    assert problems == []


def test_a_tooltip_that_looks_like_html_reads_as_typed() -> None:
    from PySide6.QtGui import QTextDocument

    from desktop.ui.widgets import plain_tip

    assert plain_tip("Tsinghua University") == "Tsinghua University"
    assert plain_tip("") == ""
    for text in (HOSTILE, "a &lt; b", f"{HOSTILE}\n→\nNew {HOSTILE}"):
        tip = plain_tip(text)
        assert "<img" not in tip and "<b>" not in tip
        document = QTextDocument()
        document.setHtml(tip)
        assert document.toPlainText() == text
