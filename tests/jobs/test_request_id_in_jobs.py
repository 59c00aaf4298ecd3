"""A job carries the id of the request that deferred it, so its log lines can be joined with
the request's (README "Running several app servers": logs and request ids)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs.queue import carries_request_id
from ops.request_id import current_request_id
from tests.jobs_runner import queued

pytestmark = pytest.mark.django_db


def test_it_stores_the_requests_id_with_the_job_it_defers(client, world, make_deliberation):
    d = make_deliberation()
    client.force_login(world["clinician"])
    response = client.post(
        reverse("review:submit", args=[d.pk]),
        {"message": ""},
        HTTP_X_REQUEST_ID="req-4f2a9c1e",
    )
    assert response.status_code == 302
    assert [(name, args.get("request_id")) for name, args in queued()] == [
        ("notification_email", "req-4f2a9c1e")
    ]


def test_it_runs_the_job_inside_the_id_it_was_given():
    @carries_request_id
    def job(*, value: int) -> tuple[int, str | None]:
        return value, current_request_id()

    assert job(value=1, request_id="req-4f2a9c1e") == (1, "req-4f2a9c1e")
    assert job(value=2) == (2, None)
    assert current_request_id() is None
