"""The release preview: shows the composer's escaped HTML and never loads anything.

A field holding ``<img src="/dev/zero">`` rendered as HTML was measured to freeze a Qt
preview and eat 10 GB.  The composer escapes every value, so such text arrives as text;
this widget is the second wall: it resolves no resource (images, style sheets, files),
follows no link, and keeps its scroll position when the text is replaced while typing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

PREVIEW_CSS = """
article { }
h1 { font-size: 15pt; font-weight: bold; margin-bottom: 4px; }
p { margin-top: 0px; margin-bottom: 9px; line-height: 135%; }
p.overridden { background-color: #fff4cc; }
p.dateline { font-style: italic; font-size: 10pt; color: #555555; margin-bottom: 14px; }
nav.series { margin-top: 12px; }
p.last, p.next { margin-bottom: 3px; }
span.label { font-weight: bold; }
"""


class SafeTextDocument(QTextDocument):
    """A text document that never loads a resource, whatever its HTML names."""

    loaded_resources: int = 0

    def loadResource(self, type: int, name: QUrl) -> Any:
        del type, name
        SafeTextDocument.loaded_resources += 1  # counted, never fetched (tests look)
        return None


class ReleasePreview(QTextBrowser):
    """Read-only release preview; ``show_html`` replaces the content without a jump."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("release_preview")
        self.setAccessibleName("Release preview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setUndoRedoEnabled(False)
        self._document = SafeTextDocument(self)
        self._document.setDefaultStyleSheet(PREVIEW_CSS)
        self._document.setDocumentMargin(24)
        self.setDocument(self._document)
        self._html = ""

    def loadResource(self, type: int, name: QUrl) -> Any:
        del type, name
        return None

    def setSource(self, name: QUrl, type: Any = None) -> None:
        """Never navigate: a clicked link must not replace the preview or open a file."""
        del name, type

    def show_html(self, html: str) -> bool:
        """Show ``html`` (escaped by the composer) keeping the scroll position; returns
        False when nothing changed (no repaint, no flicker)."""
        if html == self._html:
            return False
        bar = self.verticalScrollBar()
        position = bar.value()
        at_end = position > 0 and position >= bar.maximum()
        self.setUpdatesEnabled(False)
        try:
            self._document.setHtml(html)
            self._html = html
            bar.setValue(bar.maximum() if at_end else min(position, bar.maximum()))
        finally:
            self.setUpdatesEnabled(True)
        return True

    def html_shown(self) -> str:
        return self._html
