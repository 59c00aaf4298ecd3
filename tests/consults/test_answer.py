"""The colleague's answer: signed (name, role, time), never changed, late when after the
date asked; it becomes a consultation entry on the asker's consultation step."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEvent
from cases.models import Consultation
from consults import services
from consults.models import ConsultAnswer, ConsultRequest
from review.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db
ADVICE = "Talk to the client first. ADVICE-MARKER-3"


def _answer(client, consult, **data):
    url = reverse("consults:answer", args=[consult.deliberation_id, consult.pk])
    return client.post(url, {"advice": ADVICE} | data)


def test_it_signs_the_answer_with_name_role_and_time(colleague_client, consult, colleague):
    response = _answer(colleague_client, consult)
    answer = ConsultAnswer.objects.get()
    assert response.status_code == 302
    assert (answer.author, answer.author_name, answer.author_role) == (
        colleague,
        "Ana Ruiz",
        "Clinician",
    )
    assert answer.signed_at is not None and not answer.late


def test_it_files_the_answer_as_a_consultation_entry(colleague_client, consult):
    _answer(colleague_client, consult, preferred_option="Disclose", why="Safety first.")
    entry = Consultation.objects.get(deliberation=consult.deliberation)
    assert entry.consultant == "Advice from Ana Ruiz, Clinician, received through EthicsDesk"
    assert ADVICE in entry.advice and "Would choose: Disclose. Safety first." in entry.advice
    assert ConsultAnswer.objects.get().consultation == entry


def test_it_tells_the_asker(colleague_client, consult, clinician):
    _answer(colleague_client, consult)
    assert Notification.objects.filter(
        recipient=clinician, kind=NotificationKind.CONSULT_ANSWERED
    ).exists()


def test_it_audits_the_answer(colleague_client, consult, colleague):
    _answer(colleague_client, consult)
    assert AuditEvent.objects.filter(actor=colleague, action="answer").count() == 1


def test_it_marks_a_late_answer(colleague_client, consult):
    ConsultRequest.objects.filter(pk=consult.pk).update(
        answer_by=datetime.date.today() - datetime.timedelta(days=2)
    )
    _answer(colleague_client, consult)
    answer = ConsultAnswer.objects.get()
    assert answer.late
    assert "after the date asked" in answer.consultation.advice


def test_it_keeps_the_typed_text_when_the_advice_is_missing(colleague_client, consult):
    response = _answer(colleague_client, consult, advice="", why="WHY-KEPT-8")
    assert response.status_code == 200
    assert "WHY-KEPT-8" in response.content.decode()
    assert not ConsultAnswer.objects.exists()


def test_it_offers_the_options_only_when_the_options_step_is_shared(colleague_client, consult):
    url = reverse("consults:asked", args=[consult.deliberation_id, consult.pk])
    assert "Keep confidential" in colleague_client.get(url).content.decode()
    ConsultRequest.objects.filter(pk=consult.pk).update(step_keys=["dilemma"])
    assert "Keep confidential" not in colleague_client.get(url).content.decode()


def test_it_refuses_a_second_answer(consult, colleague):
    services.consult_answer(request=consult, author=colleague, advice="One.")
    with pytest.raises(services.ConsultRefused):
        services.consult_answer(request=consult, author=colleague, advice="Two.")


def test_the_database_refuses_to_change_a_signed_answer(consult, colleague):
    answer = services.consult_answer(request=consult, author=colleague, advice="One.")
    with pytest.raises(DatabaseError), transaction.atomic():
        ConsultAnswer.objects.filter(pk=answer.pk).update(advice="Changed.")


def test_the_database_refuses_to_change_the_entry_it_became(consult, colleague):
    answer = services.consult_answer(request=consult, author=colleague, advice="One.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.filter(pk=answer.consultation_id).update(advice="Changed.")


def test_it_refuses_an_answer_once_the_request_is_closed(colleague_client, consult):
    services.consult_close(request=consult)
    assert _answer(colleague_client, consult).status_code == 403
    assert not ConsultAnswer.objects.exists()


def test_it_appends_a_later_note(colleague_client, consult, colleague):
    services.consult_answer(request=consult, author=colleague, advice="One.")
    url = reverse("consults:note", args=[consult.deliberation_id, consult.pk])
    colleague_client.post(url, {"text": "Also: document it."})
    assert [n.text for n in ConsultAnswer.objects.get().notes.all()] == ["Also: document it."]


def test_it_refuses_an_unrelated_colleague(client, consult, unrelated):
    client.force_login(unrelated)
    assert _answer(client, consult).status_code == 404
