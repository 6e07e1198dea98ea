"""File → Backups, History and Trash dialogs, driven like a user (real widgets)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db import backup, repository, trash
from db.models import Organization
from db.records import OrganizationRecord
from db.session import Database
from desktop.ui import dialogs
from desktop.ui.backups_dialog import AutoBackup, BackupsDialog
from desktop.ui.history_view import HistoryDialog
from desktop.ui.trash_dialog import TrashDialog


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(parent: Any, title: str, text: str, action: str = "OK", **_: Any) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", lambda *a: asked.append(a[2]))
    monkeypatch.setattr(dialogs, "error", lambda *a: pytest.fail(f"error dialog: {a[2]}"))
    return asked


def test_backups_dialog_lists_and_restores(
    qtbot: QtBot, database: Database, confirmations: list[str]
) -> None:
    auto = AutoBackup(database)
    auto.start()
    assert database.path is not None
    with database.write() as session:
        org = repository.save_organization(session, OrganizationRecord(name="Before restore"))
    auto.tick()  # something changed: a periodic backup
    auto.tick()  # nothing changed since: none
    reasons = [b.reason for b in backup.list_backups(database.path)]
    assert reasons == ["periodic", "start"]
    with database.write() as session:
        repository.save_organization(session, dataclasses.replace(org, name="After the backup"))

    dialog = BackupsDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "While editing"
    dialog.table.selectRow(0)
    dialog.grab().save("/tmp/backups_dialog.png")
    with qtbot.waitSignal(dialog.restored):
        dialog.restore_button.click()
    assert "Replace the contents" in confirmations[0]
    with database.read() as session:
        assert repository.get_organization(session, org.id or 0).name == "Before restore"
    assert dialog.table.rowCount() == 3  # plus the copy taken before the restore
    auto.timer.stop()


def test_history_dialog_shows_changes_and_reverts(
    qtbot: QtBot, database: Database, confirmations: list[str]
) -> None:
    with database.write() as session:
        org = repository.save_organization(
            session, OrganizationRecord(name="China Forum", city="Beijing")
        )
    with database.write() as session:
        repository.save_organization(session, dataclasses.replace(org, city="Shenzhen"))
    dialog = HistoryDialog(database, "organization", org.id or 0, "China Forum")
    qtbot.addWidget(dialog)
    dialog.show()
    top = dialog.tree.topLevelItem(0)
    assert top.text(2) == "Changed"
    assert top.child(0).text(2) == "City" and top.child(0).text(3) == "Beijing → Shenzhen"
    dialog.tree.setCurrentItem(top)
    dialog.grab().save("/tmp/history_dialog.png")
    with qtbot.waitSignal(dialog.reverted):
        dialog.revert_button.click()
    assert dialog.tree.topLevelItem(0).text(2) == "Reverted"
    with database.read() as session:
        assert repository.get_organization(session, org.id or 0).city == "Beijing"


def test_trash_dialog_restores_with_links_and_empties(
    qtbot: QtBot, demo_database: Database, confirmations: list[str]
) -> None:
    with demo_database.write() as session:
        org_id = session.scalar(select(Organization.id).where(Organization.acronym == "SFICE"))
        assert org_id is not None
        trash.trash_organization(session, org_id, with_dependents=True)
        repository.delete_release(session, 3)
    dialog = TrashDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 2
    names = [dialog.table.item(r, 2).text() for r in range(2)]
    row = next(r for r, n in enumerate(names) if n.startswith("Shenzhen Foundation"))
    assert "with 2 linked records" in names[row]
    dialog.table.selectRow(row)
    dialog.grab().save("/tmp/trash_dialog.png")
    with qtbot.waitSignal(dialog.changed):
        dialog.restore_button.click()
    with demo_database.read() as session:
        assert repository.organization_usage(session, org_id)
    assert dialog.table.rowCount() == 1
    with qtbot.waitSignal(dialog.changed):
        dialog.empty_button.click()
    assert "for good" in confirmations[-1]
    assert dialog.table.rowCount() == 0
