"""The Django side of a bench run: the plan locust works from, and the PDF timed directly."""

from __future__ import annotations

import statistics
import time

from django.db.models import Count, prefetch_related_objects

from accounts.models import Role, User
from accounts.second_factor import DEMO_TOTP_SECRET, demo_code, demo_second_factor_ensure
from audit.models import AuditEvent
from bench import seed_library as library_seed
from bench.seed import PASSWORD
from bench.summary import PDF_TARGET_SECONDS
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from records import render
from records.models import Snapshot
from review.models import Comment

BENCH = {"clinic__slug__startswith": "bench-clinic-"}
PER_ACCOUNT = 60  # deliberations each locust user picks from


def _cases(owner: User) -> dict:
    mine = Deliberation.objects.filter(owner=owner).order_by("pk")
    open_ = list(mine.filter(signed_at__isnull=True).values_list("pk", flat=True)[:PER_ACCOUNT])
    autosave = list(
        mine.filter(signed_at__isnull=True).values(
            "pk", "title", "client_reference", "facts", "assumptions", "question", "kinds",
            "urgency",
        )[:10]
    )  # fmt: skip
    return {
        "username": owner.username,
        "open": open_,
        "all": list(mine.values_list("pk", flat=True)[:PER_ACCOUNT]),
        "autosave": autosave,
    }


def _with_second_factor(people) -> list[User]:
    """Supervisors and admins must have a second factor (the clinic's policy): the bench
    accounts get the demo authenticator key, and the load generator types its codes."""
    people = list(people)
    for person in people:
        if demo_code(user=person) is None:
            demo_second_factor_ensure(user=person)
    return people


def plan_build() -> dict:
    """Accounts and deliberations for every locust user, and the steps of the worksheet."""
    clinicians = User.objects.filter(role=Role.CLINICIAN, username__startswith="bench-")
    if not Deliberation.objects.filter(**BENCH).exists():
        raise SystemExit("No bench data: run `manage.py bench_seed` first (make bench does).")
    first = Deliberation.objects.filter(**BENCH).select_related("framework_version").first()
    admins = []
    bench_admins = User.objects.filter(role=Role.CLINIC_ADMIN, username__startswith="bench-")
    for admin in _with_second_factor(bench_admins):
        ids = Deliberation.objects.filter(clinic=admin.clinic_id).values_list("pk", flat=True)
        admins.append({"username": admin.username, "deliberations": list(ids[::50])})
    plan = {
        "password": PASSWORD,
        "steps": [step.key for step in first.framework_version.spec.steps],
        "clinicians": [_cases(u) for u in clinicians.order_by("username")],
        "totp_secret": DEMO_TOTP_SECRET,
        "supervisors": [
            {"username": u.username}
            for u in _with_second_factor(
                User.objects.filter(role=Role.SUPERVISOR, username__startswith="bench-").order_by(
                    "username"
                )
            )
        ],
        "admins": admins,
    }
    # The library search scenario: 20,000 entries in one clinic, searched by its clinicians.
    library_seed.entries_ensure()
    plan["library"] = library_seed.library_accounts(plan["clinicians"])
    plan["library_queries"] = library_seed.QUERIES
    return plan


def data_counts() -> dict:
    return {
        "deliberations": Deliberation.objects.filter(**BENCH).count(),
        "signed": Deliberation.objects.filter(signed_at__isnull=False, **BENCH).count(),
        "snapshots": Snapshot.objects.count(),
        "comments": Comment.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


def pdf_timing(repeat: int = 5) -> dict:
    """The PDF of the fullest unsigned deliberation (rendered live, as the view does)."""
    fullest = (
        Deliberation.objects.filter(signed_at__isnull=True, **BENCH)
        .annotate(size=Count("options", distinct=True) * Count("stakeholders", distinct=True))
        .order_by("-size", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    d = deliberation_get(pk=fullest, purpose=Purpose.WORKSHEET)
    prefetch_related_objects([d], "snapshots__signatures", "addenda")
    result: dict = {
        "deliberation": d.pk,
        "options": len(d.options.all()),
        "stakeholders": len(d.stakeholders.all()),
    }
    for kind in ("report", "chart-note"):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            html, _, _ = render.output(d, kind)
            content = render.pdf(html, kind)
            times.append(time.perf_counter() - started)
        result[kind] = {
            "first_s": round(times[0], 3),
            "median_s": round(statistics.median(times), 3),
            "kb": len(content) // 1024,
        }
    result["target_s"] = PDF_TARGET_SECONDS
    result["met"] = result["report"]["median_s"] < PDF_TARGET_SECONDS
    return result
