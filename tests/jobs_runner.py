"""Running the queued jobs inside a test: the jobs procrastinate stored (through Django's
connection, in the test's transaction) are taken as a worker takes them (status "doing",
then procrastinate's own finish function) and run in this process. The tests of the worker
process itself are in tests/jobs/ (a real `manage.py worker`)."""

from __future__ import annotations

import json

from django.db import connection
from procrastinate.contrib.django import app


def run_jobs(*task_names: str) -> list[str]:
    """Run every job waiting now (only those of ``task_names`` if given), and those they
    defer, oldest first; returns their task names."""
    ran: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM procrastinate_register_worker_v1()")
        worker_id = cursor.fetchone()[0]
        while True:
            cursor.execute(
                "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s WHERE id = ("
                " SELECT id FROM procrastinate_jobs WHERE status = 'todo'"
                " AND (cardinality(%s::varchar[]) = 0 OR task_name = ANY(%s::varchar[]))"
                " AND (scheduled_at IS NULL OR scheduled_at <= now())"
                " ORDER BY id LIMIT 1) RETURNING id, task_name, args",
                [worker_id, list(task_names), list(task_names)],
            )
            row = cursor.fetchone()
            if row is None:
                break
            job_id, task_name, args = row
            # Django reads jsonb as text (its JSONField decodes it).
            app.tasks[task_name].func(**json.loads(args))
            cursor.execute("SELECT procrastinate_finish_job_v1(%s, 'succeeded', false)", [job_id])
            ran.append(task_name)
        cursor.execute("SELECT procrastinate_unregister_worker_v1(%s)", [worker_id])
    return ran


def queued() -> list[tuple[str, dict]]:
    """The jobs waiting in the queue: (task name, arguments), oldest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT task_name, args FROM procrastinate_jobs WHERE status = 'todo' ORDER BY id"
        )
        return [(name, json.loads(args)) for name, args in cursor.fetchall()]
