"""The house-style rules one by one: lists, dates, names, positions, organizations."""

from __future__ import annotations

import datetime as dt

import pytest

from db.records import HouseStyleRecord, OrganizationRecord, PersonRecord, PositionRecord
from desktop.press.phrases import (
    Mentions,
    RecordDirectory,
    event_dates,
    event_when,
    first_and_later,
    is_former,
    join_list,
    person_name,
    position_phrase,
    positions_as_of,
)

D = dt.date
EVENT_DAY = D(2021, 11, 19)

ORGS = {
    1: OrganizationRecord(id=1, name="China Forum"),
    2: OrganizationRecord(
        id=2,
        name="Shenzhen Foundation for International Cooperation and Exchange",
        acronym="SFICE",
        takes_the=True,
    ),
    3: OrganizationRecord(id=3, name="Tsinghua University"),
    4: OrganizationRecord(
        id=4,
        name="Institute for AI International Governance",
        acronym="I-AIIG",
        parent_id=3,
        parent_style="possessive",
        takes_the=True,
    ),
    5: OrganizationRecord(
        id=5, name="Shenzhen Artificial Intelligence Industry Association", acronym="SAIIA"
    ),
    6: OrganizationRecord(
        id=6, name="Academic Committee", parent_id=5, parent_style="of", takes_the=True
    ),
    7: OrganizationRecord(id=7, name="Nanjing University"),
    8: OrganizationRecord(
        id=8,
        name="School of International Relations",
        parent_id=7,
        parent_style="at",
        takes_the=True,
    ),
    9: OrganizationRecord(id=9, name="CPC Central Committee", takes_the=True),
    10: OrganizationRecord(
        id=10, name="Foreign Affairs Commission", parent_id=9, parent_style="of", takes_the=True
    ),
    11: OrganizationRecord(id=11, name="Office", parent_id=10, parent_style="of", takes_the=True),
    12: OrganizationRecord(id=12, name="Shenzhen Foreign Affairs Office"),
}
DIRECTORY = RecordDirectory(ORGS, {})


# Lists --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "serial", "expected"),
    [
        ([], True, ""),
        (["A"], True, "A"),
        (["A", "B"], True, "A and B"),
        (["A", "B"], False, "A and B"),
        (["A", "B", "C"], True, "A, B, and C"),
        (["A", "B", "C"], False, "A, B and C"),
        (["A", "", "B"], True, "A and B"),
        (["A, x", "B, y", "C"], True, "A, x; B, y; and C"),
        (["A, x", "B, y", "C, z"], False, "A, x; B, y; and C, z"),
        (["Mr. A, Dean", "Mr. B, Chair"], True, "Mr. A, Dean, and Mr. B, Chair"),
        (["Mr. A, Dean", "Mr. B, Chair"], False, "Mr. A, Dean, and Mr. B, Chair"),
        (["Mr. A", "Mr. B, Chair"], True, "Mr. A and Mr. B, Chair"),
        (["Mr. A, Dean", "Mr. B"], True, "Mr. A, Dean, and Mr. B"),
    ],
)
def test_join_list(items: list[str], serial: bool, expected: str) -> None:
    assert join_list(items, serial_comma=serial) == expected


# Dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "published", "style", "expected"),
    [
        (D(2021, 11, 19), None, D(2021, 11, 22), "month_day", "November 19"),
        (D(2021, 11, 19), D(2021, 11, 19), D(2021, 11, 22), "month_day", "November 19"),
        (D(2021, 11, 18), D(2021, 11, 19), D(2021, 11, 22), "month_day", "November 18–19"),
        (
            D(2021, 11, 30),
            D(2021, 12, 2),
            D(2021, 12, 5),
            "month_day",
            "November 30 to December 2",
        ),
        (D(2021, 11, 19), None, D(2022, 1, 5), "month_day", "November 19, 2021"),
        (D(2021, 11, 18), D(2021, 11, 19), D(2022, 1, 5), "month_day", "November 18–19, 2021"),
        (
            D(2021, 12, 30),
            D(2022, 1, 2),
            D(2022, 1, 5),
            "month_day",
            "December 30, 2021, to January 2, 2022",
        ),
        (
            D(2021, 12, 30),
            D(2022, 1, 2),
            None,
            "month_day",
            "December 30, 2021, to January 2, 2022",
        ),
        (D(2021, 11, 19), None, None, "month_day", "November 19"),
        (D(2021, 11, 19), None, D(2021, 11, 22), "day_month", "19 November"),
        (D(2021, 11, 18), D(2021, 11, 19), D(2021, 11, 22), "day_month", "18–19 November"),
        (
            D(2021, 11, 30),
            D(2021, 12, 2),
            D(2021, 12, 5),
            "day_month",
            "30 November to 2 December",
        ),
        (D(2021, 11, 19), None, D(2022, 1, 5), "day_month", "19 November 2021"),
        (
            D(2021, 12, 30),
            D(2022, 1, 2),
            D(2022, 1, 5),
            "day_month",
            "30 December 2021 to 2 January 2022",
        ),
    ],
)
def test_event_dates(
    start: dt.date, end: dt.date | None, published: dt.date | None, style: str, expected: str
) -> None:
    assert event_dates(start, end, publication_date=published, date_style=style) == expected


def test_no_date_is_empty() -> None:
    assert event_dates(None) == ""
    assert event_when(None) == ""


def test_a_sentence_opens_with_on_a_day_and_from_a_span() -> None:
    # "On November 30 to December 2" is not English; a newsroom writes "From … to …".
    assert event_when(D(2021, 11, 19)) == "On November 19"
    assert event_when(D(2021, 11, 18), D(2021, 11, 19)) == "On November 18–19"
    assert event_when(D(2021, 11, 30), D(2021, 12, 2)) == "From November 30 to December 2"
    assert (
        event_when(D(2021, 11, 30), D(2021, 12, 2), date_style="day_month")
        == "From 30 November to 2 December"
    )


# Names --------------------------------------------------------------------------------


def test_family_first_in_capitals() -> None:
    chen = PersonRecord(honorific="Mr.", family_name="Chen", given_name="Xiaogong")
    assert person_name(chen, HouseStyleRecord()) == "Mr. CHEN Xiaogong"
    assert person_name(chen, HouseStyleRecord(family_name_caps=False)) == "Mr. Chen Xiaogong"


def test_given_name_first_person() -> None:
    anna = PersonRecord(
        honorific="Dr.", family_name="Müller", given_name="Anna", name_order="given_first"
    )
    assert person_name(anna, HouseStyleRecord()) == "Dr. Anna MÜLLER"


def test_no_honorific_no_leading_space() -> None:
    zhu = PersonRecord(family_name="Zhu", given_name="Feng")
    assert person_name(zhu, HouseStyleRecord()) == "ZHU Feng"


# Positions ----------------------------------------------------------------------------


def _pos(**kw: object) -> PositionRecord:
    base: dict[str, object] = {"id": 1, "organization_id": 1, "title": "Secretary General"}
    base.update(kw)
    return PositionRecord(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "former"),
    [
        ({}, False),
        ({"is_current": False}, True),
        ({"end_date": "2021-11-18", "is_current": False}, True),  # ended the day before
        ({"end_date": "2021-11-19", "is_current": False}, False),  # ended on the day
        ({"end_date": "2021-11", "is_current": False}, False),  # could be any day in November
        ({"end_date": "2021-10", "is_current": False}, True),
        ({"end_date": "2020", "is_current": False}, True),
        ({"end_date": "2023-06-30", "is_current": False}, False),  # moved on later
    ],
)
def test_former_as_of_the_event(kw: dict[str, object], former: bool) -> None:
    assert is_former(_pos(**kw), EVENT_DAY) is former


def test_positions_are_chosen_as_of_the_event_date() -> None:
    person = PersonRecord(
        family_name="Li",
        positions=(
            _pos(id=1, title="Director", start_date="2018", end_date="2022-03", is_current=False),
            _pos(id=2, title="President", start_date="2022-04"),
        ),
    )
    assert [p.title for p in positions_as_of(person, EVENT_DAY)] == ["Director"]
    assert [p.title for p in positions_as_of(person, D(2023, 1, 1))] == ["President"]


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"phrasing": "title_of"}, "Secretary General of China Forum"),
        (
            {"phrasing": "title_at", "title": "Head of Corporate Cooperation"},
            "Head of Corporate Cooperation at China Forum",
        ),
        ({"phrasing": "org_title", "title": "Expert"}, "China Forum Expert"),
        ({"phrasing": "title_only", "title": "Independent Scholar"}, "Independent Scholar"),
        ({"organization_id": None, "title": "Independent Scholar"}, "Independent Scholar"),
        (
            {"organization_id": 11, "title": "Deputy Director", "is_current": False},
            "former Deputy Director of the Office of the Foreign Affairs Commission of the "
            "CPC Central Committee",
        ),
        (
            {"organization_id": 8, "title": "Executive Dean"},
            "Executive Dean of the School of International Relations at Nanjing University",
        ),
        (
            {"organization_id": 2, "phrasing": "org_title", "title": "Fellow"},
            "Shenzhen Foundation for International Cooperation and Exchange Fellow",
        ),
    ],
)
def test_position_phrasing(kw: dict[str, object], expected: str) -> None:
    assert position_phrase(_pos(**kw), EVENT_DAY, Mentions(DIRECTORY)) == expected


# Organizations in running text --------------------------------------------------------


def test_acronym_on_first_mention_then_alone_without_the() -> None:
    mentions = Mentions(DIRECTORY, introduce=frozenset({2}))
    assert mentions.org(2) == (
        "the Shenzhen Foundation for International Cooperation and Exchange (SFICE)"
    )
    assert mentions.org(2) == "SFICE"
    assert mentions.org(2) == "SFICE"


def test_an_acronym_not_introduced_is_never_used() -> None:
    mentions = Mentions(DIRECTORY, introduce=frozenset())
    full = "the Shenzhen Foundation for International Cooperation and Exchange"
    assert mentions.org(2) == full
    assert mentions.org(2) == full


def test_no_acronym_always_in_full() -> None:
    mentions = Mentions(DIRECTORY, introduce=None)
    assert mentions.org(12) == "Shenzhen Foreign Affairs Office"
    assert mentions.org(12) == "Shenzhen Foreign Affairs Office"
    assert mentions.org(9) == "the CPC Central Committee"


def test_possessive_sub_unit_takes_the_parents_article() -> None:
    mentions = Mentions(DIRECTORY, introduce=frozenset({4}))
    assert mentions.org(4) == (
        "Tsinghua University’s Institute for AI International Governance (I-AIIG)"
    )
    assert mentions.org(4) == "I-AIIG"


def test_parent_by_its_acronym_once_introduced() -> None:
    mentions = Mentions(DIRECTORY, introduce=frozenset({5}))
    assert mentions.org(6) == (
        "the Academic Committee of Shenzhen Artificial Intelligence Industry Association (SAIIA)"
    )
    assert mentions.org(5) == "SAIIA"
    assert mentions.org(6) == "the Academic Committee of SAIIA"


def test_counting_pass_counts_parents_through_sub_units() -> None:
    counting = Mentions(DIRECTORY, introduce=None)
    counting.org(5)
    counting.org(6)
    counting.org(2)
    assert counting.used_twice() == frozenset({5})


def test_missing_organization_is_empty_and_a_cycle_ends() -> None:
    cyclic = RecordDirectory(
        {
            1: OrganizationRecord(id=1, name="A", parent_id=2, parent_style="of"),
            2: OrganizationRecord(id=2, name="B", parent_id=1, parent_style="of"),
        },
        {},
    )
    assert Mentions(DIRECTORY).org(99) == ""
    assert Mentions(cyclic).org(1) == "A of B"


def test_first_and_later_for_the_forms() -> None:
    assert first_and_later(4, DIRECTORY) == (
        "Tsinghua University’s Institute for AI International Governance (I-AIIG)",
        "I-AIIG",
    )
    assert first_and_later(7, DIRECTORY) == ("Nanjing University", "Nanjing University")


def test_an_acronym_equal_to_the_name_is_never_put_in_parentheses() -> None:
    orgs = {1: OrganizationRecord(id=1, name="NATO", acronym="NATO")}
    directory = RecordDirectory(orgs, {})
    assert first_and_later(1, directory) == ("NATO", "NATO")
    mentions = Mentions(directory, introduce=None)
    assert [mentions.org(1), mentions.org(1)] == ["NATO", "NATO"]


def test_a_name_that_begins_with_the_gets_no_second_article() -> None:
    orgs = {
        1: OrganizationRecord(id=1, name="The Brookings Institution", takes_the=True),
        2: OrganizationRecord(id=2, name="the Carter Center", acronym="TCC", takes_the=True),
        3: OrganizationRecord(
            id=3, name="Foreign Policy Program", parent_id=1, parent_style="at", takes_the=True
        ),
    }
    directory = RecordDirectory(orgs, {})
    assert first_and_later(1, directory) == (
        "The Brookings Institution",
        "The Brookings Institution",
    )
    assert first_and_later(2, directory) == ("the Carter Center (TCC)", "TCC")
    assert Mentions(directory).org(3) == ("the Foreign Policy Program at The Brookings Institution")
