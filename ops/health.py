"""``/health/`` (liveness) and ``/ready/`` (readiness) for load balancers and compose.

Small views of our own rather than django-health-check: the checks are three short queries
we need to word ourselves (the worker's heartbeat comes from the task queue's own table,
which may not exist yet), the answers must carry nothing but check names, and the routes
must be declared for the audit like every other. Neither needs a session or an account, and
neither is recorded in the audit trail (nothing clinical is shown).

- ``/health/``: the process answers; no database (a load balancer must not take every app
  server out when PostgreSQL blips: /ready/ says that).
- ``/ready/``: the database answers, every migration this code knows is applied, and a
  background worker has sent a heartbeat in the last READY_WORKER_MAX_AGE seconds. A missing
  or stale worker makes the answer 503 only when READY_REQUIRES_WORKER is true (the default is
  false: mail and PDFs wait in the queue, nothing is lost, and the web can serve without it);
  otherwise it is reported ("no worker seen") and the answer stays 200.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from audit.declare import not_clinical

# The task queue's workers table (procrastinate), read if it exists.
WORKER_TABLE = "procrastinate_workers"


@cache
def _known_migrations() -> frozenset[tuple[str, str]]:
    """Every migration on disk: fixed for the life of the process (the code's own)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def unapplied_migrations() -> int:
    """How many of this code's migrations the database has not applied."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        applied = set(cursor.fetchall())
    return len(_known_migrations() - applied)


def worker_heartbeat_age() -> float | None:
    """Seconds since the newest worker heartbeat, or None when no worker was ever seen (no
    table yet, or no row). The queue's workers write it; this only reads."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [WORKER_TABLE])
        if not cursor.fetchone()[0]:
            return None
        cursor.execute(
            f"SELECT EXTRACT(EPOCH FROM now() - max(last_heartbeat)) FROM {WORKER_TABLE}"
        )
        age = cursor.fetchone()[0]
    return None if age is None else float(age)


def readiness() -> tuple[bool, dict[str, str]]:
    """Whether this app server should get traffic, and each check's one-line answer."""
    try:
        missing = unapplied_migrations()
        age = worker_heartbeat_age()
    except DatabaseError:
        return False, {"database": "unreachable"}
    checks = {"database": "ok", "migrations": "ok" if not missing else f"{missing} not applied"}
    if age is None:
        checks["worker"] = "no worker seen"
    elif age > settings.READY_WORKER_MAX_AGE:
        checks["worker"] = f"last heartbeat {int(age)} s ago"
    else:
        checks["worker"] = "ok"
    worker_ok = checks["worker"] == "ok" or not settings.READY_REQUIRES_WORKER
    return not missing and worker_ok, checks


@not_clinical("a load balancer's liveness probe: answers 'ok', reads nothing")
@login_not_required
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@not_clinical("a load balancer's readiness probe: names of checks and 'ok' or why not")
@login_not_required
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    ok, checks = readiness()
    return JsonResponse(
        {"status": "ready" if ok else "not ready", "checks": checks}, status=200 if ok else 503
    )
