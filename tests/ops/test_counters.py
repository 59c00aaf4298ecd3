"""The one shared counter (ops/counters.py): atomic across connections, fixed windows,
expired rows purged."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from ops import counters
from ops.models import Counter

NOW = 1_800_000_000.5


def test_it_counts_hits_in_one_window_and_starts_again_in_the_next(db):
    assert [counters.hit("k", window_seconds=1, now=NOW) for _ in range(3)] == [1, 2, 3]
    assert counters.hit("k", window_seconds=1, now=NOW + 1) == 1
    assert counters.hit("other", window_seconds=1, now=NOW) == 1


def test_it_keeps_one_row_per_key_whatever_the_number_of_windows(db):
    for second in range(5):
        counters.hit("k", window_seconds=1, now=NOW + second)
    assert Counter.objects.filter(key="k").count() == 1


def test_it_purges_counters_whose_window_ended(db):
    counters.hit("old", window_seconds=60, now=NOW - 120)
    counters.hit("current", window_seconds=60, now=NOW)
    assert counters.purge(now=NOW) == 1
    assert list(Counter.objects.values_list("key", flat=True)) == ["current"]


@pytest.mark.django_db(transaction=True)
def test_it_counts_every_hit_from_racing_connections():
    """Four connections (as four app servers would) hit one key at once: every hit is
    counted once, none lost, so exactly ``limit`` of them are allowed."""
    start = threading.Barrier(4)
    seen: list[int] = []

    def hammer() -> None:
        start.wait()
        try:
            got = [counters.hit("race", window_seconds=3600, now=NOW) for _ in range(25)]
            seen.extend(got)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen) == list(range(1, 101))
    assert Counter.objects.get(key="race").count == 100
    assert connection.vendor == "postgresql"
