"""E-mails sent by jobs, each at most once.

A job claims its e-mail's key (``SentMail``) and sends in one transaction: run twice, the
second run finds the key taken and sends nothing; killed before the send, the claim rolls
back with it and the retried job sends. A failure to send raises, so procrastinate retries
the job later (with back-off) instead of losing the e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from jobs.models import SentMail


def site_link(path: str) -> str:
    """An absolute link for an e-mail the worker sends (it has no request to read the host
    from): SITE_URL, the address people open EthicsDesk at."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def send_once(*, key: str, to: str, subject: str, body: str) -> bool:
    """Send the e-mail unless one with this key already went; True if this call sent it.
    Never clinical text: callers pass titles, names, counts and links only."""
    with transaction.atomic():
        # A concurrent run holding the same key waits here until it commits (then this one
        # sends nothing) or rolls back (then this one sends).
        _, claimed = SentMail.objects.get_or_create(key=key)
        if not claimed:
            return False
        EmailMessage(subject=subject, body=body, to=[to]).send(fail_silently=False)
    return True
