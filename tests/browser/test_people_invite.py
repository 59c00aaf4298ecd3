"""The clinic admin invites a clinician from People; the clinician opens the e-mail's link,
chooses a password and lands on their home. Then the admin deactivates them, and the
clinician's open page in another browser goes to the sign-in page at its next request."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests.accounts.invitation_mail import LINK
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
LAPTOP = {"width": 1366, "height": 768}


def test_it_lets_an_admin_invite_a_clinician_who_then_signs_in(
    page, browser, live_server, demo_users, check_page, console_errors
):
    page.set_viewport_size(LAPTOP)
    login(page, live_server, "admin", "demo-pass-123")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    check_page(page, "people-list")

    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("First name").fill("Noor")
    page.get_by_label("Last name").fill("Haddad")
    page.get_by_label("E-mail").fill("clinician@riverside.example")  # the demo clinician's
    page.get_by_label("Professional title").fill("Associate counselor")
    page.get_by_label("Profession", exact=True).select_option(label="Counsellor")
    page.get_by_label("Supervisor").select_option(label="Sam Okafor — Clinical supervisor, LPC-S")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("already has an account here (Dana Reyes)")).to_be_visible()
    expect(page.get_by_label("Professional title")).to_have_value("Associate counselor")
    check_page(page, "people-invite-refused")

    page.get_by_label("E-mail").fill("noor@riverside.example")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Invitation sent to Noor Haddad")
    invitations = page.get_by_role("table", name="Invitations not yet accepted")
    expect(invitations.get_by_role("row", name="Noor Haddad")).to_contain_text("Valid until")
    check_page(page, "people-invited")

    link = LINK.search(mail.outbox[-1].body).group(0)
    clinician = browser.new_context(viewport=LAPTOP).new_page()
    clinician.set_default_timeout(8000)
    clinician.on("pageerror", lambda exc: console_errors.append(str(exc)))
    clinician.on(
        "console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None
    )
    clinician.goto(link)
    expect(clinician.get_by_role("heading", level=1)).to_have_text("Welcome, Noor")
    check_page(clinician, "invitation-accept")
    clinician.get_by_label("Choose a password").fill("riverside-noor-2026")
    clinician.get_by_label("Type it again").fill("riverside-noor-2026")
    clinician.get_by_role("button", name="Set password and sign in").click()
    expect(clinician.get_by_role("heading", level=1)).to_have_text("My deliberations")
    expect(clinician.get_by_role("status")).to_have_text("Welcome to EthicsDesk, Noor.")
    check_page(clinician, "invitation-accepted-home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.get_by_role("link", name="Noor Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noor Haddad")
    check_page(page, "person")
    page.get_by_role("button", name="Deactivate Noor Haddad…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deactivate Noor Haddad?")
    check_page(page, "person-deactivate-confirm")
    page.get_by_role("button", name="Deactivate", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Noor Haddad is deactivated")

    clinician.reload()
    expect(clinician.get_by_role("heading", name="Sign in")).to_be_visible()
    clinician.goto(link)
    expect(clinician.get_by_role("heading", level=1)).to_have_text(
        "This invitation link no longer works"
    )
    check_page(clinician, "invitation-used")


def test_it_lists_every_bad_row_of_an_import(page, live_server, demo_users, check_page):
    page.set_viewport_size(LAPTOP)
    login(page, live_server, "admin", "demo-pass-123")
    page.goto(f"{live_server.url}/accounts/clinic/people/import/")
    check_page(page, "people-import")
    csv = (
        "name,email,role,title,profession,supervisor_email\n"
        "Noor Haddad,noor@riverside.example,clinician,,counsellor,supervisor@riverside.example\n"
        "Lee Park,not-an-address,clinician,,,\n"
        "Ann Other,ann@riverside.example,emperor,,,\n"
    )
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Check and invite").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nothing was imported. 2 problems to correct")
    expect(alert).to_contain_text("Row 3 (Lee Park)")
    expect(alert).to_contain_text("Row 4 (Ann Other)")
    check_page(page, "people-import-refused")


def test_it_shows_reviews_left_without_a_supervisor(page, live_server, demo_users, check_page):
    """The demo supervisor leaves while the worked example EX-003 waits for their review."""
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)
    page.set_viewport_size(LAPTOP)
    login(page, live_server, "admin", "demo-pass-123")
    page.goto(f"{live_server.url}/accounts/clinic/people/")
    page.get_by_role("link", name="Sam Okafor").click()
    page.get_by_role("button", name="Deactivate Sam Okafor…").click()
    expect(page.get_by_role("main")).to_contain_text(
        "deliberations waiting for their review will show under People"
    )
    page.get_by_role("button", name="Deactivate", exact=True).click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    waiting = page.get_by_role("region", name="Waiting for a new supervisor")
    expect(waiting).to_contain_text("Dana Reyes: 1 waiting for review")
    check_page(page, "people-waiting-for-supervisor")
