"""The Word document: real styles, typography kept, properties set, page from house style."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import docx
import pytest

from db.records import HouseStyleRecord
from desktop.exchange.docx_writer import DATELINE_STYLE, docx_bytes
from desktop.press.document import Paragraph, ReleaseDocument, SeriesLink

DOC = ReleaseDocument(
    headline="China Forum Hosts “Seminar” on Shenzhen’s AI — 陈晓工",
    paragraphs=(
        Paragraph("On November 19, Mr. CHEN Xiaogong (陈晓工) spoke – briefly.", "generated"),
        Paragraph("A line\nand its second line <b>not bold</b> & more.", "written"),
    ),
    publication_date=dt.date(2021, 11, 22),
    series="China Forum News",
    last=SeriesLink(1, "Earlier “one”"),
    next=SeriesLink(3, "Later one"),
)
STYLE = HouseStyleRecord()


def _read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_paragraph_styles_and_text() -> None:
    document = _read(docx_bytes(DOC, STYLE))
    rows = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    assert rows == [
        ("Title", DOC.headline),
        (DATELINE_STYLE, "China Forum News · November 22, 2021"),
        ("Normal", DOC.paragraphs[0].text),
        ("Normal", DOC.paragraphs[1].text),  # the line break survives as a break
        ("Series Link", "Last: Earlier “one”"),
        ("Series Link", "Next: Later one"),
    ]
    # The dateline and series styles build on Normal, so staff restyle everything at once.
    assert document.styles[DATELINE_STYLE].base_style.name == "Normal"


def test_properties() -> None:
    props = _read(docx_bytes(DOC, STYLE)).core_properties
    assert props.title == DOC.headline
    assert props.subject == "China Forum News"
    assert props.created is not None and props.created.date() == dt.date(2021, 11, 22)
    assert props.language == "en"


@pytest.mark.parametrize(
    ("page_size", "width_mm", "height_mm"), [("A4", 210, 297), ("Letter", 215.9, 279.4)]
)
def test_page_size_and_margins_from_house_style(
    page_size: str, width_mm: float, height_mm: float
) -> None:
    style = replace(STYLE, page_size=page_size, margin_mm=20)
    section = _read(docx_bytes(DOC, style)).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width.mm - width_mm) < 0.5
    assert abs(section.page_height.mm - height_mm) < 0.5
    assert section.left_margin is not None and section.top_margin is not None
    assert abs(section.left_margin.mm - 20) < 0.1 and abs(section.top_margin.mm - 20) < 0.1


def test_chinese_text_has_an_east_asian_font() -> None:
    document = _read(docx_bytes(DOC, STYLE))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def test_without_date_or_series_there_is_no_dateline() -> None:
    bare = replace(DOC, publication_date=None, series="", last=None, next=None)
    document = _read(docx_bytes(bare, STYLE))
    assert [p.style.name for p in document.paragraphs if p.style] == ["Title", "Normal", "Normal"]


def test_a_long_headline_and_pasted_control_characters_still_export() -> None:
    """Word limits a property to 255 characters and XML forbids control characters: a
    300-character headline and text pasted from Word (\\v line break, \\x01) must export,
    the headline whole in the document and cut with "…" in the title property."""
    long = "China Forum Hosts a Very Long Seminar Title " * 7
    doc = replace(
        DOC,
        headline=long.strip(),
        paragraphs=(Paragraph("First line\vsecond line\x01 end", "written"),),
        last=SeriesLink(1, "Earlier\x0b“one”"),
    )
    document = _read(docx_bytes(doc, STYLE))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == long.strip()
    assert "First line\nsecond line end" in texts
    assert "Last: Earlier “one”" in texts
    title = document.core_properties.title
    assert len(title) == 255 and title.endswith("…") and long.startswith(title[:-1])
