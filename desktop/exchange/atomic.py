"""Atomic file writes: a failed or interrupted export never leaves a truncated file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path | str, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it
    over ``path``.  Until the rename the old file (if any) is untouched; on any failure the
    temporary file is removed.  ``mode`` defaults to owner-only: exports hold names."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path | str, text: str, *, mode: int = 0o600) -> None:
    """UTF-8 text with "\\n" line ends, written atomically."""
    write_bytes_atomic(path, text.encode("utf-8"), mode=mode)
