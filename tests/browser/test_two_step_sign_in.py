"""A clinician sets up two-step sign-in from their account (the authenticator app's code
computed with pyotp from the key the page shows), then signs in with password and code."""

from __future__ import annotations

import time

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_sets_up_an_authenticator_app_and_signs_in_with_a_code(
    page, live_server, demo_users, check_page
):
    login(page, live_server, "clinician", "demo-pass-123")
    page.get_by_role("link", name="Account").click()
    page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Two-step sign-in"
    ).click()
    expect(page.get_by_text("Off.")).to_be_visible()
    check_page(page, "mfa-index-off")

    # Signed in a moment ago: the password is not asked a second time before the set-up.
    page.get_by_role("link", name="Set up an authenticator app").click()

    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    check_page(page, "mfa-activate")
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()

    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    expect(
        page.get_by_role("list", name="Unused recovery codes").get_by_role("listitem")
    ).to_have_count(10)
    check_page(page, "mfa-recovery-codes")

    page.get_by_role("button", name="Log out").click()
    login(page, live_server, "clinician", "demo-pass-123", totp_secret=None)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    check_page(page, "mfa-sign-in-code")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Incorrect code")).to_be_visible()
    check_page(page, "mfa-sign-in-wrong-code")

    # The app's next code (the one used at set-up can't be used twice).
    page.get_by_label("Code").fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My deliberations")
