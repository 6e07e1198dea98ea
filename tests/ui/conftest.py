"""UI test fixtures: settings in a temp file, dialogs answered by the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from desktop.ui import dialogs


@pytest.fixture(autouse=True)
def _temp_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """QSettings never touch the real user configuration in tests."""
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("ForumDeskTests")
    QCoreApplication.setApplicationName("ForumDeskTests")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "forumdesk.ini"), QSettings.Format.IniFormat)


class DialogRecorder:
    """Stands in for ``desktop.ui.dialogs``: records each question, answers from a script."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.save_answer = dialogs.Answer.CANCEL
        self.confirm_answer = True
        self.confirm_answers: list[bool] = []
        """Answers for the next confirmations in turn (then ``confirm_answer``)."""
        self.conflict_answer = dialogs.ConflictChoice.KEEP_EDITING

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.asked]

    def texts(self, kind: str) -> list[str]:
        return [text for k, text in self.asked if k == kind]


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    """Patch every modal dialog at the one seam; tests set the answers they want."""
    rec = DialogRecorder()

    def ask_save(parent: object, what: str) -> dialogs.Answer:
        rec.asked.append(("save", what))
        return rec.save_answer

    def confirm(parent: object, title: str, text: str, *a: object, **k: object) -> bool:
        rec.asked.append(("confirm", text))
        if rec.confirm_answers:
            return rec.confirm_answers.pop(0)
        return rec.confirm_answer

    def inform(parent: object, title: str, text: str) -> None:
        rec.asked.append(("inform", text))

    def error(parent: object, title: str, text: str) -> None:
        rec.asked.append(("error", text))

    def conflict(parent: object, text: str) -> dialogs.ConflictChoice:
        rec.asked.append(("conflict", text))
        return rec.conflict_answer

    monkeypatch.setattr(dialogs, "ask_save_discard_cancel", ask_save)
    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", inform)
    monkeypatch.setattr(dialogs, "error", error)
    monkeypatch.setattr(dialogs, "about", inform)
    monkeypatch.setattr(dialogs, "ask_conflict", conflict)
    return rec
