"""Signing and addenda share the re-confirmation limit; a refusal keeps what was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from records.models import Addendum, Snapshot
from records.services import deliberation_sign
from tests.records.conftest import PASSWORD, sign

pytestmark = pytest.mark.django_db


def test_it_locks_signing_after_five_wrong_passwords(author_client, complete):
    for _ in range(5):
        sign(author_client, complete, "not-it")
    response = sign(author_client, complete, PASSWORD)
    assert "Too many wrong passwords" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_it_does_not_record_a_refused_signature_as_signed(author_client, complete, author):
    sign(author_client, complete, "not-it")
    assert AuditEvent.objects.filter(action="reauth_failed", actor=author).exists()
    assert not AuditEvent.objects.filter(action="sign").exists()


def test_it_keeps_the_addendum_text_when_locked(author_client, complete, author):
    deliberation_sign(deliberation=complete, user=author)
    url = reverse("records:addendum", args=[complete.pk])
    typed = {"reason": "Late information", "text": "The client rang back on Tuesday."}
    for _ in range(5):
        author_client.post(url, {**typed, "password": "not-it"})
    content = author_client.post(url, {**typed, "password": PASSWORD}).content.decode()
    assert "Too many wrong passwords" in content
    assert "The client rang back on Tuesday." in content
    assert not Addendum.objects.exists()
