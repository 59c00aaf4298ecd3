"""``manage.py purge_expired`` deletes expired counters and cache entries, nothing live."""

from __future__ import annotations

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from ops import counters
from ops.models import CacheEntry, Counter

pytestmark = pytest.mark.django_db


def test_it_deletes_expired_counters_and_cache_entries_only():
    now = time.time()
    counters.hit("ended", window_seconds=1, now=now - 10)
    counters.hit("live", window_seconds=60, now=now)
    cache.set("live", 1, timeout=60)
    CacheEntry.objects.create(
        cache_key=":1:ended", value="x", expires=timezone.now() - timedelta(minutes=1)
    )
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 expired counters and 1 expired cache entries."
    assert list(Counter.objects.values_list("key", flat=True)) == ["live"]
    assert cache.get("live") == 1
