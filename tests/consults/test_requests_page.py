"""The asker's requests page: who was asked, each answer, closing a request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from consults import services
from tests.consults.conftest import QUESTION

pytestmark = pytest.mark.django_db


def _url(d):
    return reverse("consults:requests", args=[d.pk])


def test_it_lists_the_question_and_who_is_still_to_answer(owner_client, consult):
    body = owner_client.get(_url(consult.deliberation)).content.decode()
    assert QUESTION in body and "Waiting for: Ana Ruiz" in body


def test_it_shows_each_answer_signed(owner_client, consult, colleague):
    services.consult_answer(request=consult, author=colleague, advice="Document it.")
    body = owner_client.get(_url(consult.deliberation)).content.decode()
    assert "Advice from Ana Ruiz, Clinician" in body and "Document it." in body


def test_it_closes_a_request_and_audits_it(owner_client, consult):
    url = reverse("consults:close", args=[consult.deliberation_id, consult.pk])
    assert owner_client.post(url).status_code == 302
    consult.refresh_from_db()
    assert consult.is_closed
    assert AuditEvent.objects.filter(action="close", deliberation_id=consult.deliberation_id)


def test_it_lets_only_the_owner_close(colleague_client, consult):
    url = reverse("consults:close", args=[consult.deliberation_id, consult.pk])
    assert colleague_client.post(url).status_code == 404
    consult.refresh_from_db()
    assert not consult.is_closed


def test_it_runs_a_fixed_number_of_queries(owner_client, consult, colleague, unrelated):
    services.consult_answer(request=consult, author=colleague, advice="One.")
    owner_client.get(_url(consult.deliberation))
    with CaptureQueriesContext(connection) as few:
        owner_client.get(_url(consult.deliberation))
    services.consult_ask(
        deliberation=consult.deliberation,
        asked_by=consult.asked_by,
        question="Again?",
        step_keys=["dilemma"],
        answer_by=consult.answer_by,
        colleagues=[colleague, unrelated],
    )
    with CaptureQueriesContext(connection) as more:
        owner_client.get(_url(consult.deliberation))
    assert len(few) == len(more) <= 9
