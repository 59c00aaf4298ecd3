"""My deliberations and the review queue on a laptop screen (1366×768), with the worked
examples: the example waiting for review shows since when it waits and one open comment
(its thread has a reply, which is part of the thread, as in the stepper)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def examples(demo_users):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)


def test_it_shows_the_clinicians_list(browser, live_server, examples, check_page):
    page = browser.new_context(viewport=LAPTOP).new_page()
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/")
    expect(page.get_by_role("heading", name="My deliberations")).to_be_visible()
    expect(page.locator("tbody tr").first).to_be_visible()
    expect(page.get_by_text("1 open comment", exact=True)).to_be_visible()
    check_page(page, "list-laptop")


def test_it_shows_the_supervisors_queue(browser, live_server, examples, check_page):
    page = browser.new_context(viewport=LAPTOP).new_page()
    login(page, live_server, "supervisor", "demo-pass-123")
    page.goto(f"{live_server.url}/review/")
    row = page.locator("tbody tr").first
    expect(row.locator('[data-label="Waiting"]')).to_contain_text("since")
    expect(row.locator('[data-label="Open comments"]')).to_have_text("1")
    check_page(page, "queue-laptop")
