"""A definition may name the codes it cites and the edition of each; every provision then
carries the editions its citation names."""

from __future__ import annotations

import pytest

from frameworks.definition import DefinitionError, validate
from frameworks.typed import Definition
from tests.factories import minimal_definition

ACA = {"abbr": "ACA", "name": "ACA Code of Ethics", "edition": "2014", "checked": "2026-11-30"}
APA = {"abbr": "APA", "name": "APA Ethics Code", "edition": "2002 as amended 2010 and 2016"}


def test_it_reads_each_provisions_editions_from_its_citation():
    definition = minimal_definition()
    definition["codes"] = [ACA, APA]
    definition["provisions"][0]["citation"] = "APA 4.05; ACA B.2.a; Tarasoff (1976); state law"
    spec = Definition.from_json(validate(definition))
    provision = spec.provisions[0]
    assert provision.editions == ("APA 2002 as amended 2010 and 2016", "ACA 2014")
    assert spec.editions_cited([provision.key]) == ["ACA 2014", "APA 2002 as amended 2010 and 2016"]


def test_it_shows_no_editions_for_a_version_without_codes():
    spec = Definition.from_json(validate(minimal_definition()))
    assert all(p.editions == () for p in spec.provisions)
    assert spec.editions_cited([p.key for p in spec.provisions]) == []


def test_it_names_each_problem_of_the_codes():
    definition = minimal_definition()
    definition["codes"] = [ACA, {**ACA}, {"abbr": "aca law", "name": "x", "edition": "1"}, APA]
    del definition["codes"][3]["edition"]
    with pytest.raises(DefinitionError) as exc:
        validate(definition)
    assert exc.value.problems == [
        "code #2: a second code 'ACA'",
        "code #3: 'abbr' must be how citations name the code, e.g. ACA",
        "code 'APA': 'edition' is missing",
    ]
