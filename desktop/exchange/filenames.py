"""Export file names from a release's date and headline, safe on Windows, macOS and Linux.

"2021-11-22 China Forum Hosts Seminar on International Cooperation of Shenzhen’s AI
Enterprises.pdf": the date first so that a folder of exports sorts by date; the headline
kept readable (typographic characters and Chinese stay), but without the characters a
file system forbids, without Windows' reserved device names, without trailing dots or
spaces, and short enough for every file system (255 bytes in UTF-8, and well under
Windows' classic 260-character path limit).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Forbidden on Windows (and "/" everywhere); ":" also confuses macOS Finder.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in "123456789¹²³"}
    | {f"LPT{i}" for i in "123456789¹²³"}
)
# Characters kept in the stem; leaves room for " (2)" and a long extension.
MAX_STEM_CHARS = 120
MAX_NAME_BYTES = 240


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # Format characters (zero-width, bidi overrides) hide what a name really says.
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc", "Cs", "Co"))
    text = _FORBIDDEN.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _shorten(stem: str, max_chars: int, max_bytes: int) -> str:
    if len(stem) > max_chars:
        cut = stem[:max_chars]
        # Cut at a word boundary when one is reasonably near the end.
        space = cut.rfind(" ")
        stem = cut[:space] if space > max_chars // 2 else cut
    while len(stem.encode("utf-8")) > max_bytes:
        stem = stem[:-1]
    return stem


def safe_stem(text: str, *, fallback: str = "release") -> str:
    """``text`` as a file name without extension, valid on every common OS."""
    stem = _shorten(_clean(text), MAX_STEM_CHARS, MAX_NAME_BYTES)
    stem = stem.rstrip(" .").lstrip(" ")
    if not stem or set(stem) <= {"."}:
        stem = fallback
    base = stem.split(".")[0].rstrip(" ").upper()
    if base in _RESERVED:
        stem = f"_{stem}"
    return stem


def export_filename(publication_date: dt.date | None, headline: str, extension: str) -> str:
    """ "2021-11-22 Headline.pdf" (no date part when the release has none yet)."""
    extension = extension.lstrip(".").lower()
    if not re.fullmatch(r"[a-z0-9]{1,8}", extension):
        raise ValueError(f"Not a file extension: {extension!r}")
    title = _clean(headline)
    stem = f"{publication_date.isoformat()} {title}" if publication_date else title
    return f"{safe_stem(stem)}.{extension}"
