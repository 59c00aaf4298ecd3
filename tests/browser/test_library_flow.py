"""The case library in the browser: the author offers a signed deliberation, resolves the
identifier flags and sends the copy for review; the clinic admin (who finds the library's
reviewers under People) sends it back with a note, which the author reaches from the
notification, then approves it; it is found by search, and offered as a similar case beside
a new dilemma ("I consulted this")."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Consultation
from frameworks.models import Framework
from frameworks.selectors import current_version
from tests.browser.conftest import login
from tests.library.world import signed_deliberation

pytestmark = pytest.mark.django_db(transaction=True)
SCREEN = {"width": 1366, "height": 768}


def _page(browser):
    page = browser.new_context(viewport=SCREEN).new_page()
    page.set_default_timeout(8000)
    return page


def test_it_takes_a_case_from_offer_to_similar_cases(
    browser, live_server, demo_users, check_page, start_deliberation
):
    call_command("load_frameworks", verbosity=0)
    integrated = current_version(Framework.objects.get(clinic=None, slug="integrated"))
    d = signed_deliberation(
        demo_users["clinician"],
        integrated,
        title="A teenager asks me to keep her self-harm secret",
        facts=["Client Maria, 16, disclosed self-harm on March 3."],
    )
    clinician, admin = _page(browser), _page(browser)

    login(clinician, live_server, "clinician", "demo-pass-123")
    clinician.goto(f"{live_server.url}/deliberations/{d.pk}/rationale/chart-note/")
    clinician.get_by_role("button", name="Offer to the clinic's library").click()
    check_page(clinician, "library-01-flags")
    expect(clinician.get_by_role("heading", name="Identifier flags")).to_contain_text("2 open")

    date = clinician.locator("li.flag").filter(has_text="A date")
    date.get_by_label("Kept, with a reason").check()
    date.get_by_label("Why it may stay").fill("Only the month is kept; the day is made up.")
    date.get_by_role("button", name="Resolve").click()
    expect(clinician.get_by_text("Flag resolved.")).to_be_visible()
    name = clinician.locator("li.flag").filter(has_text="A client's name")
    name.get_by_label("Removed from the text").check()
    name.get_by_role("button", name="Resolve").click()
    expect(clinician.get_by_role("heading", name="Identifier flags")).to_contain_text(
        "all resolved"
    )
    expect(clinician.get_by_label("What happened")).to_have_value(
        "- Client [removed], 16, disclosed self-harm on March 3."
    )
    clinician.get_by_role("button", name="Send for review").click()
    expect(clinician.get_by_text("Sent for review.")).to_be_visible()

    login(admin, live_server, "admin", "demo-pass-123")
    admin.goto(f"{live_server.url}/accounts/clinic/people/")
    reviewers = admin.get_by_role("region", name="Library reviewers")
    expect(reviewers).to_contain_text("Alex Kim")
    check_page(admin, "library-00-people-reviewers")
    reviewers.get_by_role("link", name="Change the library reviewers").click()
    expect(admin.get_by_role("heading", name="Library reviewers")).to_be_visible()

    admin.goto(f"{live_server.url}/library/drafts/")
    admin.get_by_role("link", name=d.title).click()
    check_page(admin, "library-02-review")
    admin.get_by_label("What should change").fill("Leave out her age as well.")
    admin.get_by_role("button", name="Send back").click()
    expect(admin.get_by_text("Sent back to its author")).to_be_visible()

    clinician.goto(f"{live_server.url}/notifications/")
    clinician.get_by_role("link", name=re.compile("Your library entry was sent back")).click()
    expect(clinician.get_by_role("note")).to_contain_text("Leave out her age as well.")
    check_page(clinician, "library-02b-sent-back")
    clinician.get_by_role("button", name="Send for review").click()
    expect(clinician.get_by_text("Sent for review.")).to_be_visible()

    admin.goto(f"{live_server.url}/library/drafts/")
    admin.get_by_role("link", name=d.title).click()
    admin.get_by_role("button", name="Approve and publish").click()
    expect(admin.get_by_text("Published: the clinic can now find it")).to_be_visible()

    clinician.goto(f"{live_server.url}/library/")
    clinician.get_by_label("Search the library").fill("teenager keeps self-harm secret")
    clinician.get_by_role("button", name="Search").click()
    first = clinician.locator(".library-result").first
    expect(first).to_contain_text(d.title)
    check_page(clinician, "library-03-search")
    first.get_by_role("link", name=d.title).click()
    expect(clinician.get_by_role("heading", name="The dilemma")).to_be_visible()
    expect(clinician.locator("main")).not_to_contain_text(d.client_reference)
    check_page(clinician, "library-04-entry")

    new = start_deliberation(title="Secret self-harm", client_reference="CR-88")
    clinician.goto(f"{live_server.url}/deliberations/{new.pk}/steps/dilemma/")
    # The panel asks again 0.8 s after typing stops: wait for that answer, so it does not
    # replace the panel just after "I consulted this" (its confirmation would go with it).
    with clinician.expect_response(lambda r: "similar" in r.url and "self-harms" in r.url):
        clinician.get_by_role("textbox", name="The dilemma").fill(
            "Should I tell the parents of a teenager who self-harms?"
        )
    panel = clinician.get_by_role("complementary", name="Similar cases")
    expect(panel.get_by_role("link", name=d.title)).to_have_attribute("target", "_blank")
    check_page(clinician, "library-05-similar")
    panel.get_by_role("button", name=re.compile("^I consulted this")).click()
    expect(panel).to_contain_text("Recorded on the consultation step.")
    assert Consultation.objects.get(deliberation=new).kind == "library"
