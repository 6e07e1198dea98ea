"""Print, print preview, export to a file and copy to the clipboard — for one release.

Everything goes through ``desktop.ui.dialogs`` (the seam tests patch): the print dialog,
the preview dialog, the save-file dialog, errors.  Files are written atomically.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from markupsafe import escape
from PySide6.QtCore import QMimeData, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from db.records import HouseStyleRecord
from desktop.exchange.atomic import write_bytes_atomic
from desktop.exchange.release_export import (
    DOCX,
    HTML,
    MARKDOWN,
    TEXT,
    ExportFormat,
    dateline,
    suggested_filename,
)
from desktop.press.document import ReleaseDocument
from desktop.press.render import render_html_fragment, render_txt
from desktop.ui import dialogs
from desktop.ui.pdf_export import (
    PDF,
    build_text_document,
    cjk_font_family,
    has_cjk,
    missing_cjk_font_message,
    page_layout,
    print_to,
    repair_to_unicode,
)

EXPORT_FORMATS: tuple[ExportFormat, ...] = (PDF, DOCX, HTML, MARKDOWN, TEXT)


def format_by_key(key: str) -> ExportFormat:
    return next(f for f in EXPORT_FORMATS if f.key == key)


def fragment_with_dateline(doc: ReleaseDocument, style: HouseStyleRecord) -> str:
    """The composer's escaped <article>, with the print dateline under the headline."""
    html = render_html_fragment(doc)
    line = dateline(doc, style)
    if line and "</h1>" in html:
        html = html.replace("</h1>", f'</h1>\n<p class="dateline">{escape(line)}</p>', 1)
    return html


def copy_release(doc: ReleaseDocument, *, as_html: bool) -> QMimeData:
    """Put the release on the clipboard: text/html (for the website's editor) and
    text/plain, or text/plain only (for e-mail and messaging)."""
    mime = QMimeData()
    mime.setText(render_txt(doc))
    if as_html:
        mime.setHtml(render_html_fragment(doc))
    QGuiApplication.clipboard().setMimeData(mime)
    return mime


def cjk_warning(doc: ReleaseDocument) -> str:
    """A sentence when the release has Chinese characters and no font can print them."""
    text = doc.headline + "".join(p.text for p in doc.paragraphs)
    if has_cjk(text) and cjk_font_family() is None:
        return missing_cjk_font_message()
    return ""


def _printer(style: HouseStyleRecord) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(style))
    return printer


def print_release(parent: QWidget | None, doc: ReleaseDocument, style: HouseStyleRecord) -> bool:
    """Print… : the print dialog, then the pages.  True when printed."""
    printer = _printer(style)
    printer.setDocName(doc.headline)
    if not dialogs.print_dialog(parent, printer):
        return False
    print_to(build_text_document(doc, style), printer)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        # "Print to file" wrote a PDF: give it the same copyable text as an export.
        path = Path(printer.outputFileName())
        with contextlib.suppress(OSError):  # else the file stays as Qt wrote it
            write_bytes_atomic(path, repair_to_unicode(path.read_bytes()), mode=0o644)
    return True


def preview_release(parent: QWidget | None, doc: ReleaseDocument, style: HouseStyleRecord) -> None:
    """Print Preview: the pages as they will print (A4 or Letter, house margins)."""
    printer = _printer(style)
    printer.setDocName(doc.headline)

    def paint(target: QPrinter) -> None:
        print_to(build_text_document(doc, style), target)

    dialogs.print_preview(parent, printer, paint)


def default_export_folder() -> str:
    return QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    ) or str(Path.home())


def export_to_file(
    parent: QWidget | None,
    doc: ReleaseDocument,
    style: HouseStyleRecord,
    fmt: ExportFormat,
    folder: str,
) -> Path | None:
    """Ask where, then write atomically; None when cancelled or failed (the user was told)."""
    suggested = str(Path(folder or default_export_folder()) / suggested_filename(doc, fmt))
    chosen = dialogs.get_save_file_name(
        parent, f"Export as {fmt.label}", suggested, fmt.file_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != f".{fmt.key}":
        path = path.with_name(f"{path.name}.{fmt.key}")
    progress = export_progress(parent, path)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    restored = False
    try:
        progress.setValue(0)
        progress.setLabelText(f"Preparing {fmt.label} for {path.name}…")
        data = fmt.write(doc, style)
        progress.setValue(1)
        progress.setLabelText(f"Writing {path.name}…")
        # Atomic: a temporary file renamed into place, so a failure never leaves a
        # truncated file (and an existing file stays as it was).
        write_bytes_atomic(path, data, mode=0o644)
        progress.setValue(2)
    except OSError as exc:
        progress.cancel()
        QApplication.restoreOverrideCursor()
        restored = True
        reason = exc.strerror or str(exc)
        dialogs.error(
            parent,
            "Export failed",
            f"The release could not be written to {path} ({reason}); nothing was changed there.",
        )
        return None
    finally:
        progress.close()
        progress.deleteLater()
        if not restored:
            QApplication.restoreOverrideCursor()
    return path


PROGRESS_DELAY_MS = 400
"""An export that takes less than this never shows its progress dialog (no flash)."""


def export_progress(parent: QWidget | None, path: Path) -> QProgressDialog:
    """The progress of one export (window-modal, no Cancel: a half-cancelled atomic write
    would gain nothing); it appears only when the export takes a while."""
    progress = QProgressDialog(f"Exporting {path.name}…", "", 0, 2, parent)
    progress.setObjectName("export_progress")
    progress.setWindowTitle("Exporting")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(PROGRESS_DELAY_MS)
    progress.setAutoClose(True)
    progress.setAutoReset(False)
    return progress
