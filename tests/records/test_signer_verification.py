"""Signing and addenda re-verify the signer: a fresh second-factor code for people who have
one (an authenticator app's code or a recovery code), the password otherwise; the signature
records how, without changing how earlier records verify."""

from __future__ import annotations

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse
from django.utils import timezone

from accounts.second_factor import demo_second_factor_ensure
from audit.models import Action, AuditEvent
from records.models import Addendum, Signature, Snapshot, sha256_of
from records.services import deliberation_verify
from tests.factories import fresh_code
from tests.records.conftest import sign

pytestmark = pytest.mark.django_db


def _sign_with_code(client, d, code: str, confirm="on"):
    return client.post(reverse("records:sign", args=[d.pk]), {"code": code, "confirm": confirm})


@pytest.fixture
def with_app(author):
    demo_second_factor_ensure(user=author)
    return author


def test_it_records_the_password_for_someone_without_a_second_factor(author_client, complete):
    sign(author_client, complete)
    assert Signature.objects.get().verified_by == "password"


def test_it_asks_for_a_code_not_the_password_of_someone_with_one(author_client, complete, with_app):
    content = author_client.get(reverse("records:sign", args=[complete.pk])).content.decode()
    assert ('name="code"' in content, 'name="password"' in content) == (True, False)


def test_it_signs_with_a_fresh_code_and_records_it(author_client, complete, with_app):
    _sign_with_code(author_client, complete, fresh_code(with_app.username))
    assert Signature.objects.get().verified_by == "totp"


def test_it_refuses_the_password_alone_of_someone_with_a_second_factor(
    author_client, complete, with_app
):
    sign(author_client, complete)
    assert not Snapshot.objects.exists()


def test_it_refuses_a_wrong_code_signs_nothing_and_audits_it(author_client, complete, with_app):
    response = _sign_with_code(author_client, complete, "000000")
    assert "That code is not right. Nothing was signed." in response.content.decode()
    assert not Snapshot.objects.exists()
    assert AuditEvent.objects.filter(action=Action.REAUTH_FAILED).exists()


def test_it_refuses_a_code_already_used(author_client, complete, with_app):
    code = fresh_code(with_app.username)
    _sign_with_code(author_client, complete, code)
    response = author_client.post(
        reverse("records:addendum", args=[complete.pk]),
        {"reason": "Late information", "text": "The partner was told.", "code": code},
    )
    assert "That code is not right" in response.content.decode()
    assert not Addendum.objects.exists()


def test_it_accepts_a_recovery_code_and_records_it(author_client, complete, with_app):
    codes = RecoveryCodes.activate(with_app).get_unused_codes()
    _sign_with_code(author_client, complete, codes[0])
    assert Signature.objects.get().verified_by == "recovery_code"


def test_it_shows_how_the_signer_was_verified_on_the_record(author_client, complete, with_app):
    response = _sign_with_code(author_client, complete, fresh_code(with_app.username))
    content = author_client.get(response["Location"]).content.decode()
    assert "identity confirmed by authenticator app code" in content


def test_it_signs_an_addendum_with_a_code_and_it_verifies(author_client, complete, with_app):
    _sign_with_code(author_client, complete, fresh_code(with_app.username))
    author_client.post(
        reverse("records:addendum", args=[complete.pk]),
        {
            "reason": "Late information",
            "text": "The partner was told.",
            "code": fresh_code(with_app.username),
        },
    )
    assert Addendum.objects.get().verified_by == "totp"
    assert deliberation_verify(deliberation=complete).intact


def test_it_keeps_the_hash_of_an_addendum_signed_before_it_was_recorded(complete):
    addendum = Addendum(
        deliberation=complete,
        snapshot=Snapshot(sha256="a" * 64),
        author_name="Dana Reyes",
        author_role="LPC",
        reason="Late information",
        text="The partner was told.",
        signed_at=timezone.now(),
    )
    before = {
        "deliberation": complete.pk,
        "snapshot_sha256": "a" * 64,
        "author": "Dana Reyes",
        "role": "LPC",
        "reason": "Late information",
        "text": "The partner was told.",
        "signed_at": addendum.signed_at.isoformat(),
    }
    assert addendum.compute_sha256() == sha256_of(before)
