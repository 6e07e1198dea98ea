"""A release as one QTextDocument that prints, previews and becomes a PDF (fonts embedded).

The document is built block by block through QTextCursor from the composed plain text —
no HTML is parsed, so nothing typed into a field can name an image, a link or a file.
Chinese characters need a CJK-capable font: ``cjk_font_family()`` finds one through
QFontDatabase (on Linux install ``fonts-noto-cjk``); without one, PDFs show boxes and the
app says so (``missing_cjk_font_message``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from db.records import HouseStyleRecord
from desktop.exchange.release_export import ExportFormat, dateline
from desktop.press.document import ReleaseDocument

# Latin serif faces in order of preference; the first one installed is used.
SERIF_FAMILIES = (
    "Noto Serif",
    "Source Serif 4",
    "Times New Roman",
    "Liberation Serif",
    "Tinos",
    "DejaVu Serif",
)
CJK_FAMILIES = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "SimSun",
    "Songti SC",
    "Microsoft YaHei",
    "PingFang SC",
)
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")

BODY_PT = 11.5
HEADLINE_PT = 17.0
DATELINE_PT = 10.0
RESOLUTION_DPI = 1200


def _installed(candidates: tuple[str, ...], pool: list[str]) -> str | None:
    lowered = {name.lower(): name for name in pool}
    for name in candidates:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


@functools.cache
def cjk_font_family() -> str | None:
    """A font family that has Simplified Chinese glyphs, or None when none is installed."""
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return _installed(CJK_FAMILIES, chinese) or (chinese[0] if chinese else None)


@functools.cache
def serif_font_family() -> str:
    return _installed(SERIF_FAMILIES, QFontDatabase.families()) or "serif"


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def missing_cjk_font_message() -> str:
    return (
        "No font with Chinese characters is installed, so Chinese names would print as "
        "boxes. Install a CJK font (on Debian or Ubuntu: sudo apt install fonts-noto-cjk) "
        "and restart Forum Desk."
    )


def release_font(point_size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """The serif face with the CJK face as its fallback."""
    families = [serif_font_family()]
    cjk = cjk_font_family()
    if cjk:
        families.append(cjk)
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setItalic(italic)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setKerning(True)
    # Ligature glyphs ("ﬁ", "ﬀ") would come back as ligature characters when text is
    # copied out of the PDF into a website editor or an e-mail.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def page_layout(style: HouseStyleRecord) -> QPageLayout:
    """A4 or Letter, portrait, the house style's margins on every side."""
    size_id = (
        QPageSize.PageSizeId.Letter
        if style.page_size.strip().upper() == "LETTER"
        else QPageSize.PageSizeId.A4
    )
    margin = float(max(5, min(style.margin_mm, 60)))
    return QPageLayout(
        QPageSize(size_id),
        QPageLayout.Orientation.Portrait,
        QMarginsF(margin, margin, margin, margin),
        QPageLayout.Unit.Millimeter,
    )


def _char(font: QFont) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(font)
    return fmt


def _block(*, top: float = 0, bottom: float = 0, line_height: float = 100) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt


def build_text_document(
    doc: ReleaseDocument, style: HouseStyleRecord, *, mark_overridden: bool = False
) -> QTextDocument:
    """The release as it prints: headline, dateline, paragraphs, Last / Next.

    ``mark_overridden`` tints a hand-edited lead (for on-screen previews, never print)."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(release_font(BODY_PT))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, doc.headline)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()

    body = _char(release_font(BODY_PT))
    first = True

    def block(fmt: QTextBlockFormat, char: QTextCharFormat) -> None:
        nonlocal first
        if first:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(char)
            first = False
        else:
            cursor.insertBlock(fmt, char)

    def text(value: str, char: QTextCharFormat) -> None:
        # A line break inside a paragraph stays a line break (U+2028), not a new block.
        cursor.insertText(value.replace("\n", "\u2028"), char)

    headline = _char(release_font(HEADLINE_PT, bold=True))
    block(_block(bottom=6, line_height=115), headline)
    text(doc.headline, headline)

    line = dateline(doc, style)
    if line:
        date_char = _char(release_font(DATELINE_PT, italic=True))
        block(_block(bottom=14), date_char)
        text(line, date_char)
    else:
        cursor.blockFormat()

    for paragraph in doc.paragraphs:
        fmt = _block(top=0, bottom=9, line_height=135)
        char = QTextCharFormat(body)
        if mark_overridden and paragraph.overridden:
            fmt.setBackground(QGuiApplication.palette().highlight().color().lighter(185))
            fmt.setProperty(QTextFormat.Property.UserProperty, "overridden")
        block(fmt, char)
        text(paragraph.text, char)

    label = _char(release_font(BODY_PT, bold=True))
    links = [(name, link) for name, link in (("Last:", doc.last), ("Next:", doc.next)) if link]
    for index, (name, link) in enumerate(links):
        block(_block(top=12 if index == 0 else 0, bottom=3, line_height=125), body)
        text(name, label)
        text(" " + link.headline, body)
    cursor.endEditBlock()
    return document


def paginate(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Lay the document out on the device's printable area (in the document's 96-dpi
    units), so that print() neither adds its own 2 cm margins nor page numbers."""
    rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    document.setPageSize(QSizeF(rect.width() * 96 / 72, rect.height() * 96 / 72))


def print_to(document: QTextDocument, device: QPagedPaintDevice) -> None:
    paginate(document, device)
    document.print_(device)


def pdf_bytes(doc: ReleaseDocument, style: HouseStyleRecord) -> bytes:
    """The release as a PDF (fonts embedded as subsets by Qt's PDF engine).

    Needs a QGuiApplication (the CLI creates an offscreen one for --format pdf)."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("PDF export needs a QGuiApplication.")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(page_layout(style))
    writer.setTitle(doc.headline)
    writer.setCreator("Forum Desk")
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_1_6)
    document = build_text_document(doc, style)
    print_to(document, writer)
    del writer  # finishes the PDF
    buffer.close()
    return repair_to_unicode(bytes(data.data()))


# Qt's PDF engine maps each glyph back to the *lowest* code point that uses it: the space
# glyph to U+0009 (tab) and, in CJK fonts, 工 to the Kangxi radical ⼯ (U+2F2F).  The PDF
# then looks right but copies and searches wrong.  The ToUnicode CMaps Qt writes are
# uncompressed with 4-hex-digit targets, so the targets can be corrected in place, byte
# for byte, without moving any object.
_TO_UNICODE_REF = re.compile(rb"/ToUnicode (\d+) 0 R")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _better_code_point(code: int) -> int:
    if code == 0x09:
        return 0x20
    if 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF:
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and ord(folded) <= 0xFFFF:
            return ord(folded)
    return code


def _fix_targets(segment: bytes) -> bytes:
    def fix(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        better = _better_code_point(code)
        return match.group(0) if better == code else b"<%04X>" % better

    return _HEX4.sub(fix, segment)


def _fix_cmap(cmap: bytes) -> bytes:
    lines = cmap.split(b"\n")
    section = b""
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.endswith((b"beginbfrange", b"beginbfchar")):
            section = stripped.split()[-1]
            continue
        if stripped in (b"endbfrange", b"endbfchar"):
            section = b""
            continue
        if section == b"beginbfchar":
            # <glyph> <unicode>: fix the target only.
            head, sep, tail = line.partition(b">")
            lines[i] = head + sep + _fix_targets(tail)
        elif section == b"beginbfrange":
            # <first> <last> [<u1> <u2> …]  or  <first> <last> <u> (single-glyph ranges only)
            parts = line.split(b">", 2)
            if len(parts) == 3:
                first, last = parts[0].strip(b" <"), parts[1].strip(b" <")
                if b"[" in parts[2] or first == last:
                    lines[i] = parts[0] + b">" + parts[1] + b">" + _fix_targets(parts[2])
    return b"\n".join(lines)


def repair_to_unicode(pdf: bytes) -> bytes:
    """``pdf`` with its ToUnicode maps corrected (same length; see above)."""
    out = bytearray(pdf)
    for ref in {m.group(1) for m in _TO_UNICODE_REF.finditer(pdf)}:
        header = re.search(rb"\n" + ref + rb" 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n", pdf)
        if header is None:
            continue  # compressed or indirect length: leave it as Qt wrote it
        start = header.end()
        end = start + int(header.group(1))
        fixed = _fix_cmap(pdf[start:end])
        if len(fixed) == end - start:
            out[start:end] = fixed
    return bytes(out)


PDF = ExportFormat("pdf", "PDF document", "application/pdf", pdf_bytes)
