"""The release form: headline, date, series, language, status, event, lead template, the
lead (generated or edited by hand) and the hand-written paragraphs — with a live preview,
the series' Last / Next, the preflight list and print / export beside it.

Published releases are read-only: the preview shows the text frozen at publication until
the release is unpublished (status back to draft, after confirmation).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from db import repository
from db.errors import ConflictError, ForumDeskError, ValidationError
from db.models import Event, ReleaseStatus
from db.queries import Choice, contains, search_terms
from db.records import HouseStyleRecord, ReleaseRecord
from db.session import Database
from desktop.press import publishing, render
from desktop.press.compose import compose_lead, compose_release, compose_release_record
from desktop.press.document import ReleaseDocument, SeriesLink
from desktop.press.preflight import Finding, preflight
from desktop.ui import dialogs
from desktop.ui.editor import Editor
from desktop.ui.lookup import Created, LookupEdit
from desktop.ui.preview import ReleasePreview
from desktop.ui.print_export import (
    EXPORT_FORMATS,
    cjk_warning,
    copy_release,
    export_to_file,
    fragment_with_dateline,
    preview_release,
    print_release,
)
from desktop.ui.releases_table import STATUS_LABELS, series_names
from desktop.ui.smart_quotes import SmartQuotesLineEdit, SmartQuotesTextEdit
from desktop.ui.widgets import day_text, plain_label, plain_tip, set_combo_value

PREVIEW_DELAY_MS = 180
NO_DATE = QDate(1900, 1, 1)
PUBLISHED = ReleaseStatus.PUBLISHED.value
LANGUAGES = (("en", "English"), ("zh", "Chinese"), ("fr", "French"), ("de", "German"))


class EventSource:
    """Events by title (any words), newest first."""

    noun = "event"

    def choices(self, session: Session, text: str, limit: int) -> list[Choice]:
        stmt = select(Event.id, Event.title, Event.start_date).where(Event.deleted_at.is_(None))
        for term in search_terms(text):
            stmt = stmt.where(contains(Event.title, term))
        rows = session.execute(stmt.order_by(Event.start_date.desc()).limit(limit)).all()
        return [
            Choice(id=rid, label=title, detail=day_text(start) if start else "")
            for rid, title, start in rows
        ]

    def label(self, session: Session, record_id: int) -> str:
        event = session.get(Event, record_id)
        return "" if event is None else event.title

    def create(self, parent: QWidget, database: Database, text: str, done: Created) -> None:
        del parent, database, text
        done(None)  # events are created on the Events page


class LinkButton(QPushButton):
    """A flat, left-aligned button whose text is elided to the width it gets (a long
    headline never widens the window)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("text-align: left; padding: 2px 4px;")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(40, self.width() - 12)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))


class ReleaseSidePane(QWidget):
    """Beside the form: output toolbar, Last / Next, the preview, the preflight list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("release_side_pane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.setSpacing(6)

        self.toolbar = QToolBar("Release output")
        self.toolbar.setObjectName("release_output_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.print_action = QAction("Print…", self)
        self.print_action.setObjectName("print_release")
        self.preview_action = QAction("Print Preview", self)
        self.preview_action.setObjectName("print_preview_release")
        self.copy_html_action = QAction("Copy as HTML", self)
        self.copy_html_action.setObjectName("copy_release_html")
        self.copy_text_action = QAction("Copy as Text", self)
        self.copy_text_action.setObjectName("copy_release_text")
        self.export_menu = QMenu("Export", self)
        self.export_actions: dict[str, QAction] = {}
        for fmt in EXPORT_FORMATS:
            action = self.export_menu.addAction(f"{fmt.label} (.{fmt.key})…")
            action.setObjectName(f"export_release_{fmt.key}")
            action.setData(fmt.key)
            self.export_actions[fmt.key] = action
        self.export_button = QToolButton()
        self.export_button.setObjectName("export_release")
        self.export_button.setText("Export")
        self.export_button.setAccessibleName("Export release")
        self.export_button.setMenu(self.export_menu)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addAction(self.print_action)
        self.toolbar.addAction(self.preview_action)
        self.toolbar.addWidget(self.export_button)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.copy_html_action)
        self.toolbar.addAction(self.copy_text_action)
        layout.addWidget(self.toolbar)

        links = QVBoxLayout()
        links.setSpacing(0)
        self.last_button = LinkButton()
        self.last_button.setObjectName("series_last")
        self.last_button.setAccessibleName("Last release in the series")
        self.next_button = LinkButton()
        self.next_button.setObjectName("series_next")
        self.next_button.setAccessibleName("Next release in the series")
        links.addWidget(self.last_button)
        links.addWidget(self.next_button)
        layout.addLayout(links)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("release_preview_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.preview = ReleasePreview()
        self.splitter.addWidget(self.preview)
        checks = QWidget()
        checks_layout = QVBoxLayout(checks)
        checks_layout.setContentsMargins(0, 4, 0, 0)
        checks_layout.setSpacing(2)
        self.preflight_title = plain_label("Before print", object_name="preflight_title")
        self.preflight_title.setProperty("role", "section")
        font = self.preflight_title.font()
        font.setBold(True)
        self.preflight_title.setFont(font)
        self.preflight_list = QListWidget()
        self.preflight_list.setObjectName("preflight_list")
        self.preflight_list.setAccessibleName("Preflight findings")
        self.preflight_list.setWordWrap(True)
        self.preflight_list.setAlternatingRowColors(True)
        checks_layout.addWidget(self.preflight_title)
        checks_layout.addWidget(self.preflight_list, 1)
        self.splitter.addWidget(checks)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 150])
        layout.addWidget(self.splitter, 1)

    def show_links(self, last: SeriesLink | None, following: SeriesLink | None) -> None:
        for button, label, link in (
            (self.last_button, "Last", last),
            (self.next_button, "Next", following),
        ):
            button.setEnabled(link is not None)
            button.set_full_text(
                f"{label}: {link.headline}" if link else f"{label}: none in this series"
            )
            button.setToolTip(plain_tip(link.headline) if link else "")
            button.setProperty("release_id", link.release_id if link else None)

    def show_findings(self, findings: tuple[Finding, ...], error: str = "") -> None:
        self.preflight_list.clear()
        if error:
            self.preflight_list.addItem(QListWidgetItem(f"⚠ {error}"))
        for finding in findings:
            mark = "⚠" if finding.severity == "problem" else "ℹ"
            item = QListWidgetItem(f"{mark} {finding.message}")
            item.setData(Qt.ItemDataRole.UserRole, finding.field)
            item.setToolTip(plain_tip(finding.message))
            self.preflight_list.addItem(item)
        if not findings and not error:
            self.preflight_list.addItem(QListWidgetItem("✓ Nothing to fix before print."))
        problems = sum(1 for f in findings if f.severity == "problem")
        self.preflight_title.setText(
            f"Before print — {problems} to check" if problems else "Before print"
        )


class ReleaseEditor(Editor[ReleaseRecord]):
    what = "release"
    history_table = "press_release"

    preview_updated = Signal()
    """The preview (and preflight) now show the form's current state."""
    open_release_requested = Signal(int)
    """Last / Next clicked."""
    published_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        self._overridden = False
        self.document: ReleaseDocument | None = None
        self.findings: tuple[Finding, ...] = ()
        super().__init__(database, parent)
        self.side = ReleaseSidePane()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)

        self.notice = plain_label(object_name="release_notice")
        self.notice.setWordWrap(True)
        self.notice.setProperty("role", "notice")
        self.notice.setStyleSheet(
            "background: #eef4fb; border: 1px solid #b8cde6; border-radius: 4px; padding: 6px;"
        )
        self.notice.setVisible(False)
        self.notice.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.content_layout.addWidget(self.notice)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.headline_edit = SmartQuotesLineEdit()
        self.add_field(form, "&Headline:", self.headline_edit, "headline")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumDate(NO_DATE)
        self.date_edit.setSpecialValueText("Not set")
        self.add_field(form, "Publication &date:", self.date_edit, "publication_date")
        self.series_combo = QComboBox()
        self.series_combo.setEditable(True)
        self.series_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add_field(form, "&Series:", self.series_combo, "series")
        self.language_combo = QComboBox()
        self.language_combo.setEditable(True)
        for code, name in LANGUAGES:
            self.language_combo.addItem(f"{name} ({code})", code)
        self.add_field(form, "&Language:", self.language_combo, "language")
        self.status_combo = QComboBox()
        for value, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, value)
        self.add_field(form, "S&tatus:", self.status_combo, "status", watch=False)
        self.event_lookup = LookupEdit(database, EventSource(), can_create=False)
        self.event_lookup.setPlaceholderText("Type to find the event…")
        self.add_field(form, "&Event:", self.event_lookup, "event_id")
        self.template_combo = QComboBox()
        for template in render.lead_templates():
            self.template_combo.addItem(template.label, template.name)
        self.add_field(form, "Lead &template:", self.template_combo, "template")
        self.content_layout.addLayout(form)
        for combo in (self.template_combo, self.series_combo, self.language_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        # A long headline in the heading must not widen the form.
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        lead_row = QHBoxLayout()
        lead_caption = plain_label("First paragraph (lead):")
        font = lead_caption.font()
        font.setBold(True)
        lead_caption.setFont(font)
        lead_caption.setWordWrap(True)
        self.lead_state = plain_label(object_name="lead_state")
        self.lead_state.setProperty("role", "muted")
        self.override_button = QPushButton("Edit the Lead by Hand")
        self.override_button.setObjectName("override_lead")
        self.restore_button = QPushButton("Return to Generated Lead")
        self.restore_button.setObjectName("restore_lead")
        self.lead_state.setWordWrap(True)
        lead_row.addWidget(lead_caption)
        lead_row.addWidget(self.lead_state, 1)
        self.content_layout.addLayout(lead_row)
        lead_buttons = QHBoxLayout()
        lead_buttons.addWidget(self.override_button)
        lead_buttons.addWidget(self.restore_button)
        lead_buttons.addStretch(1)
        self.content_layout.addLayout(lead_buttons)
        self.lead_edit = SmartQuotesTextEdit()
        self.lead_edit.setObjectName("lead_override")
        self.lead_edit.setAccessibleName("Lead written by hand")
        self.lead_edit.setTabChangesFocus(True)
        self.lead_edit.setMinimumHeight(120)
        self.lead_edit.setVisible(False)
        self.watch(self.lead_edit)
        lead_error = plain_label(object_name="lead_override_error")
        lead_error.setVisible(False)
        self.register_field("lead_override", self.lead_edit, lead_error)
        self.content_layout.addWidget(self.lead_edit)
        self.content_layout.addWidget(lead_error)

        body_caption = plain_label("Paragraphs written by hand (a blank line starts a new one):")
        body_caption.setFont(font)
        body_caption.setWordWrap(True)
        self.content_layout.addWidget(body_caption)
        self.body_edit = SmartQuotesTextEdit()
        self.body_edit.setObjectName("body")
        self.body_edit.setAccessibleName("Paragraphs written by hand")
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setMinimumHeight(180)
        body_caption.setBuddy(self.body_edit)
        self.watch(self.body_edit)
        body_error = plain_label(object_name="body_error")
        body_error.setVisible(False)
        self.register_field("body", self.body_edit, body_error)
        self.content_layout.addWidget(self.body_edit, 1)
        self.content_layout.addWidget(body_error)

        self.status_combo.currentIndexChanged.connect(self._status_chosen)
        self.override_button.clicked.connect(self.override_lead)
        self.restore_button.clicked.connect(self.restore_generated_lead)
        self.side.last_button.clicked.connect(lambda: self._open_link(self.side.last_button))
        self.side.next_button.clicked.connect(lambda: self._open_link(self.side.next_button))
        self.side.print_action.triggered.connect(self.print_release)
        self.side.preview_action.triggered.connect(self.print_preview)
        self.side.copy_html_action.triggered.connect(lambda: self.copy(as_html=True))
        self.side.copy_text_action.triggered.connect(lambda: self.copy(as_html=False))
        self.side.export_menu.triggered.connect(lambda a: self.export(str(a.data())))
        self._fill_series()

    # Editor hooks ---------------------------------------------------------------------

    def blank_record(self) -> ReleaseRecord:
        return ReleaseRecord()

    def read(self, session: Session, record_id: int) -> ReleaseRecord:
        return repository.get_release(session, record_id)

    def write(self, session: Session, record: ReleaseRecord) -> ReleaseRecord:
        return repository.save_release(session, record)

    def remove(self, session: Session, record_id: int) -> None:
        repository.delete_release(session, record_id)

    def record_name(self, record: ReleaseRecord) -> str:
        headline = record.headline.strip()
        if not headline:
            return "this release"
        return f"‘{headline[:60]}…’" if len(headline) > 60 else f"‘{headline}’"

    def heading_text(self, record: ReleaseRecord) -> str:
        """The headline as it is (the heading elides it to fit, whole in the tooltip)."""
        return record.headline.strip() or "Release without a headline"

    def show_record(self, record: ReleaseRecord) -> None:
        if record.id is None and not record.series:
            with self.database.read() as session:
                record = replace(record, series=repository.get_house_style(session).default_series)
        self.headline_edit.setText(record.headline)
        self.headline_edit.setCursorPosition(0)
        self.date_edit.setDate(
            QDate(record.publication_date) if record.publication_date else NO_DATE
        )
        self.series_combo.setCurrentText(record.series)
        index = self.language_combo.findData(record.language)
        if index >= 0:
            self.language_combo.setCurrentIndex(index)
        else:
            self.language_combo.setEditText(record.language)
        self.status_combo.blockSignals(True)
        set_combo_value(self.status_combo, record.status)
        self.status_combo.blockSignals(False)
        self.event_lookup.set_value(record.event_id)
        set_combo_value(self.template_combo, record.template)
        self._overridden = record.lead_override is not None
        self.lead_edit.setPlainText(record.lead_override or "")
        self.body_edit.setPlainText(record.body)
        self._apply_read_only(record.status == PUBLISHED)

    def collect(self, loaded: ReleaseRecord) -> ReleaseRecord:
        date = self.date_edit.date()
        language = self.language_combo.currentData()
        if self.language_combo.currentText() != self.language_combo.itemText(
            self.language_combo.currentIndex()
        ):
            language = self.language_combo.currentText().strip()
        return replace(
            loaded,
            headline=self.headline_edit.text(),
            publication_date=None if date == NO_DATE else date.toPython(),
            series=self.series_combo.currentText().strip(),
            language=str(language or "en"),
            status=str(self.status_combo.currentData()),
            event_id=self.event_lookup.value(),
            template=str(self.template_combo.currentData() or loaded.template),
            lead_override=self.lead_edit.toPlainText() if self._overridden else None,
            body=self.body_edit.toPlainText(),
        )

    def update_previews(self) -> None:
        """Debounced: typing restarts the timer; the preview follows a pause."""
        self._update_lead_controls()
        self._timer.start()

    # Read-only while published ----------------------------------------------------------

    @property
    def is_published(self) -> bool:
        return self.loaded.status == PUBLISHED and self.loaded.id is not None

    def _apply_read_only(self, published: bool) -> None:
        for widget in (self.headline_edit, self.lead_edit, self.body_edit, self.event_lookup):
            widget.setReadOnly(published)
        for widget in (self.template_combo, self.override_button, self.restore_button):
            widget.setEnabled(not published)
        if published:
            when = self.loaded.publication_date
            self.notice.setText(
                "Published"
                + (f" on {day_text(when)}" if when else "")
                + ": the preview shows the text frozen at publication; later changes to "
                "people and organizations do not change it. Set the status back to Draft "
                "to unpublish and edit."
            )
        self.notice.setVisible(published)
        self._update_lead_controls()

    def _update_lead_controls(self) -> None:
        published = self.loaded.status == PUBLISHED and self.loaded.id is not None
        self.lead_edit.setVisible(self._overridden)
        self.override_button.setVisible(not self._overridden)
        self.restore_button.setVisible(self._overridden)
        linked = self.event_lookup.value() is not None
        writable = not published and not self.read_only
        self.override_button.setEnabled(writable and linked)
        self.restore_button.setEnabled(writable)
        if self._overridden:
            state = "edited by hand (marked in the preview)"
        elif linked:
            state = "generated from the event’s records"
        else:
            state = "none: choose the event to generate it"
        self.lead_state.setText(state)

    def _show_read_only(self) -> None:
        """A read-only database: no publishing, unpublishing or lead override either
        (print, export and copy stay: reading is fine)."""
        super()._show_read_only()
        self.status_combo.setEnabled(False)
        for widget in (self.status_combo, self.override_button, self.restore_button):
            widget.setToolTip("This database is open read-only.")
        self._update_lead_controls()

    # The lead ---------------------------------------------------------------------------

    def generated_lead(self) -> str:
        record = self.current()
        if record.event_id is None:
            return ""
        with self.database.read() as session:
            style = repository.get_house_style(session)
            event = repository.get_event(session, record.event_id)
            lead = compose_lead(
                session,
                event,
                style,
                record.template,
                publication_date=record.publication_date,
                html=False,
                later_text=record.body,
            )
        return lead.text

    def override_lead(self) -> None:
        """Copy the generated lead into an editable paragraph, marked as overridden."""
        if self.is_published or self._overridden or self.read_only:
            return
        try:
            text = self.generated_lead()
        except ForumDeskError as exc:
            dialogs.error(self, "The lead cannot be generated", str(exc))
            return
        self._overridden = True
        self.lead_edit.setPlainText(text)  # emits changed → dirty + preview
        self._update_lead_controls()
        self.changed()
        self.lead_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def restore_generated_lead(self) -> None:
        if self.is_published or not self._overridden or self.read_only:
            return
        edited = self.lead_edit.toPlainText().strip()
        if (
            edited
            and edited != self.generated_lead().strip()
            and not dialogs.confirm(
                self,
                "Return to generated lead",
                "Discard the lead you edited by hand and use the one generated from the "
                "event’s records?",
                "Use Generated Lead",
                destructive=True,
            )
        ):
            return
        self._overridden = False
        self.lead_edit.clear()
        self._update_lead_controls()
        self.changed()

    # Preview and preflight ------------------------------------------------------------

    def flush_preview(self) -> None:
        """Update the preview now (tests, and before print/export)."""
        self._timer.stop()
        self.refresh_preview()

    def compose_current(self, session: Session) -> ReleaseDocument:
        record = self.current()
        if self.is_published and not self.is_dirty():
            return compose_release(session, record.id or 0)
        return compose_release_record(session, record)

    def house_style(self) -> HouseStyleRecord:
        with self.database.read() as session:
            return repository.get_house_style(session)

    def refresh_preview(self) -> None:
        self._timer.stop()
        record = self.current()
        error = ""
        try:
            with self.database.read() as session:
                style = repository.get_house_style(session)
                doc = self.compose_current(session)
                findings = preflight(session, record, document=doc, exporting=True)
        except ForumDeskError as exc:
            self.side.preview.show_html("")
            self.side.show_findings((), str(exc))
            self.document = None
            self.findings = ()
            self.preview_updated.emit()
            return
        self.document = doc
        self.findings = findings
        self.side.preview.show_html(fragment_with_dateline(doc, style))
        self.side.show_links(doc.last, doc.next)
        warning = cjk_warning(doc)
        self.side.show_findings(findings, warning or error)
        self.preview_updated.emit()

    def _open_link(self, button: LinkButton) -> None:
        release_id = button.property("release_id")
        if isinstance(release_id, int):
            self.open_release_requested.emit(release_id)

    # Status: publish / unpublish ------------------------------------------------------

    def _status_chosen(self, _index: int) -> None:
        if self._loading:
            return
        chosen = str(self.status_combo.currentData())
        was = self.loaded.status
        if chosen == PUBLISHED and was != PUBLISHED:
            self._set_status_quietly(was)
            self.publish()
        elif was == PUBLISHED and chosen != PUBLISHED and self.loaded.id is not None:
            self._set_status_quietly(was)
            self.unpublish(chosen)
        else:
            self.changed()

    def _set_status_quietly(self, status: str) -> None:
        self.status_combo.blockSignals(True)
        set_combo_value(self.status_combo, status)
        self.status_combo.blockSignals(False)

    def publish(self) -> bool:
        """Ask, save pending edits, then freeze and publish."""
        if self.is_published:
            return True
        if self.read_only:
            return False
        if not dialogs.confirm(
            self,
            "Publish release",
            f"Publish {self.record_name(self.current())}? Its text will be frozen as it reads "
            "now: later changes to people, positions and organizations will not change it.",
            "Publish",
        ):
            return False
        if (self.is_dirty() or self.record_id is None) and not self.save():
            return False
        record_id = self.record_id
        assert record_id is not None
        try:
            with self.database.write() as session:
                published = publishing.publish(session, record_id, self.loaded.version)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except ConflictError as exc:
            if dialogs.ask_conflict(self, str(exc)) is dialogs.ConflictChoice.RELOAD:
                self.reload()
            return False
        except ForumDeskError as exc:
            dialogs.error(self, "The release was not published", str(exc))
            return False
        self.load_record(published)
        self.record_saved.emit(published)
        self.published_changed.emit()
        self.flush_preview()
        return True

    def unpublish(self, then_status: str = ReleaseStatus.DRAFT.value) -> bool:
        if not self.is_published:
            return True
        if self.read_only:
            return False
        if not dialogs.confirm(
            self,
            "Unpublish release",
            f"Unpublish {self.record_name(self.loaded)}? It goes back to "
            f"{STATUS_LABELS.get(then_status, then_status).lower()} and follows the records "
            "again; the frozen text is dropped.",
            "Unpublish",
            destructive=True,
        ):
            return False
        record_id = self.loaded.id
        assert record_id is not None
        try:
            with self.database.write() as session:
                record = publishing.unpublish(session, record_id, self.loaded.version)
                if then_status != record.status:
                    record = repository.save_release(session, replace(record, status=then_status))
        except ConflictError as exc:
            if dialogs.ask_conflict(self, str(exc)) is dialogs.ConflictChoice.RELOAD:
                self.reload()
            return False
        except ForumDeskError as exc:
            dialogs.error(self, "The release was not unpublished", str(exc))
            return False
        self.load_record(record)
        self.record_saved.emit(record)
        self.published_changed.emit()
        self.flush_preview()
        return True

    # Output -------------------------------------------------------------------------------

    def _document_for_output(self, action: str) -> ReleaseDocument | None:
        """The document as previewed; asks before a release that is not approved goes out."""
        self.flush_preview()
        doc = self.document
        if doc is None:
            dialogs.error(self, f"Cannot {action}", "The release cannot be composed yet.")
            return None
        if any(f.field == "status" for f in self.findings) and not dialogs.confirm(
            self,
            f"{action.capitalize()} a draft",
            f"This release is not approved yet. {action.capitalize()} it anyway? The copy "
            "will read as final.",
            action.capitalize(),
        ):
            return None
        return doc

    def print_release(self) -> bool:
        doc = self._document_for_output("print")
        return doc is not None and print_release(self, doc, self.house_style())

    def print_preview(self) -> None:
        doc = self._document_for_output("preview")
        if doc is not None:
            preview_release(self, doc, self.house_style())

    def copy(self, *, as_html: bool) -> None:
        self.flush_preview()
        if self.document is not None:
            copy_release(self.document, as_html=as_html)

    def export(self, key: str) -> str | None:
        """Export as ``key`` (pdf, docx, html, md, txt); the written path or None."""
        doc = self._document_for_output("export")
        if doc is None:
            return None
        settings = QSettings()
        folder = str(settings.value("releases/export_folder", "") or "")
        fmt = next(f for f in EXPORT_FORMATS if f.key == key)
        path = export_to_file(self, doc, self.house_style(), fmt, folder)
        if path is None:
            return None
        settings.setValue("releases/export_folder", str(path.parent))
        return str(path)

    # Helpers --------------------------------------------------------------------------

    def _fill_series(self) -> None:
        with self.database.read() as session:
            names = series_names(session)
        current = self.series_combo.currentText()
        self.series_combo.blockSignals(True)
        self.series_combo.clear()
        self.series_combo.addItems(names)
        self.series_combo.setCurrentText(current)
        self.series_combo.blockSignals(False)
