"""In the browser, a step says what signing needs from it: the legend, the marked fields,
and the list of what is still missing, which shrinks as the clinician types."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_shows_what_signing_needs_and_what_is_still_missing(
    page, live_server, start_deliberation, check_page
):
    d = start_deliberation(title="Partner notification", client_reference="CR-2291")
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/dilemma/")

    expect(page.locator(".needed-legend")).to_have_text("* needed before you can sign")
    expect(
        page.get_by_role("textbox", name="Facts: what happened (needed before you can sign)")
    ).to_be_visible()
    expect(page.locator("label[for=id_facts] .required")).to_be_visible()
    expect(page.locator("label[for=id_assumptions] .required")).to_have_count(0)
    expect(page.locator("label[for=id_text] .required")).to_have_count(0)  # the comment box
    needs = page.locator("#step-needs")
    expect(needs).to_contain_text("List at least one fact.")
    expect(needs.locator("li")).to_have_count(3)
    check_page(page, "step-needs-dilemma")

    page.get_by_label("Facts: what happened").fill("The client disclosed a positive test.")
    expect(needs.locator("li")).to_have_count(2)
    expect(needs).not_to_contain_text("List at least one fact.")
    page.get_by_label("The dilemma: “Should I … or …?”").fill(
        "Should I tell the partner, or keep the client's confidence?"
    )
    page.get_by_label("Ethical").check()
    expect(needs).to_have_text("✓ This step has everything signing needs.")
    check_page(page, "step-needs-dilemma-done")
