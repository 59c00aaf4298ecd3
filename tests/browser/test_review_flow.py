"""Review in the browser: submit, comment on the principles step, request changes, revise,
resubmit, sign, co-sign; the chart note shows both signatures."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Deliberation
from tests.browser.conftest import login
from tests.factories import fresh_code

pytestmark = pytest.mark.django_db(transaction=True)
COMMENT = "Is fidelity really breached by referring? Say why in the reason."


def test_it_takes_a_deliberation_through_review(browser, live_server, demo_users, check_page):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)
    d = Deliberation.objects.filter(owner__username="clinician").order_by("pk").first()
    base = f"{live_server.url}/deliberations/{d.pk}"

    clinician = browser.new_context().new_page()
    clinician.set_default_timeout(8000)
    supervisor = browser.new_context().new_page()
    supervisor.set_default_timeout(8000)

    login(clinician, live_server, "clinician", "demo-pass-123")
    clinician.goto(f"{base}/steps/review_sign/")
    clinician.get_by_role("link", name="Submit for review…").click()
    clinician.get_by_label("Message to your supervisor (optional)").fill(
        "Please check the principles."
    )
    clinician.get_by_role("button", name="Submit for review").click()
    expect(clinician.get_by_text("Submitted for review.")).to_be_visible()

    login(supervisor, live_server, "supervisor", "demo-pass-123")
    expect(supervisor.get_by_role("heading", name="Review queue")).to_be_visible()
    # This one and the demo's example that is already waiting for review.
    expect(supervisor.locator("#badge-queue")).to_contain_text("2")
    check_page(supervisor, "review-01-queue")
    supervisor.get_by_role("link", name=d.title).click()
    supervisor.goto(f"{base}/steps/principles/")
    expect(supervisor.get_by_role("note").first).to_contain_text("You are reviewing")
    supervisor.get_by_role("textbox", name="Comment", exact=True).fill(COMMENT)
    supervisor.get_by_role("button", name="Add comment").click()
    expect(supervisor.locator("#comments")).to_contain_text(COMMENT)
    check_page(supervisor, "review-02-comment")
    supervisor.get_by_role("link", name="Review actions").click()
    supervisor.get_by_label("What should change?").fill("Answer my comment on the principles step.")
    supervisor.get_by_role("button", name="Request changes").click()
    expect(supervisor.get_by_text("Changes requested.")).to_be_visible()

    clinician.goto(f"{base}/steps/dilemma/")
    stepper = clinician.get_by_role("navigation", name="Steps")
    expect(stepper.get_by_role("link", name=re.compile("Principles"))).to_contain_text("1")
    stepper.get_by_role("link", name=re.compile("Principles")).click()
    expect(clinician.locator("#comments")).to_contain_text(COMMENT)
    clinician.get_by_label("Reply").fill("Referral breaks my promise to keep working with them.")
    clinician.get_by_role("button", name="Reply").click()
    expect(clinician.locator("#comments")).to_contain_text("Referral breaks my promise")
    clinician.get_by_role("button", name="Mark resolved").click()
    expect(clinician.locator("#comments")).to_contain_text("Resolved")
    check_page(clinician, "review-03-clinician-reply")
    clinician.get_by_label("Which principles conflict here?").fill(
        "Autonomy and fidelity pull against my own values; fidelity: I promised continuity."
    )
    expect(clinician.locator("#save-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))

    clinician.goto(f"{base}/steps/review_sign/")
    clinician.get_by_role("link", name="Submit for review…").click()
    clinician.get_by_role("button", name="Submit for review").click()
    clinician.goto(f"{base}/sign/")
    clinician.get_by_label("I have reviewed this rationale", exact=False).check()
    clinician.get_by_label("Your password").fill("demo-pass-123")
    clinician.get_by_role("button", name="Sign and lock").click()
    expect(clinician.get_by_text("Signed. The deliberation is locked")).to_be_visible()

    supervisor.goto(f"{base}/review/")
    # A supervisor always has a second factor: a fresh code from it confirms the co-signature.
    supervisor.get_by_label("Code from your authenticator app").fill(fresh_code("supervisor"))
    supervisor.get_by_role("button", name="Co-sign").click()
    signatures = supervisor.locator(".document__signatures")
    expect(signatures).to_contain_text("Author: Dana Reyes")
    expect(signatures).to_contain_text("Reviewed and co-signed: Sam Okafor")
    expect(signatures).to_contain_text("identity confirmed by authenticator app code")
    check_page(supervisor, "review-04-cosigned-chart-note")

    supervisor.goto(f"{live_server.url}/review/dashboard/")
    check_page(supervisor, "review-05-dashboard")
    report = f"{base}/rationale/report/"
    clinician.goto(report)
    # The full report holds the private reflection: it asks for the password first.
    expect(clinician.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    check_page(clinician, "review-06-confirm-password")
    clinician.get_by_label("Your password").fill("demo-pass-123")
    clinician.get_by_role("button", name="Confirm").click()
    expect(clinician.locator(".document")).to_contain_text("Changes requested")
