"""A colleague's later notes on their answer (asked through EthicsDesk) are in the record's
outputs with their time while the deliberation is open; the signed record keeps what it was
signed with, and a note is refused once it is signed."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.selectors import Purpose, deliberation_get
from consults import services
from consults.models import AnswerNote
from records.models import Snapshot
from records.rationale.text import record_time
from records.services import deliberation_sign
from tests.factories import UserFactory
from tests.records.conftest import password_confirmed

pytestmark = pytest.mark.django_db
NOTE = "On reflection, tell the supervisor first. LATER-NOTE-31"
AFTER = "Written after signing. AFTER-NOTE-77"


@pytest.fixture
def answer(complete, author):
    colleague = UserFactory(clinic=author.clinic, first_name="Ana", last_name="Ruiz")
    consult = services.consult_ask(
        deliberation=complete,
        asked_by=author,
        question="Would you disclose?",
        step_keys=["dilemma"],
        answer_by=timezone.localdate() + datetime.timedelta(days=7),
        colleagues=[colleague],
    )
    answer = services.consult_answer(request=consult, author=colleague, advice="Disclose.")
    services.answer_note_add(answer=answer, author=colleague, text=NOTE)
    return answer


def _loaded(d):
    return deliberation_get(pk=d.pk, purpose=Purpose.WORKSHEET)


def _signed(d, author):
    deliberation_sign(deliberation=_loaded(d), user=author)


def _get(client, name, d, kind) -> str:
    return client.get(reverse(name, args=[d.pk, kind])).content.decode()


def test_it_puts_the_later_note_in_the_chart_note_text(author_client, complete, answer):
    text = _get(author_client, "records:text", complete, "chart-note")
    assert "Disclose. (Later note, " in text and f": {NOTE})" in text


def test_it_puts_the_later_note_in_the_chart_note_page(author_client, complete, answer):
    assert NOTE in _get(author_client, "records:rationale", complete, "chart-note")


def test_it_puts_the_later_note_in_the_full_report(author_client, complete, answer):
    assert NOTE in _get(password_confirmed(author_client), "records:rationale", complete, "report")


def test_it_dates_the_later_note(author_client, complete, author, answer):
    with timezone.override(zoneinfo.ZoneInfo(author.clinic.time_zone)):
        when = record_time(AnswerNote.objects.get().created_at)  # in the clinic's zone
    text = _get(author_client, "records:text", complete, "chart-note")
    assert f"(Later note, {when}: {NOTE})" in text


def test_it_signs_the_record_with_the_notes_it_has(complete, author, answer):
    _signed(complete, author)
    snapshot = Snapshot.objects.get()
    assert NOTE in snapshot.chart_note_text and NOTE in snapshot.report_html
    [entry] = [c for c in snapshot.data["consultations"] if c["later_notes"]]
    assert entry["later_notes"][0]["text"] == NOTE


def test_it_refuses_a_note_once_the_deliberation_is_signed(complete, author, answer):
    _signed(complete, author)
    with pytest.raises(services.ConsultRefused):
        services.answer_note_add(answer=answer, author=answer.author, text=AFTER)
    assert not AnswerNote.objects.filter(text=AFTER).exists()


def test_a_note_stored_after_signing_leaves_the_signed_record_as_it_was(
    author_client, complete, author, answer
):
    _signed(complete, author)
    AnswerNote.objects.create(answer=answer, text=AFTER)  # however it came to be there
    assert AFTER not in _get(author_client, "records:text", complete, "chart-note")
    assert Snapshot.objects.get().sha256 == Snapshot.objects.get().compute_sha256()
    page = author_client.get(reverse("cases:step", args=[complete.pk, "consultation"]))
    assert AFTER in page.content.decode()  # the live page shows the colleague's words
