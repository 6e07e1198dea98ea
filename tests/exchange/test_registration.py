"""Registration rows pasted from a spreadsheet: reading (tabs, CSV, header, quotes,
Chinese, empty lines, extra cells) and matching against the demo records."""

from __future__ import annotations

from db import repository
from db.session import Database
from desktop.exchange.registration import (
    EXISTING,
    NEW,
    PROBLEM,
    SKIPPED,
    create_planned,
    parse_sheet,
    plan,
    split_typed_name,
)

HONORIFICS = ["Mr.", "Ms.", "Dr.", "Professor"]


def test_tab_separated_with_header_and_empty_lines() -> None:
    text = (
        "Name\tTitle\tOrganization\tE-mail\tRole\n"
        "\n"
        "Mr. CAO Cong\tSecretary General\tSFICE\tcao@sfice.org\tPanelist\n"
        "\t\t\t\t\n"
        "Dr. Anna WEBER\tResearch Fellow\tSAIIA\t\tModerator\n"
    )
    sheet = parse_sheet(text, HONORIFICS)
    assert sheet.header == ("Name", "Title", "Organization", "E-mail", "Role")
    cao, weber = sheet.candidates
    assert (cao.line, cao.honorific, cao.family_name, cao.given_name) == (3, "Mr.", "Cao", "Cong")
    assert (cao.title, cao.organization, cao.email, cao.role) == (
        "Secretary General",
        "SFICE",
        "cao@sfice.org",
        "panelist",
    )
    assert weber.line == 5
    assert weber.printed_name == "Dr. Anna WEBER"
    assert weber.role == "moderator" and weber.email == ""
    assert cao.notes == () and cao.problem == ""


def test_csv_with_quotes_and_separate_name_columns() -> None:
    text = (
        "Honorific,Family name,Given name,Chinese name,Position,Organisation\r\n"
        'Mr,ZHAO,Kefeng,,Chairman,"Shenzhen Artificial Intelligence Industry Association"\r\n'
        'Ms.,Li,Na,李娜,"Director, Research","Greater Bay Institute (GBI)"\r\n'
    )
    zhao, li = parse_sheet(text, HONORIFICS).candidates
    assert zhao.honorific == "Mr."  # the house spelling
    assert (zhao.family_name, zhao.given_name) == ("Zhao", "Kefeng")
    assert zhao.printed_name == "Mr. ZHAO Kefeng"
    assert li.name_zh == "李娜" and li.title == "Director, Research"
    assert li.organization == "Greater Bay Institute (GBI)"


def test_semicolon_csv_and_first_last_name_headers() -> None:
    text = "First name;Last name;Email\nAnna;Weber;anna@example.de\n"
    (anna,) = parse_sheet(text).candidates
    assert anna.printed_name == "Anna WEBER"  # given name first under a Western header


def test_rows_without_a_header_are_read_by_their_look() -> None:
    text = "Mr.\tCao Cong\tSecretary General\tSFICE\tcao@sfice.org\n陈晓工\n"
    cao, chen = parse_sheet(text, HONORIFICS).candidates
    assert cao.printed_name == "Mr. CAO Cong"
    assert (cao.title, cao.organization, cao.email) == (
        "Secretary General",
        "SFICE",
        "cao@sfice.org",
    )
    assert chen.name_zh == "陈晓工" and chen.family_name == "" and chen.problem == ""


def test_too_many_columns_bad_email_unknown_role_and_no_name() -> None:
    text = (
        "Name\tTitle\tOrganization\tEmail\tRole\n"
        "Dr. Anna WEBER\tFellow\tSAIIA\tnot-an-address\tjuggler\tvegetarian\tseat 12\n"
        "\tDirector\tSAIIA\n"
    )
    weber, nameless = parse_sheet(text, HONORIFICS).candidates
    assert weber.problem == ""
    assert weber.email == "" and weber.role == ""
    assert weber.notes == (
        "The role ‘juggler’ is not one Forum Desk knows.",
        "‘not-an-address’ is not an email address; it was left out.",
        "2 cells beyond the known columns were left out: ‘vegetarian’, ‘seat 12’.",
    )
    assert nameless.problem == "Row 3 has no name (only ‘Director’, ‘SAIIA’)."


def test_unused_header_columns_are_reported_and_an_unmatched_quote_is_survived() -> None:
    sheet = parse_sheet("Name\tEmail\tPhone\tDietary needs\nCao Cong\t\t123\tnone\n")
    assert sheet.unused_columns == ("Phone", "Dietary needs")
    assert sheet.candidates[0].notes == ()
    broken = parse_sheet('"Cao Cong\tSecretary General\nZhao Kefeng\tChairman\n')
    assert [c.family_name for c in broken.candidates] == ["Cao", "Zhao"]
    assert parse_sheet("   \n\n").candidates == ()


def test_split_typed_name_rules() -> None:
    assert split_typed_name("mr cao cong", HONORIFICS).honorific == "Mr."
    assert split_typed_name("Weber, Anna").family == "Weber"
    assert split_typed_name("Anna WEBER").order == "given_first"


def test_plan_and_create_on_the_demo_records(demo_database: Database) -> None:
    text = (
        "Name\tChinese name\tTitle\tOrganization\tEmail\n"
        "Mr. Cao Cong\t\tSecretary General\tSFICE\t\n"  # in the records, by name
        "\t朱锋\t\t\t\n"  # in the records, by Chinese name
        "Dr. Anna WEBER\t\tResearch Fellow\tSAIIA\tanna@example.de\n"  # new, org by acronym
        "Ms. LI Na\t李娜\tDirector\tGreater Bay Institute (GBI)\t\n"  # new, new organization
        "Mr. HUANG Wei\t\tAnalyst\tgreater bay institute\t\n"  # the same new organization
        "Mr. CAO Cong\t\t\t\t\n"  # the same person twice
        "\t王五\t\t\t\n"  # only a Chinese name nobody has
    )
    with demo_database.read() as session:
        planned = plan(session, parse_sheet(text, HONORIFICS), "panelist", present_person_ids=[9])
    statuses = [(r.name, r.status) for r in planned.rows]
    assert statuses == [
        ("Mr. CAO Cong", EXISTING),
        ("Professor ZHU Feng", EXISTING),
        ("Dr. Anna WEBER", NEW),
        ("Ms. LI Na", NEW),
        ("Mr. HUANG Wei", NEW),
        ("Mr. CAO Cong", SKIPPED),
        ("王五", PROBLEM),
    ]
    assert (
        planned.rows[2].organization
        == "Shenzhen Artificial Intelligence Industry Association (SAIIA)"
    )
    assert not planned.rows[2].new_organization
    assert (
        planned.rows[3].new_organization and planned.rows[3].organization == "Greater Bay Institute"
    )
    assert planned.rows[5].message == "Mr. CAO Cong is already on row 2; skipped."
    assert planned.new_organizations == ("Greater Bay Institute",)
    with demo_database.write() as session:
        added = create_planned(session, planned)
    assert [role for _, role in added] == ["panelist"] * 5
    with demo_database.read() as session:
        weber = repository.get_person(session, added[2][0])
        li = repository.get_person(session, added[3][0])
        huang = repository.get_person(session, added[4][0])
        gbi = repository.get_organization(session, li.positions[0].organization_id or 0)
    assert (weber.email, weber.positions[0].title) == ("anna@example.de", "Research Fellow")
    assert (gbi.name, gbi.acronym) == ("Greater Bay Institute", "GBI")
    assert huang.positions[0].organization_id == gbi.id
    assert li.name_zh == "李娜"


def test_an_existing_participant_is_skipped_with_a_sentence(demo_database: Database) -> None:
    with demo_database.read() as session:
        planned = plan(session, parse_sheet("Zhao Kefeng\tChairman\n", HONORIFICS), "panelist", [9])
    (row,) = planned.rows
    assert row.status == SKIPPED
    assert row.message == "Mr. ZHAO Kefeng is already a participant of this event; skipped."
