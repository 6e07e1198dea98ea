"""``forumdesk release …``: list releases and render one in a chosen format.

Formats are writers in ``WRITERS`` (format name → function of the composed document and
the house style returning the file's bytes); pdf and docx writers can be added beside
txt/html/md without touching the command itself.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db import repository
from db.errors import ForumDeskError
from db.models import PressRelease
from db.records import HouseStyleRecord
from db.session import open_database
from desktop.press import render
from desktop.press.document import ReleaseDocument

Writer = Callable[[ReleaseDocument, HouseStyleRecord], bytes]


def _text_writer(renderer: Callable[[ReleaseDocument], str]) -> Writer:
    def write(doc: ReleaseDocument, style: HouseStyleRecord) -> bytes:
        del style
        return renderer(doc).encode("utf-8")

    return write


WRITERS: dict[str, Writer] = {
    name: _text_writer(renderer) for name, renderer in render.TEXT_RENDERERS.items()
}


def _docx_writer(doc: ReleaseDocument, style: HouseStyleRecord) -> bytes:
    from desktop.exchange.docx_writer import docx_bytes

    return docx_bytes(doc, style)


def _pdf_writer(doc: ReleaseDocument, style: HouseStyleRecord) -> bytes:
    """PDF needs Qt's text layout: an offscreen-capable QGuiApplication, made only here."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from desktop.ui.pdf_export import cjk_font_family, has_cjk, missing_cjk_font_message, pdf_bytes

    _app = QGuiApplication.instance() or QGuiApplication(["forumdesk"])
    text = doc.headline + "".join(p.text for p in doc.paragraphs)
    if has_cjk(text) and cjk_font_family() is None:
        print(f"forumdesk: warning: {missing_cjk_font_message()}", file=sys.stderr)
    return pdf_bytes(doc, style)


WRITERS["docx"] = _docx_writer
WRITERS["pdf"] = _pdf_writer
# Formats whose bytes are not text: never written to a terminal.
BINARY_FORMATS: set[str] = {"docx", "pdf"}


def add_commands(commands: Any, database_option: Callable[[argparse.ArgumentParser], None]) -> None:
    release = commands.add_parser("release", help="list releases, or render one")
    database_option(release)
    sub = release.add_subparsers(dest="release_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="one line per release: id, date, status, headline")
    database_option(listing)
    rendering = sub.add_parser(
        "render",
        help="write one release as text, HTML or Markdown (to stdout without -o)",
    )
    rendering.add_argument("release_id", metavar="ID", help="the release's id (see 'release list')")
    rendering.add_argument(
        "--format",
        "-f",
        default="txt",
        metavar="FORMAT",
        help=f"one of {', '.join(WRITERS)} (default: txt)",
    )
    rendering.add_argument(
        "--output", "-o", metavar="FILE", default=None, help="write to FILE instead of stdout"
    )
    database_option(rendering)


def _list(args: argparse.Namespace) -> int:
    database = open_database(args.database)
    with database.read() as session:
        rows = session.execute(
            select(
                PressRelease.id,
                PressRelease.publication_date,
                PressRelease.status,
                PressRelease.headline,
            )
            .where(PressRelease.deleted_at.is_(None))
            .order_by(
                PressRelease.publication_date.is_(None),
                PressRelease.publication_date,
                PressRelease.id,
            )
        ).all()
    for rid, date, status, headline in rows:
        print(f"{rid}\t{date.isoformat() if date else ''}\t{status}\t{headline}")
    return 0


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it into place, so a
    failed write never leaves a truncated file behind."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _output_path(text: str) -> Path:
    path = Path(text).expanduser()
    if path.is_dir():
        raise ForumDeskError(f"{path} is a folder; give a file name to write the release to.")
    if not path.parent.exists():
        raise ForumDeskError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    return path


def _render(args: argparse.Namespace) -> int:
    fmt = str(args.format).lower().lstrip(".")
    if fmt not in WRITERS:
        raise ForumDeskError(
            f"‘{args.format}’ is not a release format; choose one of {', '.join(WRITERS)}."
        )
    try:
        release_id = int(args.release_id)
    except ValueError:
        raise ForumDeskError(
            f"‘{args.release_id}’ is not a release id; 'forumdesk release list' shows the ids."
        ) from None
    path = _output_path(args.output) if args.output else None
    if path is None and fmt in BINARY_FORMATS and sys.stdout.isatty():
        raise ForumDeskError(f"A {fmt} file cannot be shown here; write it to a file with -o.")

    from desktop.press.compose import compose_release

    database = open_database(args.database)
    with database.read() as session:
        exists = session.get(PressRelease, release_id)
        if exists is None or exists.deleted_at is not None:
            raise ForumDeskError(
                f"There is no release {release_id}; 'forumdesk release list' shows the ids."
            )
        doc = compose_release(session, release_id)
        style = repository.get_house_style(session)
    data = WRITERS[fmt](doc, style)
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise ForumDeskError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    print(f"Wrote release {release_id} ({fmt}) to {path}.")
    return 0


def handler(args: argparse.Namespace) -> Callable[[argparse.Namespace], int]:
    if args.command == "release" and args.release_command == "list":
        return _list
    if args.command == "release" and args.release_command == "render":
        return _render
    raise ForumDeskError(f"Unknown command {args.command!r}.")  # pragma: no cover
