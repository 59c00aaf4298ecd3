"""The imminent-risk fast path as a clinician meets it: the screen does not link to itself,
"When you acted" says to change it, and both times come back with the clinic's zone
(issue 13, item 22; the demo clinic is in America/Los_Angeles)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cases.models import Deliberation
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
STAMP = r"\d{1,2} \w{3} \d{4}, \d\d:\d\d P[SD]T"


def test_it_records_urgent_action_with_a_hint_and_times_in_the_clinics_zone(
    page, live_server, start_deliberation, check_page
):
    d = start_deliberation(title="Client threatens a named coworker", client_reference="CR-7781")
    Deliberation.objects.filter(pk=d.pk).update(urgency="imminent")
    login(page, live_server, "clinician", "demo-pass-123")

    page.goto(f"{live_server.url}/deliberations/{d.pk}/")
    expect(page.get_by_role("heading", name="Imminent risk: safety first")).to_be_visible()
    expect(page.get_by_role("link", name="Open the urgent safety screen")).to_have_count(0)
    when = page.get_by_label("When you acted")
    expect(when).not_to_have_value("")
    expect(page.get_by_text("Change it to when you actually acted")).to_contain_text(
        re.compile(r"P[SD]T")
    )
    check_page(page, "fast-path-01-screen")

    page.get_by_label("What you did").fill("Safety plan with the client; warned the coworker.")
    when.fill("2026-03-03T14:05")
    page.get_by_role("button", name="Record the urgent action").click()

    banner = page.locator(".urgent-banner")
    expect(banner).to_contain_text("Acted on urgently at 3 Mar 2026, 14:05 PST")
    expect(banner).to_contain_text(re.compile(rf"\(recorded {STAMP}\)"))
    check_page(page, "fast-path-02-banner")

    banner.get_by_role("link", name="See or update the urgent record").click()
    expect(page.get_by_label("When you acted")).to_have_value("2026-03-03T14:05")
    expect(page.locator(".urgent-banner").get_by_role("link")).to_have_count(0)

    page.goto(f"{live_server.url}/deliberations/{d.pk}/rationale/chart-note/")
    expect(page.locator(".document")).to_contain_text("3 March 2026, 14:05 PST")
    check_page(page, "fast-path-03-chart-note")

    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/review_sign/")
    # The chart note's preview: the same urgent section the chart note shows.
    expect(page.locator(".summary .document")).to_contain_text("3 March 2026, 14:05 PST")
    expect(page.get_by_role("link", name="Full report (asks for your password)")).to_be_visible()
    check_page(page, "fast-path-04-review-and-sign")
