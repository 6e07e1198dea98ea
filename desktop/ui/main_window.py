"""The main window: navigation pane, pages, menus, toolbar, status bar and saved layout."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)
from sqlalchemy import func, select

from db.errors import ForumDeskError
from db.models import ChangeLog
from db.session import Database, open_database
from desktop import __version__
from desktop.ui import database_actions, dialogs
from desktop.ui.database_actions import OpenedDatabase
from desktop.ui.editor import Editor
from desktop.ui.lock import DatabaseLock
from desktop.ui.pages import Page

PageFactory = Callable[[Database], Page]

HISTORY_TABLES = {
    "events": "event",
    "releases": "press_release",
    "people": "person",
    "organizations": "organization",
}
"""Page → the table name the History view uses for its records."""


def default_pages() -> list[PageFactory]:
    """Events, Releases, People, Organizations — in navigation order."""
    from desktop.ui.events_page import EventsPage
    from desktop.ui.organizations_page import OrganizationsPage
    from desktop.ui.people_page import PeoplePage
    from desktop.ui.releases_page import ReleasesPage

    return [EventsPage, ReleasesPage, PeoplePage, OrganizationsPage]


class MainWindow(QMainWindow):
    """One window, one database at a time; pages are switched in the navigation pane.

    File → Open / New / Open Recent / Backups (restore) replace the database: the unsaved
    changes prompt comes first, then the pages are rebuilt on the new database.
    """

    def __init__(
        self,
        database: Database,
        settings: QSettings,
        pages: Sequence[PageFactory] | None = None,
        parent: QWidget | None = None,
        *,
        lock: DatabaseLock | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.lock = lock
        self.settings = settings
        self.auto_backup: Any = None
        self.dialog: QDialog | None = None
        """The File/Edit dialog opened last (Backups, Trash, History, House Style)."""
        self._guard = False
        self._seen: dict[str, int | None] = {}
        """Per page: the last change-log entry when its list and form were read."""
        self._factories: list[PageFactory] = list(pages if pages is not None else default_pages())
        self.setObjectName("main_window")

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Pages")
        self.navigation.setProperty("role", "navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.pages: list[Page] = []
        self._build_pages()

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
        self.read_only_label = QLabel("Read-only")
        self.read_only_label.setObjectName("read_only_indicator")
        self.read_only_label.setToolTip("This database is open read-only: nothing can be saved.")
        self.read_only_label.setProperty("role", "muted")
        self.statusBar().addPermanentWidget(self.read_only_label)

        self.navigation.currentRowChanged.connect(self._navigated)
        self._restore()
        self._database_changed()

    # Pages ------------------------------------------------------------------------

    def _build_pages(self) -> None:
        for factory in self._factories:
            self._add_page(factory(self.database))
        mark = self._last_change()
        self._seen = {page.settings_key: mark for page in self.pages}

    def _add_page(self, page: Page) -> None:
        self.pages.append(page)
        self.stack.addWidget(page)
        item = QListWidgetItem(page.title)
        item.setData(Qt.ItemDataRole.UserRole, page.settings_key)
        self.navigation.addItem(item)
        page.dirty_changed.connect(self._update_modified)
        page.status_message.connect(self.show_status)
        page.open_requested.connect(self.open_record)
        editor = page_editor(page)
        if editor is not None:
            editor.record_loaded.connect(self._update_actions)
            editor.record_deleted.connect(self._update_actions)

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
        """Show a record on its page (e.g. the release just made from an event)."""
        if not self.show_page(key):
            return
        page = self.page(key)
        page.refresh()  # the record may be new (made on another page): list it first
        page.open_record(record_id)
        self._update_actions()

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
        self._refresh_if_stale(self.pages[row])
        self._update_actions()
        self._update_modified()

    def _update_modified(self, *_args: object) -> None:
        self.setWindowModified(any(p.has_unsaved_changes() for p in self.pages))

    def _update_actions(self, *_args: object) -> None:
        page = self.current_page
        editable = page.has_records
        writable = not self.database.read_only
        for action in (self.new_action, self.save_action, self.revert_action, self.delete_action):
            action.setEnabled(editable and writable)
        self.find_action.setEnabled(editable)
        editor = page_editor(page)
        self.history_action.setEnabled(
            editor is not None
            and editor.record_id is not None
            and page.settings_key in HISTORY_TABLES
        )
        has_release = self.release_editor() is not None
        for action in self.release_actions:
            action.setEnabled(has_release)
        self.export_release_menu.setEnabled(has_release)
        self.import_action.setEnabled(writable)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def leave_all(self) -> bool:
        """Before the database is closed or replaced: ask about every page with unsaved
        changes (the page in front first); False when the user chose to stay."""
        ordered = [self.current_page] + [p for p in self.pages if p is not self.current_page]
        for page in ordered:
            if page.has_unsaved_changes():
                if page is not self.current_page:
                    self.show_page(page.settings_key)
                if not page.maybe_leave():
                    return False
        return True

    def refresh_pages(self) -> None:
        """Re-read every list, and reload the forms without unsaved changes (after an
        import, a restore from the Trash, a new house style)."""
        mark = self._last_change()
        for page in self.pages:
            self._refresh_page(page, mark)
        self._update_actions()

    def _refresh_page(self, page: Page, mark: int | None) -> None:
        page.refresh()
        editor = page_editor(page)
        if editor is not None and not editor.is_dirty():
            if editor.record_id is None:
                editor.load(None)
            else:
                editor.reload()
        self._seen[page.settings_key] = mark

    def _last_change(self) -> int | None:
        """The newest change-log entry: every saved change (from any page, dialog or
        window) adds one."""
        try:
            with self.database.read() as session:
                return session.scalar(select(func.max(ChangeLog.id)))
        except ForumDeskError:
            return None

    def _refresh_if_stale(self, page: Page) -> None:
        """A page shown again re-reads its list and (unchanged) form when anything was
        saved since it last did — e.g. an organization moved to the Trash with its
        positions no longer shows in a person's form, a new organization made from a
        lookup is in the Organizations list."""
        mark = self._last_change()
        if mark is not None and mark != self._seen.get(page.settings_key):
            self._refresh_page(page, mark)

    # The database -----------------------------------------------------------------

    def _database_changed(self) -> None:
        read_only = self.database.read_only
        suffix = " (read-only)" if read_only else ""
        self.setWindowTitle(f"{self.database.display_name}{suffix}[*] — Forum Desk")
        self.read_only_label.setVisible(read_only)
        if read_only:
            self.statusBar().showMessage(
                f"{self.database.display_name} is open read-only: nothing can be changed."
            )
        self._update_actions()
        self._update_modified()

    def start_auto_backup(self) -> None:
        """Back up now and every 30 minutes of editing; failures go to the status bar."""
        from desktop.ui.backups_dialog import AutoBackup

        if self.auto_backup is not None:
            self.auto_backup.timer.stop()
            self.auto_backup.deleteLater()
        self.auto_backup = AutoBackup(self.database, self)
        self.auto_backup.failed.connect(
            lambda text: self.statusBar().showMessage(f"No backup was made: {text}")
        )
        self.auto_backup.start()

    def replace_database(self, opened: OpenedDatabase) -> None:
        """Show another database (the caller asked about unsaved changes): rebuild the
        pages on it, then close the old one and release its lock."""
        for page in self.pages:
            page.save_state(self.settings)
        key = self.current_page.settings_key
        old = OpenedDatabase(self.database, self.lock)
        same_lock = opened.lock is not None and opened.lock is self.lock
        self.database = opened.database
        self.lock = opened.lock
        self._guard = True
        try:
            self.navigation.clear()
            for page in self.pages:
                self.stack.removeWidget(page)
                page.hide()
                page.deleteLater()
            self.pages = []
            self._build_pages()
            for page in self.pages:
                page.restore_state(self.settings)
            keys = [p.settings_key for p in self.pages]
            row = keys.index(key) if key in keys else 0
            self.navigation.setCurrentRow(row)
            self.stack.setCurrentIndex(row)
        finally:
            self._guard = False
        if old.database is not self.database:
            old.database.dispose()
        if old.lock is not None and not same_lock:
            old.lock.release()
        database_actions.remember(self.settings, self.database)
        if self.auto_backup is not None:
            self.start_auto_backup()
        self._database_changed()

    def _is_open(self, path: str) -> bool:
        current = self.database.path
        return current is not None and Path(path).absolute() == current.absolute()

    def open_database_file(self, path: str | None = None) -> bool:
        """File → Open Database… (or a given file): True when it is now shown."""
        if not self.leave_all():
            return False
        if path is None:
            path = database_actions.choose_database_file(self, self.database.path)
            if path is None:
                return False
        if self._is_open(path):
            self.show_status(f"{Path(path).name} is already open.")
            return True
        opened = database_actions.open_or_explain(self, path)
        if opened is None:
            return False
        self.replace_database(opened)
        return True

    def new_database(self) -> bool:
        if not self.leave_all():
            return False
        folder = self.database.path.parent if self.database.path else None
        opened = database_actions.new_database(self, folder)
        if opened is None:
            return False
        self.replace_database(opened)
        self.show_status(f"Created {opened.database.display_name}.")
        return True

    def open_recent(self, path: str) -> bool:
        if not self.leave_all():
            return False
        if self._is_open(path):
            self.show_status(f"{Path(path).name} is already open.")
            return True
        opened = database_actions.open_recent(self, self.settings, path)
        if opened is None:
            return False
        self.replace_database(opened)
        return True

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = database_actions.recent_files(self.settings)
        for number, path in enumerate(files, start=1):
            missing = not Path(path).exists()
            label = f"&{number} {path}" if number < 10 else path
            action = menu.addAction(label + (" (not found)" if missing else ""))
            action.setObjectName(f"recent_{number}_action")
            action.setStatusTip(
                f"{path} is no longer there: locate it or remove it from the list"
                if missing
                else f"Open {path}"
            )
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
        if not files:
            empty = menu.addAction("No recent databases")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear Menu")
        clear.setObjectName("clear_recent_action")
        clear.setStatusTip("Forget the list of recently opened databases")
        clear.setEnabled(bool(files))
        clear.triggered.connect(lambda: self.settings.setValue(database_actions.RECENT_KEY, []))

    # File and Edit commands -------------------------------------------------------

    def import_data(self) -> None:
        if not self.leave_all():
            return
        summary = database_actions.import_data(self, self.database)
        if summary is not None:
            self.refresh_pages()
            dialogs.inform(self, "Import finished", summary)
            self.show_status(summary)

    def export_data(self) -> None:
        summary = database_actions.export_data(self, self.database)
        if summary is not None:
            self.show_status(summary)

    def show_backups(self) -> QDialog | None:
        from desktop.ui.backups_dialog import BackupsDialog

        if not self.leave_all():
            return None
        dialog = BackupsDialog(self.database, self)
        dialog.restored.connect(self._restored)
        return self._open_dialog(dialog)

    def _restored(self, path: str) -> None:
        """A backup replaced the file: open it again (it may need an upgrade) and rebuild."""
        try:
            database = open_database(path)
        except ForumDeskError as exc:
            dialogs.error(self, "The restored database cannot be opened", str(exc))
            return
        self.replace_database(OpenedDatabase(database, self.lock))
        if self.dialog is not None and hasattr(self.dialog, "restore_selected"):
            # The Backups dialog stays open: it must restore into the database now shown.
            self.dialog.database = database  # type: ignore[attr-defined]
        self.show_status("Restored the backup.")

    def show_trash(self) -> QDialog:
        from desktop.ui.trash_dialog import TrashDialog

        dialog = TrashDialog(self.database, self)
        dialog.changed.connect(self.refresh_pages)
        return self._open_dialog(dialog)

    def show_house_style(self) -> QDialog:
        from desktop.ui.house_style_dialog import HouseStyleDialog

        dialog = HouseStyleDialog(self.database, self)
        dialog.saved.connect(self._house_style_saved)
        return self._open_dialog(dialog)

    def _house_style_saved(self, _record: object) -> None:
        self.refresh_pages()
        self.show_status("Saved the house style.")

    def show_history(self) -> QDialog | None:
        """Edit → History… of the record shown (after asking about its unsaved changes)."""
        from desktop.ui.history_view import HistoryDialog

        page = self.current_page
        editor = page_editor(page)
        table = HISTORY_TABLES.get(page.settings_key)
        if editor is None or table is None or editor.record_id is None:
            return None
        if getattr(editor, "history_table", ""):
            # The form's own History… (its footer button): one path for both.
            editor.show_history()  # type: ignore[attr-defined]
            dialog = getattr(editor, "history_dialog", None)
            self.dialog = dialog if isinstance(dialog, QDialog) else None
            return self.dialog
        if not page.maybe_leave():
            return None
        record_id = editor.record_id
        if record_id is None:  # a new record discarded just now
            return None
        title = editor.record_name(editor.loaded)
        dialog = HistoryDialog(self.database, table, record_id, title, self)
        dialog.reverted.connect(lambda: self._reverted(page, record_id))
        return self._open_dialog(dialog)

    def _reverted(self, page: Page, record_id: int) -> None:
        editor = page_editor(page)
        page.refresh()
        if editor is not None and editor.record_id == record_id and not editor.is_dirty():
            editor.reload()
        self.show_status("Reverted the change.")

    def _open_dialog(self, dialog: QDialog) -> QDialog:
        """Open window-modal without a nested event loop (tests drive the real dialog)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.destroyed.connect(lambda *_: self._forget_dialog(dialog))
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def release_editor(self) -> Any:
        """The Releases page's editor when it is in front with a release loaded."""
        page = self.current_page
        editor = page_editor(page)
        if page.settings_key != "releases" or editor is None or editor.record_id is None:
            return None
        return editor

    def _with_release(self, method: str, *args: Any, **kwargs: Any) -> Callable[[], None]:
        def run() -> None:
            editor = self.release_editor()
            if editor is not None:
                getattr(editor, method)(*args, **kwargs)

        return run

    # Actions, menus, toolbar ------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | QKeySequence | None = None,
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        plain = text.replace("&", "").replace("…", "").strip().lower()
        action.setObjectName(name or plain.replace(" ", "_") + "_action")
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
        key = QKeySequence.StandardKey
        self.new_action = self._action(
            "&New",
            lambda: self.current_page.new_record(),
            key.New,
            pix.SP_FileIcon,
            "Start a new record on this page",
        )
        self.save_action = self._action(
            "&Save",
            lambda: self.current_page.save(),
            key.Save,
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
            "Move the record shown to the Trash",
        )
        self.find_action = self._action(
            "&Find",
            lambda: self.current_page.focus_search(),
            key.Find,
            pix.SP_FileDialogContentsView,
            "Search the list on this page",
        )
        self.new_database_action = self._action(
            "New &Database…",
            self.new_database,
            None,
            None,
            "Create a new, empty database file and open it",
            "new_database_action",
        )
        self.open_database_action = self._action(
            "&Open Database…",
            lambda: self.open_database_file(),
            key.Open,
            pix.SP_DialogOpenButton,
            "Open another database file",
            "open_database_action",
        )
        self.import_action = self._action(
            "&Import Data…",
            self.import_data,
            None,
            None,
            "Add the records of a Forum Desk exchange file (JSON); a backup is made first",
            "import_data_action",
        )
        self.export_data_action = self._action(
            "E&xport Data…",
            self.export_data,
            None,
            None,
            "Write every record to a Forum Desk exchange file (JSON)",
            "export_data_action",
        )
        self.backups_action = self._action(
            "&Backups…",
            self.show_backups,
            None,
            None,
            "See the automatic backups of this database and restore one",
            "backups_action",
        )
        self.trash_action = self._action(
            "&Trash…",
            self.show_trash,
            None,
            None,
            "See deleted records and restore them, or empty the Trash",
            "trash_action",
        )
        self.house_style_action = self._action(
            "House St&yle…",
            self.show_house_style,
            None,
            None,
            "House organization, names, dates, page size and margins, honorifics",
            "house_style_action",
        )
        self.print_action = self._action(
            "&Print…",
            self._with_release("print_release"),
            key.Print,
            None,
            "Print the release shown",
            "print_action",
        )
        self.print_preview_action = self._action(
            "Print Pre&view…",
            self._with_release("print_preview"),
            None,
            None,
            "See the pages of the release shown as they will print",
            "print_preview_action",
        )
        from desktop.ui.print_export import EXPORT_FORMATS

        self.export_release_actions: list[QAction] = []
        for fmt in EXPORT_FORMATS:
            action = self._action(
                f"{fmt.label}…",
                self._with_release("export", fmt.key),
                None,
                None,
                f"Save the release shown as a {fmt.label} (.{fmt.key}) file",
                f"export_release_{fmt.key}_action",
            )
            self.export_release_actions.append(action)
        self.copy_html_action = self._action(
            "Copy Release as &HTML",
            self._with_release("copy", as_html=True),
            None,
            None,
            "Copy the release shown for the website’s editor",
            "copy_release_html_action",
        )
        self.copy_text_action = self._action(
            "Copy Release as Te&xt",
            self._with_release("copy", as_html=False),
            None,
            None,
            "Copy the release shown as plain text for e-mail and messaging",
            "copy_release_text_action",
        )
        self.release_actions = [
            self.print_action,
            self.print_preview_action,
            *self.export_release_actions,
            self.copy_html_action,
            self.copy_text_action,
        ]
        self.history_action = self._action(
            "&History…",
            self.show_history,
            None,
            None,
            "Who changed the record shown, when and what; revert a change",
            "history_action",
        )
        self.close_action = self._action(
            "&Close Window", self.close, key.Close, None, "Close the window", "close_window_action"
        )
        self.quit_action = self._action(
            "&Quit", self.close, key.Quit, None, "Quit Forum Desk", "quit_action"
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        def on_focus(method: str) -> Callable[[], None]:
            def run() -> None:
                widget = QApplication.focusWidget()
                if widget is not None and hasattr(widget, method):
                    getattr(widget, method)()

            return run

        self.undo_action = self._action("&Undo", on_focus("undo"), tip="Undo the last edit")
        self.redo_action = self._action("&Redo", on_focus("redo"), tip="Redo the edit undone")
        self.cut_action = self._action("Cu&t", on_focus("cut"), tip="Cut the selected text")
        self.copy_action = self._action("&Copy", on_focus("copy"), tip="Copy the selected text")
        self.paste_action = self._action("&Paste", on_focus("paste"), tip="Paste text")
        # Shown in the menu for discovery; the fields handle these keys themselves.
        for action, standard in (
            (self.undo_action, key.Undo),
            (self.redo_action, key.Redo),
            (self.cut_action, key.Cut),
            (self.copy_action, key.Copy),
            (self.paste_action, key.Paste),
        ):
            action.setShortcut(standard)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        self.page_actions: list[QAction] = []
        for number, page in enumerate(self.pages, start=1):
            page_key = page.settings_key
            action = self._action(
                f"&{page.title}",
                functools.partial(self.show_page, page_key),
                QKeySequence(f"Ctrl+{number}"),
                tip=f"Show the {page.title} page",
            )
            action.setObjectName(f"show_{page_key}_action")
            self.page_actions.append(action)
        self.about_action = self._action(
            "&About Forum Desk", self._about, tip="Version and the database in use"
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.setObjectName("file_menu")
        file_menu.addAction(self.new_database_action)
        file_menu.addAction(self.open_database_action)
        self.recent_menu = QMenu("Open &Recent", file_menu)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.menuAction().setStatusTip("Open a database used recently")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        for action in (self.new_action, self.save_action, self.revert_action):
            file_menu.addAction(action)
        file_menu.addAction(self.delete_action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.print_preview_action)
        self.export_release_menu = QMenu("Export Re&lease", file_menu)
        self.export_release_menu.setObjectName("export_release_menu")
        self.export_release_menu.menuAction().setStatusTip(
            "Save the release shown as PDF, Word, HTML, Markdown or text"
        )
        for action in self.export_release_actions:
            self.export_release_menu.addAction(action)
        file_menu.addMenu(self.export_release_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_data_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backups_action)
        file_menu.addAction(self.trash_action)
        file_menu.addAction(self.house_style_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu
        self._fill_recent_menu()

        edit_menu = bar.addMenu("&Edit")
        edit_menu.setObjectName("edit_menu")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for action in (self.cut_action, self.copy_action, self.paste_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy_html_action)
        edit_menu.addAction(self.copy_text_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.history_action)
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
        if not self.leave_all():
            event.ignore()
            return
        self.save_settings()
        if self.auto_backup is not None:
            self.auto_backup.timer.stop()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        event.accept()


def page_editor(page: Page) -> Editor[Any] | None:
    """The form of a master–detail page (None for a page without records)."""
    editor = getattr(page, "editor", None)
    return editor if isinstance(editor, Editor) else None
