"""Inline error lines for the small create dialogs (New Organization, New Person)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from db.errors import ValidationError
from desktop.ui.editor import mark_invalid


class FieldErrors:
    """Record field name → (input widget, error line under it).

    A message for a field the dialog does not show goes under the ``fallback`` field, so
    no sentence from the rules is ever lost.
    """

    def __init__(self, owner: QWidget, fallback: str) -> None:
        self._owner = owner
        self._fallback = fallback
        self._pairs: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, field: str, widget: QWidget, error: QLabel) -> None:
        self._pairs[field] = (widget, error)

    def clear(self) -> None:
        for widget, error in self._pairs.values():
            error.setVisible(False)
            error.clear()
            mark_invalid(widget, False)

    def show(self, exc: ValidationError) -> None:
        for item in exc.errors:
            widget, error = self._pairs.get(item.field, self._pairs[self._fallback])
            error.setText(item.message)
            error.setVisible(True)
            mark_invalid(widget, True)

    def message(self, field: str) -> str:
        """The sentence shown for ``field`` ("" when none is shown)."""
        pair = self._pairs.get(field)
        return pair[1].text() if pair and pair[1].isVisibleTo(self._owner) else ""
