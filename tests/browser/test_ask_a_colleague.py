"""Ask a colleague, in two browsers: the clinician asks, the colleague (a second browser
context) reads the shared steps and answers, the clinician cites the advice in the decision
and signs; the colleague's access ends with the signature. And a group's round."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Deliberation
from consults.models import ConsultGroup, ConsultRequest
from records.models import Snapshot
from tests.browser.conftest import login
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
SAVED = re.compile(r"^Saved \d{2}:\d{2}$")
ADVICE = "Stay with the client; take your reactions to supervision, not into the session."
LATER = "Ask your supervisor to review the plan in a month."


@pytest.fixture
def example(demo_users):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)
    # The first example is complete and a draft (the signing flow signs it too).
    return Deliberation.objects.filter(owner__username="clinician").order_by("pk").first()


@pytest.fixture
def jordan(demo_users):
    return UserFactory(
        username="jordan",
        first_name="Jordan",
        last_name="Lee",
        professional_title="Licensed clinical social worker",
        clinic=demo_users["clinician"].clinic,
    )


def test_it_asks_answers_cites_and_signs_with_two_browsers(
    page, browser, live_server, example, jordan, check_page
):
    d = example
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/consultation/")
    page.get_by_role("link", name="Ask a colleague…").last.click()
    page.get_by_label("Jordan Lee, Licensed clinical social worker").check()
    page.get_by_label("Your question").fill("Would you continue with this client, or refer?")
    page.get_by_label("Options", exact=True).check()
    check_page(page, "ask-01-form")
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.get_by_text("Asked 1 colleague.")).to_be_visible()
    expect(page.get_by_text("Waiting for: Jordan Lee")).to_be_visible()
    check_page(page, "ask-02-requests")

    other = browser.new_context(viewport={"width": 1366, "height": 768})
    colleague = other.new_page()
    login(colleague, live_server, "jordan", PASSWORD)
    colleague.get_by_role("link", name=re.compile("^Asked of me")).click()
    colleague.get_by_role("link", name=d.title).click()
    colleague.get_by_role("link", name="Options").click()
    # The option's name, in a read-only field as the worksheet shows it.
    expect(colleague.locator('input[value="Continue, with supervision"]')).to_be_disabled()
    expect(colleague.get_by_role("link", name="Your own values and bias")).to_have_count(0)
    check_page(colleague, "ask-03-colleague-reads-options")
    colleague.get_by_role("link", name="The question and your answer").click()
    colleague.get_by_label("Your advice").fill(ADVICE)
    colleague.get_by_label("Which option would you choose? (optional)").select_option(
        "Continue, with supervision"
    )
    colleague.get_by_label("Why (optional)").fill("It keeps faith with the client.")
    colleague.get_by_role("button", name="Sign and send the answer").click()
    expect(colleague.get_by_text("Answer signed and sent.")).to_be_visible()
    signature = "Advice from Jordan Lee, Licensed clinical social worker"
    expect(colleague.get_by_text(signature)).to_be_visible()
    check_page(colleague, "ask-04-colleague-answered")
    colleague.get_by_label("A later note").fill(LATER)
    colleague.get_by_role("button", name="Add the note").click()
    expect(colleague.get_by_text("Note added to your answer.")).to_be_visible()

    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/consultation/")
    received = page.locator(".row-card--received")
    expect(received).to_contain_text("Received through EthicsDesk")
    expect(received).to_contain_text(ADVICE)
    expect(received.locator(".answer__note")).to_contain_text(LATER)
    check_page(page, "ask-05-consultation-step")

    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/decision/")
    rationale = page.get_by_label("Rationale")
    rationale.fill(rationale.input_value() + " As Jordan Lee advised, I stay with the client.")
    expect(page.locator("#save-status")).to_have_text(SAVED, timeout=20000)

    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/review_sign/")
    page.get_by_role("link", name="Sign…").first.click()
    page.get_by_label("I have reviewed this rationale", exact=False).check()
    page.get_by_label("Your password").fill("demo-pass-123")
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_text("Signed. The deliberation is locked")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Advice from Jordan Lee")
    expect(page.locator("main")).to_contain_text("As Jordan Lee advised")
    check_page(page, "ask-06-signed-chart-note")
    expect(page.locator("main")).to_contain_text(LATER)
    chart_note = Snapshot.objects.get(deliberation=d).chart_note_text
    assert "Advice from Jordan Lee" in chart_note and f"{LATER})" in chart_note

    consult = ConsultRequest.objects.get()
    colleague.goto(f"{live_server.url}/asked-of-me/{d.pk}/{consult.pk}/")
    expect(colleague.get_by_text("the deliberation is signed")).to_be_visible()
    expect(colleague.get_by_role("link", name="Options")).to_have_count(0)
    other.close()


def test_it_runs_a_group_round(page, browser, live_server, example, jordan, demo_users, check_page):
    d = example
    group = ConsultGroup.objects.create(clinic=jordan.clinic, name="Ethics committee")
    group.members.set([jordan, demo_users["clinician"]])
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/ask/?step=dilemma")
    page.get_by_label("Or a group").select_option(label="Ethics committee")
    page.get_by_label("Your question").fill("Does the committee agree with continuing?")
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.get_by_text("Asked 1 colleague.")).to_be_visible()

    other = browser.new_context(viewport={"width": 1366, "height": 768})
    colleague = other.new_page()
    login(colleague, live_server, "jordan", PASSWORD)
    colleague.get_by_role("link", name=re.compile("^Asked of me")).click()
    colleague.get_by_role("link", name=d.title).click()
    colleague.get_by_label("Your advice").fill("I agree with continuing.")
    colleague.get_by_role("button", name="Sign and send the answer").click()
    expect(colleague.get_by_text("Answer signed and sent.")).to_be_visible()
    other.close()

    page.reload()
    page.get_by_role("link", name="Record the group's conclusion…").click()
    page.get_by_label("The group agrees").check()
    page.get_by_label("What the group concluded, and why").fill("The one member agrees.")
    check_page(page, "ask-07-group-conclusion")
    page.get_by_role("button", name="Record the conclusion").click()
    expect(page.get_by_text("The group agrees.")).to_be_visible()
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/consultation/")
    expect(page.locator("main")).to_contain_text("Ethics committee: conclusion")
