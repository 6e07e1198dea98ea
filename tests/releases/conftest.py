"""Releases test fixtures: the demo database's reference release, dialogs at the seam."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from db import repository
from db.records import HouseStyleRecord
from db.session import Database
from desktop.press.compose import compose_release
from desktop.press.document import ReleaseDocument

REFERENCE_RELEASE_ID = 2  # the seminar of November 19, 2021 (demo data)


@pytest.fixture
def reference(demo_database: Database) -> tuple[ReleaseDocument, HouseStyleRecord]:
    with demo_database.read() as session:
        return compose_release(session, REFERENCE_RELEASE_ID), repository.get_house_style(session)


@pytest.fixture(autouse=True)
def _temp_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """QSettings never touch the real user configuration in tests."""
    from PySide6.QtCore import QCoreApplication, QSettings

    folder: Path = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("ForumDeskTests")
    QCoreApplication.setApplicationName("ForumDeskTests")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield


class Answers:
    """Stands in for the modal dialogs: records each question, answers from a script."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.confirm = True
        self.save_as: str | None = None
        self.print_to: str | None = None

    def texts(self, kind: str) -> list[str]:
        return [text for k, text in self.asked if k == kind]


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    from desktop.ui import dialogs

    rec = Answers()

    def confirm(parent: object, title: str, text: str, *a: object, **k: object) -> bool:
        rec.asked.append(("confirm", text))
        return rec.confirm

    def error(parent: object, title: str, text: str) -> None:
        rec.asked.append(("error", text))

    def ask_save(parent: object, what: str) -> dialogs.Answer:
        rec.asked.append(("save", what))
        return dialogs.Answer.CANCEL

    def conflict(parent: object, text: str) -> dialogs.ConflictChoice:
        rec.asked.append(("conflict", text))
        return dialogs.ConflictChoice.KEEP_EDITING

    def save_name(
        parent: object, caption: str, directory: str = "", filter: str = ""
    ) -> str | None:
        rec.asked.append(("save_file", directory))
        return rec.save_as

    def print_dialog(parent: object, printer: object) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        assert isinstance(printer, QPrinter)
        rec.asked.append(("print", printer.pageLayout().pageSize().name()))
        if rec.print_to is None:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(rec.print_to)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "error", error)
    monkeypatch.setattr(dialogs, "inform", error)
    monkeypatch.setattr(dialogs, "ask_save_discard_cancel", ask_save)
    monkeypatch.setattr(dialogs, "ask_conflict", conflict)
    monkeypatch.setattr(dialogs, "get_save_file_name", save_name)
    monkeypatch.setattr(dialogs, "print_dialog", print_dialog)
    return rec
