"""A release as a Word document (python-docx) that staff can open and edit without fixing
anything: the headline in the built-in Title style, body text in Normal, a dateline, the
series' Last / Next; typographic characters kept as typed; page size and margins from the
house style; title, subject, language and dates in the document properties."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from db.records import HouseStyleRecord
from desktop.press.document import ReleaseDocument

# Fonts Word and LibreOffice have or substitute well; East Asian text gets a CJK font so
# Chinese names never show as boxes when the document is opened on another machine.
LATIN_FONT = "Times New Roman"
EAST_ASIAN_FONT = "SimSun"
DATELINE_STYLE = "Dateline"
SERIES_STYLE = "Series Link"

PAGE_SIZES_MM = {"A4": (210, 297), "LETTER": (215.9, 279.4)}


def _set_fonts(style: ParagraphStyle, size: float, *, bold: bool = False) -> None:
    font = style.font
    font.name = LATIN_FONT
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:  # pragma: no cover - font.name above creates it
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attr), None)


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _set_fonts(normal, 12)
    normal.paragraph_format.space_after = Pt(10)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    normal.paragraph_format.line_spacing = 1.15

    title = styles["Title"]
    assert isinstance(title, ParagraphStyle)
    _set_fonts(title, 18, bold=True)
    title.paragraph_format.space_after = Pt(6)
    # The default template draws a coloured rule under Title; a release has none.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)

    dateline = styles.add_style(DATELINE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    dateline.base_style = normal
    dateline.font.italic = True
    dateline.paragraph_format.space_after = Pt(18)

    series = styles.add_style(SERIES_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    series.base_style = normal
    series.paragraph_format.space_after = Pt(2)


# Word's manual line break (\v), a form feed and the Unicode line/paragraph separators
# arrive in text pasted from Word or spreadsheets; they are line breaks.  Other control
# characters cannot be stored in a .docx at all (XML forbids them) and are dropped.
_BREAKS = re.compile("[\v\f\u2028\u2029]|\r\n?")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
# Word's limit for a document property such as the title.
MAX_PROPERTY_CHARS = 255


def xml_text(text: str) -> str:
    """``text`` as a .docx can hold it: line breaks as "\n", no control characters."""
    return _NOT_XML.sub("", _BREAKS.sub("\n", text))


def _property(text: str) -> str:
    """One line, at most 255 characters (cut with "…")."""
    line = " ".join(xml_text(text).split())
    if len(line) > MAX_PROPERTY_CHARS:
        line = line[: MAX_PROPERTY_CHARS - 1].rstrip() + "…"
    return line


def _add_text(paragraph: DocxParagraph, text: str) -> None:
    """Text with its line breaks kept as breaks (not new paragraphs)."""
    for i, line in enumerate(xml_text(text).split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)


def build_document(doc: ReleaseDocument, style: HouseStyleRecord) -> docx.document.Document:
    from desktop.exchange.release_export import dateline

    document = docx.Document()
    _styles(document)

    section = document.sections[0]
    width, height = PAGE_SIZES_MM.get(style.page_size.upper(), PAGE_SIZES_MM["A4"])
    section.page_width, section.page_height = Mm(width), Mm(height)
    margin = Mm(style.margin_mm)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin

    _add_text(document.add_paragraph(style="Title"), doc.headline)
    line = dateline(doc, style)
    if line:
        _add_text(document.add_paragraph(style=DATELINE_STYLE), line)
    for paragraph in doc.paragraphs:
        _add_text(document.add_paragraph(style="Normal"), paragraph.text)
    links = [("Last:", doc.last), ("Next:", doc.next)]
    first_link = True
    for label, link in links:
        if link is None:
            continue
        para = document.add_paragraph(style=SERIES_STYLE)
        if first_link:
            para.paragraph_format.space_before = Pt(18)
            first_link = False
        para.add_run(label).bold = True
        para.add_run(" " + " ".join(xml_text(link.headline).split()))

    props = document.core_properties
    props.title = _property(doc.headline)
    props.subject = _property(doc.series)
    props.language = _property(doc.language)
    props.author = ""
    props.comments = ""
    props.keywords = "press release"
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    if doc.publication_date is not None:
        props.created = dt.datetime.combine(doc.publication_date, dt.time(9, 0))
    else:
        props.created = now
    props.modified = now
    props.revision = 1
    return document


def docx_bytes(doc: ReleaseDocument, style: HouseStyleRecord) -> bytes:
    buffer = io.BytesIO()
    build_document(doc, style).save(buffer)
    return buffer.getvalue()
