"""The clinic admin requires a second factor of clinicians; a clinician without one signs in,
is sent to set one up (code computed with pyotp from the key the page shows) before any
other page, and then works as before."""

from __future__ import annotations

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_sends_a_clinician_to_set_up_a_second_factor_once_the_clinic_requires_it(
    page, live_server, demo_users, check_page
):
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
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    page.get_by_label("Your password").fill("demo-pass-123")
    page.get_by_role("button", name="Confirm").click()
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
