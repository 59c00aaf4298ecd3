"""The matrix steps at 1366×768 (a clinic laptop): with four options, six principles and
long reasons, every reason and every chosen label can be read without scrolling sideways."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.crowded import crowded_deliberation
from tests.browser.layout import cut, overflow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def laptop(page):
    page.set_viewport_size({"width": 1366, "height": 768})
    return page


def test_it_shows_every_reason_and_mark_of_the_principles_matrix(
    laptop, live_server, demo_users, check_page
):
    call_command("load_frameworks", verbosity=0)
    d = crowded_deliberation(demo_users["clinician"])
    login(laptop, live_server, "clinician", "demo-pass-123")
    laptop.goto(f"{live_server.url}/deliberations/{d.pk}/steps/principles/")
    expect(laptop.locator("textarea.reason")).to_have_count(24)
    check_page(laptop, "matrix-principles-1366")
    assert overflow(laptop) <= 0
    assert cut(laptop, ".matrix textarea, .matrix select", chars=40) == []
    assert cut(laptop, ".matrix th, .matrix-option legend") == []
    # The side panel is below the matrix, not squeezing it.
    table = laptop.locator(".matrix").first.bounding_box()
    panel = laptop.locator("#side-panel").bounding_box()
    assert panel["y"] > table["y"] + table["height"]


def test_it_shows_every_label_of_the_consequences_matrix(
    laptop, live_server, demo_users, check_page
):
    call_command("load_frameworks", verbosity=0)
    d = crowded_deliberation(demo_users["clinician"])
    login(laptop, live_server, "clinician", "demo-pass-123")
    laptop.goto(f"{live_server.url}/deliberations/{d.pk}/steps/consequences/")
    expect(laptop.locator(".matrix select")).to_have_count(32)
    check_page(laptop, "matrix-consequences-1366")
    assert overflow(laptop) <= 0
    assert cut(laptop, ".matrix select") == []
    assert cut(laptop, ".matrix th, .matrix-option legend") == []
