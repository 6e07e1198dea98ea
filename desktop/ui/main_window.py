"""The main window: navigation pane, pages, menus, toolbar, status bar and saved layout."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from db.session import Database
from desktop import __version__
from desktop.ui import dialogs
from desktop.ui.pages import Page

PageFactory = Callable[[Database], Page]


def default_pages() -> list[PageFactory]:
    """Events, Releases, People, Organizations — in navigation order."""
    from desktop.ui.events_page import EventsPage
    from desktop.ui.organizations_page import OrganizationsPage
    from desktop.ui.people_page import PeoplePage
    from desktop.ui.releases_page import ReleasesPage

    return [EventsPage, ReleasesPage, PeoplePage, OrganizationsPage]


class MainWindow(QMainWindow):
    """One window, one database; pages are switched in the navigation pane."""

    def __init__(
        self,
        database: Database,
        settings: QSettings,
        pages: Sequence[PageFactory] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.settings = settings
        self._guard = False
        self.setObjectName("main_window")
        self.setWindowTitle(f"{database.display_name}[*] — Forum Desk")

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Pages")
        self.navigation.setProperty("role", "navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.pages: list[Page] = []
        for factory in pages if pages is not None else default_pages():
            self._add_page(factory(database))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([150, 1130])
        self.navigation.setMinimumWidth(120)
        self.setCentralWidget(self.splitter)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.statusBar().setObjectName("status_bar")

        self.navigation.currentRowChanged.connect(self._navigated)
        self._restore()
        self._update_actions()

    # Pages ------------------------------------------------------------------------

    def _add_page(self, page: Page) -> None:
        self.pages.append(page)
        self.stack.addWidget(page)
        item = QListWidgetItem(page.title)
        item.setData(Qt.ItemDataRole.UserRole, page.settings_key)
        self.navigation.addItem(item)
        page.dirty_changed.connect(self._update_modified)
        page.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        page.open_requested.connect(self.open_record)

    @property
    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def page(self, key: str) -> Page:
        for page in self.pages:
            if page.settings_key == key:
                return page
        raise KeyError(key)

    def show_page(self, key: str) -> bool:
        """Switch to a page (asking about unsaved changes); False if the user stayed."""
        for row, page in enumerate(self.pages):
            if page.settings_key == key:
                self.navigation.setCurrentRow(row)
                return self.current_page is page
        return False

    def open_record(self, key: str, record_id: int) -> None:
        if self.show_page(key):
            self.page(key).open_record(record_id)

    def _navigated(self, row: int) -> None:
        if self._guard or row < 0:
            return
        old = self.current_page
        if self.pages[row] is old:
            return
        if not old.maybe_leave():
            self._guard = True
            try:
                self.navigation.setCurrentRow(self.pages.index(old))
            finally:
                self._guard = False
            return
        self.stack.setCurrentIndex(row)
        self._update_actions()
        self._update_modified()

    def _update_modified(self, *_args: object) -> None:
        self.setWindowModified(any(p.has_unsaved_changes() for p in self.pages))

    def _update_actions(self) -> None:
        editable = self.current_page.has_records
        for action in (self.new_action, self.save_action, self.revert_action, self.delete_action):
            action.setEnabled(editable)
        self.find_action.setEnabled(editable)

    # Actions, menus, toolbar ------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | QKeySequence | None = None,
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(text.replace("&", "").replace("…", "").strip().lower() + "_action")
        if shortcut is not None:
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        pix = QStyle.StandardPixmap
        self.new_action = self._action(
            "&New",
            lambda: self.current_page.new_record(),
            QKeySequence.StandardKey.New,
            pix.SP_FileIcon,
            "Start a new record on this page",
        )
        self.save_action = self._action(
            "&Save",
            lambda: self.current_page.save(),
            QKeySequence.StandardKey.Save,
            pix.SP_DialogSaveButton,
            "Save the record shown",
        )
        self.revert_action = self._action(
            "&Revert",
            lambda: self.current_page.revert(),
            None,
            pix.SP_BrowserReload,
            "Discard the changes to the record shown (Esc)",
        )
        self.delete_action = self._action(
            "&Delete…",
            lambda: self.current_page.delete_record(),
            None,
            pix.SP_TrashIcon,
            "Delete the record shown",
        )
        self.find_action = self._action(
            "&Find",
            lambda: self.current_page.focus_search(),
            QKeySequence.StandardKey.Find,
            pix.SP_FileDialogContentsView,
            "Search the list on this page",
        )
        self.close_action = self._action(
            "&Close Window", self.close, QKeySequence.StandardKey.Close
        )
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        def on_focus(method: str) -> Callable[[], None]:
            def run() -> None:
                widget = QApplication.focusWidget()
                if widget is not None and hasattr(widget, method):
                    getattr(widget, method)()

            return run

        self.undo_action = self._action("&Undo", on_focus("undo"))
        self.redo_action = self._action("&Redo", on_focus("redo"))
        self.cut_action = self._action("Cu&t", on_focus("cut"))
        self.copy_action = self._action("&Copy", on_focus("copy"))
        self.paste_action = self._action("&Paste", on_focus("paste"))
        # Shown in the menu for discovery; the fields handle these keys themselves.
        for action, key in (
            (self.undo_action, QKeySequence.StandardKey.Undo),
            (self.redo_action, QKeySequence.StandardKey.Redo),
            (self.cut_action, QKeySequence.StandardKey.Cut),
            (self.copy_action, QKeySequence.StandardKey.Copy),
            (self.paste_action, QKeySequence.StandardKey.Paste),
        ):
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        self.page_actions: list[QAction] = []
        for number, page in enumerate(self.pages, start=1):
            key = page.settings_key
            action = self._action(
                f"&{page.title}", lambda k=key: self.show_page(k), QKeySequence(f"Ctrl+{number}")
            )
            action.setObjectName(f"show_{key}_action")
            self.page_actions.append(action)
        self.about_action = self._action("&About Forum Desk", self._about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.setObjectName("file_menu")
        for action in (self.new_action, self.save_action, self.revert_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.delete_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu

        edit_menu = bar.addMenu("&Edit")
        edit_menu.setObjectName("edit_menu")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for action in (self.cut_action, self.copy_action, self.paste_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        self.edit_menu = edit_menu

        view_menu = bar.addMenu("&View")
        view_menu.setObjectName("view_menu")
        for action in self.page_actions:
            view_menu.addAction(action)
        self.view_menu = view_menu

        help_menu = bar.addMenu("&Help")
        help_menu.setObjectName("help_menu")
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(16, 16))
        for action in (self.new_action, self.save_action, self.revert_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.delete_action)
        toolbar.addSeparator()
        toolbar.addAction(self.find_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _about(self) -> None:
        dialogs.about(
            self,
            "About Forum Desk",
            f"Forum Desk {__version__}\n\nEvents, people, organizations and house-style "
            f"press releases for a policy forum’s secretariat.\n\nDatabase: "
            f"{self.database.display_name}",
        )

    # Settings and closing ---------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        for page in self.pages:
            page.restore_state(self.settings)
        last = self.settings.value("window/page", "people")
        keys = [p.settings_key for p in self.pages]
        row = keys.index(last) if last in keys else 0
        self._guard = True
        try:
            self.navigation.setCurrentRow(row)
            self.stack.setCurrentIndex(row)
        finally:
            self._guard = False

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/page", self.current_page.settings_key)
        for page in self.pages:
            page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The page in front first, then any other page holding changes.
        ordered = [self.current_page] + [p for p in self.pages if p is not self.current_page]
        for page in ordered:
            if page.has_unsaved_changes():
                if page is not self.current_page:
                    self.show_page(page.settings_key)
                if not page.maybe_leave():
                    event.ignore()
                    return
        self.save_settings()
        event.accept()
