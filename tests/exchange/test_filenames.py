"""Export file names: from date and headline, valid on every common OS."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.exchange.atomic import write_bytes_atomic
from desktop.exchange.filenames import export_filename, safe_stem

DAY = dt.date(2021, 11, 22)
WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


def test_date_then_headline_with_typography_kept() -> None:
    name = export_filename(DAY, "China Forum Hosts Seminar on Shenzhen’s AI Enterprises", "pdf")
    assert name == "2021-11-22 China Forum Hosts Seminar on Shenzhen’s AI Enterprises.pdf"


def test_chinese_headline_is_kept() -> None:
    assert export_filename(DAY, "陈晓工 访问", "docx") == "2021-11-22 陈晓工 访问.docx"


@pytest.mark.parametrize(
    "headline",
    [
        'Why? A "Q&A": <AI> / governance | part 1*',
        "back\\slash\ttab\nnew line\x00nul\x1fctl",
        "zero\u200bwidth and \u202eright-to-left override",
    ],
)
def test_forbidden_and_invisible_characters_are_removed(headline: str) -> None:
    name = export_filename(DAY, headline, "txt")
    stem = name.removesuffix(".txt")
    assert not WINDOWS_FORBIDDEN & set(stem)
    assert all(ord(c) >= 32 and c not in "\u200b\u202e" for c in stem)
    assert "  " not in stem


@pytest.mark.parametrize("reserved", ["CON", "con", "Nul", "COM1", "lpt9", "AUX.txt", "PRN "])
def test_windows_reserved_names_are_prefixed(reserved: str) -> None:
    stem = safe_stem(reserved)
    assert stem.split(".")[0].strip().upper() not in {"CON", "NUL", "COM1", "LPT9", "AUX", "PRN"}


def test_reserved_name_without_a_date_becomes_safe() -> None:
    assert export_filename(None, "CON", "txt") == "_CON.txt"


@pytest.mark.parametrize("headline", ["Ends with dots...", "Ends with spaces   ", " . . ."])
def test_no_trailing_dots_or_spaces(headline: str) -> None:
    stem = safe_stem(headline)
    assert stem and not stem.endswith((".", " "))


def test_empty_headline_gets_a_name() -> None:
    assert export_filename(None, "  ", "md") == "release.md"
    assert export_filename(DAY, "", "md") == "2021-11-22.md"


def test_long_headlines_are_cut_at_a_word_within_limits() -> None:
    name = export_filename(DAY, "International Cooperation " * 30, "html")
    assert len(name) <= 130
    assert name.endswith("Cooperation.html")
    chinese = export_filename(DAY, "陈" * 400, "pdf")
    assert len(chinese.encode("utf-8")) <= 250


def test_a_name_can_really_be_created(tmp_path: Path) -> None:
    name = export_filename(DAY, 'A "quoted" title: <b>bold</b>?', "txt")
    write_bytes_atomic(tmp_path / name, b"ok")
    assert (tmp_path / name).read_bytes() == b"ok"


def test_bad_extension_is_refused() -> None:
    with pytest.raises(ValueError):
        export_filename(DAY, "x", "../pdf")


def test_failed_atomic_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "release.txt"
    target.write_bytes(b"old complete text")

    with pytest.raises(TypeError):
        write_bytes_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old complete text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release.txt"]
