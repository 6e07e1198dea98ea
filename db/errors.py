"""Errors raised by the data layer, each carrying one human sentence for the user."""

from __future__ import annotations

from dataclasses import dataclass


class ForumDeskError(Exception):
    """Base class: ``str(error)`` is a sentence fit to show a user."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: ``field`` names the record attribute."""

    field: str
    message: str


class ValidationError(ForumDeskError):
    """The record breaks one or more rules; nothing was saved."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__(" ".join(e.message for e in self.errors))

    def for_field(self, field: str) -> str | None:
        for error in self.errors:
            if error.field == field:
                return error.message
        return None


class ConflictError(ForumDeskError):
    """The record was changed elsewhere since it was loaded; nothing was overwritten."""


class InUseError(ForumDeskError):
    """The record is still used by others and cannot be deleted."""


class NotFoundError(ForumDeskError):
    """The record no longer exists."""


class DatabaseOpenError(ForumDeskError):
    """The database file cannot be opened as a Forum Desk database."""
