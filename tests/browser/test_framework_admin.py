"""A clinic admin adapts the integrated worksheet: clone, add a question, reorder, preview,
publish. The new version is listed as published and is read-only."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Has the client's current safety plan been reviewed this week?"


def test_it_lets_an_admin_clone_adapt_preview_and_publish(
    page, live_server, demo_users, check_page
):
    call_command("load_frameworks")
    login(page, live_server, "admin", "demo-pass-123")
    expect(page.get_by_role("heading", level=1)).to_have_text("Frameworks")
    check_page(page, "frameworks-list")

    page.get_by_role("button", name="Clone Integrated worksheet version 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Integrated worksheet (adapted)")
    expect(page.get_by_role("note")).to_contain_text("This is a draft.")

    codes = page.locator("#step-codes_law")
    codes.get_by_text("Edit “Codes and law”").click()
    codes.get_by_label("Custom questions").fill(QUESTION)
    codes.get_by_role("button", name="Save step").click()
    expect(page.locator("#step-codes_law").get_by_role("status")).to_have_text("Saved.")
    check_page(page, "framework-draft-editor")

    page.locator("#step-stakeholders").get_by_role("button", name="Move up").click()
    titles = page.locator(".step-card h3")
    expect(titles.nth(2)).to_contain_text("Stakeholders")
    expect(titles.nth(3)).to_contain_text("Codes and law")
    expect(page.locator("#step-stakeholders h3")).to_be_focused()

    page.get_by_role("link", name="Preview as a clinician").click()
    page.get_by_role("navigation", name="Steps").get_by_role("link", name="Codes and law").click()
    expect(page.get_by_label(QUESTION)).to_be_visible()
    check_page(page, "framework-preview")
    page.get_by_role("link", name="Integrated worksheet (adapted) version 1").click()

    page.get_by_role("link", name="Publish…").click()
    page.get_by_label("Change note").fill(
        "Added a safety-plan question; stakeholders before codes."
    )
    check_page(page, "framework-publish")
    page.get_by_role("button", name="Publish version 1").click()

    expect(page.get_by_role("status").first).to_contain_text("is published")
    expect(page.locator(".meta .badge").first).to_have_text("Published")
    expect(page.get_by_role("button", name="Save step")).to_have_count(0)
    expect(page.get_by_role("button", name="Clone into a new draft")).to_be_visible()
    check_page(page, "framework-published")

    page.get_by_role("link", name="Frameworks").first.click()
    adapted = page.get_by_role("region", name="Integrated worksheet (adapted)")
    expect(adapted.get_by_role("row", name="Version 1")).to_contain_text("Published")
