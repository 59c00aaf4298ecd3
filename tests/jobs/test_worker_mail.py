"""A real worker process sends the notification e-mails and the follow-up reminders through
a real SMTP server, once each, from jobs committed by the app."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from django.conf import settings

from jobs import queue
from jobs.models import SentMail
from review import services
from review.models import Notification
from tests.conftest import ARTIFACTS
from tests.jobs.conftest import FACTS
from tests.jobs.worker_process import Worker, smtp_start, wait_for, worker_env

# One worker process and SMTP server serve the whole module: in a parallel run its tests stay
# together on one test process (`--dist loadgroup`) rather than each starting a pair.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("worker_mail")]


@pytest.fixture(scope="module")
def smtp():
    sink, controller = smtp_start()
    yield sink, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def worker(django_db_setup, smtp):
    database = settings.DATABASES["default"]
    env = worker_env(database=database, smtp_port=smtp[1])
    running = Worker(env=env, log_path=ARTIFACTS / "worker-mail.log").start()
    running.wait_registered(database)
    yield running
    running.stop()


@pytest.fixture
def sink(smtp, worker):
    smtp[0].messages.clear()
    return smtp[0]


def test_it_sends_a_notification_email_once(world, make_deliberation, sink):
    d = make_deliberation()
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    [text] = wait_for(lambda: sink.to("supervisor@example.org"), what="the e-mail")
    assert "Gift from a client" in text
    assert f"https://ethicsdesk.example.org/deliberations/{d.pk}/" in text
    assert FACTS not in text
    time.sleep(1)  # nothing more comes
    assert len(sink.messages) == 1
    assert SentMail.objects.count() == 1


def test_it_retries_an_email_the_mail_server_refused(world, make_deliberation, sink):
    sink.refuse_next = 1
    d = make_deliberation()
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    started = time.monotonic()
    wait_for(lambda: sink.to("supervisor@example.org"), what="the retried e-mail")
    assert time.monotonic() - started >= 2  # the first retry waits about two seconds
    assert sink.refuse_next == 0
    time.sleep(1)
    assert len(sink.messages) == 1


def test_it_runs_the_follow_up_sweep_and_reminds_once(world, make_deliberation, sink):
    from zoneinfo import ZoneInfo

    today = datetime.now(UTC).astimezone(ZoneInfo(world["clinic"].time_zone)).date()
    d = make_deliberation(follow_up_date=today)
    queue.defer("follow_up_sweep", timestamp=int(time.time()))
    [text] = wait_for(lambda: sink.to("clinician@example.org"), what="the reminder")
    assert "Follow-up due" in text and "Gift from a client" in text
    assert FACTS not in text
    again = queue.defer("follow_up_sweep", timestamp=int(time.time()) + 1)  # the next run
    wait_for(lambda: _finished(again), what="the second sweep")
    time.sleep(0.5)
    assert len(sink.messages) == 1
    assert Notification.objects.filter(kind="follow_up", deliberation=d).count() == 1


def _finished(job_id: int) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT status FROM procrastinate_jobs WHERE id = %s", [job_id])
        return cursor.fetchone()[0] == "succeeded"
