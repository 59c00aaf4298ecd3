"""A clinic admin links a second clinician to a supervisor, ends a link and finds it in the
history."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_lets_an_admin_add_and_end_supervision_links(page, live_server, demo_users, check_page):
    UserFactory(
        username="noor",
        first_name="Noor",
        last_name="Haddad",
        professional_title="Associate counselor",
        clinic=User.objects.get(username="admin").clinic,
    )
    login(page, live_server, "admin", "demo-pass-123")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Supervision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision")
    current = page.get_by_role("table", name="Current supervision links")
    expect(current.get_by_role("row", name="Sam Okafor")).to_contain_text("Dana Reyes")
    check_page(page, "supervision-list")

    page.get_by_role("link", name="Add a supervision link").click()
    page.get_by_label("Supervisor").select_option(label="Sam Okafor — Clinical supervisor, LPC-S")
    page.get_by_label("Supervises").select_option(
        label="Dana Reyes — Licensed professional counselor"
    )
    page.get_by_role("button", name="Add link").click()
    expect(page.get_by_role("alert")).to_have_text("Sam Okafor already supervises Dana Reyes.")
    check_page(page, "supervision-add-refused")

    page.get_by_label("Supervises").select_option(label="Noor Haddad — Associate counselor")
    page.get_by_role("button", name="Add link").click()
    expect(page.get_by_role("status")).to_have_text("Sam Okafor now supervises Noor Haddad.")
    expect(current.get_by_role("row")).to_have_count(3)

    page.get_by_role("button", name="End supervision of Dana Reyes by Sam Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "End Sam Okafor’s supervision of Dana Reyes?"
    )
    check_page(page, "supervision-end-confirm")
    page.get_by_role("button", name="End supervision").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Sam Okafor no longer supervises Dana Reyes from now on"
    )
    expect(current.get_by_role("row")).to_have_count(2)
    expect(current).not_to_contain_text("Dana Reyes")
    page.get_by_text("1 ended link", exact=True).click()
    history = page.get_by_role("table", name="Supervision that has ended")
    expect(history.get_by_role("row", name="Sam Okafor")).to_contain_text("Dana Reyes")
    check_page(page, "supervision-history")
