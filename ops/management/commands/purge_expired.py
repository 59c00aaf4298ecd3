"""``manage.py purge_expired``: delete expired shared state (counters whose window ended,
database cache entries past their expiry). Each also goes away by itself (counters now and
then on a hit, cache entries when read or when the table is full); a periodic job of the task
queue may run this to keep the tables small."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from ops import counters
from ops.models import CacheEntry


class Command(BaseCommand):
    help = "Delete expired rate-limit counters and database cache entries."

    def handle(self, *args, **options) -> None:
        gone = counters.purge(now=time.time())
        cached, _ = CacheEntry.objects.filter(expires__lt=timezone.now()).delete()
        self.stdout.write(f"Deleted {gone} expired counters and {cached} expired cache entries.")
