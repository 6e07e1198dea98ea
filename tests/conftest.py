"""Shared fixtures: a fresh real SQLite database per test, the demo data, Qt settings in a
temporary folder, and ``answers`` — the one stand-in for the modal dialogs."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Real Qt widgets, no display: set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from db.session import Database, open_database

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from desktop.ui.dialogs import Answer, ConflictChoice

REPO_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = REPO_ROOT.parent / "shared" / "reference"
REFERENCE_RELEASE = REFERENCE_DIR / "seminar-2021-11-19.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the developer's real data folder, settings or database."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("FORUMDESK_DATA_DIR", str(home))
    monkeypatch.delenv("FORUMDESK_DATABASE", raising=False)


@pytest.fixture(autouse=True)
def _temp_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """QSettings never touch the real user configuration in tests."""
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("ForumDeskTests")
    QCoreApplication.setApplicationName("ForumDeskTests")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """A settings file of the test's own (what MainWindow is given)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "forumdesk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "forumdesk.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """A fresh, migrated database file."""
    db = open_database(db_path, create=True)
    yield db
    db.dispose()


@pytest.fixture
def demo_database(database: Database) -> Database:
    """A fresh database holding the demo data."""
    from desktop.cli import freezer
    from desktop.exchange.demo import load_demo

    load_demo(database, freezer())
    return database


class DialogRecorder:
    """Stands in for ``desktop.ui.dialogs``: records each question as ``(kind, text)`` in
    ``asked`` and answers from what the test set.

    Kinds: "save" (Save/Discard/Cancel, with the record's name), "confirm", "inform"
    (also About), "error", "conflict", "duplicate" (the event's title), "save_file" (the
    suggested path), "print" (the printer's page size).
    """

    def __init__(self) -> None:
        from desktop.ui import dialogs

        self.asked: list[tuple[str, str]] = []
        self.save_answer: Answer = dialogs.Answer.CANCEL
        self.confirm_answer = True
        self.confirm_answers: list[bool] = []
        """Answers for the next confirmations in turn (then ``confirm_answer``)."""
        self.conflict_answer: ConflictChoice = dialogs.ConflictChoice.KEEP_EDITING
        self.duplicate_answer: tuple[dt.date, bool] | None = None
        """Duplicate Event: (new start, copy participants), or None for Cancel."""
        self.save_as: str | None = None
        """The file name a save-file dialog returns (None: cancelled)."""
        self.print_to: str | None = None
        """A PDF file the print dialog prints to (None: cancelled)."""

    @property
    def confirm(self) -> bool:
        """Shorter name for ``confirm_answer``."""
        return self.confirm_answer

    @confirm.setter
    def confirm(self, answer: bool) -> None:
        self.confirm_answer = answer

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.asked]

    def texts(self, kind: str) -> list[str]:
        return [text for k, text in self.asked if k == kind]


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    """Patch every modal dialog at the one seam; tests set the answers they want."""
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui import dialogs

    rec = DialogRecorder()

    def ask_save(parent: object, what: str) -> Answer:
        rec.asked.append(("save", what))
        return rec.save_answer

    def confirm(parent: object, title: str, text: str, *a: object, **k: object) -> bool:
        rec.asked.append(("confirm", text))
        if rec.confirm_answers:
            return rec.confirm_answers.pop(0)
        return rec.confirm_answer

    def record(kind: str):  # type: ignore[no-untyped-def]
        def answer(parent: object, title: str, text: str) -> None:
            rec.asked.append((kind, text))

        return answer

    def conflict(parent: object, text: str) -> ConflictChoice:
        rec.asked.append(("conflict", text))
        return rec.conflict_answer

    def duplicate(parent: object, title: str, start: dt.date) -> tuple[dt.date, bool] | None:
        rec.asked.append(("duplicate", title))
        return rec.duplicate_answer

    def save_file(
        parent: object, caption: str, directory: str = "", filter: str = ""
    ) -> str | None:
        rec.asked.append(("save_file", directory))
        return rec.save_as

    def print_dialog(parent: object, printer: QPrinter) -> bool:
        assert isinstance(printer, QPrinter)
        rec.asked.append(("print", printer.pageLayout().pageSize().name()))
        if rec.print_to is None:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(rec.print_to)
        return True

    monkeypatch.setattr(dialogs, "ask_save_discard_cancel", ask_save)
    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", record("inform"))
    monkeypatch.setattr(dialogs, "about", record("inform"))
    monkeypatch.setattr(dialogs, "error", record("error"))
    monkeypatch.setattr(dialogs, "ask_conflict", conflict)
    monkeypatch.setattr(dialogs, "ask_duplicate_event", duplicate)
    monkeypatch.setattr(dialogs, "get_save_file_name", save_file)
    monkeypatch.setattr(dialogs, "print_dialog", print_dialog)
    return rec


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests that use qtbot are GUI tests (so `-m "not gui"` runs the Qt-free suite).
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
