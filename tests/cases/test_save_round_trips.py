"""A save that writes only the deliberation's own columns needs no savepoint of its own inside
the request's transaction; a save that writes other rows keeps one (a lost race undoes them)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Deliberation

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _savepoints(client, d, key: str, data: dict) -> int:
    """Savepoints the save itself takes: between reading the deliberation and the audit
    event (the test's own transaction turns the request's transaction into one too)."""
    url = reverse("cases:step", args=[d.pk, key])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"revision": "1", "tab": "t", **data}, **HTMX)
    assert response.status_code == 200 and "X-Revision" in response
    sql = [q["sql"] for q in queries.captured_queries]
    first = next(i for i, s in enumerate(sql) if s.startswith('SELECT "cases_deliberation"'))
    audit = next(i for i, s in enumerate(sql) if s.startswith('INSERT INTO "audit_auditevent"'))
    return sum(s.startswith("SAVEPOINT") for s in sql[first:audit])


def test_it_saves_the_dilemma_without_a_savepoint(owner_client, deliberation):
    assert _savepoints(owner_client, deliberation, "dilemma", {"question": "Tell?"}) == 0
    assert Deliberation.objects.get(pk=deliberation.pk).question == "Tell?"


def test_it_keeps_the_savepoint_when_the_save_writes_another_row(owner_client, deliberation):
    assert _savepoints(owner_client, deliberation, "values_bias", {"values": "Honesty"}) == 1
