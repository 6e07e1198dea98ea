"""The JSON exchange format: round trip, all-or-nothing import, clear problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.errors import ForumDeskError
from db.models import Event, Organization, Person, PressRelease
from db.session import Database, open_database
from desktop.exchange.demo import demo_file, load_demo
from desktop.exchange.json_format import ImportProblems, export_data, import_data


def _counts(database: Database) -> tuple[int, int, int, int]:
    with database.read() as session:
        return (
            session.query(Organization).count(),
            session.query(Person).count(),
            session.query(Event).count(),
            session.query(PressRelease).count(),
        )


def test_export_import_export_is_identical(demo_database: Database, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    export_data(demo_database, first)
    fresh = open_database(tmp_path / "fresh.db", create=True)
    import_data(fresh, first)
    export_data(fresh, second)
    assert first.read_bytes() == second.read_bytes()
    assert _counts(fresh) == _counts(demo_database) == (12, 9, 1, 3)


def test_export_holds_everything(demo_database: Database, tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    export_data(demo_database, target)
    document = json.loads(target.read_text(encoding="utf-8"))
    chen = next(p for p in document["people"] if p["family_name"] == "Chen")
    assert chen["name_zh"] == "陈晓工"
    assert [p["title"] for p in chen["positions"]] == ["Expert", "Deputy Director"]
    event = document["events"][0]
    assert [o["role"] for o in event["organizations"]] == ["host", "co_host", "co_host", "co_host"]
    assert len(event["participants"]) == 9
    assert document["house_style"]["house_organization"] == 1
    assert {r["status"] for r in document["releases"]} == {"published"}


def test_demo_twice_changes_nothing(database: Database) -> None:
    assert load_demo(database) is not None
    before = _counts(database)
    assert load_demo(database) is None
    assert _counts(database) == before


def _broken_demo(tmp_path: Path) -> Path:
    document = json.loads(demo_file().read_text(encoding="utf-8"))
    document["organizations"][4]["acronym"] = "SFICE"  # clashes with organizations[1]
    document["people"][2]["family_name"] = ""  # required
    document["events"][0]["end_date"] = "2021-11-18"  # before the start
    document["releases"][0]["publication_date"] = "19 November"  # not a date
    document["people"][0]["positions"][0]["organization"] = 99  # dangling reference
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_broken_file_imports_nothing_and_lists_every_problem(
    database: Database, tmp_path: Path
) -> None:
    path = _broken_demo(tmp_path)
    with pytest.raises(ImportProblems) as caught:
        import_data(database, path)
    problems = caught.value.problems
    assert any(p.startswith("organizations[4].acronym:") and "SFICE" in p for p in problems)
    assert "people[2].family_name: Enter the family name." in problems
    assert "events[0].end_date: The end date is before the start date." in problems
    assert any(p.startswith("releases[0].publication_date:") for p in problems)
    assert any(p.startswith("people[0].positions[0].organization:") and "99" in p for p in problems)
    assert "nothing was changed" in str(caught.value)
    assert _counts(database) == (0, 0, 0, 0)


def test_broken_file_leaves_existing_data_alone(demo_database: Database, tmp_path: Path) -> None:
    before = _counts(demo_database)
    other = json.loads(demo_file().read_text(encoding="utf-8"))
    other["organizations"] = [{"id": 1, "name": "New Institute", "acronym": "NI"}]
    other["people"] = [
        {
            "id": 1,
            "family_name": "Li",
            "positions": [{"id": 1, "organization": 1, "title": "Director"}],
        }
    ]
    other["events"] = [{"id": 1, "title": "", "start_date": "2022-01-01"}]
    other["releases"] = []
    path = tmp_path / "partly.json"
    path.write_text(json.dumps(other), encoding="utf-8")
    with pytest.raises(ImportProblems, match=r"events\[0\]\.title"):
        import_data(demo_database, path)
    assert _counts(demo_database) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"is not valid JSON \(line 1"),
        ('{"format": "something-else"}', "is not a Forum Desk data file"),
        ('{"format": "forumdesk-exchange", "version": 99}', "uses version 99"),
        ("[1, 2]", "is not a Forum Desk data file"),
    ],
)
def test_malformed_files_get_one_sentence(
    database: Database, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ForumDeskError, match=message):
        import_data(database, path)


def test_wrong_types_are_reported_with_their_place(database: Database, tmp_path: Path) -> None:
    document = {
        "format": "forumdesk-exchange",
        "version": 1,
        "organizations": [{"id": 1, "name": 42, "takes_the": "yes"}],
        "people": "nobody",
    }
    path = tmp_path / "types.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportProblems) as caught:
        import_data(database, path)
    assert "organizations[0].name: must be text, not 42." in caught.value.problems
    assert "organizations[0].takes_the: must be true or false." in caught.value.problems
    assert "people: must be a list." in caught.value.problems
    assert _counts(database) == (0, 0, 0, 0)


def test_a_position_id_used_twice_is_reported_not_silently_remapped(
    database: Database, tmp_path: Path
) -> None:
    """Two positions with one id would map every citation of it to the later one: the
    release would cite a title the file never cited."""
    document = json.loads(demo_file().read_text(encoding="utf-8"))
    first, second = document["people"][0], document["people"][1]
    dup = first["positions"][0]["id"]
    second["positions"][0]["id"] = dup
    path = tmp_path / "dup-position.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportProblems) as caught:
        import_data(database, path)
    assert f"people[1].positions[0].id: {dup} is used twice." in caught.value.problems
    assert _counts(database) == (0, 0, 0, 0)
