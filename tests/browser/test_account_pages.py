"""A person opens their account from the user menu: the password, and where they are
signed in, with "sign out everywhere else" ending the other browser's session."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_shows_where_the_person_is_signed_in_and_signs_out_elsewhere(
    page, browser, live_server, demo_users, check_page
):
    other = browser.new_context(user_agent="Other browser on the ward PC").new_page()
    login(other, live_server, "clinician", "demo-pass-123")
    login(page, live_server, "clinician", "demo-pass-123")

    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    check_page(page, "account-password")

    page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Where you are signed in"
    ).click()
    expect(page.get_by_role("cell", name="Other browser on the ward PC")).to_be_visible()
    expect(page.get_by_text("This browser")).to_be_visible()
    check_page(page, "account-sessions")

    page.get_by_role("button", name="Sign out everywhere else").click()
    expect(page.get_by_text("Other browser on the ward PC")).to_have_count(0)
    other.reload()
    expect(other.get_by_role("heading", name="Sign in")).to_be_visible()
