"""The File and Edit menus of the main window, driven against real database files:
switching databases (after the unsaved-changes prompt), recent files, import/export,
backups, trash, history, the release commands, and the Events → Releases hand-over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu
from sqlalchemy import func, select

from db import backup, repository
from db.models import Organization
from db.session import Database, open_database
from desktop.exchange.json_format import export_data
from desktop.ui import database_actions, dialogs
from desktop.ui.backups_dialog import BackupsDialog
from desktop.ui.history_view import HistoryDialog
from desktop.ui.lock import DatabaseLock, lock_path
from desktop.ui.main_window import MainWindow
from desktop.ui.trash_dialog import TrashDialog
from tests.ui import test_app
from tests.ui.helpers import OFFSCREEN_NOISE
from tests.ui.test_app import Script, make_db

shell = test_app.shell  # the scripted-questions fixture

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def window(qtbot, demo_database: Database, settings: QSettings, db_path: Path):  # type: ignore[no-untyped-def]
    lock = DatabaseLock(db_path)
    lock.acquire()
    win = MainWindow(demo_database, settings, lock=lock)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.lock is not None:
        win.lock.release()
    if win.database is not demo_database:
        win.database.dispose()


def all_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        found.append(action)
        if action.menu() is not None:
            found.extend(all_actions(action.menu()))  # type: ignore[arg-type]
    return found


def test_every_command_has_a_status_tip_and_standard_keys(window: MainWindow) -> None:
    for menu in (window.file_menu, window.edit_menu, window.view_menu, window.help_menu):
        for action in all_actions(menu):
            if action.text() == "No recent databases":
                continue
            assert action.statusTip(), f"{action.text()} has no status tip"
    names = [a.text() for a in all_actions(window.file_menu)]
    for wanted in (
        "New &Database…",
        "&Open Database…",
        "Open &Recent",
        "&Import Data…",
        "E&xport Data…",
        "&Backups…",
        "&Trash…",
        "House St&yle…",
        "&Print…",
        "Print Pre&view…",
        "Export Re&lease",
        "&Quit",
    ):
        assert wanted in names
    edit = [a.text() for a in all_actions(window.edit_menu)]
    assert "Copy Release as &HTML" in edit and "&History…" in edit
    standard = QKeySequence.StandardKey
    assert window.open_database_action.shortcut() == QKeySequence(standard.Open)
    assert window.print_action.shortcut() == QKeySequence(standard.Print)
    assert window.quit_action.shortcut() == QKeySequence(standard.Quit)


def test_new_database_asks_about_changes_then_switches(
    qtbot, window: MainWindow, shell: Script, tmp_path: Path, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.show_page("organizations")
    page = window.current_page
    page.open_record(1)
    editor = page.organization_editor  # type: ignore[attr-defined]
    qtbot.keyClicks(editor.city, " West")
    shell.answers.save_answer = dialogs.Answer.CANCEL
    window.new_database_action.trigger()
    assert shell.kinds() == ["save"]  # no file was asked for: the user stayed
    assert window.database.path == db_path and editor.city.text() == "Beijing West"

    shell.answers.save_answer = dialogs.Answer.DISCARD
    shell.save_files = [str(tmp_path / "second.db")]
    window.new_database_action.trigger()
    assert window.database.path == tmp_path / "second.db"
    assert str(tmp_path / "second.db") in window.windowTitle()
    assert window.current_page.settings_key == "organizations"
    assert window.current_page.model.rowCount() == 0  # type: ignore[attr-defined]
    assert window.lock is not None and window.lock.database_path == tmp_path / "second.db"
    assert not lock_path(db_path).exists()  # the first file's lock is released
    assert lock_path(tmp_path / "second.db").exists()
    assert database_actions.recent_files(window.settings)[0] == str(tmp_path / "second.db")


def test_open_database_and_recent_files(
    qtbot, window: MainWindow, shell: Script, tmp_path: Path, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    other = make_db(tmp_path / "other.db")
    shell.open_files = [str(other)]
    window.open_database_action.trigger()
    assert window.database.path == other
    assert window.page("people").model.rowCount() == 0  # type: ignore[attr-defined]
    # Back to the first through Open Recent (the menu lists both, newest first).
    window._fill_recent_menu()
    recent = [a for a in window.recent_menu.actions() if a.data()]
    assert [a.data() for a in recent] == [str(other)]
    database_actions.remember(window.settings, open_database(db_path, upgrade=False))
    window._fill_recent_menu()
    entry = next(a for a in window.recent_menu.actions() if a.data() == str(db_path))
    entry.trigger()
    assert window.database.path == db_path
    assert window.page("people").model.rowCount() == 9  # type: ignore[attr-defined]
    assert shell.kinds() == ["open_file"]


def test_recent_file_that_is_gone_offers_locate_or_remove(
    qtbot, window: MainWindow, shell: Script, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    gone = str(tmp_path / "moved-away.db")
    window.settings.setValue(database_actions.RECENT_KEY, [gone])
    window._fill_recent_menu()
    entry = next(a for a in window.recent_menu.actions() if a.data() == gone)
    assert entry.text().endswith("(not found)")
    shell.choices = [database_actions.REMOVE_FROM_LIST]
    entry.trigger()
    assert "is no longer there" in shell.texts("choice")[0]
    assert database_actions.recent_files(window.settings) == []
    assert not Path(gone).exists()

    found = make_db(tmp_path / "found.db")
    window.settings.setValue(database_actions.RECENT_KEY, [gone])
    shell.choices = [database_actions.LOCATE]
    shell.open_files = [str(found)]
    assert window.open_recent(gone)
    assert window.database.path == found
    assert database_actions.recent_files(window.settings)[0] == str(found)
    assert gone not in database_actions.recent_files(window.settings)


def test_import_lists_problems_and_writes_nothing_then_imports(
    qtbot, window: MainWindow, shell: Script, tmp_path: Path, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    exchange = tmp_path / "demo.json"
    export_data(window.database, exchange)
    # Into a fresh database: first a file with two mistakes, then the good one.
    shell.save_files = [str(tmp_path / "fresh.db")]
    window.new_database_action.trigger()
    fresh = window.database
    document = json.loads(exchange.read_text(encoding="utf-8"))
    document["organizations"][1]["name"] = ""
    document["people"][0]["family_name"] = ""
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    shell.open_files = [str(broken)]
    window.import_action.trigger()
    ((text, problems),) = shell.problems
    assert "2 problems" in text and "Nothing was changed" in text
    assert len(problems) == 2 and all("Traceback" not in p for p in problems)
    with fresh.read() as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 0
    assert window.page("people").model.rowCount() == 0  # type: ignore[attr-defined]
    assert [b.reason for b in backup.list_backups(tmp_path / "fresh.db")] == ["before-import"]

    shell.open_files = [str(exchange)]
    window.import_action.trigger()
    (summary,) = shell.texts("inform")
    assert summary.startswith("Imported 12 organizations, 9 people")
    assert window.page("people").model.rowCount() == 9  # type: ignore[attr-defined]


def test_export_data_writes_the_file(
    qtbot, window: MainWindow, shell: Script, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    shell.save_files = [str(tmp_path / "everything")]
    window.export_data_action.trigger()
    document = json.loads((tmp_path / "everything.json").read_text(encoding="utf-8"))
    assert len(document["people"]) == 9
    assert "Exported" in window.statusBar().currentMessage()


def test_backup_restore_reopens_and_rebuilds_pages(
    qtbot, window: MainWindow, shell: Script, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    backup.take_backup(db_path, "manual")
    window.show_page("people")
    page = window.current_page
    page.select_row(0)
    editor = page.person_editor  # type: ignore[attr-defined]
    person_id = editor.record_id
    qtbot.keyClicks(editor.phone, "+86 10 0000")
    assert window.current_page.save()
    window.backups_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, BackupsDialog) and dialog.isVisible()
    manual = next(i for i, b in enumerate(dialog.backups) if b.reason == "manual")
    dialog.table.selectRow(manual)
    old_database = window.database
    assert dialog.restore_selected()
    assert window.database is not old_database
    assert dialog.database is window.database
    new_page = window.current_page
    assert new_page is not page and new_page.settings_key == "people"
    with window.database.read() as session:
        assert repository.get_person(session, person_id).phone == ""
    new_page.open_record(person_id)
    assert new_page.person_editor.phone.text() == ""  # type: ignore[attr-defined]
    assert window.lock is not None and window.lock.is_held()


def test_trash_restore_refreshes_the_lists(qtbot, window: MainWindow, shell: Script) -> None:  # type: ignore[no-untyped-def]
    window.show_page("releases")
    page = window.current_page
    before = page.model.rowCount()  # type: ignore[attr-defined]
    with window.database.write() as session:
        repository.delete_release(session, 3)
    window.trash_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, TrashDialog)
    page.refresh()
    assert page.model.rowCount() == before - 1  # type: ignore[attr-defined]
    dialog.table.selectRow(0)
    assert dialog.restore_selected()
    assert page.model.rowCount() == before  # type: ignore[attr-defined]


def test_history_reverts_and_reloads_the_form(qtbot, window: MainWindow, shell: Script) -> None:  # type: ignore[no-untyped-def]
    window.show_page("organizations")
    page = window.current_page
    page.open_record(1)
    editor = page.organization_editor  # type: ignore[attr-defined]
    assert window.history_action.isEnabled()
    qtbot.keyClicks(editor.city, " West")
    assert page.save()
    # A change typed but not saved is asked about before the History opens.
    qtbot.keyClicks(editor.city, "ern")
    shell.answers.save_answer = dialogs.Answer.DISCARD
    window.history_action.trigger()
    assert shell.kinds() == ["save"]
    dialog = window.dialog
    assert isinstance(dialog, HistoryDialog)
    assert dialog.windowTitle() == "History — China Forum"
    top = dialog.tree.topLevelItem(0)
    dialog.tree.setCurrentItem(top)
    assert dialog.revert_selected()
    assert editor.city.text() == "Beijing" and not editor.is_dirty()
    with window.database.read() as session:
        assert repository.get_organization(session, 1).city == "Beijing"


def test_release_commands_follow_the_releases_page(
    qtbot, window: MainWindow, shell: Script, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window.show_page("people")
    assert not window.print_action.isEnabled()
    assert not window.copy_text_action.isEnabled()
    assert not window.export_release_menu.isEnabled()
    window.show_page("releases")
    page = window.current_page
    page.open_record(2)
    assert window.print_action.isEnabled() and window.copy_html_action.isEnabled()
    window.copy_text_action.trigger()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("China Forum Hosts Seminar on International")
    window.copy_html_action.trigger()
    assert "<h1>" in QGuiApplication.clipboard().mimeData().html()
    shell.save_files = [str(tmp_path / "release.txt")]
    txt = next(a for a in window.export_release_actions if a.objectName().endswith("_txt_action"))
    txt.trigger()
    assert (tmp_path / "release.txt").read_text(encoding="utf-8").startswith("China Forum Hosts")
    printed: list[str] = []
    monkeypatch.setattr(dialogs, "print_dialog", lambda parent, printer: printed.append("print"))
    monkeypatch.setattr(
        dialogs, "print_preview", lambda parent, printer, paint: printed.append("preview")
    )
    window.print_action.trigger()
    window.print_preview_action.trigger()
    assert printed == ["print", "preview"]
    # A new, unsaved release has nothing to print yet.
    window.new_action.trigger()
    assert not window.print_action.isEnabled()


def test_new_release_from_event_opens_it_on_the_releases_page(
    qtbot, window: MainWindow, shell: Script
) -> None:  # type: ignore[no-untyped-def]
    window.show_page("events")
    page = window.current_page
    page.open_record(1)
    with window.database.read() as session:
        before = {r for r in repository_release_ids(session)}
    qtbot.mouseClick(page.editor.release_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    with window.database.read() as session:
        (new_id,) = set(repository_release_ids(session)) - before
    releases = window.page("releases")
    assert window.current_page is releases
    assert releases.editor.record_id == new_id  # type: ignore[attr-defined]
    assert releases.editor.loaded.event_id == 1  # type: ignore[attr-defined]
    selected = releases.table.selectionModel().selectedRows()  # type: ignore[attr-defined]
    assert [releases.model.row_id(i.row()) for i in selected] == [new_id]  # type: ignore[attr-defined]
    assert window.print_action.isEnabled()


def repository_release_ids(session) -> list[int]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from db.models import PressRelease

    return list(session.scalars(select(PressRelease.id)))


def test_history_of_an_event_and_a_release(qtbot, window: MainWindow, shell: Script) -> None:  # type: ignore[no-untyped-def]
    for key, record_id, table in (("events", 1, "event"), ("releases", 2, "press_release")):
        window.show_page(key)
        window.current_page.open_record(record_id)
        assert window.history_action.isEnabled()
        window.history_action.trigger()
        dialog = window.dialog
        assert isinstance(dialog, HistoryDialog)
        assert (dialog.table_name, dialog.record_id) == (table, record_id)
        assert dialog.changes  # the demo's records were created through saves
        dialog.reject()
    assert shell.asked == []
