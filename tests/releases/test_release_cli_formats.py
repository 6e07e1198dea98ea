"""`forumdesk release render ID --format pdf|docx -o FILE` writes files that read back."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdf
import pytest
from PySide6.QtWidgets import QApplication

from db.session import Database
from desktop.cli import main


def test_render_pdf_and_docx(
    qapp: QApplication, demo_database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_database.path)
    assert (
        main(["release", "render", "2", "--format", "pdf", "-o", str(tmp_path / "r.pdf"), "-d", db])
        == 0
    )
    assert (
        main(
            ["release", "render", "2", "--format", "docx", "-o", str(tmp_path / "r.docx"), "-d", db]
        )
        == 0
    )
    assert "Wrote release 2 (pdf)" in capsys.readouterr().out
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "r.pdf").read_bytes()))
    assert "Among the panelists were Mr. CHEN Xiaogong" in " ".join(
        reader.pages[0].extract_text().split()
    )
    assert docx.Document(str(tmp_path / "r.docx")).paragraphs[0].style.name == "Title"


def test_unknown_format_names_pdf_and_docx(
    demo_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["release", "render", "2", "--format", "odt", "-d", str(demo_database.path)]) == 1
    err = capsys.readouterr().err
    assert "pdf" in err and "docx" in err and err.count("\n") == 1
