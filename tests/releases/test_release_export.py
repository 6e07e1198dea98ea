"""The demo release exported in every format and read back: txt, md, html, docx, pdf."""

from __future__ import annotations

import html.parser
import io
import re
from dataclasses import replace
from pathlib import Path

import docx
import pypdf
import pytest
from PySide6.QtWidgets import QApplication

from db.records import HouseStyleRecord
from desktop.exchange.release_export import FORMATS, dateline, export_release
from desktop.press.document import Paragraph, ReleaseDocument
from desktop.press.render import render_txt
from desktop.ui.pdf_export import PDF, cjk_font_family, repair_to_unicode

Reference = tuple[ReleaseDocument, HouseStyleRecord]
CHINESE = "陈晓工"
HOSTILE = (
    '<img src="/dev/zero"> <a href="file:///etc/passwd">link</a> & "quotes" <script>x</script>'
)
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff]"


def normalise(text: str) -> str:
    """Whitespace only, as far as it is honest: runs of spaces, tabs and line breaks are one
    space (PDF text has the page's line breaks); no space next to a Chinese character
    (Chinese lines break between characters, and pypdf adds a space where the text
    switches to the CJK font); "Last: x" and "Last:x" are the same."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(rf" ?({_CJK}) ?", r"\1", text)
    return re.sub(r"\b(Last|Next): ?", r"\1: ", text)


def printed_text(doc: ReleaseDocument, style: HouseStyleRecord) -> str:
    """The plain-text rendering with the print dateline under the headline."""
    text = render_txt(doc)
    headline, rest = text.split("\n", 1)
    assert headline == doc.headline
    return f"{headline}\n{dateline(doc, style)}\n{rest}"


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def with_chinese(doc: ReleaseDocument) -> ReleaseDocument:
    first, *rest = doc.paragraphs
    return replace(
        doc,
        headline=f"{doc.headline} — {CHINESE}",
        paragraphs=(
            first,
            Paragraph(f"Mr. CHEN Xiaogong ({CHINESE}) thanked the participants.", "written"),
            *rest,
        ),
    )


def test_txt_md_html_files(reference: Reference, tmp_path: Path) -> None:
    doc, style = reference
    txt = export_release(doc, FORMATS["txt"], style, tmp_path / "r.txt").read_text("utf-8")
    assert txt == render_txt(doc)
    assert "Shenzhen’s AI Enterprises" in txt and "“Making the Future Work" in txt
    md = export_release(doc, FORMATS["md"], style, tmp_path / "r.md").read_text("utf-8")
    assert md.startswith(f"# {doc.headline}\n")
    assert "**Last:** China Forum Experts at Ditchley" in md
    page = export_release(doc, FORMATS["html"], style, tmp_path / "r.html").read_text("utf-8")
    assert _html_text(page) == normalise(render_txt(doc))


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag in ("style", "title", "head"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "head"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)


def _html_text(page: str) -> str:
    parser = _Collector()
    parser.feed(page)
    parser.close()
    return normalise(" ".join(parser.chunks))


def test_html_escapes_hostile_field_values(reference: Reference, tmp_path: Path) -> None:
    doc, style = reference
    hostile = replace(
        doc,
        headline=f"Seminar {HOSTILE}",
        paragraphs=(*doc.paragraphs, Paragraph(HOSTILE, "written")),
    )
    page = export_release(hostile, FORMATS["html"], style, tmp_path / "h.html").read_text("utf-8")
    parser = _Collector()
    parser.feed(page)
    parser.close()
    # No element or attribute came from the field values: they are text.
    assert not {"img", "a", "script"} & set(parser.tags)
    assert not any(name in ("src", "href") for name, _ in parser.attrs)
    assert HOSTILE in " ".join(parser.chunks)


def test_docx_paragraphs_equal_the_plain_text(reference: Reference, tmp_path: Path) -> None:
    doc, style = reference
    path = export_release(doc, FORMATS["docx"], style, tmp_path / "r.docx")
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    assert normalise("\n".join(paragraphs)) == normalise(printed_text(doc, style))
    # Paragraph for paragraph, not just the same words.
    assert paragraphs[0] == doc.headline
    assert paragraphs[2:4] == [p.text for p in doc.paragraphs]
    assert document.core_properties.title == doc.headline


def test_chinese_survives_into_docx(reference: Reference, tmp_path: Path) -> None:
    doc, style = reference
    path = export_release(with_chinese(doc), FORMATS["docx"], style, tmp_path / "zh.docx")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts[0].endswith(CHINESE)
    assert f"({CHINESE})" in texts[3]


def test_pdf_text_equals_the_plain_text(
    qapp: QApplication, reference: Reference, tmp_path: Path
) -> None:
    doc, style = reference
    path = export_release(doc, PDF, style, tmp_path / "r.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert normalise(pdf_text(data)) == normalise(printed_text(doc, style))
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title == doc.headline
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1  # A4


def _embedded_fonts(data: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    found: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    found.add(str(font["/BaseFont"]))
    return found


def test_chinese_survives_into_pdf_with_fonts_embedded(
    qapp: QApplication, reference: Reference, tmp_path: Path
) -> None:
    assert cjk_font_family() is not None, "fonts-noto-cjk is installed on this machine"
    doc, style = reference
    chinese = with_chinese(doc)
    data = export_release(chinese, PDF, style, tmp_path / "zh.pdf").read_bytes()
    text = normalise(pdf_text(data))
    assert text == normalise(printed_text(chinese, style))
    assert f"({CHINESE})" in text
    fonts = _embedded_fonts(data)
    assert any("CJK" in name for name in fonts), fonts
    assert len(fonts) >= 2  # the Latin face and the CJK face, both embedded


def test_letter_paper_and_margins(qapp: QApplication, reference: Reference) -> None:
    doc, style = reference
    data = PDF.write(doc, replace(style, page_size="Letter", margin_mm=15))
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert abs(float(box.width) - 612) < 1 and abs(float(box.height) - 792) < 1


def test_repair_keeps_length_and_fixes_targets() -> None:
    stream = (
        b"2 beginbfrange\n<0001> <0002> [<0009> <2F2F>]\n<0003> <0003> <0009>\nendbfrange\n"
        b"1 beginbfchar\n<0009> <2F12>\nendbfchar\n"
    )
    cmap = (
        b"1 0 obj\n<< /Length 10 >>\nstream\n" + b"x" * 10 + b"\nendstream\n"
        b"/ToUnicode 2 0 R\n"
        b"2 0 obj\n<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream\n"
    )
    fixed = repair_to_unicode(cmap)
    assert len(fixed) == len(cmap)
    assert b"[<0020> <5DE5>]" in fixed
    assert b"<0003> <0003> <0020>" in fixed
    assert b"<0009> <529B>" in fixed  # the source glyph <0009> is left alone


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_failed_export_leaves_the_old_file(
    reference: Reference, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc, style = reference
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / f"release.{fmt}"
    target.write_bytes(b"the previous export")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OSError):
        export_release(doc, FORMATS[fmt], style, target)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == [target.name]
