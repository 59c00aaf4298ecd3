"""The bench seed builds complete deliberations whose stored step states are the true ones."""

from __future__ import annotations

import pytest

from bench.seed import Plan, deliberations_create, integrated_version, people_create
from bench.seed_records import sign_drafts
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from cases.steps import HANDLERS
from records.services import deliberation_verify

pytestmark = pytest.mark.django_db


def test_seeded_step_states_match_what_the_worksheet_computes(integrated):
    plan = Plan(clinics=1, clinicians=2, supervisors=1, deliberations=6, signed=0, batch=6)
    version = integrated_version()
    people = people_create(plan, framework=version.framework, password="x" * 12)
    deliberations_create(plan, people, version, 0, plan.deliberations)
    seeded = Deliberation.objects.filter(owner__in=people.clinicians)
    assert seeded.count() == 6
    for pk in seeded.values_list("pk", flat=True):
        d = deliberation_get(pk=pk, purpose=Purpose.WORKSHEET)
        definition = d.framework_version.spec
        computed = [HANDLERS[s.kind].state(d, definition, s) for s in definition.steps]
        assert d.states_current
        assert d.step_states == computed


def test_it_seeds_signed_snapshots_that_verify_as_signed_ones(integrated):
    plan = Plan(clinics=1, clinicians=2, supervisors=1, deliberations=4, signed=4, batch=4)
    version = integrated_version()
    people = people_create(plan, framework=version.framework, password="x" * 12)
    drafts, _ = deliberations_create(plan, people, version, 0, plan.deliberations)
    assert sign_drafts(drafts, people) == 4
    for d in Deliberation.objects.filter(owner__in=people.clinicians):
        verification = deliberation_verify(deliberation=d)
        assert verification.intact, verification.problems
