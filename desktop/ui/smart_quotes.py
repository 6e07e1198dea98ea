"""Typographic quotes and apostrophes as you type, with Undo restoring the straight one.

Typing ' or " first inserts the straight character (one undo step), then replaces it with
the curly one in a second edit block: Ctrl+Z right after typing gives the straight quote
back — for the rare place that needs it (inches, code, a name copied from elsewhere).
"""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

OPENING_CONTEXT = set(" \t\n\u2028\u2029([{<\u2014\u2013-/\u201c\u2018")


def curly(straight: str, before: str) -> str:
    """The typographic form of ``straight`` (' or ") after the text ``before``."""
    opening = not before or before[-1] in OPENING_CONTEXT
    if straight == '"':
        return "\u201c" if opening else "\u201d"
    if straight == "'":
        # An apostrophe (don’t, Shenzhen’s, ’90s after a space is rare) or a closing quote
        # are both ’; an opening single quote only after a space or bracket.
        return "\u2018" if opening else "\u2019"
    return straight


class SmartQuotesTextEdit(QPlainTextEdit):
    """A plain-text editor that curls quotes as they are typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.smart_quotes = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        super().keyPressEvent(event)
        if text not in ("'", '"') or not self.smart_quotes or self.isReadOnly():
            return
        cursor = self.textCursor()
        if cursor.hasSelection() or cursor.position() == 0:
            return
        block_text = cursor.block().text()[: cursor.positionInBlock()]
        if not block_text.endswith(text):
            return
        replacement = curly(text, block_text[:-1])
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        cursor.endEditBlock()
        self.setTextCursor(cursor)


class SmartQuotesLineEdit(QLineEdit):
    """A line edit that curls quotes as they are typed (Undo restores the straight one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.smart_quotes = True

    def undo(self) -> None:
        super().undo()
        self._after_undo()

    def _after_undo(self) -> None:
        # Undoing the curl brings the straight quote back *selected*: the next key typed
        # would replace it.  Leave the cursor after it instead, as if it had been typed.
        if self.selectedText() in ("'", '"'):
            end = self.selectionEnd()
            self.deselect()
            self.setCursorPosition(end)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        super().keyPressEvent(event)
        if event.matches(QKeySequence.StandardKey.Undo):
            self._after_undo()
            return
        if text not in ("'", '"') or not self.smart_quotes or self.isReadOnly():
            return
        position = self.cursorPosition()
        value = self.text()
        if position == 0 or value[position - 1] != text:
            return
        replacement = curly(text, value[: position - 1])
        # Selecting first makes the replacement its own undo step.
        self.setSelection(position - 1, 1)
        self.insert(replacement)
