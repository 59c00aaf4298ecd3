"""Carrying on an interrupted bench seeding: which batches are complete, removing the rows
of the ones that are not, and the people the complete ones were built for.

A batch is complete once its last statement ran: the one that marks its signed
deliberations signed (``bench.seed_records.sign_drafts``). Every batch has signed ones (a
tenth, spread over every batch by ``bench.seed.status_for``), so a batch whose deliberations
are all there and whose signed ones are all signed is complete; any other was cut short and
its rows are removed before it is seeded again.
"""

from __future__ import annotations

from django.db import connection

from accounts.models import Clinic, Role, SupervisionLink, User
from bench.seed import CLINIC_SLUG, People, Plan, status_for
from cases.models import Status

# Child tables first; run with the triggers and foreign-key checks off (bench_seed._loading).
_REMOVE = [
    "DELETE FROM audit_auditevent WHERE deliberation_id = ANY(%(ids)s)",
    "DELETE FROM review_notification WHERE deliberation_id = ANY(%(ids)s)",
    "DELETE FROM review_comment WHERE deliberation_id = ANY(%(ids)s)",
    "DELETE FROM review_submission WHERE deliberation_id = ANY(%(ids)s)",
    "DELETE FROM records_signature WHERE snapshot_id IN "
    "(SELECT id FROM records_snapshot WHERE deliberation_id = ANY(%(ids)s))",
    "DELETE FROM records_snapshot WHERE deliberation_id = ANY(%(ids)s)",
    *(
        f"DELETE FROM {table} WHERE option_id IN "  # noqa: S608 - fixed table names
        "(SELECT id FROM cases_option WHERE deliberation_id = ANY(%(ids)s))"
        for table in ("cases_consequence", "cases_principlemark", "cases_virtuereflection")
    ),
    *(
        f"DELETE FROM {table} WHERE deliberation_id = ANY(%(ids)s)"  # noqa: S608
        for table in (
            "cases_option",
            "cases_stakeholder",
            "cases_privatereflection",
            "cases_provisionnote",
            "cases_consultation",
        )
    ),
    "DELETE FROM cases_deliberation WHERE id = ANY(%(ids)s)",
]


def batches_done(plan: Plan) -> set[int]:
    """The starts of the batches that are complete."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT (substr(client_reference, 4)::int - 1) / %s, count(*),
                   count(*) FILTER (WHERE signed_at IS NOT NULL)
              FROM cases_deliberation WHERE client_reference LIKE 'BN-%%' GROUP BY 1
            """,
            [plan.batch],
        )
        found = {number * plan.batch: (n, signed) for number, n, signed in cursor.fetchall()}
    done = set()
    for start, (n, signed) in found.items():
        stop = min(start + plan.batch, plan.deliberations)
        expected = sum(status_for(i, plan) == Status.SIGNED for i in range(start, stop))
        if n == stop - start and signed == expected:
            done.add(start)
    return done


def batches_remove_unfinished(plan: Plan, done: set[int]) -> int:
    """Remove every row of the deliberations outside the complete batches; returns how many
    deliberations were removed."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, (substr(client_reference, 4)::int - 1) / %s * %s FROM cases_deliberation "
            "WHERE client_reference LIKE 'BN-%%'",
            [plan.batch, plan.batch],
        )
        ids = [pk for pk, start in cursor.fetchall() if start not in done]
        if ids:
            for statement in _REMOVE:
                cursor.execute(statement, {"ids": ids})
    return len(ids)


def people_load(plan: Plan) -> People:
    """The bench people as ``bench.seed.people_create`` made them, in the same order."""
    clinics = list(
        Clinic.objects.filter(
            slug__in=[CLINIC_SLUG.format(n) for n in range(1, plan.clinics + 1)]
        ).order_by("pk")
    )
    bench = User.objects.filter(username__startswith="bench-").order_by("pk")
    people = People(
        clinics,
        list(bench.filter(role=Role.CLINICIAN)),
        list(bench.filter(role=Role.SUPERVISOR)),
        list(bench.filter(role=Role.CLINIC_ADMIN)),
    )
    supervisors = {u.pk: u for u in people.supervisors}
    for link in SupervisionLink.objects.filter(clinician__in=people.clinicians):
        people.supervisor_of[link.clinician_id] = supervisors[link.supervisor_id]
    return people
