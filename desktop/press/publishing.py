"""Statuses and publication: publishing freezes the composed document; unpublishing is the
explicit way back to draft (the release then follows the records again)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db import repository
from db.models import ReleaseStatus
from db.records import ReleaseRecord
from desktop.press.compose import compose_release_record

# The editorial order of statuses; published is reached only through ``publish``.
STATUS_FLOW: tuple[str, ...] = (
    ReleaseStatus.DRAFT.value,
    ReleaseStatus.IN_REVIEW.value,
    ReleaseStatus.APPROVED.value,
    ReleaseStatus.PUBLISHED.value,
)


def freeze_release(session: Session, release_id: int) -> str:
    """The release composed from the records now, as the JSON stored on publication."""
    record = repository.get_release(session, release_id)
    return compose_release_record(session, record).to_json()


def publish(session: Session, release_id: int, version: int) -> ReleaseRecord:
    """Freeze and publish (the caller's transaction commits).  Raises ConflictError when
    the release changed since ``version``, ValidationError without a publication date."""
    return repository.publish_release(
        session, release_id, version, freeze_release(session, release_id)
    )


def unpublish(session: Session, release_id: int, version: int) -> ReleaseRecord:
    """Back to draft: the frozen text is dropped and the release follows the records."""
    return repository.unpublish_release(session, release_id, version)
