"""Finished jobs do not pile up: the daily periodic job removes the succeeded jobs that
finished more than JOBS_KEEP_DAYS ago, with procrastinate's own builtin and on the real
database; recent ones, failed ones and waiting ones stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from asgiref.sync import async_to_sync
from django.db import connection
from procrastinate.contrib.django import app

from jobs import queue
from jobs.tasks import remove_old_jobs

pytestmark = pytest.mark.django_db


def _job(status: str, *, finished_days_ago: float | None) -> int:
    """A job in ``status`` whose events (as procrastinate writes them) are that old."""
    job_id = queue.defer("notification_email", notification_id=0)
    with connection.cursor() as cursor:
        if status != "todo":
            cursor.execute("UPDATE procrastinate_jobs SET status = 'doing' WHERE id = %s", [job_id])
            cursor.execute("SELECT procrastinate_finish_job_v1(%s, %s, false)", [job_id, status])
        if finished_days_ago is not None:
            cursor.execute(
                "UPDATE procrastinate_events SET at = now() - %s WHERE job_id = %s",
                [timedelta(days=finished_days_ago), job_id],
            )
    return job_id


def _remaining() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM procrastinate_jobs")
        return {row[0] for row in cursor.fetchall()}


def _run_cleanup() -> None:
    """As the worker runs it: the task with its context (the builtin reads only ``app``)."""
    now = int(datetime.now(UTC).timestamp())
    async_to_sync(remove_old_jobs.func)(SimpleNamespace(app=app), timestamp=now)


def test_it_removes_succeeded_jobs_older_than_the_setting(settings):
    settings.JOBS_KEEP_DAYS = 30
    old = _job("succeeded", finished_days_ago=31)
    _run_cleanup()
    assert old not in _remaining()


def test_it_keeps_recent_failed_and_waiting_jobs(settings):
    settings.JOBS_KEEP_DAYS = 30
    kept = {
        _job("succeeded", finished_days_ago=29),
        _job("failed", finished_days_ago=90),
        _job("todo", finished_days_ago=90),
    }
    _run_cleanup()
    assert _remaining() == kept


def test_it_follows_the_setting(settings):
    settings.JOBS_KEEP_DAYS = 7
    week_old = _job("succeeded", finished_days_ago=8)
    _run_cleanup()
    assert week_old not in _remaining()


def test_it_is_scheduled_once_a_day_as_a_periodic_job(settings):
    periodic = app.periodic_registry.periodic_tasks.values()
    [task] = [p for p in periodic if p.periodic_id == "remove_old_jobs"]
    assert (task.task.name, task.cron) == ("remove_old_jobs", settings.JOBS_CLEANUP_CRON)
