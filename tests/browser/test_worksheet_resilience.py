"""Nothing typed is lost: the imminent-risk fast path, a save that can't reach the server,
and the same step open in two tabs."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from cases.models import Deliberation
from cases.services import deliberation_create
from frameworks.models import Framework
from frameworks.selectors import current_version
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
SAVED = re.compile(r"^Saved \d{2}:\d{2}$")
QUESTION = "The dilemma: “Should I … or …?”"


@pytest.fixture
def deliberation(demo_users):
    call_command("load_frameworks", verbosity=0)
    version = current_version(Framework.objects.get(clinic=None, slug="integrated"))
    return deliberation_create(
        owner=User.objects.get(username="clinician"),
        title="Confidentiality and a third party",
        client_reference="CR-5310",
        framework_version=version,
    )


def test_it_takes_an_imminent_case_through_the_fast_path(page, live_server, demo_users, check_page):
    call_command("load_frameworks", verbosity=0)
    login(page, live_server, "clinician", "demo-pass-123")
    page.get_by_role("link", name="New deliberation").first.click()
    page.get_by_label("Title").fill("Threat against a named coworker")
    page.get_by_label("Client reference").fill("CR-7002")
    page.get_by_label("Imminent risk of serious harm").check()
    page.get_by_role("button", name="Start the deliberation").click()

    expect(page.get_by_role("heading", name="Imminent risk: safety first")).to_be_visible()
    expect(page.get_by_text("Duty to warn and protect third parties").first).to_be_visible()
    check_page(page, "resilience-fast-path-01-screen")
    page.get_by_label(re.compile("^Duty to warn and protect third parties")).check()
    page.get_by_label(re.compile("^Notifying your supervisor")).check()
    page.get_by_label("What you did").fill(
        "Safety planning with the client; warned the person at risk through their employer's "
        "security office; called emergency services."
    )
    page.get_by_label("Who you called or told").fill("Emergency services; on-call supervisor")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Record the urgent action").click()

    expect(page.get_by_role("heading", level=2, name="The dilemma")).to_be_visible()
    expect(page.locator(".urgent-banner")).to_contain_text("Acted on urgently")
    check_page(page, "resilience-fast-path-02-worksheet")
    d = Deliberation.objects.get(title="Threat against a named coworker")
    assert d.urgency == "imminent"
    assert d.urgent_duties == ["duty-to-protect", "urgent-consultation"]
    assert d.urgent_action_at is not None and d.urgent_recorded_at is not None


def test_it_keeps_text_in_the_browser_while_the_server_cannot_be_reached(
    page, live_server, deliberation, check_page, console_errors
):
    login(page, live_server, "clinician", "demo-pass-123")
    url = f"{live_server.url}/deliberations/{deliberation.pk}/steps/dilemma/"
    page.goto(url)
    page.on("dialog", lambda dialog: dialog.accept())

    def refuse_saves(route):
        if route.request.method == "POST":
            route.abort()
        else:
            route.continue_()

    page.route(re.compile(r".*/steps/dilemma/$"), refuse_saves)
    page.get_by_label(QUESTION).fill("Should I tell the partner, or keep the confidence?")
    expect(page.locator("#save-status")).to_have_text(
        "Not saved — we keep your text and retry in a moment."
    )
    # The refused requests are expected errors here; nothing else may appear.
    assert {e.split(",")[0].split(" [")[0] for e in console_errors} <= {
        "htmx:afterRequest",
        "htmx:sendError",
        "Failed to load resource: net::ERR_FAILED",
    }
    console_errors.clear()
    check_page(page, "offline-01-not-saved")

    page.reload()
    expect(page.get_by_label(QUESTION)).to_have_value(
        "Should I tell the partner, or keep the confidence?"
    )
    page.unroute(re.compile(r".*/steps/dilemma/$"))
    expect(page.locator("#save-status")).to_have_text(SAVED, timeout=15000)
    deliberation.refresh_from_db()
    assert deliberation.question == "Should I tell the partner, or keep the confidence?"


def test_it_shows_the_conflict_when_two_tabs_edit_one_step(page, live_server, deliberation):
    login(page, live_server, "clinician", "demo-pass-123")
    url = f"{live_server.url}/deliberations/{deliberation.pk}/steps/dilemma/"
    page.goto(url)
    second = page.context.new_page()
    second.goto(url)

    page.get_by_label(QUESTION).fill("Words from the first tab.")
    expect(page.locator("#save-status")).to_have_text(SAVED)

    second.get_by_label(QUESTION).fill("Words from the second tab.")
    conflict = second.get_by_role("alert")
    expect(conflict).to_contain_text("Not saved: this was changed in another window")
    expect(conflict).to_contain_text("Words from the first tab.")
    expect(conflict).to_contain_text("Words from the second tab.")
    deliberation.refresh_from_db()
    assert deliberation.question == "Words from the first tab."

    second.get_by_role("button", name="Keep my text (save it over the newer one)").click()
    expect(second.get_by_label(QUESTION)).to_have_value("Words from the second tab.")
    expect(second.locator(".messages")).to_contain_text("Saved at")
    deliberation.refresh_from_db()
    assert deliberation.question == "Words from the second tab."


def test_it_settles_when_each_save_takes_longer_than_the_resend_delay(
    page, live_server, deliberation, monkeypatch
):
    """A slow server (every save 700 ms, over the page's 300 ms resend) still ends "Saved":
    the page's own resend of edits made during a save is not itself an edit, so it cannot
    keep the form dirty for ever (it did, on a loaded CI machine)."""
    import time

    from cases import services

    slow = services.step_save

    def step_save(**kwargs):
        time.sleep(0.7)
        return slow(**kwargs)

    monkeypatch.setattr(services, "step_save", step_save)
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{deliberation.pk}/steps/dilemma/")
    page.get_by_label("Facts: what happened").fill("The client named a coworker.")
    page.get_by_label("Ethical").check()
    page.get_by_label("Legal").check()
    page.get_by_label(QUESTION).fill("Should I warn, or keep working on safety with the client?")
    page.get_by_label("Ethical").uncheck()

    expect(page.locator("form[data-dirty]")).to_have_count(0, timeout=15000)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    page.wait_for_timeout(1500)  # nothing more is sent once it has settled
    expect(page.locator("form[data-dirty]")).to_have_count(0)
    deliberation.refresh_from_db()
    assert deliberation.facts == ["The client named a coworker."]
    assert deliberation.question.startswith("Should I warn")
    assert deliberation.kinds == ["legal"]
