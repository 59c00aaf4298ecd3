"""The worker's e-mail of a notification: title and link, no clinical text, sent once however
many times the job runs; in-app notifications are there at once, before any worker."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from jobs.tasks import notification_email
from review import services
from review.models import Notification
from tests.jobs.conftest import FACTS
from tests.jobs_runner import run_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(world, make_deliberation):
    d = make_deliberation()
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    return d


def test_it_shows_the_notification_in_the_app_before_any_worker_ran(world, submitted):
    assert Notification.objects.filter(recipient=world["supervisor"]).exists()
    assert mail.outbox == []


@override_settings(SITE_URL="https://ethicsdesk.example.org")
def test_it_sends_the_title_and_an_absolute_link_without_clinical_text(world, submitted):
    assert run_jobs() == ["notification_email"]
    [message] = mail.outbox
    assert message.to == ["supervisor@example.org"]
    assert "Gift from a client" in message.body
    assert f"https://ethicsdesk.example.org/deliberations/{submitted.pk}/" in message.body
    assert FACTS not in message.body
    assert "CR-31" not in message.body


def test_it_sends_one_email_when_the_job_runs_twice(world, submitted):
    note = Notification.objects.get(recipient=world["supervisor"])
    run_jobs()
    notification_email(notification_id=note.pk)
    assert len(mail.outbox) == 1


def test_it_sends_nothing_to_a_switched_off_account(world, submitted):
    world["supervisor"].is_active = False
    world["supervisor"].save()
    run_jobs()
    assert mail.outbox == []
