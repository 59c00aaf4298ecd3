"""Asking colleagues from a deliberation: the form, what is stored, who is told, refusals."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from consults import services
from consults.models import ConsultGroup, ConsultRequest
from review.models import Notification, NotificationKind
from tests.consults.conftest import QUESTION, later
from tests.factories import UserFactory
from tests.jobs_runner import queued, run_jobs

pytestmark = pytest.mark.django_db


def _post(client, d, **overrides):
    data = {
        "colleagues": [],
        "question": QUESTION,
        "steps": ["dilemma"],
        "answer_by": later().isoformat(),
    } | overrides
    return client.post(reverse("consults:ask", args=[d.pk]), data)


def test_it_offers_every_step_but_the_private_one_and_the_closing_ones(owner_client, deliberation):
    response = owner_client.get(reverse("consults:ask", args=[deliberation.pk]) + "?step=options")
    keys = [key for key, _ in response.context["form"].fields["steps"].choices]
    assert "values_bias" not in keys and "review_sign" not in keys
    assert keys[:2] == ["dilemma", "codes_law"]
    assert response.context["form"].initial["steps"] == ["options"]


def test_it_asks_the_colleague_and_tells_them_by_notification_and_queued_email(
    owner_client, deliberation, colleague
):
    response = _post(owner_client, deliberation, colleagues=[colleague.pk])
    consult = ConsultRequest.objects.get()
    assert response.status_code == 302
    assert [r.colleague for r in consult.recipients.all()] == [colleague]
    note = Notification.objects.get(recipient=colleague, kind=NotificationKind.CONSULT_ASKED)
    assert QUESTION not in note.text
    assert [(name, args["notification_id"]) for name, args in queued()] == [
        ("notification_email", note.pk)
    ]


def test_it_emails_the_title_and_link_only(owner_client, deliberation, colleague):
    _post(owner_client, deliberation, colleagues=[colleague.pk])
    run_jobs("notification_email")
    [message] = mail.outbox
    assert message.to == ["ana@clinic.example"]
    assert QUESTION not in message.body and "/asked-of-me/" in message.body


def test_it_audits_the_request(owner_client, deliberation, colleague):
    _post(owner_client, deliberation, colleagues=[colleague.pk])
    event = AuditEvent.objects.get(action="ask")
    assert event.deliberation_id == deliberation.pk


def test_it_refuses_the_private_step_and_keeps_what_was_typed(
    owner_client, deliberation, colleague
):
    response = _post(
        owner_client, deliberation, colleagues=[colleague.pk], steps=["dilemma", "values_bias"]
    )
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    assert QUESTION in response.content.decode()


def test_it_refuses_the_private_step_in_the_service(deliberation, clinician, colleague):
    with pytest.raises(services.ConsultRefused):
        services.consult_ask(
            deliberation=deliberation,
            asked_by=clinician,
            question="?",
            step_keys=["values_bias"],
            answer_by=later(),
            colleagues=[colleague],
        )


def test_it_refuses_a_clinician_of_another_clinic(deliberation, clinician, outsider):
    with pytest.raises(services.ConsultRefused):
        services.consult_ask(
            deliberation=deliberation,
            asked_by=clinician,
            question="?",
            step_keys=["dilemma"],
            answer_by=later(),
            colleagues=[outsider],
        )


def test_it_says_why_when_nobody_is_chosen(owner_client, deliberation):
    response = _post(owner_client, deliberation)
    assert "Choose at least one colleague" in response.content.decode()
    assert QUESTION in response.content.decode()


def test_it_asks_each_member_of_a_group_but_the_asker(deliberation, clinician, colleague):
    other = UserFactory(clinic=clinician.clinic)
    group = ConsultGroup.objects.create(clinic=clinician.clinic, name="Ethics committee")
    group.members.set([clinician, colleague, other])
    consult = services.consult_ask(
        deliberation=deliberation,
        asked_by=clinician,
        question="?",
        step_keys=["dilemma"],
        answer_by=later(),
        group=group,
    )
    assert {r.colleague for r in consult.recipients.all()} == {colleague, other}
    assert consult.group_name == "Ethics committee"


def test_it_refuses_someone_else_than_the_owner(client, deliberation, colleague):
    client.force_login(colleague)
    assert client.get(reverse("consults:ask", args=[deliberation.pk])).status_code == 404


def test_it_refuses_a_signed_deliberation(owner_client, deliberation):
    type(deliberation).objects.filter(pk=deliberation.pk).update(signed_at="2026-01-01T10:00Z")
    assert owner_client.get(reverse("consults:ask", args=[deliberation.pk])).status_code == 403
