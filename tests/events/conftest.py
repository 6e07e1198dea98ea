"""Events page fixtures: a ``User`` that types, picks from lookups and fills the small
creation dialogs, and the Events page over the demo data (``answers`` and the Qt settings
come from tests/conftest.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.ui.events_page import EventsPage
from desktop.ui.lookup import LookupEdit
from desktop.ui.organization_dialog import NewOrganizationDialog

if TYPE_CHECKING:
    from tests.conftest import DialogRecorder


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
def page(demo_database: Database, qtbot: QtBot, answers: DialogRecorder) -> EventsPage:
    """The Events page over the demo data, shown at a desktop size, the seminar open."""
    widget = EventsPage(demo_database)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.select_row(0)
    assert widget.editor.record_id == 1
    return widget
