"""The law on the fast path in the browser: an imminent case in California (duty to warn:
mandatory) ticks a discharge step, which saves with its time, then moves to Texas (duty to
warn: permissive), where the rule shown changes with its classification."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Deliberation, DischargeTick
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_shows_the_law_of_two_jurisdictions_and_saves_a_tick_with_its_time(
    page, live_server, start_deliberation, check_page
):
    call_command("load_rules", stdout=StringIO())
    d = start_deliberation(title="Client names a coworker", client_reference="CR-7790")
    Deliberation.objects.filter(pk=d.pk).update(urgency="imminent")
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/urgent/")

    warn = page.locator(".law-rule").first
    expect(warn).to_contain_text("Duty to warn or protect third parties: Mandatory")
    expect(warn).to_contain_text("Cal. Civ. Code §43.92")
    expect(page.get_by_text("This is not legal advice")).to_be_visible()
    warn.get_by_label(
        "Make reasonable efforts to communicate the threat to the victim or victims"
    ).check()
    expect(page.locator("#save-status")).to_have_text(
        re.compile(r"^Saved \d{2}:\d{2}: .* done at \d{2}:\d{2}\.$"), timeout=10000
    )
    assert DischargeTick.objects.filter(deliberation=d, step=0).exists()
    check_page(page, "law-fast-path-01-california")

    page.get_by_label("Whose law applies").select_option("US-TX")
    page.get_by_role("button", name="Show this law").click()
    warn = page.locator(".law-rule").first
    expect(warn).to_contain_text("Duty to warn or protect third parties: Permissive")
    expect(warn).to_contain_text("Tex. Health & Safety Code")
    check_page(page, "law-fast-path-02-texas")
