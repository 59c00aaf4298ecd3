"""Open follow-ups are found through their own index, not by reading every deliberation an
owner ever had: My deliberations' due box costs the same at 20,000 and 200,000
deliberations (docs/scaling.md, "Cost as the record grows")."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from cases.models import Deliberation
from jobs.followups import SHOWN, open_follow_ups

pytestmark = pytest.mark.django_db

ON = date(2026, 11, 30)


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # The test data is tiny, so the planner would rightly scan it; forbid that to see
        # which index the query can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Plan on the table as it is now, not on the statistics the tests this process ran
        # before left behind (other rows, other sizes: another index could look cheaper).
        cursor.execute("ANALYZE cases_deliberation")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_it_reads_an_owners_open_follow_ups_from_their_index(world, make_deliberation):
    make_deliberation(follow_up_date=ON)
    mine = Deliberation.objects.filter(owner=world["clinician"], clinic=world["clinic"])
    due = open_follow_ups(mine, on=ON).order_by("follow_up_date", "pk")[:SHOWN]
    assert "delib_follow_up_open" in _plan(due)


def test_it_reads_the_sweeps_open_follow_ups_from_their_index(world, make_deliberation):
    model = make_deliberation(follow_up_date=ON)
    # A table where most deliberations have no open follow-up, as in a real clinic: on a
    # table of one row any index would do for the sweep, which has no owner to look up.
    Deliberation.objects.bulk_create(
        Deliberation(
            owner=model.owner,
            clinic=model.clinic,
            framework_version=model.framework_version,
            title=f"Closed {n}",
            client_reference="CR-0",
        )
        for n in range(300)
    )
    assert "delib_follow_up_open" in _plan(open_follow_ups(Deliberation.objects.all(), on=ON))
