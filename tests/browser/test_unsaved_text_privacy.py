"""Unsaved worksheet text kept in the browser (localStorage), including the private
reflection, is dropped on logout and on idle logoff, and never shown to another user of
the same browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
PRIVATE = "My own grief about my brother colours how I hear this client."
VALUES = "Your values, beliefs and background this case touches"


@pytest.fixture
def step_url(start_deliberation, live_server):
    d = start_deliberation(title="A private reflection", client_reference="CR-1212")
    return f"{live_server.url}/deliberations/{d.pk}/steps/values_bias/"


def _type_without_saving(page, step_url):
    page.route(
        re.compile(r".*/steps/values_bias/$"),
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.goto(step_url)
    page.get_by_label(VALUES).fill(PRIVATE)
    expect(page.locator("#save-status")).to_contain_text("Not saved")
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert PRIVATE in stored  # kept while signed in, as "nothing typed is lost" promises


def _nothing_left(page) -> None:
    # The signed-out page drops the copies when its script runs: a URL that matches is not
    # yet a page whose scripts ran (on a loaded machine the check came first).
    page.wait_for_load_state("load")
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert PRIVATE not in stored
    keys = page.evaluate("Object.keys(localStorage)")
    assert not [key for key in keys if key.startswith("ethicsdesk:")]
    assert PRIVATE not in page.content()


def test_it_drops_unsaved_text_on_logout_before_another_user_signs_in(
    page, live_server, step_url, console_errors
):
    login(page, live_server, "clinician", "demo-pass-123")
    _type_without_saving(page, step_url)
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" on unsaved text
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    _nothing_left(page)

    login(page, live_server, "supervisor", "demo-pass-123")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    _nothing_left(page)
    page.goto(step_url)
    _nothing_left(page)
    console_errors.clear()  # the refused saves


def test_it_never_restores_one_users_text_for_another(page, live_server, step_url):
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(step_url)
    # Text left by a user whose sign-out this browser never saw (a crash, a closed lid).
    page.evaluate(
        "k => localStorage.setItem(k, JSON.stringify({values: 'Not yours'}))",
        "ethicsdesk:someone-else:1:values_bias",
    )
    page.goto(step_url)
    expect(page.get_by_label(VALUES)).to_have_value("")
    assert page.evaluate("localStorage.getItem('ethicsdesk:someone-else:1:values_bias')") is None


def test_it_drops_unsaved_text_on_idle_logoff_after_a_last_attempt_to_save(
    page, live_server, step_url, settings, console_errors
):
    settings.SESSION_COOKIE_AGE = 8
    login(page, live_server, "clinician", "demo-pass-123")
    _type_without_saving(page, step_url)
    attempts: list[str] = []
    page.on(
        "request",
        lambda r: (
            attempts.append(r.headers.get("x-ethicsdesk-background", ""))
            if r.method == "POST" and "/values_bias/" in r.url
            else None
        ),
    )

    expect(page.locator("#idle-warning")).to_be_visible(timeout=8000)
    expect(page).to_have_url(re.compile(r"/accounts/login/"), timeout=8000)
    assert "true" in attempts  # the last attempt to save, sent as a background request
    _nothing_left(page)

    login(page, live_server, "supervisor", "demo-pass-123")
    _nothing_left(page)
    console_errors.clear()
