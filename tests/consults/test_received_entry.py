"""Advice received through EthicsDesk on the asker's consultation step: a consultation entry
in the colleague's words, read-only (manual entries stay editable), in the chart note."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Consultation
from cases.selectors import Purpose, deliberation_get
from cases.steps import step_missing
from consults import services
from records.rationale.chart import chart_note
from records.render import document_text

pytestmark = pytest.mark.django_db
ADVICE = "Involve the client in the decision. RECEIVED-ADVICE-5"


@pytest.fixture
def answered(consult, colleague):
    return services.consult_answer(request=consult, author=colleague, advice=ADVICE)


def _step(client, d):
    return client.get(reverse("cases:step", args=[d.pk, "consultation"]))


def test_it_shows_the_advice_read_only_on_the_consultation_step(owner_client, answered):
    body = _step(owner_client, answered.request.deliberation).content.decode()
    assert "Received through EthicsDesk" in body and ADVICE in body
    assert f'id="row-form-consultations-{answered.consultation_id}"' not in body


def test_it_keeps_manual_entries_editable(owner_client, answered):
    manual = Consultation.objects.create(
        deliberation=answered.request.deliberation, position=9, consultant="Supervisor"
    )
    body = _step(owner_client, answered.request.deliberation).content.decode()
    assert f'id="row-form-consultations-{manual.pk}"' in body


def test_it_refuses_to_save_over_the_received_entry(owner_client, answered):
    d = answered.request.deliberation
    url = reverse(
        "cases:row_save", args=[d.pk, "consultation", "consultations", answered.consultation_id]
    )
    prefix = f"consultations-{answered.consultation_id}"
    response = owner_client.post(url, {f"{prefix}-advice": "Forged.", "revision": d.revision})
    assert response.status_code == 403
    assert Consultation.objects.get(pk=answered.consultation_id).advice == ADVICE


def test_it_refuses_to_remove_the_received_entry(owner_client, answered):
    d = answered.request.deliberation
    url = reverse(
        "cases:row_remove", args=[d.pk, "consultation", "consultations", answered.consultation_id]
    )
    assert owner_client.post(url, {}).status_code == 403
    assert Consultation.objects.filter(pk=answered.consultation_id).exists()


def test_it_puts_the_advice_in_the_chart_note(answered):
    d = deliberation_get(pk=answered.request.deliberation_id, purpose=Purpose.WORKSHEET)
    text = document_text(chart_note(d))
    assert "Advice from Ana Ruiz, Clinician, received through EthicsDesk" in text
    assert ADVICE in text


def test_it_counts_as_a_consultation_for_signing(answered):
    d = deliberation_get(pk=answered.request.deliberation_id, purpose=Purpose.WORKSHEET)
    step = d.framework_version.spec.step("consultation")
    assert step_missing(d, d.framework_version.spec, step) == []


def test_it_shows_the_later_notes_under_the_entry_with_their_time(owner_client, answered):
    services.answer_note_add(answer=answered, author=answered.author, text="LATER-NOTE-8")
    body = _step(owner_client, answered.request.deliberation).content.decode()
    entry = body[body.index(f'id="row-consultations-{answered.consultation_id}"') :]
    entry = entry[: entry.index("</li>")]
    assert "Later note, " in entry and "LATER-NOTE-8" in entry


def test_it_puts_the_later_notes_in_the_chart_note(answered):
    services.answer_note_add(answer=answered, author=answered.author, text="LATER-NOTE-9")
    d = deliberation_get(pk=answered.request.deliberation_id, purpose=Purpose.WORKSHEET)
    assert "(Later note, " in document_text(chart_note(d))
    assert "LATER-NOTE-9)" in document_text(chart_note(d))
