"""A person who forgot their password asks for a link, opens it from the e-mail, chooses a
new password and signs in with it; a browser still signed in with the old one is signed out."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

NEW = "a-fresh-passphrase-77"


def test_it_resets_the_password_from_the_e_mailed_link(
    page, browser, live_server, demo_users, check_page
):
    clinician = demo_users["clinician"]
    clinician.email = "dana.reyes@clinic.example"
    clinician.save()
    elsewhere = browser.new_context().new_page()
    login(elsewhere, live_server, "clinician", "demo-pass-123")
    expect(elsewhere.get_by_role("heading", level=1)).to_have_text("My deliberations")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    check_page(page, "password-reset")
    page.get_by_label("Your e-mail address").fill("Dana.Reyes@clinic.example")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    check_page(page, "password-reset-sent")

    (message,) = mail.outbox
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", message.body)[0]
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    assert "set-password" in page.url  # the key left the address bar (no Referer leak)
    check_page(page, "password-reset-new")
    page.locator("#id_password1").fill(NEW)
    page.get_by_label("The new password again").fill(NEW)
    page.get_by_role("button", name="Set the new password").click()
    expect(page.get_by_role("heading", name="Your password is changed")).to_be_visible()
    check_page(page, "password-reset-done")

    elsewhere.reload()
    expect(elsewhere.get_by_role("heading", name="Sign in")).to_be_visible()

    page.goto(link)
    expect(page.get_by_role("heading", name="This link no longer works")).to_be_visible()
    check_page(page, "password-reset-used-link")

    login(page, live_server, "clinician", NEW)
    expect(page.get_by_role("heading", level=1)).to_have_text("My deliberations")
