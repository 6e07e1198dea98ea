"""Events page fixtures: dialogs answered at the one seam, QSettings in a temp folder, and a
``User`` that types, picks from lookups and fills the small creation dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.ui import dialogs
from desktop.ui.events_page import EventsPage
from desktop.ui.lookup import LookupEdit
from desktop.ui.organization_dialog import NewOrganizationDialog


@pytest.fixture(autouse=True)
def _temp_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("ForumDeskTests")
    QCoreApplication.setApplicationName("ForumDeskTests")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield


class Answers:
    """Stands in for ``desktop.ui.dialogs``: records each question, answers from a script."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.save_answer = dialogs.Answer.CANCEL
        self.confirm_answer = True
        self.conflict_answer = dialogs.ConflictChoice.KEEP_EDITING
        self.duplicate_answer: tuple[dt.date, bool] | None = None

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.asked]

    def texts(self, kind: str) -> list[str]:
        return [text for k, text in self.asked if k == kind]


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    rec = Answers()

    def ask_save(parent: object, what: str) -> dialogs.Answer:
        rec.asked.append(("save", what))
        return rec.save_answer

    def confirm(parent: object, title: str, text: str, *a: object, **k: object) -> bool:
        rec.asked.append(("confirm", text))
        return rec.confirm_answer

    def record(kind: str):  # type: ignore[no-untyped-def]
        def answer(parent: object, title: str, text: str) -> None:
            rec.asked.append((kind, text))

        return answer

    def conflict(parent: object, text: str) -> dialogs.ConflictChoice:
        rec.asked.append(("conflict", text))
        return rec.conflict_answer

    def duplicate(parent: object, title: str, start: dt.date) -> tuple[dt.date, bool] | None:
        rec.asked.append(("duplicate", title))
        return rec.duplicate_answer

    monkeypatch.setattr(dialogs, "ask_save_discard_cancel", ask_save)
    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", record("inform"))
    monkeypatch.setattr(dialogs, "error", record("error"))
    monkeypatch.setattr(dialogs, "ask_conflict", conflict)
    monkeypatch.setattr(dialogs, "ask_duplicate_event", duplicate)
    return rec


class User:
    """Drives widgets the way a user does: keyboard into fields, picks from pop-ups."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot

    def type(self, widget: QWidget, text: str) -> None:
        assert isinstance(widget, (QLineEdit, QPlainTextEdit))
        if not isinstance(widget, LookupEdit):
            # (A focused lookup shows its pop-up, which the offscreen platform cannot grab
            # the keyboard for; the choices are picked from its model instead.)
            widget.setFocus()
        widget.clear()
        if text.isascii():
            self.qtbot.keyClicks(widget, text)
        elif isinstance(widget, QLineEdit):
            # QTest cannot synthesize non-Latin keys: insert as an input method would.
            widget.insert(text)
        else:
            widget.insertPlainText(text)

    def lookup(self, lookup: LookupEdit, text: str, choice: str | None = None) -> None:
        """Type into a lookup and pick the entry whose label is ``choice`` (default: the
        text); ``choice="create"`` picks "Create … ‘text’…"."""
        self.type(lookup, text)
        lookup.refresh_choices()
        offered = lookup.choices()
        wanted = choice or text
        for row, shown in enumerate(offered):
            if choice == "create" and shown.startswith("Create "):
                lookup.pick(row)
                return
            if shown == wanted or shown.startswith(f"{wanted}  —"):
                lookup.pick(row)
                return
        raise AssertionError(f"{wanted!r} is not among {offered!r}")

    def new_org_dialog(self, owner: QWidget) -> NewOrganizationDialog:
        dialogs_open = [d for d in owner.findChildren(NewOrganizationDialog) if d.isVisible()]
        assert len(dialogs_open) == 1, dialogs_open
        return dialogs_open[0]

    def fill_org_dialog(
        self,
        dialog: NewOrganizationDialog,
        *,
        name: str | None = None,
        acronym: str | None = None,
        takes_the: bool = False,
    ) -> None:
        if name is not None:
            self.type(dialog.name, name)
        if acronym is not None:
            self.type(dialog.acronym, acronym)
        dialog.takes_the.setChecked(takes_the)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.field_error("name")


@pytest.fixture
def user(qtbot: QtBot) -> User:
    return User(qtbot)


@pytest.fixture
def page(demo_database: Database, qtbot: QtBot, answers: Answers) -> EventsPage:
    """The Events page over the demo data, shown at a desktop size, the seminar open."""
    widget = EventsPage(demo_database)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.select_row(0)
    assert widget.editor.record_id == 1
    return widget
