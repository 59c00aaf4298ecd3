"""Each demo account signs in through the form, lands on its home and signs out."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

HOMES = {
    "clinician": "My deliberations",
    "supervisor": "Review queue",
    "admin": "Frameworks",
}


@pytest.mark.parametrize("username", list(HOMES))
def test_it_signs_each_demo_account_in_and_out(page, live_server, demo_users, check_page, username):
    page.goto(live_server.url)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    check_page(page, "login")

    login(page, live_server, username, "demo-pass-123")
    expect(page.get_by_role("heading", level=1)).to_have_text(HOMES[username])
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    check_page(page, f"home-{username}")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_it_explains_a_wrong_password_in_the_browser(page, live_server, demo_users, check_page):
    login(page, live_server, "clinician", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("do not match an account")
    expect(page.get_by_label("Username")).to_have_value("clinician")
    check_page(page, "login-error")


def test_it_asks_to_wait_after_failures_elsewhere_then_signs_in(
    page, live_server, demo_users, check_page, settings
):
    """Guesses from five other addresses slow the account down; they never lock its owner."""
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.db.models import F
    from django.utils import timezone

    for n in range(5):
        AccessAttempt.objects.create(
            username="clinician",
            ip_address=f"203.0.113.{n}",
            user_agent="guesser",
            failures_since_start=1,
            attempt_time=timezone.now(),
            get_data="",
            post_data="",
            http_accept="",
            path_info="/accounts/login/",
        )
    login(page, live_server, "clinician", "demo-pass-123")
    expect(page.get_by_role("alert")).to_contain_text("Wait")
    expect(page.get_by_label("Username")).to_have_value("clinician")
    check_page(page, "login-throttled")

    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(seconds=settings.LOGIN_THROTTLE_SECONDS + 1)
    )
    page.get_by_label("Password").fill("demo-pass-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My deliberations")
