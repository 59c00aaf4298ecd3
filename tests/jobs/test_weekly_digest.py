"""A supervisor may opt into a weekly digest of their queue (Account → Weekly digest): one
e-mail a week with counts and links, no titles or clinical text, sent once per week."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobs.models import WeeklyDigest
from jobs.tasks import weekly_digest_email, weekly_digests
from review import services
from tests.jobs_runner import run_jobs

pytestmark = pytest.mark.django_db
MONDAY = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


def test_it_saves_the_supervisors_choice(client, world):
    client.force_login(world["supervisor"])
    url = reverse("digest_settings")
    assert 'name="weekly_digest"' in client.get(url).content.decode()
    response = client.post(url, {"weekly_digest": "on"}, follow=True)
    assert "Saved: you will get the weekly digest." in response.content.decode()
    assert WeeklyDigest.objects.filter(user=world["supervisor"]).exists()
    client.post(url, {})
    assert not WeeklyDigest.objects.exists()


def test_it_is_offered_to_supervisors_only(client, world):
    client.force_login(world["clinician"])
    assert client.get(reverse("digest_settings")).status_code == 403
    page = client.get(reverse("account_change_password")).content.decode()
    assert "Weekly digest" not in page


def test_it_sends_the_weekly_digest_once_with_counts_only(world, make_deliberation):
    d = make_deliberation(follow_up_date=timezone.localdate())
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    run_jobs("notification_email")
    mail.outbox.clear()
    WeeklyDigest.objects.create(user=world["supervisor"])
    weekly_digests(timestamp=int(MONDAY.timestamp()))
    weekly_digests(timestamp=int(MONDAY.timestamp()))  # a second run of the same week
    run_jobs()
    [message] = mail.outbox
    assert message.to == ["supervisor@example.org"]
    assert "waiting for your review: 1" in message.body
    assert "follow-ups due or overdue: 1" in message.body
    assert "Gift from a client" not in message.body and "CR-31" not in message.body
    weekly_digest_email(user_id=world["supervisor"].pk, week="2026-W49")
    assert len(mail.outbox) == 1


def test_it_sends_no_digest_to_who_did_not_ask(world):
    weekly_digests(timestamp=int(MONDAY.timestamp()))
    run_jobs()
    assert mail.outbox == []
