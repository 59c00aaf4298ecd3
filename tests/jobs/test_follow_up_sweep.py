"""The daily follow-up sweep, on a frozen clock: a follow-up due today reminds its clinician
once (a notification and an e-mail with the title and a link), however often the sweep
runs; nothing before the date, nothing once the follow-up is recorded, and nobody else."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core import mail

from cases.models import Deliberation
from jobs.followups import follow_up_sweep
from jobs.tasks import follow_up_sweep as follow_up_sweep_task
from review.models import Notification
from tests.jobs.conftest import FACTS
from tests.jobs_runner import run_jobs

pytestmark = pytest.mark.django_db

# 30 November 2026, 17:00 UTC: 09:00 in the clinic (Los Angeles), whose date is the 30th.
NOW = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
TODAY = date(2026, 11, 30)


def _reminders(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind="follow_up"))


def test_it_reminds_the_clinician_of_a_follow_up_due_today(world, make_deliberation):
    d = make_deliberation(follow_up_date=TODAY)
    assert follow_up_sweep(now=NOW) == 1
    [note] = _reminders(world["clinician"])
    assert note.deliberation_id == d.pk
    assert "Gift from a client" in note.text
    assert note.url == f"/deliberations/{d.pk}/"
    run_jobs()
    [message] = mail.outbox
    assert message.to == ["clinician@example.org"]
    assert message.subject == "EthicsDesk: Follow-up due"
    assert "Gift from a client" in message.body
    assert f"/deliberations/{d.pk}/" in message.body
    assert FACTS not in message.body and "CR-31" not in message.body


def test_it_reminds_once_when_the_sweep_runs_twice(world, make_deliberation):
    make_deliberation(follow_up_date=TODAY)
    assert follow_up_sweep(now=NOW) == 1
    assert follow_up_sweep(now=NOW) == 0
    follow_up_sweep_task(timestamp=int(NOW.timestamp()))  # as the periodic job runs it
    run_jobs()
    assert len(_reminders(world["clinician"])) == 1
    assert len(mail.outbox) == 1


def test_it_reminds_nobody_before_the_date_in_the_clinic_time_zone(world, make_deliberation):
    make_deliberation(follow_up_date=TODAY)
    # 07:00 UTC on the 30th is still the 29th in Los Angeles.
    assert follow_up_sweep(now=datetime(2026, 11, 30, 7, 0, tzinfo=UTC)) == 0
    make_deliberation(follow_up_date=date(2026, 12, 1))
    assert follow_up_sweep(now=NOW) == 1
    assert len(_reminders(world["clinician"])) == 1


def test_it_reminds_of_an_overdue_follow_up_not_yet_reminded(world, make_deliberation):
    make_deliberation(follow_up_date=date(2026, 11, 20))
    assert follow_up_sweep(now=NOW) == 1


def test_it_reminds_nobody_of_a_recorded_follow_up_or_a_deliberation_without_a_date(
    world, make_deliberation
):
    make_deliberation(follow_up_date=TODAY, outcome="The call went well.")
    make_deliberation(follow_up_date=None)
    assert follow_up_sweep(now=NOW) == 0
    assert Notification.objects.filter(kind="follow_up").count() == 0


def test_it_reminds_again_when_the_follow_up_date_moves(world, make_deliberation):
    d = make_deliberation(follow_up_date=date(2026, 11, 29))
    assert follow_up_sweep(now=NOW) == 1
    Deliberation.objects.filter(pk=d.pk).update(follow_up_date=TODAY)
    assert follow_up_sweep(now=NOW) == 1
    assert len(_reminders(world["clinician"])) == 2


def test_it_reminds_only_the_clinician(world, make_deliberation):
    make_deliberation(follow_up_date=TODAY)
    follow_up_sweep(now=NOW)
    run_jobs()
    assert list(Notification.objects.values_list("recipient", flat=True)) == [world["clinician"].pk]
    assert [m.to for m in mail.outbox] == [["clinician@example.org"]]


def test_it_reminds_nobody_whose_account_is_switched_off(world, make_deliberation):
    make_deliberation(follow_up_date=TODAY)
    world["clinician"].is_active = False
    world["clinician"].save()
    assert follow_up_sweep(now=NOW) == 0
    run_jobs()
    assert not Notification.objects.exists() and mail.outbox == []
