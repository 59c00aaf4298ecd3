"""Signing, co-signing and addenda confirmed with a passkey: "Confirm with your passkey" runs
allauth's WebAuthn re-authentication (answered here by a software key), comes back to the
form with what was typed, and the session then holds a one-time confirmation for that action
only, for five minutes; the record says "identity confirmed with a passkey"."""

from __future__ import annotations

import json
import time
from io import BytesIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse
from pypdf import PdfReader

from accounts import round_trip
from accounts.models import User
from accounts.second_factor import demo_second_factor_ensure
from audit.models import Action, AuditEvent
from records.models import Addendum, Signature, Snapshot
from records.services import deliberation_sign
from review import services as review
from tests.accounts.software_key import HOST, SoftwareKey

pytestmark = pytest.mark.django_db

ADDENDUM = {"reason": "Late information", "text": "The partner was told on Friday, by phone."}


def _give_key(person) -> SoftwareKey:
    key = SoftwareKey()
    Authenticator.objects.create(
        user=person,
        type=Authenticator.Type.WEBAUTHN,
        data={
            "name": "Laptop",
            "credential": key.register({"publicKey": {"challenge": b"0" * 16}}),
        },
    )
    return key


def _client(person) -> Client:
    client = Client(HTTP_HOST=HOST)  # WebAuthn needs a secure context: http://localhost
    client.force_login(person)
    return client


def _confirm(client: Client, key: SoftwareKey, url: str, data: dict) -> str:
    """Press "Confirm with your passkey" on the form at ``url`` holding ``data``, use the key
    on allauth's page and follow the way back; returns where it ended."""
    out = client.post(url, {**data, "confirm_by": "webauthn"})
    assert out["Location"].startswith(reverse("mfa_reauthenticate_webauthn"))
    page = client.get(out["Location"])
    answer = key.sign(page.context["js_data"]["request_options"])
    back = client.post(out["Location"], {"credential": json.dumps(answer)})
    assert back["Location"] == reverse("confirm_return")
    return client.get(back["Location"])["Location"]


def _sign_url(d) -> str:
    return reverse("records:sign", args=[d.pk])


def _addendum_url(d) -> str:
    return reverse("records:addendum", args=[d.pk])


@pytest.fixture
def key(author):
    return _give_key(author)


@pytest.fixture
def keyed(author, key):
    return _client(author)


@pytest.fixture
def signed(complete, author):
    deliberation_sign(deliberation=complete, user=author)
    return complete


def test_it_offers_the_passkey_and_no_password_to_someone_with_only_a_key(keyed, complete):
    content = keyed.get(_sign_url(complete)).content.decode()
    assert 'name="confirm_by" value="webauthn"' in content
    assert "Confirm with your passkey" in content
    assert 'name="password"' not in content


def test_it_offers_the_passkey_beside_the_code_to_someone_with_an_app_too(keyed, complete, author):
    demo_second_factor_ensure(user=author)
    content = keyed.get(_sign_url(complete)).content.decode()
    assert ('name="code"' in content, "Or confirm with your passkey" in content) == (True, True)


def test_it_signs_with_a_passkey_and_records_it(keyed, key, complete):
    back = _confirm(keyed, key, _sign_url(complete), {"confirm": "on"})
    assert back == _sign_url(complete)
    assert "Confirmed with your passkey" in keyed.get(back).content.decode()
    response = keyed.post(_sign_url(complete), {"confirm": "on"})
    assert response["Location"] == reverse("records:rationale", args=[complete.pk, "chart-note"])
    assert Signature.objects.get().verified_by == "webauthn"


def test_it_audits_the_confirmation(keyed, key, complete, author):
    _confirm(keyed, key, _sign_url(complete), {"confirm": "on"})
    event = AuditEvent.objects.get(action=Action.REAUTH)
    assert (event.actor, event.detail) == (author, "confirm_return type=webauthn round trip")


def test_it_keeps_the_tick_through_the_round_trip(keyed, key, complete):
    back = _confirm(keyed, key, _sign_url(complete), {"confirm": "on"})
    assert keyed.get(back).context["form"]["confirm"].value() is True


def test_it_keeps_the_addendum_text_through_the_round_trip(keyed, key, signed):
    back = _confirm(keyed, key, _addendum_url(signed), ADDENDUM)
    form = keyed.get(back).context["form"]
    assert (form["reason"].value(), form["text"].value()) == (ADDENDUM["reason"], ADDENDUM["text"])


def test_it_adds_an_addendum_confirmed_with_a_passkey(keyed, key, signed):
    _confirm(keyed, key, _addendum_url(signed), ADDENDUM)
    keyed.post(_addendum_url(signed), ADDENDUM)
    assert Addendum.objects.get().verified_by == "webauthn"


def test_it_co_signs_with_a_passkey(signed, author):
    review.deliberation_submit(deliberation=signed, user=author, message="Please co-sign.")
    supervisor = User.objects.get(username="supervisor")
    supervisor_key = _give_key(supervisor)
    client = _client(supervisor)
    url = reverse("review:actions", args=[signed.pk])
    assert _confirm(client, supervisor_key, url, {"action": "cosign"}) == url
    client.post(url, {"action": "cosign"})
    assert Signature.objects.get(meaning="reviewed_cosigned").verified_by == "webauthn"


def test_it_uses_a_confirmation_once(keyed, key, signed):
    _confirm(keyed, key, _addendum_url(signed), ADDENDUM)
    keyed.post(_addendum_url(signed), ADDENDUM)
    again = keyed.post(_addendum_url(signed), {**ADDENDUM, "text": "A second one."})
    assert Addendum.objects.count() == 1
    assert again.context["form"]["text"].value() == "A second one."


def test_it_lets_only_one_of_two_posts_at_once_use_the_confirmation(keyed, key, signed, author):
    _confirm(keyed, key, _addendum_url(signed), ADDENDUM)
    purpose = f"addendum:{signed.pk}"
    first, second = RequestFactory().post("/"), RequestFactory().post("/")
    for request in (first, second):
        request.user = author
        request.session = SessionStore(keyed.session.session_key)
        assert purpose in request.session[round_trip.CONFIRMED]  # both read it before either
    assert (round_trip.consume(first, purpose), round_trip.consume(second, purpose)) == (
        "webauthn",
        None,
    )


def test_it_refuses_a_confirmation_older_than_five_minutes(keyed, key, signed):
    _confirm(keyed, key, _addendum_url(signed), ADDENDUM)
    session = keyed.session
    held = session[round_trip.CONFIRMED]
    held[f"addendum:{signed.pk}"]["at"] = time.time() - round_trip.SECONDS - 1
    session[round_trip.CONFIRMED] = held
    session.save()
    response = keyed.post(_addendum_url(signed), ADDENDUM)
    assert not Addendum.objects.exists()
    assert response.context["form"]["text"].value() == ADDENDUM["text"]


def test_it_refuses_another_persons_confirmation(keyed, key, signed, author):
    _confirm(keyed, key, _addendum_url(signed), ADDENDUM)
    session = keyed.session
    held = session[round_trip.CONFIRMED]
    held[f"addendum:{signed.pk}"]["user"] = User.objects.exclude(pk=author.pk).first().pk
    session[round_trip.CONFIRMED] = held
    session.save()
    keyed.post(_addendum_url(signed), ADDENDUM)
    assert not Addendum.objects.exists()


def test_it_refuses_a_confirmation_given_for_another_action(keyed, key, complete, author):
    _confirm(keyed, key, _sign_url(complete), {"confirm": "on"})  # for signing, not used
    deliberation_sign(deliberation=complete, user=author)
    keyed.post(_addendum_url(complete), ADDENDUM)
    assert not Addendum.objects.exists()


def test_it_confirms_nothing_when_the_key_was_not_used(keyed, complete):
    keyed.post(_sign_url(complete), {"confirm": "on", "confirm_by": "webauthn"})
    keyed.get(reverse("confirm_return"))  # straight back, no key
    keyed.post(_sign_url(complete), {"confirm": "on"})
    assert not Snapshot.objects.exists()
    assert AuditEvent.objects.filter(action=Action.REAUTH_FAILED).exists()


def test_it_counts_a_refused_key_towards_the_lock(keyed, complete):
    out = keyed.post(_sign_url(complete), {"confirm": "on", "confirm_by": "webauthn"})
    page = keyed.get(out["Location"])
    answer = SoftwareKey().sign(page.context["js_data"]["request_options"])
    response = keyed.post(out["Location"], {"credential": json.dumps(answer)})
    assert response["Location"] == out["Location"]  # back to the key page, the way back kept
    failed = AuditEvent.objects.get(action=Action.REAUTH_FAILED)
    assert failed.detail.endswith("type=webauthn refused")


def test_it_refuses_the_round_trip_while_confirmation_is_locked(keyed, complete, author, settings):
    for _ in range(settings.REAUTH_FAILURE_LIMIT):
        keyed.post(_sign_url(complete), {"confirm": "on", "password": "wrong", "code": "000000"})
    response = keyed.post(_sign_url(complete), {"confirm": "on", "confirm_by": "webauthn"})
    assert response.status_code == 200
    assert "confirmation is locked" in response.content.decode()


def test_it_says_confirmed_with_a_passkey_in_every_output(keyed, key, complete):
    _confirm(keyed, key, _sign_url(complete), {"confirm": "on"})
    keyed.post(_sign_url(complete), {"confirm": "on"})
    words = "identity confirmed with a passkey or security key"
    page = keyed.get(reverse("records:rationale", args=[complete.pk, "chart-note"]))
    text = keyed.get(reverse("records:text", args=[complete.pk, "chart-note"]), {"download": 1})
    pdf = keyed.get(reverse("records:pdf", args=[complete.pk, "chart-note"]))
    pdf_text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert words in page.content.decode()
    assert words in text.content.decode()
    assert words in " ".join(pdf_text.split())


def test_it_keeps_signing_with_the_password_for_someone_without_a_second_factor(
    author_client, complete
):
    content = author_client.get(_sign_url(complete)).content.decode()
    assert ('name="password"' in content, "confirm_by" in content) == (True, False)


def test_it_says_to_confirm_with_the_key_when_signing_without_it(keyed, complete):
    response = keyed.post(_sign_url(complete), {"confirm": "on"})
    assert "Confirm with your passkey first, or type a recovery code" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_it_signs_with_a_recovery_code_when_the_key_is_not_at_hand(keyed, complete, author):
    codes = RecoveryCodes.activate(author).get_unused_codes()
    keyed.post(_sign_url(complete), {"confirm": "on", "code": codes[0]})
    assert Signature.objects.get().verified_by == "recovery_code"
