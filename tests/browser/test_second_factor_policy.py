"""The clinic admin requires a second factor of clinicians; a clinician without one signs in,
is sent to set one up (code computed with pyotp from the key the page shows) before any
other page, and then signs a deliberation with a fresh code from the app."""

from __future__ import annotations

import time

import pyotp
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Deliberation
from records.models import Signature
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_sends_a_clinician_to_set_up_a_second_factor_once_the_clinic_requires_it(
    page, live_server, demo_users, check_page
):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)
    login(page, live_server, "admin", "demo-pass-123")
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Clinic settings").click()
    expect(page.get_by_role("heading", name="Clinic settings")).to_be_visible()
    page.get_by_label("Required").check()
    check_page(page, "clinic-settings")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("a second factor is now required for clinicians")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    login(page, live_server, "clinician", "demo-pass-123")
    # Straight to the set-up: the password just typed is not asked for a second time.
    expect(page.get_by_text("Your clinic requires a second factor")).to_be_visible()
    check_page(page, "second-factor-required")

    page.goto(f"{live_server.url}/deliberations/")  # any other page: back to the set-up
    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()

    page.get_by_role("link", name="My deliberations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My deliberations")

    d = Deliberation.objects.filter(owner__username="clinician").order_by("pk").first()
    page.goto(f"{live_server.url}/deliberations/{d.pk}/sign/")
    expect(page.get_by_label("Your password")).to_have_count(0)
    page.get_by_label("I have reviewed this rationale", exact=False).check()
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_text("That code is not right. Nothing was signed.")).to_be_visible()
    page.get_by_label("I have reviewed this rationale", exact=False).check()
    # A code the app shows next (the one used at set-up can't be used twice).
    page.get_by_label("Code from your authenticator app").fill(
        pyotp.TOTP(secret).at(time.time() + 30)
    )
    check_page(page, "second-factor-sign")
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.locator(".document__signatures")).to_contain_text(
        "identity confirmed by authenticator app code"
    )
    check_page(page, "second-factor-signed")
    assert Signature.objects.get(snapshot__deliberation=d).verified_by == "totp"
