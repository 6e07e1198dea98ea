"""List queries: search in any part of a name, acronyms, titles; sort; count; row_of."""

from __future__ import annotations

from db import queries, repository
from db.queries import ORGANIZATIONS, PEOPLE, ListQuery
from db.records import OrganizationRecord
from db.session import Database


def _people(database: Database, query: ListQuery) -> list[str]:
    with database.read() as session:
        return [r.name for r in PEOPLE.fetch(session, query, 0, 100)]


def test_people_search(demo_database: Database) -> None:
    assert _people(demo_database, ListQuery("晓工")) == ["Mr. CHEN Xiaogong"]
    assert _people(demo_database, ListQuery("陈")) == ["Mr. CHEN Xiaogong"]
    assert _people(demo_database, ListQuery("chen xiao")) == ["Mr. CHEN Xiaogong"]
    assert _people(demo_database, ListQuery("SFICE")) == ["Mr. CAO Cong"]
    assert _people(demo_database, ListQuery("Executive Dean")) == ["Professor ZHU Feng"]
    assert "Mr. LU Junqun" in _people(demo_database, ListQuery("AI International"))
    assert _people(demo_database, ListQuery("nobody-like-this")) == []
    with demo_database.read() as session:
        assert PEOPLE.count(session, ListQuery()) == 9
        assert PEOPLE.count(session, ListQuery("晓工")) == 1


def test_like_wildcards_are_literal(database: Database) -> None:
    with database.write() as session:
        repository.save_organization(session, OrganizationRecord(name="100% Institute"))
        repository.save_organization(session, OrganizationRecord(name="1000 Talents"))
    with database.read() as session:
        found = ORGANIZATIONS.fetch(session, ListQuery("100%"), 0, 10)
        assert [r.name for r in found] == ["100% Institute"]
        assert ORGANIZATIONS.count(session, ListQuery("_")) == 0


def test_sort_and_row_of(demo_database: Database) -> None:
    with demo_database.read() as session:
        by_acronym = ORGANIZATIONS.fetch(
            session, ListQuery(sort_key="acronym", descending=True), 0, 3
        )
        assert [r.acronym for r in by_acronym] == ["SFICE", "SAIIA", "I-AIIG"]
        names = [r.name for r in ORGANIZATIONS.fetch(session, ListQuery(), 0, 100)]
        assert names == sorted(names, key=str.lower)
        assert ORGANIZATIONS.row_of(session, ListQuery(), 3) == names.index("Tsinghua University")
        assert ORGANIZATIONS.row_of(session, ListQuery("SFICE"), 3) is None


def test_lookups(demo_database: Database) -> None:
    with demo_database.read() as session:
        first = queries.organization_choices(session, "i-aiig")[0]
        assert first.label == "Institute for AI International Governance (I-AIIG)"
        assert first.detail == "Tsinghua University"
        assert [c.label for c in queries.organization_choices(session, "清华")] == [
            "Tsinghua University"
        ]
        assert all(c.id != 3 for c in queries.organization_choices(session, "", exclude_id=3))
        people = queries.person_choices(session, "cao")
        assert people[0].label == "Mr. CAO Cong"
        assert queries.organization_label(session, 2).endswith("(SFICE)")
        assert queries.person_label(session, 1) == "Mr. CHEN Xiaogong"
        assert [u.name for u in queries.organization_sub_units(session, 3)] == [
            "Institute for AI International Governance"
        ]
        assert queries.person_events(session, 1)[0].role == "Panelist"


def test_person_lookup_puts_names_starting_with_the_text_first(demo_database: Database) -> None:
    """Typing "zh" wants ZHANG, ZHAO and ZHU before Mr. CAO of the Shenzhen Foundation."""
    with demo_database.read() as session:
        labels = [c.label for c in queries.person_choices(session, "zh")]
    assert labels[:3] == ["Mr. ZHANG Lirong", "Mr. ZHAO Kefeng", "Professor ZHU Feng (朱锋)"]
    assert "Mr. CAO Cong" in labels[3:]
