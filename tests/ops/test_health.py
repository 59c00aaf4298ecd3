"""/health/ and /ready/: for load balancers, without a sign-in, without clinical data, not in
the audit trail."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from audit.models import AuditEvent
from ops import health

pytestmark = pytest.mark.django_db


def test_it_answers_liveness_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_it_is_ready_with_the_database_and_every_migration(client):
    response = client.get("/ready/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "worker": "no worker seen"},
    }


def test_it_records_nothing_in_the_audit_trail(client, clinician):
    client.force_login(clinician)
    before = AuditEvent.objects.count()
    client.get("/health/")
    client.get("/ready/")
    assert AuditEvent.objects.count() == before


def test_it_says_not_ready_for_a_migration_the_database_lacks(client, monkeypatch):
    known = health._known_migrations() | {("ops", "9999_from_a_newer_release")}
    monkeypatch.setattr(health, "_known_migrations", lambda: known)
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "1 not applied"


def test_it_says_not_ready_when_the_database_is_unreachable(client, monkeypatch):
    def down():
        raise health.DatabaseError("connection refused")

    monkeypatch.setattr(health, "unapplied_migrations", down)
    response = client.get("/ready/")
    assert (response.status_code, response.json()) == (
        503,
        {"status": "not ready", "checks": {"database": "unreachable"}},
    )


@pytest.fixture
def workers_table():
    """The task queue's workers table as procrastinate makes it (only what /ready/ reads)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {health.WORKER_TABLE} "
            "(id bigserial PRIMARY KEY, last_heartbeat timestamptz NOT NULL DEFAULT now())"
        )
    return health.WORKER_TABLE


def _heartbeat(table: str, seconds_ago: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (last_heartbeat) VALUES (now() - make_interval(secs => %s))",
            [seconds_ago],
        )


def test_it_reports_a_recent_worker_heartbeat(client, workers_table):
    _heartbeat(workers_table, 5)
    assert client.get("/ready/").json()["checks"]["worker"] == "ok"


@override_settings(READY_REQUIRES_WORKER=True)
def test_it_needs_a_recent_worker_when_told_to(client, workers_table):
    _heartbeat(workers_table, 600)
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "last heartbeat 600 s ago"


@override_settings(READY_REQUIRES_WORKER=True)
def test_it_is_not_ready_without_any_worker_when_one_is_required(client):
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "no worker seen"


def test_it_answers_with_check_names_only(client, deliberation):
    body = json.dumps(client.get("/ready/").json()) + client.get("/health/").content.decode()
    assert deliberation.title not in body and "CR-" not in body
    assert reverse("health") == "/health/"
