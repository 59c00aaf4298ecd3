"""What every app server shares through PostgreSQL, beside sessions and the records.

Nothing that decides whether a request is allowed may live in one process's memory: with two
app servers an attacker would just alternate between them. Counters (rate limits) are rows
of ``Counter``, bumped atomically by ``ops.counters.hit``; other short-lived shared values
(django-allauth's rate limits, which keep a list of attempt times) go through Django's
database cache, whose table is ``CacheEntry`` (a model, so migrations create it and the
test runner's flush empties it).
"""

from __future__ import annotations

from django.db import models


class Counter(models.Model):
    """One fixed-window counter per key (e.g. ``autosave:<user id>``): ``window`` is the
    number of the current window, ``count`` the hits in it; a hit in a later window starts
    again at one. Rows past ``expires`` are dead and deleted by ``ops.counters.purge``."""

    key = models.CharField(max_length=200, primary_key=True)
    window = models.BigIntegerField()
    count = models.IntegerField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "ops_counter"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class CacheEntry(models.Model):
    """The table of Django's database cache backend (settings.CACHES), in the exact shape
    ``createcachetable`` would make, but created by a migration."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "ops_cache"

    def __str__(self) -> str:
        return self.cache_key
