"""Codes and law in the browser: twenty-two provisions no longer make a page of several
screens, the filter box narrows them (without touching the worksheet's autosave), the
provisions the step does not point to are folded, and each note box is labelled."""

from __future__ import annotations

import copy
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.services import deliberation_create
from frameworks.models import Framework
from frameworks.selectors import current_version
from tests.browser.conftest import login
from tests.factories import PublishedVersionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _integrated():
    call_command("load_frameworks", verbosity=0)
    return current_version(Framework.objects.get(clinic=None, slug="integrated"))


def test_it_keeps_the_twenty_two_provisions_short_and_labels_each_note(
    page, live_server, demo_users, check_page
):
    d = deliberation_create(
        owner=demo_users["clinician"],
        title="Codes and law at a glance",
        client_reference="CR-2291",
        framework_version=_integrated(),
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/codes_law/")
    expect(page.locator("[data-provision-row]")).to_have_count(22)
    page.locator("details.guidance-box > summary").click()  # fold the guidance, as once read
    height = page.evaluate("document.documentElement.scrollHeight")
    # It was 5,800 px; 2,750 before the law of the jurisdiction joined the step (~240 px).
    assert height < 3000, height

    page.get_by_role("checkbox", name=re.compile("^Confidentiality and its limits")).check()
    note = page.get_by_label("How it bears on this case: Confidentiality and its limits")
    expect(note).to_be_visible()
    box = page.locator("label[for=id_note__confidentiality]")
    assert box.bounding_box()["height"] > 10  # a label a person can see, not a hidden one
    note.fill("The partner is at risk; the client was told the limits at intake.")
    expect(page.locator("#save-status")).to_have_text(
        re.compile(r"^Saved \d{2}:\d{2}$"), timeout=10000
    )
    check_page(page, "codes-law-1366")


def test_it_filters_the_provisions_and_opens_the_folded_ones(
    page, live_server, demo_users, check_page
):
    definition = copy.deepcopy(_integrated().definition)
    step = next(s for s in definition["steps"] if s["kind"] == "codes_law")
    step["provisions"] = ["duty-to-protect", "confidentiality", "informed-consent"]
    version = PublishedVersionFactory(
        framework__clinic=demo_users["clinician"].clinic, definition=definition
    )
    d = deliberation_create(
        owner=demo_users["clinician"],
        title="Focused codes",
        client_reference="CR-3",
        framework_version=version,
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/codes_law/")
    rows = page.locator("[data-provision-row]")
    expect(rows.filter(visible=True)).to_have_count(3)
    expect(page.get_by_text("Other provisions (19)")).to_be_visible()
    check_page(page, "codes-law-focused-1366")

    search = page.get_by_label("Find a provision")
    search.fill("exploit")
    expect(rows.filter(visible=True)).to_have_count(1)
    expect(rows.filter(visible=True)).to_contain_text("Boundaries")
    expect(page.get_by_text("1 of 22 provisions match.")).to_be_visible()
    # Typing in the filter is not an edit of the worksheet: nothing to save, nothing held back.
    expect(page.locator("form[data-dirty]")).to_have_count(0)
    expect(page.locator("#save-status")).to_have_text("Changes save as you type.")
    check_page(page, "codes-law-filtered-1366")

    search.fill("")
    expect(rows.filter(visible=True)).to_have_count(3)
