from __future__ import annotations

import multiprocessing
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from accounts.models import Clinic, User
from bench import resume
from bench.seed import (
    CLINIC_SLUG,
    PASSWORD,
    People,
    Plan,
    deliberations_create,
    integrated_version,
    people_create,
)
from bench.seed_records import review_records_create, sign_drafts

# Emptied by --reset, with the triggers that keep signed records off for it.
RESET_TABLES = [
    "audit_auditevent",
    "review_notification",
    "review_share",
    "review_comment",
    "review_submission",
    "records_signature",
    "records_addendum",
    "records_snapshot",
    "cases_customanswer",
    "cases_consultation",
    "cases_virtuereflection",
    "cases_consequence",
    "cases_principlemark",
    "cases_option",
    "cases_stakeholder",
    "cases_provisionnote",
    "cases_privatereflection",
    "cases_deliberation",
    "accounts_supervisionlink",
    "django_session",
    "axes_accessattempt",
    "axes_accessattemptexpiration",
    "axes_accessfailurelog",
    "axes_accesslog",
]


_WORK: tuple = ()  # (plan, people, version), inherited by the worker processes


def _loading() -> None:
    """This connection loads a bench data set as pg_restore loads a dump: without row
    triggers or foreign-key checks (``session_replication_role = replica``; the data is
    built consistent, signed last, and tests/bench/test_seed.py checks it with them on)
    and without waiting for each commit's WAL flush. Half the seeding time went on them.
    Only on a database named for the bench: anywhere else the triggers stay on."""
    if "bench" not in settings.DATABASES["default"]["NAME"]:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET synchronous_commit = off")


def _batch(start: int) -> dict[str, int]:
    plan, people, version = _WORK
    _loading()
    stop = min(start + plan.batch, plan.deliberations)
    drafts, rows = deliberations_create(plan, people, version, start, stop)
    counts = review_records_create(drafts, people, plan)
    counts["signed"] = sign_drafts(drafts, people)
    counts["deliberation rows"] = rows
    counts["deliberations"] = stop - start
    return counts


class Command(BaseCommand):
    help = (
        "Seed the benchmark's data set (3 clinics, 60 clinicians, 12 supervisors, 20,000 "
        "complete deliberations, 2,000 signed) with bulk inserts. Does nothing when the set "
        "is already there; --reset empties a bench database first."
    )

    def add_arguments(self, parser) -> None:
        plan = Plan()
        parser.add_argument("--deliberations", type=int, default=plan.deliberations)
        parser.add_argument(
            "--signed",
            type=int,
            default=None,
            help="How many are signed (default: a tenth, as in the 20,000 set's 2,000).",
        )
        parser.add_argument(
            "--jobs", type=int, default=2, help="Processes inserting batches side by side."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the clinical, review and audit tables first (only a database whose "
            "name contains 'bench').",
        )

    def handle(self, *args, **options) -> None:
        plan = Plan.at_scale(options["deliberations"], signed=options["signed"])
        if plan.signed > plan.deliberations:
            raise CommandError("--signed cannot exceed --deliberations.")
        if options["reset"]:
            self._reset()
        started = time.monotonic()
        version = integrated_version()
        starts = range(0, plan.deliberations, plan.batch)
        if Clinic.objects.filter(slug=CLINIC_SLUG.format(1)).exists():
            done = resume.batches_done(plan)
            if len(done) == len(starts):
                self.stdout.write(
                    f"Bench data already seeded ({plan.deliberations} deliberations)."
                )
                return
            # An interrupted seeding (of this scale) carries on where it stopped.
            _loading()
            removed = resume.batches_remove_unfinished(plan, done)
            self.stdout.write(
                f"Carrying on: {len(done) * plan.batch} deliberations were seeded, "
                f"{removed} of an unfinished batch removed."
            )
            people = resume.people_load(plan)
            starts = [start for start in starts if start not in done]
        else:
            people = people_create(plan, framework=version.framework)
        totals = {"users": len(people.clinicians) + len(people.supervisors) + len(people.admins)}
        for counts in self._batches(plan, people, version, options["jobs"], starts):
            for name, value in counts.items():
                totals[name] = totals.get(name, 0) + value
            done = totals["deliberations"]
            if done % 2000 < plan.batch or done == len(starts) * plan.batch:
                self.stdout.write(f"  {done:>6} deliberations  {time.monotonic() - started:6.1f} s")
                self.stdout.flush()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started
        for name, value in totals.items():
            self.stdout.write(f"  {name:<18} {value:>9,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Bench data seeded in {elapsed:.0f} s. Sign in as bench-c000 … bench-c"
                f"{len(people.clinicians) - 1:03}, bench-s000 …, bench-a000 …; "
                f"password {PASSWORD}."
            )
        )

    def _batches(self, plan: Plan, people: People, version, jobs: int, starts):
        """Each batch of deliberations in its own transaction, on ``jobs`` processes."""
        global _WORK
        _WORK = (plan, people, version)
        if jobs <= 1:
            yield from map(_batch, starts)
            return
        # Forked workers open their own connections; none may be inherited.
        connections.close_all()
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap_unordered(_batch, starts)

    def _reset(self) -> None:
        name = settings.DATABASES["default"]["NAME"]
        if "bench" not in name:
            raise CommandError(f"--reset empties tables; refused on database {name!r}.")
        _loading()  # the records' tables refuse TRUNCATE while their triggers are on
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(RESET_TABLES)} RESTART IDENTITY CASCADE")
            cursor.execute("SET session_replication_role = DEFAULT")
        User.objects.filter(username__startswith="bench-").delete()
        Clinic.objects.filter(slug__startswith="bench-clinic-").delete()
        self.stdout.write("Emptied the bench database.")
