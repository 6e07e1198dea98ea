"""How names print: order, capitals, and no stray spaces."""

from __future__ import annotations

from db.naming import format_name


def test_family_first_in_capitals() -> None:
    assert format_name("Mr.", "Chen", "Xiaogong") == "Mr. CHEN Xiaogong"


def test_given_first() -> None:
    assert format_name("Dr.", "Müller", "Anna", "given_first") == "Dr. Anna MÜLLER"


def test_no_honorific_no_leading_space() -> None:
    assert format_name("", "Chen", "Xiaogong") == "CHEN Xiaogong"


def test_spaces_pasted_inside_a_name_collapse() -> None:
    assert format_name(" Mr.  ", "van  der   Berg", "  Jan\tPieter ", "given_first") == (
        "Mr. Jan Pieter VAN DER BERG"
    )


def test_capitals_can_be_switched_off() -> None:
    assert format_name("Ms.", "Li", "Na", family_caps=False) == "Ms. Li Na"
