"""The installation's operator corrects a rule in the browser: a new draft of California's
duty to warn, a refused save that keeps what was typed, the preview as the fast path shows
it, and publishing. The rules screen then lists the new version."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import login
from tests.jurisdictions.rules import publish

pytestmark = pytest.mark.django_db(transaction=True)
CORRECTED = "Cal. Civ. Code §43.92(b)"


def test_it_lets_the_operator_draft_preview_and_publish_a_rule(page, live_server, check_page):
    publish(
        verified_on="2026-11-30",
        verified_by="Research session",
        verification="statute_text",
        verification_note="Read §43.92 on leginfo.legislature.ca.gov.",
    )
    User.objects.create_superuser("operator", "operator@example.org", "operator-pass-123")
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, "operator", "operator-pass-123")
    page.goto(f"{live_server.url}/clinic/rules/?jurisdiction=US-CA")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Jurisdiction rules: California (US-CA)"
    )
    check_page(page, "rules-for-the-operator")

    page.get_by_role("button", name="New draft of Duty to warn or protect third parties").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("version 2")
    expect(page.get_by_role("status").first).to_contain_text("Draft version 2 started")
    page.get_by_label("Citation").fill(CORRECTED)
    page.get_by_label("Time limits").fill("warning :: immediately\nwritten report")
    page.get_by_role("button", name="Save the draft").click()

    limits = page.get_by_label("Time limits")
    expect(page.locator("#id_time_limits_error")).to_contain_text(
        '"written report :: " needs both a <what> and a <when>.'
    )
    expect(limits).to_have_value("warning :: immediately\nwritten report")
    expect(page.get_by_label("Citation")).to_have_value(CORRECTED)
    check_page(page, "rule-draft-refused")

    limits.fill("warning :: immediately\nwritten report :: 36h")
    page.get_by_role("button", name="Save and preview").click()
    law = page.locator("section.law")
    expect(law.get_by_role("heading", level=3)).to_have_text(
        "The law where this applies: California (US-CA)"
    )
    expect(law).to_contain_text("written report: within 36 hours — by ")
    expect(law).to_contain_text(f"{CORRECTED} · source · last verified 30 November 2026")
    expect(law).to_contain_text("This is not legal advice")
    check_page(page, "rule-preview")

    page.get_by_role("link", name="Publish…").click()
    page.get_by_label("Change note").fill("Subsection (b) cited; written report within 36 hours.")
    check_page(page, "rule-publish")
    page.get_by_role("button", name="Publish version 2").click()

    expect(page.get_by_role("status").first).to_contain_text("version 2 is published")
    rule = page.get_by_role("region", name="Duty to warn or protect third parties: Mandatory")
    expect(rule).to_contain_text(CORRECTED)
    expect(rule).to_contain_text("2 versions in all")
    expect(rule.get_by_text("Retire version 2…")).to_be_visible()
    check_page(page, "rules-after-publishing")
