"""A deliberation whose follow-up date is today: after the sweep runs, the clinician sees the
reminder in Notifications and the follow-up at the top of My deliberations, and follows it
to the deliberation (a laptop screen, 1366×768)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from cases.models import Deliberation
from jobs.followups import clinic_today
from jobs.tasks import follow_up_sweep
from tests.browser.conftest import login
from tests.jobs_runner import run_jobs

pytestmark = pytest.mark.django_db(transaction=True)
LAPTOP = {"width": 1366, "height": 768}


def test_it_shows_the_follow_up_reminder_after_the_sweep(
    browser, live_server, start_deliberation, check_page
):
    d = start_deliberation(title="Gift from a client", client_reference="CR-31")
    clinician = User.objects.get(username="clinician")
    today = clinic_today(clinician.clinic.time_zone)
    Deliberation.objects.filter(pk=d.pk).update(follow_up_date=today)
    follow_up_sweep(timestamp=int(timezone.now().timestamp()))  # as the worker runs it
    run_jobs()

    page = browser.new_context(viewport=LAPTOP).new_page()
    login(page, live_server, "clinician", "demo-pass-123")
    page.goto(f"{live_server.url}/deliberations/")
    due = page.get_by_role("region", name="Follow-ups due")
    expect(due).to_be_visible()
    expect(due.get_by_role("link", name="Gift from a client")).to_be_visible()
    expect(due).to_contain_text("due today")
    expect(page.locator("#badge-unread")).to_have_text("1 unread")
    check_page(page, "follow-ups-due-laptop")

    page.get_by_role("link", name="Notifications").click()
    reminder = page.get_by_role("listitem").filter(has_text="Follow-up due")
    expect(reminder).to_contain_text("Gift from a client")
    check_page(page, "follow-up-notification-laptop")
    with page.expect_navigation():
        reminder.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gift from a client")
