"""The database stops while a clinician types. The page says the text is kept and retries;
when the database is back, every keystroke is stored. Uses the project's private PostgreSQL
(no DATABASE_URL), which the test stops and starts."""

from __future__ import annotations

import os
import re

import pytest
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect

from accounts.models import User
from cases.services import deliberation_create
from ethicsdesk.dev import localdb
from frameworks.models import Framework
from frameworks.selectors import current_version
from tests.browser.conftest import login

# `alone`: it stops the PostgreSQL server every test process shares, so `make test` runs it
# after the parallel run, by itself.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.alone]
QUESTION = "The dilemma: “Should I … or …?”"
SAVED = re.compile(r"^Saved \d{2}:\d{2}$")


def test_it_keeps_every_keystroke_through_a_database_outage(
    page, live_server, demo_users, console_errors, artifacts_dir
):
    assert not os.environ.get("DATABASE_URL"), "this test stops the private PostgreSQL"
    call_command("load_frameworks", verbosity=0)
    d = deliberation_create(
        owner=User.objects.get(username="clinician"),
        title="Outage",
        client_reference="CR-503",
        framework_version=current_version(Framework.objects.get(clinic=None, slug="integrated")),
    )
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/dilemma/")
    field = page.get_by_label(QUESTION)
    field.fill("Should I warn the partner")
    expect(page.locator("#save-status")).to_have_text(SAVED)

    connection.close()
    assert localdb.stop()
    try:
        field.press_sequentially(", or keep the confidence?", delay=30)
        expect(page.locator("#save-status")).to_have_text(
            re.compile(r"^Not saved: the records database can.t be reached"), timeout=15000
        )
        page.screenshot(path=str(artifacts_dir / "outage-not-saved.png"))
    finally:
        localdb.ensure_running()
    connection.close()

    expect(page.locator("#save-status")).to_have_text(SAVED, timeout=30000)
    expect(page.locator("form[data-dirty]")).to_have_count(0)
    d.refresh_from_db()
    assert d.question == "Should I warn the partner, or keep the confidence?"
    # The refused requests while the database was down are the only console errors.
    assert all("503" in e or "htmx:" in e or "ERR_" in e for e in console_errors)
