"""A composer ``Directory`` over the open database, for live lines in forms.

Records are read on first use and cached until ``clear()`` (called on each load/save);
``override`` puts the record being edited in place of its stored version, so the form's
preview shows what the user is typing.
"""

from __future__ import annotations

from db import repository
from db.errors import NotFoundError
from db.records import OrganizationRecord, PersonRecord
from db.session import Database

EDITED_ID = -1
"""The id under which an unsaved new organization is previewed."""


class DatabaseDirectory:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._organizations: dict[int, OrganizationRecord | None] = {}
        self._people: dict[int, PersonRecord | None] = {}
        self._override: dict[int, OrganizationRecord] = {}

    def clear(self) -> None:
        self._organizations.clear()
        self._people.clear()

    def override(self, organization_id: int, record: OrganizationRecord | None) -> None:
        if record is None:
            self._override.pop(organization_id, None)
        else:
            self._override[organization_id] = record

    def organization(self, organization_id: int) -> OrganizationRecord | None:
        if organization_id in self._override:
            return self._override[organization_id]
        if organization_id not in self._organizations:
            try:
                with self._database.read() as session:
                    found: OrganizationRecord | None = repository.get_organization(
                        session, organization_id
                    )
            except NotFoundError:
                found = None
            self._organizations[organization_id] = found
        return self._organizations[organization_id]

    def person(self, person_id: int) -> PersonRecord | None:
        if person_id not in self._people:
            try:
                with self._database.read() as session:
                    found: PersonRecord | None = repository.get_person(session, person_id)
            except NotFoundError:
                found = None
            self._people[person_id] = found
        return self._people[person_id]
