"""The law on the codes-and-law step in the browser: a clinician in California sees the
duty-to-warn rule beside the code provisions, adds its citation to the legal duties with one
click, judges that it applies and says why, signs, and the chart note shows the judgment."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Deliberation, PinnedRule
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
WHY = "He named his neighbour and said when."


def test_it_shows_the_california_rule_and_carries_the_judgment_to_the_chart_note(
    page, live_server, demo_users, check_page
):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)
    call_command("load_rules", stdout=StringIO())
    d = Deliberation.objects.filter(owner__username="clinician").order_by("pk").first()
    Deliberation.objects.filter(pk=d.pk).update(jurisdiction_code="US-CA", legal_duties="")
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/codes_law/")

    warn = page.locator(".law-rule").first
    expect(warn).to_contain_text("Duty to warn or protect third parties: Mandatory")
    expect(warn).to_contain_text("Cal. Civ. Code §43.92")
    expect(page.get_by_text("This is not legal advice")).to_be_visible()
    warn.locator("[data-add-citation]").click()
    duties = page.get_by_label("Legal duties that apply")
    expect(duties).to_have_value(re.compile(r"^Cal\. Civ\. Code §43\.92.* \(duty to warn"))
    warn.get_by_label("Applies", exact=True).check()
    warn.get_by_label(re.compile("^Why")).fill(WHY)
    expect(page.locator("#save-status")).to_have_text(
        re.compile(r"^Saved \d{2}:\d{2}$"), timeout=10000
    )
    warn.scroll_into_view_if_needed()
    check_page(page, "law-codes-01-california")
    pin = PinnedRule.objects.get(deliberation=d, rule_version__rule__duty="duty_to_warn")
    assert (pin.applies, pin.why) == ("applies", WHY)

    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/review_sign/")
    page.get_by_role("link", name="Sign…").first.click()
    page.get_by_label("I have reviewed this rationale", exact=False).check()
    page.get_by_label("Your password").fill("demo-pass-123")
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_text("Signed. The deliberation is locked")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"Applies: {WHY}")
    page.get_by_text(f"Applies: {WHY}").scroll_into_view_if_needed()
    check_page(page, "law-codes-02-chart-note")
