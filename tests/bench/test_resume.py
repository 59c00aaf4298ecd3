"""An interrupted bench seeding carries on: complete batches are kept, the rows of one cut
short are removed, and the people are found again in the order they were made."""

from __future__ import annotations

import pytest
from django.db import connection

from bench.resume import batches_done, batches_remove_unfinished, people_load
from bench.seed import Plan, deliberations_create, integrated_version, people_create
from bench.seed_records import review_records_create, sign_drafts
from cases.models import Deliberation, Option

pytestmark = pytest.mark.django_db

# Two batches of two; deliberations 0 and 3 are the signed ones (bench.seed.status_for).
PLAN = Plan(clinics=1, clinicians=2, supervisors=1, deliberations=4, signed=2, batch=2)


@pytest.fixture
def half_seeded(integrated):
    """The first batch seeded to the end; the second stopped before its review records."""
    version = integrated_version()
    people = people_create(PLAN, framework=version.framework, password="x" * 12)
    drafts, _ = deliberations_create(PLAN, people, version, 0, 2)
    review_records_create(drafts, people, PLAN)
    sign_drafts(drafts, people)
    deliberations_create(PLAN, people, version, 2, 4)
    return people


def test_it_finds_the_complete_batches(half_seeded):
    assert batches_done(PLAN) == {0}


def test_it_removes_the_rows_of_an_unfinished_batch(half_seeded):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # as bench_seed does
        assert batches_remove_unfinished(PLAN, {0}) == 2
    refs = set(Deliberation.objects.values_list("client_reference", flat=True))
    assert refs == {"BN-00001", "BN-00002"}
    assert not Option.objects.exclude(deliberation__in=Deliberation.objects.all()).exists()


def test_it_finds_the_people_in_the_order_they_were_made(half_seeded):
    people = people_load(PLAN)
    assert [u.pk for u in people.clinicians] == [u.pk for u in half_seeded.clinicians]
    assert people.supervisor_of == half_seeded.supervisor_of
