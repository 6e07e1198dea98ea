"""Helpers for driving forms like a user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.ui.lookup import LookupEdit

# The offscreen platform cannot grab the keyboard for a completer pop-up: not our code.
# pyproject's qt_log_ignore now ignores it everywhere; kept for modules that still use it.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


def retype(qtbot, widget: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select all and type, as a user would."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def pick(qtbot, lookup: LookupEdit, typed: str, label_part: str) -> None:  # type: ignore[no-untyped-def]
    """Type into a lookup, wait for the pop-up, choose the entry containing label_part."""
    lookup.setFocus()
    lookup.selectAll()
    type_text(qtbot, lookup, typed)
    qtbot.waitUntil(lambda: any(label_part in c for c in lookup.choices()))
    row = next(i for i, c in enumerate(lookup.choices()) if label_part in c)
    lookup.pick(row)


def click(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type text; non-ASCII (Chinese) arrives as an input-method commit, as from an IME."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for chunk in _chunks(text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _chunks(text: str) -> list[str]:
    chunks: list[str] = []
    for ch in text:
        if chunks and chunks[-1][-1].isascii() == ch.isascii():
            chunks[-1] += ch
        else:
            chunks.append(ch)
    return chunks
