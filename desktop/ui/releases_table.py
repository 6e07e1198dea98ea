"""The releases list in SQL: by publication date (newest first), filtered as you type
(headline, series, event title) and by status and year; fetched page by page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, extract, func, or_, select
from sqlalchemy.orm import Session

from db.models import Event, PressRelease, ReleaseStatus
from db.queries import ListQuery, ListSpec, contains
from desktop.ui.table_model import Column, WindowedTableModel
from desktop.ui.widgets import day_text

STATUS_LABELS = {
    ReleaseStatus.DRAFT.value: "Draft",
    ReleaseStatus.IN_REVIEW.value: "In review",
    ReleaseStatus.APPROVED.value: "Approved",
    ReleaseStatus.PUBLISHED.value: "Published",
}


@dataclass(frozen=True)
class ReleaseRow:
    id: int
    publication_date: dt.date | None
    status: str
    series: str
    headline: str
    event: str

    @property
    def date_text(self) -> str:
        return day_text(self.publication_date)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


_from = PressRelease.__table__.outerjoin(Event.__table__, PressRelease.event_id == Event.id)


def _search(term: str) -> ColumnElement[bool]:
    return or_(
        contains(PressRelease.headline, term),
        contains(PressRelease.series, term),
        contains(Event.title, term),
    )


def _row(row: Row[Any]) -> ReleaseRow:
    return ReleaseRow(
        id=row.id,
        publication_date=row.publication_date,
        status=row.status,
        series=row.series or "",
        headline=row.headline,
        event=row.title or "",
    )


RELEASES: ListSpec[ReleaseRow] = ListSpec(
    from_clause=_from,
    id_column=PressRelease.id,
    columns=(
        PressRelease.id,
        PressRelease.publication_date,
        PressRelease.status,
        PressRelease.series,
        PressRelease.headline,
        Event.title,
    ),
    to_row=_row,
    search_term=_search,
    sort_keys={
        # Undated releases (still being written) sort with the newest.
        "date": (
            PressRelease.publication_date.is_not(None),
            PressRelease.publication_date,
        ),
        "status": (PressRelease.status,),
        "series": (func.lower(PressRelease.series),),
        "headline": (func.lower(PressRelease.headline),),
        "event": (func.lower(Event.title),),
    },
    default_sort="date",
    deleted=PressRelease.deleted_at,
    filters={
        "status": lambda value: PressRelease.status == str(value),
        "year": lambda value: extract("year", PressRelease.publication_date) == int(value),
    },
)

NEWEST_FIRST = ListQuery(sort_key="date", descending=True)


def _headline_tip(row: ReleaseRow) -> str:
    """The whole headline, with the series and event (hidden columns until shown)."""
    more = [
        f"Series: {row.series}" if row.series else "",
        f"Event: {row.event}" if row.event else "",
    ]
    return "\n".join([row.headline, *(m for m in more if m)])


# The list shares the page with the form and the preview: the headline takes what Date and
# Status leave; Series and Event start hidden (in the tooltip; the header's menu shows them).
COLUMNS: list[Column[ReleaseRow]] = [
    Column("Date", lambda r: r.date_text, "date", 88),
    Column("Status", lambda r: r.status_label, "status", 76),
    Column("Headline", lambda r: r.headline, "headline", 120, stretch=True, tip=_headline_tip),
    Column("Series", lambda r: r.series, "series", 120, tooltip=True, hidden=True),
    Column("Event", lambda r: r.event, "event", 180, tooltip=True, hidden=True),
]


def release_years(session: Session) -> list[int]:
    """Years with releases, newest first (for the year filter)."""
    year = extract("year", PressRelease.publication_date)
    rows = session.execute(
        select(year)
        .where(PressRelease.deleted_at.is_(None), PressRelease.publication_date.is_not(None))
        .group_by(year)
        .order_by(year.desc())
    ).scalars()
    return [int(y) for y in rows if y is not None]


def series_names(session: Session) -> list[str]:
    rows = session.execute(
        select(PressRelease.series)
        .where(PressRelease.deleted_at.is_(None), PressRelease.series.is_not(None))
        .group_by(PressRelease.series)
        .order_by(PressRelease.series)
    ).scalars()
    return [s for s in rows if s]


class ReleasesModel(WindowedTableModel[ReleaseRow]):
    """The releases list (newest first)."""
