"""Registration lists pasted from a spreadsheet: rows → participants of an event.

Staff copy rows from Excel or LibreOffice (tab-separated) or a CSV file and paste them.
:func:`parse_sheet` reads the text into :class:`Candidate` rows (an optional header row
names the columns: Name, Honorific, Family name, Given name, Chinese name, Title /
Position, Organization, Email, Role); :func:`plan` matches each row to a person in the
records (email, Chinese name or exact name) or plans a new person — with their position at
an organization matched by acronym or name, or a new organization; :func:`create_planned`
writes the new organizations and people in the caller's one transaction.

Qt-free: the Events page's paste dialog shows the plan and adds the participants.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import repository
from db.models import NameOrder, Organization, ParticipantRole, Person, Phrasing
from db.naming import format_name
from db.records import OrganizationRecord, PersonRecord, PositionRecord

# Names ------------------------------------------------------------------------------


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def _has_latin(text: str) -> bool:
    return any(ch.isascii() and ch.isalpha() for ch in text)


@dataclass(frozen=True)
class TypedName:
    honorific: str = ""
    family: str = ""
    given: str = ""
    order: str = NameOrder.FAMILY_FIRST.value


def _is_capitals(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _honorific_key(text: str) -> str:
    return text.strip().rstrip(".").lower()


def known_honorific(text: str, honorifics: Sequence[str]) -> str:
    """The house spelling of an honorific ("mr" → "Mr."), or "" if not known."""
    key = _honorific_key(text)
    for honorific in honorifics:
        if honorific.strip() and _honorific_key(honorific) == key:
            return honorific.strip()
    return ""


def split_typed_name(text: str, honorifics: Sequence[str] = ()) -> TypedName:
    """Read a name as registration lists write it: "Cao Cong" (family name first, as
    Chinese names are), "CAO Cong", "Dr. Anna WEBER" (the word in capitals is the family
    name), "Weber, Anna" (family name before the comma).  A leading known honorific goes to
    the honorific field."""
    words = text.split()
    honorific = ""
    if len(words) > 1:
        honorific = known_honorific(words[0], honorifics)
        if honorific:
            words = words[1:]
    rest = " ".join(words)
    if "," in rest:
        family, _, given = (part.strip() for part in rest.partition(","))
        return TypedName(honorific, family, given)
    capitals = [i for i, word in enumerate(words) if _is_capitals(word)]
    whole_run = capitals == list(range(capitals[0], capitals[-1] + 1)) if capitals else False
    at_an_end = bool(capitals) and (capitals[0] == 0 or capitals[-1] == len(words) - 1)
    if whole_run and at_an_end and len(capitals) < len(words):
        family = " ".join(words[i].capitalize() for i in capitals)
        given = " ".join(w for i, w in enumerate(words) if i not in capitals)
        first = capitals[0] == 0
        order = NameOrder.FAMILY_FIRST.value if first else NameOrder.GIVEN_FIRST.value
        return TypedName(honorific, family, given, order)
    family, _, given = rest.partition(" ")
    return TypedName(honorific, family, given)


# Reading the pasted text -------------------------------------------------------------

NAME, HONORIFIC, FAMILY, GIVEN, NAME_ZH = "name", "honorific", "family", "given", "name_zh"
TITLE, ORGANIZATION, ACRONYM, EMAIL, ROLE = "title", "organization", "acronym", "email", "role"
FIRST_NAME = "first_name"  # a given name under a Western header ("First name")
LAST_NAME = "last_name"

_HEADERS: dict[str, str] = {}
for _field, _names in {
    NAME: "name|full name|participant|participant name|speaker|attendee|english name|"
    "name in english|name (english)|delegate",
    HONORIFIC: "honorific|salutation|prefix|mr/ms|mr./ms.|form of address",
    FAMILY: "family name|surname|family|name (family)",
    LAST_NAME: "last name|lastname",
    GIVEN: "given name|given names|given",
    FIRST_NAME: "first name|firstname|forename",
    NAME_ZH: "chinese name|name (chinese)|name in chinese|中文名|中文姓名|姓名",
    TITLE: "title|position|job title|job|position title|function|职务|职位",
    ORGANIZATION: "organization|organisation|institution|affiliation|company|employer|"
    "organization name|organisation name|unit|单位|机构",
    ACRONYM: "acronym|organization acronym|organisation acronym|abbreviation",
    EMAIL: "email|e-mail|email address|e-mail address|mail",
    ROLE: "role|participant role|participation|as",
}.items():
    for _name in _names.split("|"):
        _HEADERS[_name] = _field

_NAME_FIELDS = {NAME, FAMILY, GIVEN, NAME_ZH, FIRST_NAME, LAST_NAME}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ACRONYM = re.compile(r"^[\w&.\-/]+$")
_ROLE_WORDS = {
    "panellist": ParticipantRole.PANELIST.value,
    "panel": ParticipantRole.PANELIST.value,
    "keynote": ParticipantRole.KEYNOTE_SPEAKER.value,
    "keynote speech": ParticipantRole.KEYNOTE_SPEAKER.value,
    "chairman": ParticipantRole.CHAIR.value,
    "chairperson": ParticipantRole.CHAIR.value,
    "participant": ParticipantRole.ATTENDEE.value,
    "audience": ParticipantRole.ATTENDEE.value,
}


def header_field(cell: str) -> str | None:
    """The field a header cell names ("E-mail:" → "email"), or None."""
    key = " ".join(cell.strip().strip(":*").lower().split())
    return _HEADERS.get(key)


def role_value(text: str) -> str | None:
    """A participant role from a cell ("Keynote speaker", "moderator"), or None."""
    key = " ".join(text.strip().lower().replace("_", " ").split())
    if not key:
        return None
    for member in ParticipantRole:
        if key in (member.value.replace("_", " "), member.label.lower()):
            return member.value
    return _ROLE_WORDS.get(key)


@dataclass(frozen=True)
class Candidate:
    """One pasted row, read into a person's fields (not yet matched to the records)."""

    line: int
    """Its line in the pasted text (1-based; a header row counts)."""
    honorific: str = ""
    family_name: str = ""
    given_name: str = ""
    name_order: str = NameOrder.FAMILY_FIRST.value
    name_zh: str = ""
    title: str = ""
    organization: str = ""
    acronym: str = ""
    email: str = ""
    role: str = ""
    """A ParticipantRole value, or "" for the role chosen in the dialog."""
    notes: tuple[str, ...] = ()
    """Sentences about cells that were left out (the row is still used)."""
    problem: str = ""
    """One sentence when the row cannot be used at all."""

    @property
    def printed_name(self) -> str:
        name = format_name(self.honorific, self.family_name, self.given_name, self.name_order)
        return name or self.name_zh


@dataclass(frozen=True)
class Sheet:
    candidates: tuple[Candidate, ...]
    header: tuple[str, ...] = ()
    """The header row's cells when the first row was recognised as one."""
    unused_columns: tuple[str, ...] = ()
    """Header cells that name nothing Forum Desk keeps (Phone, Dietary needs…)."""


def _delimiter(text: str) -> str:
    if "\t" in text:
        return "\t"
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Outside quotes: a "Weber, Anna" cell must not count.
    bare = re.sub(r'"[^"]*"', "", first)
    if bare.count(";") > bare.count(","):
        return ";"
    return ","


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) for each row with something in it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text), strict=True)
    rows = []
    try:
        for cells in reader:
            cells = [" ".join(cell.split()) for cell in cells]
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                # The reader's line count is where the row *ends* (a quoted cell may span
                # lines); that is the line a user finds it on in the pasted text.
                rows.append((reader.line_num, cells))
    except csv.Error:
        # An unmatched quote (a cell beginning with " that never ends): read it line by
        # line instead of swallowing everything after it into one cell.
        rows = []
        for number, line in enumerate(text.split("\n"), start=1):
            cells = [" ".join(c.strip('"').split()) for c in line.split(_delimiter(text))]
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                rows.append((number, cells))
    return rows


def _header_of(cells: Sequence[str]) -> list[str | None] | None:
    fields = [header_field(cell) if cell else None for cell in cells]
    known = [f for f in fields if f]
    filled = [c for c in cells if c]
    if not known or not (_NAME_FIELDS & set(known)):
        return None
    if len(known) >= 2 or len(known) == len(filled):
        return fields
    return None


def _quote(text: str) -> str:
    return f"‘{text}’"


def _guess_fields(cells: Sequence[str], honorifics: Sequence[str]) -> list[str | None]:
    """Columns without a header: e-mail addresses and Chinese names by their look, an
    honorific before the name, then name, title, organization, role in that order."""
    fields: list[str | None] = []
    order = [NAME, TITLE, ORGANIZATION]
    used: set[str] = set()
    for cell in cells:
        guess: str | None = None
        if not cell:
            guess = None
            if order:
                # An empty cell still holds its column's place ("name, , organization").
                used.add(order.pop(0))
        elif EMAIL not in used and _EMAIL.match(cell):
            guess = EMAIL
        elif NAME_ZH not in used and has_chinese(cell) and not _has_latin(cell):
            guess = NAME_ZH
        elif NAME not in used and HONORIFIC not in used and known_honorific(cell, honorifics):
            guess = HONORIFIC
        elif NAME in used and ROLE not in used and role_value(cell):
            guess = ROLE
        elif order:
            guess = order.pop(0)
        if guess:
            used.add(guess)
        fields.append(guess if cell else None)
    return fields


def _candidate(
    line: int,
    cells: Sequence[str],
    fields: Sequence[str | None],
    honorifics: Sequence[str],
    *,
    extra_from: int | None,
) -> Candidate:
    values: dict[str, str] = {}
    extra: list[str] = []
    for index, cell in enumerate(cells):
        target = fields[index] if index < len(fields) else None
        if extra_from is not None and index >= extra_from:
            if cell:
                extra.append(cell)
            continue
        if target is None:
            if extra_from is None and cell:
                extra.append(cell)
            continue
        if cell and target not in values:
            values[target] = cell
    notes: list[str] = []
    honorific = known_honorific(values.get(HONORIFIC, ""), honorifics) or values.get(HONORIFIC, "")
    family = values.get(FAMILY) or values.get(LAST_NAME, "")
    given = values.get(GIVEN) or values.get(FIRST_NAME, "")
    order = NameOrder.FAMILY_FIRST.value
    if values.get(LAST_NAME) or values.get(FIRST_NAME):
        order = NameOrder.GIVEN_FIRST.value
    name_zh = values.get(NAME_ZH, "")
    full = values.get(NAME, "")
    if full and has_chinese(full) and not _has_latin(full):
        name_zh = name_zh or full
        full = ""
    if full and not family:
        typed = split_typed_name(full, honorifics)
        honorific = honorific or typed.honorific
        family, given, order = typed.family, typed.given, typed.order
    elif family and _is_capitals(family):
        family = " ".join(w.capitalize() for w in family.split())
    role = ""
    if values.get(ROLE):
        found = role_value(values[ROLE])
        if found:
            role = found
        else:
            notes.append(f"The role {_quote(values[ROLE])} is not one Forum Desk knows.")
    email = values.get(EMAIL, "")
    if email and not _EMAIL.match(email):
        notes.append(f"{_quote(email)} is not an email address; it was left out.")
        email = ""
    acronym = values.get(ACRONYM, "")
    if extra:
        cells_text = ", ".join(_quote(c) for c in extra)
        notes.append(
            f"{'One cell' if len(extra) == 1 else f'{len(extra)} cells'} beyond the known "
            f"columns {'was' if len(extra) == 1 else 'were'} left out: {cells_text}."
        )
    problem = ""
    if not family and not name_zh:
        problem = f"Row {line} has no name" + (
            f" (only {', '.join(_quote(c) for c in cells if c)})." if any(cells) else "."
        )
    return Candidate(
        line=line,
        honorific=honorific,
        family_name=family,
        given_name=given,
        name_order=order,
        name_zh=name_zh,
        title=values.get(TITLE, ""),
        organization=values.get(ORGANIZATION, ""),
        acronym=acronym,
        email=email,
        role=role,
        notes=tuple(notes),
        problem=problem,
    )


def parse_sheet(text: str, honorifics: Sequence[str] = ()) -> Sheet:
    """Read pasted rows (tab-separated, or CSV with , or ;) into candidates."""
    rows = _rows(text)
    if not rows:
        return Sheet(())
    header = _header_of(rows[0][1])
    candidates = []
    if header is not None:
        header_cells = tuple(rows[0][1])
        unused = tuple(c for c, f in zip(header_cells, header, strict=True) if c and not f)
        for line, cells in rows[1:]:
            candidates.append(
                _candidate(line, cells, header, honorifics, extra_from=len(header_cells))
            )
        return Sheet(tuple(candidates), header_cells, unused)
    for line, cells in rows:
        fields = _guess_fields(cells, honorifics)
        candidates.append(_candidate(line, cells, fields, honorifics, extra_from=None))
    return Sheet(tuple(candidates))


# Matching against the records ----------------------------------------------------------

EXISTING, NEW, SKIPPED, PROBLEM = "existing", "new", "skipped", "problem"


@dataclass(frozen=True)
class PlannedRow:
    candidate: Candidate
    status: str
    """EXISTING (a person in the records), NEW (to be created), SKIPPED or PROBLEM."""
    name: str
    """How the person prints ("Mr. CAO Cong")."""
    role: str
    person_id: int | None = None
    organization_id: int | None = None
    organization: str = ""
    """The organization as shown: the existing one's label, or the new one's name."""
    new_organization: bool = False
    message: str = ""
    """Why the row is skipped or cannot be used, else what was noticed about it."""

    @property
    def usable(self) -> bool:
        return self.status in (EXISTING, NEW)


@dataclass(frozen=True)
class Plan:
    rows: tuple[PlannedRow, ...]
    unused_columns: tuple[str, ...] = ()

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def usable(self) -> tuple[PlannedRow, ...]:
        return tuple(row for row in self.rows if row.usable)

    @property
    def new_organizations(self) -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for row in self.rows:
            if row.status == NEW and row.new_organization:
                seen.setdefault(_key(row.organization), row.organization)
        return tuple(seen.values())


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _split_org(text: str) -> tuple[str, str]:
    """ "Shenzhen Foundation … (SFICE)" → (name, acronym); else (text, "")."""
    found = re.fullmatch(r"(.+?)\s*[(（]\s*([^()（）]+?)\s*[)）]", text.strip())
    if found and _ACRONYM.match(found.group(2)) and " " not in found.group(2):
        return found.group(1).strip(), found.group(2)
    return text.strip(), ""


@dataclass
class _Index:
    by_email: dict[str, list[int]] = field(default_factory=dict)
    by_zh: dict[str, list[int]] = field(default_factory=dict)
    by_name: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    org_by_acronym: dict[str, int] = field(default_factory=dict)
    org_by_name: dict[str, int] = field(default_factory=dict)
    org_labels: dict[int, str] = field(default_factory=dict)


def _load_index(session: Session) -> _Index:
    index = _Index()
    people = session.execute(
        select(
            Person.id,
            Person.honorific,
            Person.family_name,
            Person.given_name,
            Person.name_order,
            Person.name_zh,
            Person.email,
        )
        .where(Person.deleted_at.is_(None))
        .order_by(Person.id)
    )
    for pid, honorific, family, given, order, name_zh, email in people:
        index.labels[pid] = format_name(honorific, family, given, order)
        if email:
            index.by_email.setdefault(email.strip().lower(), []).append(pid)
        if name_zh:
            index.by_zh.setdefault("".join(name_zh.split()), []).append(pid)
        index.by_name.setdefault((_key(family or ""), _key(given or "")), []).append(pid)
    orgs = session.execute(
        select(Organization.id, Organization.name, Organization.acronym, Organization.name_zh)
        .where(Organization.deleted_at.is_(None))
        .order_by(Organization.id)
    )
    for oid, name, acronym, name_zh in orgs:
        index.org_labels[oid] = f"{name} ({acronym})" if acronym else name
        index.org_by_name.setdefault(_key(name), oid)
        if name_zh:
            index.org_by_name.setdefault(_key(name_zh), oid)
        if acronym:
            index.org_by_acronym.setdefault(acronym.lower(), oid)
    return index


def _find_person(index: _Index, c: Candidate) -> tuple[list[int], str]:
    """People the row may be, and by what ("email", "Chinese name", "name")."""
    if c.email and c.email.lower() in index.by_email:
        return index.by_email[c.email.lower()], "email"
    if c.name_zh and "".join(c.name_zh.split()) in index.by_zh:
        return index.by_zh["".join(c.name_zh.split())], "Chinese name"
    if c.family_name:
        family, given = _key(c.family_name), _key(c.given_name)
        found = index.by_name.get((family, given), [])
        if not found and given:
            # "Cong Cao" for CAO Cong: a sheet's own name order is a guess.
            found = index.by_name.get((given, family), [])
        if found:
            return found, "name"
    return [], ""


def _find_organization(index: _Index, text: str, acronym: str) -> int | None:
    name, inner = _split_org(text)
    for key in (acronym, inner, text.strip()):
        if key and key.lower() in index.org_by_acronym:
            return index.org_by_acronym[key.lower()]
    for key in (text, name):
        if key and _key(key) in index.org_by_name:
            return index.org_by_name[_key(key)]
    return None


def plan(
    session: Session,
    sheet: Sheet,
    default_role: str,
    present_person_ids: Iterable[int] = (),
) -> Plan:
    """Match every candidate: a person in the records, a new person, or why not."""
    index = _load_index(session)
    present = set(present_person_ids)
    taken: dict[int, int] = {}  # person id → the pasted line that added them
    new_names: dict[tuple[str, str, str], int] = {}
    rows: list[PlannedRow] = []
    for c in sheet.candidates:
        role = c.role or default_role
        notes = list(c.notes)
        if c.problem:
            rows.append(PlannedRow(c, PROBLEM, c.printed_name, role, message=c.problem))
            continue
        found, by = _find_person(index, c)
        if len(found) > 1:
            names = index.labels[found[0]]
            rows.append(
                PlannedRow(
                    c,
                    PROBLEM,
                    c.printed_name,
                    role,
                    message=f"{len(found)} people in the records have this {by} "
                    f"({names}); add the right one from the lookup.",
                )
            )
            continue
        if found:
            person_id = found[0]
            label = index.labels[person_id]
            if person_id in present:
                rows.append(
                    PlannedRow(
                        c,
                        SKIPPED,
                        label,
                        role,
                        person_id,
                        message=f"{label} is already a participant of this event; skipped.",
                    )
                )
            elif person_id in taken:
                rows.append(
                    PlannedRow(
                        c,
                        SKIPPED,
                        label,
                        role,
                        person_id,
                        message=f"{label} is already on row {taken[person_id]}; skipped.",
                    )
                )
            else:
                taken[person_id] = c.line
                notes.insert(0, f"In the records (found by {by}).")
                rows.append(
                    PlannedRow(c, EXISTING, label, role, person_id, message=" ".join(notes))
                )
            continue
        if not c.family_name:
            rows.append(
                PlannedRow(
                    c,
                    PROBLEM,
                    c.printed_name,
                    role,
                    message=f"Row {c.line} has only a Chinese name, and nobody in the records "
                    "has it: add the name in Latin letters.",
                )
            )
            continue
        key = (_key(c.family_name), _key(c.given_name), c.email.lower())
        if key in new_names:
            rows.append(
                PlannedRow(
                    c,
                    SKIPPED,
                    c.printed_name,
                    role,
                    message=f"{c.printed_name} is already on row {new_names[key]}; skipped.",
                )
            )
            continue
        new_names[key] = c.line
        org_id = None
        org_label = ""
        new_org = False
        if c.organization or c.acronym:
            org_id = _find_organization(index, c.organization, c.acronym)
            if org_id is not None:
                org_label = index.org_labels[org_id]
            elif c.organization:
                org_label, _ = _split_org(c.organization)
                new_org = True
            else:
                notes.append(f"No organization has the acronym {_quote(c.acronym)}.")
        if c.organization and not c.title:
            notes.append("No title given: the position is not recorded; add it later.")
        rows.append(
            PlannedRow(
                c,
                NEW,
                c.printed_name,
                role,
                organization_id=org_id,
                organization=org_label,
                new_organization=new_org,
                message=" ".join(notes),
            )
        )
    return Plan(tuple(rows), sheet.unused_columns)


# Writing -------------------------------------------------------------------------------


def _new_organization_record(
    session: Session, name: str, rows: Sequence[PlannedRow]
) -> OrganizationRecord:
    acronym = ""
    for row in rows:
        candidates = [row.candidate.acronym, _split_org(row.candidate.organization)[1]]
        acronym = next((a for a in candidates if a and _ACRONYM.match(a)), "")
        if acronym:
            break
    if acronym:
        holder = session.execute(
            select(Organization.id).where(Organization.acronym_key == acronym.lower())
        ).first()
        if holder is not None:
            acronym = ""
    return OrganizationRecord(name=name, acronym=acronym)


def create_planned(session: Session, planned: Plan) -> list[tuple[int, str]]:
    """Create the plan's new organizations and people (with their positions) in the
    caller's transaction; (person id, role) for every usable row, in pasted order."""
    org_ids: dict[str, int] = {}
    for name in planned.new_organizations:
        rows = [
            r for r in planned.rows if r.new_organization and _key(r.organization) == _key(name)
        ]
        saved = repository.save_organization(session, _new_organization_record(session, name, rows))
        assert saved.id is not None
        org_ids[_key(name)] = saved.id
    result: list[tuple[int, str]] = []
    for row in planned.usable:
        if row.status == EXISTING:
            assert row.person_id is not None
            result.append((row.person_id, row.role))
            continue
        c = row.candidate
        org_id = row.organization_id
        if row.new_organization:
            org_id = org_ids[_key(row.organization)]
        positions: tuple[PositionRecord, ...] = ()
        if c.title:
            positions = (
                PositionRecord(
                    organization_id=org_id,
                    title=c.title,
                    phrasing=Phrasing.TITLE_OF.value
                    if org_id is not None
                    else Phrasing.TITLE_ONLY.value,
                    is_current=True,
                ),
            )
        person = repository.save_person(
            session,
            PersonRecord(
                honorific=c.honorific,
                family_name=c.family_name,
                given_name=c.given_name,
                name_order=c.name_order,
                name_zh=c.name_zh,
                email=c.email,
                positions=positions,
            ),
        )
        assert person.id is not None
        result.append((person.id, row.role))
    return result


__all__ = [
    "Candidate",
    "Plan",
    "PlannedRow",
    "Sheet",
    "TypedName",
    "create_planned",
    "has_chinese",
    "parse_sheet",
    "plan",
    "split_typed_name",
]
