"""The registry: one handler for every step kind a framework may hold, and readiness to sign."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cases.models import Option
from cases.selectors import Purpose, deliberation_get
from cases.steps import HANDLERS, readiness
from cases.steps.base import ModelFieldsStep
from frameworks.definition import STEP_KINDS
from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_has_a_handler_for_every_kind_the_framework_validation_accepts():
    assert set(HANDLERS) == set(STEP_KINDS)
    assert all(kind == handler.kind for kind, handler in HANDLERS.items())


def test_it_starts_every_step_empty(deliberation):
    for kind in ("dilemma", "stakeholders", "options", "principles", "decision"):
        assert state_and_missing(deliberation, kind)[0] == "empty"


def test_it_lists_everything_missing_before_signing_in_step_order(deliberation):
    d = deliberation_get(pk=deliberation.pk, purpose=Purpose.WORKSHEET)
    items = readiness(d, d.framework_version.spec)
    steps = [step.key for step, _ in items]
    assert steps[0] == "dilemma" and steps[-1] == "decision"
    assert "review_sign" not in steps and "follow_up" not in steps


ROOT = Path(__file__).resolve().parents[3]
APPS = ("accounts", "audit", "bench", "cases", "ethicsdesk", "frameworks", "records", "review")
APPS += ("templates",)
# Kinds of other things: document blocks and documents (records), row kinds, identifiers.
NOT_STEPS = re.compile(r"block\.kind|doc\.kind|self\.kind == \"chart-note\"|row\.kind|kinds_seen")
# A test of a step's kind: `step.kind == …`, `s["kind"] in …`, `{% if step.kind == … %}`.
KIND_TEST = re.compile(r"""(\.kind|\[["']kind["']\])\s*(==|!=|\bin\b|\bnot in\b)""")


def test_it_keeps_every_branch_on_a_step_kind_inside_cases_steps():
    sources = [
        path
        for pattern in ("*.py", "*.html")
        for path in ROOT.glob(f"**/{pattern}")
        if not path.is_relative_to(ROOT / "cases" / "steps")
        and path.relative_to(ROOT).parts[0] in APPS
    ]
    branches = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sources
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if KIND_TEST.search(line) and not NOT_STEPS.search(line)
    ]
    assert branches == []


def test_it_names_a_model_fields_steps_columns_as_its_fields_do(deliberation):
    """ModelFieldsStep.field_names is worked out once per process: a step's columns must not
    depend on the deliberation (with or without options to choose from)."""
    bare = deliberation_get(pk=deliberation.pk, purpose=Purpose.WORKSHEET)
    Option.objects.create(deliberation=deliberation, position=1, label="Tell")
    with_option = deliberation_get(pk=deliberation.pk, purpose=Purpose.WORKSHEET)
    definition = bare.framework_version.spec
    handlers = [h for h in HANDLERS.values() if isinstance(h, ModelFieldsStep)]
    assert len(handlers) >= 4
    for handler in handlers:
        for d in (bare, with_option):
            assert handler.field_names(d, definition) == tuple(handler.fields(d, definition))
