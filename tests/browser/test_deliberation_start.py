"""My deliberations and New deliberation in a real browser: accessible, and the feeling hint."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import (
    PASSWORD,
    DeliberationFactory,
    FrameworkFactory,
    PublishedVersionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def frameworks():
    integrated = FrameworkFactory(clinic=None, name="Integrated worksheet", is_builtin_default=True)
    return {
        "default": PublishedVersionFactory(framework=integrated),
        "principles": PublishedVersionFactory(
            framework__clinic=None,
            framework__name="Principles",
            framework__suggested_for="confusion",
        ),
    }


def test_it_suggests_a_framework_for_the_feeling(page, live_server, frameworks, check_page):
    user = UserFactory()
    login(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/deliberations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My deliberations")
    check_page(page, "deliberations-empty")

    page.get_by_role("link", name="Start your first deliberation").click()
    framework = page.get_by_role("combobox", name="Framework")
    expect(framework).to_have_value(str(frameworks["default"].pk))
    check_page(page, "deliberation-new")

    page.get_by_label("Confused").check()
    expect(framework).to_have_value(str(frameworks["principles"].pk))
    expect(page.locator("#framework-suggestion")).to_have_text(
        "Suggested: Principles — you can choose any."
    )
    page.get_by_label("Not sure").check()
    expect(framework).to_have_value(str(frameworks["default"].pk))
    expect(page.locator("#framework-suggestion")).to_have_text("")


def test_it_lists_and_pages_deliberations_accessibly(page, live_server, frameworks, check_page):
    user = UserFactory()
    DeliberationFactory.create_batch(
        30, owner=user, framework_version=frameworks["default"], progress=40
    )
    login(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/deliberations/")
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    check_page(page, "deliberations-list")
    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
