"""Last / Next: the neighbouring *published* releases of the same series by publication date.

Always derived from the database when a release is composed, never stored, so they follow
publication, re-dating and removal of the neighbours.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import PressRelease, ReleaseStatus
from desktop.press.document import SeriesLink

_LAST_ID = 2**62


def published_in_series(session: Session, series: str) -> list[tuple[dt.date, int, str]]:
    """(publication date, id, headline) of the series' published releases, in order."""
    rows = session.execute(
        select(PressRelease.publication_date, PressRelease.id, PressRelease.headline)
        .where(
            PressRelease.series == series,
            PressRelease.status == ReleaseStatus.PUBLISHED.value,
            PressRelease.deleted_at.is_(None),
            PressRelease.publication_date.is_not(None),
        )
        .order_by(PressRelease.publication_date, PressRelease.id)
    ).all()
    return [(date, rid, headline) for date, rid, headline in rows if date is not None]


def neighbours(
    session: Session,
    *,
    release_id: int | None,
    series: str,
    publication_date: dt.date | None,
) -> tuple[SeriesLink | None, SeriesLink | None]:
    """(Last, Next) for a release at that place in the series.  An undated release comes
    after every dated one; an unsaved release (id None) after those of the same date."""
    series = series.strip()
    if not series:
        return None, None
    here = (publication_date or dt.date.max, release_id if release_id is not None else _LAST_ID)
    last: SeriesLink | None = None
    following: SeriesLink | None = None
    for date, rid, headline in published_in_series(session, series):
        if rid == release_id:
            continue
        if (date, rid) < here:
            last = SeriesLink(rid, headline)
        elif following is None:
            following = SeriesLink(rid, headline)
    return last, following
