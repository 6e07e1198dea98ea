"""Change history: every save records who, when, which record and which fields changed.

:func:`install` hooks a session factory's ``after_flush`` event (``Database`` does this for
its write sessions), so every save — forms, importer, CLI, trash — is recorded in
``change_log`` in the same transaction, without any save function knowing about it.
A ``change_log`` row holds the OS user, the time (UTC), the table and id, the action
(insert, update, delete, trash, restore, revert) and ``{"field": [old, new]}`` as JSON.

:func:`revert_change` undoes one change by saving a new change that restores the old values
through the repository's save functions, so validation and optimistic locking apply.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import getpass
import json
import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, DateTime, event, insert, inspect, or_, select
from sqlalchemy.orm import Session, sessionmaker

from db.errors import ConflictError, ForumDeskError, NotFoundError
from db.models import (
    ChangeLog,
    Event,
    EventOrganization,
    EventParticipant,
    HouseStyle,
    Organization,
    Person,
    Position,
    PressRelease,
)

LOGGED: tuple[type[Any], ...] = (
    Organization,
    Person,
    Position,
    Event,
    EventOrganization,
    EventParticipant,
    PressRelease,
    HouseStyle,
)
# Bookkeeping columns: they change on every save and say nothing to the user.
IGNORED = frozenset({"id", "version", "created_at", "updated_at", "acronym_key"})
TRASH_COLUMNS = frozenset({"deleted_at", "trash_batch"})
ACTION_KEY = "history_action"
# Which child tables belong to a record's history (child table, foreign key column).
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("position", "person_id"),),
    "event": (("event_organization", "event_id"), ("event_participant", "event_id")),
    "organization": (("position", "organization_id"), ("event_organization", "organization_id")),
}
TABLE_LABELS = {
    "organization": "organization",
    "person": "person",
    "position": "position",
    "event": "event",
    "event_organization": "organization at the event",
    "event_participant": "participant",
    "press_release": "release",
    "house_style": "house style",
}
FIELD_LABELS = {
    "name_zh": "Chinese name",
    "parent_id": "Parent",
    "organization_id": "Organization",
    "person_id": "Person",
    "event_id": "Event",
    "takes_the": "Takes “the”",
    "title_takes_the": "Title takes “the”",
    "is_current": "Current",
    "sort_order": "Order",
    "deleted_at": "Moved to Trash",
    "trash_batch": "Trash batch",
    "house_organization_id": "House organization",
}


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some services)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _dumps(changes: dict[str, list[Any]]) -> str:
    return json.dumps(changes, sort_keys=True, ensure_ascii=False)


def install(factory: sessionmaker[Session]) -> None:
    if not event.contains(factory, "after_flush", _after_flush):
        event.listen(factory, "after_flush", _after_flush)


def _column_keys(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _after_flush(session: Session, _context: Any) -> None:
    user = current_user()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    override = session.info.get(ACTION_KEY)
    rows: list[dict[str, Any]] = []

    def add(obj: Any, action: str, changes: dict[str, list[Any]]) -> None:
        rows.append(
            {
                "at": now,
                "user": user,
                "table_name": obj.__tablename__,
                "record_id": obj.id,
                "action": action,
                "changes": _dumps(changes),
            }
        )

    for obj in session.new:
        if isinstance(obj, LOGGED):
            state = inspect(obj)
            changes = {
                key: [None, _jsonable(state.dict.get(key))]
                for key in _column_keys(obj)
                if key not in IGNORED and state.dict.get(key) is not None
            }
            add(obj, "insert", changes)
    for obj in session.dirty:
        if not isinstance(obj, LOGGED):
            continue
        state = inspect(obj)
        changes = {}
        for key in _column_keys(obj):
            if key in IGNORED:
                continue
            hist = state.attrs[key].history
            if not hist.added and not hist.deleted:
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                changes[key] = [_jsonable(old), _jsonable(new)]
        action = "update"
        if "deleted_at" in changes:
            action = "trash" if changes["deleted_at"][1] is not None else "restore"
        elif override:
            action = str(override)
        changes = {
            k: v
            for k, v in changes.items()
            if action in ("trash", "restore") or k not in TRASH_COLUMNS
        }
        if changes:
            add(obj, action, changes)
    for obj in session.deleted:
        if isinstance(obj, LOGGED):
            state = inspect(obj)
            changes = {
                key: [_jsonable(state.dict.get(key)), None]
                for key in _column_keys(obj)
                if key not in IGNORED and state.dict.get(key) is not None
            }
            add(obj, "delete", changes)
    if rows:
        session.connection().execute(insert(ChangeLog), rows)


# Reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    id: int
    at: dt.datetime  # UTC
    user: str
    table_name: str
    record_id: int
    action: str
    changes: dict[str, tuple[Any, Any]]

    @property
    def local_time(self) -> dt.datetime:
        return self.at.replace(tzinfo=dt.UTC).astimezone()

    @property
    def what(self) -> str:
        return TABLE_LABELS.get(self.table_name, self.table_name)


def _change(row: ChangeLog) -> Change:
    try:
        raw = json.loads(row.changes or "{}")
    except ValueError:
        raw = {}
    return Change(
        id=row.id,
        at=row.at,
        user=row.user,
        table_name=row.table_name,
        record_id=row.record_id,
        action=row.action,
        changes={k: (v[0], v[1]) for k, v in raw.items() if isinstance(v, list) and len(v) == 2},
    )


def _child_ids(session: Session, table: str, column: str, record_id: int) -> set[int]:
    """Ids of child rows that ever belonged to the record (also rows deleted since)."""
    from db.models import Base

    model = next(m for m in Base.registry.mappers if m.class_.__tablename__ == table).class_
    ids = set(session.scalars(select(model.id).where(getattr(model, column) == record_id)))
    # Rows gone for good still name their parent in their insert or delete entry.
    pattern_new = f'%"{column}": [null, {record_id}]%'
    pattern_old = f'%"{column}": [{record_id}, %'
    ids.update(
        session.scalars(
            select(ChangeLog.record_id).where(
                ChangeLog.table_name == table,
                or_(ChangeLog.changes.like(pattern_new), ChangeLog.changes.like(pattern_old)),
            )
        )
    )
    return ids


def record_history(
    session: Session, table_name: str, record_id: int, *, with_children: bool = True
) -> list[Change]:
    """The changes of one record (and of its positions, event roles …), newest first."""
    conditions = [(ChangeLog.table_name == table_name) & (ChangeLog.record_id == record_id)]
    if with_children:
        for child, column in CHILDREN.get(table_name, ()):
            ids = _child_ids(session, child, column, record_id)
            if ids:
                conditions.append(
                    (ChangeLog.table_name == child) & (ChangeLog.record_id.in_(sorted(ids)))
                )
    rows = session.scalars(
        select(ChangeLog).where(or_(*conditions)).order_by(ChangeLog.id.desc())
    ).all()
    return [_change(row) for row in rows]


def describe_value(session: Session, field: str, value: Any) -> str:
    """A value as the user knows it: names for links, Yes/No, "—" for empty."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field in ("organization_id", "parent_id", "house_organization_id"):
        org = session.get(Organization, value)
        return org.name if org is not None else f"organization {value} (deleted)"
    if field == "person_id":
        from db.naming import format_name

        person = session.get(Person, value)
        if person is None:
            return f"person {value} (deleted)"
        return format_name(
            person.honorific, person.family_name, person.given_name, person.name_order
        )
    if field == "event_id":
        ev = session.get(Event, value)
        return ev.title if ev is not None else f"event {value} (deleted)"
    return str(value)


# Reverting -----------------------------------------------------------------------------

_SAVE_TABLES = ("organization", "person", "event", "press_release", "position")


def can_revert(change: Change) -> bool:
    if change.action == "trash":
        return True
    return change.action in ("update", "revert") and change.table_name in _SAVE_TABLES


def _to_record_value(current: Any, column_type: Any, value: Any) -> Any:
    if value is None:
        return "" if isinstance(current, str) else None
    if isinstance(column_type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(current, str):
        return str(value)
    return value


def _reverted(record: Any, model: type[Any], change: Change, what: str) -> Any:
    """``record`` with the change's old values, refusing when a field changed again since."""
    columns = model.__table__.columns
    fields = {f.name for f in dataclasses.fields(record)}
    values: dict[str, Any] = {}
    for name, (old, new) in change.changes.items():
        if name not in fields or name not in columns:
            continue
        current = getattr(record, name)
        column_type = columns[name].type
        if current != _to_record_value(current, column_type, new):
            raise ConflictError(
                f"‘{field_label(name)}’ of this {what} was changed again after that change; "
                "revert the later change first."
            )
        values[name] = _to_record_value(current, column_type, old)
    return dataclasses.replace(record, **values)


def revert_change(session: Session, change_id: int) -> None:
    """Undo one change with a new change that restores its old values."""
    from db import repository, trash

    row = session.get(ChangeLog, change_id)
    if row is None:
        raise NotFoundError("That change is no longer in the history.")
    change = _change(row)
    if change.action == "trash":
        batch = change.changes.get("trash_batch", (None, None))[1]
        if not batch:
            raise ForumDeskError("This deletion cannot be undone from the history.")
        trash.restore_batch(session, str(batch))
        return
    if not can_revert(change):
        raise ForumDeskError("This kind of change cannot be reverted; edit the record instead.")
    session.info[ACTION_KEY] = "revert"
    try:
        table, rid = change.table_name, change.record_id
        if table == "organization":
            org = _reverted(
                repository.get_organization(session, rid), Organization, change, "organization"
            )
            repository.save_organization(session, org)
        elif table == "person":
            person = _reverted(repository.get_person(session, rid), Person, change, "person")
            repository.save_person(session, person)
        elif table == "event":
            ev = _reverted(repository.get_event(session, rid), Event, change, "event")
            repository.save_event(session, ev)
        elif table == "press_release":
            release = _reverted(
                repository.get_release(session, rid), PressRelease, change, "release"
            )
            repository.save_release(session, release)
        else:  # a position: saved through its person
            position = session.get(Position, rid)
            if position is None or position.deleted_at is not None:
                raise NotFoundError("That position no longer exists.")
            person = repository.get_person(session, position.person_id)
            positions = list(person.positions)
            index = next(i for i, p in enumerate(positions) if p.id == rid)
            positions[index] = _reverted(positions[index], Position, change, "position")
            repository.save_person(session, dataclasses.replace(person, positions=tuple(positions)))
    finally:
        session.info.pop(ACTION_KEY, None)
