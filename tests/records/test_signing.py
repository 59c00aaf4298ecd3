"""Signing freezes the record; the database refuses changes; verification detects tampering."""

from __future__ import annotations

import pgtrigger
import pytest
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.urls import reverse

from cases.models import Deliberation, Option
from records.models import Addendum, Signature, Snapshot
from tests.records.conftest import MARKER, PASSWORD, sign

pytestmark = pytest.mark.django_db


def test_it_signs_with_the_password_and_locks_the_deliberation(author_client, complete, author):
    response = sign(author_client, complete)
    assert response["Location"] == reverse("records:rationale", args=[complete.pk, "chart-note"])
    d = Deliberation.objects.get(pk=complete.pk)
    signature = Signature.objects.get()
    assert (d.status, d.is_signed) == ("signed", True)
    assert (signature.meaning, signature.signer_name) == ("author", author.display_name)
    assert signature.content_sha256 == Snapshot.objects.get().sha256


def test_it_keeps_both_outputs_and_the_data_in_the_snapshot(author_client, complete):
    sign(author_client, complete)
    snapshot = Snapshot.objects.get()
    assert complete.chosen_option.label in snapshot.chart_note_html
    assert MARKER not in snapshot.chart_note_html + snapshot.chart_note_text
    assert MARKER in snapshot.report_html
    assert snapshot.data["reflection"]["values"].startswith(MARKER)
    assert snapshot.sha256 == snapshot.compute_sha256()


def test_it_refuses_a_wrong_password_and_signs_nothing(author_client, complete):
    response = sign(author_client, complete, password="not-it")
    assert "That is not your password. Nothing was signed." in response.content.decode()
    assert not Snapshot.objects.exists()


def test_it_requires_the_confirmation(author_client, complete):
    response = sign(author_client, complete, confirm="")
    assert response.status_code == 200
    assert not Snapshot.objects.exists()


def test_it_refuses_to_sign_an_incomplete_deliberation(author_client, complete):
    Deliberation.objects.filter(pk=complete.pk).update(rationale="")
    response = sign(author_client, complete)
    assert "can't be signed yet" in response.content.decode()
    assert "Explain the decision in your own words." in response.content.decode()
    assert not Snapshot.objects.exists()


def test_it_lets_only_the_authorsign(client, complete):
    from tests.factories import UserFactory

    client.force_login(UserFactory(clinic=complete.clinic))
    assert sign(client, complete).status_code == 404
    assert not Snapshot.objects.exists()


def test_it_refuses_worksheet_edits_after_signing(author_client, complete):
    sign(author_client, complete)
    url = reverse("cases:step", args=[complete.pk, "decision"])
    response = author_client.post(url, {"rationale": "Rewritten later.", "revision": "99"})
    assert response.status_code == 403
    row = Option.objects.filter(deliberation=complete).first()
    add = reverse("cases:row_add", args=[complete.pk, "options", "options"])
    assert author_client.post(add).status_code == 403
    assert Option.objects.get(pk=row.pk).label == row.label


def test_it_has_the_database_refuse_changes_to_signed_content(author_client, complete):
    sign(author_client, complete)
    with pytest.raises(ProgrammingError), transaction.atomic():
        Deliberation.objects.filter(pk=complete.pk).update(rationale="Quietly rewritten.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Option.objects.filter(deliberation=complete).update(label="Changed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Option.objects.create(deliberation=complete, label="Added after signing")


def _raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE records_snapshot SET chart_note_html = 'forged' WHERE deliberation_id = %s",
        "DELETE FROM records_snapshot WHERE deliberation_id = %s",
        "UPDATE records_signature SET signer_name = 'Someone else' WHERE snapshot_id IN "
        "(SELECT id FROM records_snapshot WHERE deliberation_id = %s)",
        "DELETE FROM records_signature WHERE snapshot_id IN "
        "(SELECT id FROM records_snapshot WHERE deliberation_id = %s)",
    ],
)
def test_it_has_the_database_refuse_raw_sql_on_the_record(author_client, complete, sql):
    sign(author_client, complete)
    with pytest.raises(ProgrammingError, match="pgtrigger: Cannot"):
        _raw(sql, [complete.pk])
    assert Snapshot.objects.get().compute_sha256() == Snapshot.objects.get().sha256


@pytest.mark.parametrize("table", ["records_snapshot", "records_signature", "records_addendum"])
def test_it_has_the_database_refuse_truncate_of_the_record(author_client, complete, table):
    sign(author_client, complete)
    with pytest.raises(ProgrammingError, match="Cannot truncate"):
        # Signing left deferred checks pending in the test's transaction; run them first.
        _raw(f"SET CONSTRAINTS ALL IMMEDIATE; TRUNCATE {table} CASCADE", [])
    assert Signature.objects.exists()


def test_it_says_intact_for_an_untouched_record(author_client, complete):
    sign(author_client, complete)
    content = author_client.get(reverse("records:verify", args=[complete.pk])).content.decode()
    assert "<strong>Intact.</strong>" in content


def test_it_says_altered_when_the_snapshot_was_changed_behind_the_apps_back(
    author_client, complete
):
    sign(author_client, complete)
    with pgtrigger.ignore("records.Snapshot:snapshot_no_update"):
        Snapshot.objects.update(chart_note_html="<p>Forged.</p>")
    content = author_client.get(reverse("records:verify", args=[complete.pk])).content.decode()
    assert "<strong>Altered.</strong>" in content
    assert "does not match its stored hash" in content


def test_it_adds_a_signed_addendum_after_the_original(author_client, complete):
    sign(author_client, complete)
    before = Snapshot.objects.get().chart_note_html
    response = author_client.post(
        reverse("records:addendum", args=[complete.pk]),
        {"reason": "Late information", "text": "The client reported back.", "password": PASSWORD},
    )
    assert response.status_code == 302
    addendum = Addendum.objects.get()
    assert addendum.sha256 == addendum.compute_sha256()
    assert Snapshot.objects.get().chart_note_html == before
    for name in ("records:rationale", "records:text"):
        content = author_client.get(reverse(name, args=[complete.pk, "chart-note"])).content
        assert b"The client reported back." in content
    with pytest.raises(ProgrammingError):
        _raw("UPDATE records_addendum SET text = 'x' WHERE id = %s", [addendum.pk])


def test_it_refuses_an_addendum_with_a_wrong_password(author_client, complete):
    sign(author_client, complete)
    response = author_client.post(
        reverse("records:addendum", args=[complete.pk]),
        {"reason": "Late information", "text": "Kept text.", "password": "nope"},
    )
    assert "Kept text." in response.content.decode()
    assert not Addendum.objects.exists()


def test_it_sends_addenda_to_the_worksheet_before_signing(author_client, complete):
    response = author_client.get(reverse("records:addendum", args=[complete.pk]))
    assert response["Location"] == reverse("cases:detail", args=[complete.pk])
