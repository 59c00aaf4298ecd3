"""The library search scenario's seed: one clinic's library as large as the bench."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from bench.measure import plan_build
from bench.seed import Plan, deliberations_create, integrated_version, people_create
from bench.seed_library import entries_ensure
from library.models import LibraryEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench(integrated):
    plan = Plan(clinics=1, clinicians=2, supervisors=1, deliberations=12, signed=0, batch=12)
    version = integrated_version()
    people = people_create(plan, framework=version.framework)
    deliberations_create(plan, people, version, 0, plan.deliberations)
    return plan


def test_it_seeds_as_many_entries_as_deliberations(bench):
    assert entries_ensure() == 12
    assert LibraryEntry.objects.filter(status="published").count() == 12


def test_it_seeds_once(bench):
    entries_ensure()
    entries_ensure()
    assert LibraryEntry.objects.count() == 12


def test_the_plan_names_clinicians_who_find_the_entries(bench):
    built = plan_build()
    client = Client()
    client.force_login(User.objects.get(username=built["library"][0]["username"]))
    response = client.get("/library/", {"q": built["library_queries"][-1]})
    assert response.status_code == 200 and response.context["page"].paginator.count > 0
