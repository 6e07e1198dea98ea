"""Start-up and opening a database: each problem gets its sentence and its way forward
(locate, new, read-only, restore a backup), the file is locked for editing, backed up at
start, and the lock is released on close.  Only the modal questions are scripted (at
``desktop.ui.dialogs``); files, locks, backups and windows are real."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from db import backup
from db.session import Database, open_database
from desktop import app as desktop_app
from desktop.app import open_or_explain
from desktop.ui import crash, database_actions, dialogs
from desktop.ui.database_actions import OpenedDatabase
from desktop.ui.lock import DatabaseLock, lock_path
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import OFFSCREEN_NOISE


class Script:
    """Answers for the questions the shell asks beyond ``answers`` (tests/conftest.py):
    queued in order; an unexpected question fails the test."""

    def __init__(self, answers) -> None:  # type: ignore[no-untyped-def]
        self.answers = answers
        self.choices: list[str | None] = []
        self.open_files: list[str | None] = []
        self.save_files: list[str | None] = []
        self.backups: list[Path | None] = []
        self.problems: list[tuple[str, list[str]]] = []

    @property
    def asked(self) -> list[tuple[str, str]]:
        return self.answers.asked  # type: ignore[no-any-return]

    def kinds(self) -> list[str]:
        return self.answers.kinds()  # type: ignore[no-any-return]

    def texts(self, kind: str) -> list[str]:
        return self.answers.texts(kind)  # type: ignore[no-any-return]


def _next(queue: list, what: str):  # type: ignore[no-untyped-def, type-arg]
    assert queue, f"unexpected question: {what}"
    return queue.pop(0)


@pytest.fixture
def shell(answers, monkeypatch: pytest.MonkeyPatch) -> Script:  # type: ignore[no-untyped-def]
    script = Script(answers)

    def ask_choice(parent, title, text, choices, **_k):  # type: ignore[no-untyped-def]
        answers.asked.append(("choice", text))
        answer = _next(script.choices, f"choice {text!r}")
        assert answer is None or answer in choices, (answer, choices)
        return answer

    def open_file(parent, caption, directory="", filter=""):  # type: ignore[no-untyped-def]
        answers.asked.append(("open_file", caption))
        return _next(script.open_files, f"open file {caption!r}")

    def save_file(parent, caption, directory="", filter=""):  # type: ignore[no-untyped-def]
        answers.asked.append(("save_file", caption))
        return _next(script.save_files, f"save file {caption!r}")

    def choose_backup(parent, path):  # type: ignore[no-untyped-def]
        answers.asked.append(("choose_backup", str(path)))
        return _next(script.backups, "choose backup")

    def show_problems(parent, title, text, problems):  # type: ignore[no-untyped-def]
        answers.asked.append(("problems", text))
        script.problems.append((text, list(problems)))

    monkeypatch.setattr(dialogs, "ask_choice", ask_choice)
    monkeypatch.setattr(dialogs, "get_open_file_name", open_file)
    monkeypatch.setattr(dialogs, "get_save_file_name", save_file)
    monkeypatch.setattr(dialogs, "choose_backup", choose_backup)
    monkeypatch.setattr(dialogs, "show_problems", show_problems)
    return script


@pytest.fixture
def opened_list() -> Iterator[list[OpenedDatabase]]:
    """Close (dispose, unlock) whatever a test opened."""
    opened: list[OpenedDatabase] = []
    yield opened
    for item in opened:
        item.close()


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_db(path: Path) -> Path:
    open_database(path, create=True).dispose()
    return path


# Opening problems -----------------------------------------------------------------------


def test_missing_file_is_never_created_silently(qtbot, tmp_path: Path, shell: Script) -> None:  # type: ignore[no-untyped-def]
    shell.choices = [None]
    assert open_or_explain(str(tmp_path / "nowhere.db")) is None
    assert shell.kinds() == ["choice"]
    (message,) = shell.texts("choice")
    assert message.startswith(f"There is no database at {tmp_path / 'nowhere.db'}:")
    assert "forumdesk init" not in message  # the GUI offers the button instead
    assert not (tmp_path / "nowhere.db").exists()
    assert not lock_path(tmp_path / "nowhere.db").exists()


def test_missing_file_locate(qtbot, tmp_path: Path, shell: Script, opened_list) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "moved").mkdir()
    real = make_db(tmp_path / "moved" / "records.db")
    shell.choices = [database_actions.LOCATE]
    shell.open_files = [str(real)]
    opened = open_or_explain(str(tmp_path / "records.db"))
    assert opened is not None
    opened_list.append(opened)
    assert opened.database.path == real and not opened.database.read_only
    assert opened.lock is not None and opened.lock.is_held()
    assert not (tmp_path / "records.db").exists()


def test_missing_file_new_database(qtbot, tmp_path: Path, shell: Script, opened_list) -> None:  # type: ignore[no-untyped-def]
    shell.choices = [database_actions.NEW_DATABASE]
    shell.save_files = [str(tmp_path / "fresh")]  # no suffix typed: .db is added
    opened = open_or_explain(str(tmp_path / "gone.db"))
    assert opened is not None
    opened_list.append(opened)
    assert opened.database.path == tmp_path / "fresh.db"
    assert (tmp_path / "fresh.db").stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "gone.db").exists()
    assert shell.kinds() == ["choice", "save_file"]


def test_new_database_never_replaces_a_file(qtbot, tmp_path: Path, shell: Script) -> None:  # type: ignore[no-untyped-def]
    existing = make_db(tmp_path / "keep.db")
    before = checksum(existing)
    shell.save_files = [str(existing)]
    assert database_actions.new_database(None, tmp_path) is None
    (message,) = shell.texts("error")
    assert "already exists" in message
    assert checksum(existing) == before


def test_read_only_file_offers_read_only(qtbot, tmp_path: Path, shell: Script, opened_list) -> None:  # type: ignore[no-untyped-def]
    path = make_db(tmp_path / "archive.db")
    path.chmod(0o444)
    before = checksum(path)
    shell.answers.confirm_answer = True
    opened = open_or_explain(str(path))
    assert opened is not None
    opened_list.append(opened)
    (question,) = shell.texts("confirm")
    assert "cannot be changed (the file is read-only)" in question
    assert opened.database.read_only and opened.lock is None
    assert checksum(path) == before


def test_damaged_file_restores_a_backup(qtbot, tmp_path: Path, shell: Script, opened_list) -> None:  # type: ignore[no-untyped-def]
    from db import repository
    from db.records import OrganizationRecord

    path = tmp_path / "records.db"
    database = open_database(path, create=True)
    with database.write() as session:
        repository.save_organization(session, OrganizationRecord(name="Tsinghua University"))
    database.dispose()
    good = backup.take_backup(path, "manual")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # truncated
    damaged = path.read_bytes()
    shell.choices = [database_actions.RESTORE_BACKUP]
    shell.backups = [good]
    opened = open_or_explain(str(path))
    assert opened is not None
    opened_list.append(opened)
    (message,) = shell.texts("choice")
    assert "truncated" in message and "File → Backups" in message
    with opened.database.read() as session:
        assert repository.get_organization(session, 1).name == "Tsinghua University"
    # The damaged file is kept, byte for byte, beside the backups.
    kept = [b for b in backup.list_backups(path) if b.reason == "damaged"]
    assert [k.path.read_bytes() for k in kept] == [damaged]


def test_damaged_file_without_backup_offers_another_file(
    qtbot, tmp_path: Path, shell: Script
) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "notes.db"
    bogus.write_text("shopping list\n", encoding="utf-8")
    shell.choices = [None]
    assert open_or_explain(str(bogus)) is None
    (message,) = shell.texts("choice")
    assert "is not a Forum Desk database" in message and "Traceback" not in message
    assert bogus.read_text(encoding="utf-8") == "shopping list\n"
    assert not lock_path(bogus).exists()


def test_synced_folder_is_refused_with_the_sentence(qtbot, tmp_path: Path, shell: Script) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    path = make_db(tmp_path / "local.db").rename(folder / "records.db")
    before = checksum(path)
    assert open_or_explain(str(path)) is None
    (message,) = shell.texts("error")
    assert "synced folder" in message and "shared-server mode" in message
    assert checksum(path) == before
    assert not lock_path(path).exists()


def test_second_instance_is_told_who_and_may_read(
    qtbot, db_path: Path, database: Database, shell: Script, settings: QSettings, opened_list
) -> None:  # type: ignore[no-untyped-def]
    first = DatabaseLock(db_path)
    first.acquire()
    try:
        shell.answers.confirm_answer = False
        assert open_or_explain(str(db_path)) is None
        shell.answers.confirm_answer = True
        opened = open_or_explain(str(db_path))
        assert opened is not None
        opened_list.append(opened)
    finally:
        first.release()
    first_question, _ = shell.texts("confirm")
    assert f"process {os.getpid()}" in first_question and "read-only" in first_question
    assert opened.database.read_only and opened.lock is None

    # The window says so and does not invite work that could not be saved: New, Save,
    # Delete are off, the form's inputs are read-only and say why.
    window = MainWindow(opened.database, settings, lock=opened.lock)
    qtbot.addWidget(window)
    window.show()
    assert "(read-only)" in window.windowTitle()
    assert window.read_only_label.isVisible()
    assert "read-only" in window.statusBar().currentMessage()
    assert not window.import_action.isEnabled()
    assert window.show_page("people")
    for action in (window.new_action, window.save_action, window.delete_action):
        assert not action.isEnabled()
    page = window.current_page
    editor = page.person_editor  # type: ignore[attr-defined]
    assert editor.read_only_notice.isVisibleTo(window)
    assert editor.family_name.isReadOnly() and not editor.save_button.isEnabled()
    qtbot.keyClicks(editor.family_name, "Okafor")
    assert editor.family_name.text() == "" and not editor.is_dirty()
    # Saving anyway (a path that bypasses the disabled buttons) is one sentence.
    assert not window.current_page.save()
    (sentence,) = shell.texts("error")
    assert sentence.endswith("is open read-only; changes cannot be saved.")


HOLDER = """
import sys
from PySide6.QtCore import QLockFile
held = QLockFile(sys.argv[1])
held.setStaleLockTime(0)
assert held.tryLock(0)
print("locked", flush=True)
sys.stdin.read()
"""


def test_stale_lock_of_a_killed_process_is_taken_over(
    qtbot, db_path: Path, database: Database, shell: Script, opened_list
) -> None:  # type: ignore[no-untyped-def]
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path(db_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        holder.kill()
        holder.wait(timeout=30)
    assert lock_path(db_path).exists()
    opened = open_or_explain(str(db_path))
    assert opened is not None
    opened_list.append(opened)
    assert opened.lock is not None and opened.lock.is_held()
    assert shell.asked == []


@OFFSCREEN_NOISE
def test_run_locks_backs_up_and_releases_on_close(
    qtbot, qapp: QApplication, db_path: Path, database: Database, shell: Script
) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}
    style_sheet = qapp.styleSheet()
    names = (qapp.organizationName(), qapp.applicationName())

    def look_and_close() -> None:
        try:
            window = next(
                w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
            )
            seen["title"] = window.windowTitle()
            seen["locked"] = lock_path(db_path).exists()
            seen["backups"] = [b.reason for b in backup.list_backups(db_path)]
            seen["recent"] = database_actions.recent_files(window.settings)
        finally:
            for widget in qapp.topLevelWidgets():
                if isinstance(widget, MainWindow):
                    widget.close()

    QTimer.singleShot(0, look_and_close)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(qapp.quit)
    watchdog.start(20_000)
    try:
        assert desktop_app.run(str(db_path)) == 0
    finally:
        watchdog.stop()
        handler = qapp.findChild(crash.CrashHandler, "crash_handler")
        if handler is not None:
            handler.uninstall()
            handler.setParent(None)
        qapp.setStyleSheet(style_sheet)
        qapp.setOrganizationName(names[0])
        qapp.setApplicationName(names[1])
    assert seen["title"] == f"{db_path}[*] — Forum Desk"
    assert seen["locked"] is True
    assert seen["backups"] == ["start"]
    assert seen["recent"] == [str(db_path)]
    assert not lock_path(db_path).exists()  # released on close
    assert shell.asked == []


def test_auto_backup_failure_goes_to_the_status_bar(
    qtbot, db_path: Path, database: Database, settings: QSettings, shell: Script
) -> None:  # type: ignore[no-untyped-def]
    (db_path.parent / "backups").write_text("not a folder", encoding="utf-8")
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    window.start_auto_backup()
    message = window.statusBar().currentMessage()
    assert message.startswith("No backup was made: ") and "Traceback" not in message
    assert window.auto_backup.timer.isActive()
    assert shell.asked == []
