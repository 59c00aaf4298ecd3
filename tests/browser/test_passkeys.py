"""A clinician adds a passkey from their account (Chromium's virtual authenticator, through
the DevTools protocol), signs out, signs in with the password and then the passkey, and signs
a deliberation confirmed with the passkey (a round trip to allauth's key page and back)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Deliberation
from records.models import Signature
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def virtual_authenticator(page):
    """A platform authenticator (like a laptop's fingerprint reader) that always verifies."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


@pytest.fixture
def site(live_server) -> str:
    # WebAuthn needs a secure context and a domain for the key: http://localhost is both,
    # the live server's 127.0.0.1 is neither.
    return live_server.url.replace("127.0.0.1", "localhost")


def test_it_adds_a_passkey_signs_in_and_signs_a_deliberation_with_it(
    page, site, demo_users, check_page, virtual_authenticator
):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)
    cdp, authenticator_id = virtual_authenticator
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, type("Site", (), {"url": site}), "clinician", "demo-pass-123")
    page.get_by_role("link", name="Account").click()
    page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Two-step sign-in"
    ).click()
    expect(page.get_by_text("None.")).to_be_visible()
    check_page(page, "passkey-index-none")

    page.get_by_role("link", name="Add a passkey or security key").click()
    expect(page.get_by_role("heading", name="Add a passkey or security key")).to_be_visible()
    page.get_by_label("Name for this key").fill("Laptop fingerprint")
    check_page(page, "passkey-add")
    page.get_by_role("button", name="Add this key").click()

    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    assert (
        len(
            cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})[
                "credentials"
            ]
        )
        == 1
    )
    page.get_by_role("link", name="Back to two-step sign-in").click()
    expect(page.get_by_text("your key “Laptop fingerprint”")).to_be_visible()
    page.get_by_role("link", name="See, rename or remove your keys").click()
    expect(page.get_by_role("cell", name="Laptop fingerprint", exact=True)).to_be_visible()
    check_page(page, "passkey-list")

    page.get_by_role("button", name="Log out").click()
    login(page, type("Site", (), {"url": site}), "clinician", "demo-pass-123")
    expect(page.get_by_role("heading", name="Use your key")).to_be_visible()
    check_page(page, "passkey-sign-in")

    # The key is not at hand (taken out of the authenticator): the page says so, in words.
    credential = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})[
        "credentials"
    ][0]
    cdp.send("WebAuthn.clearCredentials", {"authenticatorId": authenticator_id})
    page.get_by_role("button", name="Use my key").click()
    expect(page.get_by_role("alert")).to_contain_text("The key was not used")
    check_page(page, "passkey-sign-in-not-used")

    cdp.send(
        "WebAuthn.addCredential", {"authenticatorId": authenticator_id, "credential": credential}
    )
    page.get_by_role("button", name="Use my key").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My deliberations")
    check_page(page, "passkey-signed-in")

    # Signing: the key confirms it is them (no password field), the tick survives the trip.
    d = Deliberation.objects.filter(owner__username="clinician").order_by("pk").first()
    page.goto(f"{site}/deliberations/{d.pk}/sign/")
    expect(page.get_by_label("Your password")).to_have_count(0)
    page.get_by_label("I have reviewed this rationale", exact=False).check()
    check_page(page, "passkey-sign")
    page.get_by_role("button", name="Confirm with your passkey").click()
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    expect(page.get_by_role("link", name="Type your password instead")).to_have_count(0)
    check_page(page, "passkey-sign-confirm")
    page.get_by_role("button", name="Use a key").click()
    expect(page.get_by_text("Confirmed with your passkey.").first).to_be_visible()
    expect(page.get_by_label("I have reviewed this rationale", exact=False)).to_be_checked()
    check_page(page, "passkey-sign-confirmed")
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.locator(".document__signatures")).to_contain_text(
        "identity confirmed with a passkey or security key"
    )
    check_page(page, "passkey-signed")
    assert Signature.objects.get(snapshot__deliberation=d).verified_by == "webauthn"


def test_it_renames_and_removes_a_passkey(
    page, site, demo_users, check_page, virtual_authenticator
):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, type("Site", (), {"url": site}), "clinician", "demo-pass-123")
    page.goto(f"{site}/accounts/2fa/keys/add/")
    page.get_by_label("Name for this key").fill("Laptop fingerprint")
    page.get_by_role("button", name="Add this key").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()

    page.goto(f"{site}/accounts/2fa/keys/")
    page.get_by_role("link", name="Rename Laptop fingerprint").click()
    expect(page.get_by_role("heading", name="Rename “Laptop fingerprint”")).to_be_visible()
    check_page(page, "passkey-rename")
    page.get_by_label("Name for this key").fill("Office laptop")
    page.get_by_role("button", name="Save the name").click()
    expect(page.get_by_role("cell", name="Office laptop", exact=True)).to_be_visible()

    page.get_by_role("link", name="Remove Office laptop").click()
    expect(page.get_by_role("heading", name="Remove “Office laptop”?")).to_be_visible()
    check_page(page, "passkey-remove")
    page.get_by_role("button", name="Remove the key").click()
    expect(page.get_by_text("You have no passkeys or security keys.")).to_be_visible()
    expect(page.get_by_text("The key was removed.")).to_be_visible()
    check_page(page, "passkey-list-empty")
