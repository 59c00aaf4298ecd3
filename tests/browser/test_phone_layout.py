"""On a phone (390×844) nothing scrolls sideways, on any page a clinician or supervisor
uses, and each page's own content starts on the first screen: the worksheet's stepper folds
to the current step, with a way to open it."""

from __future__ import annotations

import contextlib

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import Deliberation
from review.services import ReviewRefused, deliberation_submit
from tests.browser.conftest import login
from tests.browser.crowded import crowded_deliberation
from tests.browser.layout import cut, overflow, wide_elements
from tests.factories import INTEGRATED_STEPS

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


def _fits(page, name: str, check_page, *, first: str = "main h1, main h2") -> None:
    assert overflow(page) <= 0, f"{name} scrolls sideways: {wide_elements(page)}"
    top = page.locator(first).first.bounding_box()["y"]
    assert top < PHONE["height"] - 100, f"{name}: content starts at {top} px"
    check_page(page, f"phone-{name}")


def test_it_fits_every_worksheet_step_on_a_phone(page, live_server, demo_users, check_page):
    call_command("load_frameworks", verbosity=0)
    d = crowded_deliberation(demo_users["clinician"])
    page.set_viewport_size(PHONE)
    login(page, live_server, "clinician", "demo-pass-123")
    for key in INTEGRATED_STEPS:
        page.goto(f"{live_server.url}{reverse('cases:step', args=[d.pk, key])}")
        expect(page.locator("details[data-stepper]")).not_to_have_attribute("open", "")
        _fits(page, f"step-{key}", check_page, first="#step-title")
        if key == "principles":
            assert cut(page, ".matrix textarea, .matrix select") == []

    # The folded stepper names the current step and opens to every step.
    stepper = page.get_by_role("navigation", name="Steps")
    summary = stepper.locator("summary")
    expect(summary).to_contain_text("Step 12 of 12: Follow-up")
    expect(stepper.get_by_role("link", name="Options")).to_be_hidden()
    summary.click()
    expect(stepper.get_by_role("link", name="Options")).to_be_visible()
    check_page(page, "phone-stepper-open")


def test_it_fits_the_other_pages_on_a_phone(browser, live_server, demo_users, check_page):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)
    d = Deliberation.objects.filter(owner__username="clinician").order_by("pk").first()
    # The examples may already have put this one in the supervisor's queue.
    with contextlib.suppress(ReviewRefused):
        deliberation_submit(deliberation=d, user=demo_users["clinician"], message="Please look.")

    clinician = browser.new_context(viewport=PHONE).new_page()
    clinician.set_default_timeout(8000)
    clinician.on("pageerror", lambda exc: pytest.fail(str(exc)))
    login(clinician, live_server, "clinician", "demo-pass-123")
    pages = {
        "list": reverse("cases:list"),
        "new": reverse("cases:new"),
        "chart-note": reverse("records:rationale", args=[d.pk, "chart-note"]),
        "report": reverse("records:rationale", args=[d.pk, "report"]),
        "urgent": reverse("cases:urgent", args=[d.pk]),
        "notifications": reverse("review:notifications"),
        "example-principles": reverse("cases:step", args=[d.pk, "principles"]),
        "example-review-sign": reverse("cases:step", args=[d.pk, "review_sign"]),
    }
    for name, url in pages.items():
        clinician.goto(f"{live_server.url}{url}")
        _fits(clinician, name, check_page)

    supervisor = browser.new_context(viewport=PHONE).new_page()
    supervisor.set_default_timeout(8000)
    login(supervisor, live_server, "supervisor", "demo-pass-123")
    for name, url in {
        "review-queue": reverse("review:queue"),
        "review-dashboard": reverse("review:dashboard"),
        "review-actions": reverse("review:actions", args=[d.pk]),
    }.items():
        supervisor.goto(f"{live_server.url}{url}")
        expect(supervisor.locator("main")).to_be_visible()
        _fits(supervisor, name, check_page)
