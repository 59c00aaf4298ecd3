"""The bench seed builds complete deliberations whose stored step states are the true ones."""

from __future__ import annotations

import pytest

from bench.seed import Plan, deliberations_create, integrated_version, people_create
from cases.models import Deliberation
from cases.selectors import deliberation_for_worksheet
from cases.steps import HANDLERS

pytestmark = pytest.mark.django_db


def test_seeded_step_states_match_what_the_worksheet_computes(integrated):
    plan = Plan(clinics=1, clinicians=2, supervisors=1, deliberations=6, signed=0, batch=6)
    version = integrated_version()
    people = people_create(plan, framework=version.framework, password="x" * 12)
    deliberations_create(plan, people, version, 0, plan.deliberations)
    seeded = Deliberation.objects.filter(owner__in=people.clinicians)
    assert seeded.count() == 6
    for pk in seeded.values_list("pk", flat=True):
        d = deliberation_for_worksheet(pk=pk)
        definition = d.framework_version.definition
        computed = [HANDLERS[s["kind"]].state(d, definition, s) for s in definition["steps"]]
        assert d.states_current
        assert d.step_states == computed
