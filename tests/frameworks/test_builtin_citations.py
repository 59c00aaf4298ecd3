"""The code citations of the built-in frameworks, as corrected by issue 16 and checked
against public copies of the codes (frameworks/builtin/SOURCES.md says where and when)."""

from __future__ import annotations

import re
from pathlib import Path

from frameworks.services import BUILTIN_DIR, builtin_definitions
from frameworks.typed import Definition


def _spec(slug: str) -> Definition:
    spec = next(s for s in builtin_definitions() if s["slug"] == slug)
    return Definition.from_json(spec["definition"])


def test_it_drops_nasw_3_01_from_seeking_supervision_and_consultation():
    spec = _spec("integrated")
    for key in ("supervision-consultation", "urgent-consultation"):
        citation = spec.provision(key).citation
        assert "3.01" not in citation, key
        assert "NASW 2.05" in citation, key


def test_it_says_only_the_aca_code_lets_you_follow_the_law():
    text = _spec("integrated").provision("ethics-and-law").text
    assert "the codes allow you to follow the law" not in text
    assert "The ACA code alone says" in text
    assert "client's best interest" in text
    assert "human rights" in text  # APA 1.02 as amended in 2010
    assert "seek consultation before you decide" in text  # NASW, Purpose of the Code


def test_it_adds_fees_billing_and_the_accuracy_of_records_to_every_codes_step():
    for spec in builtin_definitions():
        definition = Definition.from_json(spec["definition"])
        assert definition.provision("fees-billing").citation == (
            "ACA A.10; APA 6.04, 6.06; NASW 1.13, 3.05, 4.04"
        )
        assert definition.provision("records-accuracy").citation == (
            "ACA A.1.b; APA 6.01; NASW 3.04(a)"
        )
        for step in definition.steps:
            if step.kind == "codes_law":
                assert {"fees-billing", "records-accuracy"} <= set(step.provisions)


def test_it_names_each_codes_edition_in_every_provision_that_cites_it():
    definition = _spec("integrated")
    assert [c.label for c in definition.codes] == [
        "ACA 2014",
        "APA 2002 as amended 2010 and 2016",
        "NASW 2021",
    ]
    for provision in definition.provisions:
        assert provision.editions, provision.key
    assert definition.provision("duty-to-protect").edition_text == (
        "ACA 2014; APA 2002 as amended 2010 and 2016; NASW 2021"
    )


def test_it_orders_the_principles_framework_as_the_practitioners_guide():
    definition = _spec("principles")
    assert [s.kind for s in definition.steps] == [
        "dilemma",  # 1 identify the problem
        "codes_law",  # 2 apply the code
        "consultation",  # 3 nature and dimensions: principles, literature, consult
        "options",  # 4 generate courses of action
        "principles",  # 5 consider each option ...
        "consequences",  # ... and its consequences, and choose
        "decision",  # 6 evaluate the selected course of action
        "review_sign",
        "follow_up",  # 7 implement (following up is advice within it)
    ]
    third = definition.steps[2]
    assert third.title == "Determine the nature and dimensions of the dilemma"
    assert "literature" in third.guidance and "consult" in third.guidance
    assert definition.steps[-1].title.startswith("Implement")


def test_it_attributes_five_principles_to_kitchener_and_six_to_the_aca_2014_preamble():
    for slug in ("integrated", "principles"):
        step = next(s for s in _spec(slug).steps if s.kind == "principles")
        assert "whose principles the ACA code builds on" not in step.guidance
        assert "Preamble of the ACA Code of Ethics (2014)" in step.guidance
        assert "Kitchener (1984)" in step.guidance


def _citation_numbers(citation: str) -> list[tuple[str, str]]:
    """("ACA", "B.2.a"), ("APA", "4.05(b)") ... for each number a citation names."""
    numbers = []
    for part in citation.split(";"):
        words = part.strip().split(" ", 1)
        if words[0] in {"ACA", "APA", "NASW"} and len(words) == 2:
            numbers += [(words[0], n.strip()) for n in words[1].split(",")]
    return numbers


def test_it_records_where_and_when_each_cited_number_was_checked():
    sources = (Path(BUILTIN_DIR) / "SOURCES.md").read_text()
    rows = {
        (m["code"], m["number"]): m["status"]
        for m in re.finditer(
            r"^\| (?P<code>ACA|APA|NASW) \| (?P<number>[^|]+?) \| [^|]+ \| (?P<status>[^|]+?) \|",
            sources,
            re.MULTILINE,
        )
    }
    for provision in _spec("integrated").provisions:
        for number in _citation_numbers(provision.citation):
            assert number in rows, f"{provision.key}: {number} has no line in SOURCES.md"
            assert "2026-11-30" in rows[number] or "issue 16" in rows[number], number
