"""The benchmark's floor: what any page costs before the page's own work.

``floor`` answers with a static HTML page of a requested size after one trivial query. It
goes through the whole middleware stack (sessions, sign-in, CSRF, audit, CSP) like every
other page, so a scenario's time divided by the floor's is the page's own cost. The URL
exists only when ``settings.BENCH_FLOOR`` is on (``ethicsdesk.settings_bench``).
"""

from __future__ import annotations

from functools import lru_cache

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

DEFAULT_SIZE = 40_000
MAX_SIZE = 1_000_000

_HEAD = "<!doctype html><html lang=en><head><meta charset=utf-8><title>Floor</title></head><body>"
_TAIL = "</body></html>"
_LINE = "<p>The floor: a static page of the same size as a worksheet step.</p>\n"


@lru_cache(maxsize=16)
def static_page(size: int) -> bytes:
    """An HTML page of exactly ``size`` bytes (at least the smallest valid page)."""
    room = max(size - len(_HEAD) - len(_TAIL), 0)
    body = (_LINE * (room // len(_LINE) + 1))[:room]
    return (_HEAD + body + _TAIL).encode("ascii")


def requested_size(raw: str | None) -> int:
    try:
        size = int(raw or DEFAULT_SIZE)
    except ValueError:
        return DEFAULT_SIZE
    return min(max(size, 0), MAX_SIZE)


@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse(
        static_page(requested_size(request.GET.get("size"))),
        content_type="text/html; charset=utf-8",
    )
