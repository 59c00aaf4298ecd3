"""The worker's jobs (procrastinate tasks; `manage.py worker` runs them). Each is thin: the
work is in the service it calls, and each is safe to run twice (a job killed mid-way runs
again). Failures are retried with exponential back-off."""

from __future__ import annotations

import logging

from procrastinate import RetryStrategy, builtin_tasks
from procrastinate.contrib.django import app

from jobs import digest, followups, pdfs
from jobs.mail import send_once, site_link
from jobs.queue import carries_request_id
from review.models import Notification, NotificationKind

logger = logging.getLogger(__name__)

# About 2 s, 4 s, 8 s, ... up to the 10th try (roughly half an hour in all).
RETRY = RetryStrategy(max_attempts=10, exponential_wait=2)


@app.task(name="notification_email", retry=RETRY)
@carries_request_id
def notification_email(notification_id: int) -> None:
    """The e-mail of one in-app notification: its title and a link, no clinical text."""
    n = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, recipient__is_active=True)
        .first()
    )
    if n is None or not n.recipient.email:
        return
    send_once(
        key=f"notification:{n.pk}",
        to=n.recipient.email,
        subject=f"EthicsDesk: {NotificationKind(n.kind).label}",
        body=f"{n.text}\n\nOpen it in EthicsDesk: {site_link(n.url)}\n",
    )


@app.task(name="signed_pdfs", retry=RETRY)
@carries_request_id
def signed_pdfs(deliberation_id: int) -> None:
    pdfs.signed_pdfs_store(deliberation_id=deliberation_id)


@app.task(name="weekly_digest_email", retry=RETRY)
@carries_request_id
def weekly_digest_email(user_id: int, week: str) -> None:
    digest.weekly_digest_send(user_id=user_id, week=week)


# Periodic jobs: procrastinate stores one job per schedule tick whatever the number of
# workers (a unique row per task and timestamp), and each is idempotent besides.
def _periodic(setting: str) -> str:
    from django.conf import settings

    return getattr(settings, setting)


@app.periodic(cron=_periodic("FOLLOW_UP_SWEEP_CRON"), periodic_id="follow_up_sweep")
@app.task(name="follow_up_sweep", queueing_lock="follow_up_sweep", retry=RETRY)
def follow_up_sweep(timestamp: int) -> None:
    reminded = followups.follow_up_sweep()
    logger.info("follow-up sweep reminded %d", reminded)


@app.periodic(cron=_periodic("WEEKLY_DIGEST_CRON"), periodic_id="weekly_digest")
@app.task(name="weekly_digests", queueing_lock="weekly_digests", retry=RETRY)
def weekly_digests(timestamp: int) -> None:
    from datetime import UTC, datetime

    digest.weekly_digests_defer(now=datetime.fromtimestamp(timestamp, tz=UTC))


@app.periodic(cron="* * * * *", periodic_id="retry_stalled_jobs")
@app.task(name="retry_stalled_jobs", queueing_lock="retry_stalled_jobs", pass_context=True)
async def retry_stalled_jobs(context, timestamp: int) -> None:
    """Jobs left "doing" by a worker that stopped beating (killed, machine lost) run again."""
    from jobs.worker import retry_stalled

    await retry_stalled(context.app)


@app.periodic(cron=_periodic("JOBS_CLEANUP_CRON"), periodic_id="remove_old_jobs")
@app.task(name="remove_old_jobs", queueing_lock="remove_old_jobs", pass_context=True)
async def remove_old_jobs(context, timestamp: int) -> None:
    """Succeeded jobs finished more than JOBS_KEEP_DAYS ago, with their events: procrastinate
    keeps every job row forever otherwise (docs/scaling.md counts them). procrastinate's own
    builtin, as its documentation makes it periodic; failed, cancelled and aborted jobs stay
    (its defaults) for someone to look at."""
    from django.conf import settings

    await builtin_tasks.remove_old_jobs(context, max_hours=settings.JOBS_KEEP_DAYS * 24)
