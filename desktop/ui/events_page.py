"""The Events page (placeholder until the Events issue replaces this module).

Interface the main window relies on: ``EventsPage(database, parent=None)`` is a
``desktop.ui.pages.Page`` with ``title = "Events"`` and ``settings_key = "events"``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from db.session import Database
from desktop.ui.pages import PlaceholderPage


class EventsPage(PlaceholderPage):
    title = "Events"
    settings_key = "events"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__("Events", "The Events page is on its way.", parent)
        self.database = database
