"""The Releases page (placeholder until the Releases issue replaces this module).

Interface the main window relies on: ``ReleasesPage(database, parent=None)`` is a
``desktop.ui.pages.Page`` with ``title = "Releases"`` and ``settings_key = "releases"``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from db.session import Database
from desktop.ui.pages import PlaceholderPage


class ReleasesPage(PlaceholderPage):
    title = "Releases"
    settings_key = "releases"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__("Releases", "The Releases page is on its way.", parent)
        self.database = database
