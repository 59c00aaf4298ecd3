"""At the cap the Add button greys out and says why; a refused add says "Not saved" and why."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cases.models import Option
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_greys_out_add_at_the_cap_and_explains_a_refused_add(
    page, live_server, start_deliberation, check_page
):
    d = start_deliberation(title="Many options", client_reference="CR-1200")
    Option.objects.bulk_create(
        Option(deliberation=d, position=i + 1, label=f"Option {i + 1}") for i in range(11)
    )
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/options/")

    add = page.get_by_role("button", name="+ Add option")
    add.click()
    expect(page.locator("#rows-options > li")).to_have_count(12)
    expect(add).to_be_disabled()
    expect(page.locator("#add-options")).to_contain_text(
        "At most 12 options: remove one to add another."
    )
    page.evaluate("document.getElementById('add-options').scrollIntoView({block: 'center'})")
    check_page(page, "row-cap-01-add-greyed")

    # Another tab added the twelfth meanwhile: the server refuses and says why.
    page.evaluate("document.querySelector('#add-options button').disabled = false")
    add.click()
    expect(page.locator("#save-status")).to_have_text(
        "Not saved: a deliberation holds at most 12 options; remove one to add another option."
        " Your text is kept."
    )
    expect(page.locator("#rows-options > li")).to_have_count(12)
    assert Option.objects.filter(deliberation=d).count() == 12
