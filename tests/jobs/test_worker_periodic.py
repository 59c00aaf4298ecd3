"""Periodic jobs run once per schedule tick however many workers run: two real workers, the
follow-up sweep every two seconds, one job per tick and one reminder in all."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection

from review.models import Notification
from tests.conftest import ARTIFACTS
from tests.jobs.worker_process import Worker, smtp_start, wait_for, worker_env

pytestmark = pytest.mark.django_db(transaction=True)


def _sweeps() -> list[tuple[int, int]]:
    """(tick, jobs deferred for it) of the follow-up sweep."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (args->>'timestamp')::bigint, count(*) FROM procrastinate_jobs "
            "WHERE task_name = 'follow_up_sweep' GROUP BY 1 ORDER BY 1"
        )
        return cursor.fetchall()


def test_it_runs_each_tick_once_across_two_workers(world, make_deliberation):
    today = datetime.now(UTC).astimezone(ZoneInfo(world["clinic"].time_zone)).date()
    d = make_deliberation(follow_up_date=today)
    sink, smtp = smtp_start()
    env = worker_env(database=settings.DATABASES["default"], smtp_port=smtp.port)
    env["FOLLOW_UP_SWEEP_CRON"] = "* * * * * */2"  # every two seconds (croniter's seconds)
    log = ARTIFACTS / "worker-periodic.log"
    workers = [Worker(env=env, log_path=log).start() for _ in range(2)]
    try:
        wait_for(lambda: len(_sweeps()) >= 3, timeout=40, what="three ticks of the sweep")
        assert all(count == 1 for _, count in _sweeps())
        wait_for(lambda: sink.to("clinician@example.org"), what="the reminder")
        time.sleep(2.5)  # another tick or two
        assert len(sink.to("clinician@example.org")) == 1
        assert Notification.objects.filter(kind="follow_up", deliberation=d).count() == 1
    finally:
        for worker in workers:
            worker.stop()
        smtp.stop()
