"""Running the worker, and recovering the jobs of a worker that died mid-job."""

from __future__ import annotations

import logging

from django.conf import settings

logger = logging.getLogger(__name__)


async def retry_stalled(app) -> int:
    """Put back on the queue every job whose worker has not beaten for
    WORKER_STALLED_SECONDS (its process was killed or its machine lost). The jobs are safe
    to run again: each claims what it does (an e-mail's key, a reminder's date) in its own
    transaction, which died with the worker."""
    stalled = await app.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=settings.WORKER_STALLED_SECONDS
    )
    for job in stalled:
        logger.warning("retrying job %s (%s) of a stalled worker", job.id, job.task_name)
        await app.job_manager.retry_job(job)
    return len(stalled)
