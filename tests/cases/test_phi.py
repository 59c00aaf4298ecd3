"""Direct identifiers in free text are spotted by kind; ordinary clinical prose stays quiet."""

from __future__ import annotations

import pytest

from cases import phi
from cases.phi import (
    CLIENT_NAME,
    DATE_OF_BIRTH,
    EMAIL,
    FULL_DATE,
    ID_NUMBER,
    PHONE,
    SSN,
    WARNINGS,
    identifier_kinds,
    identifier_warnings,
    looks_like_full_name,
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Her mobile is (555) 123-4567.", PHONE),
        ("Call 555-123-4567 after five.", PHONE),
        ("He gave +1 555 123 4567 as a contact.", PHONE),
        ("Landline 555.123.4567", PHONE),
        ("She wrote from maria.lopez@example.com last night.", EMAIL),
        ("DOB 3/14", DATE_OF_BIRTH),
        ("D.O.B.: 03/14/1987", DATE_OF_BIRTH),
        ("date of birth 14 March 1987", DATE_OF_BIRTH),
        ("She was born on March 14.", DATE_OF_BIRTH),
        ("Intake on 03/14/1987.", FULL_DATE),
        ("Recorded 1987-03-14.", FULL_DATE),
        ("Seen 14.03.1987", FULL_DATE),
        ("Seen March 14, 1987", FULL_DATE),
        ("SSN 123-45-6789", SSN),
        ("Number 123 45 6789 on the form", SSN),
        ("MRN 00123456", ID_NUMBER),
        ("MRN: 4471", ID_NUMBER),
        ("insurance number 4471-2290", ID_NUMBER),
        ("Member 123456789 on the card", ID_NUMBER),
        ("Met the client Maria Lopez today.", CLIENT_NAME),
        ("The client, John, said he would leave.", CLIENT_NAME),
        ("A client named Ana asked for a letter.", CLIENT_NAME),
        ("The client's name is Bob.", CLIENT_NAME),
    ],
)
def test_it_spots_each_kind_of_identifier(text, kind):
    assert identifier_kinds(text) == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "The client said she felt unheard.",
        "Client reference CR-1042 asked to end therapy.",
        "In 2024 the client moved away.",
        "We met at 10:30 and again at 14:00.",
        "About 85% of sessions were attended.",
        "Impact from −3 to +3; this option scores +2, that one -3.",
        "The client. She said no.",
        "Client Services called about the invoice.",
        "Rated her mood 7/10 on a scale of 1-10.",
        "She was born in 1987.",
        "Fees rose to 1,000,000 over the years 2019-2024.",
        "Version 1.2.10 of the framework.",
        "Client-centred care first.",
        "",
    ],
)
def test_it_stays_quiet_on_ordinary_text(text):
    assert identifier_warnings(text) == []


def test_it_words_the_warning_by_kind_without_echoing_the_value():
    warnings = identifier_warnings("Reach her at maria.lopez@example.com")
    assert warnings == [WARNINGS[EMAIL]]
    assert "maria" not in warnings[0]


def test_it_warns_about_the_name_after_client():
    assert identifier_warnings("the client Maria Lopez") == [
        "Looks like a client's name after 'client'. Use the client reference or a pseudonym."
    ]


def test_it_reports_each_kind_once_in_a_stable_order():
    text = "Call 555-123-4567 or 555-987-6543; DOB 03/14/1987; client Maria; maria@example.com"
    assert identifier_kinds(text) == [EMAIL, DATE_OF_BIRTH, PHONE, CLIENT_NAME]


def test_it_does_not_report_an_ssn_again_as_an_id_number():
    assert identifier_kinds("123-45-6789") == [SSN]


@pytest.mark.parametrize(
    "value", ["John Smith", "JOHN SMITH", "Maria de la Cruz", "O'Brien Smith-Jones", "José Núñez"]
)
def test_it_recognises_a_full_name(value):
    assert looks_like_full_name(value)


@pytest.mark.parametrize("value", ["CR-1042", "J.S.", "JS 2291", "JS AB", "John", "cr 1042"])
def test_it_lets_references_and_initials_pass(value):
    assert not looks_like_full_name(value)


def test_it_answers_a_text_checked_before_the_same_way_from_its_cache(monkeypatch):
    text = "Call Jane on 555-201-3344 or jane@example.org"
    first = identifier_kinds(text)
    monkeypatch.setattr(phi, "_identifier_kinds", lambda text: ["checked again"])
    assert identifier_kinds(text) == first


def test_it_keeps_no_text_in_its_cache():
    text = "Client Maria Lopez, born 3 March 1971"
    identifier_kinds(text)
    kept = [*phi._checked.keys(), *phi._checked.values()]
    assert not any(text in str(item) or text.encode() in repr(item).encode() for item in kept)
