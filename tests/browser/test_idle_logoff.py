"""Automatic logoff happens while a page is open: the badge poll (a background request)
neither extends the session nor restarts the page's idle timer. Runs with an idle time of
a few seconds and a badge poll every second."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
IDLE = 6  # seconds; the warning shows half-way (a minute before, in real use)
QUESTION = "The dilemma: “Should I … or …?”"


@pytest.fixture
def short_idle(settings):
    settings.SESSION_COOKIE_AGE = IDLE
    settings.BADGE_POLL_SECONDS = 1


def test_it_signs_out_an_open_page_although_it_polls_in_the_background(
    page, live_server, demo_users, short_idle, check_page
):
    polls: list[float] = []
    page.on(
        "request",
        lambda request: polls.append(time.monotonic()) if "/badges/" in request.url else None,
    )
    login(page, live_server, "clinician", "demo-pass-123")
    expect(page.get_by_role("heading", level=1)).to_have_text("My deliberations")
    opened = time.monotonic()

    banner = page.locator("#idle-warning")
    expect(banner).to_be_visible(timeout=IDLE * 1000)
    assert len([t for t in polls if t > opened]) >= 2  # polls ran, yet the warning came
    expect(banner).to_contain_text("You will be signed out in about a minute")
    check_page(page, "idle-01-warning")

    # At the idle time the page leaves for the sign-in page: the server session is gone.
    expect(page).to_have_url(re.compile(r"/accounts/login/"), timeout=IDLE * 1000)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    response = page.request.get(f"{live_server.url}/deliberations/", max_redirects=0)
    assert response.status == 302
    assert "/accounts/login/" in response.headers["location"]


def test_it_signs_out_after_typing_on_a_step_once_the_person_stops(
    page, live_server, start_deliberation, short_idle
):
    d = start_deliberation(title="Typed, then left", client_reference="CR-2020")
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/dilemma/")
    page.get_by_label(QUESTION).fill("Should I warn the partner, or keep the confidence?")
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))

    # The warning takes the focus from the field (a change event, a save): not activity.
    expect(page.locator("#idle-warning")).to_be_visible(timeout=IDLE * 1000)
    expect(page).to_have_url(re.compile(r"/accounts/login/"), timeout=IDLE * 1000)
    d.refresh_from_db()
    assert d.question == "Should I warn the partner, or keep the confidence?"
