"""A worker SIGKILLed in the middle of a job: after a worker starts again the job completes,
once (one e-mail), because the job's claim of its e-mail died with its transaction."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.db import connection

from jobs.models import SentMail
from review import services
from review.models import Notification
from tests.conftest import ARTIFACTS
from tests.jobs.worker_process import (
    STALLED_SECONDS,
    Worker,
    smtp_start,
    wait_for,
    worker_env,
)
from tests.sso_provider.server import _connect

pytestmark = pytest.mark.django_db(transaction=True)


def _job(notification_id: int) -> tuple[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, attempts FROM procrastinate_jobs WHERE task_name = "
            "'notification_email' AND (args->>'notification_id')::bigint = %s",
            [notification_id],
        )
        return cursor.fetchone()


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_it_completes_the_job_once_after_the_worker_is_killed_mid_job(world, make_deliberation):
    sink, smtp = smtp_start()
    database = settings.DATABASES["default"]
    env = worker_env(database=database, smtp_port=smtp.port)
    log = ARTIFACTS / "worker-kill.log"
    blocker = _connect(database, database["NAME"])
    blocker.autocommit = False
    first = second = None
    try:
        d = make_deliberation()
        services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
        note = Notification.objects.get(recipient=world["supervisor"])
        # Another transaction holds the e-mail's key: the job's claim waits on it, so the
        # worker is in the middle of the job, its transaction open, when it is killed.
        blocker.execute(
            "INSERT INTO jobs_sentmail (key, sent_at) VALUES (%s, now())",
            [f"notification:{note.pk}"],
        )
        first = Worker(env=env, log_path=log).start()
        wait_for(lambda: _job(note.pk)[0] == "doing", what="the job to start")
        wait_for(_waiting_on_a_lock, what="the job to wait for the key")
        first.kill()
        blocker.rollback()  # the key is free again; the killed worker never committed
        assert _job(note.pk)[0] == "doing"  # left behind by the dead worker
        assert sink.messages == []

        time.sleep(STALLED_SECONDS + 1.5)  # the dead worker's last heartbeat grows old
        second = Worker(env=env, log_path=log).start()
        wait_for(lambda: sink.to("supervisor@example.org"), what="the e-mail")
        wait_for(lambda: _job(note.pk)[0] == "succeeded", what="the job to end")
        time.sleep(1)  # nothing more comes
        assert len(sink.messages) == 1
        assert SentMail.objects.filter(key=f"notification:{note.pk}").count() == 1
        assert _job(note.pk)[1] == 2  # the killed run and the one that finished
    finally:
        for worker in (first, second):
            if worker is not None:
                worker.stop()
        blocker.close()
        smtp.stop()
