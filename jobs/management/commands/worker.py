"""`manage.py worker`: run one background worker (`make run` starts one; run as many as you
like, on as many machines: they share the queue in PostgreSQL). Ctrl-C or SIGTERM stops it
after the jobs in hand (a SIGKILL mid-job is recovered: jobs/worker.py)."""

from __future__ import annotations

import asyncio

from django.conf import settings
from django.core.management.base import BaseCommand
from procrastinate.contrib.django import app

from jobs.worker import retry_stalled


class Command(BaseCommand):
    help = "Run a background worker (mail, PDFs of signed records, follow-up reminders)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency", type=int, default=1, help="Jobs run at once (default 1)."
        )
        parser.add_argument(
            "--no-listen",
            action="store_true",
            help="Poll for new jobs every few seconds instead of LISTEN/NOTIFY (for a "
            "connection through PgBouncer in transaction mode).",
        )

    def handle(self, *args, concurrency: int, no_listen: bool, **options):
        # The worker's own connections (psycopg's async pool), not Django's: it listens for
        # new jobs (LISTEN/NOTIFY) and beats while jobs run.
        with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
            asyncio.run(self._run(worker_app, concurrency=concurrency, listen=not no_listen))

    async def _run(self, worker_app, *, concurrency: int, listen: bool) -> None:
        async with worker_app.open_async():
            # A worker started after another was killed picks up that one's jobs at once
            # (the periodic retry_stalled_jobs does it too, every minute).
            await retry_stalled(worker_app)
            await worker_app.run_worker_async(
                concurrency=concurrency,
                listen_notify=listen,
                update_heartbeat_interval=settings.WORKER_HEARTBEAT_SECONDS,
                stalled_worker_timeout=settings.WORKER_STALLED_SECONDS,
            )
