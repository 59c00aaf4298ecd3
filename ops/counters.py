"""Fixed-window counters shared by every app server, in one PostgreSQL row per key.

``hit`` is a single statement (INSERT ... ON CONFLICT DO UPDATE ... RETURNING): PostgreSQL
locks the row while it adds one, so concurrent hits from any number of processes are all
counted, none lost (Django's database cache ``incr`` is a read and a write: two racing
requests could both read 3 and both write 4). The window's number and end come from the
caller's clock (every app server keeps NTP time; a second's skew only shifts a window).

The hit runs on the request's connection and transaction: a request that rolls back
(an error) takes its hit back with it, and two requests for the same key wait for each
other's commit, which only matters for one person's own concurrent requests.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from django.db import connection

from ops.models import Counter

# About one hit in this many also deletes expired rows (any app server may), so the table
# holds roughly one row per active key; ``purge`` can also run from a periodic job.
PURGE_ONE_IN = 1000

_TABLE = Counter._meta.db_table
_HIT = f"""
    INSERT INTO {_TABLE} (key, "window", count, expires) VALUES (%s, %s, 1, %s)
    ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN {_TABLE}."window" = EXCLUDED."window"
                     THEN {_TABLE}.count + 1 ELSE 1 END,
        "window" = EXCLUDED."window",
        expires = EXCLUDED.expires
    RETURNING count
"""


def hit(key: str, *, window_seconds: float, now: float) -> int:
    """Count one hit for ``key`` in the fixed window of ``window_seconds`` holding ``now``
    (seconds since the epoch); return how many hits that window has had, this one included."""
    window = int(now // window_seconds)
    expires = datetime.fromtimestamp((window + 1) * window_seconds, tz=UTC)
    with connection.cursor() as cursor:
        cursor.execute(_HIT, [key, window, expires])
        (count,) = cursor.fetchone()
    if random.random() < 1 / PURGE_ONE_IN:  # noqa: S311 - spreading work, not security
        purge(now=now)
    return count


def purge(*, now: float) -> int:
    """Delete the counters whose window ended before ``now``; return how many."""
    expired_before = datetime.fromtimestamp(now, tz=UTC)
    deleted, _ = Counter.objects.filter(expires__lt=expired_before).delete()
    return deleted
