"""The generated lead from an (unsaved) event record: each template, the awkward cases."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace

import pytest

from db.records import (
    EventOrganizationRecord,
    EventRecord,
    HouseStyleRecord,
    OrganizationRecord,
    ParticipantRecord,
    PersonRecord,
    PositionRecord,
)
from desktop.press.compose import (
    compose_lead,
    organization_mentions,
    participant_line,
    participant_lines,
    position_reading,
)
from desktop.press.phrases import RecordDirectory
from desktop.press.render import TemplateError, lead_templates

STYLE = HouseStyleRecord()
ORGS = {
    1: OrganizationRecord(id=1, name="China Forum"),
    2: OrganizationRecord(id=2, name="Ditchley Foundation", acronym="DF", takes_the=True),
    3: OrganizationRecord(id=3, name="Peking University", acronym="PKU"),
    4: OrganizationRecord(id=4, name="Smith & <Partners>", acronym="S&P"),
}
PEOPLE = {
    1: PersonRecord(
        id=1,
        honorific="Mr.",
        family_name="Zhang",
        given_name="Lirong",
        positions=(PositionRecord(id=1, organization_id=1, title="Secretary General"),),
    ),
    2: PersonRecord(
        id=2,
        honorific="Dr.",
        family_name="Müller",
        given_name="Anna",
        name_order="given_first",
        positions=(
            PositionRecord(id=2, organization_id=2, title="Director"),
            PositionRecord(
                id=3,
                organization_id=3,
                title="Visiting Fellow",
                end_date="2021-11-18",
                is_current=False,
            ),
        ),
    ),
    3: PersonRecord(
        id=3,
        honorific="Professor",
        family_name="王",
        given_name="小明",
        positions=(PositionRecord(id=4, organization_id=3, title="Dean"),),
    ),
    4: PersonRecord(
        id=4,
        honorific="Ms.",
        family_name='O\'Brien "Bo"',
        given_name="<Kate>",
        name_order="given_first",
        positions=(PositionRecord(id=5, organization_id=4, title="Partner"),),
    ),
}
DIRECTORY = RecordDirectory(ORGS, PEOPLE)

EVENT = EventRecord(
    title="Roundtable on AI Governance",
    kind="roundtable",
    start_date=dt.date(2021, 11, 19),
    attendance_note="twenty scholars.",
    organizations=(
        EventOrganizationRecord(1, "host"),
        EventOrganizationRecord(2, "co_host"),
    ),
    participants=(
        ParticipantRecord(1, cited_position_ids=(1,)),
        ParticipantRecord(2, cited_position_ids=(2, 3)),
    ),
)


def lead(event: EventRecord, template: str = "house_hosts", **kw: object) -> str:
    return compose_lead(DIRECTORY, event, STYLE, template, **kw).text  # type: ignore[arg-type]


def assert_clean(text: str) -> None:
    assert "None" not in text
    assert "()" not in text
    assert "  " not in text
    assert " ." not in text and " ," not in text
    assert not re.search(r"\bwith\.", text)
    assert text == text.strip()


def test_house_hosts_with_a_co_host() -> None:
    text = lead(EVENT)
    assert text == (
        "On November 19, the Roundtable on AI Governance was hosted by China Forum with the "
        "Ditchley Foundation (DF). Among the panelists were Mr. ZHANG Lirong, Secretary "
        "General of China Forum, and Dr. Anna MÜLLER, Director of DF and former Visiting "
        "Fellow of Peking University. The roundtable also brought together twenty scholars."
    )


def test_no_co_hosts_no_dangling_with_and_an_acronym_used_once_is_not_introduced() -> None:
    event = replace(EVENT, organizations=(EventOrganizationRecord(1, "host"),))
    text = lead(event)
    assert text.startswith(
        "On November 19, the Roundtable on AI Governance was hosted by China Forum. "
    )
    assert "Director of the Ditchley Foundation and former" in text
    assert "(DF)" not in text and "(PKU)" not in text
    assert_clean(text)


def test_one_panelist() -> None:
    event = replace(EVENT, participants=(ParticipantRecord(1),))
    text = lead(event)
    assert "The panelist was Mr. ZHANG Lirong, Secretary General of China Forum." in text
    assert "Among" not in text


def test_no_panelists_no_note_no_hosts_no_date() -> None:
    event = replace(EVENT, start_date=None, organizations=(), participants=(), attendance_note="")
    assert lead(event) == "The Roundtable on AI Governance took place."
    assert lead(replace(event, title="")) == ""


def test_title_without_the() -> None:
    event = replace(EVENT, title="Ditchley Conference", title_takes_the=False)
    assert lead(event).startswith("On November 19, Ditchley Conference was hosted by")


def test_house_experts_template() -> None:
    event = replace(
        EVENT,
        organizations=(EventOrganizationRecord(2, "host"),),
        participants=(ParticipantRecord(1), ParticipantRecord(2)),
    )
    text = lead(event, "house_experts", publication_date=dt.date(2022, 1, 3))
    assert text.startswith(
        "On November 19, 2021, the Ditchley Foundation (DF) held the Roundtable on AI "
        "Governance. Among the panelists were Mr. ZHANG Lirong, Secretary General of China "
        "Forum, and Dr. Anna MÜLLER, Director of DF"
    )
    assert_clean(text)


def test_no_acronyms_at_all() -> None:
    plain = RecordDirectory(
        {k: replace(v, acronym="") for k, v in ORGS.items()},
        PEOPLE,
    )
    text = compose_lead(plain, EVENT, STYLE).text
    assert "(" not in text
    assert "Director of the Ditchley Foundation" in text


def test_free_text_affiliation_replaces_positions() -> None:
    event = replace(
        EVENT, participants=(ParticipantRecord(2, affiliation="an  independent scholar"),)
    )
    assert "Dr. Anna MÜLLER, an independent scholar." in lead(event)


def test_person_without_positions_is_named_alone() -> None:
    people = {**PEOPLE, 9: PersonRecord(id=9, family_name="Li", given_name="Hua")}
    event = replace(EVENT, participants=(ParticipantRecord(9), ParticipantRecord(1)))
    text = compose_lead(RecordDirectory(ORGS, people), event, STYLE).text
    assert "Among the panelists were LI Hua and Mr. ZHANG Lirong, Secretary General" in text


def test_an_acronym_the_written_paragraphs_use_is_introduced_in_the_lead() -> None:
    """The lead names the Ditchley Foundation twice (co-host, Dr. MÜLLER's title) and
    Peking University once: PKU is introduced only when the paragraphs after the lead use
    it, so a reader meets "PKU" spelt out first."""
    alone = lead(EVENT)
    assert "Peking University (PKU)" not in alone and "Peking University" in alone
    later = "PKU will host the next round. A PKUX project is not PKU."
    with_body = lead(EVENT, later_text=later)
    assert "former Visiting Fellow of Peking University (PKU)" in with_body
    assert "the Ditchley Foundation (DF)" in with_body
    # A word that merely contains the acronym does not count.
    assert "(PKU)" not in lead(EVENT, later_text="PKUX and PKU-led projects")


def test_protocol_order_is_the_list_order() -> None:
    event = replace(EVENT, participants=tuple(reversed(EVENT.participants)))
    text = lead(event)
    assert text.index("MÜLLER") < text.index("ZHANG")


def test_two_months_and_two_years() -> None:
    event = replace(EVENT, start_date=dt.date(2021, 12, 30), end_date=dt.date(2022, 1, 2))
    assert lead(event, publication_date=dt.date(2022, 1, 5)).startswith(
        "From December 30, 2021, to January 2, 2022, the Roundtable"
    )
    event = replace(EVENT, start_date=dt.date(2021, 11, 30), end_date=dt.date(2021, 12, 2))
    assert lead(event, publication_date=dt.date(2021, 12, 6)).startswith(
        "From November 30 to December 2, the Roundtable"
    )


def test_house_style_switches() -> None:
    three = replace(
        EVENT,
        organizations=(
            EventOrganizationRecord(1, "host"),
            EventOrganizationRecord(2, "co_host"),
            EventOrganizationRecord(3, "co_host"),
            EventOrganizationRecord(4, "co_host"),
        ),
        participants=(),
    )
    on = compose_lead(DIRECTORY, three, STYLE).text
    off = compose_lead(
        DIRECTORY,
        three,
        HouseStyleRecord(serial_comma=False, family_name_caps=False, date_style="day_month"),
    ).text
    assert "Ditchley Foundation, Peking University, and Smith & <Partners>." in on
    assert "On 19 November," in off
    assert "Ditchley Foundation, Peking University and Smith & <Partners>." in off
    caps_off = compose_lead(DIRECTORY, EVENT, HouseStyleRecord(family_name_caps=False)).text
    assert "Mr. Zhang Lirong" in caps_off and "Dr. Anna Müller" in caps_off


def test_markup_and_chinese_verbatim_in_text_escaped_in_html() -> None:
    event = replace(
        EVENT,
        title='Dialogue on "AI" & <Ethics> 人工智能',
        organizations=(EventOrganizationRecord(1, "host"), EventOrganizationRecord(4, "co_host")),
        participants=(ParticipantRecord(3), ParticipantRecord(4)),
    )
    result = compose_lead(DIRECTORY, event, STYLE)
    assert 'the Dialogue on "AI" & <Ethics> 人工智能' in result.text
    assert "Professor 王 小明, Dean of Peking University" in result.text
    assert "with Smith & <Partners> (S&P)." in result.text
    assert 'and Ms. <Kate> O\'BRIEN "BO", Partner of S&P.' in result.text
    assert "<Ethics>" not in result.html and "<Kate>" not in result.html
    assert "&lt;Ethics&gt;" in result.html and "&amp;" in result.html
    assert "&#34;AI&#34;" in result.html or "&quot;AI&quot;" in result.html
    assert html.unescape(result.html) == result.text


@pytest.mark.parametrize("template", [t.name for t in lead_templates()])
@pytest.mark.parametrize(
    "event",
    [
        EVENT,
        replace(EVENT, organizations=(), participants=()),
        replace(EVENT, start_date=None, attendance_note=""),
        replace(EVENT, title=""),
        EventRecord(),
    ],
)
def test_every_template_is_clean_and_html_matches_text(template: str, event: EventRecord) -> None:
    result = compose_lead(DIRECTORY, event, STYLE, template)
    assert_clean(result.text)
    assert html.unescape(result.html) == result.text


def test_templates_are_listed_with_labels() -> None:
    names = {t.name: t.label for t in lead_templates()}
    assert {"house_hosts", "house_experts"} <= set(names)
    assert all(label and "_" not in label for label in names.values())


def test_unknown_template_is_one_sentence() -> None:
    with pytest.raises(TemplateError, match="no lead template named ‘nope’"):
        lead(EVENT, "nope")


def test_participant_lines_as_in_the_release() -> None:
    lines = participant_lines(DIRECTORY, EVENT, STYLE)
    assert lines[1] == "Mr. ZHANG Lirong, Secretary General of China Forum"
    # DF was introduced in the first sentence, so the line uses the acronym.
    assert lines[2] == (
        "Dr. Anna MÜLLER, Director of DF and former Visiting Fellow of Peking University"
    )
    assert participant_line(DIRECTORY, EVENT, 2, STYLE) == lines[2]
    guest = replace(EVENT, participants=(*EVENT.participants, ParticipantRecord(3, "guest")))
    assert participant_lines(DIRECTORY, guest, STYLE)[3] == (
        "Professor 王 小明, Dean of Peking University"
    )


def test_organization_mentions_and_position_reading_for_forms() -> None:
    mentions = organization_mentions(DIRECTORY, 2)
    assert (mentions.first, mentions.later) == ("the Ditchley Foundation (DF)", "DF")
    unsaved = OrganizationRecord(
        name="Centre for Studies", acronym="CS", parent_id=3, parent_style="at", takes_the=True
    )
    new = organization_mentions(DIRECTORY, unsaved)
    assert new.first == "the Centre for Studies (CS) at Peking University"
    assert new.later == "CS"
    reading = position_reading(DIRECTORY, PEOPLE[2].positions[1], dt.date(2021, 11, 19))
    assert reading == "former Visiting Fellow of Peking University"
    assert position_reading(DIRECTORY, PEOPLE[2].positions[1], dt.date(2021, 11, 18)) == (
        "Visiting Fellow of Peking University"
    )
