"""Small widgets shared by the forms: a debounced search box, plain-text labels, combos."""

from __future__ import annotations

import datetime as dt
import enum

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QSizePolicy, QWidget

SEARCH_DELAY_MS = 250


class SearchBox(QLineEdit):
    """A search field that reports what was typed once typing pauses (debounced)."""

    search_changed = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setObjectName("search")
        self.setAccessibleName("Search")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.textChanged.connect(self._timer.start)
        self.returnPressed.connect(self.flush)

    def flush(self) -> None:
        """Search now (Enter pressed, or a test that does not want to wait)."""
        self._timer.stop()
        self._emit()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def _emit(self) -> None:
        self.search_changed.emit(self.text().strip())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc in the search box clears it.
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        super().keyPressEvent(event)


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` literally.

    Qt shows a tooltip as rich text when it looks like HTML (``Qt.mightBeRichText``): a name
    such as ``<b>X</b>`` would lose its tags and ``<img src="/dev/zero">`` would be loaded.
    Such text is escaped into a paragraph; any other text is returned as it is.
    """
    if not text or not QtGui.Qt.mightBeRichText(text):
        return text
    return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def plain_label(text: str = "", parent: QWidget | None = None, *, object_name: str = "") -> QLabel:
    """A label that never interprets user data as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    return label


class ElidedLabel(QLabel):
    """A one-line plain-text label that elides what does not fit ("China Forum Hosts
    Seminar on…") and then shows the whole text as its tooltip.  It never widens its
    parent: its minimum width is a few characters, whatever the text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = " ".join(text.split())
        self._elide()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("M") * 6, hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(width, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        margins = self.contentsMargins()
        room = max(0, self.width() - margins.left() - margins.right())
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(plain_tip(self._full) if shown != self._full else "")

    @property
    def elided(self) -> bool:
        return self.text() != self._full


def day_text(day: dt.date | None) -> str:
    """The one date format of every list: "19 Nov 2021" (the Events list's)."""
    from db.event_queries import date_span

    return date_span(day, None) if day is not None else "—"


def enum_combo(
    enum_cls: type[enum.Enum], parent: QWidget | None = None, labels: dict[str, str] | None = None
) -> QComboBox:
    """A combo of an enum's members: shown by label, ``currentData()`` is the stored value."""
    combo = QComboBox(parent)
    for member in enum_cls:
        text = (labels or {}).get(member.value) or getattr(member, "label", member.value)
        combo.addItem(text, member.value)
    return combo


def set_combo_value(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index < 0 and value is not None:
        # An unknown stored value is shown rather than silently replaced.
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def read_only_list(object_name: str, accessible_name: str) -> QListWidget:
    """A list of related records (sub-units, events…) shown in a form."""
    widget = QListWidget()
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    widget.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
    widget.setEditTriggers(QListWidget.EditTrigger.NoEditTriggers)
    widget.setUniformItemSizes(True)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setMinimumHeight(60)
    return widget


def fit_list_height(widget: QListWidget, most: int = 6) -> None:
    """Make a read-only list as tall as its rows (up to ``most``; it scrolls beyond)."""
    rows = max(1, min(widget.count(), most))
    row = widget.sizeHintForRow(0) if widget.count() else widget.fontMetrics().height() + 4
    frame = 2 * widget.frameWidth() + 4
    widget.setFixedHeight(rows * max(row, widget.fontMetrics().height() + 2) + frame)


def fill_year_filter(combo: QComboBox, years: list[int]) -> None:
    """ "All years" then the given years, keeping the current choice when it still exists."""
    current = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem("All years", None)
        for year in years:
            combo.addItem(str(year), year)
        combo.setCurrentIndex(max(combo.findData(current), 0))
    finally:
        combo.blockSignals(False)


def mention_labels(prefix: str = "") -> tuple[QLabel, QLabel]:
    """The "First mention" / "Later mentions" preview lines of an organization form."""
    first = plain_label(object_name=f"{prefix}first_mention")
    first.setAccessibleName("First mention")
    later = plain_label(object_name=f"{prefix}later_mention")
    later.setAccessibleName("Later mentions")
    for label in (first, later):
        label.setProperty("role", "preview")
        label.setWordWrap(True)
    return first, later
