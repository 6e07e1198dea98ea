"""A composed release as files: the formats staff export, their names, their bytes.

Qt-free: txt, md and html come from the composer's templates, docx from python-docx.
PDF needs Qt's text layout and lives in ``desktop.ui.pdf_export``; the Releases page and
the CLI add it to the formats here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db.models import DateStyle
from db.records import HouseStyleRecord
from desktop.exchange.atomic import write_bytes_atomic
from desktop.exchange.filenames import export_filename
from desktop.press.document import ReleaseDocument
from desktop.press.phrases import MONTHS
from desktop.press.render import render_html, render_md, render_txt


@dataclass(frozen=True)
class ExportFormat:
    key: str  # "pdf"; also the file extension
    label: str  # "PDF document"
    mime: str
    # (document, house style) -> the file's bytes
    write: Callable[[ReleaseDocument, HouseStyleRecord], bytes]

    @property
    def file_filter(self) -> str:
        """For a file dialog: "PDF document (*.pdf)"."""
        return f"{self.label} (*.{self.key})"


def long_date(day: dt.date, date_style: str = DateStyle.MONTH_DAY.value) -> str:
    """ "November 22, 2021" or "22 November 2021" by the house style."""
    month = MONTHS[day.month - 1]
    if date_style == DateStyle.DAY_MONTH.value:
        return f"{day.day} {month} {day.year}"
    return f"{month} {day.day}, {day.year}"


def dateline(doc: ReleaseDocument, style: HouseStyleRecord | None = None) -> str:
    """The line under the headline in print: "China Forum News · November 22, 2021".

    The plain-text release (the house style's reference) has no such line; printed and
    Word copies carry it so a sheet on a desk says when it went out.  "" when there is
    neither a series nor a date."""
    date_style = style.date_style if style else DateStyle.MONTH_DAY.value
    parts = [doc.series.strip()] if doc.series.strip() else []
    if doc.publication_date is not None:
        parts.append(long_date(doc.publication_date, date_style))
    return " · ".join(parts)


def _utf8(
    render: Callable[[ReleaseDocument], str],
) -> Callable[[ReleaseDocument, HouseStyleRecord], bytes]:
    return lambda doc, _style: render(doc).encode("utf-8")


def _docx(doc: ReleaseDocument, style: HouseStyleRecord) -> bytes:
    from desktop.exchange.docx_writer import docx_bytes

    return docx_bytes(doc, style)


TEXT = ExportFormat("txt", "Plain text", "text/plain", _utf8(render_txt))
MARKDOWN = ExportFormat("md", "Markdown", "text/markdown", _utf8(render_md))
HTML = ExportFormat("html", "Web page (HTML)", "text/html", _utf8(render_html))
DOCX = ExportFormat(
    "docx",
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _docx,
)

# The Qt-free formats, in menu order.  desktop.ui.pdf_export.PDF joins them in the GUI/CLI.
FORMATS: dict[str, ExportFormat] = {f.key: f for f in (TEXT, MARKDOWN, HTML, DOCX)}


def suggested_filename(doc: ReleaseDocument, fmt: ExportFormat) -> str:
    return export_filename(doc.publication_date, doc.headline, fmt.key)


def export_release(
    doc: ReleaseDocument, fmt: ExportFormat, style: HouseStyleRecord, path: Path | str
) -> Path:
    """Render ``doc`` in ``fmt`` and write it atomically to ``path`` (a failed export leaves
    any existing file as it was).  Raises OSError when the folder cannot be written."""
    data = fmt.write(doc, style)
    write_bytes_atomic(path, data, mode=0o644)
    return Path(path)
