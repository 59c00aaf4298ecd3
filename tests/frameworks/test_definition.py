from __future__ import annotations

import pytest

from frameworks.definition import DefinitionError, validate
from tests.factories import minimal_definition


def _problems(definition) -> list[str]:
    with pytest.raises(DefinitionError) as exc:
        validate(definition)
    return exc.value.problems


def test_it_accepts_a_complete_definition():
    definition = minimal_definition()
    assert validate(definition) is definition


def test_it_names_an_unknown_step_kind():
    definition = minimal_definition()
    definition["steps"][1]["kind"] = "astrology"
    assert "step 'options': unknown step kind 'astrology'" in _problems(definition)


def test_it_names_duplicate_keys():
    definition = minimal_definition()
    definition["principles"].append(dict(definition["principles"][0]))
    assert "principles #3: duplicate key 'autonomy'" in _problems(definition)


def test_it_names_missing_required_fields():
    definition = minimal_definition()
    del definition["provisions"][0]["citation"]
    assert "provision 'confidentiality': 'citation' is missing" in _problems(definition)


def test_it_requires_the_steps_a_signed_rationale_needs():
    definition = minimal_definition()
    definition["steps"] = [s for s in definition["steps"] if s["kind"] != "decision"]
    assert "definition: needs a 'decision' step (Decision)" in _problems(definition)


def test_it_refuses_a_step_that_points_to_an_unknown_provision():
    definition = minimal_definition()
    definition["steps"][0]["provisions"] = ["nowhere"]
    assert "step 'dilemma': refers to an unknown provision 'nowhere'" in _problems(definition)


def test_it_refuses_the_same_step_kind_twice():
    definition = minimal_definition()
    definition["steps"].append({**definition["steps"][1], "key": "options-2"})
    assert any("a second 'options' step" in p for p in _problems(definition))


def test_it_refuses_overlong_text():
    definition = minimal_definition()
    definition["steps"][0]["title"] = "x" * 121
    assert "step 'dilemma': 'title' is longer than 120 characters" in _problems(definition)
