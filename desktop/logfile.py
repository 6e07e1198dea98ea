"""The log file in the user's data folder, where unexpected errors are written (no Qt).

It can hold personal data from tracebacks, so it is created readable by the owner only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from db.session import data_dir

LOG_NAME = "forumdesk.log"


def log_path() -> Path:
    return data_dir() / LOG_NAME


def open_log() -> IO[str]:
    """The log opened for appending, created owner-only if it is new."""
    fd = os.open(log_path(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    return os.fdopen(fd, "a", encoding="utf-8")


def write_log(text: str) -> Path:
    with open_log() as handle:
        handle.write(text)
    return log_path()
