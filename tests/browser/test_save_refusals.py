"""A row save that keeps losing the race for the deliberation's revision says "Not saved"
and why, keeps the text in the page and the browser, and is stored once saves calm down
(it used to say "Saved" and drop the browser's copy)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cases import services
from cases.models import Stakeholder
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
WORDS = "The client's sister, who drives her to sessions"


def test_it_keeps_a_busy_row_save_and_stores_it_on_retry(
    page, live_server, start_deliberation, monkeypatch, artifacts_dir
):
    d = start_deliberation(title="Busy saves", client_reference="CR-0409")
    row = Stakeholder.objects.create(deliberation=d, position=1)
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/stakeholders/")

    def lose(*args, **kwargs):
        raise services._Raced

    with monkeypatch.context() as busy:
        busy.setattr(services, "_bump", lose)  # every save loses the race
        page.get_by_label("Name or role").fill(WORDS)
        expect(page.locator("#save-status")).to_have_text(
            "Not saved: others were saving at the same moment; it is sent again in a moment."
            " Your text is kept."
        )
        stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
        assert WORDS.replace("'", "\\u0027") in stored or WORDS in stored
        expect(page.get_by_label("Name or role")).to_have_value(WORDS)
        row.refresh_from_db()
        assert row.name == ""
        page.screenshot(path=str(artifacts_dir / "refusal-01-busy.png"))

    expect(page.locator("#save-status")).to_have_text(
        re.compile(r"^Saved \d\d:\d\d"), timeout=15000
    )
    row.refresh_from_db()
    assert row.name == WORDS
    assert page.evaluate("Object.keys(localStorage).length") == 0
