"""House-style phrases: names, affiliations, organizations in running text, lists, dates.

Everything here works on plain records (db.records) looked up through a ``Directory``, so
the same rules serve a saved release, the live preview of an unsaved one, and the forms.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from db import dates
from db.models import DateStyle, ParentStyle, Phrasing
from db.naming import format_name
from db.records import (
    HouseStyleRecord,
    OrganizationRecord,
    ParticipantRecord,
    PersonRecord,
    PositionRecord,
)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
EN_DASH = "\u2013"
APOSTROPHE = "\u2019"


class Directory(Protocol):
    """Where the composer looks up the records a release refers to (None = not there)."""

    def organization(self, organization_id: int) -> OrganizationRecord | None: ...

    def person(self, person_id: int) -> PersonRecord | None: ...


@dataclass(frozen=True)
class RecordDirectory:
    """A Directory over records already in memory (tests, previews, the benchmark)."""

    organizations: Mapping[int, OrganizationRecord]
    people: Mapping[int, PersonRecord]

    def organization(self, organization_id: int) -> OrganizationRecord | None:
        return self.organizations.get(organization_id)

    def person(self, person_id: int) -> PersonRecord | None:
        return self.people.get(person_id)


# Lists --------------------------------------------------------------------------------


def join_list(items: Iterable[str], *, serial_comma: bool = True) -> str:
    """Join a list: "A and B"; "A, B, and C" (or "A, B and C"); "A; B; and C" when items hold commas;
    "A, …, and B, …" for two items that hold commas.  Empty items are left out."""
    parts = [item for item in items if item]
    if len(parts) <= 1:
        return parts[0] if parts else ""
    has_commas = any("," in item for item in parts)
    if len(parts) == 2:
        # The comma closes the first item's apposition ("Mr. A, Dean, and Mr. B, Chair").
        if "," in parts[0]:
            return f"{parts[0]}, and {parts[1]}"
        return f"{parts[0]} and {parts[1]}"
    if has_commas:
        return "; ".join(parts[:-1]) + "; and " + parts[-1]
    last_join = ", and " if serial_comma else " and "
    return ", ".join(parts[:-1]) + last_join + parts[-1]


# Dates --------------------------------------------------------------------------------


def _day_month(day: dt.date, style: str) -> str:
    if style == DateStyle.DAY_MONTH.value:
        return f"{day.day} {MONTHS[day.month - 1]}"
    return f"{MONTHS[day.month - 1]} {day.day}"


def _with_year(text: str, year: int, style: str) -> str:
    return f"{text} {year}" if style == DateStyle.DAY_MONTH.value else f"{text}, {year}"


def event_dates(
    start: dt.date | None,
    end: dt.date | None = None,
    *,
    publication_date: dt.date | None = None,
    date_style: str = DateStyle.MONTH_DAY.value,
) -> str:
    """The event's dates: "November 19"; "November 18–19"; "November 30 to December 2"; the year is added when
    the event's year is not the publication year (or, unpublished, when the event spans two
    years).  Day-month style: "19 November", "18–19 November", "30 November to 2 December"."""
    if start is None:
        return ""
    if end is None or end <= start:
        end = start
    reference_year = publication_date.year if publication_date else end.year
    show_year = start.year != reference_year or end.year != reference_year
    day_month = date_style == DateStyle.DAY_MONTH.value
    if start == end:
        text = _day_month(start, date_style)
        return _with_year(text, start.year, date_style) if show_year else text
    if start.year != end.year:
        # Month-day style sets the year off with commas in running text
        # ("December 30, 2021, to January 2, 2022").
        first = _with_year(_day_month(start, date_style), start.year, date_style)
        if not day_month:
            first += ","
        return f"{first} to {_with_year(_day_month(end, date_style), end.year, date_style)}"
    if start.month == end.month:
        if day_month:
            text = f"{start.day}{EN_DASH}{end.day} {MONTHS[start.month - 1]}"
        else:
            text = f"{MONTHS[start.month - 1]} {start.day}{EN_DASH}{end.day}"
    else:
        text = f"{_day_month(start, date_style)} to {_day_month(end, date_style)}"
    return _with_year(text, end.year, date_style) if show_year else text


def event_when(
    start: dt.date | None,
    end: dt.date | None = None,
    *,
    publication_date: dt.date | None = None,
    date_style: str = DateStyle.MONTH_DAY.value,
) -> str:
    """The dates as a sentence opens with them: "On November 19", "On November 18–19", but
    "From November 30 to December 2" (never "On November 30 to December 2")."""
    text = event_dates(start, end, publication_date=publication_date, date_style=date_style)
    if not text:
        return ""
    return f"From {text}" if " to " in text else f"On {text}"


# Positions ----------------------------------------------------------------------------


def is_former(position: PositionRecord, on: dt.date) -> bool:
    """Whether the position had ended by ``on``: its end date's last possible day is before
    ``on``; with no end date, when it is marked as no longer current."""
    end = position.end_date.strip()
    if end:
        try:
            return dates.latest(end) < on
        except ValueError:
            return not position.is_current
    return not position.is_current


def held_on(position: PositionRecord, on: dt.date) -> bool:
    """Whether the person held the position on that day (started, and not yet ended)."""
    start = position.start_date.strip()
    if start:
        try:
            if dates.earliest(start) > on:
                return False
        except ValueError:
            pass
    return not is_former(position, on)


def positions_as_of(person: PersonRecord, on: dt.date) -> tuple[PositionRecord, ...]:
    """The positions a person held on a day, in the person's order."""
    return tuple(p for p in person.positions if held_on(p, on))


# Organizations in running text --------------------------------------------------------


class Mentions:
    """Writes organizations in running text, in order of appearance.

    The first mention of an organization whose acronym is introduced is written in full
    with the acronym in parentheses; later mentions are the acronym alone, without "the".
    ``introduce`` is the set of organizations whose acronym is introduced at all (those
    mentioned at least twice); None introduces every acronym (the counting pass).
    """

    def __init__(
        self, directory: Directory, introduce: frozenset[int] | None = frozenset()
    ) -> None:
        self.directory = directory
        self.introduce = introduce
        self.counts: Counter[int] = Counter()
        self.introduced: set[int] = set()

    def used_twice(self) -> frozenset[int]:
        """The organizations mentioned at least twice (after a counting pass)."""
        return frozenset(org_id for org_id, n in self.counts.items() if n >= 2)

    def org(self, organization_id: int, *, article: bool = True) -> str:
        """One mention of the organization; "" when it is not in the directory."""
        return self._org(organization_id, article, ())

    def _org(self, organization_id: int, article: bool, seen: tuple[int, ...]) -> str:
        org = self.directory.organization(organization_id)
        if org is None:
            return ""
        self.counts[organization_id] += 1
        name = org.name.strip()
        acronym = org.acronym.strip()
        if acronym.casefold() == name.casefold():
            acronym = ""  # "NATO": nothing to spell out, never "NATO (NATO)"
        introduce = bool(acronym) and (self.introduce is None or organization_id in self.introduce)
        if introduce and organization_id in self.introduced:
            return acronym
        if introduce:
            self.introduced.add(organization_id)
        # A name that carries its own article ("The Brookings Institution") gets no second.
        has_the = name[:4].casefold() == "the "
        the = "the " if org.takes_the and article and not has_the else ""
        tag = f" ({acronym})" if introduce else ""
        style = org.parent_style
        parent = ""
        if (
            org.parent_id is not None
            and style != ParentStyle.STANDALONE.value
            and org.parent_id not in seen
            and len(seen) < 12
        ):
            parent = self._org(
                org.parent_id,
                article if style == ParentStyle.POSSESSIVE.value else True,
                (*seen, organization_id),
            )
        if not parent:
            return f"{the}{name}{tag}"
        if style == ParentStyle.POSSESSIVE.value:
            return f"{parent}{APOSTROPHE}s {name}{tag}"
        joiner = " at " if style == ParentStyle.AT.value else " of "
        return f"{the}{name}{tag}{joiner}{parent}"


# People -------------------------------------------------------------------------------


def person_name(person: PersonRecord, style: HouseStyleRecord) -> str:
    """The printed name: "Mr. CHEN Xiaogong", "Dr. Anna MÜLLER" (no leading space without an honorific)."""
    return format_name(
        person.honorific,
        person.family_name,
        person.given_name,
        person.name_order,
        family_caps=style.family_name_caps,
    )


def position_phrase(position: PositionRecord, on: dt.date, mentions: Mentions) -> str:
    """A cited position: "Secretary General of SFICE", "Head of … at China Forum", "China Forum Expert",
    "former Deputy Director of the Office of …"."""
    title = position.title.strip()
    org_text = ""
    if position.organization_id is not None and position.phrasing != Phrasing.TITLE_ONLY.value:
        org_text = mentions.org(
            position.organization_id, article=position.phrasing != Phrasing.ORG_TITLE.value
        )
    if not org_text:
        text = title
    elif not title:
        text = org_text
    elif position.phrasing == Phrasing.ORG_TITLE.value:
        text = f"{org_text} {title}"
    elif position.phrasing == Phrasing.TITLE_AT.value:
        text = f"{title} at {org_text}"
    else:
        text = f"{title} of {org_text}"
    if text and is_former(position, on):
        text = f"former {text}"
    return text


def cited_positions(
    person: PersonRecord, participant: ParticipantRecord, on: dt.date
) -> tuple[PositionRecord, ...]:
    """The positions cited for the event; none cited → those held on the event date."""
    if participant.cited_position_ids:
        by_id = {p.id: p for p in person.positions if p.id is not None}
        return tuple(by_id[i] for i in participant.cited_position_ids if i in by_id)
    return positions_as_of(person, on)


def affiliation(
    person: PersonRecord,
    participant: ParticipantRecord,
    on: dt.date,
    mentions: Mentions,
    style: HouseStyleRecord,
) -> str:
    """The free-text affiliation when set, else the cited positions joined with "and"."""
    if participant.affiliation.strip():
        return " ".join(participant.affiliation.split())
    phrases = [position_phrase(p, on, mentions) for p in cited_positions(person, participant, on)]
    return join_list(phrases, serial_comma=style.serial_comma)


def participant_line(
    participant: ParticipantRecord,
    on: dt.date,
    directory: Directory,
    mentions: Mentions,
    style: HouseStyleRecord,
) -> str:
    """A participant: "Mr. CAO Cong, Secretary General of SFICE"; the name alone without an affiliation."""
    person = directory.person(participant.person_id)
    if person is None:
        return ""
    name = person_name(person, style)
    where = affiliation(person, participant, on, mentions, style)
    if name and where:
        return f"{name}, {where}"
    return name or where


def first_and_later(organization_id: int, directory: Directory) -> tuple[str, str]:
    """An organization's first mention and its later mentions in a release where it is
    mentioned more than once ("Tsinghua University’s Institute … (I-AIIG)", "I-AIIG")."""
    mentions = Mentions(directory, introduce=frozenset({organization_id}))
    first = mentions.org(organization_id)
    later = mentions.org(organization_id)
    return first, later


def position_reading(position: PositionRecord, on: dt.date, directory: Directory) -> str:
    """A position as a release would cite it on ``on`` with no acronym introduced yet
    ("former Deputy Director of the Office of the Foreign Affairs Commission of …")."""
    return position_phrase(position, on, Mentions(directory))


def sentence_case(text: str) -> str:
    """Capitalize the first letter only ("the Seminar …" → "The Seminar …")."""
    return text[:1].upper() + text[1:] if text else text


def normalize_space(text: str) -> str:
    """One space between words, none at the ends (templates leave line breaks around)."""
    return " ".join(text.split())


def lines_for(
    participants: Sequence[ParticipantRecord],
    on: dt.date,
    directory: Directory,
    mentions: Mentions,
    style: HouseStyleRecord,
) -> list[str]:
    return [participant_line(p, on, directory, mentions, style) for p in participants]
