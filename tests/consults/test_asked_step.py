"""The colleague asked reads exactly the shared steps, read-only, while the request is open
and the deliberation unsigned; every read is audited."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from cases.models import Deliberation
from consults import services
from consults.models import ConsultRequest

pytestmark = pytest.mark.django_db
BUDGET = 7


def _url(consult, key):
    return reverse("consults:asked_step", args=[consult.deliberation_id, consult.pk, key])


def test_it_shows_a_shared_step_read_only(colleague_client, consult, deliberation):
    Deliberation.objects.filter(pk=deliberation.pk).update(question="Should I QUESTION-TEXT-4?")
    response = colleague_client.get(_url(consult, "dilemma"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "QUESTION-TEXT-4" in body
    assert "disabled" in body and "hx-post" not in body


def test_it_shows_the_options_rows_read_only(colleague_client, consult):
    body = colleague_client.get(_url(consult, "options")).content.decode()
    [field] = re.findall(r'<input[^>]*value="Keep confidential"[^>]*>', body)
    assert " disabled" in field


def test_it_audits_the_read_with_the_step(colleague_client, consult, colleague):
    colleague_client.get(_url(consult, "dilemma"))
    event = AuditEvent.objects.get(actor=colleague, action="view")
    assert event.deliberation_id == consult.deliberation_id
    assert f"ask={consult.pk}" in event.detail and "key=dilemma" in event.detail


def test_it_refuses_a_step_not_shared(colleague_client, consult):
    assert colleague_client.get(_url(consult, "codes_law")).status_code == 403


def test_it_never_shows_the_private_step_even_if_stored_as_shared(colleague_client, consult):
    ConsultRequest.objects.filter(pk=consult.pk).update(step_keys=["dilemma", "values_bias"])
    assert colleague_client.get(_url(consult, "values_bias")).status_code == 403


def test_it_gives_no_role_on_the_worksheet_itself(colleague_client, consult):
    url = reverse("cases:step", args=[consult.deliberation_id, "dilemma"])
    assert colleague_client.get(url).status_code == 404


def test_it_ends_access_when_the_request_is_closed(colleague_client, consult):
    services.consult_close(request=consult)
    response = colleague_client.get(_url(consult, "dilemma"))
    assert response.status_code == 403
    assert "no longer open" in response.content.decode()


def test_it_ends_access_when_the_deliberation_is_signed(colleague_client, consult):
    Deliberation.objects.filter(pk=consult.deliberation_id).update(signed_at="2026-01-01T10:00Z")
    assert colleague_client.get(_url(consult, "dilemma")).status_code == 403


def test_it_hides_the_request_from_an_unrelated_colleague(client, consult, unrelated):
    client.force_login(unrelated)
    assert client.get(_url(consult, "dilemma")).status_code == 404


def test_it_hides_the_request_from_another_clinic(client, consult, outsider):
    client.force_login(outsider)
    assert client.get(_url(consult, "dilemma")).status_code == 404


def test_it_refuses_the_owner_on_the_colleague_pages(owner_client, consult):
    assert owner_client.get(_url(consult, "dilemma")).status_code == 403


def test_it_reads_a_step_in_a_fixed_small_number_of_queries(colleague_client, consult):
    colleague_client.get(_url(consult, "options"))  # warm the session
    with CaptureQueriesContext(connection) as queries:
        colleague_client.get(_url(consult, "options"))
    assert len(queries) <= BUDGET
