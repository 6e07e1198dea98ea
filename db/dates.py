"""Partial dates ("2019", "2019-06", "2019-06-30") used for position start and end."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_partial(text: str) -> tuple[int, int | None, int | None]:
    """Split a partial date into (year, month, day); ValueError with a sentence if invalid."""
    match = _PARTIAL.match(text.strip())
    if not match:
        raise ValueError(
            f"‘{text}’ is not a date: write a year (2019), a month (2019-06) or a day (2019-06-30)."
        )
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"‘{text}’ is not a date: the month must be between 1 and 12.")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"‘{text}’ is not a date: that month has {last} days.")
    if year < 1800:
        raise ValueError(f"‘{text}’ is not a plausible year.")
    return year, month, day


def normalize_partial(text: str) -> str:
    """Canonical form: zero-padded ISO ("2019-6" -> "2019-06")."""
    year, month, day = parse_partial(text)
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def earliest(text: str) -> dt.date:
    """First day the partial date can mean."""
    year, month, day = parse_partial(text)
    return dt.date(year, month or 1, day or 1)


def latest(text: str) -> dt.date:
    """Last day the partial date can mean."""
    year, month, day = parse_partial(text)
    if month is None:
        return dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)
